"""Imported analytics kept in the catalog, as dated snapshots: one document per account and day
(daily figures, summed over a week by the report) and one per exported post holding its lifetime
totals per export day (a week's figures are the difference between two snapshots).

Stored in the catalog's "analytics" records (ids `day|platform|account|date` and
`post|platform|platform post id`), so an import is one undoable Change published on
`catalog.subscribe` like any edit. Merging rules, so that importing a file twice, or the English
and French files of the same days, changes nothing:
- a figure read as None (`NAN`, `undefined`) never replaces a stored number;
- a figure read as a number replaces the stored one (a later export completes a partial day);
- a document that would not change is not written.
Column mappings (a header a person named, per platform) live in "analytics_mappings".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from liveassets.analytics.readers import DAYS, HOURS, POSTS, Table
from liveassets.analytics.readers.formats import DAY_FIGURES, POST_FIGURES, SKIP, header_key
from liveassets.catalog.changes import IMPORT
from liveassets.errors import UserError

TABLE, MAPPINGS = "analytics", "analytics_mappings"


@dataclass
class ImportResult:
    """What an import did: `change` (empty when nothing changed), and per file read
    (name, label, platform, account, rows, first date, last date)."""

    change: object
    files: list[tuple] = field(default_factory=list)
    days_changed: int = 0
    posts_changed: int = 0


class AnalyticsStore:
    """The analytics snapshots of one catalog."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.records = catalog.records(TABLE)
        self.maps = catalog.records(MAPPINGS)

    # -- reading --------------------------------------------------------------------------
    def split(self) -> tuple[list[dict], list[dict]]:
        """(day documents, post documents) from one read of the records."""
        days, posts = [], []
        for d in self.records.all():
            (days if d.get("kind") == "day" else posts if d.get("kind") == "post" else []
             ).append(d)
        return days, posts

    def days(self, platform: str | None = None) -> list[dict]:
        """Day documents {"platform", "account", "date", "figures": {name: int}, "hours"
        (24 active-follower counts or None), "exported" (the export day, ISO, of the file that
        last changed a figure)}."""
        return [d for d in self.records.all() if d.get("kind") == "day"
                and platform in (None, d.get("platform"))]

    def posts(self, platform: str | None = None) -> list[dict]:
        """Exported posts {"platform", "account", "platform_post_id", "url", "caption",
        "published" (local ISO), "type", "snapshots": {export day ISO: {figure: int}},
        "promoted": True/False when an export said whether it was paid (absent: not said)}."""
        return [d for d in self.records.all() if d.get("kind") == "post"
                and platform in (None, d.get("platform"))]

    def accounts(self, platform: str) -> set[str]:
        return {d.get("account", "") for d in self.records.all()
                if d.get("platform") == platform and d.get("account")}

    # -- column mappings ------------------------------------------------------------------
    def mappings(self) -> dict[str, dict[str, str]]:
        """{platform: {header as written, compared without case: known header or "-"}}."""
        return {d["id"]: dict(d.get("columns", {})) for d in self.maps.all()}

    def remember_mapping(self, platform: str, pairs: dict[str, str]):
        """Add `pairs` (a file's header -> the known header it holds, or "-" to skip it) to the
        platform's mapping; returns the undoable Change (empty when nothing new)."""
        current = self.mappings().get(platform, {})
        for header, known in pairs.items():
            current[header_key(header)] = SKIP if known.strip() == SKIP else header_key(known)
        doc = {"id": platform, "columns": current}
        return self.maps.put_many({platform: doc}, label=f"Map {platform} columns", source=IMPORT)

    # -- writing --------------------------------------------------------------------------
    def save(self, tables: list[Table], label: str = "Import analytics") -> ImportResult:
        """Merge `tables` into the snapshots as one undoable Change (see the module's rules).
        A file of account figures that names no account takes the platform's one account;
        with two or more known it raises UserError (nothing is written): which one is it?"""
        with self.catalog.lock:
            known = {p: self.accounts(p) for p in {t.platform for t in tables}}
            for t in tables:  # accounts this import names count as known for the others
                if t.account:
                    known[t.platform].add(t.account)
            values: dict[str, dict] = {}
            result = ImportResult(None)
            for t in tables:
                account = t.account or _only(known[t.platform])
                if not account and len(known[t.platform]) > 1 and t.kind in (DAYS, HOURS):
                    names = ", ".join("@" + a for a in sorted(known[t.platform]))
                    raise UserError(f"{t.name} does not say which {t.platform} account it is of "
                                    f"(this library has {names}): add --account NAME.")
                if t.kind == DAYS:
                    for row in t.rows:
                        self._merge_day(values, t.platform, account, row, t.as_of)
                elif t.kind == HOURS:
                    for row in t.rows:
                        self._merge_hour(values, t.platform, account, row)
                elif t.kind == POSTS:
                    for row in t.rows:
                        self._merge_post(values, t, account, row)
                span = t.dates or ("", "")
                result.files.append((t.name, t.label, t.platform, account, len(t.rows), *span))
            for platform, names in known.items():
                if len(names) == 1:
                    self._fold_unnamed(values, platform, next(iter(names)))
            for rid, doc in values.items():
                if self.records.current(rid) != doc:
                    if doc is None:
                        continue
                    if rid.startswith("day|"):
                        result.days_changed += 1
                    else:
                        result.posts_changed += 1
            result.change = self.records.put_many(values, label=label, source=IMPORT)
            return result

    def _fold_unnamed(self, values: dict, platform: str, account: str) -> None:
        """Days stored without an account (a bare Overview.csv imported first) belong to the
        platform's one account once it is known: folded into its days (its own figures win)
        and removed, so no day is counted twice."""
        prefix = f"day|{platform}||"
        unnamed = {rid for rid in values if rid.startswith(prefix)}
        unnamed |= {d["id"] for d in self.records.all() if d["id"].startswith(prefix)}
        for rid in sorted(unnamed):
            old = values.get(rid) or self.records.current(rid)
            if old is None:
                continue
            doc = self._doc(values, f"day|{platform}|{account}|{old['date']}", kind="day",
                            platform=platform, account=account, date=old["date"], figures={})
            for k, v in (old.get("figures") or {}).items():
                doc["figures"].setdefault(k, v)
            if old.get("hours"):
                hours = doc.setdefault("hours", [None] * 24)
                doc["hours"] = [h if h is not None else o for h, o in zip(hours, old["hours"])]
            values[rid] = None

    def _doc(self, values: dict, rid: str, **fresh) -> dict:
        if rid not in values:
            stored = self.records.current(rid)
            values[rid] = _deep(stored) if stored is not None else {"id": rid, **fresh}
        return values[rid]

    def _merge_day(self, values, platform, account, row, as_of: dt.date):
        rid = f"day|{platform}|{account}|{row['date']}"
        doc = self._doc(values, rid, kind="day", platform=platform, account=account,
                        date=row["date"], figures={})
        figures = doc.setdefault("figures", {})
        changed = False
        for name in DAY_FIGURES:
            v = row.get(name)
            if v is not None and figures.get(name) != v:
                figures[name] = v
                changed = True
        if changed:  # "exported": the export day of the file that last changed a figure
            doc["exported"] = max(doc.get("exported") or "", as_of.isoformat())

    def _merge_hour(self, values, platform, account, row):
        rid = f"day|{platform}|{account}|{row['date']}"
        doc = self._doc(values, rid, kind="day", platform=platform, account=account,
                        date=row["date"], figures={})
        hours = doc.setdefault("hours", [None] * 24)
        if row.get("active") is not None:
            hours[row["hour"]] = row["active"]

    def _merge_post(self, values, table: Table, account, row):
        rid = f"post|{table.platform}|{row['platform_post_id']}"
        doc = self._doc(values, rid, kind="post", platform=table.platform,
                        platform_post_id=row["platform_post_id"], snapshots={})
        doc["account"] = row.get("account") or account or doc.get("account", "")
        for key in ("url", "caption", "published", "type", "export_id"):
            if row.get(key):
                doc[key] = row[key]
        if row.get("promoted") is not None:  # the export's own word on paid reach (readers)
            doc["promoted"] = row["promoted"]
        snap = doc.setdefault("snapshots", {}).setdefault(table.as_of.isoformat(), {})
        for name in POST_FIGURES:
            v = row.get(name)
            if v is not None:
                snap[name] = v


def _only(accounts: set[str]) -> str:
    """The platform's one account when it has exactly one (a Studio Overview names none)."""
    return next(iter(accounts)) if len(accounts) == 1 else ""


def _deep(doc: dict) -> dict:
    import orjson

    return orjson.loads(orjson.dumps(doc))  # ~4x copy.deepcopy (records._copy measured it)

