"""Which manifest column holds which field: the mapping step, remembered in the library.

A header someone mapped by hand once ("Your @ on the app" -> handle) is kept in the library's
"intake_columns" record, so the next sheet from the same form maps itself; a header mapped to
"ignore" is never guessed again. Order: a mapping given now, the remembered one, then the
words of the header (fields.guess_field).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from liveassets.intake.fields import (FIELDS, LABELS, REQUIRED, ManifestError, guess_field,
                                      normal_header)

TABLE = "intake_columns"
RECORD_ID = "mapping"
IGNORE = "ignore"


@dataclass
class Mapping:
    """field -> the header it is read from; `unused` headers are kept on the asset as read."""

    columns: dict[str, str] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        return self.columns.get(name)


def remembered(catalog) -> dict[str, str]:
    """normalised header -> field (or "ignore"), as this library learnt them."""
    if catalog is None:
        return {}
    doc = catalog.records(TABLE).current(RECORD_ID) or {}
    return dict(doc.get("headers") or {})


def remember(catalog, choices: dict[str, str]) -> None:
    """Keep `choices` (header -> field or "ignore") for the next manifest; one record write
    (its own step: a mapping learnt stays learnt when an import is undone)."""
    if not choices or catalog is None or catalog.readonly:
        return
    known = remembered(catalog)
    new = {normal_header(h): f for h, f in choices.items()}
    if all(known.get(k) == v for k, v in new.items()):
        return
    known.update(new)
    catalog.records(TABLE).put({"id": RECORD_ID, "headers": known}, "Remember manifest columns")


def parse_choice(text: str) -> tuple[str, str]:
    """'Your @ on the app=handle' -> (header, field). Raises ManifestError naming the fields."""
    header, sep, name = str(text).rpartition("=")
    name = name.strip().casefold().replace(" ", "_")
    if not sep or not header.strip():
        raise ManifestError(f'"{text}" is not a column mapping: write it as "Column header=field" '
                            f"(fields: {', '.join(FIELDS)}, or ignore).")
    if name not in FIELDS and name != IGNORE:
        raise ManifestError(f'"{name}" is not a manifest field: use one of {", ".join(FIELDS)}, '
                            "or ignore.")
    return header.strip(), name


def propose(headers: list[str], catalog=None, choices: dict[str, str] | None = None
            ) -> dict[str, str | None]:
    """header -> the field it would be read as (None: not used), in header order: a mapping
    given now, the remembered one, then the header's words; each field taken once."""
    given = {normal_header(h): f for h, f in (choices or {}).items()}
    learnt = remembered(catalog)
    taken: set[str] = set()
    out: dict[str, str | None] = {}
    for header in headers:
        norm = normal_header(header)
        choice = given.get(norm) or learnt.get(norm) or guess_field(header)
        if choice and choice != IGNORE and choice not in taken:
            taken.add(choice)
            out[header] = choice
        else:
            out[header] = None
    return out


def missing_fields(proposal: dict[str, str | None]) -> list[str]:
    """The REQUIRED fields no column gives ("file" when neither files nor names are given)."""
    fields = set(proposal.values())
    out = [f for f in REQUIRED if f not in fields]
    if "file" not in fields and "name" not in fields:
        out.append("file")
    return out


def map_columns(headers: list[str], file_name: str, catalog=None,
                choices: dict[str, str] | None = None) -> Mapping:
    """Decide each header's field (see propose). Raises ManifestError (one line) when a
    REQUIRED field has no column, or neither the files nor the submitter's name has one
    (nothing to match files by); the line lists the headers not understood and how to map."""
    proposal = propose(headers, catalog, choices)
    mapping = Mapping({f: h for h, f in proposal.items() if f},
                      [h for h, f in proposal.items() if not f])
    missing = missing_fields(proposal)
    if missing:
        given = {normal_header(h) for h in (choices or {})}
        learnt = remembered(catalog)
        unknown = [h for h in mapping.unused if normal_header(h) not in given
                   and learnt.get(normal_header(h)) != IGNORE]
        which = ", ".join(f'"{LABELS[f]}"' for f in missing)
        seen = (f' Columns not understood: {", ".join(repr(h) for h in unknown[:6])}.'
                if unknown else "")
        raise ManifestError(
            f"{file_name}: no column for {which}.{seen} Map one (liveassets intake … --map "
            f'"Column header={missing[0]}", or the column step of File > Import submissions…), '
            "or start from the template: liveassets intake --template FILE.csv.")
    return mapping
