"""README.txt of a pack: who made it, when, for whom, the usage terms in plain words (grouped
by credit line and terms) and what was left out and why."""

from __future__ import annotations

import datetime as dt
import textwrap

from liveassets.people import user_name

AUDIENCE_WORDS = {
    "external": "people outside the team (only assets cleared for public use today)",
    "internal": "the team and partners working with it (cleared and internal-use assets)",
}
STATUS_WORDS = {
    "cleared": "cleared for publishing",
    "internal": "for internal use only: do not publish",
}


def text(plan, rows: list[dict], left_out: list, made: dt.datetime, user: str | None = None) -> str:
    user = user or user_name()
    lines = [
        "Asset pack",
        "==========",
        "",
        f"Made by {user} with LiveAssets on {made:%Y-%m-%d at %H:%M} {made:%Z}".rstrip() + ".",
        f"For {AUDIENCE_WORDS[plan.audience]}.",
        f"Holds {len(rows)} file(s) in the assets folder, as "
        + ("the original files, byte for byte." if plan.mode == "originals" else
           f"JPEG renditions at most {plan.long_edge} px on the long side, upright"
           " (videos as they were filmed, without their location and device tags)."),
        "",
        "manifest.csv (opens in Excel) and manifest.json list every file with its original",
        "name, credit and terms; contact_sheet.pdf shows them all on paper.",
    ]
    if plan.sidecars != "none":
        lines += ["Each file has an XMP sidecar beside it ("
                  + ("photo.jpg.xmp" if plan.sidecars == "full" else "photo.xmp")
                  + ") with its keywords, caption, credit and usage terms;",
                  "Lightroom, Bridge, digiKam and exiftool read it."
                  + (" JPEG renditions carry the same data inside." if plan.mode == "renditions"
                     else "")]
    located = plan.located
    if located:
        lines += ["", "Location: these files still carry the GPS position where they were taken:"]
        lines.extend(_wrap(", ".join(i.file for i in located[:20])
                           + (f" and {len(located) - 20} more" if len(located) > 20 else "")))
        lines.append("  Ask for a pack of renditions if they will be shared publicly.")
    lines += ["", "How you may use these files", "---------------------------", ""]
    for (status, credit, terms, expires, channels), names in _groups(rows).items():
        head = f"{len(names)} file(s), {STATUS_WORDS.get(status, status)}"
        lines.append(head + ":")
        lines.append(f"  Credit line: {credit}" if credit else
                     "  Credit line: none recorded; ask before crediting.")
        lines.extend(_wrap(f"Terms: {terms}" if terms else
                           "Terms: none recorded beyond the above."))
        if channels and channels != "every channel":
            lines.append(f"  Channels: {channels}; post it nowhere else.")
        if expires:
            lines.append(f"  Do not use after {expires}.")
        lines.extend(_wrap("Files: " + ", ".join(names[:12])
                           + (f" and {len(names) - 12} more" if len(names) > 12 else "")))
        lines.append("")
    if left_out:
        lines += ["Left out", "--------", ""]
        for item in left_out:
            lines.extend(_wrap(f"{item.name}: {item.reason}", indent="- ", rest="  "))
    else:
        lines.append("Nothing in the selection was left out.")
    lines = [part for line in lines for part in (_wrap(line, "", "") if len(line) > 88 else [line])]
    return "\r\n".join(lines).rstrip() + "\r\n"  # CRLF: Notepad on older Windows shows it right


def _groups(rows: list[dict]) -> dict:
    groups: dict = {}
    for r in rows:
        key = (r["rights_status"], r["credit"], r["terms"], r["rights_expires"],
               r.get("channels") or "")
        groups.setdefault(key, []).append(r["file"].split("/", 1)[-1])
    return groups


def _wrap(line: str, indent: str = "  ", rest: str = "  ") -> list[str]:
    return textwrap.wrap(line, width=88, initial_indent=indent, subsequent_indent=rest) or [indent]
