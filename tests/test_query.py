"""The search language: parsing, matching, error messages, and round-trip properties."""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveassets.catalog.predicates import compile_query, matches
from liveassets.catalog.query import (FIELD_VALUES, FIELDS, And, Everything, Not, Or, QueryError,
                                      Term, parse)
from liveassets.catalog.tags import TagError, tag_key

TODAY = date(2026, 6, 1)

DOCS = {
    "sydney": {
        "id": "a1b2c3d4e5f6", "path": "/abs/Sydney/IMG_0001.JPG", "name": "IMG_0001.JPG",
        "kind": "image", "width": 1080, "height": 1920, "duration": None,
        "taken": "2026-11-21T19:30:05+11:00", "status": "ok",
        "tags": ["campaign:LIVE Fest 2026", "creator:@Nova", "places/Sydney"],
        "rating": 5, "pick": "picked", "caption": "Crowd at the main stage",
        "rights": {"status": "cleared", "expires": "2026-12-31", "owner": "Nova"},
    },
    "melb": {
        "id": "b2c3d4e5f6a1", "path": "/abs/Melbourne/clip.MOV", "name": "clip.MOV",
        "kind": "video", "width": 1920, "height": 1080, "duration": 12.5,
        "taken": "2026-11-05T10:00:00", "status": "ok",
        "tags": ["places/Melbourne", "creator:@Kai"], "rating": 3, "pick": "none",
        "caption": "Backstage", "rights": {"status": "pending", "expires": None},
    },
    "placesx": {
        "id": "c3d4e5f6a1b2", "path": "/abs/Other/square.png", "name": "square.png",
        "kind": "image", "width": 1000, "height": 1000, "taken": "2025-12-31T23:59:59",
        "status": "error", "tags": ["placesX", "campaign:Winter"], "rating": 0,
        "pick": "rejected", "caption": "",
        "rights": {"status": "cleared", "expires": "2026-01-31"},
    },
    "audio": {
        "id": "d4e5f6a1b2c3", "path": "/abs/Sydney/talk.m4a", "name": "talk.m4a",
        "kind": "audio", "duration": 95.0, "taken": None, "tags": [],
    },
    # An odd document: most keys missing, some of the wrong type.
    "odd": {"id": "e5f6a1b2c3d4", "tags": None, "rights": "oops", "width": "big", "height": 0,
            "rating": None, "pick": None, "caption": None, "taken": "not a date"},
}
ALL = set(DOCS)


def hits(query: str, today: date = TODAY) -> set[str]:
    node = parse(query)
    return {name for name, doc in DOCS.items() if matches(node, doc, today)}


def strip_pos(node):
    if isinstance(node, Term):
        return dataclasses.replace(node, pos=0)
    if isinstance(node, Not):
        return Not(strip_pos(node.item))
    if isinstance(node, (And, Or)):
        return type(node)(tuple(strip_pos(i) for i in node.items))
    return node


# --------------------------------------------------------------------------- matching by field

@pytest.mark.parametrize("query, expected", [
    ("", ALL), ("   \t ", ALL),
    ("img_0001", {"sydney"}),                  # file name, any case
    ("nova", {"sydney"}),                      # a tag
    ("backstage", {"melb"}),                   # the caption
    ("TALK", {"audio"}),
    ("live fest", {"sydney"}),                 # two words, both present
    ('"main stage"', {"sydney"}),              # a phrase
    ('"stage main"', set()),
    ("sydney", {"sydney"}),                    # tag places/Sydney; the path is not free text
    ("IMG_*", {"sydney"}),                     # a trailing * is harmless
    ("or", {"sydney", "melb"}),                # lower-case or is a word (creatOR:...)
])
def test_free_text(query, expected):
    assert hits(query) == expected


