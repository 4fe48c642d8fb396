"""Tag spelling rules: normal form, matching key, hierarchy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveassets.catalog.tags import TagError, ancestors, key_matches, normalize_tag, tag_key


@pytest.mark.parametrize("raw, normal", [
    ("  places /  Sydney/Opera   House ", "places/Sydney/Opera House"),
    ("creator :  @Nova", "creator:@Nova"),
    ("campaign:LIVE   Fest 2026", "campaign:LIVE Fest 2026"),
    ("//places//Sydney/", "places/Sydney"),
])
def test_normalize_examples(raw, normal):
    assert normalize_tag(raw) == normal


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "/", " / / "])
def test_empty_tags_are_refused(raw):
    with pytest.raises(TagError):
        normalize_tag(raw)


def test_key_is_case_insensitive_and_hierarchy_matches_whole_levels():
    assert tag_key("Places/SYDNEY") == tag_key("places / sydney") == "places/sydney"
    assert key_matches("places/sydney", "places")
    assert key_matches("places", "places")
    assert not key_matches("placesx", "places")
    assert not key_matches("places", "places/sydney")
    assert ancestors("a/b/c") == ["a", "a/b", "a/b/c"]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_normalize_round_trip_and_idempotence(text):
    try:
        normal = normalize_tag(text)
    except TagError:
        # Only texts made of separators and spaces ("/", " / ") have no tag in them.
        assert not text.replace("/", "").strip()
        with pytest.raises(TagError):
            tag_key(text)
        return
    assert normalize_tag(normal) == normal
    assert tag_key(normal) == tag_key(text)
    assert tag_key(tag_key(text)) == tag_key(text)
