"""Stacks as the library, the query language and the command line show them: linking rules
(hash distance, capture-time window, stricter hash-only rule), regroup's writes, members'
order, the query terms, `list --json`, `stacks`, `rescore` and the backfill's resumability."""

from __future__ import annotations

import datetime as dt
import json
import os
import time

import numpy as np
import pytest

from burstgen import blurred, save, scene
from cli_helpers import cli, one_line
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.query import QueryError
from liveassets.catalog.schema import new_asset
from liveassets.catalog.stacks import (NEAR_BITS, STRICT_BITS, WINDOW_SECONDS, compute, links,
                                       members, regroup, stacks_of)
from liveassets.jobs import CancelToken
from liveassets.media import rescore
from liveassets.media.scan import scan
from liveassets.media.scores import distance

T0 = dt.datetime(2026, 11, 21, 19, 30, 0)


def flip(bits: int) -> str:
    """A hash `bits` bits away from 0."""
    return f"{(1 << bits) - 1:016x}"


def photo(name: str, dhash: str, taken: dt.datetime | None = None, sharpness=500.0,
          exposure="ok", clipped=0.0) -> dict:
    doc = new_asset(f"/ev/{name}.jpg", "image", 1, 1.0, name)
    doc.update(dhash=dhash, sharpness=sharpness, exposure=exposure, clipped=clipped,
               taken=taken.isoformat(timespec="seconds") if taken else None)
    return doc


def fill(catalog, docs) -> dict[str, dict]:
    catalog.apply("Fill", {d["id"]: d for d in docs})
    return {os.path.basename(d["path"])[:-4]: d["id"] for d in docs}


def groups(result: dict, docs) -> list[set[str]]:
    names = {d["id"]: os.path.basename(d["path"])[:-4] for d in docs}
    out: dict[str, set[str]] = {}
    for aid, fields in result.items():
        if fields["stack"]:
            out.setdefault(fields["stack"], set()).add(names[aid])
    return sorted(out.values(), key=sorted)


def test_linking_rules_distance_window_and_hash_only():
    sec = dt.timedelta(seconds=1)
    docs = [photo("a", flip(0), T0), photo("b", flip(NEAR_BITS), T0 + 2 * sec),
            photo("c", flip(NEAR_BITS + 1), T0 + 600 * sec),
            photo("d", flip(NEAR_BITS + 1), T0 + 600 * sec + WINDOW_SECONDS * sec),
            photo("far", flip(0), T0 + 3600 * sec),          # identical look, an hour later
            photo("e", flip(64 - 0)),                          # no time: hash only
            photo("f", f"{int(flip(64), 16) ^ int(flip(STRICT_BITS), 16):016x}"),
            photo("g", f"{int(flip(64), 16) ^ (int(flip(STRICT_BITS + 1), 16) << 40):016x}"),
            photo("h", flip(1), None)]                         # untimed copy of a (1 bit)
    result = compute(docs)
    assert groups(result, docs) == [{"a", "b", "h", "far"}, {"c", "d"}, {"e", "f"}]
    # the stack's id is its earliest member; the lone photo is alone with size 1
    assert result[docs[0]["id"]]["stack"] == docs[0]["id"]
    assert result[docs[7]["id"]] == {"stack": None, "stack_size": 1, "best": False}
    assert {result[d["id"]]["stack_size"] for d in docs[:2]} == {4}


def test_a_slow_pan_chains_frames_into_one_stack():
    sec = dt.timedelta(seconds=1)
    docs = [photo(f"p{i}", flip(min(64, 8 * i)), T0 + i * sec) for i in range(5)]
    assert groups(compute(docs), docs) == [{"p0", "p1", "p2", "p3", "p4"}]


