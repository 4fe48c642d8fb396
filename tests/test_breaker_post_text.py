"""Invisible characters in post text (helper "breaker", issue #13): Word's line breaks become
line breaks every sheet and calendar shows; other control characters (ESC, BEL, NUL...) are
dropped when a post is saved (no one can see them in the composer to delete them), so no sheet
turns them into U+FFFD and no terminal runs them as escape sequences."""

import openpyxl
import pytest

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset
from liveassets.cli.main import main
from liveassets.publish.posts import Post, PostStore
from liveassets.publish.sheets import export


@pytest.fixture
def lib(tmp_path):
    folder = tmp_path / "lib"
    doc = new_asset("/ev/a.jpg", "image", 1, 1.0, "a.jpg")
    doc["rights"].update(status="cleared")
    with Catalog(folder) as cat:
        cat.apply("Fill", {doc["id"]: doc})
    return folder


@pytest.mark.parametrize("brk", ["\x0b", "\x0c", "\x1e", "\x85"])
def test_word_line_breaks_reach_the_sheet_as_line_breaks(lib, tmp_path, brk):
    with Catalog(lib) as cat:
        store = PostStore(cat)
        asset = cat.all()[0]["id"]
        pid = store.create(Post(asset_ids=[asset], body=f"First line{brk}second line")).ids[0]
        assert store.get(pid).body == "First line\nsecond line"
        out = tmp_path / "s.xlsx"
        export(cat, store.all(), out)
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    body = sheet.cell(row=2, column=header.index("Caption body") + 1).value
    assert body == "First line\nsecond line"


@pytest.mark.parametrize("flag", ["--caption", "--title", "--notes", "--mentions",
                                  "--hashtags"])
def test_control_characters_are_dropped_from_every_field(capsys, lib, flag):
    text = {"--mentions": "@kai\x1b[31m", "--hashtags": "#kai\x07"}.get(flag, "Recap \x1b[31mred\x07")
    argv = ["--library", str(lib), "post", "new", "--assets", "", flag, text, "--json"]
    if flag != "--caption":
        argv += ["--caption", "fine"]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "\x1b" not in out and "\\u001b" not in out and "\\u0007" not in out
    with Catalog(lib, readonly=True) as cat:
        post = PostStore(cat).all()[0]
    assert {"--caption": post.body, "--title": post.title, "--notes": post.notes,
            "--mentions": " ".join(post.mentions),
            "--hashtags": " ".join(post.hashtags)}[flag] in ("Recap [31mred", "@kai[31m", "#kai")


def test_a_post_stored_with_a_control_character_still_makes_a_well_formed_sheet(lib, tmp_path):
    import zipfile
    from xml.etree import ElementTree

    with Catalog(lib) as cat:  # as an older version stored it
        asset = cat.all()[0]["id"]
        doc = Post(asset_ids=[asset], body="plain").validated().to_doc()
        doc["body"] = "bell\x07 from a PDF"
        cat.records("posts").put(doc, label="old")
        out = tmp_path / "s.xlsx"
        export(cat, PostStore(cat).all(), out)
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))
    sheet = openpyxl.load_workbook(out).active
    assert any(c.value == "bell\ufffd from a PDF" for row in sheet.iter_rows() for c in row)


def test_tab_and_newline_stay_text():
    post = Post(asset_ids=[], body="a\tb\nc\x00").validated()
    assert post.body == "a\tb\nc"
