"""The weekly report's files as people receive them: the PDF's text as pdftotext reads it (the
numbers equal the figures dict; the zone beside every date; every script and emoji drawn), its
thumbnails as pdfimages extracts them, the workbook as openpyxl reads it (numbers are numbers,
dates are dates, a caption stays text), the web page escaped and self-contained."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from liveassets.analytics.outputs import write_report
from liveassets.atomic import ExportError
from liveassets.catalog.schema import new_asset
from report_figures import post, sample_figures


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def squeeze(text: str) -> str:
    """pdftotext's text with runs of spaces made one (columns are padded)."""
    return re.sub(r"[ \t]+", " ", text)


def test_pdf_text_holds_the_figures_and_the_zone(tmp_path):
    figures = sample_figures()
    out = write_report(figures, tmp_path / "r.pdf")
    text = squeeze(pdf_text(out))
    # the KPI table: this week, the week before and the change, as the dict says
    tiktok = figures["platforms"]["tiktok"]
    this = " ".join(f"{tiktok[k]:,}" for k in ("views", "likes", "comments", "shares"))
    before = " ".join(f"{tiktok['previous'][k]:,}" for k in ("views", "likes", "comments",
                                                             "shares"))
    assert f"this week {this} – 8.3 % 342 1,396" in text
    assert f"week before {before} – 8.1 % 122 808" in text
    assert "change +77.5 % +87.1 % +0.0 % +69.8 % – +0.2 pt +180.3 % +72.8 %" in text
    assert "this week 65,236 3,100 210 150 95 5.4 % 40 –" in text        # Instagram
    # the week, with the zone named, and each post's time in that zone (07:05 UTC = 18:05 AEDT)
    assert "2026-W48: Mon 23 Nov 2026 to Sun 29 Nov 2026 (Australia/Sydney)" in text
    assert "Tue 24 Nov 2026 18:05 AEDT" in text
    assert text.count("every date and time in Australia/Sydney") == len(
        re.findall(r"page \d+ of \d+", text)) >= 2
    for line in figures["summary"]:
        assert line in text
    assert "Engagement rate = (likes + comments + shares + saves where given) / views." in text
    # the rollups: a campaign's sums
    fest = figures["by_campaign"]["fest"]
    assert f"fest {fest['posts']} {fest['views']:,} {fest['likes']:,}" in text
    # posting hours, in the zone
    assert "Hour (Australia/Sydney)" in text and "18:00 1 24,000 24,000 9.5 %" in text


def test_pdf_draws_every_script_and_emoji(tmp_path):
    out = write_report(sample_figures(), tmp_path / "r.pdf")
    text = pdf_text(out)
    assert "日本語のキャプション" in text
    assert "مرحبا" in text or "ابحرم" in text      # right to left: either reading order
    assert "🎉" in text and "❤" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Type 3" in fonts         # the colour emoji font (fpdf2 embeds its bitmaps so)
    assert re.search(r"CJK|Noto Sans JP|Droid|WenQuanYi|IPA", fonts)   # the Japanese font


def test_pdf_shows_the_first_assets_thumbnail(library, tmp_path):
    doc = new_asset(str(tmp_path / "a.jpg"), "image", 1, 1.0, "a.jpg")
    library.apply("Fill", {doc["id"]: doc})
    thumb = Path(library.thumb_path(doc["id"]))
    thumb.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (160, 120), (20, 160, 60)).save(thumb, quality=95)
    figures = sample_figures([post(1, 5000, asset_ids=[doc["id"]]), post(2, 10)])
    out = write_report(figures, tmp_path / "r.pdf", library)
    subprocess.run(["pdfimages", "-j", str(out), str(tmp_path / "img")], check=True)
    pictures = []
    for path in sorted(tmp_path.glob("img-*")):
        with Image.open(path) as im:
            if im.size[0] < 400:                       # not a chart
                pictures.append(im.convert("RGB"))
    # the fixture lists both posts as top and as bottom: the thumbnail twice, the other never
    assert len(pictures) == 2
    for picture in pictures:
        r, g, b = picture.resize((1, 1)).getpixel((0, 0))
        assert abs(r - 20) < 12 and abs(g - 160) < 12 and abs(b - 60) < 12
    assert "no preview" in pdf_text(out)


