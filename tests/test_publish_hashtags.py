"""Hashtag sets, suggestions from asset tags, the never-use list, templates and code replacement."""

import datetime as dt

import pytest

from liveassets.errors import UserError
from liveassets.publish.hashtags import HashtagSet, HashtagSets, PublishSettings, insert_set, suggest
from liveassets.publish.templates import CaptionTemplates, expand_codes, fill, template_fields

ASSETS = [
    {"tags": ["creator:@nova", "event:Sydney Meetup", "campaign:LIVE Fest 2026", "type:recap",
              "places/Sydney/Opera House"], "taken": "2026-10-03T19:30:00"},
    {"tags": ["creator:@kai", "event:Sydney Meetup"]},
]


def test_hashtag_sets_saved_named_and_undoable(library):
    sets = HashtagSets(library)
    change = sets.save(HashtagSet("LIVE Fest core", ["livefest", "#LIVEFest2026", "#sydney"]))
    saved = sets.all()[0]
    assert saved.hashtags == ["#livefest", "#LIVEFest2026", "#sydney"] and saved.id == change.ids[0]
    assert saved.text() == "#livefest #LIVEFest2026 #sydney"
    with pytest.raises(UserError, match="exists already"):
        sets.save(HashtagSet("live fest CORE", ["#x"]))
    with pytest.raises(UserError, match="name"):
        sets.save(HashtagSet(" ", ["#x"]))
    library.undo(change)
    assert sets.all() == []


def test_insert_set_skips_duplicates():
    hset = HashtagSet("core", ["#LiveFest", "#sydney", "#new"])
    assert insert_set(["#livefest", "#mine"], hset) == ["#livefest", "#mine", "#sydney", "#new"]


def test_suggestions_from_tag_map_with_never_use_flagged(library):
    settings = PublishSettings(
        never_use=["#fyp"],
        tag_map={"Event:Sydney Meetup": ["#SydneyMeetup", "#fyp"], "places/Sydney": ["#sydney"],
                 "creator:@nova": ["#NovaLive"]})
    change = settings.save(library)
    loaded = PublishSettings.load(library)
    assert loaded.tag_map["Event:Sydney Meetup"] == ["#SydneyMeetup", "#fyp"]
    got = suggest(ASSETS, loaded, exclude=["#sydneymeetup"])
    # in the order of the assets' tags; a parent tag's entry covers its children
    assert [(s.hashtag, s.never_use) for s in got] == [("#NovaLive", False), ("#fyp", True),
                                                      ("#sydney", False)]
    library.undo(change)
    assert PublishSettings.load(library).tag_map == {}


def test_template_fields_from_tags():
    values = template_fields(ASSETS)
    filled = fill("Recap of {event} ({date}) with {creator} — {Campaign} {creators} {missing}", values)
    assert filled.text == ("Recap of Sydney Meetup (3 Oct 2026) with @nova — LIVE Fest 2026 "
                           "@nova @kai {missing}")
    assert filled.missing == ["missing"]
    assert template_fields(ASSETS, dt.date(2026, 10, 9))["date"] == "9 Oct 2026"


def test_code_replacement_photo_mechanic_style():
    out = expand_codes("Thanks =c1= and =C2=! =c9= stays. a=b", {"c1": "@nova", "=c2=": "@kai"})
    assert out.text == "Thanks @nova and @kai! =c9= stays. a=b"
    assert out.missing == ["=c9="]


def test_templates_stored(library):
    t = CaptionTemplates(library)
    t.save("Recap", "Recap of {event} with {creator}")
    assert [d["name"] for d in t.all()] == ["Recap"]
    with pytest.raises(UserError):
        t.save("", "x")