@pytest.mark.parametrize("query, expected", [
    ("tag:places", {"sydney", "melb"}),        # hierarchy: below places/
    ("tag:places/sydney", {"sydney"}),
    ('tag:"places / Sydney"', {"sydney"}),     # spelled loosely
    ("tag:placesx", {"placesx"}),              # placesX is not under places
    ("tag:Places/Sydney/Opera", set()),
    ("tag:creator:@nova", {"sydney"}),         # ':' inside the name
    ('tag:"campaign:LIVE Fest 2026"', {"sydney"}),
    ("TAG:campaign:live", set()),              # exact tag, not a prefix
    ("tag:creator:*", {"sydney", "melb"}),     # prefix
    ("tag:campaign:*", {"sydney", "placesx"}),
    ("tag:places/*", {"sydney", "melb"}),      # below places only, not placesX
    ("tag:places*", {"sydney", "melb", "placesx"}),
    ('tag:"campaign:LIVE"*', {"sydney"}),
    ("tag:*", {"sydney", "melb", "placesx"}),  # has any tag
    ("-tag:*", {"audio", "odd"}),
    ("-tag:creator:*", {"placesx", "audio", "odd"}),
])
def test_tags(query, expected):
    assert hits(query) == expected


@pytest.mark.parametrize("query, expected", [
    ("kind:image", {"sydney", "placesx"}), ("kind:photo", {"sydney", "placesx"}),
    ("kind:Photos", {"sydney", "placesx"}), ("KIND:Video", {"melb"}), ("kind:clips", {"melb"}),
    ("kind:audio", {"audio"}),
    ("status:ok", {"sydney", "melb"}), ("status:error", {"placesx"}), ("status:missing", set()),
    ("pick:yes", {"sydney"}), ("pick:picked", {"sydney"}), ("pick:rejected", {"placesx"}),
    ("pick:no", {"melb", "audio", "odd"}), ("pick:none", {"melb", "audio", "odd"}),
    ("orient:portrait", {"sydney"}), ("orient:landscape", {"melb"}),
    ("orient:square", {"placesx"}), ("-orient:portrait", {"melb", "placesx", "audio", "odd"}),
    ("path:sydney", {"sydney", "audio"}), ('path:"/abs/Sydney/IMG"', {"sydney"}),
    ("path:.mov", {"melb"}),
    ("id:a1b2", {"sydney"}), ("id:A1B2C3D4E5F6", {"sydney"}), ("id:a1b2c3d4e5f6ff", set()),
    ("id:b2c3*", {"melb"}), ("id:f6", set()),
])
def test_keyword_fields(query, expected):
    assert hits(query) == expected


@pytest.mark.parametrize("query, expected", [
    ("rating>=4", {"sydney"}), ("rating:3", {"melb"}), ("rating=3", {"melb"}),
    ("rating<3", {"placesx", "audio", "odd"}),          # a missing rating counts as 0
    ("rating:0", {"placesx", "audio", "odd"}), ("rating>0", {"sydney", "melb"}),
    ("rating<=3", {"melb", "placesx", "audio", "odd"}), ("rating>5", set()),
    ("duration<30", {"melb"}), ("duration>=1:30", {"audio"}), ("duration>1:35", set()),
    ("duration:12.5", {"melb"}), ("duration>=12.5s", {"melb", "audio"}),
    ("duration<0:01:40", {"melb", "audio"}),
    ("-duration<30", {"sydney", "placesx", "audio", "odd"}),  # no duration never matches
])
def test_numbers(query, expected):
    assert hits(query) == expected


