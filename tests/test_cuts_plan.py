"""Cut plans: PLAN.json round trip, every validation message, the rights block and its
override, and plans kept in the catalog."""

import datetime as dt
import json

import pytest

from liveassets.cuts.plan import CutPlan, PlanError, Segment, load_plan, save_plan
from liveassets.cuts.store import duplicate_cut, load_cut, save_cut
from liveassets.cuts.validate import blocking, note_override, validate
from liveassets.media.scan import scan
from mediagen import make_audio, make_jpeg, make_png, make_video


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    d = tmp_path_factory.mktemp("plan_media")
    make_video(d / "clip.mp4", size=(320, 180), seconds=2.0)
    make_video(d / "silent.mp4", size=(320, 180), seconds=1.0, audio=False)
    make_jpeg(d / "photo.jpg", size=(320, 240))
    make_png(d / "logo.png")
    make_audio(d / "bed.m4a", 1.0)
    return d


def plan_data(**extra):
    data = {"name": "Sydney meetup recap", "format": "9:16", "fps": 30, "purpose": "internal",
            "segments": [{"source": "clip.mp4", "start": 0.5, "end": 1.5, "reframe": "crop",
                          "x": 0.5},
                         {"source": "photo.jpg", "duration": 2.0, "reframe": "blur"}],
            "title": {"text": "LIVE Creator Meetup", "seconds": 2.0, "color": "#000000",
                      "text_color": "#FFFFFF"},
            "end_card": None, "caption": "Sydney, 21 Nov",
            "logo": {"source": "logo.png", "corner": "top-right", "width": 0.18},
            "music": {"source": "bed.m4a", "volume": 0.4, "duck": 0.35, "fade_out": 1.5},
            "crossfade": 0.3}
    data.update(extra)
    return data


def messages(plan, **kw):
    return [str(p) for p in validate(plan, **kw)]


def test_round_trip_resolves_relative_sources(media):
    data = plan_data()
    plan = CutPlan.from_dict(data, base=media)
    assert plan.segments[0].source == str(media / "clip.mp4")
    assert plan.logo.source == str(media / "logo.png")
    assert plan.to_dict(base=media) == data
    assert CutPlan.from_dict(plan.to_dict()).to_dict() == plan.to_dict()  # absolute paths


def test_save_and_load_plan_file(media, tmp_path):
    plan = CutPlan.from_dict(plan_data(), base=media)
    save_plan(plan, media / "saved.json")
    again = load_plan(media / "saved.json")
    assert again.to_dict() == plan.to_dict()
    assert json.loads((media / "saved.json").read_text())["segments"][0]["source"] == "clip.mp4"


def test_duration_is_segments_minus_crossfades_plus_cards(media):
    plan = CutPlan.from_dict(plan_data(), base=media)
    assert plan.duration() == pytest.approx(1.0 + 2.0 - 0.3 + 2.0)
    assert plan.timeline() == [(2.0, 3.0), (pytest.approx(2.7), pytest.approx(4.7))]


def test_a_good_plan_has_no_problems(media):
    assert messages(CutPlan.from_dict(plan_data(), base=media)) == []


def test_malformed_json_names_line(tmp_path):
    (tmp_path / "bad.json").write_text('{"name": "x",\n "segments": [,]}')
    with pytest.raises(PlanError, match="not valid JSON.*line 2"):
        load_plan(tmp_path / "bad.json")
    with pytest.raises(PlanError, match="not found"):
        load_plan(tmp_path / "nope.json")
    with pytest.raises(PlanError, match="JSON object"):
        CutPlan.from_dict([1, 2])


