"""The search language: one syntax for the app's search box and the CLI.

    LIVE "Fest 2026"              free words / quoted phrases: case-insensitive substring of the
                                  file name, any tag or the caption (a trailing * is ignored)
    tag:creator:@nova             the tag or any tag below it (tag:places matches places/Sydney)
    tag:"campaign:LIVE Fest"      quote values with spaces; tag:creator:* is a prefix search,
                                  tag:* means "has any tag"
    kind:image|video|audio        photo(s) = image, clip(s) = video
    rights:cleared                unknown pending cleared internal restricted expired; cleared =
                                  status cleared and not expired on `today`; expired = expiry before
                                  `today` whatever the status; no rights at all counts as unknown
    channel:tiktok                tiktok instagram youtube x (twitter = x): rights that allow
                                  the platform; rights with no channel limit allow every one
    expires<2026-12-31            < <= > >= or expires:DATE (a month/year or a..b range means every
                                  day in it); assets with no expiry never match
    rating>=4                     : = < <= > >= with 0..5; a missing rating counts as 0
    pick:yes|no|rejected          picked / none are aliases; a missing pick counts as none
    orient:portrait|landscape|square   from width/height; assets without a size never match
    duration<30  duration>=1:30   seconds or m:ss (h:mm:ss); assets without a duration never match
    taken:2026-11                 a year, month or day: 2026, 2026-11, Nov 2026, 2026-11-21,
                                  21/11/2026 (day first), "21 Nov 2026" (quoted: it has spaces)
                                  (liveassets/typed_dates.py); ranges taken:2026-11-01..2026-11-21,
                                  taken:..2026-11, taken:2026-11.. (inclusive); taken>=2026-11-01
    status:ok|error|missing   path:Sydney (substring)   id:a1b2c3 (the id or a prefix of it)
    stack:a1b2c3                  photos of that burst stack (its id or a prefix; catalog/stacks.py)
    stacked:yes|no   best:yes|no  in a stack of 2 or more / the suggested pick of its stack
    sharpness<60                  < <= > >= only; photos not scored yet never match (scale and
                                  thresholds: media/scores.py)
    exposure:clipped|highlights|shadows|both|ok   highlights and shadows include both; clipped
                                  is any of the three; photos not scored yet never match

Terms side by side are ANDed (AND may be written); OR or | binds looser than AND; ( ) group;
a leading - or NOT negates a term or group.  `kind:image|video` (| with no spaces around it after
a field term) lists values of that one field: it is (kind:image OR kind:video) as one term.
Field names are case-insensitive; values may be quoted, with \\" and \\\\ as escapes inside
quotes.  A word like `12:30` or `http://x` is free text; `foo:bar` is an unknown-field error
(quote it to search for it).  An empty query matches everything.  Malformed queries raise
QueryError(message, position) with a 0-based character offset.
This module parses; `predicates.py` compiles a parsed query into a per-asset test.
"""

from __future__ import annotations

from liveassets.errors import UserError

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from liveassets.typed_dates import TypedDateError, parse_span

from .channels import channel_id
from .tags import TagError, key_matches, tag_key

__all__ = ["QueryError", "Term", "And", "Or", "Not", "Everything", "FIELDS", "FIELD_VALUES",
           "parse"]

FIELDS = ("tag", "kind", "rights", "expires", "rating", "pick", "orient", "duration", "taken",
          "status", "path", "id", "stack", "stacked", "best", "sharpness", "exposure", "channel")
FIELD_VALUES = {
    "kind": ["image", "video", "audio"],
    "rights": ["unknown", "pending", "cleared", "internal", "restricted", "expired"],
    "channel": ["tiktok", "instagram", "youtube", "x"],  # = catalog.channels.CHANNELS
    "pick": ["yes", "no", "rejected"],
    "orient": ["portrait", "landscape", "square"],
    "status": ["ok", "error", "missing"],
    "stacked": ["yes", "no"],
    "best": ["yes", "no"],
    "exposure": ["clipped", "highlights", "shadows", "both", "ok"],
}
_ENUMS = {f: {v: v for v in vs} for f, vs in FIELD_VALUES.items()}
_ENUMS["kind"].update(photo="image", photos="image", images="image", clip="video", clips="video",
                      videos="video")