@pytest.mark.parametrize("query, expected", [
    ("rights:cleared", {"sydney"}),             # placesX is cleared but expired on TODAY
    ("rights:expired", {"placesx"}),
    ("rights:pending", {"melb"}),
    ("rights:unknown", {"audio", "odd"}),       # no rights at all counts as unknown
    ("rights:restricted", set()),
    ("expires<2026-12-31", {"placesx"}), ("expires<=2026-12-31", {"sydney", "placesx"}),
    ("expires:2026-12-31", {"sydney"}), ("expires>2026-01", {"sydney"}),
    ("expires>=2026-01", {"sydney", "placesx"}), ("expires:2026-01", {"placesx"}),
    ("expires:2026", {"sydney", "placesx"}), ("expires:2026-02..2026-12", {"sydney"}),
    ("-expires<2027", {"melb", "audio", "odd"}),  # no expiry never matches a comparison
])
def test_rights_and_expiry(query, expected):
    assert hits(query) == expected


def test_cleared_and_expired_depend_on_today():
    assert hits("rights:cleared", today=date(2026, 1, 31)) == {"sydney", "placesx"}  # last day
    assert hits("rights:expired", today=date(2026, 1, 31)) == set()
    assert hits("rights:expired", today=date(2026, 2, 1)) == {"placesx"}
    assert hits("rights:cleared", today=date(2027, 1, 1)) == set()
    assert hits("rights:expired", today=date(2027, 1, 1)) == {"sydney", "placesx"}
    assert hits("rights:cleared", today=date(2025, 1, 1)) == {"sydney", "placesx"}


@pytest.mark.parametrize("query, expected", [
    ("taken:2026", {"sydney", "melb"}), ("taken:2026-11", {"sydney", "melb"}),
    ("taken:2026-11-21", {"sydney"}),          # the local date, offset ignored
    ("taken:2026-1", set()), ("taken:2025", {"placesx"}), ("taken:2025-12-31", {"placesx"}),
    ("taken:2026-11-01..2026-11-21", {"sydney", "melb"}),
    ("taken:2026-11-06..2026-11-21", {"sydney"}),
    ("taken:2025..2026-11-05", {"melb", "placesx"}),
    ("taken:..2026-11-05", {"melb", "placesx"}), ("taken:2026-11-06..", {"sydney"}),
    ("taken:2026..2026", {"sydney", "melb"}),
    ("taken>=2026-11-06", {"sydney"}), ("taken<2026-11", {"placesx"}),
    ("taken<=2025", {"placesx"}), ("taken>2025", {"sydney", "melb"}),
    ("taken>2026-11", set()), ("taken<=2026-11", {"sydney", "melb", "placesx"}),
    ("-taken:2026", {"placesx", "audio", "odd"}),
])
def test_taken(query, expected):
    assert hits(query) == expected


# --------------------------------------------------------------------------- structure

def test_precedence_and_beats_or():
    same = strip_pos(parse("a b OR c"))
    assert same == strip_pos(parse("(a b) OR c")) != strip_pos(parse("a (b OR c)"))
    assert strip_pos(parse("a b | c")) == strip_pos(parse("a AND b OR c")) == same
    a, b, c = (Term("text", ":", x) for x in "abc")
    assert same == Or((And((a, b)), c))
    assert hits("kind:image rating>=4 OR kind:audio") == {"sydney", "audio"}
    assert hits("kind:image (rating>=4 OR kind:audio)") == {"sydney"}


def test_bar_without_spaces_lists_values_of_one_field():
    assert hits("kind:image|video rating>=3") == {"sydney", "melb"}
    assert strip_pos(parse("kind:image|video rating>=3")) == \
        strip_pos(parse("(kind:image OR kind:video) rating>=3"))
    assert hits("-pick:yes|rejected") == {"melb", "audio", "odd"}
    assert hits('tag:places/melbourne|"creator:@nova"') == {"sydney", "melb"}
    assert parse("kind:image|video").items[1].pos == 11
    # with spaces, or for free words, | is the ordinary low-precedence OR
    assert strip_pos(parse("kind:image | video x")) == \
        strip_pos(parse("kind:image OR (video x)"))
    assert strip_pos(parse("a|b c")) == strip_pos(parse("a OR (b c)"))
    assert strip_pos(parse("kind:audio|tag:places x")) == \
        strip_pos(parse("kind:audio OR (tag:places x)"))


