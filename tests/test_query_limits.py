"""Unbounded searches are refused at once with one line (issue #11 item 12): a 100 KB query of
repeated terms used to run for minutes."""

import time

import pytest

from liveassets.catalog.query import MAX_QUERY_CHARS, MAX_TERMS, QueryError, parse


@pytest.mark.parametrize("query", ["live " * 20_000, "tag:x OR " * 12_000 + "tag:y",
                                   "(" * 50_000, '"' + "x" * 200_000 + '"'])
def test_huge_queries_are_refused_quickly(library, query):
    started = time.monotonic()
    with pytest.raises(QueryError, match="at most") as err:
        library.query(query)
    assert time.monotonic() - started < 1
    assert "\n" not in str(err.value)


def test_limits_are_past_anything_a_person_types():
    parse(" ".join(["live"] * MAX_TERMS))
    parse("x" * MAX_QUERY_CHARS)
    with pytest.raises(QueryError, match=f"{MAX_TERMS + 1} terms"):
        parse(" ".join(["live"] * (MAX_TERMS + 1)))
