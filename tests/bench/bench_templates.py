"""Applying a metadata template (rights fields + tags) to many assets, printed as JSON beside a
baseline measured in the same run.

    python tests/bench/bench_templates.py [--assets 5000]

- template: `apply_template` (one write: rights and tags together) then its undo.
- baseline: what the old window did: `set_rights` and `tag` as two writes, then both undone.
Medians and worst of 9 runs, in milliseconds, on a library of --assets assets, all selected.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: helpers

RUNS = 9


def _times(fn) -> dict:
    out = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(out), 1), "worst_ms": round(max(out), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=5000)
    args = parser.parse_args()
    from catalog_helpers import fill
    from liveassets.catalog.catalog import Catalog
    from liveassets.catalog.templates import MetadataTemplate, apply_template

    with tempfile.TemporaryDirectory() as tmp, Catalog(Path(tmp) / "lib") as catalog:
        ids = fill(catalog, args.assets)
        template = MetadataTemplate(
            "Cleared", {"status": "cleared", "expires": "+90d", "credit": "Photo: LIVE"},
            frozenset({"status", "expires", "credit"}), ["campaign:Meetup 2026"], ["draft"])
        today = dt.date(2026, 1, 31)

        def one_write():
            catalog.undo(apply_template(catalog, template, ids, today))

        def two_writes():
            a = catalog.set_rights(ids, status="cleared", expires="2026-05-01",
                                   credit="Photo: LIVE")
            b = catalog.tag(ids, add=["campaign:Meetup 2026"], remove=["draft"])
            catalog.undo(b)
            catalog.undo(a)

        result = {"assets": args.assets, "template": _times(one_write),
                  "baseline_two_writes": _times(two_writes)}
        result["ratio"] = round(result["template"]["median_ms"]
                                / result["baseline_two_writes"]["median_ms"], 2)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
