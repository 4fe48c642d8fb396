"""Platform rules edited in the window (issue #13): Publishing settings > Platform rules lists
the rules in effect today with date and source, records a change a platform made as one undo
step (the composer's counts and tooltips follow at once), removes a library entry, and shows a
refused value in one line without writing anything."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402

from liveassets import clock  # noqa: E402
from liveassets.publish.platforms import local_entries  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.ui.posts.caption_edit import red  # noqa: E402


def _colour(label):
    return label.palette().color(QPalette.WindowText).name()


@pytest.fixture
def composer_on_instagram(qtbot, open_window, library):
    """The real window, its Posts dock showing an unscheduled Instagram post with 4 hashtags."""
    pid = PostStore(library).create(Post(platform="instagram", body="Meetup recap",
                                         hashtags=["#one", "#two", "#three", "#four"])).ids[0]
    win = open_window()
    win.posts_panel.show()
    win.posts_panel.select_post(pid)
    composer = win.posts_panel.composer
    qtbot.waitUntil(lambda: composer.post_id == pid)
    return win, composer


def _open(qtbot, composer):
    """Publishing settings opened on its Platform rules tab (as Settings… does, not modal)."""
    dialog = composer.settings_dialog("rules")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _fill(tab, platform, field, value, since, source=""):
    tab.platform_combo.setCurrentIndex(tab.platform_combo.findData(platform))
    tab.field_combo.setCurrentIndex(tab.field_combo.findData(field))
    tab.value_edit.setText(value)
    tab.since_edit.setDate(QDate(since.year, since.month, since.day))
    tab.source_edit.setText(source)


def _row(tab, platform, rule):
    return next(r for r in tab.rows() if r[:2] == (platform, rule))


def test_recording_a_rule_change_moves_the_composers_cap_and_undo_restores_it(
        qtbot, composer_on_instagram, library):
    win, composer = composer_on_instagram
    label = composer.hashtag_count_label
    assert label.text().startswith("4 hashtags / 5") and _colour(label) != red().name()
    dialog = _open(qtbot, composer)
    tab = dialog.rules_tab
    assert dialog.tabs.currentWidget() is tab
    shipped = _row(tab, "Instagram", "hashtags")
    assert shipped[2] == "5" and shipped[5] == "Shipped" and "instagram" in shipped[4].lower()
    since = clock.today() - dt.timedelta(days=20)
    steps = win.undo_stack.count()
    _fill(tab, "instagram", "hashtag_limit", "3", since, "Instagram notice to creators")
    qtbot.mouseClick(tab.record_button, Qt.LeftButton)
    assert tab.error_label.isHidden()
    assert win.undo_stack.count() == steps + 1                       # one step
    assert _row(tab, "Instagram", "hashtags") == (
        "Instagram", "hashtags", "3", f"{since:%d %b %Y}", "Instagram notice to creators",
        "This library")
    # The composer follows at once: 4 hashtags are now over Instagram's cap.
    qtbot.waitUntil(lambda: label.text().startswith("4 hashtags / 3"))
    assert _colour(label) == red().name()
    assert f"Hashtags: 3 (since {since:%d %b %Y}; this library)" in label.toolTip()
    assert "Instagram allows 3." in label.toolTip()
    assert any(w.code == "too_many_hashtags" for w in composer.report.warnings)
    dialog.reject()
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: label.text().startswith("4 hashtags / 5"))
    assert _colour(label) != red().name()
    assert "Hashtags: 5 (since" in label.toolTip() and "this library" not in label.toolTip()
    assert local_entries(library) == []


def test_a_library_entry_is_removed_as_one_step(qtbot, composer_on_instagram, library):
    win, composer = composer_on_instagram
    dialog = _open(qtbot, composer)
    tab = dialog.rules_tab
    _fill(tab, "instagram", "hashtag_limit", "3", clock.today() - dt.timedelta(days=1))
    assert tab.record()
    qtbot.waitUntil(lambda: composer.hashtag_count_label.text().startswith("4 hashtags / 3"))
    row = tab.rows().index(_row(tab, "Instagram", "hashtags"))
    assert _row(tab, "Instagram", "hashtags")[4] == ""          # no source given: none shown
    tab.table.selectRow(row)
    assert tab.remove_button.isEnabled()
    steps = win.undo_stack.count()
    qtbot.mouseClick(tab.remove_button, Qt.LeftButton)
    assert win.undo_stack.count() == steps + 1
    assert _row(tab, "Instagram", "hashtags")[5] == "Shipped" and local_entries(library) == []
    qtbot.waitUntil(lambda: composer.hashtag_count_label.text().startswith("4 hashtags / 5"))
    tab.table.selectRow(row)                                      # a shipped rule: kept
    assert not tab.remove_button.isEnabled()
    dialog.reject()
    win.undo_stack.undo()                                          # the entry is back
    qtbot.waitUntil(lambda: composer.hashtag_count_label.text().startswith("4 hashtags / 3"))


@pytest.mark.parametrize("field, value, words", [
    ("hashtag_limit", "five", 'takes a whole number or "no cap", not "five"'),
    ("hashtag_limit", "-2", "must be a whole number of 0 or more"),
    ("hashtag_limit", "", 'Type the new hashtags value, or tick "No cap"'),
    ("unit", "words", 'unit "words" is not one of'),
])
def test_a_refused_value_shows_one_line_and_writes_nothing(qtbot, composer_on_instagram,
                                                          library, field, value, words):
    win, composer = composer_on_instagram
    dialog = _open(qtbot, composer)
    tab = dialog.rules_tab
    steps = win.undo_stack.count()
    _fill(tab, "instagram", field, value, clock.today())
    qtbot.mouseClick(tab.record_button, Qt.LeftButton)
    assert tab.error_label.isVisible() and words in tab.error_label.text()
    assert "\n" not in tab.error_label.text() and "Traceback" not in tab.error_label.text()
    assert win.undo_stack.count() == steps and local_entries(library) == []
    assert composer.hashtag_count_label.text().startswith("4 hashtags / 5")
    dialog.reject()


def test_no_cap_lifts_a_limit_from_its_date(qtbot, composer_on_instagram, library):
    win, composer = composer_on_instagram
    dialog = _open(qtbot, composer)
    tab = dialog.rules_tab
    _fill(tab, "instagram", "hashtag_limit", "", clock.today())
    tab.no_cap.setChecked(True)
    assert tab.record()
    assert _row(tab, "Instagram", "hashtags")[2] == "no cap"
    assert local_entries(library)[0]["value"] is None
    qtbot.waitUntil(lambda: composer.hashtag_count_label.text().startswith("4 hashtags ·")
                    or composer.hashtag_count_label.text() == "4 hashtags")
    # A later-dated library entry is listed (to be removable) but not yet in effect.
    _fill(tab, "instagram", "mention_limit", "2", clock.today() + dt.timedelta(days=30))
    assert tab.record()
    later = [r for r in tab.rows() if r[:2] == ("Instagram", "mentions")]
    assert len(later) == 2 and later[1][3].startswith("from ") and later[1][2] == "2"
    dialog.reject()