def test_negation_of_terms_and_groups():
    assert hits("-(kind:image OR kind:video)") == {"audio", "odd"}
    assert hits("NOT (kind:image OR kind:video)") == {"audio", "odd"}
    assert hits("-kind:image") == {"melb", "audio", "odd"}
    assert hits("NOT kind:image rating>=3") == {"melb"}
    assert hits("--kind:video") == {"melb"}
    assert hits('-"main stage"') == ALL - {"sydney"}
    assert parse("a - b") == And((Term("text", ":", "a"), Term("text", ":", "-", pos=2),
                                  Term("text", ":", "b", pos=4)))   # a lone - is a word
    assert parse("-(a OR b)") == Not(Or((Term("text", ":", "a", pos=2),
                                         Term("text", ":", "b", pos=7))))


def test_ast_shape_and_normalised_values():
    assert parse("") == parse("  ") == Everything()
    assert parse("Kind:PHOTO") == Term("kind", ":", "image")
    assert parse("a (b c) d") == And(tuple(Term("text", ":", x, pos=p)
                                           for x, p in [("a", 0), ("b", 3), ("c", 5), ("d", 8)]))
    assert parse("(a OR (b OR c))") == Or(tuple(Term("text", ":", x, pos=p)
                                                for x, p in [("a", 1), ("b", 7), ("c", 12)]))
    assert parse("((Fest))") == Term("text", ":", "fest", pos=2)
    t = parse('  -tag:"Campaign :  LIVE  Fest"')
    assert t == Not(Term("tag", ":", "campaign:live fest", False, 3))
    assert parse("tag:creator:*") == Term("tag", ":", "creator:", True)
    assert parse("pick:yes").value == "picked" and parse("pick:no").value == "none"
    assert parse("rating>=4") == Term("rating", ">=", 4)
    assert parse("duration>=1:30") == Term("duration", ">=", 90.0)
    assert parse("expires<2026-12-31") == Term("expires", "<", date(2026, 12, 31))
    assert parse("taken:2026-11") == Term("taken", ":", (date(2026, 11, 1), date(2026, 11, 30)))
    assert parse("taken:2024-02") == Term("taken", ":", (date(2024, 2, 1), date(2024, 2, 29)))
    assert parse("taken:2026-11-01..2026-12") == \
        Term("taken", "..", (date(2026, 11, 1), date(2026, 12, 31)))
    assert parse("taken:..2026").value == (date.min, date(2026, 12, 31))
    assert parse("taken<2026-12") == Term("taken", "<", date(2026, 12, 1))
    assert parse("taken<=2026-11") == Term("taken", "<=", date(2026, 11, 30))
    assert parse("taken>2026-11") == Term("taken", ">", date(2026, 11, 30))
    assert parse("taken>=2026") == Term("taken", ">=", date(2026, 1, 1))
    assert parse("path:/ABS/Sydney") == Term("path", ":", "/abs/sydney")
    assert parse("id:A1B2") == Term("id", ":", "a1b2", True)
    assert parse('"LIVE Fest"') == Term("text", ":", "live fest")
    assert parse('"say \\"hi\\" \\\\o/"') == Term("text", ":", 'say "hi" \\o/')


def test_things_that_look_like_fields_but_are_text():
    assert parse("12:30") == Term("text", ":", "12:30")
    assert parse("http://example.com/a") == Term("text", ":", "http://example.com/a")
    assert parse("C:\\Photos") == Term("text", ":", "c:\\photos")
    assert parse('"foo:bar"') == Term("text", ":", "foo:bar")
    assert parse("OR_x and or not") == And(tuple(Term("text", ":", w, pos=p) for w, p in
                                                 [("or_x", 0), ("and", 5), ("or", 9), ("not", 12)]))