_ENUMS["channel"].update(twitter="x")
_ENUMS["pick"] = {"yes": "picked", "picked": "picked", "no": "none", "none": "none",
                  "rejected": "rejected"}
_COMPARABLE = ("rating", "duration", "expires", "taken", "sharpness")


class QueryError(UserError, ValueError):
    """A query that cannot be parsed; `.position` is the 0-based offset of the problem."""

    def __init__(self, message: str, position: int = 0):
        super().__init__(message, position)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Term:
    field: str
    op: str
    value: object
    prefix: bool = False
    pos: int = 0


@dataclass(frozen=True)
class And:
    items: tuple


@dataclass(frozen=True)
class Or:
    items: tuple


@dataclass(frozen=True)
class Not:
    item: object


@dataclass(frozen=True)
class Everything:
    pass


# --------------------------------------------------------------------------- lexing

class _Tok(NamedTuple):
    kind: str            # "word", "(", ")", "OR", "AND", "NOT", "-"
    pos: int
    segs: tuple = ()     # word pieces: (text, quoted, pos)
    end: int = 0


_WORD_RE = re.compile(r'(?:[^\s()|"]+|"(?:[^"\\]|\\.)*")+', re.S)
_PIECE_RE = re.compile(r'[^\s()|"]+|"((?:[^"\\]|\\.)*)"', re.S)   # a bare run or a "quoted" run
_ESCAPE_RE = re.compile(r'\\(["\\])')


def _lex(text: str) -> list[_Tok]:
    toks, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()|":
            toks.append(_Tok("OR" if c == "|" else c, i, (), i + 1))
            i += 1
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in ")|":
            toks.append(_Tok("-", i))
            i += 1
        elif (m := _WORD_RE.match(text, i)) is None:      # only a quote that never closes
            raise QueryError(f"Unclosed quote starting at column {i + 1}: "
                             'add a closing " after the phrase', i)
        else:
            segs = tuple((p[0], False, p.start()) if p[1] is None else
                         (_ESCAPE_RE.sub(r"\1", p[1]), True, p.start())
                         for p in _PIECE_RE.finditer(text, i, m.end()))
            word = segs[0][0] if len(segs) == 1 and not segs[0][1] else None
            toks.append(_Tok(word if word in ("OR", "AND", "NOT") else "word", i, segs, m.end()))
            i = m.end()
    return toks


# --------------------------------------------------------------------------- parsing

def _join(cls, items):
    flat = []
    for item in items:
        flat.extend(item.items if isinstance(item, cls) else (item,))
    return flat[0] if len(flat) == 1 else cls(tuple(flat))


def _fold(s: str) -> str:
    return s.casefold() if s.isascii() else unicodedata.normalize("NFC", s).casefold()


_MAX_DEPTH = 100   # nested "(" / "-" / NOT; keeps the recursive parser far from Python's limit


