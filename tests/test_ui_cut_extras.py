"""The Extras part of the cut editor: ticking a card puts it into the plan and adds its seconds
to the running total (unticking takes them off again and keeps what was typed), a loaded plan
shows its cards, logo, music and crossfade, each control lands in the plan's field, and
`changed` follows the user's edits but not loading a plan."""

import wave

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from liveassets.cuts.plan import (DEFAULT_DUCK, Card, CutPlan, Logo, Music,  # noqa: E402
                                  Segment)
from liveassets.cuts.validate import validate  # noqa: E402
from liveassets.ui.cut.extras import CutExtras  # noqa: E402
from mediagen import make_jpeg, make_png  # noqa: E402


def _photos(folder, n=3):
    return [Segment(str(folder / f"p{i}.jpg"), duration=2.0) for i in range(n)]


@pytest.fixture
def extras(qtbot, tmp_path):
    plan = CutPlan(name="Finals", segments=_photos(tmp_path))
    widget = CutExtras(plan)
    qtbot.addWidget(widget)
    widget.resize(380, 700)
    widget.show()
    return widget


@pytest.fixture
def count_changes(extras):
    seen = []
    extras.changed.connect(lambda: seen.append(1))
    return seen


def test_title_card_adds_its_seconds_and_unticking_takes_them_off(extras, qtbot, count_changes):
    plan = extras.plan
    assert plan.duration() == pytest.approx(6.0)
    box = extras.title_box
    assert not box.body.isVisible()  # collapsed while off
    box.setChecked(True)
    assert box.body.isVisible()
    qtbot.keyClicks(box.text, "Finals night")
    box.seconds.setValue(3.0)
    assert isinstance(plan.title, Card)
    assert (plan.title.text, plan.title.seconds) == ("Finals night", 3.0)
    assert plan.duration() == pytest.approx(9.0)
    assert count_changes

    box.setChecked(False)
    assert plan.title is None
    assert plan.duration() == pytest.approx(6.0)
    box.setChecked(True)  # what was typed comes back
    assert (plan.title.text, plan.title.seconds) == ("Finals night", 3.0)
    assert plan.duration() == pytest.approx(9.0)


def test_end_card_colours_and_image(extras, tmp_path, monkeypatch):
    plan = extras.plan
    box = extras.end_box
    box.setChecked(True)
    monkeypatch.setattr(box.bg, "choose_color", lambda: "#1A2B3C")
    box.bg.click()
    box.fg.set_color("#FFCC00")
    image = make_png(tmp_path / "bg.png")
    picked = []

    def choose(kind, current=None):
        picked.append(kind)
        return image

    monkeypatch.setattr(extras, "choose_file", choose)
    box.image.pick.click()
    assert picked == ["card image"]
    assert (plan.end_card.color, plan.end_card.text_color) == ("#1A2B3C", "#FFCC00")
    assert plan.end_card.image == image
    assert box.image.name.text() == "bg.png"
    box.image.clear.click()
    assert plan.end_card.image is None
    assert plan.title is None  # the other card is untouched


def test_set_plan_shows_its_extras_without_emitting_changed(extras, count_changes, tmp_path):
    plan = CutPlan(segments=_photos(tmp_path),
                   title=Card("Hello", 4.0, "#FF0000", "#00FF00"), caption="Live at the Arena",
                   logo=Logo("/x/logo.png", "bottom-left", 0.25),
                   music=Music("/x/song.mp3", volume=0.6, duck=1.0, fade_out=3.0),
                   crossfade=0.3)
    extras.set_plan(plan)
    assert count_changes == []
    assert extras.plan is plan
    t = extras.title_box
    assert t.isChecked() and t.text.text() == "Hello" and t.seconds.value() == 4.0
    assert (t.bg.color(), t.fg.color()) == ("#FF0000", "#00FF00")
    assert not extras.end_box.isChecked()
    assert extras.caption_box.text.text() == "Live at the Arena"
    lb = extras.logo_box
    assert lb.isChecked() and lb.file.name.text() == "logo.png"
    assert lb.corner.currentText() == "Bottom left" and lb.width_spin.value() == 25
    mb = extras.music_box
    assert mb.isChecked() and mb.file.name.text() == "song.mp3"
    assert mb.volume.value() == 60 and mb.volume_label.text() == "60 %"
    assert mb.under.currentData() == 1.0 and mb.fade.value() == 3.0
    assert extras.crossfade.value() == pytest.approx(0.3)
    # loading wrote nothing back
    assert plan.logo.width == 0.25 and plan.music.volume == 0.6 and plan.crossfade == 0.3

    extras.set_plan(CutPlan())  # a plan without extras unticks everything
    assert not any(box.isChecked() for box in extras.sections())
    assert count_changes == []