def test_field_names_and_values_for_completion():
    assert FIELDS == ("tag", "kind", "rights", "expires", "rating", "pick", "orient", "duration",
                      "taken", "status", "path", "id", "stack", "stacked", "best", "sharpness",
                      "exposure", "channel")
    assert FIELD_VALUES["kind"] == ["image", "video", "audio"]
    assert "expired" in FIELD_VALUES["rights"] and FIELD_VALUES["pick"] == ["yes", "no", "rejected"]
    for field, values in FIELD_VALUES.items():
        for value in values:
            parse(f"{field}:{value}")


def test_compile_query_and_odd_documents_never_crash():
    queries = ["x", "tag:a", "tag:*", "kind:image", "rights:cleared", "rights:expired",
               "rights:unknown", "expires<2027", "rating>1", "pick:no", "orient:square",
               "duration<5", "taken:2026", "taken>2020", "status:ok", "path:a", "id:e",
               "channel:tiktok"]
    weird = [{}, DOCS["odd"], {"tags": ["", "  ", 5, None, "/"], "rights": {"expires": "soon"},
             "width": -1, "height": 5, "duration": True, "taken": 7, "id": 3, "path": None}]
    for q in queries:
        pred = compile_query(parse(q), TODAY)
        for doc in weird:
            assert isinstance(pred(doc), bool)
    assert compile_query(parse("id:e"), TODAY)(DOCS["odd"])


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize("query, position, message", [
    ("raitng>=4", 0,
     'Unknown field "raitng" at column 1: did you mean "rating"? Fields: tag, kind, rights'),
    ("kind:video colour:red", 11, 'Unknown field "colour" at column 12'),
    ("rating:high", 7, '"rating" needs a number from 0 to 5, got "high"'),
    ("rating>=9", 8, '"rating" needs a number from 0 to 5, got "9"'),
    ("rating:", 7, '"rating" needs a number from 0 to 5, got nothing'),
    ("a (b OR c", 2, 'Missing ")" for the "(" at column 3'),
    ("((a) b", 0, 'Missing ")" for the "(" at column 1'),
    ("kind:image)", 10, 'Unexpected ")" at column 11'),
    (") a", 0, 'Unexpected ")" at column 1'),
    ("a ()", 2, 'Empty "()" at column 3'),
    ("kind:imgae", 5, '"kind" is image, video or audio, got "imgae": did you mean "image"?'),
    ("kind:image|vide", 11, '"kind" is image, video or audio, got "vide": did you mean "video"?'),
    ("kind:image|", 10, '"OR" needs a term on both sides'),
    ("kind:sound", 5, '"kind" is image, video or audio, got "sound"'),
    ("pick:maybe", 5, '"pick" is yes, no or rejected, got "maybe"'),
    ("x rights:ok", 9, '"rights" is unknown, pending, cleared, internal, restricted or expired'),
    ("orient:tall", 7, '"orient" is portrait, landscape or square'),
    ("status:gone", 7, '"status" is ok, error or missing'),
    ('caption "LIVE', 8, "Unclosed quote starting at column 9"),
    ('tag:"LIVE', 4, "Unclosed quote starting at column 5"),
    ("OR a", 0, '"OR" needs a term on both sides'),
    ("a OR", 2, '"OR" needs a term on both sides'),
    ("a | | b", 2, '"OR" needs a term on both sides'),
    ("(a OR) b", 3, '"OR" needs a term on both sides'),
    ("a AND", 2, '"AND" needs a term on both sides'),
    ("a NOT", 2, '"NOT" needs a term after it'),
    ("a -(", 3, 'Missing ")" for the "(" at column 4'),
    ("taken:2026-13", 6, '"2026-13" is not a date: there is no month 13'),
    ("taken:2026-02-30", 6, '"2026-02-30" is not a date: February 2026 has 28 days'),
    ("taken:2026-11-01..nov", 18, '"nov" is not a date: write it as 31/12/2026, 31 Dec 2026 '
                                  'or 2026-12-31, a month as Dec 2026 or 2026-12'),
    ("expires<soon", 8, '"soon" is not a date'),
    ("expires<12/31/2026", 8, '"12/31/2026" has no month 31: write day first, 31/12/2026.'),
    ("taken:..", 6, '"taken" range needs a date on at least one side'),
    ("taken:2026-12..2026-11", 6, '"taken" range ends before it starts'),
    ("duration<long", 9, '"duration" needs seconds (30 or 12.5) or minutes:seconds (1:30)'),
    ("kind<image", 4, '"kind" can\'t be compared with "<": write kind:VALUE'),
    ("tag:", 4, '"tag" needs a name'),
    ('tag:"  "', 4, '"tag" needs a name'),
    ("path:", 5, '"path" needs some text'),
    ("(" * 150 + "a", 100, "Too much nesting at column 101"),
    ("-" * 150 + "a", 100, "Too much nesting at column 101"),
])
def test_errors_name_the_problem_and_point_at_it(query, position, message):
    with pytest.raises(QueryError) as info:
        parse(query)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.position == position
    assert err.message.startswith(message)
    assert str(err) == err.message


