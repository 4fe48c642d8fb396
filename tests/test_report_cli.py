"""`liveassets report -o FILE` as a terminal shows it: the PDF, XLSX or HTML written from the
figures (the PDF's text equals `--json`'s numbers), and one line for a wrong suffix, an
existing file or a missing folder (nothing half-written left behind)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from cli_helpers import cli, one_line
from test_analytics_readers import SHARED

STUDIO = SHARED / "tiktok-studio"


@pytest.fixture
def lib(tmp_path, capsys):
    if not STUDIO.is_dir():
        pytest.skip("shared/analytics is not beside the repo")
    lib = tmp_path / "lib"
    code, _, err = cli(capsys, "--library", lib, "stats", "import", STUDIO / "Overview.csv",
                       STUDIO / "FollowerHistory.csv", "--account", "liveanz", "--as-of",
                       "2026-11-30")
    assert code == 0, err
    return lib


def test_report_pdf_holds_the_json_figures(lib, tmp_path, capsys):
    code, out, _ = cli(capsys, "--library", lib, "report", "--week", "2026-W48", "--json")
    figures = json.loads(out)["platforms"]["tiktok"]
    target = tmp_path / "r.pdf"
    code, out, err = cli(capsys, "--library", lib, "report", "--week", "2026-W48", "-o", target)
    assert code == 0, err
    assert out.strip() == str(target)
    text = re.sub(r"[ \t]+", " ", subprocess.run(["pdftotext", "-layout", str(target), "-"],
                                                 capture_output=True, text=True).stdout)
    row = " ".join(f"{figures[k]:,}" for k in ("views", "likes", "comments", "shares"))
    assert f"this week {row}" in text
    assert f"{figures['followers_net']:,} {figures['profile_views']:,}" in text
    assert "(Australia/Sydney)" in text


@pytest.mark.parametrize("suffix,magic", [("xlsx", b"PK"), ("html", b"<!DOCTYPE html>")])
def test_report_xlsx_and_html(lib, tmp_path, capsys, suffix, magic):
    target = tmp_path / f"r.{suffix}"
    code, _, err = cli(capsys, "--library", lib, "report", "--week", "2026-W48", "-o", target)
    assert code == 0, err
    assert target.read_bytes().startswith(magic)


def test_report_mistakes_are_one_line(lib, tmp_path, capsys):
    code, _, err = cli(capsys, "--library", lib, "report", "-o", tmp_path / "r.docx")
    assert code == 1 and ".pdf, .xlsx or .html" in one_line(err)
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"last week's")
    code, _, err = cli(capsys, "--library", lib, "report", "-o", existing)
    assert code == 1 and "exists already" in one_line(err) and "--force" in err
    assert existing.read_bytes() == b"last week's"
    code, _, err = cli(capsys, "--library", lib, "report", "-o", existing, "--force")
    assert code == 0 and existing.read_bytes().startswith(b"%PDF")
    code, _, err = cli(capsys, "--library", lib, "report", "-o", tmp_path / "nope" / "r.pdf")
    assert code == 1 and "does not exist" in one_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib", "old.pdf"]