def test_logo_corner_and_width(extras, tmp_path, monkeypatch, count_changes):
    logo = make_png(tmp_path / "logo.png")
    monkeypatch.setattr(extras, "choose_file", lambda kind, current=None: logo)
    extras.logo_box.setChecked(True)
    extras.logo_box.file.pick.click()
    box = extras.logo_box
    box.corner.setCurrentIndex(box.corner.findText("Bottom right"))
    box.width_spin.setValue(30)
    assert extras.plan.logo == Logo(logo, "bottom-right", 0.30)
    assert box.width_spin.minimum() == 5 and box.width_spin.maximum() == 40
    assert count_changes


def test_music_volume_and_duck_or_mix(extras, qtbot, tmp_path):
    extras.set_music(str(tmp_path / "song.m4a"))  # what the "…" button does after the dialog
    music = extras.plan.music
    assert music.source.endswith("song.m4a") and music.duck == DEFAULT_DUCK
    box = extras.music_box
    box.volume.setValue(40)
    assert music.volume == pytest.approx(0.4) and box.volume_label.text() == "40 %"
    box.volume.setFocus()
    qtbot.keyClick(box.volume, Qt.Key_Right)
    assert music.volume == pytest.approx(0.41)
    box.under.setCurrentIndex(box.under.findData(1.0))
    assert music.duck == 1.0
    assert box.under.currentText().startswith("Mix")
    box.under.setCurrentIndex(box.under.findData(DEFAULT_DUCK))
    assert music.duck == DEFAULT_DUCK
    box.fade.setValue(2.5)
    assert music.fade_out == 2.5


def test_hand_written_duck_amount_is_kept(extras):
    plan = CutPlan(music=Music("/x/a.mp3", duck=0.5))
    extras.set_plan(plan)
    assert extras.music_box.under.currentText() == "Duck to 50 %"
    assert plan.music.duck == 0.5


def test_crossfade_shortens_the_cut(extras, count_changes):
    plan = extras.plan
    assert extras.crossfade.specialValueText() and extras.crossfade.value() == 0
    extras.crossfade.setValue(0.5)
    assert plan.crossfade == 0.5
    assert plan.duration() == pytest.approx(6.0 - 1.0)
    assert count_changes == [1]


def test_caption_line(extras, qtbot):
    box = extras.caption_box
    box.setChecked(True)
    assert extras.plan.caption == ""
    qtbot.keyClicks(box.text, "Live at the Arena")
    assert extras.plan.caption == "Live at the Arena"
    box.setChecked(False)
    assert extras.plan.caption is None
    assert box.text.maxLength() == 120


def test_file_dialog_starts_beside_the_first_segment(extras, tmp_path):
    assert extras.start_dir() == str(tmp_path)
    other = tmp_path / "brand"
    other.mkdir()
    assert extras.start_dir(str(other / "logo.png")) == str(other)


def test_a_plan_built_in_the_extras_validates(extras, tmp_path):
    for seg in extras.plan.segments:
        make_jpeg(seg.source, size=(64, 48))
    song = tmp_path / "song.wav"
    with wave.open(str(song), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x01" * 8000)
    extras.title_box.setChecked(True)
    extras.title_box.text.setText("Finals")
    extras.set_card_image("end_card", make_png(tmp_path / "end.png"))
    extras.set_logo(make_png(tmp_path / "logo.png"))
    extras.set_music(str(song))
    extras.caption_box.setChecked(True)
    extras.caption_box.text.setText("Main stage")
    extras.crossfade.setValue(0.5)
    assert validate(extras.plan) == []
    assert extras.plan.duration() == pytest.approx(6.0 - 1.0 + 2.0 + 2.0)


def test_a_ticked_logo_without_a_file_is_named_by_validate(extras):
    extras.logo_box.setChecked(True)
    assert [p.where for p in validate(extras.plan) if p.where == "logo"] == ["logo"]
