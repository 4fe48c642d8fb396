"""The fields a submissions manifest maps to, how headers are recognised, and how each cell is
read (dates, yes/no, licences, channels, Spark Ads code validity), each bad cell as one line.

Headers are matched by the remembered mapping first (columns.py), then by the app's own
template labels, then by the words people put in Google Forms questions ("Your TikTok handle",
"Timestamp", "Upload your clip"). Order matters: "Guardian consent" must not be read as the
creator's consent, nor "Spark code date" as the code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from liveassets.errors import UserError
from liveassets.typed_dates import FORMS, NotADateError, TypedDateError, parse_day

# field -> the template's column label, in the template's order (`liveassets intake --template`).
LABELS = {
    "name": "Submitter name",
    "handle": "Handle",
    "email": "Email",
    "received": "Received",
    "file": "Files",
    "licence": "Licence",
    "channels": "Permitted channels",
    "territory": "Territory",
    "start": "Start date",
    "expiry": "Expiry date",
    "credit": "Credit line",
    "spark_code": "Spark Ads code",
    "spark_days": "Spark code valid (days)",
    "spark_date": "Spark code date",
    "consent": "Consent reference",
    "minor": "Minor",
    "guardian_consent": "Guardian consent",
    "notes": "Notes",
}
FIELDS = tuple(LABELS)
# Without these a manifest cannot say who granted what: refused with the headers it has.
REQUIRED = ("handle", "licence", "channels", "consent")

# (field, pattern on the normalised header), first match wins; most specific first.
_RULES = [
    ("guardian_consent", r"guardian|parent"),
    ("spark_days", r"spark.*(days|valid|duration|expir)|code.*(valid|duration)"),
    ("spark_date", r"spark.*date|code.*(date|issued|generated)"),
    ("spark_code", r"spark|authori[sz]ation code|ad code"),
    ("minor", r"minor|under 18|under eighteen|\bage\b"),
    ("consent", r"consent|i agree|agreement|release"),
    ("received", r"timestamp|received|submitted|submission (date|time)"),
    ("email", r"e-?mail"),
    ("handle", r"handle|username|user name|tiktok account|@"),
    ("file", r"\bfiles?\b|upload|attachment|file name|filename|clip|video|photo"),
    ("licence", r"licen[cs]e|usage|rights?\b|permission|how (may|can) we use"),
    ("channels", r"channel|platform|where.*(post|use)"),
    ("territory", r"territor|region|countr|market"),
    ("start", r"start|from date|valid from"),
    ("expiry", r"expir|end date|valid until|until"),
    ("credit", r"credit"),
    ("notes", r"note|comment|anything else"),
    ("name", r"\bname\b|submitter|respondent|full name"),
]

LICENCES = {
    "owned": "Owned (the brand owns it)",
    "licensed": "Licensed",
    "organic": "Permission for organic use",
    "paid": "Paid / Spark Ads code",
}
# TikTok Spark Ads authorisation codes are valid for 7, 30, 60 or 365 days (SPECS.md, "Creator
# submissions").
SPARK_DAYS = (7, 30, 60, 365)
_YES = {"yes", "y", "true", "1", "x", "checked", "ticked", "on"}
_NO = {"no", "n", "false", "0", "", "unchecked", "off", "none", "-"}
_DECLINED = {"no", "n", "false", "0", "declined", "refused", "i do not agree", "i don't agree"}


class ManifestError(UserError, ValueError):
    """A manifest that cannot be read as it is: names the file, row and column, and the fix."""


def normal_header(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return re.sub(r"\s+", " ", text).strip()


def guess_field(header: str) -> str | None:
    """The field a header means by its words (template label or question text), or None."""
    norm = normal_header(header)
    for field, label in LABELS.items():
        if norm == normal_header(label) or norm == field.replace("_", " "):
            return field
    for field, pattern in _RULES:
        if re.search(pattern, norm):
            return field
    return None


class Cell:
    """Where a value sits, for its error line: `Cell(file, row, header)`."""

    def __init__(self, file: str, row: int, header: str):
        self.file, self.row, self.header = file, row, header

    def fail(self, value, what: str) -> ManifestError:
        return ManifestError(f'{self.file}, row {self.row}, column "{self.header}": '
                             f'"{_short(value)}" {what}')


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


_SLASH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")


def parse_when(value, cell: Cell, day_first: bool = True) -> dt.datetime | None:
    """A date or date-time cell -> naive datetime (None for an empty cell).

    Accepts what spreadsheets hand over: datetime/date objects (XLSX), ISO 8601, Google Forms'
    timestamps ("2026/11/03 10:15:22", "3/11/2026 10:15:22", with " AM"/" PM" and a trailing
    "GMT+11"), and every form a person types (liveassets/typed_dates.py: "3 November 2026",
    "3 Nov 2026", "3/11/26"). Slash dates are read day-first unless `day_first` is False
    (columns.py decides per column from the column's own values, slash_order: a Google Form
    in a US locale writes month first). Raises ManifestError naming the cell, with the reason
    a date-shaped value is wrong ("February 2026 has 28 days").
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    raw = text(value)
    body = re.sub(r"\s*(GMT|UTC)\s*[+-]?\d{0,2}(:?\d{2})?$", "", raw, flags=re.I)
    date_part, _, time_part = body.partition(" ")
    if "T" in date_part and not time_part:
        date_part, _, time_part = date_part.partition("T")
    refusal = None
    day = None
    try:
        day = parse_day(date_part, month_first=not day_first) if date_part else None
    except TypedDateError as e:
        refusal = e
    if day is None:
        try:  # "3 November 2026": the day is the whole cell
            day, time_part = parse_day(body, month_first=not day_first), ""
        except TypedDateError as e:
            if refusal is None or isinstance(refusal, NotADateError):
                refusal = e
    if day is None:
        if isinstance(refusal, NotADateError):
            raise cell.fail(raw, f"is not a date: write it as {FORMS}, or as Google Forms "
                                 "writes its timestamps.")
        raise cell.fail(raw, refusal.reason)
    clock_time = _parse_time(time_part)
    if clock_time is None:
        raise cell.fail(raw, "has a time that cannot be read: write it as HH:MM or HH:MM:SS.")
    return dt.datetime.combine(day, clock_time)


