"""Intake's cost over a plain scan, as JSON: a Google Forms-style folder of N photos (one per
respondent, `<name> - <respondent>.jpg`) with an N-row response sheet, taken in with
`intake.run`, against `media.scan.scan` of the same folder into an empty library, both
measured in the same run (fresh library each time, thumbnails made in both). Budget (issue
#17): intake at most 1.5x the scan.

Run: python tests/bench/bench_intake.py [--files 500] [--repeat 3]
Medians of wall time; `cpu_s` has the CPU-time medians of this process (the scan's worker
processes are not in it), less sensitive to a busy machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from PIL import Image  # noqa: E402

from liveassets import clock  # noqa: E402
from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.intake.run import run  # noqa: E402
from liveassets.media.scan import scan  # noqa: E402

BUDGET_RATIO = 1.5


def make_submissions(root: Path, n: int) -> tuple[Path, Path]:
    folder = root / "Fest (File responses)" / "Upload (File responses)"
    folder.mkdir(parents=True)
    sheet = root / "Fest (Responses).csv"
    end = (clock.today() + dt.timedelta(days=200)).isoformat()
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Timestamp", "Your name", "Your TikTok handle", "Upload your clip",
                    "Licence", "Channels", "Expiry date", "I agree to the terms"])
        for i in range(n):
            # Every photo different (flat colours alone quantise to identical JPEG bytes,
            # which intake rightly reports as duplicates): the index's bits as 8x8 squares.
            img = Image.new("RGB", (96, 72), (40 + i % 200, 90, 160))
            for bit in range(10):
                if i >> bit & 1:
                    x, y = 8 * (bit % 10), 8 * (bit // 10)
                    img.paste((255, 255, 255), (x, y, x + 8, y + 8))
            img.save(folder / f"clip {i} - Person {i}.jpg", quality=80)
            w.writerow([f"0{1 + i % 9}/11/2026 10:{i % 60:02d}:00", f"Person {i}", f"@p{i}",
                        f"https://drive.google.com/open?id={i}", "Licensed",
                        "TikTok, Instagram" if i % 3 else "Internal only", end,
                        "I agree" if i % 5 else ""])
    return folder, sheet


def _time(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder, sheet = make_submissions(root / "drive", args.files)
        results = {"scan": [], "intake": []}
        checks = {}
        for i in range(args.repeat):
            for name in ("scan", "intake"):  # alternate, so drift in load hits both
                lib = root / f"lib-{name}-{i}"
                with Catalog(lib) as cat:
                    if name == "scan":
                        results[name].append(_time(lambda: scan(cat, [folder])))
                    else:
                        box = {}
                        results[name].append(_time(lambda: box.update(
                            r=run(cat, folder, manifest=sheet))))
                        report = box["r"]
                        checks = {"files": len(report.files), "cleared": report.cleared,
                                  "pending": report.pending, "no_row": len(report.no_row)}
        med = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
        cpu = {k: statistics.median(c for _, c in v) for k, v in results.items()}
        ratio = med["intake"] / med["scan"]
        print(json.dumps({
            "files": args.files, "rows": args.files, "repeat": args.repeat,
            "cpus": os.cpu_count(), "load": os.getloadavg(),
            "scan_s": round(med["scan"], 3), "intake_s": round(med["intake"], 3),
            "cpu_s": {k: round(v, 3) for k, v in cpu.items()},
            "ratio": round(ratio, 3), "budget_ratio": BUDGET_RATIO,
            "within_budget": ratio <= BUDGET_RATIO, "result": checks,
        }, indent=1))


if __name__ == "__main__":
    main()
