"""The cut editor's Captions tab: an imported SRT shows as lines with times, each edit (text,
time, add, delete, import, align) lands in the plan the render reads and is one undo step,
bad input is refused with its reason and changes nothing, another cut starts with its own
captions and an empty history, and "Align script…" runs on the work pool and fills the list."""

import shutil

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402

from liveassets.cuts import subtitles  # noqa: E402
from liveassets.cuts.plan import CutPlan  # noqa: E402
from liveassets.ui.cut.captions import CaptionsPanel, clock, parse_clock  # noqa: E402
from liveassets.ui.cut.document import CutDocument  # noqa: E402
from liveassets.ui.jobs import JobRunner  # noqa: E402

SRT = ("1\n00:00:00,500 --> 00:00:01,500\nHello <i>Sydney</i>\n\n"
       "2\n00:00:02,000 --> 00:00:03,250\n字幕 👍🏽\n")


@pytest.fixture
def panel(qtbot, qtmodeltester, tmp_path):
    doc = CutDocument(CutPlan(name="Talk"))
    widget = CaptionsPanel(doc, jobs=JobRunner(inline=True))
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    (tmp_path / "talk.srt").write_text(SRT, encoding="utf-8")
    yield widget
    qtmodeltester.check(widget.model)
    widget.shutdown()


def cells(panel):
    m = panel.model
    return [[m.index(r, c).data() for c in range(3)] for r in range(m.rowCount())]


def test_import_shows_lines_with_times_and_is_one_undo_step(panel, tmp_path):
    assert panel.import_file(str(tmp_path / "talk.srt"))
    assert cells(panel) == [["0:00.500", "0:01.500", "Hello Sydney"],
                            ["0:02.000", "0:03.250", "字幕 👍🏽"]]
    assert panel.plan.captions == subtitles.to_plan(subtitles.parse_srt(SRT))
    assert panel.undo_stack.count() == 1
    panel.undo_stack.undo()
    assert panel.plan.captions == [] and panel.model.rowCount() == 0
    panel.undo_stack.redo()
    assert panel.model.rowCount() == 2


def test_each_edit_reaches_the_plan_and_undoes_alone(panel, tmp_path):
    panel.import_file(str(tmp_path / "talk.srt"))
    m = panel.model
    assert m.setData(m.index(0, 2), "Hello everyone")
    assert m.setData(m.index(1, 0), "0:01.8")
    assert panel.plan.captions[0]["text"] == "Hello everyone"
    assert panel.plan.captions[1]["start"] == 1.8
    # the second line now starts before the first ends: both kept, the list in start order
    assert m.setData(m.index(1, 0), "0.2")
    assert [c["text"] for c in panel.plan.captions] == ["字幕 👍🏽", "Hello everyone"]
    assert panel.undo_stack.count() == 4
    # a line break is shown and typed as ⏎, and kept as a line break in the plan
    assert m.setData(m.index(1, 2), m.index(1, 2).data(Qt.EditRole) + " ⏎ and all")
    assert panel.plan.captions[1]["text"] == "Hello everyone\nand all"
    assert m.index(1, 2).data() == "Hello everyone ⏎ and all"
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    assert panel.plan.captions[1]["start"] == 1.8
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    assert panel.plan.captions == subtitles.to_plan(subtitles.parse_srt(SRT))


def test_bad_input_is_refused_with_its_reason(panel, tmp_path, monkeypatch):
    panel.import_file(str(tmp_path / "talk.srt"))
    m = panel.model
    before = [dict(c) for c in panel.plan.captions]
    assert not m.setData(m.index(0, 0), "soon")
    assert "is not a time" in panel.status.text()
    assert not m.setData(m.index(0, 1), "0:00.2")  # before its start
    assert "end after it starts" in panel.status.text()
    assert not m.setData(m.index(0, 2), "   ")
    assert panel.plan.captions == before and panel.undo_stack.count() == 1
    (tmp_path / "bad.srt").write_text("1\n00:00:01,000 -> 00:00:02,000\nhi\n")
    seen = []
    monkeypatch.setattr("liveassets.ui.cut.captions.QMessageBox.warning",
                        lambda *a: seen.append(a[2]))  # the dialog a user would see
    assert not panel.import_file(str(tmp_path / "bad.srt"))
    assert seen and seen[0].startswith("bad.srt line 2:")
    assert panel.plan.captions == before


def test_add_delete_and_keyboard_undo(panel, qtbot, tmp_path):
    panel.import_file(str(tmp_path / "talk.srt"))
    panel.table.selectRow(0)
    panel.add()
    panel.table.closePersistentEditor(panel.model.index(1, 2))
    assert [c["text"] for c in panel.plan.captions][1] == "New caption"
    assert panel.plan.captions[1]["start"] == 1.5 and panel.plan.captions[1]["end"] == 3.5
    panel.table.selectRow(1)
    panel.table.setFocus()
    panel.delete_selected()
    assert [c["text"] for c in panel.plan.captions] == ["Hello Sydney", "字幕 👍🏽"]
    # Ctrl+Z in the list: the list's own action (key delivery needs an active window, which
    # an offscreen run among other tests does not always give)
    undo = [a for a in panel.table.actions() if a.shortcut() == QKeySequence(QKeySequence.Undo)]
    assert len(undo) == 1 and undo[0].shortcutContext() == Qt.WidgetWithChildrenShortcut
    undo[0].trigger()
    assert len(panel.plan.captions) == 3


def test_another_cut_brings_its_own_captions_and_history(panel, tmp_path):
    panel.import_file(str(tmp_path / "talk.srt"))
    other = CutPlan(name="Other", captions=[{"start": 1, "end": 2, "text": "Mine"}])
    panel.document.replace(other)
    assert cells(panel) == [["0:01.000", "0:02.000", "Mine"]]
    assert panel.undo_stack.count() == 0