@pytest.mark.parametrize("change, expected", [
    ({"format": "4:5"}, 'Plan: format "4:5" is not one of 9:16, 1:1, 16:9.'),
    ({"fps": 120}, "Plan: fps must be between 23 and 60, not 120."),
    ({"fps": "thirty"}, "Plan: fps must be a number, not 'thirty'."),
    ({"purpose": "ads"}, 'Plan: purpose "ads" is not one of public, internal.'),
    ({"crossfade": 1.5}, "Plan: crossfade must be between 0 and 1 seconds, not 1.5."),
    ({"crossfade": 0.6}, "Plan: crossfade 0.6 s is longer than half the shortest segment (1 s)"),
    ({"name": " "}, "Plan: needs a name"),
    ({"segments": []}, "Plan: has no segments"),
    ({"segments": "clip.mp4"}, "Plan: segments must be a list"),
    ({"colour": "red"}, 'Plan: unknown field "colour" (a typo?).'),
    ({"segments": [{"source": "gone.mp4", "start": 0, "end": 1}]},
     "Segment 1: the source "),
    ({"segments": [{"source": "clip.mp4", "start": 1.5, "end": 1.0}]},
     "Segment 1: start (1.5 s) must come before end (1 s)."),
    ({"segments": [{"source": "clip.mp4", "start": 1.0, "end": 9.0}]},
     "Segment 1: ends at 9 s but clip.mp4 is only 2 s long."),
    ({"segments": [{"source": "clip.mp4", "start": -1, "end": 1.0}]},
     "Segment 1: start -1 s is before the beginning of clip.mp4."),
    ({"segments": [{"source": "clip.mp4", "start": 0}]}, "Segment 1: needs start and end"),
    ({"segments": [{"source": "clip.mp4", "start": "a", "end": 1}]},
     "Segment 1: start and end must be numbers"),
    ({"segments": [{"source": "clip.mp4", "start": 0, "end": 1, "reframe": "stretch"}]},
     'Segment 1: reframe "stretch" is not one of crop, blur, fit.'),
    ({"segments": [{"source": "clip.mp4", "start": 0, "end": 1, "x": 2}]},
     "Segment 1: x must be between 0 and 1, not 2."),
    ({"segments": [{"source": "clip.mp4", "start": 0, "end": 1, "reframe": "fit",
                    "color": "blurple"}]}, 'Segment 1: color "blurple" is not a colour'),
    ({"segments": [{"source": "photo.jpg", "duration": 0}]},
     "Segment 1: duration must be between 0.2 and 60 seconds, not 0."),
    ({"segments": [{"source": "bed.m4a", "start": 0, "end": 1}]},
     "Segment 1: bed.m4a is not a video or image file."),
    ({"segments": ["clip.mp4"]}, "Segment 1: must be an object"),
    ({"segments": [{"source": "clip.mp4", "start": 0, "end": 1, "speed": 2}]},
     'Segment 1: unknown field "speed"'),
    ({"title": {"text": "Hi", "seconds": 30}}, "Title: seconds must be between 0.5 and 10"),
    ({"end_card": 7}, "End card: must be an object"),
    ({"caption": "x" * 130}, "Caption: is 130 characters"),
    ({"logo": {"source": "logo.png", "corner": "middle"}}, 'Logo: corner "middle" is not one'),
    ({"music": {"source": "silent.mp4", "volume": 0.4}}, "Music: silent.mp4 has no sound."),
    ({"music": {"source": "bed.m4a", "volume": 5}}, "Music: volume must be between 0 and 2"),
    ({"rights_override": {"by": "Mia"}}, 'Rights override: needs "by" (who decided) and "reason"'),
])
def test_each_problem_is_named(media, change, expected):
    plan = CutPlan.from_dict(plan_data(**change), base=media)
    found = messages(plan)
    assert any(m.startswith(expected) for m in found), found


def test_all_problems_at_once(media):
    plan = CutPlan.from_dict(plan_data(format="4:5", fps=0, segments=[
        {"source": "gone.mp4", "start": 0, "end": 1},
        {"source": "clip.mp4", "start": 3, "end": 2}]), base=media)
    assert len(blocking(validate(plan))) == 4


