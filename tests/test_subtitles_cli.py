"""`liveassets captions import|align|show` and `liveassets cut --captions`, as a terminal shows
them: captions land in the plan file or the saved cut, the render carries them (burned in, or
the .srt beside it), and every mistake is one line with nothing changed."""

import json

import pytest

from cli_helpers import cli, one_line
from liveassets.catalog.catalog import Catalog
from liveassets.cuts import subtitles
from liveassets.cuts.store import TABLE
from mediagen import make_video

SRT = "1\n00:00:00,200 --> 00:00:00,800\nHello 👋\n\n2\n00:00:00,700 --> 00:00:01,000\n字幕\n"


@pytest.fixture
def library(tmp_path):
    return tmp_path / "library"  # a folder: the CLI opens it (conftest's is an open Catalog)


@pytest.fixture
def setup(tmp_path, library, capsys):
    make_video(tmp_path / "clip.mp4", size=(320, 180), seconds=1.0)
    code, _, err = cli(capsys, "--library", library, "scan", tmp_path / "clip.mp4",
                       "--no-thumbnails")
    assert code == 0, err
    code, _, err = cli(capsys, "--library", library, "rights", "clip", "--status", "cleared")
    assert code == 0, err
    plan = {"name": "Talk", "format": "9:16", "fps": 30, "purpose": "internal",
            "segments": [{"source": "clip.mp4", "start": 0, "end": 1.0}]}
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    (tmp_path / "talk.srt").write_text(SRT, encoding="utf-8")
    return tmp_path


def test_import_into_a_plan_file_then_render_with_a_sidecar(setup, library, capsys):
    d = setup
    code, out, err = cli(capsys, "--library", library, "captions", "import", d / "plan.json",
                         d / "talk.srt")
    assert code == 0, err
    assert "2 captions imported into \"Talk\"" in out
    saved = json.loads((d / "plan.json").read_text())
    assert saved["captions"] == [{"start": 0.2, "end": 0.8, "text": "Hello 👋"},
                                 {"start": 0.7, "end": 1.0, "text": "字幕"}]
    code, out, err = cli(capsys, "--library", library, "cut", d / "plan.json", "-o",
                         d / "talk.mp4", "--captions", "both", "--preview")
    assert code == 0, err
    assert "talk.srt" in out.splitlines()[-1]
    assert subtitles.read(d / "talk.srt") == subtitles.parse_srt(SRT)
    # the saved cut carries them too: `show` by name prints the SRT
    code, out, err = cli(capsys, "--library", library, "captions", "show", "talk")
    assert code == 0 and subtitles.parse_srt(out) == subtitles.parse_srt(SRT)


def test_import_into_a_saved_cut_by_id(setup, library, capsys):
    d = setup
    assert cli(capsys, "--library", library, "cut", d / "plan.json", "-o", d / "a.mp4",
               "--captions", "none", "--preview")[0] == 0
    with Catalog(library) as cat:
        cut_id = cat.records(TABLE).all()[0]["id"]
    code, out, err = cli(capsys, "--library", library, "captions", "import", cut_id,
                         d / "talk.srt")
    assert code == 0, err
    with Catalog(library) as cat:
        doc = cat.records(TABLE).get(cut_id)
    assert [c["text"] for c in doc["captions"]] == ["Hello 👋", "字幕"]
    assert doc["history"][-1]["event"] == "captions"


@pytest.mark.parametrize("args, words", [
    (["captions", "import", "Nope", "{d}/talk.srt"], "No saved cut \"Nope\""),
    (["captions", "import", "{d}/plan.json", "{d}/missing.srt"], "missing.srt"),
    (["captions", "import", "{d}/plan.json", "{d}/bad.srt"], "bad.srt line 2:"),
    (["captions", "align", "{d}/plan.json", "--script", "{d}/empty.txt"], "script is empty"),
    (["cut", "{d}/with.json", "-o", "{d}/q.mp4", "--quick"], "cannot burn captions"),
])
def test_mistakes_are_one_line_and_change_nothing(setup, library, capsys, args, words):
    d = setup
    (d / "bad.srt").write_text("1\n00:00:01,000 -> 00:00:02,000\nhi\n")
    (d / "empty.txt").write_text("\n \n")
    plan = json.loads((d / "plan.json").read_text())
    plan["captions"] = [{"start": 0.1, "end": 0.5, "text": "hi"}]
    (d / "with.json").write_text(json.dumps(plan))
    before = (d / "plan.json").read_bytes()
    code, _, err = cli(capsys, "--library", library, *[a.format(d=d) for a in args])
    assert code == 1
    assert words in one_line(err)
    assert (d / "plan.json").read_bytes() == before
    assert not (d / "q.mp4").exists()


def test_quick_export_writes_the_srt_beside_the_copy(setup, library, capsys):
    d = setup
    plan = json.loads((d / "plan.json").read_text())
    plan["format"] = "16:9"  # the clip's own shape: a stream copy needs no reframing
    plan["captions"] = [{"start": 0.1, "end": 0.5, "text": "hi"}]
    (d / "wide.json").write_text(json.dumps(plan))
    code, out, err = cli(capsys, "--library", library, "cut", d / "wide.json", "-o",
                         d / "wide.mp4", "--quick", "--captions", "srt")
    assert code == 0, err
    assert (d / "wide.mp4").exists()
    assert subtitles.read(d / "wide.srt") == [subtitles.Cue(0.1, 0.5, "hi")]
