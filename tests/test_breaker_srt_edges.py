"""The .srt a cut's captions save to keeps to times a player reads (helper "breaker"): a
caption edited by hand to start before the cut saves from 00:00:00,000 (it was written as
"-1:59:59,000"), and one shorter than a millisecond is left out (it was written as a cue that
ends where it starts)."""

from liveassets.cuts.caption_map import shown
from liveassets.cuts.plan import CutPlan, Segment
from liveassets.cuts.subtitles import to_srt


def test_saved_cues_never_start_before_the_cut_nor_last_no_time():
    plan = CutPlan(segments=[Segment("a.jpg", duration=3)],
                   captions=[{"start": -1.0, "end": 1.0, "text": "early"},
                             {"start": 2.0, "end": 2.0004, "text": "blink"},
                             {"start": -2.0, "end": -1.0, "text": "gone"},
                             {"start": 1.5, "end": 2.5, "text": "kept"}])
    text = to_srt(shown(plan))
    assert "-" not in text.replace("-->", "")
    assert text.split("\n\n")[0] == "1\n00:00:00,000 --> 00:00:01,000\nearly"
    assert "blink" not in text and "gone" not in text and "kept" in text
