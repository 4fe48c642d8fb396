"""The `cut` verb: problems printed before any rendering (exit 1), a render that enters the
library tagged with the cut's name, rights override, and --quick."""

import json
import os

import av
import pytest

from liveassets.catalog.catalog import Catalog
from liveassets.cli.main import main
from liveassets.media.scan import scan
from mediagen import make_video


@pytest.fixture
def setup(tmp_path):
    media = tmp_path / "event"
    make_video(media / "clip.mp4", size=(180, 320), seconds=2.0)
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [str(media)], thumbnails=False)
        cat.set_rights([a["id"] for a in cat.all()], status="cleared")
    plan = {"name": "Sydney meetup recap", "format": "9:16", "fps": 30, "purpose": "public",
            "segments": [{"source": "clip.mp4", "start": 0.5, "end": 1.5}], "crossfade": 0}
    return media, lib, plan


def write(path, data):
    path.write_text(json.dumps(data))
    return str(path)


def test_problems_are_listed_and_nothing_renders(setup, capsys):
    media, lib, plan = setup
    plan["segments"].append({"source": "clip.mp4", "start": 1.0, "end": 5.0})
    plan["segments"].append({"source": "gone.mov", "start": 0, "end": 1})
    path = write(media / "plan.json", plan)
    out = media / "out.mp4"
    assert main(["--library", str(lib), "cut", path, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "problem: Segment 2: ends at 5 s but clip.mp4 is only 2 s long." in err
    assert "problem: Segment 3: the source" in err and "gone.mov" in err
    assert "2 problems" in err and not out.exists()


def test_render_enters_the_library_tagged(setup, capsys):
    media, lib, plan = setup
    path = write(media / "plan.json", plan)
    assert main(["--library", str(lib), "cut", path, "--preview"]) == 0
    printed = capsys.readouterr().out
    out = lib / "renders" / "sydney-meetup-recap-preview.mp4"
    assert str(out) in printed and "added to the library" in printed
    with av.open(str(out)) as c:
        assert (c.streams.video[0].width, c.streams.video[0].height) == (540, 960)
    with Catalog(lib) as cat:
        asset = cat.by_path(str(out))
        assert asset is not None and "Sydney meetup recap" in asset["tags"]
        cuts = cat.records("cuts").all()
        assert [c["name"] for c in cuts] == ["Sydney meetup recap"]
        assert cuts[0]["history"][-1]["event"] == "rendered"


def test_rights_block_and_override_from_the_command_line(setup, capsys):
    media, lib, plan = setup
    make_video(media / "new.mp4", size=(180, 320), seconds=1.0)  # not scanned: rights unknown
    plan["segments"].append({"source": "new.mp4", "start": 0, "end": 1})
    path = write(media / "plan.json", plan)
    out = media / "o.mp4"
    assert main(["--library", str(lib), "cut", path, "-o", str(out), "--quick"]) == 1
    assert "new.mp4 is not in the library, so its rights are unknown" in capsys.readouterr().err
    plan["rights_override"] = {"by": "Mia", "reason": "our own footage"}
    path = write(media / "plan.json", plan)
    assert main(["--library", str(lib), "cut", path, "-o", str(out), "--quick"]) == 0
    captured = capsys.readouterr()
    assert "note: Segment 2:" in captured.err and "(overridden)" in captured.err
    assert "keyframe" in captured.err and "added to the library" in captured.out
    with Catalog(lib) as cat:
        history = cat.records("cuts").all()[0]["history"]
        assert [h["event"] for h in history] == ["rights override", "exported"]
        assert "Sydney meetup recap" in cat.by_path(str(out))["tags"]  # only that file
        assert cat.by_path(str(media / "new.mp4")) is None
    assert main(["--library", str(lib), "cut", path, "-o", str(out), "--quick"]) == 1
    assert "add --force" in capsys.readouterr().err
    assert main(["--library", str(lib), "cut", path, "-o", str(out), "--quick", "--force"]) == 0
    assert sorted(os.listdir(media)) == ["clip.mp4", "new.mp4", "o.mp4", "plan.json"]


def test_bad_json_is_one_line(setup, capsys):
    media, lib, _ = setup
    (media / "plan.json").write_text("{nope")
    assert main(["--library", str(lib), "cut", str(media / "plan.json")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("liveassets: The plan plan.json is not valid JSON") and "\n" not in err


def _cli_json(capsys, *argv):
    assert main([str(a) for a in argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_render_inherits_its_sources_rights_and_a_re_render_is_numbered(setup, capsys):
    media, lib, plan = setup
    make_video(media / "crowd.mp4", size=(180, 320), seconds=1.0)
    with Catalog(lib) as cat:
        scan(cat, [str(media / "crowd.mp4")], thumbnails=False)
        ids = {a["name"]: a["id"] for a in cat.all()}
        cat.set_rights([ids["clip.mp4"]], status="cleared", credit="Video: Mia",
                       expires="2099-06-30", model_release="MR-UMR")
        cat.set_rights([ids["crowd.mp4"]], status="cleared", credit="Video: Kai",
                       expires="2099-01-31", terms="No paid ads", model_release="MR-LMR")
    plan["segments"].append({"source": "crowd.mp4", "start": 0.0, "end": 1.0})
    path = write(media / "plan.json", plan)
    assert main(["--library", str(lib), "cut", path, "--quick"]) == 0
    capsys.readouterr()
    first = lib / "renders" / "sydney-meetup-recap.mp4"
    [render] = _cli_json(capsys, "--library", lib, "list", "path:renders", "--json")
    assert render["path"] == str(first)
    assert {k: render["rights"][k] for k in ("status", "expires", "credit", "terms",
                                             "model_release")} == {
        "status": "cleared", "expires": "2099-01-31", "credit": "Video: Mia; Video: Kai",
        "terms": "No paid ads", "model_release": "MR-LMR"}
    cut_id = _cut_ids(lib)[0]
    assert render["derived_from"] == {"cut_id": cut_id, "cut_name": "Sydney meetup recap",
                                      "source_ids": [ids["clip.mp4"], ids["crowd.mp4"]],
                                      "unindexed": []}
    # The team's own recap of cleared sources passes the publishing gate.
    _cli_json(capsys, "--library", lib, "post", "new", "--assets", f"id:{render['id']}",
              "--caption", "Recap", "--json")
    assert [p["rights"] for p in _cli_json(capsys, "--library", lib, "post", "list",
                                           "--json")] == ["cleared"]

    with Catalog(lib) as cat:
        cat.set_rights([ids["crowd.mp4"]], status="pending")
    plan["rights_override"] = {"by": "Mia", "reason": "internal screening"}
    path = write(media / "plan.json", plan)  # rendered anyway, posted only when cleared
    first_bytes = first.read_bytes()
    assert main(["--library", str(lib), "cut", path, "--quick"]) == 0  # no --force
    assert "sydney-meetup-recap (2).mp4" in capsys.readouterr().out
    assert first.read_bytes() == first_bytes  # the earlier render is untouched
    renders = _cli_json(capsys, "--library", lib, "list", "path:renders", "--json")
    assert [os.path.basename(r["path"]) for r in renders] == [
        "sydney-meetup-recap (2).mp4", "sydney-meetup-recap.mp4"]
    second = renders[0]
    assert second["rights"]["status"] == "pending" and _cut_ids(lib) == [cut_id]
    _cli_json(capsys, "--library", lib, "post", "new", "--assets", f"id:{second['id']}",
              "--caption", "Recap again", "--json")
    posts = _cli_json(capsys, "--library", lib, "post", "list", "--json")
    assert posts[1]["rights"] == "BLOCKED: sydney-meetup-recap (2).mp4: rights pending"
    with Catalog(lib) as cat:  # a pack for the outside world asks the same gate
        from liveassets.packs.plan import prepare

        pack = prepare(cat, [render["id"], second["id"]])
    # The first render was cleared when it was made; its source is pending now, so it waits too.
    assert pack.items == []
    assert [(o.asset_id, o.reason) for o in pack.left_out] == [
        (render["id"], "a source is no longer cleared (crowd.mp4: rights pending)"),
        (second["id"], "rights pending")]
    # --force replaces the default output instead (the same asset, its rights read again).
    assert main(["--library", str(lib), "cut", path, "--quick", "--force"]) == 0
    capsys.readouterr()
    assert len(_cli_json(capsys, "--library", lib, "list", "path:renders", "--json")) == 2


def _cut_ids(lib):
    with Catalog(lib) as cat:
        return [c["id"] for c in cat.records("cuts").all()]
