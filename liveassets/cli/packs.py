"""CLI verb `pack`: the selected assets with credits and usage terms, as a zip or folder.
Imported at start-up, so the catalog, Pillow and the pack builder load inside the handler."""

from __future__ import annotations

import sys
from pathlib import Path

from liveassets.cli.progress import TerminalProgress
from liveassets.safe_paths import shown


def add_parsers(sub) -> None:
    s = sub.add_parser("pack", help="export matching assets as a pack for designers (zip or "
                       "folder) with credits, usage terms, XMP sidecars and a contact sheet")
    s.add_argument("query", help='asset query, e.g. "tag:campaign:x kind:image" ("" for all)')
    s.add_argument("-o", "--output", required=True, metavar="OUT.zip|OUT_DIR",
                   help="a .zip file, or a folder to create")
    s.add_argument("--audience", choices=["external", "internal"], default="external",
                   help="external (default): only assets cleared for public use today; "
                        "internal: also internal-use assets")
    mode = s.add_mutually_exclusive_group()
    mode.add_argument("--originals", action="store_true",
                      help="copy the original files byte for byte (default)")
    mode.add_argument("--renditions", type=int, metavar="LONG_EDGE",
                      help="JPEG renditions at most LONG_EDGE px on the long side")
    s.add_argument("--no-videos", action="store_true", help="leave videos out")
    s.add_argument("--sidecars", choices=["full", "short", "none"], default="full",
                   help="XMP sidecars: name.ext.xmp (full, default), name.xmp (short) or none")
    s.add_argument("--force", action="store_true", help="replace the pack if it exists")
    s.set_defaults(handler=run_pack)


def run_pack(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.packs.build import build
    from liveassets.packs.plan import PackError, prepare

    if args.output == "-":  # other verbs print text for "-"; a pack is files, never a folder "-"
        raise PackError("A pack is a .zip or a folder, not standard output: name it, e.g. "
                        "-o recap-pack.zip.")
    mode = "renditions" if args.renditions is not None else "originals"
    with Catalog(library, readonly=True) as catalog:  # reads only: works beside a window
        plan = prepare(catalog, args.query, audience=args.audience, mode=mode,
                       long_edge=2048 if args.renditions is None else args.renditions,
                       videos=not args.no_videos,
                       sidecars=args.sidecars)
        if not plan.items:
            _print_left_out(plan.left_out, sys.stderr)
            raise PackError(f'Nothing to pack: no asset matching "{args.query}" may go to the '
                            f"{args.audience} audience" + (" (see above)." if plan.left_out
                                                           else "."))
        if plan.located:   # said before the build, so a person can stop and re-run
            print(shown(plan.location_warning().replace("instead", "instead (--renditions)")),
                  file=sys.stderr)
        bar = TerminalProgress()
        try:
            report = build(catalog, plan, Path(args.output), progress=bar, force=args.force)
        finally:
            bar.close()
    size = report.bytes / 1e6
    print(shown(f"Wrote {report.path}: {report.files} file(s), {size:.1f} MB, contact sheet of "
          f"{report.pages} page(s), for the {plan.audience} audience, in {report.seconds:.1f} s."))
    if report.left_out:
        _print_left_out(report.left_out, sys.stdout)
    else:
        print("Nothing was left out.")
    return 0


def _print_left_out(left_out, stream) -> None:
    if left_out:
        print(f"Left out {len(left_out)}:", file=stream)
        for item in left_out:
            print(shown(f"  - {item.name}: {item.reason}"), file=stream)
