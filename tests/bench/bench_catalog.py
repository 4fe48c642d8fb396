"""Catalog speed and memory at 10k and 50k assets, beside TinyDB's default storage, as JSON.

Run: python tests/bench/bench_catalog.py [--sizes 10000,50000] [--repeat 21]
Baseline: the same documents in a plain `TinyDB(path)` (JSONStorage, whole-file rewrites).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from catalog_helpers import fake_assets  # noqa: E402
from tinydb import Query, TinyDB  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402

QUERY = "tag:x rights:cleared kind:video"

OPEN_SCRIPT = """
import resource, sys, time
t = time.perf_counter()
from liveassets.catalog.catalog import Catalog
cat = Catalog(sys.argv[1])
n = len(cat.query("tag:x rights:cleared kind:video"))
dt = time.perf_counter() - t
rss = int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
print(dt, rss, n)
"""

BASE_OPEN_SCRIPT = """
import sys, time
t = time.perf_counter()
from tinydb import TinyDB, Query
db = TinyDB(sys.argv[1])
A = Query()
n = len(db.search((A.kind == "video") & A.tags.any(["x"]) & (A.rights.status == "cleared")))
dt = time.perf_counter() - t
rss = int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
print(dt, rss, n)
"""


def median_ms(fn, repeat: int) -> float:
    times = []
    for i in range(repeat):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2)


def in_subprocess(script: str, path: str, repeat: int = 3) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True,
                             check=True).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return (round(statistics.median(r[0] for r in runs) * 1000, 1),
            round(statistics.median(r[1] for r in runs), 1))


def bench_size(n: int, repeat: int, work: Path) -> dict:
    docs = fake_assets(n, seed=5)
    ids = [d["id"] for d in docs]
    res: dict = {"assets": n}

    # -- ours -----------------------------------------------------------------------------
    lib = work / f"lib{n}"
    cat = Catalog(lib)
    cat.apply("Fill", {d["id"]: d for d in docs})
    cat.db.storage.compact()
    res["tag_edit_ms"] = median_ms(lambda i: cat.tag([ids[i * 7919 % n]], add=[f"t{i % 5}"]),
                                   repeat)
    res["tag_1000_ms"] = median_ms(lambda i: cat.tag(ids[i * 1000:(i + 1) * 1000],
                                                     add=[f"bulk{i}"]), 5)
    res["query_ms"] = median_ms(lambda i: cat.query(QUERY), repeat)
    res["query_hits"] = len(cat.query(QUERY))
    cat.close()
    res["open_to_first_query_ms"], res["rss_mb_loaded"] = in_subprocess(OPEN_SCRIPT, str(lib))

    # -- baseline: TinyDB's default JSONStorage -------------------------------------------
    base = work / f"tinydb{n}.json"
    db = TinyDB(base)
    table = db.table("assets")
    table.insert_multiple(docs)
    doc_ids = [d.doc_id for d in table.all()]
    base_repeat = max(3, repeat // 4)

    def base_tag(i):
        doc_id = doc_ids[i * 7919 % n]
        tags = table.get(doc_id=doc_id)["tags"] + [f"t{i % 5}"]
        table.update({"tags": tags}, doc_ids=[doc_id])

    res["baseline_tag_edit_ms"] = median_ms(base_tag, base_repeat)

    def base_tag_1000(i):
        chunk = doc_ids[i * 1000:(i + 1) * 1000]
        table.update(lambda d: d["tags"].append(f"bulk{i}"), doc_ids=chunk)

    res["baseline_tag_1000_ms"] = median_ms(base_tag_1000, 3)
    A = Query()
    res["baseline_query_ms"] = median_ms(
        lambda i: (table.clear_cache(), table.search(
            (A.kind == "video") & A.tags.any(["x"]) & (A.rights.status == "cleared"))), base_repeat)
    db.close()
    res["baseline_open_to_first_query_ms"], res["baseline_rss_mb_loaded"] = in_subprocess(
        BASE_OPEN_SCRIPT.replace("db = TinyDB(sys.argv[1])",
                                 "db = TinyDB(sys.argv[1]).table('assets')"), str(base))
    res["catalog_mb_on_disk"] = round((lib / "catalog.json").stat().st_size / 2**20, 1)
    for key in ("tag_edit_ms", "tag_1000_ms", "query_ms", "open_to_first_query_ms"):
        res[f"speedup_{key}"] = round(res[f"baseline_{key}"] / max(res[key], 1e-3), 1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--repeat", type=int, default=21)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = [bench_size(int(n), args.repeat, Path(tmp)) for n in args.sizes.split(",")]
    print(json.dumps({"benchmark": "catalog", "cpus": os.cpu_count(), "results": out}, indent=1))


if __name__ == "__main__":
    main()
