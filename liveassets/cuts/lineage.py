"""What a render inherits from what it is made of: rights (the most restrictive status, the
earliest expiry, every credit, term and owner, the weakest model release, the channels every
source allows) and a link back to the cut and its source assets, so the team's own recap goes
out exactly when and where its sources may."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from liveassets import clock
from liveassets.catalog.channels import channels_of, describe, ordered
from liveassets.catalog.rights import empty_rights, expiry_day
from liveassets.cuts.plan import Card, CutPlan, Logo, Music, Segment

# Least to most restrictive, read from catalog.rights.may_publish: "cleared" goes out to every
# audience; "internal" only to an internal one; "pending" and "unknown" to none until someone
# records an answer; "restricted" to none, ever. Between the two blocked-for-now states,
# "unknown" is the weaker claim: "pending" says somebody asked, which is untrue of a render with
# a source nobody recorded, so a mix of both is "unknown".
RESTRICTIVENESS = ("cleared", "internal", "pending", "unknown", "restricted")  # = STATUSES
# Model releases (PLUS vocabulary, catalog.rights.MODEL_RELEASES) from the least permission to
# the most: "No release" is a known refusal; not recorded (None) may be one; a limited release
# allows less than an unlimited one; "Not applicable" (nobody shown) limits nothing, so it
# counts only when every source says so.
RELEASE_ORDER = ("MR-NON", None, "MR-LMR", "MR-UMR", "MR-NAP")


@dataclass
class Lineage:
    """A render's inherited rights (a complete rights record, catalog.rights.FIELDS) and
    `derived_from` (stored on the render's asset: the cut, its source asset ids in plan order,
    and source files the library does not index)."""

    rights: dict
    derived_from: dict
    sources: list[str] = field(default_factory=list)  # every source path, once, in plan order


def plan_sources(plan: CutPlan) -> list[tuple[str, str]]:
    """(role, absolute path) of every file the cut shows or plays, once each, in plan order:
    segments, title and end card images, the music bed, the logo."""
    out: list[tuple[str, str]] = []
    segs = plan.segments if isinstance(plan.segments, list) else []
    out += [("segment", s.source) for s in segs if isinstance(s, Segment)]
    for card in (plan.title, plan.end_card):
        if isinstance(card, Card) and card.image:
            out.append(("card image", card.image))
    if isinstance(plan.music, Music):
        out.append(("music", plan.music.source))
    if isinstance(plan.logo, Logo):
        out.append(("logo", plan.logo.source))
    seen, unique = set(), []
    for role, path in out:
        if isinstance(path, str) and path:
            path = os.path.abspath(path)
            if path not in seen:
                seen.add(path)
                unique.append((role, path))
    return unique


def inherit(plan: CutPlan, catalog) -> Lineage:
    """The rights a render of `plan` inherits from its sources as the catalog records them now.

    Rules (issue #12): status = the most restrictive (RESTRICTIVENESS); expires = the earliest
    date any source expires (None when none does); credit, terms and owner = every distinct
    value joined with "; " in plan order (compared without case); model_release = the weakest
    (RELEASE_ORDER); release_doc = None (one render cannot stand for several documents);
    channels = those every source allows (the intersection; [] = every channel, when no source
    limits them); sources that share no channel leave the render "internal" at best (it may go
    out on no platform), its channels ["none"] (no channel) and the reason in its notes;
    notes = where the rights came from and any rights override the cut was rendered under. A
    source file the library does not index counts as "unknown" (as validate() treats it),
    except the logo: the brand's own mark counts only when it is indexed.
    """
    rights = empty_rights()
    statuses, expiries, releases = [], [], []
    # casefolded -> first spelling seen; dicts keep plan order and answer "seen?" at once
    # (lists made a 1,000-source plan take 17 ms, now 2-4 ms at load 3; bench_lineage.py)
    credits: dict[str, str] = {}
    terms: dict[str, str] = {}
    owners: dict[str, str] = {}
    allowed: frozenset | None = None  # channels every source allows so far (None: every one)
    source_ids: list[str] = []
    seen_ids: set[str] = set()
    unindexed: list[str] = []
    sources = plan_sources(plan)
    for role, path in sources:
        asset = catalog.by_path(path)
        if asset is None:
            if role != "logo":
                unindexed.append(path)
                statuses.append("unknown")
            continue
        if asset["id"] not in seen_ids:  # two paths may name one asset (a link)
            seen_ids.add(asset["id"])
            source_ids.append(asset["id"])
        r = asset.get("rights") or {}
        status = r.get("status")
        statuses.append(status if status in RESTRICTIVENESS else "unknown")
        if (day := expiry_day(r)) is not None:   # a hand-typed 31/12/2026 too
            expiries.append(day.isoformat())
        releases.append(r.get("model_release") if r.get("model_release") in RELEASE_ORDER
                        else None)
        limit = channels_of(r)
        if limit is not None:
            allowed = limit if allowed is None else allowed & limit
        _add(credits, r.get("credit"))
        _add(terms, r.get("terms"))
        _add(owners, r.get("owner"))
    if statuses:
        rights["status"] = max(statuses, key=RESTRICTIVENESS.index)
    rights["expires"] = min(expiries) if expiries else None  # ISO dates sort as dates
    if releases:
        rights["model_release"] = min(releases, key=RELEASE_ORDER.index)
    rights["credit"], rights["terms"], rights["owner"] = ("; ".join(v.values()) for v in
                                                          (credits, terms, owners))
    name = plan.name if isinstance(plan.name, str) else ""
    n = len(sources)
    notes = [f"Rights inherited from the {n} source{'s' if n != 1 else ''} of the cut "
             f"\"{name}\" as recorded on {clock.today().isoformat()}."]
    if allowed is not None:
        # none in common: ["none"], which reads as no channel (catalog.channels.channels_of,
        # as packs write it); [] would read as every channel once the sources are removed
        rights["channels"] = ordered(allowed) or ["none"]
        if allowed:
            notes.append(f"Channels: {describe(allowed)} (what every source allows).")
        else:  # no platform takes it: a public status would promise what no post can keep
            notes.append("Its sources are cleared for no channel in common: internal use only.")
            if RESTRICTIVENESS.index(rights["status"]) < RESTRICTIVENESS.index("internal"):
                rights["status"] = "internal"
    ov = plan.rights_override
    if isinstance(ov, dict) and ov.get("reason"):
        notes.append(f"Rendered under a rights override by {ov.get('by') or '?'}: "
                     f"{ov.get('reason')}.")
    rights["notes"] = " ".join(notes)
    derived = {"cut_id": plan.id, "cut_name": name, "source_ids": source_ids,
               "unindexed": unindexed}
    return Lineage(rights, derived, [p for _, p in sources])


def _add(values: dict[str, str], value) -> None:
    """Keep each distinct non-empty value once (a credit typed twice with other case too)."""
    text = str(value or "").strip()
    if text:
        values.setdefault(text.casefold(), text)
