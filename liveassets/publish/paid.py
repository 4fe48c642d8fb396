"""Whether a post's reach was bought: the `paid` mark a post carries (publish/posts.py `Post`),
in the platforms' own words, and the one-line text every view and report shows for it.

A mark is a dict stored on the post, or None for a post nobody marked (every post saved before
marks existed loads so, shown as "not marked"):

    {"kind": "spark" | "boost" | "promotion" | "organic",
     "budget": 250.0 or None,          # what was spent, in `currency`
     "currency": "AUD" or "",          # ISO 4217 code, upper case
     "from": "2026-11-24" or None,     # the days the paid run covered (local dates)
     "to": "2026-11-30" or None}

The kinds are the platforms' names for paying to show an existing post to more people:
TikTok's Spark Ads (an ad made from a creator's or the brand's own post, with the post's
authorisation code; TikTok also sells "Promote", its in-app promotion), Instagram's and
Facebook's "Boost post", YouTube Studio's "Promote" (a video promotion campaign). "organic"
records that a person checked and nothing was paid; it is not the same as no mark.
"""

from __future__ import annotations

import datetime as dt
import re

from liveassets.errors import UserError
from liveassets.typed_dates import TypedDateError, parse_day

# kind -> what the platforms call it (the badge reads "paid: Spark Ads")
KINDS = {"spark": "Spark Ads", "boost": "Boost", "promotion": "Promotion"}
ORGANIC = "organic"
# the platform each kind belongs to, for the help text and the error message
WHERE = {"spark": "TikTok Spark Ads", "boost": "Instagram or Facebook Boost post",
         "promotion": "YouTube Promote, TikTok Promote, X Promote"}
# A budget is stored as a float: below 10^12 every amount keeps its cents exactly as typed
# (doubles hold 15 significant digits); 10^26 would show as 100,000,000,000,000,004,764,729,344.
MAX_BUDGET = 1e12
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?", re.ASCII)   # 1,250 or 1,250.50
_CURRENCY = re.compile(r"[A-Z]{3}", re.ASCII)


class PaidError(UserError):
    pass


def kind_help() -> str:
    """'spark (TikTok Spark Ads), boost (...), promotion (...)' for help and error text."""
    return ", ".join(f"{k} ({WHERE[k]})" for k in KINDS)


def check_kind(kind: str) -> str:
    """`kind` as stored ("spark", ...; case and spaces ignored; "spark ads" is "spark").
    Raises PaidError naming the kinds there are."""
    key = " ".join(str(kind).split()).casefold()
    key = {"spark ads": "spark", "sparkads": "spark", "boosted": "boost", "boost post": "boost",
           "promote": "promotion", "promoted": "promotion"}.get(key, key)
    if key not in KINDS:
        raise PaidError(f'"{kind}" is not a kind of paid post: use {kind_help()}.')
    return key


def mark(kind: str, budget=None, currency: str = "", start=None, end=None) -> dict:
    """A checked mark (see the module docstring): `kind` one of KINDS or "organic"; `budget`
    a number 0 or more (text like "250" or "1,250.50" is read), `currency` a three-letter
    ISO 4217 code, `start`/`end` dates or ISO text (start <= end). Raises PaidError."""
    if str(kind).strip().casefold() == ORGANIC:
        if budget not in (None, "") or start or end:
            raise PaidError("An organic post has no budget or paid days: leave --budget, "
                            "--from and --to out, or mark it paid.")
        return {"kind": ORGANIC, "budget": None, "currency": "", "from": None, "to": None}
    key = check_kind(kind)
    amount = _budget(budget)
    code = str(currency or "").strip().upper()
    if code and not _CURRENCY.fullmatch(code):
        raise PaidError(f'"{currency}" is not a currency code: write three letters such as '
                        "AUD or NZD (ISO 4217).")
    if amount is not None and not code:
        raise PaidError("Say the budget's currency too, e.g. --currency AUD.")
    first, last = _day(start, "start"), _day(end, "end")
    if first and last and last < first:
        raise PaidError(f"The paid run ends ({last}) before it starts ({first}): check the "
                        "dates.")
    return {"kind": key, "budget": amount, "currency": code, "from": first, "to": last}


def normalised(value) -> dict | None:
    """A stored mark checked again (Post.validated): None stays None; anything else goes
    through `mark`. Raises PaidError."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise PaidError("A post's paid mark must be a kind such as spark, or organic.")
    return mark(value.get("kind") or "", value.get("budget"), value.get("currency") or "",
                value.get("from"), value.get("to"))


def is_paid(value: dict | None) -> bool:
    return bool(value) and value.get("kind") in KINDS


def label(value: dict | None) -> str:
    """The badge: "paid: Spark Ads", "organic" or "not marked"."""
    if value is None:
        return "not marked"
    kind = value.get("kind")
    if kind in KINDS:
        return f"paid: {KINDS[kind]}"
    return ORGANIC if kind == ORGANIC else "not marked"


def details(value: dict | None) -> str:
    """The badge with the budget and days when known: "paid: Spark Ads, AUD 250.00,
    2026-11-24 to 2026-11-30"."""
    parts = [label(value)]
    if is_paid(value):
        if value.get("budget") is not None:
            parts.append(f"{value.get('currency', '')} {value['budget']:,.2f}".strip())
        if value.get("from") or value.get("to"):
            parts.append(f"{value.get('from') or '…'} to {value.get('to') or '…'}")
    return ", ".join(parts)


def _budget(value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise PaidError("The budget is an amount of money, e.g. --budget 250.")
    text = str(value).strip()
    if "," in text and not _THOUSANDS.fullmatch(text):  # "1,25" is not 125, nor 1.25
        raise PaidError(f'"{value}" is not an amount: write the budget as a number, with '
                        "commas only between thousands, e.g. --budget 1,250.50.")
    try:
        amount = float(text.replace(",", ""))
    except ValueError:
        raise PaidError(f'"{value}" is not an amount: write the budget as a number, e.g. '
                        "--budget 250.") from None
    if not amount >= 0 or amount == float("inf"):  # NaN fails >= too
        raise PaidError(f'"{value}" is not a budget: write 0 or more, e.g. --budget 250.')
    if amount >= MAX_BUDGET:  # past this a float no longer keeps the cents typed
        raise PaidError(f'"{value}" is too large for a budget: write what was spent, under '
                        f"{MAX_BUDGET:,.0f}, e.g. --budget 250.")
    return round(amount, 2)


def _day(value, which: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:   # typed as the team writes dates (31/12/2026, 31 Dec 2026, 2026-12-31)
        return parse_day(value).isoformat()
    except TypedDateError as exc:
        raise PaidError(f"The paid run's {which}: {exc}") from None
