"""Which submitted file belongs to which manifest row.

Google Forms stores an uploaded file as `<original name> - <respondent name>.<ext>` inside a
"<Question> (File responses)" folder, and its sheet holds Drive links, not names (SPECS.md,
"Creator submissions"): such files are matched by the respondent's name. Google appends the uploader's account name,
which may differ from the name typed into the form: names are also compared with letters and
digits only, and against the part of the row's email before "@" ("ana.lee@..." is "Ana Lee").
A Dropbox file request
or the app's template names the files in a column: those are matched by name (the original
name of a Google-renamed file counts too). Names compare after Unicode NFC and case folding, as
macOS and Windows treat them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from liveassets.intake.rows import Submission

_RENAMED = re.compile(r"^(?P<original>.+) - (?P<who>[^-][^/]*?)(?: ?\(\d+\))?$")


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def _loose(text: str) -> str:
    """Letters and digits only, accents dropped: 'Ana-Lée ' and 'ana.lee' are both 'analee'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


def google_parts(name: str) -> tuple[str, str] | None:
    """'clip 1 - Ana Lee.mp4' -> ('clip 1.mp4', 'Ana Lee'); None for a name not renamed so."""
    stem, ext = os.path.splitext(name)
    m = _RENAMED.match(stem)
    return (m.group("original") + ext, m.group("who").strip()) if m else None


@dataclass
class Matches:
    """`files` path -> the rows that claim it (in sheet order); `empty` rows that found no
    file; `short` rows that found fewer files than their Drive links say were sent."""

    files: dict[str, list[Submission]] = field(default_factory=dict)
    empty: list[Submission] = field(default_factory=list)
    short: list[tuple[Submission, int]] = field(default_factory=list)

    def unmatched(self, paths: list[str]) -> list[str]:
        return [p for p in paths if p not in self.files]


def match(paths: list[str], rows: list[Submission]) -> Matches:
    """Claim files for rows. A row naming files takes files of those names (or Google renames
    of them); a row without names takes the files its submitter's name was appended to."""
    by_name: dict[str, list[str]] = {}
    by_original: dict[str, list[tuple[str, str]]] = {}
    by_who: dict[str, list[str]] = {}
    by_loose: dict[str, list[str]] = {}
    for path in sorted(paths):
        name = os.path.basename(path)
        by_name.setdefault(_key(name), []).append(path)
        parts = google_parts(name)
        if parts:
            by_original.setdefault(_key(parts[0]), []).append((path, _key(parts[1])))
            by_who.setdefault(_key(parts[1]), []).append(path)
            if _loose(parts[1]):
                by_loose.setdefault(_loose(parts[1]), []).append(path)
    out = Matches()
    for sub in rows:
        who = _key(sub.values.get("name", ""))
        found: list[str] = []
        for wanted in sub.files:
            hits = by_name.get(_key(wanted), [])
            if not hits:
                renamed = by_original.get(_key(wanted), [])
                mine = [p for p, person in renamed if person == who]
                hits = mine or ([renamed[0][0]] if len(renamed) == 1 else [])
            found.extend(h for h in hits if h not in found)
        if not sub.files and who:
            found = list(by_who.get(who, []))
        if not sub.files and not found:
            email = sub.values.get("email", "").partition("@")[0]
            for alias in (_loose(sub.values.get("name", "")), _loose(email)):
                if alias and by_loose.get(alias):
                    found = list(by_loose[alias])
                    break
        for path in found:
            out.files.setdefault(path, []).append(sub)
        if not found:
            out.empty.append(sub)
        elif sub.links > len(found):
            out.short.append((sub, sub.links))
    return out
