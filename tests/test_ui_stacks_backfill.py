"""An old library (scanned before culling scores) opened in the window: a background job
scores its photos and finds stacks with a progress bar and Cancel, the window stays usable,
and the Blurry and Blown out collections count what it found."""

from __future__ import annotations

import threading

import numpy as np
import pytest

pytest.importorskip("PySide6")

from PIL import Image, ImageFilter  # noqa: E402

import liveassets.media.rescore as rescore  # noqa: E402
from liveassets.catalog.stacks import SCORE_FIELDS, STACK_FIELDS  # noqa: E402
from liveassets.media.scan import scan  # noqa: E402
from liveassets.ui.library.sidebar import gather_counts  # noqa: E402


def old_library(library, folder, extra: int = 0) -> list[str]:
    """A sharp photo, its blurred copy, a blown-out one (and `extra` more sharp ones), scanned,
    then stripped of every score as a library from before scores looks."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    sharp = Image.fromarray(rng.integers(0, 256, (300, 400, 3), dtype=np.uint8))
    sharp.save(folder / "a_sharp.jpg", quality=90)
    sharp.filter(ImageFilter.GaussianBlur(8)).save(folder / "b_blurred.jpg", quality=90)
    Image.new("RGB", (400, 300), (255, 255, 255)).save(folder / "c_blown.jpg", quality=90)
    for i in range(extra):
        Image.fromarray(rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)).save(
            folder / f"d_{i:03d}.jpg", quality=80)
    scan(library, [str(folder)])
    ids = [d["id"] for d in sorted(library.all(), key=lambda d: d["path"])]
    assert all(library.get(a).get("thumbnail") for a in ids)
    library.apply("Before scores", {a: {f: None for f in (*SCORE_FIELDS, *STACK_FIELDS)}
                                    for a in ids})
    return ids


def counts(win) -> dict:
    return {name: n for name, _q, n in gather_counts(win.catalog)["collections"]}


def test_an_old_library_is_scored_in_the_background(qtbot, open_window, library, tmp_path):
    ids = old_library(library, tmp_path / "event")
    win = open_window()
    qtbot.waitUntil(lambda: all(library.get(a).get("sharpness") is not None for a in ids),
                    timeout=20_000)
    qtbot.waitUntil(lambda: not win.rescoring.running)
    assert "Scored 3 photos" in win.last_message
    assert not win.rescoring.progress.isVisible()
    found = counts(win)
    assert found["Blurry"] == 2 and found["Blown out"] == 1  # the blurred copy and the white one
    blurry = library.query("sharpness<60")
    assert {d["name"] for d in blurry} == {"b_blurred.jpg", "c_blown.jpg"}
    # The sidebar shows them (recounted from the change feed, not by a poll).
    qtbot.waitUntil(lambda: any("Blurry  (2)" == win.sidebar.collections.child(r).text()
                                for r in range(win.sidebar.collections.rowCount())))


def test_scoring_can_be_cancelled_and_the_window_stays_usable(qtbot, open_window, library,
                                                              tmp_path, monkeypatch):
    ids = old_library(library, tmp_path / "event", extra=5)
    started, release = threading.Event(), threading.Event()
    real = rescore.scores

    def slow_scores(picture):
        started.set()
        release.wait(10)
        return real(picture)

    monkeypatch.setattr(rescore, "scores", slow_scores)
    win = open_window()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    assert win.rescoring.running
    qtbot.waitUntil(lambda: win.rescoring.progress.isVisible()
                    and win.rescoring.cancel_button.isVisible())
    win.search.set_text("b_blurred")  # the grid still answers while photos are scored
    qtbot.waitUntil(lambda: win.model.rowCount() == 1)
    win.rescoring.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not win.rescoring.running, timeout=10_000)
    assert "cancelled" in win.last_message.lower()
    scored = [a for a in ids if library.get(a).get("sharpness") is not None]
    assert 1 <= len(scored) < len(ids)  # what was scored is kept, the rest is left for later
    assert not win.rescoring.progress.isVisible()


def test_a_library_with_scores_starts_no_job(qtbot, open_window, library, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(folder / "x.jpg")
    scan(library, [str(folder)])
    win = open_window()
    qtbot.waitUntil(lambda: win.rescoring.checked)  # counted on the reads pool
    assert not win.rescoring.running and not win.rescoring.progress.isVisible()
