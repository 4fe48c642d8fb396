"""Timed captions stay on their footage when the segments change: each caption is checked by
the source footage under it (which file, which second of it) before and after the edit, as a
viewer would notice it: the words said in clip A stay over clip A."""

from __future__ import annotations

import copy

import pytest

from liveassets.cuts import caption_map as M
from liveassets.cuts.beats import snapped_plan
from liveassets.cuts.plan import Card, CutPlan, Segment


def plan3(**kw) -> CutPlan:
    """A 4 s clip, a 3 s clip and a 2 s photo: cut times 0-4, 4-7, 7-9."""
    p = CutPlan(name="Recap", segments=[Segment("/m/a.mp4", start=10.0, end=14.0),
                                        Segment("/m/b.mp4", start=0.0, end=3.0),
                                        Segment("/m/c.jpg", duration=2.0)], **kw)
    p.captions = [{"start": 1.0, "end": 2.0, "text": "in A"},
                  {"start": 4.5, "end": 5.5, "text": "in B"},
                  {"start": 7.2, "end": 7.8, "text": "on the photo"}]
    return p


def under(plan: CutPlan, caption: dict) -> tuple:
    """(source, footage at start, footage at end) of a caption: what a viewer sees under it."""
    ps = M.parts(plan)
    p = next(p for p in ps if p.lo <= caption["start"] < p.hi)
    return (p.source, round(p.footage(caption["start"]), 3), round(p.footage(caption["end"]), 3))


def by_text(captions) -> dict:
    return {c["text"]: c for c in captions}


def edited(plan: CutPlan, segments: list) -> CutPlan:
    after = copy.copy(plan)
    after.segments = segments
    return after


def test_reorder_moves_each_caption_with_its_segment():
    before = plan3()
    a, b, c = before.segments
    after = edited(before, [b, a, c])
    got = M.follow(before.captions, before, after, M.identity(before.segments, after.segments))
    caps = by_text(got.captions)
    assert caps["in A"] == {"start": 4.0, "end": 5.0, "text": "in A"}
    assert caps["in B"] == {"start": 0.5, "end": 1.5, "text": "in B"}
    for old in before.captions:  # the same footage under every caption
        assert under(after, caps[old["text"]]) == under(before, old)
    assert got.message() == ""


def test_trimming_a_head_shifts_its_captions_and_the_later_ones_by_the_trim():
    before = plan3()
    after = copy.deepcopy(before)
    after.segments[0].start = 10.5
    got = M.follow(before.captions, before, after, [0, 1, 2])
    caps = by_text(got.captions)
    assert (caps["in A"]["start"], caps["in A"]["end"]) == (0.5, 1.5)
    assert (caps["in B"]["start"], caps["in B"]["end"]) == (4.0, 5.0)
    assert (caps["on the photo"]["start"], caps["on the photo"]["end"]) == (6.7, 7.3)
    for old in before.captions:
        assert under(after, caps[old["text"]]) == under(before, old)


def test_footage_trimmed_away_removes_the_caption_and_says_how_many():
    before = plan3()
    before.captions.append({"start": 1.5, "end": 1.9, "text": "also in A"})
    after = copy.deepcopy(before)
    after.segments[0].start = 12.5  # 10-12.5 gone: both of A's captions were in 11-12
    got = M.follow(before.captions, before, after, [0, 1, 2])
    assert [c["text"] for c in got.captions] == ["in B", "on the photo"]
    assert got.trimmed == 2
    assert got.message() == ("2 captions were on footage you trimmed away: Undo brings them "
                             "back.")


def test_trimming_a_tail_cuts_a_caption_at_the_new_out_point():
    before = plan3()
    after = copy.deepcopy(before)
    after.segments[0].end = 11.5  # A now 1.5 s: "in A" (footage 11-12) keeps 11-11.5
    got = M.follow(before.captions, before, after, [0, 1, 2])
    caps = by_text(got.captions)
    assert (caps["in A"]["start"], caps["in A"]["end"]) == (1.0, 1.5)
    assert (caps["in B"]["start"], caps["in B"]["end"]) == (2.0, 3.0)
    assert got.shortened == 1 and "cut short" in got.message()
    # a photo shortened under its caption: cut at its new end, never over what follows
    after = copy.deepcopy(before)
    after.segments[2].duration = 0.5
    caps = by_text(M.follow(before.captions, before, after, [0, 1, 2]).captions)
    assert (caps["on the photo"]["start"], caps["on the photo"]["end"]) == (7.2, 7.5)


def test_deleting_a_segment_takes_its_captions_and_closes_the_gap():
    before = plan3()
    a, b, c = before.segments
    after = edited(before, [a, c])
    got = M.follow(before.captions, before, after, M.identity(before.segments, after.segments))
    caps = by_text(got.captions)
    assert "in B" not in caps and got.deleted == 1
    assert (caps["on the photo"]["start"], caps["on the photo"]["end"]) == (4.2, 4.8)
    assert got.message() == "1 caption went with the segment you removed: Undo brings them back."


def test_inserting_a_segment_moves_the_later_captions_by_its_length():
    before = plan3()
    a, b, c = before.segments
    new = Segment("/m/d.mp4", start=0.0, end=2.5)
    after = edited(before, [a, new, b, c])
    got = M.follow(before.captions, before, after, M.identity(before.segments, after.segments))
    caps = by_text(got.captions)
    assert (caps["in A"]["start"], caps["in B"]["start"], caps["on the photo"]["start"]) == \
        (1.0, 7.0, 9.7)
    for old in before.captions:
        assert under(after, caps[old["text"]]) == under(before, old)


