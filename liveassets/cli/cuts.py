"""The `cut` verb: validate a PLAN.json (every problem named, nothing rendered), render it (or
stream-copy it with --quick), save the plan in the catalog and add the clip (only that file)
to the library tagged with the cut's name, with the rights its sources grant (cuts.lineage). The
default output is <library>/renders/<name>.mp4, numbered "<name> (2).mp4" when one exists.
Imports nothing heavy until the verb runs (the CLI imports this module at start-up)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from liveassets.cli.progress import TerminalProgress


def add_parsers(sub) -> None:
    p = sub.add_parser("cut", help="render a highlight cut from a PLAN.json",
                       description="Render a cut plan to an upload-ready MP4 and add it "
                                   "to the library tagged with the cut's name, with the rights "
                                   "its sources grant (the most restrictive status, the "
                                   "earliest expiry, every credit). Without -o the clip goes "
                                   "to the library's renders folder; an earlier render of the "
                                   "same cut is kept (the new one is numbered) unless --force.")
    p.add_argument("plan", metavar="PLAN.json")
    p.add_argument("-o", "--output", metavar="OUT.mp4", default=None,
                   help="where to write the clip (default: <library>/renders/<name>.mp4)")
    p.add_argument("--preview", action="store_true", help="half resolution, fast preset")
    p.add_argument("--quick", action="store_true",
                   help="stream copy without re-encoding (trims only; cuts snap to keyframes)")
    p.add_argument("--force", action="store_true",
                   help="replace OUT.mp4 (or the earlier default render) if it exists")
    p.add_argument("--captions", choices=("burn", "srt", "both", "none"), default="burn",
                   help="the plan's timed captions: burned into the picture (default), an .srt "
                        "beside the clip for the platform's caption upload, both, or neither")
    p.set_defaults(handler=run_cut)


def run_cut(library: Path, args: argparse.Namespace) -> int:
    from liveassets.originals import refuse_original
    from liveassets.safe_paths import shown
    from liveassets.catalog.catalog import Catalog
    from liveassets.cuts import store
    from liveassets.cuts.plan import PlanError, load_plan
    from liveassets.cuts.validate import blocking, validate

    plan = load_plan(args.plan)
    catalog = Catalog(library)
    try:
        facts: dict = {}
        problems = validate(plan, catalog, facts=facts)
        errors = blocking(problems)
        for p in problems:
            label = "note" if p.overridden else "warning" if p.warning else "problem"
            print(shown(f"{label}: {p}"), file=sys.stderr)
        if errors:
            hint = ""
            if any(p.rights for p in errors):
                hint = (' To go ahead despite the rights, add "rights_override": {"by": ..., '
                        '"reason": ...} to the plan (it is kept in the cut\'s history).')
            print(f"liveassets: {len(errors)} problem{'s' if len(errors) != 1 else ''} in "
                  f"{args.plan}; nothing was rendered.{hint}", file=sys.stderr)
            return 1
        out = Path(args.output) if args.output else store.default_output(catalog, plan,
                                                                         args.preview)
        if not args.output and not args.force:
            out = store.numbered(out)  # an earlier render stays, as an asset and a file
        if out.suffix.lower() not in (".mp4", ".m4v", ".mov"):
            raise PlanError(f"{out.name}: the output must be an .mp4 file.")
        refuse_original(out, catalog)
        if out.exists() and not args.force and args.output:
            raise PlanError(f"{out} already exists; add --force to replace it.")
        if out.exists() and not out.is_file():  # never swap a folder, device or pipe for a clip
            raise PlanError(f"{out} is not a regular file: give the name of a file to write.")
        line = TerminalProgress()
        started = time.perf_counter()
        try:
            if args.quick:
                from liveassets.cuts.quick import qualifies, quick_export, snapping

                ok, why = qualifies(plan, facts, args.captions)
                if not ok:
                    raise PlanError(why)
                print(snapping(plan), file=sys.stderr)
                result = quick_export(plan, out, line, catalog=catalog, captions=args.captions)
                if args.captions in ("srt", "both"):
                    from liveassets.cuts.render import write_sidecar

                    result.sidecar = write_sidecar(plan, out, catalog)
            else:
                from liveassets.cuts.render import render

                result = render(plan, out, line, preview=args.preview, catalog=catalog,
                                captions=args.captions)
        finally:
            line.close()
        took = time.perf_counter() - started
        store.save_cut(catalog, plan)
        asset = store.add_render(catalog, plan, out)
        where = f"added to the library, tagged \"{plan.name}\"" if asset else \
            "could not be added to the library"
        print(shown(f"{os.path.abspath(out)}  ({result.duration:.1f} s of video in {took:.1f} s; "
              f"{where})"))
        if getattr(result, "sidecar", None):
            print(shown(f"{result.sidecar}  (captions for the platform's caption upload)"))
        return 0
    finally:
        catalog.close()

