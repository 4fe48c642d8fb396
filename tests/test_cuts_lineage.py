"""A render's inherited rights (cuts.lineage), each rule on its own: the most restrictive status
(ordered as catalog.rights.may_publish lets statuses out), the earliest expiry, credits, terms
and owners combined once each in plan order, the weakest model release, music, card images and
an indexed logo counted, an unindexed source counted as unknown, and the link to the cut."""

import datetime as dt
import itertools

import pytest

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.rights import AUDIENCES, STATUSES, may_publish
from liveassets.catalog.schema import new_asset
from liveassets.cuts.lineage import RELEASE_ORDER, RESTRICTIVENESS, inherit
from liveassets.cuts.plan import Card, CutPlan, Logo, Music, Segment
from liveassets.cuts.store import numbered


@pytest.fixture
def cat(tmp_path):
    with Catalog(tmp_path / "lib") as catalog:
        yield catalog


def _asset(cat, name, **rights):
    kind = "audio" if name.endswith(".m4a") else "image" if name.endswith(".png") else "video"
    doc = new_asset(f"/ev/{name}", kind, 1, 1.0, name)
    doc["rights"].update(rights)
    cat.apply("Add", {doc["id"]: doc})
    return doc


def _plan(*names, **extras):
    segs = [Segment(f"/ev/{n}", 0.0, 1.0) for n in names]
    return CutPlan(name="Finals recap", segments=segs, id="cut123", **extras)


def test_the_order_follows_what_may_publish_lets_out():
    assert sorted(RESTRICTIVENESS) == sorted(STATUSES)
    on = dt.date(2026, 6, 1)
    for weaker, stronger in itertools.pairwise(RESTRICTIVENESS):
        let_out = {s: {a for a in AUDIENCES
                       if may_publish({"rights": {"status": s}}, on, a)} for s in STATUSES}
        assert let_out[stronger] <= let_out[weaker]  # never lets out more than a weaker one


@pytest.mark.parametrize("statuses, expected", [
    (("cleared", "cleared"), "cleared"),
    (("cleared", "internal"), "internal"),
    (("internal", "pending", "cleared"), "pending"),
    (("pending", "unknown"), "unknown"),
    (("cleared", "restricted", "unknown", "pending", "internal"), "restricted"),
])
def test_status_is_the_most_restrictive(cat, statuses, expected):
    names = [f"c{i}.mp4" for i in range(len(statuses))]
    for name, status in zip(names, statuses):
        _asset(cat, name, status=status)
    assert inherit(_plan(*names), cat).rights["status"] == expected


def test_expiry_is_the_earliest(cat):
    _asset(cat, "a.mp4", status="cleared", expires="2027-03-01")
    _asset(cat, "b.mp4", status="cleared")
    _asset(cat, "c.mp4", status="cleared", expires="2026-12-31")
    rights = inherit(_plan("a.mp4", "b.mp4", "c.mp4"), cat).rights
    assert rights["expires"] == "2026-12-31"
    assert not may_publish({"rights": rights}, dt.date(2027, 1, 1))  # expires with its source
    assert may_publish({"rights": rights}, dt.date(2026, 12, 31))
    assert inherit(_plan("b.mp4"), cat).rights["expires"] is None


def test_credits_terms_and_owners_once_each_in_segment_order(cat):
    _asset(cat, "a.mp4", status="cleared", credit="Photo: Mia", terms="Credit on screen",
           owner="Mia Chen")
    _asset(cat, "b.mp4", status="cleared", credit="Video: Kai", terms="No paid ads",
           owner="LIVE Team")
    _asset(cat, "c.mp4", status="cleared", credit="photo: mia", terms="credit on screen")
    rights = inherit(_plan("b.mp4", "a.mp4", "c.mp4", "a.mp4"), cat).rights
    assert rights["credit"] == "Video: Kai; Photo: Mia"
    assert rights["terms"] == "No paid ads; Credit on screen"
    assert rights["owner"] == "LIVE Team; Mia Chen"
    assert rights["release_doc"] is None


@pytest.mark.parametrize("releases, expected", [
    (("MR-UMR", "MR-NON", "MR-LMR"), "MR-NON"),
    (("MR-UMR", None), None),
    (("MR-UMR", "MR-LMR"), "MR-LMR"),
    (("MR-NAP", "MR-UMR"), "MR-UMR"),
    (("MR-NAP", "MR-NAP"), "MR-NAP"),
])
def test_model_release_is_the_weakest(cat, releases, expected):
    assert set(RELEASE_ORDER) - {None} == {"MR-NON", "MR-NAP", "MR-UMR", "MR-LMR"}
    names = [f"m{i}.mp4" for i in range(len(releases))]
    for name, release in zip(names, releases):
        _asset(cat, name, status="cleared", model_release=release)
    assert inherit(_plan(*names), cat).rights["model_release"] == expected


