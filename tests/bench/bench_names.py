"""What one file name that is not valid UTF-8 costs the catalog's snapshot, as JSON.

Run: python tests/bench/bench_names.py [--assets 50000] [--repeat 5]
Baseline: the same snapshot with only valid names (orjson both ways). With one non-UTF-8
name, orjson refuses the lone surrogate and the standard library's json writes/reads the
snapshot instead (liveassets/catalog/storage.py `_dumps`/`_loads`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog_helpers import fake_assets  # noqa: E402

from liveassets.catalog.storage import _dumps, _loads  # noqa: E402


def median_seconds(fn, arg, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--assets", type=int, default=50000)
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args()
    clean = {"assets": {str(i): d for i, d in enumerate(fake_assets(a.assets, 1))}}
    hostile = {"assets": {str(i): d for i, d in enumerate(fake_assets(a.assets, 1))}}
    hostile["assets"]["0"]["path"] = "/event/bad\udcff.jpg"
    out = {"assets": a.assets, "repeat": a.repeat}
    for label, tables in (("baseline_valid_names", clean), ("one_non_utf8_name", hostile)):
        data = _dumps(tables)
        assert _loads(data) == tables  # the name round-trips exactly
        out[label] = {"snapshot_bytes": len(data),
                      "dumps_s": median_seconds(_dumps, tables, a.repeat),
                      "loads_s": median_seconds(_loads, data, a.repeat)}
    out["ratio_dumps"] = out["one_non_utf8_name"]["dumps_s"] / out["baseline_valid_names"]["dumps_s"]
    out["ratio_loads"] = out["one_non_utf8_name"]["loads_s"] / out["baseline_valid_names"]["loads_s"]
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
