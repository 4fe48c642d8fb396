"""Caption lengths in each platform's unit: UTF-16 units, bytes, and X's weighted count."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveassets.publish.counting import (find_emoji, find_urls, utf16_len, utf16_offset, utf8_len,
                                         x_weighted_len)

FAMILY = "👨‍👩‍👧‍👦"             # ZWJ sequence: 7 code points, 11 UTF-16 units
THUMBS = "👍🏽"                  # emoji + skin tone
FLAG = "🇦🇺"
KEYCAP = "1️⃣"
SCOTLAND = "🏴󠁧󠁢󠁳󠁣󠁴󠁿"


@pytest.mark.parametrize("text, units", [
    ("", 0), ("hello", 5), ("é", 1), ("e\u0301", 2), ("日本語", 3), ("😀", 2), (THUMBS, 4),
    (FAMILY, 11), (FLAG, 4), (KEYCAP, 3), (SCOTLAND, 14), ("مرحبا", 5), ("a\r\nb", 4),
])
def test_utf16_counts_code_units(text, units):
    assert utf16_len(text) == units == len(text.encode("utf-16-le")) // 2


def test_utf16_offset_for_qt_positions():
    text = f"a{FAMILY}b#tag"
    i = text.index("#")
    assert utf16_offset(text, i) == len(text[:i].encode("utf-16-le")) // 2 == 13


def test_utf8_bytes():
    assert utf8_len("café 😀") == 3 + 2 + 1 + 4  # c a f, é, space, 😀
    assert utf8_len("café 😀") == len("café 😀".encode())


@pytest.mark.parametrize("text, weight", [
    ("hello", 5),
    ("日本語", 6),                       # CJK weighs 2
    ("😀", 2), (THUMBS, 2), (FAMILY, 2), (FLAG, 2), (KEYCAP, 2), (SCOTLAND, 2),
    ("a https://example.com/a/very/long/path?x=1 b", 2 + 23 + 2),
    ("see livefest.com.au!", 4 + 23 + 1),
    ("e\u0301", 1),                      # NFC first: é is one light code point
    ("“quotes” — …", 13),                # “ ” — are light; … (U+2026) weighs 2
    ("a\r\nb", 3),                       # CRLF counts as one newline
    ("한국어", 6), ("Привет", 6), ("مرحبا", 5),
])
def test_x_weighted_examples(text, weight):
    assert x_weighted_len(text) == weight


def test_x_limit_280_emoji_and_cjk():
    assert x_weighted_len("a" * 280) == 280
    assert x_weighted_len("字" * 140) == 280
    assert x_weighted_len(FAMILY * 140) == 280
    assert x_weighted_len(FAMILY * 140 + "a") == 281


def test_emoji_sequences_found_whole():
    text = f"x{FAMILY} {THUMBS}{FLAG}#1{KEYCAP}"
    spans = [text[a:b] for a, b in find_emoji(text)]
    assert spans == [FAMILY, THUMBS, FLAG, KEYCAP]


# -- against the PyPI port of twitter-text (conformance-tested), on text both understand ------
twitter_text = pytest.importorskip("twitter_text")

ATOMS = ["hello", " ", "\n", "Café", "日本", "한", "Ж", "—", "“", "…", "#fest", "@nova", "😀",
         THUMBS, FAMILY, FLAG, KEYCAP, "©", "™", "https://example.com/x", " www.live.com.au ",
         "e\u0301", "🎉", "ZWJ\u200d", "ℹ️"]


@pytest.mark.parametrize("text", ATOMS + ["english text 日本語 😷 https://example.com"])
def test_matches_twitter_text_examples(text):
    assert x_weighted_len(text) == twitter_text.parse_tweet(text).weightedLength


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), max_size=40).map(lambda parts: " ".join(parts)))
def test_matches_twitter_text_on_mixed_text(text):
    assert x_weighted_len(text) == twitter_text.parse_tweet(text).weightedLength


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_utf16_and_bytes_on_any_text(text):
    assert utf16_len(text) == len(text.encode("utf-16-le")) // 2
    assert utf8_len(text) == len(text.encode("utf-8"))
    assert x_weighted_len(text) >= 0
    assert x_weighted_len(text) == x_weighted_len(unicodedata.normalize("NFC", text))


# -- the named cases of issue #13: links without a scheme, whatever their ending ---------------
LINK_CAPTION = ("Tickets for night two are live now, grab yours before they go: "
                "livefest.party/tickets/sydney-2026/night-two-early-bird-special-release "
                "and the lineup is at nova.fm plus youtu.be/abc123 and linktr.ee/kai.creates "
                "and example.museum/exhibit and shop.liveanz.store/merch "
                "Thank you to every creator who came out 🎤✨🇦🇺 #LIVEMeetup #Sydney #creators "
                "— see you at the next one, Auckland! 日本語 한국어")


@pytest.mark.parametrize("link", ["livefest.party/tickets/sydney-2026/night-two-early-bird",
                                  "nova.fm", "youtu.be/abc123", "linktr.ee/kai.creates",
                                  "example.museum/exhibit", "shop.liveanz.store/merch",
                                  "https://x.com/liveanz/status/1", "www.liveanz.com.au"])
def test_every_link_counts_23_as_x_counts_it(link):
    text = f"see {link} now"
    assert find_urls(text) == [(4, 4 + len(link))]
    assert x_weighted_len(text) == 4 + 23 + 4 == twitter_text.parse_tweet(text).weightedLength


def test_long_caption_with_bare_links_is_over_the_limit_as_x_says():
    from liveassets.publish.captions import analyse

    official = twitter_text.parse_tweet(LINK_CAPTION).weightedLength
    report = analyse(LINK_CAPTION, "x")
    assert report.length == official > 280
    assert not report.within_limits
    over = next(w for w in report.warnings if w.code == "over_limit")
    # Everything before the mark fits; its first character is the one X's counter refuses.
    assert twitter_text.parse_tweet(LINK_CAPTION[:over.start]).weightedLength <= 280
    assert twitter_text.parse_tweet(LINK_CAPTION[:over.start + 1]).weightedLength > 280


def _reference_overflow(text, limit):
    """Where X's counter stops on the whole text at once (a leading space keeps its valid
    range meaningful when the very first link or emoji does not fit)."""
    options = dict(twitter_text.parse_tweet.__defaults__[0], max_weighted_tweet_length=limit + 1)
    if twitter_text.parse_tweet(text).weightedLength <= limit:
        return None
    end16 = twitter_text.parse_tweet(" " + text, options).validRangeEnd
    units = 0
    for i, ch in enumerate(text):
        if units >= end16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS + ["\r\n", "livefest.party/x", "日本語"]), max_size=40)
       .map(lambda parts: unicodedata.normalize("NFC", " ".join(parts))), st.integers(0, 60))
def test_word_by_word_counting_is_twitter_texts_count(text, limit):
    from liveassets.publish.counting import x_overflow_index

    assert x_weighted_len(text) == twitter_text.parse_tweet(text).weightedLength
    text = text.replace("\r", "")  # callers hand over CR-free text (captions._overflow_at)
    assert x_overflow_index(text, limit) == _reference_overflow(text, limit)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS + ["livefest.party/x.", "(nova.fm)", "a.b", "e.g.", "..",
                                         "x.com/a?b=c.d", "@nova.fm", "#tag.com"]), max_size=30)
       .map(" ".join))
def test_links_found_word_by_word_are_twitter_texts_links(text):
    assert find_urls(text) == [tuple(u["indices"])
                               for u in twitter_text.extract_urls_with_indices(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", " ", "\n", "\t", "\u3000", "\u00a0", "  "]),
                          st.sampled_from(ATOMS + ["livefest.party/x", "nova.fm", "日本語nova.fm",
                                                   "x.", ".x", "a.b.c"])), max_size=30)
       .map(lambda pairs: "".join(sep + word for sep, word in pairs)))
def test_links_are_twitter_texts_links_whatever_the_white_space_between_words(text):
    assert find_urls(text) == [tuple(u["indices"])
                               for u in twitter_text.extract_urls_with_indices(text)]
