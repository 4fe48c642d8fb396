"""The composer's Paid box: ticking it, choosing the kind and unticking it are each one step
on the undo stack, stored as the post's mark (publish/paid.py), and undo brings the box back."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from liveassets.publish.posts import PostStore  # noqa: E402
from test_ui_composer import lib, make, stack  # noqa: E402,F401  (fixtures)


def _mark(lib, post_id):
    return PostStore(lib).get(post_id).paid


def test_paid_box_and_kind_are_one_undo_step_each(qtbot, make, lib, stack):
    c = make(body="Night one recap", platform="tiktok")
    assert not c.paid_check.isChecked() and c.paid_info.text() == "not marked"
    assert not c.paid_kind.isEnabled() and c.paid_kind.currentText() == "Spark Ads"
    before = stack.count()
    qtbot.mouseClick(c.paid_check, Qt.LeftButton)
    assert _mark(lib, c.post_id)["kind"] == "spark"
    assert stack.count() == before + 1
    assert stack.text(stack.count() - 1) == "Mark post paid (Spark Ads)"
    assert c.paid_kind.isEnabled()
    c.paid_kind.setCurrentIndex(c.paid_kind.findData("promotion"))
    assert _mark(lib, c.post_id)["kind"] == "promotion"
    assert stack.text(stack.count() - 1) == "Mark post paid (Promotion)"
    qtbot.mouseClick(c.paid_check, Qt.LeftButton)            # unticked: checked, organic
    assert _mark(lib, c.post_id)["kind"] == "organic"
    assert c.paid_info.text() == "organic"
    assert stack.count() == before + 3
    stack.undo()
    assert _mark(lib, c.post_id)["kind"] == "promotion"
    assert c.paid_check.isChecked() and c.paid_kind.currentData() == "promotion"
    stack.undo()
    stack.undo()
    assert _mark(lib, c.post_id) is None
    assert not c.paid_check.isChecked() and c.paid_info.text() == "not marked"


def test_a_paid_posts_budget_is_shown_and_kept_when_the_kind_changes(qtbot, make, lib, stack):
    c = make(body="Boosted reel", platform="instagram")
    assert c.paid_kind.currentData() == "boost"              # the platform's own word
    store = PostStore(lib)
    store.set_paid(c.post_id, {"kind": "spark", "budget": "250", "currency": "aud",
                               "from": "2026-11-24", "to": "2026-11-30"})
    c.load(c.post_id)
    assert c.paid_check.isChecked() and c.paid_kind.currentText() == "Spark Ads"
    assert c.paid_info.text() == "AUD 250.00, 2026-11-24 to 2026-11-30"
    c.paid_kind.setCurrentIndex(c.paid_kind.findData("boost"))
    mark = _mark(lib, c.post_id)
    assert (mark["kind"], mark["budget"], mark["currency"], mark["to"]) == (
        "boost", 250.0, "AUD", "2026-11-30")


def test_a_post_of_files_with_a_spark_code_says_so(qtbot, make, lib):
    doc = lib.get(lib.ids["clip"])
    doc["submission"] = {"values": {"spark_code": "#SparkAds#AbC123"}}
    lib.apply("Intake", {doc["id"]: doc})
    c = make(body="Creator clip")
    assert c.paid_info.text() == "not marked: its files came with a Spark Ads code"
    c.paid_check.click()
    assert c.paid_info.text() == ""                    # paid: no budget or days to show


def test_the_paid_run_is_typed_under_more_one_step_and_a_bad_budget_is_said(make, lib, stack):
    from liveassets.ui.posts.caption_edit import red

    c = make(body="Boosted reel", platform="instagram")
    c.more_button.click()
    assert not c.paid_budget.isEnabled()                      # not paid: nothing to type
    c.paid_check.click()
    steps = stack.count()
    c.paid_budget.setText("1,250")
    c.paid_currency.setEditText("nzd")
    c.paid_from.setText("2026-11-24")
    c.paid_from.editingFinished.emit()
    mark = _mark(lib, c.post_id)
    assert (mark["kind"], mark["budget"], mark["currency"], mark["from"]) == (
        "boost", 1250.0, "NZD", "2026-11-24")
    assert stack.count() == steps + 1 and stack.undoText() == "Edit the paid run"
    assert c.paid_info.text() == "NZD 1,250.00, 2026-11-24 to …"
    c.paid_from.editingFinished.emit()                        # nothing changed: no step
    assert stack.count() == steps + 1
    c.paid_budget.setText("lots")
    c.paid_budget.editingFinished.emit()
    assert '"lots" is not an amount' in c.state_label.text()
    assert c.state_label.palette().color(c.state_label.foregroundRole()).name() == red().name()
    assert _mark(lib, c.post_id)["budget"] == 1250.0 and stack.count() == steps + 1
    stack.undo()
    assert _mark(lib, c.post_id)["budget"] is None and c.paid_budget.text() == ""


def test_the_posts_list_badges_a_paid_post(qtbot, lib, stack):
    from liveassets.ui.posts.panel import PostsPanel

    store = PostStore(lib)
    paid = store.create(body="Boosted", asset_ids=[lib.ids["clip"]]).ids[0]
    plain = store.create(body="Plain", asset_ids=[lib.ids["clip"]]).ids[0]
    store.set_paid(paid, {"kind": "spark"})
    store.set_paid(plain, {"kind": "organic"})
    panel = PostsPanel(lib, stack)
    qtbot.addWidget(panel)
    panel.refresh()
    assert "paid: Spark Ads" in panel.item_for(paid).text()
    assert "paid" not in panel.item_for(plain).text().split("\n")[0]