def test_music_card_image_and_logo_count_and_the_cut_is_linked(cat):
    clip = _asset(cat, "a.mp4", status="cleared", credit="Photo: Mia")
    song = _asset(cat, "song.m4a", status="restricted", credit="Music: Label X")
    card = _asset(cat, "card.png", status="cleared", expires="2026-09-01")
    logo = _asset(cat, "logo.png", status="cleared", owner="LIVE Team")
    plan = _plan("a.mp4", title=Card("Hi", image="/ev/card.png"), music=Music("/ev/song.m4a"),
                 logo=Logo("/ev/logo.png"))
    lineage = inherit(plan, cat)
    assert lineage.rights["status"] == "restricted"  # the music bed is not dropped
    assert lineage.rights["expires"] == "2026-09-01"
    assert lineage.rights["credit"] == "Photo: Mia; Music: Label X"
    assert lineage.rights["owner"] == "LIVE Team"
    assert lineage.derived_from == {"cut_id": "cut123", "cut_name": "Finals recap",
                                    "source_ids": [clip["id"], card["id"], song["id"],
                                                   logo["id"]], "unindexed": []}
    assert "4 sources" in lineage.rights["notes"] and "Finals recap" in lineage.rights["notes"]


def test_a_source_the_library_does_not_index_is_unknown_except_the_logo(cat):
    _asset(cat, "a.mp4", status="cleared")
    plan = _plan("a.mp4", logo=Logo("/brand/logo.png"))
    assert inherit(plan, cat).rights["status"] == "cleared"  # the brand's own mark
    plan.segments.append(Segment("/elsewhere/new.mp4", 0.0, 1.0))
    lineage = inherit(plan, cat)
    assert lineage.rights["status"] == "unknown"
    assert lineage.derived_from["unindexed"] == ["/elsewhere/new.mp4"]


def test_an_override_is_noted_but_does_not_clear_the_render(cat):
    _asset(cat, "a.mp4", status="pending")
    plan = _plan("a.mp4", rights_override={"by": "Mia", "reason": "client approved by email"})
    rights = inherit(plan, cat).rights
    assert rights["status"] == "pending"
    assert "override by Mia: client approved by email" in rights["notes"]


def test_numbered_never_names_an_existing_file(tmp_path):
    first = tmp_path / "recap.mp4"
    assert numbered(first) == first
    first.write_bytes(b"1")
    assert numbered(first) == tmp_path / "recap (2).mp4"
    (tmp_path / "recap (2).mp4").write_bytes(b"2")
    assert numbered(first) == tmp_path / "recap (3).mp4"


def test_the_rights_gate_before_a_render_checks_what_the_render_inherits_from(cat, tmp_path):
    """validate() names every source that would make the render unpublishable, the indexed
    logo included; a logo outside the library stays out of both."""
    from liveassets.cuts.validate import validate
    from mediagen import make_png, make_video

    clip = make_video(tmp_path / "a.mp4", size=(64, 36), seconds=0.5)
    logo = make_png(tmp_path / "logo.png")
    for path, status in ((str(clip), "cleared"), (logo, "pending")):
        doc = new_asset(path, "video" if path.endswith("mp4") else "image", 1, 1.0, path)
        doc["rights"]["status"] = status
        cat.apply("Add", {doc["id"]: doc})
    plan = CutPlan(segments=[Segment(str(clip), 0.0, 0.4)], logo=Logo(logo))
    named = [str(p) for p in validate(plan, cat, dt.date(2026, 6, 1)) if p.rights]
    assert named == ["Logo: logo.png may not go into a public cut: rights pending."]
    assert inherit(plan, cat).rights["status"] == "pending"
    outside = make_png(tmp_path / "brand" / "mark.png")
    plan.logo = Logo(outside)
    assert not [p for p in validate(plan, cat, dt.date(2026, 6, 1)) if p.rights]
    assert inherit(plan, cat).rights["status"] == "cleared"


def test_a_source_restricted_after_the_render_stops_the_render_at_every_export(cat, tmp_path):
    """Rights copied at render time are not the last word: the gate looks at the sources
    still in the library (a takedown of one clip stops the recap it is in)."""
    from liveassets.packs.plan import prepare
    from liveassets.publish.gate import check_post
    from liveassets.publish.posts import PostStore

    a = _asset(cat, "a.mp4", status="cleared")
    b = _asset(cat, "b.mp4", status="cleared")
    lineage = inherit(_plan("a.mp4", "b.mp4"), cat)
    (tmp_path / "recap.mp4").write_bytes(b"\0" * 64)   # the pack reads the file it packs
    render = new_asset(str(tmp_path / "recap.mp4"), "video", 64, 1.0, "recap.mp4")
    render["rights"].update(lineage.rights)
    render["derived_from"] = lineage.derived_from
    cat.apply("Render", {render["id"]: render})
    post = PostStore(cat).get(PostStore(cat).create(asset_ids=[render["id"]], body="Recap").ids[0])
    assert check_post(cat, post).cleared
    assert len(prepare(cat, [render["id"]], audience="external").items) == 1

    cat.set_rights([b["id"]], status="restricted")
    rights = check_post(cat, post)
    assert not rights.cleared and "b.mp4: restricted" in "; ".join(rights.problems)
    plan = prepare(cat, [render["id"]], audience="external")
    assert not plan.items and "b.mp4" in plan.left_out[0].reason
    assert not may_publish(cat.get(render["id"]), catalog=cat)
    assert may_publish(cat.get(render["id"]))        # its own record alone still says cleared

    cat.remove_assets([b["id"]])                     # gone from the library: the copy stands
    assert check_post(cat, post).cleared
