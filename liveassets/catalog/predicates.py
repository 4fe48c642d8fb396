"""Compiled predicates for parsed queries: one fast Python function per query, run per asset.

`search.py` answers what it can from indexes and calls these for the rest; `matches` is the
reference meaning of every query term over one asset document.
"""

from __future__ import annotations

import operator
import os
from datetime import date, datetime
from typing import Callable

from .channels import channels_of
from .rights import expiry_day, is_expired
from .query import And, Everything, Not, Or, Term, _fold
from .tags import TagError, tag_key

_OPS = {":": operator.eq, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


# exposure:VALUE -> the stored exposures it matches (media/scores.py EXPOSURES): a photo
# clipped at both ends is clipped in its highlights and in its shadows.
_EXPOSURE_MATCHES = {"ok": ("ok",), "highlights": ("highlights", "both"),
                     "shadows": ("shadows", "both"), "both": ("both",),
                     "clipped": ("highlights", "shadows", "both")}

_KEYS: dict = {}   # tag spelling -> tag_key ("" for unusable tags); tags repeat across assets


def _tag_keys(asset: dict) -> list:
    tags, out = asset.get("tags"), []
    if isinstance(tags, (list, tuple)):
        for t in tags:
            if (k := _KEYS.get(t) if isinstance(t, str) else "") is None:
                if len(_KEYS) > 100_000:
                    _KEYS.clear()
                try:
                    k = _KEYS[t] = tag_key(t)
                except TagError:
                    k = _KEYS[t] = ""
            if k:
                out.append(k)
    return out


def _day(x):
    """A document's ISO date / datetime text (any offset ignored) as a date, else None."""
    if isinstance(x, str):
        try:
            return date.fromisoformat(x[:10])
        except ValueError:
            return None
    return x.date() if isinstance(x, datetime) else x if isinstance(x, date) else None


def _num(x):
    return x if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _rights(asset: dict) -> dict:
    r = asset.get("rights")
    return r if isinstance(r, dict) else {}


def _leaf(t: Term, today: date) -> Callable[[dict], bool]:
    f, v, cmp = t.field, t.value, _OPS.get(t.op)
    if f == "text":
        if not v:
            return lambda a: True

        def text(a):
            name = a.get("name")
            if not isinstance(name, str):
                p = a.get("path")
                name = os.path.basename(p) if isinstance(p, str) else ""
            cap = a.get("caption")
            return (v in _fold(name) or (isinstance(cap, str) and v in _fold(cap))
                    or any(v in k for k in _tag_keys(a)))
        return text
    if f == "tag":
        if t.prefix:
            return lambda a: any(k.startswith(v) for k in _tag_keys(a))
        below = v + "/"

        def tag(a):   # tags.key_matches, inlined: this runs over every asset
            for k in _tag_keys(a):
                if k == v or k.startswith(below):
                    return True
            return False
        return tag
    if f in ("kind", "status"):
        return lambda a: a.get(f) == v
    if f == "pick":
        return lambda a: (a.get("pick") or "none") == v
    if f == "rights":
        def expired(a):   # as the rights gate reads it (a hand-typed 31/12/2026 too)
            return is_expired(_rights(a), today)
        if v == "expired":
            return expired
        if v == "cleared":
            return lambda a: _rights(a).get("status") == "cleared" and not expired(a)
        return lambda a: (_rights(a).get("status") or "unknown") == v
    if f == "channel":
        return lambda a: (c := channels_of(_rights(a))) is None or v in c
    if f in ("expires", "taken"):
        get = (lambda a: expiry_day(_rights(a))) if f == "expires" else \
              (lambda a: _day(a.get("taken")))
        if t.op in (":", "..") and isinstance(v, tuple):
            lo, hi = v
            return lambda a: (d := get(a)) is not None and lo <= d <= hi
        return lambda a: (d := get(a)) is not None and cmp(d, v)
    if f == "rating":
        return lambda a: cmp(_num(a.get("rating")) or 0, v)
    if f == "duration":
        return lambda a: (d := _num(a.get("duration"))) is not None and cmp(d, v)
    if f == "orient":
        def orient(a):
            w, h = _num(a.get("width")), _num(a.get("height"))
            if not w or not h or w < 0 or h < 0:
                return False
            return v == ("portrait" if h > w else "landscape" if w > h else "square")
        return orient
    if f == "path":
        return lambda a: isinstance(p := a.get("path"), str) and v in _fold(p)
    if f == "id":
        return lambda a: isinstance(i := a.get("id"), str) and _fold(i).startswith(v)
    if f == "stack":
        return lambda a: isinstance(s := a.get("stack"), str) and _fold(s).startswith(v)
    if f == "stacked":
        return (lambda a: bool(a.get("stack"))) if v == "yes" else (lambda a: not a.get("stack"))
    if f == "best":
        return (lambda a: a.get("best") is True) if v == "yes" else \
               (lambda a: a.get("best") is not True)
    if f == "exposure":
        wanted = _EXPOSURE_MATCHES[v]
        return lambda a: a.get("exposure") in wanted
    if f == "sharpness":
        return lambda a: (s := _num(a.get("sharpness"))) is not None and cmp(s, v)
    raise ValueError(f"Unknown field {f!r}")


def compile_query(node, today: date) -> Callable[[dict], bool]:
    """Turn a parsed query into a fast predicate over asset documents."""
    if isinstance(node, Term):
        return _leaf(node, today)
    if isinstance(node, Everything):
        return lambda a: True
    if isinstance(node, Not):
        inner = compile_query(node.item, today)
        return lambda a: not inner(a)
    if isinstance(node, (And, Or)):
        fs = tuple(compile_query(item, today) for item in node.items)
        if len(fs) == 2:
            f, g = fs
            return (lambda a: f(a) and g(a)) if isinstance(node, And) else \
                   (lambda a: f(a) or g(a))
        if isinstance(node, Or):
            return lambda a: any(f(a) for f in fs)

        def all_of(a):
            for f in fs:
                if not f(a):
                    return False
            return True
        return all_of
    raise TypeError(f"Not a query node: {node!r}")


_COMPILED: dict = {}   # (id(node), today) -> (node, predicate); the node is kept so ids stay valid


def matches(node, asset: dict, today: date) -> bool:
    """The reference predicate: does one asset document match the parsed query on `today`?"""
    hit = _COMPILED.get((id(node), today))
    if hit is None or hit[0] is not node:
        if len(_COMPILED) > 64:
            _COMPILED.clear()
        hit = _COMPILED[id(node), today] = (node, compile_query(node, today))
    return hit[1](asset)