def test_empty_week_says_how_to_import(tmp_path):
    figures = {"week": "2026-W48", "from": "2026-11-23", "to": "2026-11-29",
               "zone": "Australia/Sydney", "platforms": {}, "daily": {}, "posts": []}
    for suffix in ("pdf", "html"):
        out = write_report(figures, tmp_path / f"r.{suffix}")
        text = pdf_text(out) if suffix == "pdf" else out.read_text("utf-8")
        assert "No figures for this week" in text
        assert "liveassets stats import FILE" in text


def test_xlsx_numbers_are_numbers_and_dates_are_dates(tmp_path):
    import openpyxl

    figures = sample_figures([post(1, 24000, caption="=HYPERLINK(\"http://x\")",
                                   tags=["campaign:fest"]),
                              post(2, 900, caption="@mia on stage")])
    out = write_report(figures, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Posts", "By tag", "Daily"]
    posts = book["Posts"]
    header = [c.value for c in posts[1]]
    col = {name: i for i, name in enumerate(header)}
    assert "Published (Australia/Sydney)" in col
    rows = list(posts.iter_rows(min_row=2, values_only=True))
    assert [r[col["Views"]] for r in rows] == [24000, 900]
    assert all(isinstance(r[col["Views"]], int) for r in rows)
    import datetime as dt
    assert rows[0][col["Published (Australia/Sydney)"]] == dt.datetime(2026, 11, 24, 18, 5)
    cap = posts.cell(row=2, column=col["Caption"] + 1)
    assert cap.data_type == "s" and cap.value == "=HYPERLINK(\"http://x\")"
    rate = posts.cell(row=2, column=col["Engagement rate"] + 1)
    assert isinstance(rate.value, float) and "%" in rate.number_format
    daily = list(book["Daily"].iter_rows(min_row=2, values_only=True))
    tiktok = [r for r in daily if r[0] == "TikTok"]
    assert [r[1] for r in tiktok][0] == dt.datetime(2026, 11, 23)
    assert sum(r[2] for r in tiktok) == figures["platforms"]["tiktok"]["views"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    this = next(r for r in summary if r[0] == "TikTok" and r[2] == "this week")
    assert this[3:7] == (65497, 4912, 107, 421)
    by_tag = list(book["By tag"].iter_rows(min_row=2, values_only=True))
    assert ("campaign", "fest") in {(r[0], r[1]) for r in by_tag}


def test_html_escapes_user_text_and_stands_alone(tmp_path):
    nasty = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    figures = sample_figures([post(1, 5000, caption=nasty, tags=["<b>campaign</b>"]),
                              post(2, 10)])
    figures["top"][0]["url"] = "javascript:alert(1)"
    out = write_report(figures, tmp_path / "r.html")
    page = out.read_text("utf-8")
    assert "<script" not in page and "<b>campaign" not in page and "onerror=alert" not in \
        page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    # self-contained: every picture is inline
    sources = re.findall(r'src="([^"]*)"', page)
    assert sources and all(s.startswith("data:image/") for s in sources)
    assert "65,497" in page and "Australia/Sydney" in page


@pytest.mark.parametrize("name", ["r.docx", "r", "r.pdf.txt"])
def test_other_suffixes_are_refused_in_one_line(tmp_path, name):
    with pytest.raises(ExportError) as caught:
        write_report(sample_figures(), tmp_path / name)
    message = str(caught.value)
    assert "\n" not in message and ".pdf, .xlsx or .html" in message
    assert not (tmp_path / name).exists()


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"keep me")
    with pytest.raises(ExportError, match="exists already"):
        write_report(sample_figures(), target)
    assert target.read_bytes() == b"keep me"
    write_report(sample_figures(), target, force=True)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]   # no temporary left behind


