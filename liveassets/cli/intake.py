"""CLI verbs for creator submissions: `intake FOLDER [--manifest F] [--campaign NAME] [--map
"Header=field"] [--json]`, `intake --template FILE.csv`, and `creators [--json]`. Imported at
start-up, so the catalog and the intake package load inside the handlers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from liveassets.safe_paths import shown, utf8_tree

# Items a terminal lists per section of the intake report; --json has every one.
LISTED = 20


def add_parsers(sub) -> None:
    p = sub.add_parser("intake", help="take in a folder of creator submissions with its "
                       "response sheet: tags, rights and the row on every file")
    p.add_argument("folder", nargs="?", metavar="FOLDER")
    p.add_argument("--manifest", metavar="FILE", help="the response sheet (.csv or .xlsx); "
                   "default: the one sheet at the top of FOLDER")
    p.add_argument("--campaign", metavar="NAME", help="tag campaign:NAME (default: the "
                   "folder's name)")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help="read a column as a field (remembered in the library), e.g. "
                        "\"Your @ on the app=handle\"; FIELD ignore skips a column")
    p.add_argument("--template", metavar="FILE.csv|FILE.xlsx", help="write an empty manifest with the "
                   "columns intake reads, and stop")
    p.add_argument("--force", action="store_true", help="with --template: replace FILE")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=intake)
    c = sub.add_parser("creators", help="creators in the library: files, rights, expiring soon")
    c.add_argument("--json", action="store_true", help="print a JSON array of objects")
    c.set_defaults(handler=creators)


def intake(library: Path, args) -> int:
    from liveassets.cli.progress import TerminalProgress
    from liveassets.cli.templates import _open
    from liveassets.intake.columns import parse_choice
    from liveassets.intake.run import IntakeError, run

    if args.template:
        from liveassets.intake.template import write_template

        path = write_template(args.template, force=args.force)
        print(shown(f"Wrote the manifest template {path}: one row per submission, files named "
                    "in the Files column (several: separated by commas)."))
        return 0
    if not args.folder:
        raise IntakeError("Name the submissions folder: liveassets intake FOLDER [--manifest "
                          "FILE.csv], or write a template with --template FILE.csv.")
    choices = dict(parse_choice(m) for m in args.map)
    with _open(library, write=True) as catalog:
        bar = TerminalProgress()
        try:
            report = run(catalog, args.folder, manifest=args.manifest, campaign=args.campaign,
                         choices=choices, progress=bar, cancel=getattr(args, "stop", None))
        finally:
            bar.close()
    if args.json:
        json.dump(utf8_tree(report.to_json()), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for line in report.lines(limit=LISTED):
            print(shown(line))
    return 0


def creators(library: Path, args) -> int:
    from liveassets.cli.templates import _open
    from liveassets.intake.creators import creators as list_creators

    with _open(library, write=False) as catalog:
        people = list_creators(catalog)
    if args.json:
        json.dump(utf8_tree([c.to_json() for c in people]), sys.stdout, ensure_ascii=False,
                  indent=1)
        print()
        return 0
    if not people:
        print("No creators yet: tag assets creator:@handle, or take in submissions with "
              "`liveassets intake FOLDER`.")
    for c in people:
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(c.statuses.items()))
        soon = f", {c.expiring} expiring soon" if c.expiring else ""
        until = f" (next expiry {c.next_expiry})" if c.next_expiry else ""
        files = f"{c.files} file{'s' if c.files != 1 else ''}"
        print(shown(f"@{c.handle}: {files} ({statuses}); {c.public_now} public today"
                    f"{soon}{until}"))
    return 0