def test_the_pick_is_the_sharpest_well_exposed_frame():
    sec = dt.timedelta(seconds=1)
    docs = [photo("soft", flip(0), T0, sharpness=20.0),
            photo("sharp", flip(1), T0 + sec, sharpness=900.0, clipped=0.004),
            photo("blown", flip(2), T0 + 2 * sec, sharpness=3000.0, exposure="highlights",
                  clipped=0.3),
            photo("bright", flip(2), T0 + 3 * sec, sharpness=1800.0, clipped=0.034),
            photo("sharp2", flip(3), T0 + 4 * sec, sharpness=850.0, clipped=0.0)]
    result = compute(docs)
    assert [os.path.basename(d["path"]) for d in docs if result[d["id"]]["best"]] == ["sharp.jpg"]
    docs[1]["status"] = "missing"  # its file was deleted: the next best is suggested
    result = compute(docs)
    assert [os.path.basename(d["path"]) for d in docs if result[d["id"]]["best"]] == ["sharp2.jpg"]
    # only clipped frames: the least clipped class, then the sharpest
    docs2 = [photo("x", flip(0), T0, sharpness=100.0, exposure="both"),
             photo("y", flip(1), T0, sharpness=50.0, exposure="highlights")]
    assert [result2 for result2 in compute(docs2).values() if result2["best"]] == \
        [{"stack": docs2[0]["id"], "stack_size": 2, "best": True}]
    assert compute(docs2)[docs2[1]["id"]]["best"]


def test_videos_unscored_and_broken_photos_take_no_part():
    docs = [photo("a", flip(0)), photo("b", flip(0))]
    video = new_asset("/ev/v.mp4", "video", 1, 1.0, "v")
    unscored = new_asset("/ev/u.jpg", "image", 1, 1.0, "u")
    broken = dict(photo("x", flip(0)), status="error")
    bad_hashes = [photo("z", "not hex"), photo("y", "0" * 15), photo("x", "0" * 17)]
    result = compute(docs + [video, unscored, broken] + bad_hashes)
    assert set(result) == {d["id"] for d in docs}
    assert groups(result, docs) == [{"a", "b"}]


def test_regroup_writes_changes_once_and_updates_mates_when_one_leaves(library):
    sec = dt.timedelta(seconds=1)
    ids = fill(library, [photo("a", flip(0), T0), photo("b", flip(1), T0 + sec),
                         photo("c", flip(2), T0 + 2 * sec), photo("z", flip(40), T0)])
    seen = []
    library.subscribe(lambda change, source: seen.append((change.label, source)))
    change = regroup(library)
    assert len(change) == 4 and seen == [("Find stacks", "scan")]
    assert [library.get(ids[n])["stack_size"] for n in "abcz"] == [3, 3, 3, 1]
    assert len(regroup(library)) == 0  # nothing moved: nothing written
    library.apply("Edit", {ids["c"]: {"dhash": None}})  # its file changed, not scored yet
    regroup(library, ids=[ids["c"]])
    a, b, c = (library.get(ids[n]) for n in "abc")
    assert (a["stack_size"], b["stack_size"], c.get("stack"), c.get("best")) == (2, 2, None, None)


def test_regroup_with_ids_leaves_other_stacks_alone(library):
    sec = dt.timedelta(seconds=1)
    ids = fill(library, [photo("a", flip(0), T0), photo("b", flip(1), T0 + sec),
                         photo("c", flip(0), T0 + 999 * sec), photo("d", flip(1), T0 + 1000 * sec)])
    regroup(library, ids=[ids["a"]])
    assert library.get(ids["a"])["stack"] == library.get(ids["b"])["stack"] == ids["a"]
    assert library.get(ids["c"]).get("stack") is None
    regroup(library)
    assert library.get(ids["d"])["stack"] == ids["c"]


def test_members_come_pick_first(library):
    sec = dt.timedelta(seconds=1)
    ids = fill(library, [photo("a", flip(0), T0, sharpness=10.0),
                         photo("b", flip(1), T0 + sec, sharpness=700.0),
                         photo("c", flip(2), T0 + 2 * sec, sharpness=300.0)])
    regroup(library)
    assert [m["id"] for m in members(library, ids["a"])] == [ids["b"], ids["c"], ids["a"]]
    assert members(library, "nosuchstack") == []
    # the grid's helper: stacks among the documents it shows, pick first
    shown = [library.get(ids[n]) for n in "ca"]
    assert {k: [d["id"] for d in v] for k, v in stacks_of(shown).items()} == \
        {ids["a"]: [ids["c"], ids["a"]]}