def test_sidecar_export_reads_back(panel, tmp_path):
    panel.import_file(str(tmp_path / "talk.srt"))
    assert panel.export_srt(str(tmp_path / "out.srt"))
    assert subtitles.read(tmp_path / "out.srt") == subtitles.parse_srt(SRT)


def test_times_are_typed_as_people_write_them():
    assert parse_clock("1.5") == 1.5 and parse_clock("0:01.5") == 1.5
    assert parse_clock("1:02") == 62 and parse_clock("00:00:01,500") == 1.5
    assert parse_clock("1:00:00") == 3600 and clock(62.25) == "1:02.250"
    with pytest.raises(ValueError):
        parse_clock("-1")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_align_script_runs_on_the_work_pool_and_fills_the_list(qtbot, tmp_path):
    import subprocess

    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(tmp_path / "s.wav"),
                    "Welcome to the show. Thank you for coming."], check=True)
    from liveassets.media.writers import write_clip
    import wave
    import numpy as np

    with wave.open(str(tmp_path / "s.wav")) as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float32) / 32768
    x = np.interp(np.arange(int(len(x) * 48000 / rate)) / 48000, np.arange(len(x)) / rate, x)
    x = np.concatenate([np.zeros(24000), x, np.zeros(24000)]).astype(np.float32)
    seconds = int(len(x) / 48000 * 10) / 10
    write_clip(str(tmp_path / "talk.mp4"), (np.zeros((90, 160, 3), np.uint8)
                                            for _ in range(int(seconds * 10))),
               (160, 90), fps=10, audio=np.repeat(x[None, :], 2, axis=0))
    plan = CutPlan.from_dict({"name": "Talk", "segments": [
        {"source": "talk.mp4", "start": 0, "end": seconds}]}, base=tmp_path)
    runner = JobRunner()
    panel = CaptionsPanel(CutDocument(plan), jobs=runner)
    qtbot.addWidget(panel)
    panel.align("Welcome to the show. Thank you for coming.")
    assert panel.job is not None and not panel.align_button.isEnabled()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    assert [c["text"] for c in plan.captions] == ["Welcome to the show.",
                                                  "Thank you for coming."]
    assert 0.3 <= plan.captions[0]["start"] <= 0.9
    assert panel.undo_stack.count() == 1 and panel.align_button.isEnabled()
    panel.shutdown()
    runner.shutdown()


def test_the_window_cut_dock_has_the_captions_tab_on_its_plan(window, media, tmp_path):
    """In the real window: the tab shares the editor's plan, job runner and undo history (the
    window's: Edit > Undo), a reopened saved cut shows its captions, and New cut empties the
    list; a step of the cut no longer open changes that cut only."""
    from liveassets.cuts.store import save_cut

    editor = window.cut_editor
    panel = editor.captions
    assert editor.tabs.tabText(editor.tabs.indexOf(panel)) == "Captions"
    assert panel.jobs is editor.jobs and panel.document is editor.document
    assert panel.undo_stack is editor.undo_stack is window.undo_stack
    assert not panel.undo_button.isVisibleTo(panel)  # Edit > Undo is the one place
    saved = CutPlan(name="Saved talk", captions=[{"start": 0.5, "end": 1.0, "text": "Hi 👋"}])
    save_cut(window.catalog, saved)
    editor.open_cut(saved.id)
    assert cells(panel) == [["0:00.500", "0:01.000", "Hi 👋"]]
    (tmp_path / "t.srt").write_text(SRT, encoding="utf-8")
    panel.import_file(str(tmp_path / "t.srt"))
    assert editor.plan.captions[0]["text"] == "Hello Sydney"  # what save and render read
    talk = editor.plan
    editor.new_cut()
    assert panel.model.rowCount() == 0
    assert window.undo_stack.undoText() == "Import captions"
    window.undo_stack.undo()
    assert talk.captions == saved.captions  # the import taken back from the cut it was in
    assert editor.plan.captions == [] and panel.model.rowCount() == 0


def test_render_from_the_window_writes_the_srt_when_asked(qtbot, window, media, tmp_path,
                                                         messages):
    """"In the render: As an .srt beside the clip": the window's render writes the sidecar
    (reads back equal) and leaves the picture without the caption band."""
    import av

    from liveassets.cuts.frames import safe_box
    from test_ui_cuts import _add_all, _clear_rights

    editor = _add_all(window, media)
    _clear_rights(window)
    editor.render_size = (180, 320)
    (tmp_path / "out").mkdir()
    editor.output_path = str(tmp_path / "out" / "talk.mp4")
    (tmp_path / "t.srt").write_text(SRT, encoding="utf-8")
    editor.captions.import_file(str(tmp_path / "t.srt"))
    editor.captions.mode_combo.setCurrentIndex(editor.captions.mode_combo.findData("srt"))
    assert editor.start_render()
    qtbot.waitUntil(lambda: editor.token is None, timeout=60000)
    assert subtitles.read(tmp_path / "out" / "talk.srt") == subtitles.parse_srt(SRT)
    assert "talk.srt beside it" in editor.status.text()
    with av.open(editor.last_output) as c:
        frame = next(f for i, f in enumerate(c.decode(video=0)) if i == 30).to_ndarray(
            format="rgb24")  # 1.0 s: inside the first caption's time
    x0, y0, x1, y1 = safe_box((180, 320))
    band = frame[y1 - 20:y1, x0:x1].astype(int)
    assert (band.sum(axis=-1) < 120).sum() < 10  # no dark caption band: not burned in
