"""The rights record a submission's row grants: "cleared" only when the licence and channels
allow public use and a consent reference exists (a minor also needs a guardian's consent);
anything else is "pending" with every reason kept in the record's notes.

A Spark Ads code lasts 7, 30, 60 or 365 days from its date (TikTok; SPECS.md "Creator
submissions"): the record's expiry is the earlier of the licence's end and the code's, so the
one rights gate (catalog.rights.may_publish) stops the asset the day the code runs out; a code
already expired on the day of intake leaves the asset pending. Platform terms give no right
to reuse a creator's post (SPECS.md), so a row with no licence is never cleared.

The row's permitted channels become the record's `channels` (catalog.channels: TikTok, Instagram
Reels, YouTube Shorts, Twitter/X -> platform ids), which the rights gate checks on every post;
"All", "Any platform" or "Social media" limit nothing. Channels that are not one of our
platforms ("Website", "Billboard") stay in the terms as written, for the designer. A row whose
public channels name none of our platforms ("Website only") is left pending: clearing it would
store no limit, i.e. every platform, the opposite of what the creator granted; a person who
reads the terms can record the channels by hand.
"""

from __future__ import annotations

import datetime as dt

from liveassets.catalog import channels as ch
from liveassets.catalog.rights import empty_rights
from liveassets.intake.fields import LICENCES, is_internal_channel
from liveassets.intake.rows import Submission


def spark_expiry(sub: Submission) -> dt.date | None:
    """Last day the row's Spark Ads code is valid: its date (else the day the row was received)
    plus its validity, or None without a code, a validity or a date. A code dated within its
    validity of 9999-12-31 ends on that day (the calendar's last; adding raised OverflowError)."""
    start = _code_start(sub)
    if not sub.values.get("spark_code") or not sub.spark_days or start is None:
        return None
    if (dt.date.max - start).days < sub.spark_days:
        return dt.date.max
    return start + dt.timedelta(days=sub.spark_days)


def _code_start(sub: Submission) -> dt.date | None:
    return sub.spark_date or (sub.received.date() if sub.received else None)


def reasons(sub: Submission, today: dt.date) -> list[str]:
    """Why the row does not clear its files for public use, in a user's words ([] = cleared)."""
    out = []
    if sub.licence is None:
        raw = sub.values.get("licence")
        out.append(f'licence "{raw}" not understood (owned, licensed, organic use or '
                   'paid/Spark code)' if raw else "no licence given")
    public = [c for c in sub.channels if not is_internal_channel(c)]
    if not sub.channels:
        out.append("no permitted channels")
    elif not public:
        out.append("internal use only (no public channel permitted)")
    elif platform_channels(sub) is None:
        out.append(f"permitted channels ({', '.join(public)}) name none of "
                   f"{', '.join(ch.NAMES.values())}")
    if not sub.consent:
        out.append("consent missing")
    if sub.minor and not sub.guardian:
        out.append("a minor: guardian consent missing")
    if sub.licence == "paid":
        code_end = spark_expiry(sub)
        if not sub.values.get("spark_code"):
            out.append("paid use without a Spark Ads code")
        elif not sub.spark_days:
            out.append("Spark Ads code without its validity (7, 30, 60 or 365 days)")
        elif code_end is None:
            out.append("Spark Ads code without a date to count its validity from")
        elif code_end < today:
            out.append(f"Spark Ads code expired on {code_end.isoformat()}")
        elif (_code_start(sub) - today).days > 1:
            # a code exists from the day it is generated: a later date is a typo (9999 for
            # 2026), and counting from it would clear the file for years (one day of slack:
            # a form's timestamps may be in a zone ahead of the team's)
            out.append(f"Spark Ads code dated {_code_start(sub).isoformat()}, after today: "
                       "check its date")
    if sub.expiry is not None and sub.expiry < today:
        out.append(f"licence expired on {sub.expiry.isoformat()}")
    if sub.start is not None and sub.start > today:
        out.append(f"licence starts on {sub.start.isoformat()}")
    return out


def platform_channels(sub: Submission) -> list[str] | None:
    """The row's public channels as platform ids in catalog.channels order ([] = every
    channel: "All", "Social media"), or None when they name none of our platforms."""
    public = [c for c in sub.channels if not is_internal_channel(c)]
    if any(ch.means_every(c) for c in public):
        return []
    # each entry read as the CLI reads a list: "Instagram & TikTok", "TikTok + YouTube" name
    # two; an aside that names no platform is dropped ("TikTok (not Instagram)" is TikTok)
    ids = [ch.channel_id(p) for c in public for p in (ch.split(c) or [c])]
    found = ch.ordered(i for i in ids if i)
    return found or None


def rights_for(sub: Submission | None, today: dt.date, extra_reasons: list[str] = ()) -> dict:
    """The whole rights record for a file of `sub` (None: a file no row names) on `today`;
    `extra_reasons` (a duplicate, two rows claiming the file) also keep it pending."""
    rights = empty_rights()
    why = list(extra_reasons)
    if sub is None:
        why.insert(0, "no row in the manifest")
        rights.update(status="pending", notes="Pending: " + "; ".join(why) + ".")
        return rights
    why = reasons(sub, today) + why
    ends = [d for d in (sub.expiry, spark_expiry(sub) if sub.licence == "paid" else None) if d]
    credit = sub.values.get("credit") or (f"@{sub.handle}" if sub.handle else
                                          sub.values.get("name", ""))
    notes = [f"Consent: {sub.consent}." if sub.consent else "No consent recorded."]
    if why:
        notes.append("Pending: " + "; ".join(why) + ".")
    rights.update(
        status="pending" if why else "cleared",
        expires=min(ends).isoformat() if ends else None,
        owner=sub.values.get("name") or (f"@{sub.handle}" if sub.handle else ""),
        credit=credit,
        terms=terms(sub),
        notes=" ".join(notes),
        channels=platform_channels(sub) or [],
    )
    return rights


def terms(sub: Submission) -> str:
    """One line of what was granted: licence, channels, territory, dates, the Spark code."""
    parts = [LICENCES.get(sub.licence, sub.values.get("licence") or "No licence")]
    if sub.channels:
        parts.append("channels: " + ", ".join(sub.channels))
    if sub.values.get("territory"):
        parts.append("territory: " + sub.values["territory"])
    if sub.start:
        parts.append(f"from {sub.start.isoformat()}")
    if sub.expiry:
        parts.append(f"until {sub.expiry.isoformat()}")
    if sub.values.get("spark_code"):
        end = spark_expiry(sub)
        parts.append(f"Spark Ads code {sub.values['spark_code']}"
                     + (f" valid until {end.isoformat()}" if end else ""))
    return "; ".join(parts)
