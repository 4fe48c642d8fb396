"""Metadata templates: a named set of rights fields and tags where each field carries its own
"apply" tick, stored in the library ("metadata_templates" records) so everyone who opens it
has them, and applied to assets as one write (one undo step).

The ticks follow Lightroom's metadata presets and Photo Mechanic's stationery pad (SPECS.md,
"Tools people already use"): only ticked fields are written; a ticked field left empty clears
that field on purpose; an unticked one is never touched, whatever value it holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace

from dateutil.relativedelta import relativedelta

from liveassets.catalog.channels import describe as describe_channels
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.rights import MODEL_RELEASES, RightsError, clean_rights
from liveassets.typed_dates import FORMS, NotADateError, TypedDateError, parse_day
from liveassets.catalog.tags import TagError, normalize_tag, tag_key
from liveassets.shorten import shorten

TABLE = "metadata_templates"
# The rights fields a template may set, in the order the inspector shows them. The release
# document is left out: it is one person's signed form, never shared by a batch.
FIELDS = ("status", "expires", "owner", "credit", "terms", "channels", "model_release", "notes")
LABELS = {"status": "Status", "expires": "Expires", "owner": "Owner", "credit": "Credit",
          "terms": "Terms", "channels": "Channels", "model_release": "Model release",
          "notes": "Rights notes"}
# What a field holds before anyone recorded it (schema's empty rights): never proposed.
_EMPTY = {"status": "unknown"}
# The "settings" record noting which old per-user templates this library already took in.
IMPORTS_ID = "metadata_template_imports"
_RELATIVE = re.compile(r"^\+\s*(\d{1,4})\s*(d|days?|w|weeks?|m|months?|y|years?)$", re.I)
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
# The longest relative expiry: the template dialog's counter goes to 3650, and 3650 years from
# any day a clock shows still lands before 9999-12-31, the last day a date holds.
MAX_COUNT = 3650
MAX_NAME = 80  # characters: a menu row and a Ctrl+1..9 tooltip, as saved searches (80)


class TemplateError(CatalogError):
    """A template that cannot be saved or applied (its one line names the template)."""


def parse_expiry(text: str | None) -> str | None:
    """Normalise a template's expiry: "" (no expiry: clears it), a day (typed as 31/12/2026,
    31 Dec 2026 or 2026-12-31: typed_dates.parse_day; stored as "YYYY-MM-DD") or
    "+N<unit>" with unit d, w, m or y ("+90 days" -> "+90d", "+3 months" -> "+3m").

    Raises RightsError (one line) for anything else.
    """
    text = "" if text is None else str(text).strip()
    if text.lower() in ("", "none", "never"):
        return ""
    m = _RELATIVE.match(text)
    if m:
        if int(m.group(1)) > MAX_COUNT:
            raise RightsError(f'Expiry "{text}" is too far ahead: a time from the day it is '
                              f'applied counts at most {MAX_COUNT} days, weeks, months or '
                              f'years; give a date ({FORMS}) instead.')
        return f"+{int(m.group(1))}{m.group(2)[0].lower()}"
    try:
        return parse_day(text).isoformat()
    except NotADateError:
        raise RightsError(f'Expiry "{text}" is neither a date ({FORMS}) nor a time from the '
                          'day it is applied (+90d, +12w, +6m, +1y); "none" clears it.') from None
    except TypedDateError as e:  # date-shaped but wrong ("12/31/2026"): its own line
        raise RightsError(str(e)) from None


def resolve_expiry(expiry: str, today: dt.date) -> str | None:
    """The date an expiry means when applied on `today`: "+3m" on 2026-01-31 -> "2026-04-30".

    Months and years are calendar steps clamped to the month's last day (dateutil's
    relativedelta), so "+1m" from 31 January is 28/29 February, as a contract would read it.
    Raises RightsError (one line) for an expiry parse_expiry refuses or one that lands after
    9999-12-31 (the last day Python's dates, and so the catalog, hold).
    """
    expiry = parse_expiry(expiry)
    if not expiry:
        return None
    if not expiry.startswith("+"):
        return expiry
    n, unit = int(expiry[1:-1]), _UNITS[expiry[-1]]
    try:
        return (today + relativedelta(**{unit: n})).isoformat()
    except (ValueError, OverflowError):
        raise RightsError(f'Expiry "{expiry}" from {today.isoformat()} lands after 9999-12-31: '
                          f'give a shorter time or a date ({FORMS}).') from None


def describe_expiry(expiry: str) -> str:
    if not expiry:
        return "no expiry"
    if not expiry.startswith("+"):
        return expiry
    n, unit = int(expiry[1:-1]), _UNITS[expiry[-1]]
    return f"{n} {unit[:-1] if n == 1 else unit} after applying"


@dataclass
class MetadataTemplate:
    """One template. `values` may hold unticked fields (kept for the form); only the names in
    `apply` are written. `expires` values are as `parse_expiry` gives them."""

    name: str
    values: dict[str, str | None] = field(default_factory=dict)
    apply: frozenset[str] = frozenset()
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    id: str | None = None

    # -- checking ----------------------------------------------------------------------------
    def cleaned(self) -> MetadataTemplate:
        """A checked copy: ticked values normalised, tags tidied and unique. Raises
        TemplateError naming the template and the bad field (unknown status, bad date, bad model
        release, an empty tag, a tag both added and removed)."""
        name = _name(self.name)
        if not name:
            raise TemplateError("A metadata template needs a name.")
        try:
            unknown = sorted(set(self.apply) - set(FIELDS))
            if unknown:
                raise RightsError(f'"{unknown[0]}" is not a template field: use one of '
                                  f'{", ".join(FIELDS)}.')
            values = {k: v for k, v in self.values.items() if k in FIELDS}
            for key in self.apply:
                if key == "expires":
                    values[key] = parse_expiry(values.get(key))
                else:
                    values.update(clean_rights({key: values.get(key)}))
            add, remove = _tags(self.add_tags), _tags(self.remove_tags)
        except (RightsError, TagError) as exc:
            raise TemplateError(f"Template “{name}”: {exc}") from None
        both = {tag_key(t) for t in add} & {tag_key(t) for t in remove}
        if both:
            tag = next(t for t in add if tag_key(t) in both)
            raise TemplateError(f"Template “{name}” both adds and removes the tag “{tag}”: "
                                "keep it in one list.")
        return replace(self, name=name, values=values, apply=frozenset(self.apply),
                       add_tags=add, remove_tags=remove)

    def rights_on(self, today: dt.date) -> dict:
        """The rights fields this template writes when applied on `today` (checked; raises
        TemplateError naming the template, as `cleaned`)."""
        t = self.cleaned()
        out = {k: t.values.get(k) for k in FIELDS if k in t.apply}
        if "expires" in out:
            try:
                out["expires"] = resolve_expiry(out["expires"] or "", today)
            except RightsError as exc:
                raise TemplateError(f"Template “{t.name}”: {exc}") from None
        return out

    def is_empty(self) -> bool:
        return not self.apply and not self.add_tags and not self.remove_tags

    def describe(self) -> str:
        """One line for a tooltip or `template list`: the ticked fields and the tags."""
        parts = []
        for key in FIELDS:
            if key not in self.apply:
                continue
            value = self.values.get(key)
            if key == "expires":
                shown = describe_expiry(value or "")
            elif key == "model_release" and value:
                shown = MODEL_RELEASES.get(value, value)
            elif key == "channels":
                shown = show_channels(value)
            else:
                shown = value if value else "(cleared)"
            parts.append(f"{LABELS[key]}: {shown}")
        if self.add_tags:
            parts.append("add tags: " + ", ".join(self.add_tags))
        if self.remove_tags:
            parts.append("remove tags: " + ", ".join(self.remove_tags))
        return "; ".join(parts) or "changes nothing (tick a field or list a tag)"

    # -- storage -----------------------------------------------------------------------------
    def to_doc(self) -> dict:
        doc = {"name": self.name, "values": dict(self.values),
               "apply": [k for k in FIELDS if k in self.apply],
               "add_tags": list(self.add_tags), "remove_tags": list(self.remove_tags)}
        if self.id:
            doc["id"] = self.id
        return doc

    @classmethod
    def from_doc(cls, doc: dict) -> MetadataTemplate:
        """A template from its stored document; fields a newer version added are ignored."""
        values = doc.get("values") if isinstance(doc.get("values"), dict) else {}
        return cls(name=str(doc.get("name") or ""),
                   values={k: v for k, v in values.items() if k in FIELDS},
                   apply=frozenset(k for k in doc.get("apply") or () if k in FIELDS),
                   add_tags=[str(t) for t in doc.get("add_tags") or ()],
                   remove_tags=[str(t) for t in doc.get("remove_tags") or ()],
                   id=doc.get("id"))


def show_channels(value) -> str:
    """A template's channels as read: "TikTok and Instagram only", "every channel"; text not
    checked yet (typed in the dialog) as typed."""
    if isinstance(value, list) or not value:
        return describe_channels(value or None)
    return str(value)


def _name(text) -> str:
    """A template name as stored and looked up: NFC (a name typed with a combining accent finds
    the one typed precomposed), runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def _tags(tags) -> list[str]:
    out, seen = [], set()
    for tag in tags or ():
        tag = normalize_tag(tag)
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out


# -- from a selection, and from the old per-user store -------------------------------------
def propose(name: str, docs: list[dict]) -> MetadataTemplate:
    """A template from selected assets: only the rights fields ALL of them share and that are
    not empty, ticked; the tags all of them carry, to add. Nothing is proposed from one asset's
    values alone, so applying it never blanks or overwrites what the others disagree on."""
    values: dict[str, str] = {}
    for key in FIELDS:
        seen = {_hashable((d.get("rights") or {}).get(key)) for d in docs}
        if len(seen) == 1:
            value = seen.pop()
            value = list(value) if isinstance(value, tuple) else value  # channels
            if value not in (None, "", [], _EMPTY.get(key)):  # [] channels: every one
                values[key] = value
    common: dict[str, str] | None = None
    for doc in docs:
        keys = {tag_key(t): t for t in doc.get("tags") or ()}
        common = keys if common is None else {k: v for k, v in common.items() if k in keys}
    tags = sorted((common or {}).values(), key=str.casefold)
    return MetadataTemplate(name, values, frozenset(values), tags)


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def from_old_settings(raw: dict) -> MetadataTemplate:
    """A template of the old QSettings store ({"name", "rights": {six fields}, "tags"}).

    The old store applied every field, empty ones included (blanking Owner and Model release);
    what its users meant was the values they saw, so only the non-empty ones come over ticked.
    """
    rights = raw.get("rights") if isinstance(raw.get("rights"), dict) else {}
    values = {k: v for k, v in rights.items() if k in FIELDS and v not in (None, "")}
    return MetadataTemplate(str(raw.get("name") or ""), values, frozenset(values),
                            [str(t) for t in raw.get("tags") or ()])


def old_settings_key(raw: dict) -> str:
    """A stable fingerprint of one old template (what it was, not where it is kept)."""
    return hashlib.sha1(json.dumps(raw, sort_keys=True, ensure_ascii=False,
                                   default=str).encode("utf-8", "surrogatepass")).hexdigest()


# -- the store -------------------------------------------------------------------------------
class TemplateStore:
    """The library's metadata templates, found by name (case-insensitive, as typed on the CLI).

    Saves and deletes return the record `Change`, so the window can put them on its undo stack.
    """

    def __init__(self, catalog):
        self.catalog = catalog
        self.records = catalog.records(TABLE)

    def all(self) -> list[MetadataTemplate]:
        """In the order they were first saved (the order of Ctrl+1..9)."""
        return [MetadataTemplate.from_doc(d) for d in self.records.all()]

    def find(self, name: str) -> MetadataTemplate | None:
        key = _name(name).casefold()
        for template in self.all():
            if _name(template.name).casefold() == key:
                return template
        return None

    def get(self, name: str) -> MetadataTemplate:
        """Raises TemplateError naming the templates there are."""
        template = self.find(name)
        if template is None:
            names = [t.name for t in self.all()]
            # Names are shortened: one line, even when someone saved a 10,000-character name.
            there = (f"the library has {', '.join(f'“{shorten(n, 40)}”' for n in names)}"
                     if names else
                     "the library has none yet (make one with `liveassets template save`)")
            raise TemplateError(f"No metadata template named “{shorten(_name(name), 40)}”: "
                                f"{there}.")
        return template

    def save(self, template: MetadataTemplate):
        """Insert or replace (by id; a new template taking an existing name replaces it).

        Returns (the saved template with its id, the Change). Raises TemplateError, also for
        a name past MAX_NAME (checked here, not in `cleaned`, so a long name stored by an older
        version still applies)."""
        template = template.cleaned()
        if len(template.name) > MAX_NAME:
            raise TemplateError(f"A metadata template's name is at most {MAX_NAME} characters; "
                                f"“{shorten(template.name, 40)}” has {len(template.name)}.")
        same = self.find(template.name)
        if template.id is None and same is not None:
            template = replace(template, id=same.id)
        elif same is not None and same.id != template.id:
            raise TemplateError(f"Another template is already named “{template.name}”: pick "
                                "another name.")
        doc = template.to_doc()
        change = self.records.put(doc, label=f"Save template {template.name}")
        return replace(template, id=change.ids[0]), change

    def delete(self, name: str):
        template = self.get(name)
        return self.records.delete(template.id, label=f"Delete template {template.name}")

    def import_old(self, raws: list) -> list[str]:
        """Copy templates of the old per-user store (QSettings) in, in one save. Each comes
        over once per library: its `old_settings_key` is noted in the library's "settings"
        records, so a template deleted here stays deleted, while a teammate's own old
        templates still arrive when they open it. A library template of the same name wins.
        Unreadable entries are skipped (the old store is left as it is). Returns the names
        added.
        """
        settings = self.catalog.records("settings")
        noted = settings.current(IMPORTS_ID) or {}
        done = set(noted.get("keys") or ())
        fresh = [(old_settings_key(r), r) for r in raws if isinstance(r, dict)]
        fresh = [(k, r) for k, r in fresh if k not in done]
        if not fresh:
            return []
        added = []
        with self.catalog.saving():
            for key, raw in fresh:
                done.add(key)
                try:
                    template = from_old_settings(raw).cleaned()
                except TemplateError:
                    continue
                if self.find(template.name) is None and not template.is_empty():
                    self.records.put(template.to_doc(), label="Import template")
                    added.append(template.name)
            settings.put({"id": IMPORTS_ID, "keys": sorted(done)}, label="Import templates")
        return added


def apply_template(catalog, template: MetadataTemplate, ids, today: dt.date):
    """Write `template` onto the assets `ids` as ONE Change (one undo step restores rights and
    tags together); a relative expiry counts from `today`.

    Everything is checked first: a bad field (TemplateError) or an unknown id (CatalogError)
    means nothing was written. Applying a template that ticks nothing raises TemplateError.
    """
    rights = template.rights_on(today)
    t = template.cleaned()
    if t.is_empty():
        raise TemplateError(f"Template “{t.name}” ticks no field and lists no tag: edit it "
                            "first.")
    return catalog.edit_metadata(f"Apply template {t.name}", ids, rights=rights,
                                 add=t.add_tags, remove=t.remove_tags)
