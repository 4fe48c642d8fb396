"""The composer's analysis: limits in each platform's unit, hashtags, mentions and warnings."""

import datetime as dt
import pytest

from liveassets.publish.captions import (CaptionContext, analyse, extract_hashtags,
                                         extract_mentions, split_hashtags)
from liveassets.publish.counting import utf16_offset

FAMILY = "👨‍👩‍👧‍👦"


def codes(report):
    return [w.code for w in report.warnings]


@pytest.mark.parametrize("units, ok", [(2200, True), (2201, False)])
def test_tiktok_limit_at_2200_utf16_units(units, ok):
    text = "😀" * (units // 2) + "a" * (units % 2)        # emoji: 2 units each
    report = analyse(text, "tiktok")
    assert report.length == units and report.limit == 2200 and report.unit == "utf16"
    assert report.within_limits is ok
    assert ("over_limit" in codes(report)) is not ok
    if not ok:
        w = next(w for w in report.warnings if w.code == "over_limit")
        assert w.severity == "error" and w.start == len(text) - 1 and "1 UTF-16 units over" in w.message


def test_tiktok_counts_utf16_not_characters():
    report = analyse(FAMILY * 200, "tiktok")     # 200 visible emoji, 2,200 UTF-16 units
    assert report.length == 2200 and report.within_limits
    assert not analyse(FAMILY * 200 + "!", "tiktok").within_limits


def test_tiktok_photo_description_4000_and_title_90():
    report = analyse("a" * 4000, "tiktok", photo=True, title="t" * 91)
    assert report.limit == 4000 and report.length == 4000
    assert codes(report) == ["title_over_limit"] and not report.within_limits
    assert analyse("a" * 4000, "tiktok", photo=True, title="t" * 90).within_limits


def test_instagram_characters_hashtags_mentions_and_recommended():
    five = " ".join(f"#t{i}" for i in range(5))
    assert analyse(five, "instagram").within_limits
    six = analyse(five + " #t5", "instagram")            # 5 a post since December 2025
    assert not six.within_limits and "too_many_hashtags" in codes(six)
    assert "allows 5" in next(w.message for w in six.warnings if w.code == "too_many_hashtags")
    # A post dated before the change was judged by the rule of its day: 30.
    before = CaptionContext(on=dt.date(2025, 6, 1))
    tags = " ".join(f"#t{i}" for i in range(30))
    report = analyse(tags, "instagram", context=before)
    assert len(report.hashtags) == 30 and report.within_limits
    assert "more_than_recommended" in codes(report)       # team default: 5
    assert not analyse(tags + " #t30", "instagram", context=before).within_limits
    mentions = " ".join(f"@m{i}" for i in range(21))
    assert "too_many_mentions" in codes(analyse(mentions, "instagram"))
    few = analyse("#a #b #c", "instagram", context=CaptionContext(recommended_hashtags=2))
    assert "more_than_recommended" in codes(few)
    assert analyse("é" * 2200, "instagram").within_limits


def test_youtube_bytes_and_angle_brackets():
    assert analyse("é" * 2500, "youtube").within_limits          # 5,000 bytes
    report = analyse("é" * 2500 + "a", "youtube")
    assert report.length == 5001 and not report.within_limits
    bad = analyse("Use <b>bold</b>", "youtube")
    assert "forbidden_character" in codes(bad) and not bad.within_limits


def test_x_weighted_limit():
    assert analyse("字" * 140, "x").within_limits
    assert not analyse("字" * 140 + "a", "x").within_limits


def test_hashtags_are_unicode_aware():
    text = "Night #LIVEFest #시드니 #مرحبا #café #नमस्ते #fête_2026 done"
    assert [t.text for t in extract_hashtags(text)] == [
        "LIVEFest", "시드니", "مرحبا", "café", "नमस्ते", "fête_2026"]


def test_broken_hashtags_and_space_after_hash():
    report = analyse("Loved #live-fest and # sydney and #LIVE'26 #ok!", "tiktok")
    broken = [w for w in report.warnings if w.code == "broken_hashtag"]
    assert [report_text(w) for w in broken] == ["#live-fest", "#LIVE'26"]
    assert "space_after_hash" in codes(report)
    assert [t.text for t in report.hashtags] == ["live", "LIVE", "ok"]


def report_text(w, text="Loved #live-fest and # sydney and #LIVE'26 #ok!"):
    return text[w.start:w.end]


def test_duplicates_numeric_and_never_use():
    ctx = CaptionContext(never_use=frozenset({"fyp"}))
    report = analyse("#LiveFest #livefest #2026 #FYP @nova @Nova", "tiktok", context=ctx)
    assert codes(report).count("duplicate_hashtag") == 1
    assert codes(report).count("duplicate_mention") == 1
    assert "numeric_hashtag" in codes(report)
    never = next(w for w in report.warnings if w.code == "never_use")
    assert never.severity == "error"


def test_mentions_skip_emails_and_urls():
    text = "Thanks @nova.sydney. Mail hi@live.com or see https://x.com/@someone #x"
    assert [m.text for m in extract_mentions(text)] == ["nova.sydney"]


def test_mention_of_creator_with_uncleared_rights():
    ctx = CaptionContext(uncleared_creators={"nova": "rights pending"})
    report = analyse("Recap with @Nova and @ok", "instagram", context=ctx)
    w = next(w for w in report.warnings if w.code == "creator_rights")
    assert "pending" in w.message and report_text(w, "Recap with @Nova and @ok") == "@Nova"


def test_positions_are_string_indices_convertible_to_qt():
    text = f"{FAMILY} #tag"
    tag = analyse(text, "tiktok").hashtags[0]
    assert text[tag.start:tag.end] == "#tag"
    assert utf16_offset(text, tag.start) == 12


def test_split_hashtags():
    assert split_hashtags("#a #b, c  ＃d") == ["#a", "#b", "#c", "#d"]


def test_overflow_position_is_where_the_limit_is_crossed():
    from liveassets.publish.captions import _overflow_at
    from liveassets.publish.counting import measure

    def slow(text, unit, limit):   # the first prefix that no longer fits
        return next(i for i in range(len(text) + 1) if measure(text[:i + 1], unit) > limit)

    text = "Hi 日本 👨‍👩‍👧‍👦 https://example.com/x é " * 30
    for unit, limit in (("utf16", 100), ("bytes", 150), ("chars", 90)):
        assert _overflow_at(text, unit, limit) == slow(text, unit, limit), (unit, limit)
    # X: the whole emoji or URL that crosses the limit is marked from its start (twitter-text
    # weighs a cut-off emoji sequence by its parts, so prefixes are not a guide here)
    for limit in (280, 40, 33, 30, 11, 8):
        at = _overflow_at(text, "x_weighted", limit)
        word_end = text.find(" ", at + 1)
        assert measure(text[:at], "x_weighted") <= limit < measure(text[:word_end], "x_weighted")
        assert text[at - 1] == " "


def test_mentions_typed_in_a_field_are_split_and_given_their_at():
    from liveassets.publish.captions import split_mentions

    assert split_mentions("@nova kai.creates, ＠mika  @") == ["@nova", "@kai.creates", "@mika"]
    assert split_mentions("") == []