def test_query_terms_for_stacks_and_scores(library):
    sec = dt.timedelta(seconds=1)
    ids = fill(library, [photo("a", flip(0), T0, sharpness=20.0),
                         photo("b", flip(1), T0 + sec, sharpness=700.0),
                         photo("h", flip(30), T0, exposure="highlights"),
                         photo("s", flip(50), T0, exposure="shadows"),
                         photo("w", flip(64), T0, exposure="both")])
    video = new_asset("/ev/v.mp4", "video", 1, 1.0, "v")
    library.apply("Add", {video["id"]: video})
    regroup(library)

    def names(q):
        return sorted(d["name"][:-4] for d in library.query(q))

    assert names(f"stack:{ids['a']}") == ["a", "b"]
    assert names(f"stack:{ids['a'][:5].upper()}") == ["a", "b"]
    assert names("stacked:yes") == ["a", "b"]
    assert names("stacked:no") == ["h", "s", "v", "w"]
    assert names("best:yes") == ["b"] and "b" not in names("best:no")
    assert names("sharpness<60") == ["a"] and names("sharpness>=500") == ["b", "h", "s", "w"]
    assert names("exposure:clipped") == ["h", "s", "w"]
    assert names("exposure:highlights") == ["h", "w"] and names("exposure:shadows") == ["s", "w"]
    assert names("exposure:both") == ["w"] and names("exposure:ok") == ["a", "b"]
    assert names("-exposure:ok kind:image") == ["h", "s", "w"]
    assert names("best:yes OR stacked:no") == ["b", "h", "s", "v", "w"]  # the collapsed grid
    for bad, word in (("sharpness:5", "compared"), ("sharpness<x", "number"),
                      ("exposure:blown", "clipped"), ("stacked:maybe", "yes or no"),
                      ("stack:", "stack id")):
        with pytest.raises(QueryError, match=word):
            library.query(bad)


def test_grouping_2000_photos_takes_under_a_second():
    """2,000 photos shot over an evening, a third of them in bursts of 3-6 frames."""
    rng = np.random.default_rng(1)
    docs, t, expected = [], T0, 0
    while len(docs) < 2000:
        base = int(rng.integers(0, 2**63))
        size = int(rng.integers(3, 7)) if rng.random() < 0.1 else 1
        for i in range(size):
            noise = 0
            for bit in rng.choice(64, size=int(rng.integers(0, 4)), replace=False):
                noise |= 1 << int(bit)
            docs.append(photo(f"p{len(docs)}", f"{base ^ noise:016x}",
                              t + dt.timedelta(seconds=i)))
        expected += size > 1
        t += dt.timedelta(seconds=int(rng.integers(8, 40)))
    started = time.perf_counter()
    result = compute(docs)
    seconds = time.perf_counter() - started
    assert len({r["stack"] for r in result.values() if r["stack"]}) == expected
    assert seconds < 1.0, seconds


def test_links_of_untimed_photos_are_listed_once():
    hashes = np.array([0, 1, 3, 2**63 - 1], dtype=np.uint64)
    times = np.array([np.nan, np.nan, 5.0, np.nan])
    assert sorted(map(tuple, links(hashes, times).tolist())) == [(0, 1), (0, 2), (1, 2)]


# ----------------------------------------------------------------- the command line

def burst_library(tmp_path) -> tuple:
    folder = tmp_path / "event"
    save(blurred(scene(2)), folder / "s1_soft.jpg", T0)
    save(scene(2), folder / "s2_sharp.jpg", T0 + dt.timedelta(seconds=1))
    save(scene(9), folder / "lone.jpg", T0 + dt.timedelta(minutes=5))
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [folder])
    return lib, folder


def test_list_json_carries_the_scores(tmp_path, capsys):
    lib, _ = burst_library(tmp_path)
    code, out, _ = cli(capsys, "--library", lib, "list", "--json", "--sort", "name")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    soft, sharp, lone = rows["s1_soft.jpg"], rows["s2_sharp.jpg"], rows["lone.jpg"]
    assert soft["stack"] == sharp["stack"] == soft["id"] and soft["stack_size"] == 2
    assert sharp["best"] is True and soft["best"] is False
    assert sharp["sharpness"] > 60 > soft["sharpness"] and sharp["exposure"] == "ok"
    assert len(sharp["dhash"]) == 16 and lone["stack"] is None and lone["stack_size"] == 1
    assert 0 <= sharp["clipped"] < 0.04


