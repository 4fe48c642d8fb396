"""The paid run's days in the composer take the team's day-first dates (helper "breaker"):
24/11/2026 typed is stored 2026-11-24 in one undo step, leaving the field again adds none, and
the field's hint shows the day-first form the rest of the window takes."""

import pytest

pytest.importorskip("PySide6")

from liveassets.publish.posts import PostStore  # noqa: E402
from test_ui_composer import lib, make, stack  # noqa: E402,F401  (fixtures)


def test_a_day_first_paid_day_is_one_step_and_leaving_again_adds_none(make, lib, stack):
    c = make(body="Boosted reel", platform="instagram")
    c.more_button.click()
    c.paid_check.click()
    steps = stack.count()
    c.paid_from.setText("24/11/2026")
    c.paid_from.editingFinished.emit()
    assert PostStore(lib).get(c.post_id).paid["from"] == "2026-11-24"
    assert stack.count() == steps + 1
    for edit in (c.paid_from, c.paid_to, c.paid_budget):   # tabbing on through the run
        edit.editingFinished.emit()
    assert stack.count() == steps + 1
    assert c.paid_from.placeholderText() == "first day, e.g. 24/11/2026"
    assert c.paid_to.placeholderText() == "last day, e.g. 30/11/2026"


def test_an_x_post_is_not_offered_tiktok_s_spark_ads_first(make):
    c = make(body="On X", platform="x")
    assert c.paid_kind.currentData() == "promotion"         # X's own word: Promote
    assert make(body="On TikTok", platform="tiktok").paid_kind.currentData() == "spark"