class _Parser:
    def __init__(self, text: str):
        self.toks, self.i, self.depth = _lex(text), 0, 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        self.i += 1
        return self.toks[self.i - 1]

    def starts(self, tok) -> bool:
        return tok is not None and tok.kind in ("word", "(", "-", "NOT")

    def or_(self):
        items = [self.and_()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            if not self.starts(self.peek()):
                raise QueryError('"OR" needs a term on both sides, e.g. kind:image OR kind:video',
                                 tok.pos)
            items.append(self.and_())
        return _join(Or, items)

    def and_(self):
        tok = self.peek()
        if tok is not None and tok.kind in ("OR", "AND"):
            raise QueryError(f'"{tok.kind}" needs a term on both sides, e.g. kind:image '
                             f'{tok.kind} kind:video', tok.pos)
        items = [self.unary()]
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "AND":
                self.take()
                if not self.starts(self.peek()):
                    raise QueryError('"AND" needs a term on both sides, e.g. kind:image AND '
                                     'rating>=4', tok.pos)
            elif not self.starts(tok):
                return _join(And, items)
            items.append(self.unary())

    def unary(self):
        tok = self.take()
        if tok.kind in ("-", "NOT", "(") and self.depth >= _MAX_DEPTH:
            raise QueryError(f'Too much nesting at column {tok.pos + 1}: use fewer "(", "-" '
                             'and NOT', tok.pos)
        self.depth += 1
        try:
            return self.group(tok)
        finally:
            self.depth -= 1

    def group(self, tok):
        if tok.kind in ("-", "NOT"):
            if not self.starts(self.peek()):
                raise QueryError(f'"{tok.kind}" needs a term after it, e.g. {tok.kind}tag:draft'
                                 .replace("NOTtag", "NOT tag"), tok.pos)
            return Not(self.unary())
        if tok.kind == "(":
            nxt = self.peek()
            if nxt is not None and nxt.kind == ")":
                raise QueryError(f'Empty "()" at column {tok.pos + 1}: put a term inside or '
                                 "remove them", tok.pos)
            node = self.or_() if nxt is not None else None
            if (close := self.peek()) is None or close.kind != ")":
                raise QueryError(f'Missing ")" for the "(" at column {tok.pos + 1}', tok.pos)
            self.take()
            return node
        if tok.kind == ")":
            raise _unexpected(tok)
        head, alts = _field_of(tok), []
        while head and self.i + 1 < len(self.toks):   # kind:image|video: more values, one field
            bar, word = self.toks[self.i], self.toks[self.i + 1]
            if bar.kind != "OR" or word.kind != "word" or (alts or [tok])[-1].end != bar.pos \
                    or word.pos != bar.end or _field_of(word, any_name=True):
                break
            self.i += 2
            alts.append(word)
        return _join(Or, [_term(tok)] + [_value(*head, list(w.segs), w.pos) for w in alts])


def _unexpected(tok):
    return QueryError(f'Unexpected ")" at column {tok.pos + 1}: remove it or add a "(" before it',
                      tok.pos)


# Limits no typed or pasted search meets (the longest query in our tests and demo is ~120
# characters, 12 terms). Past them a query of repeated terms cost minutes per keystroke (issue
# #11: 100 KB ran over 5 minutes): each free-text term scans every asset's name, tags and caption,
# ~0.3 us per term per asset (measured), so 256 terms over 10,000 assets stay under a second.
MAX_QUERY_CHARS = 4000
MAX_TERMS = 256


def parse(text: str):
    """Parse a query into a Term / And / Or / Not / Everything tree; raises QueryError (also
    past MAX_QUERY_CHARS characters or MAX_TERMS terms)."""
    text = str(text)
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The search is {len(text):,} characters long; LiveAssets takes at most "
                         f"{MAX_QUERY_CHARS:,}. Shorten it, or use tags to group what you "
                         "are looking for.", MAX_QUERY_CHARS)
    p = _Parser(text)
    words = [t for t in p.toks if t.kind == "word"]
    if len(words) > MAX_TERMS:
        raise QueryError(f"The search has {len(words)} terms; LiveAssets takes at most "
                         f"{MAX_TERMS}. Shorten it, or use tags to group what you are looking "
                         "for.", words[MAX_TERMS].pos)
    if not p.toks:
        return Everything()
    node = p.or_()
    if (tok := p.peek()) is not None:
        raise _unexpected(tok)
    return node


_FIELD_RE = re.compile(r"([A-Za-z]+)(<=|>=|<|>|:|=)")
_DUR_RE = re.compile(r"(?:([0-9]{1,6}):)?(?:([0-9]{1,6}):)?"
                     r"([0-9]{1,9}(?:\.[0-9]{0,9})?|\.[0-9]{1,9})s?")


def _field_of(tok: _Tok, any_name: bool = False):
    """(field, op, op position) when a word starts with a known field name (or any name)."""
    text0, quoted0, pos0 = tok.segs[0]
    m = None if quoted0 else _FIELD_RE.match(text0)
    if m and (any_name or m.group(1).lower() in FIELDS):
        return m.group(1).lower(), ":" if m.group(2) in (":", "=") else m.group(2), pos0 + m.end(1)
    return None


