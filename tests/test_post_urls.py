"""Posts know where they went (issue #13.9): the public URL, the platform's post ID parsed from
it (what the analytics exports name posts by) and the time, from the core and the CLI."""

import datetime as dt
import json

import pytest

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset
from liveassets.cli.main import main
from liveassets.errors import UserError
from liveassets.publish.post_urls import post_id_from_url
from liveassets.publish.posts import PostStore


@pytest.mark.parametrize("platform,url,clean,post_id", [
    ("tiktok", "https://www.tiktok.com/@liveanz/video/7300000000000000005?is_from_webapp=1",
     "https://www.tiktok.com/@liveanz/video/7300000000000000005", "7300000000000000005"),
    ("tiktok", "tiktok.com/@liveanz/photo/7300000000000000009",
     "https://tiktok.com/@liveanz/photo/7300000000000000009", "7300000000000000009"),
    ("instagram", "https://www.instagram.com/reel/DA1sYdMeet1/?igsh=abc",
     "https://www.instagram.com/reel/DA1sYdMeet1/", "DA1sYdMeet1"),
    ("instagram", "https://www.instagram.com/p/DA2rEhEarsl/",
     "https://www.instagram.com/p/DA2rEhEarsl/", "DA2rEhEarsl"),
    ("youtube", "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
     "https://youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3",
     "https://youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("youtube", "youtu.be/dQw4w9WgXcQ", "https://youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("x", "https://twitter.com/liveanz/status/1800000000000000001",
     "https://twitter.com/liveanz/status/1800000000000000001", "1800000000000000001"),
])
def test_post_ids_are_read_from_the_links_platforms_give(platform, url, clean, post_id):
    assert post_id_from_url(platform, url) == (clean, post_id)


@pytest.mark.parametrize("platform,url", [
    ("tiktok", "https://www.instagram.com/reel/DA1sYdMeet1/"),    # another platform's link
    ("tiktok", "https://www.tiktok.com/@liveanz"),                 # a profile, not a post
    ("instagram", "https://www.instagram.com/liveanz/"),
    ("youtube", "https://youtube.com/@liveanz"),
    ("x", "https://x.com/liveanz"),
    ("x", ""),
    ("tiktok", "https://evil.example/tiktok.com/@a/video/7300000000000000005"),
])
def test_links_that_are_not_one_post_get_one_line(platform, url):
    with pytest.raises(UserError) as err:
        post_id_from_url(platform, url)
    assert "\n" not in str(err.value) and ("look like" in str(err.value) or "URL" in str(err.value))


@pytest.fixture
def lib(tmp_path):
    folder = tmp_path / "lib"
    d = new_asset("/ev/a.jpg", "image", 1, 1.0, "a.jpg")
    d["rights"].update(status="cleared")
    with Catalog(folder) as cat:
        cat.apply("Fill", {d["id"]: d})
        post = PostStore(cat).create(platform="tiktok", body="Recap", asset_ids=[d["id"]])
    return folder, post.ids[0]


def test_mark_published_records_url_id_and_time_and_undoes(lib):
    folder, pid = lib
    with Catalog(folder) as cat:
        store = PostStore(cat)
        when = dt.datetime(2026, 11, 24, 9, 15, tzinfo=dt.timezone.utc)
        change = store.mark_published(pid, "https://www.tiktok.com/@liveanz/video/7300000000000000005", when)
        post = store.get(pid)
        assert post.status == "published" and post.platform_post_id == "7300000000000000005"
        assert post.published_at == "2026-11-24T09:15:00+00:00"
        assert post.scheduled is not None and post.utc == when   # unscheduled: the time it went
        cat.undo(change)
        assert store.get(pid).status == "draft" and store.get(pid).platform_post_id == ""
    with Catalog(folder) as cat:     # a wrong platform's link changes nothing
        with pytest.raises(UserError):
            PostStore(cat).mark_published(pid, "https://x.com/a/status/1800000000000000001")
        assert PostStore(cat).get(pid).status == "draft"


def test_cli_post_published_and_list_json(capsys, lib):
    folder, pid = lib
    code = main(["--library", str(folder), "post", "published", pid, "--url",
                 "https://www.tiktok.com/@liveanz/video/7300000000000000006", "--at",
                 "2026-11-27 18:00"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "post ID 7300000000000000006" in out
    main(["--library", str(folder), "post", "list", "--json"])
    post = json.loads(capsys.readouterr().out)[0]
    assert post["platform_post_id"] == "7300000000000000006"
    assert post["published_url"].endswith("/video/7300000000000000006")
    assert post["status"] == "published" and post["published_at"]
    code = main(["--library", str(folder), "post", "published", pid, "--url", "nope"])
    _, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1


# -- input from outside never ends in a traceback (issue #13.10) ------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402

CP1252 = "Café night – thanks “all”!".encode("cp1252")


def test_a_windows_1252_caption_file_gets_one_line(capsys, lib, tmp_path):
    folder, _ = lib
    f = tmp_path / "caption.txt"
    f.write_bytes(CP1252)
    code = main(["--library", str(folder), "post", "new", "--assets", "", "--caption-file", str(f)])
    _, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1
    assert "not UTF-8" in err and "Windows-1252" in err and "caption.txt" in err
    f.write_bytes("Café night 🎉".encode("utf-8-sig"))      # with Notepad's BOM: fine
    code = main(["--library", str(folder), "post", "new", "--assets", "", "--caption-file", str(f),
                 "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["body"] == "Café night 🎉"


def test_a_windows_1252_caption_argument_gets_one_line(lib, tmp_path):
    folder, _ = lib
    # As `--caption "$(cat file.txt)"` hands it over: the raw bytes in argv.
    run = subprocess.run([sys.executable, "-m", "liveassets", "--library", str(folder), "post",
                          "new", "--assets", "", "--caption", CP1252.decode("utf-8", "surrogateescape")],
                         capture_output=True, env={**__import__("os").environ, "LC_ALL": "C.UTF-8"})
    err = run.stderr.decode()
    assert run.returncode == 1 and err.count("\n") == 1 and "--caption is not UTF-8" in err, err


@pytest.mark.parametrize("argv", [["list", "--json"], ["post", "list"], ["sheet", "-o", "-"]])
def test_output_piped_to_head_ends_quietly(tmp_path, argv):
    folder = tmp_path / "big"
    with Catalog(folder) as cat:
        docs = [new_asset(f"/ev/{i:05d}.jpg", "image", 1, 1.0, f"{i:05d}.jpg") for i in range(1500)]
        cat.apply("Fill", {d["id"]: d for d in docs})
        store = PostStore(cat)
        for i in range(400):
            store.create(platform="tiktok", body=f"Post {i} " + "a long caption " * 20,
                         asset_ids=[docs[i]["id"]])
    cmd = [sys.executable, "-m", "liveassets", "--library", str(folder), *argv]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.read(200)          # like `| head -c 200`: read a little, then go away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert first and "Traceback" not in err and err == "", err
    assert code in (0, 141)