def _parse_time(part: str) -> dt.time | None:
    part = part.strip()
    if not part:
        return dt.time()
    for fmt in ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%H:%M:%S.%f"):
        try:
            return dt.datetime.strptime(part.upper(), fmt).time()
        except ValueError:
            continue
    return None


def slash_order(values) -> bool | None:
    """Day-first (True), month-first (False) or undecided (None) for a column of slash dates:
    a first number above 12 can only be a day, a second above 12 only a day too."""
    for value in values:
        m = _SLASH.match(text(value).split(" ")[0]) if isinstance(value, str) else None
        if m:
            if int(m.group(1)) > 12:
                return True
            if int(m.group(2)) > 12:
                return False
    return None


def yes_no(value, cell: Cell) -> bool:
    norm = normal_header(text(value))
    if norm in _YES or norm.startswith("yes"):
        return True
    if norm in _NO or norm.startswith("no"):
        return False
    raise cell.fail(value, "is neither yes nor no: write yes or no.")


def consent_reference(value, where: str) -> str | None:
    """The consent a cell records: its own text when it is a reference ("CF-0042", an email's
    subject), `where` (the form response itself) for a ticked box or "I agree", None when
    empty or declined."""
    raw = text(value)
    norm = normal_header(raw)
    if norm in _DECLINED or norm in _NO or re.search(
            r"^(no|not|none|declined?|refused?|withdrawn)\b|\b(do not|don't|disagree)\b", norm):
        return None  # "No, I do not agree" is no consent, whatever else the cell says
    if norm in _YES or norm.startswith(("yes", "i agree", "i consent", "agreed", "i confirm")):
        return where
    return raw


def licence(value) -> str | None:
    """One of LICENCES for a cell's words (Google Forms choices are sentences), else None."""
    norm = normal_header(text(value))
    if not norm or re.search(r"\b(no|not|don't|do not|never|none|without)\b", norm):
        return None  # "I don't own it", "not licensed": never read as a grant (pending, asked)
    if "spark" in norm or "paid" in norm or "ads" in norm.split():
        return "paid"
    if "organic" in norm:
        return "organic"
    if "licen" in norm:
        return "licensed"
    if "own" in norm or "work for hire" in norm or "assigned" in norm:
        return "owned"
    return None


INTERNAL_CHANNELS = {"none", "no", "nowhere", "n/a"}


def is_internal_channel(name: str) -> bool:
    """"Internal", "internal use only", "none": no public channel."""
    norm = normal_header(name)
    return norm in INTERNAL_CHANNELS or norm.startswith("internal")


def channels(value) -> list[str]:
    """The channels a cell lists ("TikTok, Instagram; YouTube" -> 3), tidied, order kept."""
    if normal_header(text(value)) in INTERNAL_CHANNELS:  # "n/a" is not the channels n and a
        return [text(value)]
    parts = re.split(r"[,;/|\n]+|\band\b", text(value))
    out = []
    for part in parts:
        part = part.strip()
        if part and part.casefold() not in (p.casefold() for p in out):
            out.append(part)
    return out


def spark_days(value, cell: Cell) -> int | None:
    raw = text(value)
    if not raw:
        return None
    m = re.match(r"^(\d+)\s*(d|days?)?$", raw, re.I)
    if not m or int(m.group(1)) not in SPARK_DAYS:
        raise cell.fail(raw, "is not a Spark Ads code validity: TikTok codes last 7, 30, 60 "
                             "or 365 days; write one of those numbers.")
    return int(m.group(1))


def handle(value) -> str:
    """"@Nova.Live", "https://www.tiktok.com/@Nova.Live?lang=en", "instagram.com/Nova.Live/"
    -> "Nova.Live" (the spelling kept: tags match case-insensitively)."""
    raw = text(value)
    m = re.search(r"tiktok\.com/@([^/?#\s]+)", raw, re.I)
    if m:
        raw = m.group(1)
    elif "/" in raw:  # another profile link ("instagram.com/ana.live/"): its last part, as a
        # "/" inside a tag would make it a hierarchy (catalog/tags.py)
        parts = [p for p in re.split(r"[?#]", raw.split("://")[-1])[0].split("/") if p]
        raw = parts[-1] if parts else ""
    # a leading apostrophe is how sheets keep "@name" from running as a formula (cells.py)
    return raw.strip().lstrip("'").lstrip("@").strip()