def test_stacks_verb_lists_members_pick_first(tmp_path, capsys):
    lib, _ = burst_library(tmp_path)
    code, out, err = cli(capsys, "--library", lib, "stacks", "--json")
    assert code == 0 and err == ""
    (stack,) = json.loads(out)
    assert stack["size"] == 2 and [m["name"] for m in stack["members"]] == ["s2_sharp.jpg",
                                                                            "s1_soft.jpg"]
    assert stack["best"] == stack["members"][0]["id"]
    code, out, _ = cli(capsys, "--library", lib, "stacks")
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"stack {stack['stack']}: 2 photos"
    assert lines[1].lstrip().startswith("best ") and lines[1].endswith("s2_sharp.jpg")
    assert lines[-1] == "1 stack, 2 photos."
    code, out, _ = cli(capsys, "--library", lib, "stacks", "lone")  # a query: no stack of it
    assert out.strip() == "0 stacks, 0 photos."
    code, out, err = cli(capsys, "--library", lib, "stacks", "sharpness:3")
    assert code == 1 and "compared" in one_line(err)


def strip_scores(lib) -> None:
    """Make the library look scanned by a version before scores."""
    with Catalog(lib) as cat:
        fields = ("dhash", "sharpness", "exposure", "clipped", "stack", "stack_size", "best")
        cat.apply("Old", {d["id"]: dict.fromkeys(fields) for d in cat.all()})


def test_rescore_scores_from_thumbnails_never_opening_originals(tmp_path, capsys):
    lib, folder = burst_library(tmp_path)
    with Catalog(lib) as cat:
        before = {d["name"]: (d["dhash"], d["sharpness"], d.get("stack")) for d in cat.all()}
    strip_scores(lib)
    code, out, err = cli(capsys, "--library", lib, "stacks")
    assert out == "0 stacks, 0 photos.\n" and "3 photos have no scores yet" in err
    hidden = tmp_path / "hidden"
    folder.rename(hidden)  # originals gone: only the thumbnails can give the scores
    code, out, err = cli(capsys, "--library", lib, "rescore")
    assert code == 0, err
    assert out.startswith("Scored 3 photos (0 from originals without a thumbnail), 0 unreadable")
    with Catalog(lib) as cat:
        after = {d["name"]: d for d in cat.all()}
    for name, (dhash, sharp, stack) in before.items():
        assert distance(after[name]["dhash"], dhash) <= 2
        assert abs(after[name]["sharpness"] - sharp) <= max(1.0, 0.1 * sharp)
        assert after[name].get("stack") == stack
    code, out, _ = cli(capsys, "--library", lib, "rescore")  # nothing left to do
    assert out.startswith("Scored 0 photos")


def test_rescore_reads_the_original_only_without_a_thumbnail_and_reports_the_unreadable(
        tmp_path, capsys):
    lib, folder = burst_library(tmp_path)
    strip_scores(lib)
    with Catalog(lib) as cat:
        docs = {d["name"]: d for d in cat.all()}
        os.remove(cat.folder / docs["lone.jpg"]["thumbnail"])  # its file still there
        cat.apply("No thumb", {docs["s1_soft.jpg"]["id"]: {"thumbnail": None}})
    os.remove(folder / "s1_soft.jpg")  # neither thumbnail nor file
    code, out, err = cli(capsys, "--library", lib, "rescore")
    assert code == 0
    assert out.startswith("Scored 2 photos (1 from originals without a thumbnail), 1 unreadable")
    assert "s1_soft.jpg: It has no thumbnail and its file is not where it was." in err
    assert "Traceback" not in err


