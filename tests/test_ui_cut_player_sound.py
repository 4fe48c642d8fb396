"""The cut editor's sound choices (#16): "Snap cuts to the beat" only with a music bed, and the
preview's segment bands sit on the bed's beats when it is on; the loudness target chosen in the
extras (-14 LUFS default, off, another value) is what the render aims at, and the level the
render reached is shown in its result line and stored on its asset."""

import pytest

pytest.importorskip("PySide6")

from sound_media import audio_file, clicks  # noqa: E402
from test_ui_cut_segments import _add  # noqa: E402
from test_ui_cuts import _clear_rights  # noqa: E402


def test_snap_needs_a_music_bed_and_is_saved_in_the_plan(qtbot, window, media, tmp_path):
    editor = _add(window, media["a"])
    sound = editor.extras.sound
    assert not sound.snap_box.isEnabled() and "music bed first" in sound.snap_box.toolTip()
    bed = audio_file(tmp_path / "bed.wav", clicks(6.0, 120))
    editor.extras.set_music(bed)
    assert sound.snap_box.isEnabled()
    sound.snap_box.setChecked(True)
    assert editor.plan.snap == "beats" and editor.plan.to_dict()["snap"] == "beats"
    sound.snap_box.setChecked(False)
    assert editor.plan.snap is None


def test_loudness_choices_write_the_plan_and_reload(qtbot, window, media):
    from liveassets.cuts.plan import CutPlan

    editor = _add(window, media["a"])
    sound = editor.extras.sound
    assert sound.loudness_combo.currentData() == "default"
    assert editor.plan.loudness == {"target_lufs": -14.0, "true_peak": -1.0}
    assert not sound.target_spin.isVisibleTo(sound)
    sound.loudness_combo.setCurrentIndex(sound.loudness_combo.findData("off"))
    assert editor.plan.loudness is False
    sound.loudness_combo.setCurrentIndex(sound.loudness_combo.findData("other"))
    assert sound.target_spin.isVisibleTo(sound)
    sound.target_spin.setValue(-23.0)
    assert editor.plan.loudness == {"target_lufs": -23.0, "true_peak": -1.0}
    editor.set_plan(CutPlan.from_dict({"segments": [], "loudness": {"target_lufs": -16}}))
    assert sound.loudness_combo.currentData() == "other" and sound.target_spin.value() == -16
    editor.set_plan(CutPlan.from_dict({"segments": [], "loudness": False}))
    assert sound.loudness_combo.currentData() == "off"


def test_the_render_line_shows_the_loudness_reached(qtbot, window, media):
    _clear_rights(window)
    editor = _add(window, media["a"], media["b"])
    editor.render_size = (90, 160)
    with qtbot.waitSignal(editor.rendered, timeout=120_000) as done:
        assert editor.start_render()
    asset = window.catalog.get(done.args[0])
    lufs, peak = asset["loudness_lufs"], asset["true_peak_dbtp"]
    assert lufs == pytest.approx(-14.0, abs=1.0) and peak <= -1.0 + 0.05
    text = editor.status.text()
    assert f"sound {lufs:.1f} LUFS, true peak {peak:.1f} dBTP (target -14 LUFS)" in text


def test_snapped_preview_bands_fall_on_the_beats(qtbot, window, media, tmp_path):
    _clear_rights(window)
    editor = _add(window, media["a"], media["b"])
    editor.segment(0).end = 1.3  # the cut would fall between beats (every 0.5 s)
    editor.ask_override = lambda problems: "Generated test bed"  # not in the library
    editor.extras.set_music(audio_file(tmp_path / "bed.wav", clicks(8.0, 120)))
    editor.extras.sound.snap_box.setChecked(True)
    editor.render_size = (90, 160)
    with qtbot.waitSignal(editor.previewed, timeout=120_000):
        editor.preview_button.click()
    timeline = editor.watching.player.timeline
    qtbot.waitUntil(lambda: timeline.spans[0][1] != 1.3, timeout=20_000)
    cut = timeline.spans[0][1]
    assert cut == pytest.approx(round(cut * 2) / 2, abs=0.03)  # on a beat of the 120 BPM bed
    assert abs(cut - 1.3) <= 0.5 and timeline.spans[1][0] == pytest.approx(cut)
    assert editor.plan.segments[0].end == 1.3  # the plan keeps what the user set
