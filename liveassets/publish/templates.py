"""Caption templates ('Recap of {event} with {creator} #{campaign}') filled from the assets'
namespaced tags, and Photo Mechanic-style code replacement ('=c1=' -> '@nova' from the user's
code table). Both are pure text functions; templates are stored in "caption_templates"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from liveassets.errors import UserError

FIELD = re.compile(r"\{([A-Za-z_][\w]*)\}")
CODE = re.compile(r"=([A-Za-z0-9_]+)=")


@dataclass
class Filled:
    text: str
    missing: list[str] = field(default_factory=list)   # fields or codes with no value


def tag_values(assets: list[dict]) -> dict[str, list[str]]:
    """namespace -> values in first-seen order, e.g. {'creator': ['@nova'], 'event': [...]}."""
    out: dict[str, list[str]] = {}
    for asset in assets:
        for tag in asset.get("tags") or ():
            ns, sep, value = tag.partition(":")
            if not sep or not value.strip():
                continue
            values = out.setdefault(ns.strip().casefold(), [])
            if value.strip() not in values:
                values.append(value.strip())
    return out


def template_fields(assets: list[dict], when: dt.date | dt.datetime | None = None) -> dict[str, str]:
    """Values for a template: every tag namespace ({event}, {campaign}, {type}, ...), {creator}
    (the first), {creators} (all, space-separated), {date} ('4 Oct 2026': the post's date, else
    the first asset's taken date), {weekday}."""
    values = {ns: vals[0] for ns, vals in tag_values(assets).items()}
    creators = tag_values(assets).get("creator", [])
    values["creators"] = " ".join(creators)
    if when is None:
        for a in assets:
            if a.get("taken"):
                try:
                    when = dt.datetime.fromisoformat(a["taken"])
                    break
                except ValueError:
                    pass
    if when is not None:
        values["date"] = f"{when.day} {when:%b %Y}"
        values["weekday"] = f"{when:%A}"
    return values


def fill(template: str, values: dict[str, str]) -> Filled:
    """Replace {field}s; unknown or empty fields stay as typed and are listed in `missing`."""
    missing: list[str] = []

    def sub(m: re.Match) -> str:
        v = values.get(m.group(1).casefold())
        if not v:
            missing.append(m.group(1))
            return m.group(0)
        return v

    return Filled(FIELD.sub(sub, template), missing)


def expand_codes(text: str, codes: dict[str, str]) -> Filled:
    """'=c1=' -> codes['c1'] (case-insensitive). Unknown codes stay and are listed."""
    table = {k.casefold().strip("="): v for k, v in codes.items()}
    missing: list[str] = []

    def sub(m: re.Match) -> str:
        v = table.get(m.group(1).casefold())
        if v is None:
            missing.append(m.group(0))
            return m.group(0)
        return v

    return Filled(CODE.sub(sub, text), missing)


class CaptionTemplates:
    """Named templates in the catalog's "caption_templates" records."""

    def __init__(self, catalog):
        self.store = catalog.records("caption_templates")

    def all(self) -> list[dict]:
        return sorted(self.store.all(), key=lambda d: d["name"].casefold())

    def save(self, name: str, text: str, template_id: str | None = None):
        if not name.strip():
            raise UserError("A caption template needs a name.")
        doc = {"name": name.strip(), "text": text}
        if template_id:
            doc["id"] = template_id
        return self.store.put(doc, label=f"Caption template {name.strip()}")

    def delete(self, template_id: str):
        return self.store.delete(template_id, label="Delete caption template")
