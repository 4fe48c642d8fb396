"""The caption composer's keystroke latency, as JSON: from a key press (QTest.keyClick into a
4,000-character caption dense in emoji, hashtags, mentions and URLs) to the counter label
showing the new length, median and p95 over N keystrokes per platform, against the 16 ms frame
budget. "to_frame" adds processing the events the keystroke posted (the repaint of the caption
box, the labels and the warnings), i.e. until the next frame is ready.

Baseline measured in the same run: the same keystroke into a bare QPlainTextEdit holding the
same text (no counting, no highlighting, no warnings). Also reported: the debounced save (one
undoable PostStore.update through the undo stack), which runs 500 ms after typing stops.

Run: QT_QPA_PLATFORM=offscreen python tests/bench/bench_composer.py [--keys 50]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_publish import caption  # noqa: E402
from catalog_helpers import fake_assets  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.publish.captions import analyse  # noqa: E402
from liveassets.publish.hashtags import PublishSettings  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.posts.composer import CaptionComposer  # noqa: E402

BUDGET_MS = 16.0


def _stats(runs: list[float]) -> dict:
    runs = sorted(runs)
    return {"median_ms": round(statistics.median(runs), 3),
            "p95_ms": round(runs[min(len(runs) - 1, int(len(runs) * 0.95))], 3),
            "max_ms": round(runs[-1], 3)}


def _middle(editor) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    editor.setTextCursor(cursor)


CPU: dict[str, list[float]] = {}


def _type(editor, keys: int, app: QApplication, check=None, name: str = "") -> tuple[list, list]:
    """(key -> handled, key -> events processed) in wall ms; alternate typing and deleting so
    the caption stays the same length. CPU ms to the frame go to CPU[name] (less sensitive to
    a busy machine than wall time)."""
    handled, framed, cpu = [], [], []
    for i in range(keys):
        key = Qt.Key_A if i % 2 == 0 else Qt.Key_Backspace
        before = check() if check else None
        c, t = time.process_time(), time.perf_counter()
        QTest.keyClick(editor, key)
        t1 = time.perf_counter()
        app.processEvents()
        t2, c2 = time.perf_counter(), time.process_time()
        if check is not None and check() == before:
            raise AssertionError("the counter did not change with the keystroke")
        handled.append((t1 - t) * 1000)
        framed.append((t2 - t) * 1000)
        cpu.append((c2 - c) * 1000)
    CPU[name] = cpu
    return handled, framed


def bench(keys: int) -> dict:
    app = make_app(dark=True)
    rng = random.Random(3)
    text = caption(rng, 4000)
    res = {"caption_chars": len(text), "keystrokes_per_case": keys, "budget_ms": BUDGET_MS}
    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalog(Path(tmp) / "lib")
        try:
            docs = fake_assets(3)
            cat.apply("Fill", {d["id"]: d for d in docs})
            PublishSettings(never_use=["#LIVEFest2026"], codes={"c1": "@nova"}).save(cat)
            baseline = QPlainTextEdit()
            baseline.resize(460, 400)
            baseline.setPlainText(text)
            baseline.show()
            app.processEvents()
            _middle(baseline)
            _type(baseline, 6, app)  # warm-up
            handled, framed = _type(baseline, keys, app, name="baseline")
            res["baseline_bare_qplaintextedit"] = {"to_handled": _stats(handled),
                                                   "to_frame": _stats(framed),
                                                   "to_frame_cpu": _stats(CPU["baseline"])}
            baseline.close()
            stack = QUndoStack()
            for platform in ("tiktok", "instagram", "youtube", "x"):
                post = Post(asset_ids=[docs[3 % len(docs)]["id"]], platform=platform,
                            body=text, hashtags=["#LiveFest", "#night1"],
                            timezone="Australia/Sydney")
                PostStore(cat).create(post)
                c = CaptionComposer(cat, stack)
                c.resize(460, 900)
                c.show()
                c.load(post.id)
                app.processEvents()
                _middle(c.editor)
                _type(c.editor, 6, app, c.counter_label.text)
                handled, framed = _type(c.editor, keys, app, c.counter_label.text, platform)
                analysis = []
                for _ in range(keys):
                    t = time.perf_counter()
                    analyse(c._full, platform, context=c._context)
                    analysis.append((time.perf_counter() - t) * 1000)
                res[platform] = {"to_counter": _stats(handled), "to_frame": _stats(framed),
                                 "to_frame_cpu": _stats(CPU[platform]),
                                 "analyse_only": _stats(analysis),
                                 "warnings_shown": c.warnings_list.count(),
                                 "counter": c.counter_label.text(),
                                 "within_budget": statistics.median(framed) <= BUDGET_MS}
                saves = []
                for i in range(10):
                    c.editor.insertPlainText("z")
                    t = time.perf_counter()
                    c.save()
                    saves.append((time.perf_counter() - t) * 1000)
                res[platform]["debounced_save"] = _stats(saves)
                c.shutdown()
                c.close()
                c.deleteLater()
                app.processEvents()
        finally:
            cat.close()
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", type=int, default=50)
    args = ap.parse_args()
    result = {"load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
              **bench(args.keys)}
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
