"""Running the command line inside a test, as a user's terminal sees it."""

from __future__ import annotations

import os

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset
from liveassets.cli.main import main


def cli(capsys, *argv):
    """(exit code, stdout, stderr) of `liveassets ARGV`; bytes arguments are file names as
    the OS hands them over. Never a traceback, argparse's usage errors included."""
    try:
        code = main([os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in argv])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def one_line(err: str) -> str:
    """The one `liveassets: …` line a refused command prints."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("liveassets: "), err
    return lines[0]


def one_asset_library(folder, **rights):
    """A library at `folder` holding one photo, /ev/a.jpg, with `rights` set; its document."""
    doc = new_asset("/ev/a.jpg", "image", 1, 1.0, "a.jpg")
    doc["rights"].update(rights)
    with Catalog(folder) as cat:
        cat.apply("Fill", {doc["id"]: doc})
    return doc
