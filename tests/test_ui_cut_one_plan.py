"""One plan for the whole cut editor (issue #12): on a brand-new cut the title card, caption,
music bed and crossfade typed into the extras tab reach validation, the render, Save, the plan
file and Duplicate; an unlicensed music bed is named by the rights gate (never dropped); New cut
starts clean in every panel; a render that finishes after another cut was opened records its
history in the cut it rendered."""

import json
import os

import av
import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QFileDialog  # noqa: E402

import liveassets.cuts.validate as validate_module  # noqa: E402
from liveassets.cuts.store import load_cut  # noqa: E402
from liveassets.media.scan import scan  # noqa: E402
from mediagen import make_audio  # noqa: E402
from test_ui_cuts import _select  # noqa: E402


@pytest.fixture
def song(tmp_path, library, media):
    """A music track in the library whose rights are pending (not licensed for a public cut)."""
    folder = tmp_path / "music"
    folder.mkdir()
    path = make_audio(folder / "song.m4a", seconds=3.0)
    scan(library, [str(folder)])
    library.set_rights([library.by_path(path)["id"]], status="pending")
    cleared = [library.by_path(media[k])["id"] for k in ("a", "photo")]
    library.set_rights(cleared, status="cleared")
    return path


def _brand_new_cut(win, media, song, qtbot):
    """Segments and all four extras typed into a cut nobody opened or reset."""
    _select(win, media["a"], media["photo"])
    win.add_to_cut_action.trigger()
    editor = win.cut_editor
    extras = editor.extras
    extras.title_box.setChecked(True)
    qtbot.keyClicks(extras.title_box.text, "Finals night")
    extras.caption_box.setChecked(True)
    qtbot.keyClicks(extras.caption_box.text, "Live at the Arena")
    extras.set_music(song)  # what the Music "…" button does after its file dialog
    extras.crossfade.setValue(0.3)
    return editor


def _has_all_four(plan, song):
    return (plan.title is not None and plan.title.text == "Finals night"
            and plan.caption == "Live at the Arena"
            and plan.music is not None and plan.music.source == song
            and plan.crossfade == pytest.approx(0.3))


def test_a_new_cuts_extras_reach_the_rights_gate_and_the_render(qtbot, window, media, song,
                                                               messages, monkeypatch):
    editor = _brand_new_cut(window, media, song, qtbot)
    assert editor.extras.plan is editor.plan
    seen = []
    real = validate_module.validate
    monkeypatch.setattr(validate_module, "validate",
                        lambda plan, *a, **k: seen.append(plan) or real(plan, *a, **k))
    monkeypatch.setattr(editor, "ask_override", lambda problems: None)  # no override given
    assert not editor.start_render()
    assert seen and _has_all_four(seen[-1], song)
    kind, _title, text = messages[-1]
    assert kind == "warning" and "Music: song.m4a may not go into a public cut: rights " \
                                 "pending" in text
    assert not editor.is_rendering()

    window.catalog.set_rights([window.catalog.by_path(song)["id"]], status="cleared")
    editor.render_size = (90, 160)
    expected = editor.plan.duration()  # 2 s clip + 2 s still - 0.3 s crossfade + 2 s title
    assert expected == pytest.approx(5.7)
    with qtbot.waitSignal(editor.rendered, timeout=60_000):
        assert editor.start_render()
        rendered_plan = editor._job_plan
        editor.new_cut()  # another cut while the first renders
    assert _has_all_four(rendered_plan, song)
    with av.open(editor.last_output) as c:
        assert float(c.duration / 1_000_000) == pytest.approx(expected, abs=0.15)
        assert c.streams.audio
    assert editor.plan.history == [] and editor.plan.title is None  # the new cut is untouched
    saved = [load_cut(window.catalog, d["id"]) for d in editor.saved_cuts()]
    assert len(saved) == 1 and _has_all_four(saved[0], song)
    assert saved[0].history[-1]["event"] == "rendered"


def test_save_reopen_duplicate_and_new_cut_share_the_one_plan(qtbot, window, media, song,
                                                           monkeypatch, tmp_path):
    editor = _brand_new_cut(window, media, song, qtbot)
    extras = editor.extras
    editor.name_edit.setText("Finals recap")
    editor.target_combo.setCurrentIndex(editor.target_combo.findData(30.0))
    editor.save()
    saved_id = editor.plan.id
    assert _has_all_four(load_cut(window.catalog, saved_id), song)

    plan_file = tmp_path / "recap-plan.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(plan_file), ""))
    editor.export_plan()
    written = json.loads(plan_file.read_text(encoding="utf-8"))
    assert written["title"]["text"] == "Finals night" and written["caption"] == \
        "Live at the Arena" and written["crossfade"] == 0.3 and written["target"] == 30.0
    assert os.path.abspath(os.path.join(tmp_path, written["music"]["source"])) == song

    editor.new_cut()
    assert extras.plan is editor.plan and editor.plan.id is None
    assert not any(box.isChecked() for box in extras.sections())
    assert extras.crossfade.value() == 0 and editor.list.count() == 0
    assert editor.target() == 15.0
    extras.title_box.setChecked(True)  # a fresh card, not the previous cut's
    assert editor.plan.title.text == "" and extras.title_box.text.text() == ""
    extras.title_box.setChecked(False)

    editor.open_cut(saved_id)
    assert extras.plan is editor.plan and _has_all_four(editor.plan, song)
    assert extras.title_box.isChecked() and extras.title_box.text.text() == "Finals night"
    assert extras.caption_box.text.text() == "Live at the Arena"
    assert extras.music_box.file.name.text() == "song.m4a"
    assert extras.crossfade.value() == pytest.approx(0.3) and editor.target() == 30.0
    assert editor.list.count() == 2

    editor.duplicate()
    assert editor.plan.id != saved_id and extras.plan is editor.plan
    assert _has_all_four(load_cut(window.catalog, editor.plan.id), song)
    extras.caption_box.text.setText("Copy only")  # edits the copy, not the original
    editor.save()
    assert load_cut(window.catalog, editor.plan.id).caption == "Copy only"
    assert load_cut(window.catalog, saved_id).caption == "Live at the Arena"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(plan_file), ""))
    editor.import_plan()
    assert extras.plan is editor.plan and _has_all_four(editor.plan, song)
    assert extras.caption_box.text.text() == "Live at the Arena" and editor.list.count() == 2
