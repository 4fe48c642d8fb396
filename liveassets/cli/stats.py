"""CLI verbs for the weekly report: `stats import|unmatched|link` and `report`. Imported at
start-up, so the catalog and the readers load inside the handlers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from liveassets.safe_paths import shown, utf8_tree
from liveassets.shorten import shorten

PLATFORM_CHOICES = ("tiktok", "instagram", "youtube")


def add_parsers(sub) -> None:
    s = sub.add_parser("stats", help="import the platforms' analytics exports and join them to "
                                     "the library's posts")
    ssub = s.add_subparsers(dest="stats_command", metavar="ACTION", required=True)
    i = ssub.add_parser("import", help="read TikTok Studio/Business, Instagram (Meta Business "
                                       "Suite) and YouTube Studio export files (CSV or zip)")
    i.add_argument("files", nargs="+", metavar="FILE")
    i.add_argument("--platform", choices=PLATFORM_CHOICES,
                   help="whose export it is (default: found from the columns)")
    i.add_argument("--account", metavar="NAME", help="the account the files are of (default: "
                   "read from the files, e.g. TikTok's video links)")
    i.add_argument("--as-of", metavar="DATE", help="the day the files were exported, "
                   "e.g. 30/11/2026 (day first), 30 Nov 2026 or 2026-11-30 (default: a date in the "
                   "file or folder name, else today)")
    i.add_argument("--map", action="append", default=[], metavar='"COLUMN=KNOWN"',
                   help='say what an unknown column holds, e.g. --map "Vues=Video Views" '
                        '("COLUMN=-" skips it); remembered for the platform (needs --platform)')
    i.set_defaults(handler=stats_import)
    u = ssub.add_parser("unmatched", help="exported posts not joined to a library post, and "
                                          "suggestions to confirm")
    u.add_argument("--json", action="store_true")
    u.set_defaults(handler=stats_unmatched)
    ln = ssub.add_parser("link", help="confirm that an exported post is a library post (or "
                                      "with --no, that it is not); remembered")
    ln.add_argument("post_id", help="the library post's id (see `post list`)")
    ln.add_argument("platform_post_id", help="the platform's post ID (see `stats unmatched`)")
    ln.add_argument("--platform", choices=PLATFORM_CHOICES)
    ln.add_argument("--no", action="store_true", help="refuse the suggestion instead")
    ln.set_defaults(handler=stats_link)

    r = sub.add_parser("report", help="the weekly performance report: --json prints its figures, "
                                      "-o writes a PDF, XLSX or HTML file")
    r.add_argument("--week", metavar="WEEK", help="ISO week, e.g. 2026-W48, or a day in it, "
                   "e.g. 25/11/2026 (day first) (default: the last complete week in the team's "
                   "time zone)")
    r.add_argument("--tz", metavar="ZONE", help="time zone of the week and the posting hours "
                   "(default: the team's, see `zone`)")
    r.add_argument("--rank", choices=("organic", "all"), default="organic",
                   help="rank top and bottom posts among organic posts (default: paid ones, "
                        "marked with `post set ID --paid KIND`, are listed apart) or all posts")
    r.add_argument("--json", action="store_true", help="print the figures as JSON")
    r.add_argument("-o", "--output", metavar="FILE", help="write report.pdf, .xlsx or .html")
    r.add_argument("--force", action="store_true", help="replace FILE if it exists")
    r.set_defaults(handler=report)


def _mapping_pairs(items: list[str]) -> dict[str, str]:
    from liveassets.errors import UserError

    pairs = {}
    for item in items:
        column, sep, known = item.partition("=")
        if not sep or not column.strip() or not known.strip():
            raise UserError(f'--map "{shorten(item, 60)}" needs the form "COLUMN=KNOWN COLUMN", '
                            'e.g. --map "Vues=Video Views" (or "COLUMN=-" to skip it).')
        pairs[column.strip()] = known.strip()
    return pairs


def stats_import(library: Path, args) -> int:
    from liveassets.analytics.importing import check_mapping, import_files
    from liveassets.catalog.catalog import Catalog
    from liveassets.errors import UserError
    from liveassets.publish.zones import parse_day

    pairs = _mapping_pairs(args.map)
    if pairs and not args.platform:
        raise UserError("--map needs --platform tiktok|instagram|youtube: a mapping is "
                        "remembered for one platform.")
    as_of = parse_day(args.as_of) if args.as_of else None
    with Catalog(library) as catalog:
        if pairs:
            check_mapping(args.platform, pairs)
        outcome = import_files(catalog, args.files, platform=args.platform,
                               account=args.account, as_of=as_of, mapping=pairs)
        for line in outcome.lines():
            print(shown(line))
    return 0


def stats_unmatched(library: Path, args) -> int:
    from liveassets.analytics.importing import unmatched
    from liveassets.catalog.catalog import Catalog

    from liveassets.analytics.snapshots import AnalyticsStore

    with Catalog(library, readonly=True) as catalog:
        rows = unmatched(catalog)
        imported = bool(rows) or bool(AnalyticsStore(catalog).posts())
    if args.json:
        json.dump(utf8_tree(rows), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not imported:
        print("No exported posts yet: import a Content export with `liveassets stats import`.")
        return 0
    if not rows:
        print("Every exported post is joined to a library post (or was refused).")
        return 0
    for r in rows:
        caption = shorten(" ".join((r["caption"] or "").split()), 48)
        head = f"{r['platform']:<9} {r['platform_post_id']:<20} {r['published'] or '-':<16} {caption}"
        if r["suggested_post_id"]:
            head += (f"  -> suggested post {r['suggested_post_id']} ({r['match']}); confirm: "
                     f"liveassets stats link {r['suggested_post_id']} {r['platform_post_id']}")
        print(shown(head))
    return 0


def stats_link(library: Path, args) -> int:
    from liveassets.analytics.importing import link
    from liveassets.catalog.catalog import Catalog

    with Catalog(library) as catalog:
        print(shown(link(catalog, args.post_id, args.platform_post_id, args.platform,
                         refuse=args.no)))
    return 0


def report(library: Path, args) -> int:
    from liveassets.analytics.weekly import weekly_report
    from liveassets.catalog.catalog import Catalog

    with Catalog(library, readonly=True) as catalog:
        figures = weekly_report(catalog, args.week, args.tz, ranked_on=args.rank)
        if args.output:
            from liveassets.analytics.outputs import write_report

            result = write_report(figures, args.output, catalog, force=args.force)
            if result:
                print(shown(str(result)))
    if args.json:
        json.dump(utf8_tree(figures), sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif not args.output:
        print(shown(f"Week {figures['week']} ({figures['from']} to {figures['to']}, "
                    f"{figures['zone']})"))
        for line in figures["summary"] or ["No figures for this week: import the platforms' "
                                           "exports with `liveassets stats import`."]:
            print(shown("  " + line))
    return 0
