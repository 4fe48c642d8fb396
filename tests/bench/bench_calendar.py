"""The content calendar's speed with 2,000 posts spread over a year, month view at 1000x700,
printed as JSON beside a baseline measured in the same run.

    python tests/bench/bench_calendar.py [--posts 2000]

- refresh: `CalendarView.refresh()` (every post read again) plus the repaint it causes;
           baseline: the core read alone, `PostStore(catalog).all()`.
- move:    `move_post` of one post to another day plus the repaint (the drag a user makes).
- paint:   one repaint of the month with nothing changed.
- step:    Next month plus its repaint.
Medians and worst of 15 runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: helpers

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 15


def _posts(catalog, n: int) -> None:
    from catalog_helpers import fill
    from liveassets.publish import zones
    from liveassets.publish.posts import Post

    asset_ids = fill(catalog, 500)
    rng = random.Random(3)
    docs = {}
    for i in range(n):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
        clock = dt.time(rng.randrange(8, 23), rng.choice((0, 15, 30, 45)))
        post = Post(asset_ids=[rng.choice(asset_ids)], account=rng.choice(("@a", "@b")),
                    platform=rng.choice(("tiktok", "instagram", "x", "youtube")),
                    body=f"Post {i}: crowd shot at the main stage tonight",
                    scheduled=zones.localize(dt.datetime.combine(day, clock),
                                             "Australia/Sydney", strict=False),
                    timezone="Australia/Sydney",
                    status=rng.choice(("draft", "ready", "scheduled", "published")))
        docs[post.id] = post.validated().to_doc()
    catalog.records("posts").apply(docs)


def _times(fn, runs: int = RUNS) -> dict:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    out.sort()
    return {"median_ms": round(out[len(out) // 2], 1), "max_ms": round(out[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()

    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.posts import PostStore
    from liveassets.ui.window.app import make_app
    from liveassets.ui.posts.calendar_view import CalendarView

    app = make_app(dark=True)
    with tempfile.TemporaryDirectory() as tmp, Catalog(Path(tmp) / "lib") as catalog:
        _posts(catalog, args.posts)
        view = CalendarView(catalog, today=lambda: dt.date(2026, 11, 18))
        view.set_mode("month")
        view.resize(1000, 700)
        view.show()
        app.processEvents()
        canvas = view.canvas
        shown = sum(len(view.model.on(d)) for d in view.visible_days())
        post = view.model.on(next(d for d in view.visible_days() if view.model.on(d)))[0]
        days = [dt.date(2026, 11, 3), dt.date(2026, 11, 4)]

        def move():
            view.move_post(post.id, days[0])
            days.reverse()
            canvas.repaint()

        def paint():
            canvas._dirty = True  # layout and paint, as after a resize
            canvas.repaint()

        def step():
            view.step(1)
            canvas.repaint()
            view.step(-1)

        figures = {
            "posts": args.posts, "posts_in_month_grid": shown,
            "refresh": _times(lambda: (view.refresh(), canvas.repaint())),
            "baseline_core_read": _times(lambda: PostStore(catalog).all()),
            "move": _times(move), "paint": _times(paint), "step_month_and_back": _times(step),
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        }
        view.close()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
