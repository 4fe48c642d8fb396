"""Caption files as Windows and other programs save them (helper "breaker", issue #13): UTF-16
with its mark reads as the text it holds; UTF-16 without its mark, or a binary file, is one
line naming the file and what it looks like, and no post is made with NUL characters in it."""

import json

import pytest

from cli_helpers import one_asset_library  # noqa: E402
from liveassets.catalog.catalog import Catalog
from liveassets.cli.main import main
from liveassets.publish.posts import PostStore
from liveassets.userfiles import UserFileError, decode_text

CAPTION = "Café night 🎉 “thanks” @kai"


@pytest.fixture
def lib(tmp_path):
    one_asset_library(tmp_path / "lib")
    return tmp_path / "lib"


def _post(capsys, folder, path):
    code = main(["--library", str(folder), "post", "new", "--assets", "", "--caption-file",
                 str(path), "--json"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_caption_saved_with_a_byte_order_mark_reads_as_its_text(capsys, lib, tmp_path,
                                                                   encoding):
    f = tmp_path / "caption.txt"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    f.write_bytes(bom + CAPTION.encode(encoding))
    code, out, err = _post(capsys, lib, f)
    assert code == 0, err
    assert json.loads(out)["body"] == CAPTION


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_is_one_line_and_no_post(capsys, lib, tmp_path, encoding):
    f = tmp_path / "caption.txt"
    f.write_bytes("Plain words from a form export".encode(encoding))
    code, out, err = _post(capsys, lib, f)
    assert code == 1 and err.count("\n") == 1
    assert "caption.txt" in err and "UTF-16" in err and "Traceback" not in err
    with Catalog(lib, readonly=True) as cat:
        assert PostStore(cat).all() == []


def test_a_binary_file_is_not_called_windows_1252():
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(16) + b"\x03\x00>\x00\x01\x00\x00\x00\x90\xff"
    with pytest.raises(UserFileError) as err:
        decode_text(elf, "the caption file x.bin")
    assert "binary" in str(err.value) and "Windows-1252" not in str(err.value)
