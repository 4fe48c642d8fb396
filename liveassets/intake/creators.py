"""Creators and their consent, read from the library: every `creator:@handle` tag with its
files, rights statuses, what may go out today and what expires soon."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from liveassets import clock
from liveassets.catalog.rights import expiry_day, may_publish

# "Expiring soon": within two weeks, two of the team's weekly reports (our choice, not a
# platform rule), time enough to ask for a new Spark code or licence.
SOON_DAYS = 14


@dataclass
class Creator:
    handle: str  # as first spelt, without "@"
    names: list[str] = field(default_factory=list)  # submitter names seen on their rows
    files: int = 0
    statuses: Counter = field(default_factory=Counter)  # rights status -> files
    public_now: int = 0  # files the rights gate lets out publicly today
    expiring: int = 0  # public today, expiring within SOON_DAYS
    next_expiry: str | None = None  # earliest expiry among files still public
    campaigns: list[str] = field(default_factory=list)
    asset_ids: list[str] = field(default_factory=list)

    @property
    def query(self) -> str:
        """The search that shows this creator's files in the grid (the tag creator:@handle)."""
        value = f"creator:@{self.handle}"
        if any(ch in value for ch in ' "\\()|'):
            value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"tag:{value}"

    def to_json(self) -> dict:
        return {"handle": self.handle, "names": self.names, "files": self.files,
                "statuses": dict(self.statuses), "public_now": self.public_now,
                "expiring_soon": self.expiring, "next_expiry": self.next_expiry,
                "campaigns": self.campaigns}


def creators(catalog, today: dt.date | None = None, soon_days: int = SOON_DAYS) -> list[Creator]:
    """Every creator tagged in the library, by handle (case-insensitive), sorted by handle."""
    today = today or clock.today()
    horizon = today + dt.timedelta(days=soon_days)
    out: dict[str, Creator] = {}
    with catalog.lock:
        docs = catalog.all()
    for doc in docs:
        handles = [t.partition(":")[2].strip().lstrip("@") for t in doc.get("tags") or ()
                   if t.partition(":")[0].strip().casefold() == "creator"]
        if not handles:
            continue
        decision = may_publish(doc, on=today, catalog=catalog)
        rights = doc.get("rights") or {}
        sub = doc.get("submission") or {}
        for handle in handles:
            if not handle:
                continue
            c = out.setdefault(handle.casefold(), Creator(handle))
            c.files += 1
            c.asset_ids.append(doc["id"])
            c.statuses[rights.get("status") or "unknown"] += 1
            name = (sub.get("values") or {}).get("name")
            if name and name not in c.names:
                c.names.append(name)
            if sub.get("campaign") and sub["campaign"] not in c.campaigns:
                c.campaigns.append(sub["campaign"])
            if decision:
                c.public_now += 1
                day = expiry_day(rights)   # a hand-typed 31/12/2026 too
                if day is not None:
                    expires = day.isoformat()
                    if c.next_expiry is None or expires < c.next_expiry:
                        c.next_expiry = expires
                    if day <= horizon:
                        c.expiring += 1
    return sorted(out.values(), key=lambda c: c.handle.casefold())