# -- rights ----------------------------------------------------------------------------------
@pytest.fixture
def scanned(library, media):
    scan(library, [str(media)], thumbnails=False)
    ids = {a["path"].rsplit("/", 1)[-1]: a["id"] for a in library.all()}
    library.set_rights([ids["clip.mp4"], ids["bed.m4a"], ids["logo.png"]], status="cleared")
    library.set_rights([ids["photo.jpg"]], status="pending")
    return library


def test_public_cut_blocks_assets_that_may_not_go_out(scanned, media, tmp_path):
    outside = make_video(tmp_path / "elsewhere.mp4", size=(320, 180), seconds=1.0)
    logo = scanned.by_path(str(media / "logo.png"))
    scanned.set_rights([logo["id"]], status="unknown")
    plan = CutPlan.from_dict(plan_data(purpose="public"), base=media)
    plan.segments.append(Segment(source=outside, start=0, end=1))
    found = messages(plan, catalog=scanned)
    assert "Segment 2: photo.jpg may not go into a public cut: rights pending." in found
    assert any(m.startswith("Segment 3: elsewhere.mp4 is not in the library, so its rights "
                            "are unknown") for m in found)
    # The logo is indexed here (scanned with the shoot), so its rights count like any asset's:
    # the render inherits them (cuts.lineage). Clip and music are cleared.
    assert "Logo: logo.png may not go into a public cut: rights not recorded yet." in found
    assert len(found) == 3


def test_rights_expiry_counts_on_the_day(scanned, media):
    clip = scanned.by_path(str(media / "clip.mp4"))
    scanned.set_rights([clip["id"]], expires="2026-01-31")
    plan = CutPlan.from_dict(plan_data(purpose="public",
                                       segments=[plan_data()["segments"][0]]), base=media)
    assert messages(plan, catalog=scanned, today=dt.date(2026, 1, 31)) == []
    assert messages(plan, catalog=scanned, today=dt.date(2026, 2, 1)) == [
        "Segment 1: clip.mp4 may not go into a public cut: rights expired (valid until "
        "2026-01-31)."]


def test_override_lifts_the_block_and_is_recorded(scanned, media):
    plan = CutPlan.from_dict(plan_data(purpose="public", rights_override={
        "by": "Mia (content lead)", "reason": "creator agreed by email, form to follow"}),
        base=media)
    problems = validate(plan, catalog=scanned)
    assert [p.overridden for p in problems] == [True]
    assert blocking(problems) == []
    assert str(problems[0]).endswith("(overridden)")
    assert note_override(plan, problems)
    entry = plan.history[-1]
    assert entry["event"] == "rights override" and entry["by"] == "Mia (content lead)"
    assert "photo.jpg" in entry["blocked"][0]
    assert plan.to_dict()["history"][-1] == entry


def test_internal_cut_uses_the_internal_rule(scanned, media):
    photo = scanned.by_path(str(media / "photo.jpg"))
    scanned.set_rights([photo["id"]], status="internal")
    plan = CutPlan.from_dict(plan_data(purpose="internal"), base=media)
    assert messages(plan, catalog=scanned) == []
    plan.purpose = "public"
    assert messages(plan, catalog=scanned) == [
        "Segment 2: photo.jpg may not go into a public cut: internal use only."]
    scanned.set_rights([photo["id"]], status="pending")
    plan.purpose = "internal"
    assert messages(plan, catalog=scanned) == [
        "Segment 2: photo.jpg may not go into an internal cut: rights pending."]  # not "a internal"


def test_cuts_saved_by_name_reopened_and_duplicated(library, media):
    plan = CutPlan.from_dict(plan_data(), base=media)
    save_cut(library, plan)
    first = plan.id
    again = CutPlan.from_dict(plan_data(caption="changed"), base=media)
    save_cut(library, again)  # same name, no id: replaces the saved cut
    assert again.id == first and len(library.records("cuts").all()) == 1
    assert load_cut(library, first).caption == "changed"
    change = duplicate_cut(library, first)
    copy = load_cut(library, change.ids[0])
    assert copy.name == "Sydney meetup recap (copy)" and copy.segments == again.segments
