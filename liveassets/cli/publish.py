"""CLI verbs for publishing: `sheet`, `post new|list|set|delete|published`, `calendar`.
Imported at start-up, so everything heavy (icalendar, the catalog) loads inside the handlers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from liveassets.people import user_name
from liveassets.safe_paths import shown, shown_lines, utf8_tree
from liveassets.shorten import shorten


def add_parsers(sub) -> None:
    s = sub.add_parser("sheet", help="export posts as a caption sheet (.xlsx/.csv for people, "
                       "--preset sprout for the scheduler, .md for chat)")
    s.add_argument("query", nargs="?", default="",
                   help="asset query: posts with at least one matching asset (default: all)")
    s.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the sheet to write; - prints the chat (Markdown) version instead")
    s.add_argument("--preset", choices=["sprout"], help="CSV for Sprout Social's bulk import")
    s.add_argument("--from", dest="start", metavar="DATE", help="first day, e.g. 1/12/2026 (day first), 1 Dec 2026 or 2026-12-01")
    s.add_argument("--to", dest="end", metavar="DATE", help="last day, e.g. 31/12/2026, 31 Dec 2026 or 2026-12-31")
    s.add_argument("--force", action="store_true", help="replace FILE if it exists")
    s.add_argument("--override-rights", metavar="REASON",
                   help="publish posts the rights gate blocks; your name and REASON are recorded")
    s.add_argument("--date-order", choices=["dmy", "mdy"], default="dmy",
                   help="Sprout date format: dd/mm/yyyy (dmy, default) or mm/dd/yyyy")
    s.set_defaults(handler=sheet)

    p = sub.add_parser("post", help="create, list, mark paid or organic, or delete posts")
    psub = p.add_subparsers(dest="post_command", metavar="ACTION", required=True)
    n = psub.add_parser("new", help="create a post for matching assets")
    n.add_argument("--assets", required=True, metavar="QUERY")
    text = n.add_mutually_exclusive_group(required=True)
    text.add_argument("--caption", metavar="TEXT")
    text.add_argument("--caption-file", metavar="FILE",
                      help="read the caption from a UTF-8 text file (- for standard input)")
    n.add_argument("--hashtags", default="", metavar='"#a #b"')
    n.add_argument("--mentions", default="", metavar='"@a @b"')
    n.add_argument("--at", metavar='"DATE HH:MM"', help="local time in --tz: "
                   '"31/12/2026 18:30" (day first), "31 Dec 2026 6:30pm" or "2026-12-31 18:30"; '
                   'add an offset, "2027-04-04 02:30 +11:00", to name one instant')
    n.add_argument("--fold", choices=("first", "second"), default=None,
                   help="for a time that happens twice (clocks going back): which pass")
    n.add_argument("--platform", default="tiktok", help="tiktok (default), instagram, youtube, x")
    n.add_argument("--account", default="")
    n.add_argument("--tz", metavar="ZONE", help="time zone (default: the team's, see `zone`)")
    n.add_argument("--status", default=None, help="draft, ready, scheduled or published")
    n.add_argument("--title", default="")
    n.add_argument("--first-comment", default="")
    n.add_argument("--alt-text", default="")
    n.add_argument("--notes", default="")
    n.add_argument("--json", action="store_true", help="print the new post as JSON")
    n.set_defaults(handler=post_new)
    ls = psub.add_parser("list", help="list posts in time order")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=post_list)
    st = psub.add_parser("set", help="mark a post paid (Spark Ads, boost, promotion) or "
                         "organic, so the weekly report keeps bought reach apart")
    st.add_argument("post_id")
    mark = st.add_mutually_exclusive_group(required=True)
    mark.add_argument("--paid", metavar="KIND", help="spark (TikTok Spark Ads), boost "
                      "(Instagram or Facebook Boost post) or promotion (YouTube Promote, "
                      "TikTok Promote)")
    mark.add_argument("--organic", action="store_true", help="checked: nothing was paid")
    mark.add_argument("--not-marked", action="store_true",
                      help="forget the mark (the report then shows the post as not marked)")
    st.add_argument("--budget", metavar="AMOUNT", help="what the paid run cost, e.g. 250")
    st.add_argument("--currency", default="", metavar="CODE", help="ISO 4217, e.g. AUD or NZD")
    st.add_argument("--from", dest="start", metavar="DATE", help="first day of the paid run")
    st.add_argument("--to", dest="end", metavar="DATE", help="last day of the paid run")
    st.add_argument("--json", action="store_true", help="print the post as JSON")
    st.set_defaults(handler=post_set)
    d = psub.add_parser("delete", help="delete a post by id")
    d.add_argument("post_id")
    d.set_defaults(handler=post_delete)
    pub = psub.add_parser("published", help="record where a post went: its public URL (the "
                          "platform's post ID is read from it) and when")
    pub.add_argument("post_id")
    pub.add_argument("--url", required=True, help="the post's public link (Share > Copy link)")
    pub.add_argument("--at", metavar='"DATE HH:MM"',
                     help="when it went out, local time in the post's zone, e.g. "
                     '"31/12/2026 18:30" (day first) or "2026-12-31 18:30" (default: now)')
    pub.add_argument("--fold", choices=("first", "second"), default=None,
                     help="for a time that happens twice (clocks going back): which pass")
    pub.set_defaults(handler=post_published)

    r = sub.add_parser("rules", help="each platform's caption rules in effect, with their "
                       "dates and sources; `rules set` records a change in this library")
    r.add_argument("--on", metavar="DATE", help="the rules in effect on DATE, e.g. 31/12/2026 (day first) or 2026-12-31 (default: today)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=rules_list)
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION")
    rs = rsub.add_parser("set", help="a platform changed a rule: record the new value from a date")
    rs.add_argument("platform", help="tiktok, tiktok_photo, instagram, youtube or x")
    rs.add_argument("field", help="unit, limit, title_limit, hashtag_limit, mention_limit, "
                    "mention_max or forbidden")
    rs.add_argument("value", help='a number, "none" for no cap, a unit, or the forbidden characters')
    rs.add_argument("--since", required=True, metavar="DATE", help="the day it took effect: 31/12/2026 (day first), 31 Dec 2026, 2026-12-31, or a month, Dec 2026")
    rs.add_argument("--source", default="", help="where the change was announced")
    rs.set_defaults(handler=rules_set)

    c = sub.add_parser("calendar", help="export scheduled posts as an .ics calendar")
    c.add_argument("-o", "--output", required=True, metavar="FILE.ics",
                   help="the calendar to write; - prints it to standard output")
    c.add_argument("--from", dest="start", metavar="DATE",
                   help="first day, e.g. 1/12/2026 (day first), 1 Dec 2026 or 2026-12-01")
    c.add_argument("--to", dest="end", metavar="DATE",
                   help="last day, e.g. 31/12/2026, 31 Dec 2026 or 2026-12-31")
    c.add_argument("--force", action="store_true")
    c.set_defaults(handler=calendar)

    z = sub.add_parser("zone", help="show or set the team's time zone (which day is today for "
                                    "rights, the calendar and new posts)")
    z.add_argument("name", nargs="?", help="an IANA name such as Australia/Sydney; \"default\" "
                                           "goes back to the default")
    z.set_defaults(handler=zone)




def sheet(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.errors import UserError
    from liveassets.publish.gate import check_post
    from liveassets.publish.posts import PostStore
    from liveassets.publish.sheets import export
    from liveassets.publish.zones import parse_day

    start, end = parse_day(args.start), parse_day(args.end)
    # A sheet only reads, so it opens as a reader beside an open window; recording a rights
    # override is the one write, and needs the library to itself.
    with Catalog(library, readonly=not args.override_rights) as catalog:
        store = PostStore(catalog)
        posts = store.select(args.query, start, end)
        if not posts:
            raise UserError("No posts match: check the query and --from/--to. Nothing written.")
        if args.output == "-" and not args.preset:
            from liveassets.publish.sheets_md import render_markdown

            sys.stdout.write(render_markdown(catalog, posts))
            sys.stdout.flush()
            return 0
        changes = []
        if args.override_rights:
            for post in posts:
                if not post.rights_override and not check_post(catalog, post).cleared:
                    changes.append(store.override_rights(post.id, user_name(), args.override_rights))
            if changes:
                posts = store.select(args.query, start, end)
        options = {"date_order": args.date_order} if args.preset == "sprout" else {}
        try:
            result = export(catalog, posts, args.output, preset=args.preset, force=args.force,
                            **options)
        except BaseException:
            for change in reversed(changes):  # nothing went out: the overrides did not happen
                catalog.undo(change)
            raise
        print(shown_lines(result.summary()))
        if changes:
            print(shown(f"Recorded a rights override on {len(changes)} posts by {user_name()}: "
                        f"{args.override_rights}"))
    return 0


def _post_json(catalog, post) -> dict:
    from liveassets.publish.gate import check_post, post_report
    from liveassets.publish.paid import label as paid_text

    doc = post.to_doc()
    report = post_report(catalog, post)
    rights = check_post(catalog, post)
    doc.update(full_caption=post.full_caption(), length=report.length, limit=report.limit,
               unit=report.unit, within_limits=report.within_limits, rights=rights.label,
               scheduled_utc=post.utc.isoformat() if post.utc else None,
               paid_label=paid_text(post.paid))
    return doc


def post_new(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.errors import UserError
    from liveassets.publish import zones
    from liveassets.publish.captions import split_hashtags
    from liveassets.publish.gate import caption_context, check_post, post_report
    from liveassets.publish.posts import Post, PostStore, conflicts

    if args.tz:
        zones.zone(args.tz)  # a bad --tz is told before the library is opened
    caption = args.caption if args.caption is not None else _caption_file(args.caption_file)
    with Catalog(library) as catalog:
        tz = args.tz or zones.default_zone_name()  # the team's, known once the library is open
        when = zones.parse_when(args.at, tz, fold=zones.parse_fold(args.fold)) if args.at else None
        assets = catalog.query(args.assets)
        if not assets:
            raise UserError(f'No assets match "{args.assets}": the post needs at least one.')
        post = Post(asset_ids=[a["id"] for a in assets], platform=args.platform,
                    account=args.account, body=caption,
                    hashtags=split_hashtags(args.hashtags),
                    mentions=[m for m in args.mentions.replace(",", " ").split() if m],
                    scheduled=when, timezone=tz,
                    status=args.status or ("scheduled" if when else "draft"), title=args.title,
                    first_comment=args.first_comment, alt_text=args.alt_text, notes=args.notes)
        store = PostStore(catalog)
        change = store.create(post)
        post = store.get(change.ids[0])
        if args.json:
            json.dump(utf8_tree(_post_json(catalog, post)), sys.stdout, ensure_ascii=False, indent=1)
            print()
            return 0
        report = post_report(catalog, post, caption_context(catalog, post))
        when_text = (f"{post.scheduled:%Y-%m-%d} {zones.clock_label(post.scheduled)} "
                     f"{post.timezone}" if post.scheduled else "unscheduled")
        print(shown(f"Created post {post.id}: {post.platform}, {len(post.asset_ids)} assets, "
                    f"{when_text}, {report.summary()}."))
        for w in report.warnings:
            print(shown(f"  {'error' if w.severity == 'error' else 'warning'}: {w.message}"))
        rights = check_post(catalog, post)
        if not rights.cleared:
            print(shown(f"  rights: {rights.label}"))
        for c in conflicts(store.all()):
            if post.id in (c.first, c.second):
                print(shown(f"  conflict: {c.message}"))
    return 0


MAX_CAPTION_FILE = 1_000_000  # bytes: 200 times YouTube's 5,000-byte description


def _caption_file(name: str) -> str:
    from liveassets.userfiles import UserFileError, decode_text, read_text

    if name == "-":
        data = sys.stdin.buffer.read(MAX_CAPTION_FILE + 1)
        if len(data) > MAX_CAPTION_FILE:
            raise UserFileError("The caption on standard input is over 1 MB: is it the right text?")
        return decode_text(data, "the caption on standard input")
    return read_text(name, "the caption file", MAX_CAPTION_FILE)


def post_list(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish import zones
    from liveassets.publish.gate import check_post
    from liveassets.publish.paid import is_paid
    from liveassets.publish.paid import label as paid_text
    from liveassets.publish.posts import PostStore

    with Catalog(library, readonly=True) as catalog:  # reads only: works beside a window
        posts = PostStore(catalog).all()
        if args.json:
            json.dump(utf8_tree([_post_json(catalog, p) for p in posts]), sys.stdout, ensure_ascii=False,
                      indent=1)
            print()
            return 0
        for p in posts:
            # a repeated hour's time says which pass ("02:30 (second, +10:00)")
            when = (f"{p.scheduled:%Y-%m-%d} {zones.clock_label(p.scheduled)}" if p.scheduled
                    else "-" * 16)
            flag = "" if check_post(catalog, p).cleared else "  [rights]"
            if is_paid(p.paid):
                flag += f"  [{paid_text(p.paid)}]"
            first = shorten((p.body.splitlines() or [""])[0], 50)
            print(shown(f"{p.id}  {when}  {p.platform:<9} {p.status:<9} {p.account or '-':<14} "
                        f"{first}{flag}"))
    return 0


def post_set(library: Path, args) -> int:
    """`post set ID --paid KIND [--budget --currency --from --to] | --organic | --not-marked`:
    one undoable change; a bad kind, amount, currency or day is refused in one line before
    the library is written."""
    from liveassets.catalog.catalog import Catalog
    from liveassets.errors import UserError
    from liveassets.publish.paid import details, mark
    from liveassets.publish.posts import PostStore

    extras = [args.budget, args.currency, args.start, args.end]
    if args.not_marked:
        if any(extras):
            raise UserError("--not-marked forgets the mark: leave --budget, --currency, --from "
                            "and --to out.")
        new = None
    else:
        new = mark("organic" if args.organic else args.paid, args.budget, args.currency,
                   args.start, args.end)
    with Catalog(library) as catalog:
        store = PostStore(catalog)
        store.set_paid(args.post_id, new)
        post = store.get(args.post_id)
        if args.json:
            json.dump(utf8_tree(_post_json(catalog, post)), sys.stdout, ensure_ascii=False,
                      indent=1)
            print()
            return 0
    print(shown(f"Post {post.id} ({post.platform}): {details(post.paid)}."))
    return 0


def post_delete(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.posts import PostStore

    with Catalog(library) as catalog:
        PostStore(catalog).delete(args.post_id)
        print(f"Deleted post {args.post_id}.")
    return 0


def post_published(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish import zones
    from liveassets.publish.posts import PostStore

    with Catalog(library) as catalog:
        store = PostStore(catalog)
        post = store.get(args.post_id)
        when = (zones.parse_when(args.at, post.timezone, fold=zones.parse_fold(args.fold))
                if args.at else None)
        store.mark_published(post.id, args.url, when)
        post = store.get(post.id)
        print(shown(f"Post {post.id} published on {post.platform}: {post.published_url} "
                    f"(post ID {post.platform_post_id})."))
    return 0


def rules_list(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.platforms import FIELDS, RULE_SETS, library_book
    from liveassets.publish.zones import parse_day

    on = parse_day(args.on)
    with Catalog(library, readonly=True) as catalog:
        book = library_book(catalog)
    out = {}
    for key in RULE_SETS:
        platform, photo = ("tiktok", True) if key == "tiktok_photo" else (key, False)
        rules = book.rules(platform, photo, on)
        out[key] = {f: {"value": getattr(rules, f), "since": rules.sources[f].since.isoformat(),
                        "source": rules.sources[f].source, "local": rules.sources[f].local}
                    for f in FIELDS}
    if args.json:
        json.dump(utf8_tree(out), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for key in RULE_SETS:
        platform, photo = ("tiktok", True) if key == "tiktok_photo" else (key, False)
        print(f"{key}:")
        for line in book.rules(platform, photo, on).describe().splitlines():
            print(shown(f"  {line}"))
    return 0


def rules_set(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.platforms import add_local_rule, parse_value
    from liveassets.typed_dates import parse_span

    with Catalog(library) as catalog:
        add_local_rule(catalog, args.platform, args.field, parse_value(args.field, args.value),
                       args.since, args.source)
    since = parse_span(args.since)[0]  # read as add_local_rule read (and stored) it
    print(shown(f"Recorded: {args.platform} {args.field} = {args.value} from {since:%Y-%m-%d} "
                "(stored in this library)."))
    return 0


def calendar(library: Path, args) -> int:
    from liveassets.catalog.catalog import Catalog
    from liveassets.errors import UserError
    from liveassets.publish.calendar_ics import build_calendar, write_ics
    from liveassets.publish.posts import PostStore
    from liveassets.publish.zones import parse_day

    start, end = parse_day(args.start), parse_day(args.end)
    with Catalog(library, readonly=True) as catalog:  # reads only: works beside a window
        posts = [p for p in PostStore(catalog).select("", start, end) if p.scheduled]
        if not posts:
            raise UserError("No scheduled posts in that range: nothing written.")
        if args.output == "-":  # as `sheet -o -`: the text, not a file named "-"
            sys.stdout.buffer.write(build_calendar(catalog, posts)[0].to_ical())
            sys.stdout.flush()
            return 0
        print(shown_lines(write_ics(catalog, posts, args.output, force=args.force).summary()))
    return 0


def zone(library: Path, args) -> int:
    """`liveassets zone [NAME]`: print the team's zone and today there, or store a new one in
    the library (shared by everyone who opens it; undoable in the window's history only)."""
    from dataclasses import replace

    from liveassets import clock
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.hashtags import PublishSettings

    with Catalog(library, readonly=not args.name) as catalog:
        if args.name:
            name = "" if args.name.strip().casefold() == "default" else args.name.strip()
            replace(PublishSettings.load(catalog), team_zone=name).save(catalog)
        print(shown(f"Team time zone: {clock.zone_name()} (today there: "
                    f"{clock.today():%a %d %b %Y})"))
    return 0

