"""CLI verbs `stacks` (burst stacks with their members and suggested pick) and `rescore` (the
backfill of culling scores for photos scanned before scores existed). Imported at start-up, so
the catalog and the scorer load inside the handlers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from liveassets.cli.progress import TerminalProgress
from liveassets.safe_paths import shown, utf8_tree


def add_parsers(sub) -> None:
    s = sub.add_parser("stacks", help="list burst stacks (near-identical photos taken moments "
                       "apart) with their members, suggested pick first")
    s.add_argument("query", nargs="?", default="",
                   help="only stacks holding a photo that matches, e.g. \"taken:2026-11-21\"")
    s.add_argument("--json", action="store_true",
                   help="print a JSON array: one object per stack with its members")
    s.set_defaults(handler=run_stacks)
    s = sub.add_parser("rescore", help="score sharpness and exposure and find stacks for photos "
                       "scanned before this version (from their thumbnails; resumable)")
    s.set_defaults(handler=run_rescore)


def run_stacks(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.catalog.stacks import stacks_of
    from liveassets.cli.assets import asset_json
    from liveassets.media.rescore import unscored

    with Catalog(library, readonly=True) as catalog:  # reads only: works beside a window
        for warning in catalog.warnings:
            print(warning, file=sys.stderr)
        ids = []
        for doc in catalog.query(args.query, sort="taken"):
            if doc.get("stack") and doc["stack"] not in ids:
                ids.append(doc["stack"])
        every = stacks_of(catalog.all())  # one pass, not one per stack
        stacks = [(sid, every[sid]) for sid in ids if sid in every]
        if args.json:
            out = [{"stack": sid, "size": len(docs),
                    "best": next((d["id"] for d in docs if d.get("best")), None),
                    "members": [asset_json(catalog, d) for d in docs]} for sid, docs in stacks]
            json.dump(utf8_tree(out), sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            for sid, docs in stacks:
                print(f"stack {sid}: {len(docs)} photos")
                for d in docs:
                    print(shown(_member_line(d)))
            photos = sum(len(docs) for _, docs in stacks)
            print(f"{_count(len(stacks), 'stack')}, {_count(photos, 'photo')}.")
        waiting = len(unscored(catalog))
    if waiting:
        print(f"{waiting} photos have no scores yet (scanned by an older version): run "
              "`liveassets rescore` to score them and find their stacks.", file=sys.stderr)
    return 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _member_line(d: dict) -> str:
    mark = "best" if d.get("best") else "    "
    sharp = d.get("sharpness")
    sharp = f"{sharp:8.1f}" if isinstance(sharp, (int, float)) else "       -"
    return (f"  {mark} {d['id']}  sharpness {sharp}  {d.get('exposure') or '-':<10} "
            f"{d.get('taken') or '-':<19}  {d['path']}")


def run_rescore(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.catalog.errors import CatalogError
    from liveassets.media.rescore import backfill

    with Catalog(library) as catalog:
        if catalog.readonly:
            raise CatalogError(f"The library {catalog.folder} cannot be written (a read-only disk "
                               "or folder permissions), so nothing was scored. Make it "
                               "writable, or copy the library to a writable disk.")
        bar = TerminalProgress()
        try:
            report = backfill(catalog, progress=bar, cancel=getattr(args, "stop", None))
        finally:
            bar.close()
    for problem in report.problems[:20]:
        print(shown(f"  - {problem}"), file=sys.stderr)
    if len(report.problems) > 20:
        print(f"  ... and {len(report.problems) - 20} more.", file=sys.stderr)
    print(report.summary())
    return 0