def test_backfill_is_cancellable_and_resumes_where_it_stopped(tmp_path, monkeypatch):
    folder = tmp_path / "event"
    for i in range(7):
        save(scene(i, (160, 120)), folder / f"p{i}.jpg", T0 + dt.timedelta(minutes=i))
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [folder])
    strip_scores(lib)
    monkeypatch.setattr(rescore, "BATCH", 2)
    cancel = CancelToken()

    def progress(p):
        if p.phase == "Scoring photos" and p.done == 3:
            cancel.cancel()

    with Catalog(lib) as cat:
        report = rescore.backfill(cat, progress, cancel)
    assert report.cancelled and report.scored == 3 and report.left == 4
    assert "Cancelled" in report.summary() and "4 left" in report.summary()
    with Catalog(lib) as cat:  # what was scored is on disk, the last short batch too
        assert len(rescore.unscored(cat)) == 4
        report = rescore.backfill(cat)
        assert not report.cancelled and report.scored == 4 and not rescore.unscored(cat)


def test_rescore_refuses_a_library_it_cannot_write(tmp_path, capsys):
    lib, _ = burst_library(tmp_path)
    with Catalog(lib):  # another writer (the window) holds it
        code, out, err = cli(capsys, "--library", lib, "rescore")
    assert code == 1 and one_line(err)


def test_a_changed_file_is_scored_again_and_leaves_its_stack(tmp_path, library):
    folder = tmp_path / "event"
    save(scene(3), folder / "a.jpg", T0)
    save(scene(3), folder / "b.jpg", T0 + dt.timedelta(seconds=1), quality=80)
    scan(library, [folder])
    assert library.by_path(str(folder / "a.jpg"))["stack_size"] == 2
    save(scene(10), folder / "b.jpg", T0 + dt.timedelta(seconds=1))  # overwritten: a new shot
    os.utime(folder / "b.jpg", (time.time() + 5, time.time() + 5))
    report = scan(library, [folder])
    assert report.updated == 1
    a, b = library.by_path(str(folder / "a.jpg")), library.by_path(str(folder / "b.jpg"))
    assert a.get("stack") is None and b.get("stack") is None and a["stack_size"] == 1
    assert b["dhash"] != a["dhash"]


def test_photos_sharing_one_made_up_time_stay_fast_and_stack_only_look_alikes():
    """A camera whose clock was never set writes one time on every photo: grouping stays
    quick, and only photos that look alike share a stack."""
    rng = np.random.default_rng(3)
    docs = [photo(f"p{i}", f"{int(rng.integers(0, 2**63)):016x}", T0) for i in range(2000)]
    docs.append(photo("copy", docs[7]["dhash"], T0))
    started = time.perf_counter()
    result = compute(docs)
    assert time.perf_counter() - started < 1.0
    assert groups(result, docs) == [{"p7", "copy"}]


def test_backfill_reads_the_original_when_the_thumbnail_is_damaged(tmp_path):
    lib, folder = burst_library(tmp_path)
    strip_scores(lib)
    with Catalog(lib) as cat:
        lone = next(d for d in cat.all() if d["name"] == "lone.jpg")
        (cat.folder / lone["thumbnail"]).write_bytes(b"\xff\xd8\xff garbage")
        report = rescore.backfill(cat)
        assert (report.scored, report.from_originals, report.unreadable) == (3, 1, 0)
        assert cat.get(lone["id"])["sharpness"] > 60


def test_backfill_never_writes_scores_over_a_photo_a_scan_changed_meanwhile(tmp_path):
    lib, _ = burst_library(tmp_path)
    strip_scores(lib)
    with Catalog(lib) as cat:
        first = rescore.unscored(cat)[0]

        def progress(p):  # a scan beside the backfill finds the first file changed
            if p.phase == "Scoring photos" and p.done == 1:
                cat.apply("Scan", {first: {"thumbnail": None}})

        report = rescore.backfill(cat, progress)
        assert report.scored == 3 and rescore.unscored(cat) == [first]


def test_scan_without_thumbnails_says_how_to_get_scores(tmp_path, capsys):
    save(scene(1, (160, 120)), tmp_path / "e" / "a.jpg", T0)
    code, out, err = cli(capsys, "--library", tmp_path / "lib", "scan", "--no-thumbnails",
                         tmp_path / "e")
    assert code == 0 and "1 photo has no sharpness, exposure or stack yet" in err
    code, out, err = cli(capsys, "--library", tmp_path / "lib", "rescore")
    assert out.startswith("Scored 1 photos (1 from originals without a thumbnail)")
    code, out, err = cli(capsys, "--library", tmp_path / "lib", "scan", tmp_path / "e")
    assert code == 0 and err == ""
