"""The command line: the contract other parts and checks rely on."""

import json
import subprocess
import sys

import pytest

import mediagen
from cli_helpers import cli  # noqa: E402


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "event"
    root.mkdir()
    for i in range(4):
        mediagen.make_jpeg(root / f"IMG_{i}.jpg", size=(300, 200) if i % 2 else (200, 300))
    mediagen.make_video(root / "clip.mp4", size=(160, 90), seconds=1.0)
    mediagen.make_empty(root / "broken.jpg")
    return root


def listing(capsys, lib, query=""):
    code, out, _ = cli(capsys, "--library", lib, "list", query, "--json")
    assert code == 0
    return json.loads(out)


def test_scan_list_tag_rate_rights_round_trip(capsys, tmp_path, folder):
    lib = tmp_path / "lib"
    code, out, _ = cli(capsys, "--library", lib, "scan", folder)
    assert code == 0 and "6 media files" in out
    assets = listing(capsys, lib)
    assert len(assets) == 6
    for a in assets:
        for key in ("id", "path", "kind", "width", "height", "duration", "has_audio", "status",
                    "error", "tags", "rating", "pick", "rights", "thumbnail"):
            assert key in a
        assert a["path"].startswith("/") and set(a["rights"]) >= {"status", "expires", "credit",
                                                                  "terms", "owner"}
    broken = [a for a in assets if a["status"] == "error"]
    assert len(broken) == 1 and broken[0]["error"] and broken[0]["thumbnail"] is None
    assert all(a["thumbnail"] for a in assets if a["status"] == "ok")

    assert cli(capsys, "--library", lib, "tag", "orient:portrait", "--add", "creator:@Nova",
               "--add", "type:recap")[0] == 0
    assert cli(capsys, "--library", lib, "rate", "kind:video", 4)[0] == 0
    assert cli(capsys, "--library", lib, "rights", "tag:creator:@nova", "--status", "cleared",
               "--expires", "2030-01-31", "--credit", "Photo: Nova", "--terms", "Social only",
               "--owner", "Nova")[0] == 0
    cleared = listing(capsys, lib, "rights:cleared")
    assert len(cleared) == 2
    assert cleared[0]["rights"] == {**cleared[0]["rights"], "status": "cleared",
                                    "expires": "2030-01-31", "credit": "Photo: Nova",
                                    "terms": "Social only", "owner": "Nova"}
    assert [a["rating"] for a in listing(capsys, lib, "kind:video")] == [4]
    assert len(listing(capsys, lib, "-tag:type:recap kind:image")) == 3

    cli(capsys, "--library", lib, "tag", "tag:creator:@nova", "--remove", "TYPE:RECAP")
    assert listing(capsys, lib, "tag:type:recap") == []


def test_user_errors_are_one_line_and_exit_1(capsys, tmp_path, folder):
    lib = tmp_path / "lib"
    cli(capsys, "--library", lib, "scan", folder)
    code, _, err = cli(capsys, "--library", lib, "list", "rating>=high")
    assert code == 1 and err.startswith("liveassets: ") and "rating" in err
    assert err.count("\n") == 1
    code, _, err = cli(capsys, "--library", lib, "scan", tmp_path / "unplugged")
    assert code == 1 and "not found" in err
    code, _, err = cli(capsys, "--library", lib, "rights", "kind:image", "--status", "maybe")
    assert code == 1 and "maybe" in err
    code, _, err = cli(capsys, "--library", lib, "tag", "tag:nothing-has-this", "--add", "x")
    assert code == 1 and "No assets match" in err


def test_rescan_reports_unchanged_and_bad_files_do_not_fail(capsys, tmp_path, folder):
    lib = tmp_path / "lib"
    assert cli(capsys, "--library", lib, "scan", folder)[0] == 0
    code, out, _ = cli(capsys, "--library", lib, "scan", folder)
    assert code == 0 and "0 new" in out and "1 unreadable" in out


def test_tags_lists_counts_and_renames(capsys, tmp_path, folder):
    lib = tmp_path / "lib"
    cli(capsys, "--library", lib, "scan", folder)
    cli(capsys, "--library", lib, "tag", "kind:image", "--add", "LIVE fest")
    cli(capsys, "--library", lib, "tags", "--rename", "live fest", "campaign:LIVE Fest 2026")
    code, out, _ = cli(capsys, "--library", lib, "tags")
    assert code == 0 and "campaign:LIVE Fest 2026" in out and "LIVE fest\n" not in out
    assert len(listing(capsys, lib, 'tag:"campaign:live fest 2026"')) == 5  # broken.jpg too


def test_python_dash_m_and_demo_campaign(tmp_path):
    """`python -m liveassets` works; the demo campaign scans as a user would expect."""
    demo, lib = tmp_path / "demo", tmp_path / "lib"
    run = [sys.executable, "-m", "liveassets", "--library", str(lib)]
    subprocess.run(run[:3] + ["demo", str(demo)], check=True, capture_output=True)
    subprocess.run(run + ["scan", str(demo)], check=True, capture_output=True)
    out = subprocess.run(run + ["list", "--json"], check=True, capture_output=True, text=True)
    assets = json.loads(out.stdout)
    photos = [a for a in assets if a["kind"] == "image"]
    clips = [a for a in assets if a["kind"] == "video"]
    assert len(photos) >= 40 and len(clips) >= 6
    assert all(a["status"] == "ok" and a["thumbnail"] for a in photos + clips)
    assert any(a["height"] > a["width"] for a in clips), "a portrait phone clip"
    assert any(a["has_audio"] is False for a in clips) and any(a["has_audio"] for a in clips)
    assert {a["height"] > a["width"] for a in photos} == {True, False}
