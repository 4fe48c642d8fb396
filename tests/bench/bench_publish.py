"""Publishing speed, as JSON: a 2,000-post sheet (XLSX, people CSV, Sprout CSV) against the
2 s budget, and the composer's caption analysis per keystroke on a 4,000-character caption
against the 16 ms frame budget.

Run: python tests/bench/bench_publish.py [--posts 2000] [--repeat 5]
The budget is end to end: load the posts from the catalog, build the rows, write the file
(`xlsx_end_to_end_s`); its parts are `load_posts_s`, `build_rows_s` and `xlsx_write_s`.
Baselines measured in the same run, end to end and write alone: the previous writer (openpyxl
write-only mode with the same styling, kept below as `previous_openpyxl_writer`), openpyxl's
default (not write-only) workbook writing the same values with no styling, and a bare
`csv.writer`; for X, the `twitter-text-parser` port's parse_tweet (when installed).
Medians of wall time; `cpu_s` has the CPU-time medians, less sensitive to a busy machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from catalog_helpers import fake_assets  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.publish.captions import analyse  # noqa: E402
from liveassets.publish.gate import post_report  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.publish.sheets import COLUMNS, HEADERS, build_rows, export  # noqa: E402
from liveassets.publish.sheets_xlsx import write_rows_xlsx  # noqa: E402
from liveassets.publish.zones import zone  # noqa: E402

CAPTION_BITS = ["Crowd going wild at the main stage ", "🎉", "👨‍👩‍👧‍👦", "👍🏽", " with @nova ",
                "#LIVEFest2026 ", "日本語 ", "https://livefest.example.com/recap ", "\n", "مرحبا "]


def caption(rng: random.Random, size: int) -> str:
    out = ""
    while len(out) < size:
        out += rng.choice(CAPTION_BITS)
    return out[:size]


def make_library(folder: Path, n_posts: int, caption_max: int = 1500) -> Catalog:
    cat = Catalog(folder)
    assets = fake_assets(max(200, n_posts // 4))
    cat.apply("Fill", {d["id"]: d for d in assets})
    rng = random.Random(7)
    tz = zone("Australia/Sydney")
    start = dt.datetime(2027, 1, 1, 8, 0, tzinfo=tz)
    docs = {}
    for i in range(n_posts):
        post = Post(asset_ids=[assets[(i * 3 + k) % len(assets)]["id"] for k in range(1 + i % 3)],
                    platform=("tiktok", "instagram", "youtube", "x")[i % 4],
                    account=f"@account{i % 5}", body=caption(rng, rng.randint(80, caption_max)),
                    hashtags=["#LiveFest", f"#night{i % 7}"], timezone="Australia/Sydney",
                    scheduled=start + dt.timedelta(minutes=11 * i), status="ready",
                    # the fake assets' rights are mixed: the bench measures writing, not refusing
                    rights_override={"by": "bench", "reason": "benchmark", "at": "2026-01-01"})
        docs[post.id] = post.validated().to_doc()
    cat.records("posts").apply(docs)
    return cat


CPU = {}  # name -> median CPU seconds (less sensitive than wall time to a busy machine)


def timed(name: str, fn, repeat: int) -> float:
    """Median wall seconds over `repeat` runs; the median CPU seconds go to CPU[name]."""
    runs, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    CPU[name] = statistics.median(cpu)
    return statistics.median(runs)


def previous_openpyxl_writer(rows, path: Path) -> None:
    """The XLSX writer this project used before (openpyxl write-only mode, one precomputed
    style record per kind of cell), kept as the baseline: same cells, styles and layout."""
    from copy import copy

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    starts = ("=", "+", "-", "@", "\t", "\r", "\n")
    wrap_al, top_al = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")

    def clean(value):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if ILLEGAL_CHARACTERS_RE.search(value) else value

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Posts")
    ws.freeze_panes = "B2"
    styles = {}
    for key, wrap, guard in ((0, False, False), (1, True, False), (2, False, True), (3, True, True)):
        c = WriteOnlyCell(ws, value="x")
        c.alignment = wrap_al if wrap else top_al
        if guard:
            c.number_format, c.quotePrefix = "@", True
        styles[key] = c._style
    c = WriteOnlyCell(ws, value="x")
    c.alignment, c.fill = top_al, PatternFill("solid", fgColor="FFF8CBCB")
    styles["red"] = c._style
    for i, (_, width, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header = []
    for name, _, _ in COLUMNS:
        c = WriteOnlyCell(ws, value=name)
        c.data_type, c.alignment = "s", wrap_al
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="FFDDE3EA")
        header.append(c)
    ws.append(header)
    gate_col, limits_col = HEADERS.index("Rights gate"), HEADERS.index("Within limits")
    for row in rows:
        cells = []
        for i, (value, (_, width, kind)) in enumerate(zip(row.values, COLUMNS)):
            if kind == "int":
                cells.append(int(value))
                continue
            value = str(value)
            red = (i == gate_col and row.blocked) or (i == limits_col and value == "no")
            if not value and not red:
                cells.append(None)
                continue
            value = clean(value)
            guard = value.startswith(starts)
            wrap = kind == "wrap" and ("\n" in value or len(value) > width)
            if not (wrap or guard or red):
                cells.append(value)
                continue
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            cell._style = copy(styles["red" if red else wrap + 2 * guard])
            cells.append(cell)
        ws.append(cells)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    about = wb.create_sheet("About")
    for line in ("LiveAssets caption sheet", "baseline"):
        about.append([line])
    wb.save(path)


def default_openpyxl_writer(rows, path: Path) -> None:
    """The naive way: openpyxl's normal workbook, the same values, no styling at all."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row.values)
    wb.save(path)


