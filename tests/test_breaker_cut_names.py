"""Render file names from cut names (helper "breaker", issue #12): a long name in the
4-byte "bold" letters fancy-text generators make still gives a file the disk takes, and its
numbered re-render and preview too."""

import os

import pytest

from liveassets.catalog.catalog import Catalog
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.store import default_output, numbered

NAMES = ["𝐒𝐲𝐝𝐧𝐞𝐲 𝐑𝐞𝐜𝐚𝐩 " * 8, "悉尼创作者见面会" * 20, "a" * 400]


@pytest.mark.parametrize("name", NAMES)
def test_a_long_cut_name_gives_render_names_the_disk_takes(tmp_path, name):
    with Catalog(tmp_path / "lib") as cat:
        for preview in (False, True):
            out = default_output(cat, CutPlan(name=name), preview=preview)
            out.write_bytes(b"render")
            again = numbered(out)
            again.write_bytes(b"second")  # OSError "File name too long" before the fix
            assert again.name.endswith(" (2).mp4") and out.read_bytes() == b"render"
            # the atomic writer's work file beside it fits too
            work = out.with_name(f".{again.name}.la{os.getpid()}-1.0123abcd.tmp")
            work.write_bytes(b"")
        assert out.name.startswith(name.strip().lower()[:2])


def test_a_plan_with_astronomical_numbers_gets_short_problem_lines(tmp_path):
    import mediagen
    from liveassets.cuts.plan import Segment
    from liveassets.cuts.validate import validate

    clip = mediagen.make_video(tmp_path / "clip.mp4", seconds=1.0, audio=False)
    photo = mediagen.make_jpeg(tmp_path / "photo.jpg")
    plan = CutPlan(name="huge", segments=[Segment(str(clip), 0.0, 1e308),
                                          Segment(str(photo), duration=1e300)])
    problems = [p.message for p in validate(plan)]
    assert any("1e+308" in m for m in problems) and any("minutes" in m for m in problems)
    assert all(len(m) < 200 for m in problems), problems