# --------------------------------------------------------------------------- properties

def _check_parses(text: str) -> None:
    try:
        node = parse(text)
    except QueryError as err:
        assert 0 <= err.position <= len(text) and err.message
        return
    pred = compile_query(node, TODAY)
    for doc in DOCS.values():
        assert isinstance(pred(doc), bool)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_only_raises_query_error(text):
    _check_parses(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ['tag:', 'kind:', 'rights:', 'expires', 'rating', 'taken:', 'duration', 'id:', 'path:',
     'pick:', 'orient:', 'status:', 'OR', 'AND', 'NOT', '-', '(', ')', '|', '"', '\\', ' ', '*',
     '..', '<', '<=', '>=', '=', ':', '2026', '-11', '-30', '1:30', '4', 'x', 'é', '/', 'image']),
    max_size=12).map("".join))
def test_query_shaped_junk_only_raises_query_error(text):
    _check_parses(text)


# A small printer: AST -> query text.

def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _show_date_span(lo: date, hi: date) -> str:
    if lo == hi:
        return lo.isoformat()
    if lo.day == 1 and hi == lo.replace(day=calendar.monthrange(lo.year, lo.month)[1]):
        return f"{lo.year:04d}-{lo.month:02d}"
    return f"{lo.year:04d}"


def show(node) -> str:
    if isinstance(node, Everything):
        return ""
    if isinstance(node, Not):
        inner = show(node.item)
        return "-" + (inner if isinstance(node.item, Term) else f"({inner})")
    if isinstance(node, And):
        return " ".join(f"({show(i)})" if isinstance(i, Or) else show(i) for i in node.items)
    if isinstance(node, Or):
        return " OR ".join(show(i) for i in node.items)
    f, op, v = node.field, node.op, node.value
    if f == "text":
        return _q(v)
    if f == "tag":
        return "tag:" + _q(v) + ("*" if node.prefix else "")
    if f in ("path", "id"):
        return f"{f}:{_q(v)}"
    if f == "taken" and op == "..":
        lo, hi = v
        return "taken:" + ("" if lo == date.min else lo.isoformat()) + ".." + \
            ("" if hi == date.max else hi.isoformat())
    if f == "taken" and op == ":":
        return "taken:" + _show_date_span(*v)
    if isinstance(v, date):
        return f"{f}{op}{v.isoformat()}"
    return f"{f}{op}{v!r}" if isinstance(v, float) else f"{f}{op}{v}"


def _join(cls, items):
    flat = []
    for item in items:
        flat.extend(item.items if isinstance(item, cls) else (item,))
    return flat[0] if len(flat) == 1 else cls(tuple(flat))


def _key_or_none(text):
    try:
        return tag_key(text)
    except TagError:
        return None