def import_seconds(module: str, repeat: int) -> float:
    """Median wall time to import `module` in a fresh interpreter, less the bare start-up."""
    def run(code):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=HERE.parent.parent)
        return time.perf_counter() - t

    bare = statistics.median(run("pass") for _ in range(repeat))
    return statistics.median(run(f"import {module}") for _ in range(repeat)) - bare


def bench_sheets(n_posts: int, repeat: int, caption_max: int = 1500) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cat = make_library(tmp / "lib", n_posts, caption_max)
        try:
            counter = iter(range(10**6))

            def out(ext):
                return tmp / f"out{next(counter)}.{ext}"

            def end_to_end(writer):
                return lambda: writer(build_rows(cat, PostStore(cat).all()), out("xlsx"))

            posts = PostStore(cat).all()
            rows = build_rows(cat, posts)
            # warm-up: imports (openpyxl pulls in numpy when it is installed) are measured
            # separately, in a fresh interpreter, below
            write_rows_xlsx(rows, out("xlsx"))
            previous_openpyxl_writer(rows[:10], out("xlsx"))
            res = {"posts": len(posts), "caption_chars": f"80..{caption_max}, dense in emoji, "
                   "URLs, hashtags and mentions", "budget_s": 2.0}
            res["load_posts_s"] = timed("load_posts", lambda: PostStore(cat).all(), repeat)
            res["build_rows_s"] = timed("build_rows", lambda: build_rows(cat, posts), repeat)
            res["xlsx_write_s"] = timed("xlsx_write", lambda: write_rows_xlsx(rows, out("xlsx")), repeat)
            res["xlsx_end_to_end_s"] = timed(
                "xlsx_end_to_end", lambda: export(cat, PostStore(cat).all(), out("xlsx")), repeat)
            res["xlsx_within_budget"] = res["xlsx_end_to_end_s"] <= res["budget_s"]
            res["xlsx_file_bytes"] = os.path.getsize(export(cat, posts, out("xlsx")).path)
            res["baseline_previous_openpyxl_writeonly_write_s"] = timed(
                "baseline_previous_openpyxl_writeonly_write",
                lambda: previous_openpyxl_writer(rows, out("xlsx")), repeat)
            res["baseline_previous_openpyxl_writeonly_end_to_end_s"] = timed(
                "baseline_previous_openpyxl_writeonly_end_to_end",
                end_to_end(previous_openpyxl_writer), repeat)
            res["baseline_openpyxl_default_write_s"] = timed(
                "baseline_openpyxl_default_write", lambda: default_openpyxl_writer(rows, out("xlsx")),
                repeat)
            res["baseline_openpyxl_default_end_to_end_s"] = timed(
                "baseline_openpyxl_default_end_to_end", end_to_end(default_openpyxl_writer), repeat)
            res["speedup_end_to_end_vs_previous"] = round(
                res["baseline_previous_openpyxl_writeonly_end_to_end_s"] / res["xlsx_end_to_end_s"], 2)
            res["import_s"] = {
                "liveassets.publish.sheets_xlsx": round(
                    import_seconds("liveassets.publish.sheets_xlsx", 3), 3),
                "openpyxl (baseline writers)": round(import_seconds("openpyxl", 3), 3),
            }
            res["csv_people_s"] = timed(
                "csv_people", lambda: export(cat, PostStore(cat).all(), out("csv")), repeat)
            res["csv_within_budget"] = res["csv_people_s"] <= res["budget_s"]
            # Sprout's file refuses posts over a platform's limits (Instagram's 5 hashtags
            # since December 2025): the sample is 350 posts it takes
            sprout = [p for p in PostStore(cat).all() if p.platform != "x"
                      and post_report(cat, p, detail=False).within_limits][:350]
            now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
            res["csv_sprout_350_s"] = timed(
                "csv_sprout_350", lambda: export(cat, sprout, out("csv"), preset="sprout", now=now), repeat)
            values = [r.values for r in rows]

            def baseline_csv():
                with open(out("csv"), "w", newline="", encoding="utf-8") as fh:
                    w = csv.writer(fh)
                    w.writerow(HEADERS)
                    w.writerows(values)

            res["baseline_csv_writer_s"] = timed("baseline_csv_writer", baseline_csv, repeat)
            res["cpu_s"] = {k: round(v, 4) for k, v in CPU.items()}
            return res
        finally:
            cat.close()


