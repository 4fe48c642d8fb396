"""Text is cut between the characters a person sees (issue #13.7): flags, skin tones, families,
keycaps and accented letters stay whole wherever the app shortens text."""

import regex
import pytest
from hypothesis import given, settings, strategies as st

from liveassets.shorten import first_line, head, shorten, utf8_len

FLAG_NZ, FLAG_AU = "\U0001F1F3\U0001F1FF", "\U0001F1E6\U0001F1FA"
FAMILY = "👨‍👩‍👧‍👦"
THUMBS = "👍🏽"
KEYCAP = "1️⃣"
E_ACUTE = "e\u0301"
ATOMS = [FLAG_NZ, FLAG_AU, FAMILY, THUMBS, KEYCAP, E_ACUTE, "a", " ", "日", "ก่", "😀", "🏳️‍🌈"]


def clusters(text):
    return regex.findall(r"\X", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), max_size=30).map("".join), st.integers(0, 40))
def test_shorten_keeps_whole_clusters_and_fits(text, limit):
    out = shorten(text, limit)
    assert len(out) <= max(limit, 1) or out == "…"
    kept = out[:-1] if out.endswith("…") and out != text else out
    assert text.startswith(kept)
    assert clusters(kept) == clusters(text)[:len(clusters(kept))]   # no cluster cut in half


def test_a_flag_is_never_split():
    text = f"Auckland, you're next {FLAG_NZ}{FLAG_AU} see you"
    for n in range(20, 30):
        out = shorten(text, n)
        assert "\U0001F1F3" not in out or FLAG_NZ in out
        assert out.count("\U0001F1E6") == out.count(FLAG_AU)


def test_byte_caps_for_file_names_stay_whole():
    name = "Meetup " + FLAG_AU * 10
    for limit in range(7, 40):
        out = head(name, limit, utf8_len)
        assert utf8_len(out) <= limit and len(out[7:]) % 2 == 0


def test_first_line_skips_blank_lines():
    text = "\n\n  Hello " + FAMILY + " world\nsecond"
    assert first_line(text, 14) == "Hello " + FAMILY + "…"      # the family is 7 code points
    assert first_line(text, 13) == "Hello…"


@pytest.mark.parametrize("where", ["posts list", "file names", "cli list"])
def test_the_app_cuts_through_this_module(where, tmp_path, capsys):
    from liveassets.packs.names import safe_name
    if where == "file names":
        out = safe_name("Meetup " + FLAG_AU * 100 + ".jpg")
        assert out.endswith(".jpg") and (len(out) - len("Meetup .jpg")) % 2 == 0
    elif where == "posts list":
        pytest.importorskip("PySide6")
        from liveassets.publish.posts import Post
        from liveassets.ui.posts.panel import first_line as panel_line
        line = panel_line(Post(body="x" * 68 + FLAG_NZ + "tail"), 70)
        assert line.endswith("…") and "\U0001F1F3" not in line.replace(FLAG_NZ, "")
    else:
        from liveassets.catalog.catalog import Catalog
        from liveassets.cli.main import main
        from liveassets.publish.posts import PostStore
        with Catalog(tmp_path / "lib") as cat:
            PostStore(cat).create(body="y" * 49 + FLAG_NZ + " more", platform="x")
        assert main(["--library", str(tmp_path / "lib"), "post", "list"]) == 0
        out = capsys.readouterr().out
        assert "\U0001F1F3" not in out.replace(FLAG_NZ, "")


def test_calendar_titles_never_split_a_flag(tmp_path):
    import datetime as dt

    from icalendar import Calendar

    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.calendar_ics import write_ics
    from liveassets.publish.posts import PostStore

    with Catalog(tmp_path / "lib") as cat:
        store = PostStore(cat)
        when = dt.datetime(2027, 2, 1, 18, 0)
        store.create(body="z" * 58 + FLAG_NZ + " Auckland", platform="tiktok",
                     scheduled=when, timezone="Pacific/Auckland", status="scheduled")
        write_ics(cat, store.all(), tmp_path / "c.ics")
    cal = Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    summary = str(cal.walk("VEVENT")[0]["SUMMARY"])
    assert summary.endswith("…") and "\U0001F1F3" not in summary.replace(FLAG_NZ, "")