_PLAIN = "abcxyz019 :-()|*\"\\/é.ORAND"
_LOWER = st.text(alphabet="abcxyz019 :-()|*\"\\/é.", max_size=8)
_DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
_CMP = st.sampled_from(["<", "<=", ">", ">="])


@st.composite
def _taken_span(draw):
    d = draw(_DATES)
    grain = draw(st.sampled_from(["year", "month", "day"]))
    if grain == "day":
        return Term("taken", ":", (d, d))
    if grain == "month":
        return Term("taken", ":", (d.replace(day=1),
                                   d.replace(day=calendar.monthrange(d.year, d.month)[1])))
    return Term("taken", ":", (date(d.year, 1, 1), date(d.year, 12, 31)))


@st.composite
def _taken_range(draw):
    a, b = sorted([draw(_DATES), draw(_DATES)])
    lo, hi = draw(st.sampled_from([(a, b), (date.min, b), (a, date.max)]))
    return Term("taken", "..", (lo, hi))


TERMS = st.one_of(
    _LOWER.map(lambda s: Term("text", ":", s)),
    st.builds(lambda k, p: Term("tag", ":", k, p),
              st.text(alphabet=_PLAIN, min_size=1, max_size=10).map(_key_or_none)
              .filter(lambda k: k is not None), st.booleans()),
    st.sampled_from([(f, v) for f in ("kind", "rights", "orient", "status")
                     for v in FIELD_VALUES[f]]).map(lambda fv: Term(fv[0], ":", fv[1])),
    st.sampled_from(["picked", "none", "rejected"]).map(lambda v: Term("pick", ":", v)),
    st.builds(lambda op, n: Term("rating", op, n), st.sampled_from([":", "<", "<=", ">", ">="]),
              st.integers(0, 5)),
    st.builds(lambda op, n: Term("duration", op, n / 4), st.sampled_from([":", "<", ">="]),
              st.integers(0, 40000)),
    st.builds(lambda op, d: Term("expires", op, d), st.sampled_from([":", "<", "<=", ">", ">="]),
              _DATES),
    st.builds(lambda op, d: Term("taken", op, d), _CMP, _DATES),
    _taken_span(), _taken_range(),
    _LOWER.filter(bool).map(lambda s: Term("path", ":", s)),
    _LOWER.filter(bool).map(lambda s: Term("id", ":", s, True)),
)

TREES = st.recursive(TERMS, lambda kids: st.one_of(
    st.lists(kids, min_size=2, max_size=3).map(lambda xs: _join(And, xs)),
    st.lists(kids, min_size=2, max_size=3).map(lambda xs: _join(Or, xs)),
    kids.map(Not)), max_leaves=8)

ROUND_TRIP_DOCS = list(DOCS.values()) + [
    {"name": 'say "hi" to c:\\x', "tags": ["a:b/c", "xyz"], "caption": "(or) | *é.",
     "path": "/a.b/x-y 9", "id": "abc019", "kind": "image", "width": 3, "height": 3,
     "duration": 30.25, "taken": "2000-02-29", "rights": {"status": "internal",
                                                          "expires": "2030-01-01"}},
]


@settings(max_examples=150, deadline=None)
@given(TREES)
def test_printed_ast_parses_back_to_the_same_query(tree):
    text = show(tree)
    again = parse(text)
    assert strip_pos(again) == tree, text
    for doc in ROUND_TRIP_DOCS:
        assert matches(again, doc, TODAY) == matches(tree, doc, TODAY), (text, doc)


def test_matches_runs_fast_over_many_documents():
    docs = [dict(DOCS["sydney"], id=f"{i:012x}", rating=i % 6) for i in range(5000)]
    node = parse('tag:places (rating>=4 OR "main stage") -rights:expired taken:2026-11')
    assert sum(matches(node, d, TODAY) for d in docs) == 5000