def bench_counters(keystrokes: int = 200) -> dict:
    rng = random.Random(3)
    base = caption(rng, 4000)
    res = {"caption_chars": len(base), "keystrokes": keystrokes, "frame_budget_us": 16_000}
    texts = []
    for i in range(keystrokes):
        pos = rng.randrange(len(base))
        texts.append(base[:pos] + rng.choice("ab #@🎉字") + base[pos:])
    for platform in ("tiktok", "instagram", "youtube", "x"):
        runs = []
        for text in texts:
            t = time.perf_counter()
            analyse(text, platform)
            runs.append((time.perf_counter() - t) * 1e6)
        runs.sort()
        res[f"{platform}_median_us"] = round(statistics.median(runs))
        res[f"{platform}_p95_us"] = round(runs[int(len(runs) * 0.95)])
    try:
        from twitter_text import parse_tweet

        runs = []
        for text in texts[:30]:
            t = time.perf_counter()
            parse_tweet(text)
            runs.append((time.perf_counter() - t) * 1e6)
        res["baseline_twitter_text_parse_tweet_median_us"] = round(statistics.median(runs))
    except ImportError:
        res["baseline_twitter_text_parse_tweet_median_us"] = None
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--caption-max", type=int, default=1500,
                    help="longest caption body (lengths are uniform from 80)")
    args = ap.parse_args()
    result = {"load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
              "sheets": bench_sheets(args.posts, args.repeat, args.caption_max), "counters": bench_counters()}
    for part in result.values():
        if not isinstance(part, dict):
            continue
        for k, v in part.items():
            if isinstance(v, float):
                part[k] = round(v, 4)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
