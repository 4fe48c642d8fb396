"""Importing export files as one step: read them (with the platform's remembered column
mapping), store the snapshots, and say in a person's words what was read, the dates it covers
and how many posts joined the library's; plus the join's follow-ups (what is unmatched, a
person's confirmation). The CLI and the window call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from liveassets.analytics import readers
from liveassets.analytics.join import (CAPTION, CONFIRMED, ID, NONE, TIME, Links, link_key,
                                       match_all)
from liveassets.analytics.readers.formats import SKIP, header_key
from liveassets.analytics.snapshots import AnalyticsStore, ImportResult
from liveassets.errors import UserError
from liveassets.publish.platforms import NAMES


@dataclass
class ImportOutcome:
    """`result` (snapshots.ImportResult), `tables` read, and the join of the imported posts:
    counts per tier."""

    result: ImportResult
    tables: list
    joined: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """What a person reads after an import, one statement a line."""
        out = []
        for name, label, platform, account, rows, first, last in self.result.files:
            table = next(t for t in self.tables if t.name == name)
            who = f"{NAMES.get(platform, platform)} @{account}" if account else \
                NAMES.get(platform, platform)
            span = f", {first} to {last}" if first else ""
            if table.kind == readers.POSTS:
                what = f"{rows} post{'s' if rows != 1 else ''} published{span}, totals as of " \
                       f"{table.as_of.isoformat()}"
                promoted = sum(1 for r in table.rows if r.get("promoted"))
                if promoted:   # the file's own word on paid reach (readers/formats.py)
                    what += (f"; {promoted} marked promoted in the file (the report counts "
                             f"{'them' if promoted != 1 else 'it'} as paid unless the library "
                             "says otherwise)")
            elif table.kind == readers.HOURS:
                what = f"follower activity, {rows} hours{span}"
            else:
                what = f"{len({r['date'] for r in table.rows})} days{span}"
            if table.skipped:
                what += (f"; {table.skipped} row{'s' if table.skipped != 1 else ''} not read "
                         "(no readable date or post link)")
            out.append(f"Read {name} ({label}, {who}): {what}.")
        r = self.result
        if not len(r.change):
            out.append("Nothing changed: these figures were already in the library.")
        else:
            out.append(f"Saved: {r.days_changed} day{'s' if r.days_changed != 1 else ''} and "
                       f"{r.posts_changed} post{'s' if r.posts_changed != 1 else ''} updated.")
        if self.joined:
            j = self.joined
            sure = j.get(ID, 0) + j.get(CONFIRMED, 0)
            ask = j.get(TIME, 0) + j.get(CAPTION, 0)
            text = f"Posts: {sure} matched to library posts"
            if ask:
                text += (f", {ask} suggested by time or caption (confirm them: liveassets stats "
                         "unmatched)")
            text += f", {j.get(NONE, 0)} not in the library."
            out.append(text)
        return out


def check_mapping(platform: str, pairs: dict[str, str]) -> None:
    """Raise UserError when a mapping's target is not a column LiveAssets knows for
    `platform` (it would map a column to nothing)."""
    known = {k for f in readers.FORMATS if f.platform == platform for k in f.columns}
    for column, target in pairs.items():
        if target.strip() != SKIP and header_key(target) not in known:
            sample = ", ".join(sorted(k.title() for k in known if k != "date")[:6])
            raise UserError(f'--map "{column}={target}": "{target}" is not a {platform} column '
                            f"LiveAssets knows (such as {sample} …); write one of those, or "
                            f'"{column}=-" to skip it.')


def import_files(catalog, paths, platform: str | None = None, account: str | None = None,
                 as_of: dt.date | None = None, mapping: dict[str, str] | None = None
                 ) -> ImportOutcome:
    """Read `paths` and store them (one undoable Change). `mapping` {column: known column or
    "-"} is added to `platform`'s remembered mapping once the files read with it. Raises
    readers.UnknownColumns / ExportError / UserFileError before anything is stored."""
    store = AnalyticsStore(catalog)
    mappings = store.mappings()
    if mapping:
        merged = dict(mappings.get(platform, {}))
        merged.update({header_key(k): SKIP if v.strip() == SKIP else header_key(v)
                       for k, v in mapping.items()})
        mappings[platform] = merged
    tables = readers.read(paths, platform, account, mappings, as_of)
    if not tables:
        raise UserError("The files hold only audience breakdowns (gender, territories), which "
                        "the report does not use: import Overview, Followers or Content exports.")
    if mapping:
        store.remember_mapping(platform, mapping)
    result = store.save(tables)
    keys = {link_key(t.platform, r["platform_post_id"]) for t in tables
            if t.kind == readers.POSTS for r in t.rows}
    joined: dict[str, int] = {}
    if keys:
        for key, m in _matches(catalog).items():
            if key in keys:
                joined[m.tier] = joined.get(m.tier, 0) + 1
    return ImportOutcome(result, tables, joined)


def _matches(catalog):
    from liveassets.publish.posts import PostStore

    return match_all(AnalyticsStore(catalog).posts(), PostStore(catalog).all(),
                     Links(catalog).answers())


def unmatched(catalog) -> list[dict]:
    """Exported posts without a sure library post: [{"platform", "platform_post_id", "url",
    "caption", "published", "match" (time|caption|none), "suggested_post_id", "score"}],
    newest first."""
    exported = {link_key(e["platform"], e["platform_post_id"]): e
                for e in AnalyticsStore(catalog).posts()}
    out = []
    for key, m in _matches(catalog).items():
        if m.tier in (ID, CONFIRMED):
            continue
        e = exported[key]
        out.append({"platform": e["platform"], "platform_post_id": e["platform_post_id"],
                    "account": e.get("account", ""), "url": e.get("url", ""),
                    "caption": e.get("caption", ""), "published": e.get("published"),
                    "match": m.tier, "suggested_post_id": m.post_id, "score": m.score})
    out.sort(key=lambda r: r["published"] or "", reverse=True)
    return out


def link(catalog, post_id: str, platform_post_id: str, platform: str | None = None,
         refuse: bool = False) -> str:
    """Record a person's answer: exported post `platform_post_id` is (or with `refuse`, is not)
    library post `post_id`. Returns the line to show; raises UserError for an unknown post or
    exported post, or an ID two platforms share without `platform`."""
    from liveassets.publish.posts import PostStore

    post = PostStore(catalog).get(post_id)
    found = [e for e in AnalyticsStore(catalog).posts(platform)
             if e["platform_post_id"] == platform_post_id.strip()]
    if not found:
        raise UserError(f"No exported post with ID {platform_post_id} has been imported: see "
                        "`liveassets stats unmatched` for the IDs.")
    if len(found) > 1:
        raise UserError(f"Post ID {platform_post_id} is in more than one platform's export: "
                        "add --platform.")
    e = found[0]
    if e["platform"] != post.platform:
        raise UserError(f"Post {post_id} is on {NAMES.get(post.platform, post.platform)} and "
                        f"{platform_post_id} on {NAMES.get(e['platform'], e['platform'])}: "
                        "they cannot be the same post.")
    links = Links(catalog)
    if refuse:
        links.refuse(e["platform"], e["platform_post_id"], post_id)
        return f"Noted: exported post {platform_post_id} is not post {post_id}."
    links.confirm(e["platform"], e["platform_post_id"], post_id)
    return f"Linked: exported post {platform_post_id} is post {post_id}; its figures join it."