def test_a_caption_that_now_crosses_a_boundary_is_cut_there_one_that_still_does_is_kept():
    before = plan3()
    before.captions = [{"start": 3.5, "end": 4.5, "text": "A into B"}]
    a, b, c = before.segments
    # A is now followed by the photo: its words stop at A's end
    after = edited(before, [b, a, c])
    got = M.follow(before.captions, before, after, M.identity(before.segments, after.segments))
    assert got.captions == [{"start": 6.5, "end": 7.0, "text": "A into B"}]
    assert got.shortened == 1
    # an edit elsewhere (the photo longer) leaves the A->B crossing as it was
    after = copy.deepcopy(before)
    after.segments[2].duration = 3.0
    got = M.follow(before.captions, before, after, [0, 1, 2])
    assert got.captions == before.captions and got.shortened == 0


def test_snap_to_beats_keeps_captions_on_their_footage():
    before = plan3()
    # A's cut at 4.0 moves to the beat at 3.6; B's at 7.0 to 6.9 (B: 3.6-6.9)
    after = snapped_plan(before, [0.0, 3.6, 6.9, 9.2], {"/m/a.mp4": 20.0, "/m/b.mp4": 5.0})
    assert [round(s.length, 3) for s in after.segments] == [3.6, 3.3, 2.3]
    caps = by_text(after.captions)
    assert (caps["in B"]["start"], caps["in B"]["end"]) == (4.1, 5.1)
    assert (caps["on the photo"]["start"], caps["on the photo"]["end"]) == (7.1, 7.7)
    for old in before.captions:
        assert under(after, caps[old["text"]]) == under(before, old)
    assert before.captions[1]["start"] == 4.5  # the saved plan is untouched


def test_title_card_and_crossfades():
    before = plan3(title=Card("Hi", seconds=1.0), end_card=Card("Bye", seconds=1.0),
                   crossfade=0.4)
    # title 0-1; A 1-5, B 4.6-7.6, photo 7.2-9.2; end card 9.2-10.2
    before.captions = [{"start": 0.2, "end": 0.8, "text": "title"},
                       {"start": 4.7, "end": 4.75, "text": "end of A"},  # before the middle
                       {"start": 4.9, "end": 5.5, "text": "start of B"},  # after the middle
                       {"start": 9.5, "end": 9.9, "text": "end card"}]
    a, b, c = before.segments
    after = edited(before, [b, a, c])  # B 1-4, A 3.6-7.6, photo 7.2-9.2, end 9.2-10.2
    got = M.follow(before.captions, before, after, M.identity(before.segments, after.segments))
    caps = by_text(got.captions)
    assert caps["title"] == before.captions[0]
    assert (caps["start of B"]["start"], caps["start of B"]["end"]) == (1.3, 1.9)
    assert (caps["end of A"]["start"], caps["end of A"]["end"]) == (7.3, 7.35)
    assert caps["end card"]["start"] == 9.5


def test_a_draft_rebuilt_from_moments_finds_the_footage_by_source():
    before = plan3()
    after = edited(before, [Segment("/m/b.mp4", start=0.0, end=2.0),
                            Segment("/m/a.mp4", start=10.8, end=12.2)])
    got = M.follow(before.captions, before, after)  # new objects: no pairing
    caps = by_text(got.captions)
    assert (caps["in B"]["start"], caps["in B"]["end"]) == (0.5, 1.5)
    assert (caps["in A"]["start"], caps["in A"]["end"]) == (2.2, 3.2)
    assert got.deleted == 1  # the photo is not in the draft


def test_odd_entries_and_captions_past_the_end_are_left_alone():
    before = plan3()
    before.captions = [{"start": 20.0, "end": 21.0, "text": "late"}, "junk",
                       {"start": "x", "end": 1, "text": "bad"}]
    after = copy.deepcopy(before)
    after.segments[0].start = 11.0
    got = M.follow(before.captions, before, after, [0, 1, 2])
    assert got.captions == before.captions
    before.segments.append("not a segment")  # validate() names it; nothing moves
    assert M.follow(before.captions, before, after).captions == before.captions


def test_shown_never_runs_past_the_recap_end():
    plan = plan3()
    plan.captions = [{"start": 8.5, "end": 12.0, "text": "runs over"},
                     {"start": 9.0, "end": 10.0, "text": "after the end"},
                     {"start": 1.0, "end": 2.0, "text": "fine"}]
    cues = M.shown(plan)
    assert [(c.start, c.end, c.text) for c in cues] == [(1.0, 2.0, "fine"),
                                                         (8.5, 9.0, "runs over")]


@pytest.mark.parametrize("n", [1, 3])
def test_message_counts(n):
    got = M.Followed([], trimmed=n)
    assert got.message().startswith(f"{n} caption{'s' if n != 1 else ''} "
                                    f"{'were' if n != 1 else 'was'} on footage")


def test_a_card_taken_away_takes_its_captions_and_says_so():
    before = plan3(title=Card("Hi", seconds=1.0))
    before.captions = [{"start": 0.2, "end": 0.8, "text": "on the title"},
                       {"start": 2.0, "end": 3.0, "text": "in A"}]  # A's 11-12 s
    after = copy.deepcopy(before)
    after.title = None
    got = M.follow(before.captions, before, after, [0, 1, 2])
    assert got.captions == [{"start": 1.0, "end": 2.0, "text": "in A"}]
    assert got.message() == "1 caption went with the card you took away: Undo brings them back."