def test_charts_plot_the_figures():
    from liveassets.analytics import charts

    figures = sample_figures()
    fig = charts.views_per_day(figures)
    lines = {line.get_label(): list(line.get_ydata()) for line in fig.axes[0].lines}
    assert lines["TikTok"] == [d["views"] for d in figures["daily"]["tiktok"]]
    bars = charts.week_vs_previous(figures).axes[0].patches
    heights = sorted(b.get_height() for b in bars)
    assert heights == sorted([65497, 36910, 65236, 36946])
    top = charts.top_posts(figures).axes[0].patches
    assert sorted(b.get_width() for b in top) == sorted(p["views"] for p in figures["top"])
    assert charts.views_per_day({"daily": {}}) is None     # no blank charts
    assert charts.png(fig).startswith(b"\x89PNG")


SHARED = Path(__file__).resolve().parents[2] / "shared" / "analytics"


def test_pdf_of_the_shared_fixtures_shows_the_hand_computed_sums(library, tmp_path):
    """/work/shared/analytics/README.md's hand-computed W47/W48 TikTok sums, through the
    stats helper's import and weekly figures, as pdftotext reads the PDF."""
    import datetime as dt

    if not SHARED.is_dir():
        pytest.skip("shared/analytics is not beside the repo")
    from liveassets.analytics import readers
    from liveassets.analytics.snapshots import AnalyticsStore
    from liveassets.analytics.weekly import weekly_report

    store = AnalyticsStore(library)
    store.save(readers.read([SHARED / "tiktok-studio" / "snapshot-2026-11-23" / "Content.csv"]))
    files = [p for p in (SHARED / "tiktok-studio").glob("*.csv")] + [SHARED / "instagram" /
                                                                       "Views.csv"]
    store.save(readers.read(files, as_of=dt.date(2026, 11, 30)))
    figures = weekly_report(library, "2026-W48")
    text = squeeze(pdf_text(write_report(figures, tmp_path / "r.pdf", library)))
    assert "this week 65,497 4,912 107 421 – 8.3 % 342 1,396" in text
    assert "week before 36,910 2,625 107 248 – 8.1 % 122 808" in text
    assert "this week 65,236 " in text and "week before 36,946 " in text   # Instagram views
    for p in figures["top"]:
        assert f"{p['views']:,} views" in text


def test_a_withheld_picture_is_never_shown_and_says_why(library, tmp_path):
    """weekly.py names no thumbnail asset when the post's assets' rights forbid internal use
    (may_publish): the report shows the reason, not the asset's picture, even though the
    asset has a cached thumbnail."""
    doc = new_asset(str(tmp_path / "crowd.jpg"), "image", 1, 1.0, "crowd.jpg")
    library.apply("Fill", {doc["id"]: doc})
    thumb = Path(library.thumb_path(doc["id"]))
    thumb.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (160, 120), (200, 30, 30)).save(thumb)
    withheld = post(1, 5000, asset_ids=[doc["id"]])
    withheld.update(thumbnail_asset_id=None, thumbnail_withheld="crowd.jpg: restricted")
    figures = sample_figures([withheld])
    out = write_report(figures, tmp_path / "r.pdf", library)
    subprocess.run(["pdfimages", "-list", str(out)], check=True, capture_output=True)
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert all(int(line.split()[3]) >= 400 for line in listing)   # charts only
    assert re.search(r"crowd\.jpg:\s+restricted", pdf_text(out))   # wrapped in the box
    page = write_report(figures, tmp_path / "r.html", library).read_text("utf-8")
    assert "crowd.jpg: restricted" in page and "image/jpeg" not in page