def _term(tok: _Tok):
    text0, quoted0, pos0 = tok.segs[0]
    m = None if quoted0 else _FIELD_RE.match(text0)
    if m and m.group(1).lower() not in FIELDS:
        if text0[m.end():].startswith(("/", "\\")):   # http://x, C:\x stay free text
            m = None
        else:
            near = difflib.get_close_matches(m.group(1).lower(), FIELDS, n=1, cutoff=0.6)
            hint = f': did you mean "{near[0]}"?' if near else "."
            raise QueryError(f'Unknown field "{m.group(1)}" at column {pos0 + 1}{hint} Fields: '
                             f'{", ".join(FIELDS)}. To search for the text, put it in quotes.',
                             pos0)
    if not m:
        raw = "".join(s for s, _, _ in tok.segs)
        if not tok.segs[-1][1] and raw.endswith("*"):
            raw = raw[:-1]
        return Term("text", ":", _fold(raw), False, tok.pos)
    rest = text0[m.end():]
    pieces = ([(rest, False, pos0 + m.end())] if rest else []) + list(tok.segs[1:])
    return _value(*_field_of(tok), pieces, pos0 + m.end(), pos0)


def _value(name, op, opos, pieces, vpos, fpos=None):
    raw = "".join(s for s, _, _ in pieces)
    star = bool(pieces) and not pieces[-1][1] and raw.endswith("*")
    vpos = pieces[0][2] if pieces else vpos
    return _field(name, op, raw, star, vpos, vpos if fpos is None else fpos, opos)


def _got(raw: str) -> str:
    return f'got "{raw}"' if raw else "got nothing"


def _span(s: str, pos: int) -> tuple[date, date]:
    """A day, month or year as typed -> inclusive (first day, last day): `2026`, `2026-11`,
    `Nov 2026`, `11/2026`, `2026-11-21`, `21/11/2026` (day first), `21 Nov 2026`
    (typed_dates.parse_span). A refusal keeps its own reason and gets the value's position."""
    try:
        return parse_span(s)
    except TypedDateError as e:
        raise QueryError(str(e), pos) from None


def _field(name, op, raw, star, vpos, fpos, opos):
    if op != ":" and name not in _COMPARABLE:
        raise QueryError(f'"{name}" can\'t be compared with "{op}": write {name}:VALUE', opos)
    if name == "tag":
        wanted = raw[:-1] if star else raw
        if star and not wanted.strip():
            return Term("tag", ":", "", True, fpos)
        try:
            key = tag_key(wanted) + ("/" if star and wanted.rstrip().endswith("/") else "")
        except TagError:
            raise QueryError('"tag" needs a name, e.g. tag:creator:@nova or '
                             'tag:"campaign:LIVE Fest 2026"', vpos) from None
        return Term("tag", ":", key, star, fpos)
    if name in _ENUMS:
        value = _ENUMS[name].get(raw.strip().casefold())
        if value is None and name == "channel":   # "Instagram Reels", as rights --channels reads
            value = channel_id(raw)
        if value is None:
            names = FIELD_VALUES[name]
            near = difflib.get_close_matches(raw.strip().casefold(), list(_ENUMS[name]), n=1)
            hint = f': did you mean "{near[0]}"?' if near else ""
            raise QueryError(f'"{name}" is {", ".join(names[:-1])} or {names[-1]}, '
                             f"{_got(raw)}{hint}", vpos)
        return Term(name, ":", value, False, fpos)
    if name == "rating":
        s = raw.strip()
        if not re.fullmatch(r"[0-9]{1,3}", s) or int(s) > 5:
            raise QueryError(f'"rating" needs a number from 0 to 5, {_got(raw)}', vpos)
        return Term("rating", op, int(s), False, fpos)
    if name == "duration":
        m = _DUR_RE.fullmatch(raw.strip())
        if not m:
            raise QueryError('"duration" needs seconds (30 or 12.5) or minutes:seconds (1:30), '
                             f"{_got(raw)}", vpos)
        secs = float(m[3])
        for mult, part in zip((60, 3600), reversed([g for g in (m[1], m[2]) if g is not None])):
            secs += mult * int(part)
        return Term("duration", op, secs, False, fpos)
    if name == "sharpness":
        if op == ":":
            raise QueryError('"sharpness" is compared, e.g. sharpness<60 (blurry) or '
                             "sharpness>=200", opos)
        s = raw.strip()
        if not re.fullmatch(r"[0-9]{1,9}(?:\.[0-9]{0,6})?|\.[0-9]{1,6}", s):
            raise QueryError(f'"sharpness" needs a number, e.g. sharpness<60, {_got(raw)}', vpos)
        return Term("sharpness", op, float(s), False, fpos)
    if name == "stack":
        value = raw[:-1] if star else raw
        if not value.strip():
            raise QueryError('"stack" needs a stack id (liveassets stacks lists them), e.g. '
                             "stack:a1b2c3", vpos)
        return Term("stack", ":", _fold(value.strip()), True, fpos)
    if name in ("path", "id"):
        value = raw[:-1] if star else raw
        if not value:
            raise QueryError(f'"{name}" needs some text, e.g. '
                             f'{"path:Sydney" if name == "path" else "id:a1b2c3"}', vpos)
        return Term(name, ":", _fold(value), name == "id", fpos)
    # taken / expires
    ranged = op == ":" and ".." in raw
    if ranged:
        a, _, b = raw.partition("..")
        if not a.strip() and not b.strip():
            raise QueryError(f'"{name}" range needs a date on at least one side, e.g. '
                             f"{name}:2026-11-01..2026-11-21", vpos)
        lo = _span(a, vpos)[0] if a.strip() else date.min
        hi = _span(b, vpos + len(a) + 2)[1] if b.strip() else date.max
        if lo > hi:
            raise QueryError(f'"{name}" range ends before it starts: "{b}" is earlier than '
                             f'"{a}"', vpos)
    else:
        lo, hi = _span(raw, vpos)
    if op != ":":
        return Term(name, op, lo if op in ("<", ">=") else hi, False, fpos)
    if name == "taken":
        return Term("taken", ".." if ranged else ":", (lo, hi), False, fpos)
    if lo == hi:
        return Term("expires", ":", lo, False, fpos)
    bounds = ([Term("expires", ">=", lo, False, fpos)] if lo != date.min else []) + \
             ([Term("expires", "<=", hi, False, fpos)] if hi != date.max else [])
    return _join(And, bounds)


