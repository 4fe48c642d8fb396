"""The `cut` verb: validate a PLAN.json (every problem named, nothing rendered), render it (or
stream-copy it with --quick), save the plan in the catalog and add the clip (only that file)
to the library tagged with the cut's name, with the rights its sources grant (cuts.lineage). The
default output is <library>/renders/<name>.mp4, numbered "<name> (2).mp4" when one exists.
The `highlights` verb lists the moments worth a look in matching clips (cuts.highlights).
Imports nothing heavy until the verb runs (the CLI imports this module at start-up)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from liveassets.cli.progress import TerminalProgress
from liveassets.jobs import Progress


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
    level = p.add_mutually_exclusive_group()
    level.add_argument("--loudness", type=_lufs, metavar="LUFS", default=None,
                       help="level the sound to this integrated loudness (default: the "
                            "plan's, else -14 LUFS with a -1 dBTP true peak ceiling)")
    level.add_argument("--no-loudness", action="store_true",
                       help="leave the sound as mixed (no platform levelling)")
    p.add_argument("--captions", choices=("burn", "srt", "both", "none"), default="burn",
                   help="the plan's timed captions: burned into the picture (default), an .srt "
                        "beside the clip for the platform's caption upload, both, or neither")
    p.set_defaults(handler=run_cut)

    h = sub.add_parser("highlights", help="moments worth a look in matching clips",
                       description="Crowd peaks (short-term loudness well above the clip's own "
                                   "level) and scene changes in the video and audio files a "
                                   "query matches, in time order. Results are cached, so a "
                                   "second ask is instant.")
    h.add_argument("query", nargs="?", default="")
    h.add_argument("--json", action="store_true",
                   help='print [{"asset": ID, "t": SECONDS, "kind": "loud|scene", '
                        '"score": 0..1}]')
    h.set_defaults(handler=run_highlights)


def _lufs(text: str) -> float:
    """--loudness LUFS: a number in loudnorm's range (cuts.loudness.TARGET_RANGE)."""
    from liveassets.cuts.loudness import TARGET_RANGE

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of LUFS (e.g. -14)") \
            from None
    if not TARGET_RANGE[0] <= value <= TARGET_RANGE[1]:
        raise argparse.ArgumentTypeError(f"{text} is outside {TARGET_RANGE[0]:g} to "
                                         f"{TARGET_RANGE[1]:g} LUFS (platforms play at -14)")
    return value


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
            else:
                from liveassets.cuts.render import render

                result = render(plan, out, line, preview=args.preview, catalog=catalog,
                                loudness=_loudness_choice(args),
                                captions=args.captions)
        finally:
            line.close()
        took = time.perf_counter() - started
        store.save_cut(catalog, plan)
        heard = getattr(result, "loudness", None) or _measured(out)
        asset = store.add_render(catalog, plan, out, loudness=heard)
        where = f"added to the library, tagged \"{plan.name}\"" if asset else \
            "could not be added to the library"
        print(shown(f"{os.path.abspath(out)}  ({result.duration:.1f} s of video in {took:.1f} s; "
              f"{where})"))
        from liveassets.cuts.loudness import describe

        print(f"sound: {describe(heard)}")
        if getattr(result, "sidecar", None):
            print(shown(f"{result.sidecar}  (captions for the platform's caption upload)"))
        return 0
    finally:
        catalog.close()


def _loudness_choice(args):
    """render()'s `loudness`: None (the plan's), False (off) or a target."""
    if getattr(args, "no_loudness", False):
        return False
    if getattr(args, "loudness", None) is not None:
        return {"target_lufs": args.loudness}
    return None


def _measured(path) -> dict | None:
    """The sound of a render made without levelling (--quick), as meters read it."""
    from liveassets.cuts.loudness import measure_loudness
    from liveassets.media.errors import MediaError

    try:
        return measure_loudness(os.fspath(path))
    except MediaError:
        return None


def run_highlights(library: Path, args: argparse.Namespace) -> int:
    import json

    from liveassets.catalog.catalog import Catalog
    from liveassets.catalog.errors import CatalogError
    from liveassets.cuts.highlights import cache_folder, moments
    from liveassets.media.errors import MediaError
    from liveassets.safe_paths import shown, utf8_tree

    with Catalog(library, readonly=True) as catalog:
        docs = catalog.query(args.query)
        if not docs:
            raise CatalogError(f'No assets match "{args.query}".')
        clips = [d for d in docs if d.get("kind") in ("video", "audio")]
        if not clips:
            raise CatalogError(f'None of the {len(docs)} assets matching "{args.query}" is a '
                               "video or audio file: highlights are found in clips.")
        cache = cache_folder(catalog)
        line = TerminalProgress()
        rows, failed = [], 0
        try:
            for i, doc in enumerate(clips):
                line(Progress("Finding moments", i, len(clips), doc["path"]))
                if doc.get("status") == "error":  # the scan's reason says what to do
                    failed += 1
                    print(shown(f"warning: {doc['path']}: skipped: "
                                f"{doc.get('error') or 'the scan could not read it.'}"),
                          file=sys.stderr)
                    continue
                try:
                    found = moments(doc["path"], cancel=getattr(args, "stop", None),
                                    cache_dir=cache)
                except MediaError as exc:
                    failed += 1
                    print(shown(f"warning: {doc['path']}: {exc}"), file=sys.stderr)
                    continue
                rows += [{"asset": doc["id"], "t": m.t, "kind": m.kind, "score": m.score,
                          "path": doc["path"]} for m in found]
        finally:
            line.close()
    if args.json:
        json.dump(utf8_tree([{k: r[k] for k in ("asset", "t", "kind", "score")} for r in rows]),
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            print(shown(f"{r['asset']}  {r['t']:8.2f} s  {r['kind']:<5}  {r['score']:.2f}  "
                        f"{r['path']}"))
        if not rows:
            print(f"No moments found in {len(clips) - failed} clip"
                  f"{'s' if len(clips) - failed != 1 else ''}.")
    return 1 if failed == len(clips) else 0