def test_long_rollups_list_the_biggest_and_say_how_many_more(tmp_path):
    """2,000 posts' hashtags are 2,000 groups: the PDF lists the 12 with the most views and
    says where the rest are (the workbook has every one)."""
    import openpyxl

    figures = sample_figures()
    figures["by_hashtag"] = {f"#tag{i}": {"posts": 1, "views": 1000 + i, "likes": 1,
                                          "comments": 0, "shares": 0, "engagement_rate": 0.001}
                             for i in range(40)}
    text = squeeze(pdf_text(write_report(figures, tmp_path / "r.pdf")))
    assert "#tag39 1 1,039" in text and "#tag28 1 1,028" in text
    assert "#tag27 " not in text
    assert "… and 28 more with fewer views" in text
    book = openpyxl.load_workbook(write_report(figures, tmp_path / "r.xlsx"))
    names = [r[1] for r in book["By tag"].iter_rows(min_row=2, values_only=True)
             if r[0] == "hashtag"]
    assert len(names) == 40 and names[0] == "#tag39"


def test_provisional_days_are_drawn_hollow():
    """Days weekly.py marks provisional (exported under 3 days after them) are hollow points
    and the chart says what hollow means; a week without them has neither."""
    from liveassets.analytics import charts

    figures = sample_figures()
    plain = charts.views_per_day(figures)
    assert len(plain.axes[0].lines) == 2 and plain.axes[0].get_title(loc="right") == ""
    for row in figures["daily"]["tiktok"][-2:]:
        row["provisional"] = True
    fig = charts.views_per_day(figures)
    hollow = [line for line in fig.axes[0].lines if line.get_linestyle() == "None"]
    assert len(hollow) == 1 and list(hollow[0].get_ydata()) == [10497, 4000]
    assert hollow[0].get_markerfacecolor() == charts.LIGHT["bg"]
    assert "provisional" in fig.axes[0].get_title(loc="right")


@pytest.mark.parametrize("suffix", ["pdf", "xlsx", "html"])
def test_sparse_and_odd_figures_still_make_a_report(tmp_path, suffix):
    """What exports leave out (no previous week, None figures, no caption, a date without a
    time, a time that is not one, no daily rows, an hour key that is not a number) gives a
    report with dashes, never an error."""
    odd = post(1, 0, caption="", published="2026-11-24")
    odd.update(caption="", views=None, likes=None, comments=None, shares=None, engagement_rate=None, account=None,
               url="")
    broken = post(2, 50, published="sometime on Tuesday")
    figures = sample_figures([odd, broken])
    figures["platforms"]["tiktok"]["previous"] = {}
    figures["platforms"]["youtube"] = {"views": None}
    figures["daily"] = {"tiktok": []}
    figures["by_hour"] = {"late": {"posts": 1, "views": 5}, "07": {"posts": 0, "views": None}}
    out = write_report(figures, tmp_path / f"r.{suffix}")
    assert out.stat().st_size > 1000
    if suffix == "pdf":
        text = squeeze(pdf_text(out))
        assert "Tue 24 Nov 2026 (Australia/Sydney)" in text
        assert "sometime on Tuesday" in text
        assert "(no caption)" in text


def test_a_damaged_install_without_the_font_is_one_line(tmp_path, monkeypatch):
    """The bundled font missing (a damaged install): one line saying so, no file left."""
    from liveassets.media import pdf_fonts, text

    def missing(bold=False):
        raise text.FontMissing("The bundled font /x/DejaVuSans.ttf is missing; reinstall "
                               "LiveAssets.")

    monkeypatch.setattr(pdf_fonts, "text_fonts", missing)
    monkeypatch.setattr(text, "fonts", missing)
    with pytest.raises(ExportError) as caught:
        write_report(sample_figures(), tmp_path / "r.pdf")
    assert "\n" not in str(caught.value) and "reinstall LiveAssets" in str(caught.value)
    assert list(tmp_path.iterdir()) == []