# --------------------------------------------------------------------------- matching


# --------------------------------------------------------------------------- writing queries

def quote(value: str) -> str:
    """A value as the query language wants it: quoted when it has spaces or specials (a star
    too: unquoted, `tag:best*` is a prefix search, not the tag "best*")."""
    if value and not any(c in value for c in ' "()|\\*') and not value.startswith("-"):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_tag_renamed(text: str, old_key: str, rename) -> str:
    """`text` (a query) with every `tag:` term naming the tag `old_key` (a `tags.tag_key`) or
    one below it respelled as `rename(value)` (value as typed, e.g. "Places/Sydney" ->
    "Venues/Sydney"); a prefix search (`tag:places/syd*`) keeps its star, and everything else
    in the query (other terms, spacing, OR, parentheses) stays as written. Raises QueryError
    for a query that does not lex (an unclosed quote)."""
    out, last = [], 0
    for tok in _lex(text):
        field = _field_of(tok) if tok.kind == "word" else None
        if field is None or field[:2] != ("tag", ":"):
            continue
        text0, _, pos0 = tok.segs[0]
        start = pos0 + _FIELD_RE.match(text0).end()        # where the value begins
        rest = text0[start - pos0:]
        pieces = ([(rest, False)] if rest else []) + [(s, q) for s, q, _ in tok.segs[1:]]
        raw = "".join(s for s, _ in pieces)
        star = bool(pieces) and not pieces[-1][1] and raw.endswith("*")
        wanted = raw[:-1] if star else raw
        try:
            key = tag_key(wanted)
        except TagError:
            continue                                        # tag:* or an empty name
        if not key or not key_matches(key, old_key):
            continue
        below = star and wanted.rstrip().endswith("/")     # tag:places/* : below, not at
        name = wanted.rstrip().rstrip("/") if below else wanted
        out += [text[last:start], quote(rename(name) + ("/" if below else ""))
                + ("*" if star else "")]
        last = tok.end
    return "".join(out) + text[last:]
