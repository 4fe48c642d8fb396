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
