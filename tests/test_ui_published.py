"""Posts know where they went, in the window (issue #13): a link pasted in the composer's
Published at field stores the clean URL, the platform's post ID read from it and the time, as
one undo step, and shows them; a link that is not a post of the post's platform shows one line
and stores nothing; the Posts list tooltip names the ID and the URL."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QMenu  # noqa: E402

from liveassets.publish.posts import Post, PostStore  # noqa: E402

SYD = "Australia/Sydney"
TIKTOK = "https://www.tiktok.com/@livecrew/video/7441234567890123456?is_from_webapp=1&lang=en"
CLEAN = "https://www.tiktok.com/@livecrew/video/7441234567890123456"


@pytest.fixture
def tiktok_post(qtbot, open_window, library):
    """The real window, its Posts dock showing a draft TikTok post scheduled in Sydney."""
    when = dt.datetime(2026, 11, 28, 18, 30)
    pid = PostStore(library).create(Post(platform="tiktok", body="Meetup recap",
                                         timezone=SYD, scheduled=when)).ids[0]
    win = open_window()
    win.posts_panel.show()
    win.posts_panel.select_post(pid)
    composer = win.posts_panel.composer
    qtbot.waitUntil(lambda: composer.post_id == pid)
    return win, composer, pid


def _paste(qtbot, edit, text):
    """Paste through the clipboard and press Enter, as a user would."""
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key_V, Qt.ControlModifier)
    qtbot.keyClick(edit, Qt.Key_Return)


def test_a_pasted_tiktok_link_records_url_id_and_time_and_undo_removes_it(
        qtbot, tiktok_post, library):
    win, composer, pid = tiktok_post
    assert composer.published_row.isHidden()                     # a draft: not asked yet
    menu = next(m for m in win.menuBar().findChildren(QMenu)
                if m.title().replace("&", "") == "Post")
    assert win.mark_published_action in menu.actions()
    win.mark_published_action.trigger()
    assert composer.published_row.isVisible() and composer.published_edit.hasFocus()
    steps = win.undo_stack.count()
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    _paste(qtbot, composer.published_edit, TIKTOK)
    assert win.undo_stack.count() == steps + 1                   # one step
    stored = PostStore(library).get(pid)
    assert stored.status == "published" and stored.published_url == CLEAN
    assert stored.platform_post_id == "7441234567890123456"
    at = dt.datetime.fromisoformat(stored.published_at)
    assert before <= at <= dt.datetime.now(dt.timezone.utc)
    assert stored.scheduled.replace(tzinfo=None) == dt.datetime(2026, 11, 28, 18, 30)  # kept
    info = composer.published_info
    local = at.astimezone(stored.scheduled.tzinfo)
    assert info.isVisible() and "TikTok post ID 7441234567890123456" in info.text()
    assert f"{local:%H:%M} {local.tzname()}" in info.text()
    assert composer.published_edit.text() == CLEAN
    assert composer.status_combo.currentData() == "published"
    assert composer.published_error.isHidden()
    qtbot.waitUntil(lambda: "TikTok post ID 7441234567890123456" in
                    win.posts_panel.item_for(pid).toolTip())
    assert CLEAN in win.posts_panel.item_for(pid).toolTip()
    win.undo_stack.undo()
    stored = PostStore(library).get(pid)
    assert (stored.status, stored.published_url, stored.platform_post_id,
            stored.published_at) == ("draft", "", "", None)
    qtbot.waitUntil(lambda: composer.status_combo.currentData() == "draft")
    assert composer.published_edit.text() == "" and composer.published_info.isHidden()
    qtbot.waitUntil(lambda: "7441234567890123456" not in win.posts_panel.item_for(pid).toolTip())


def test_an_instagram_link_on_a_tiktok_post_shows_one_line_and_stores_nothing(
        qtbot, tiktok_post, library):
    win, composer, pid = tiktok_post
    composer.begin_mark_published()
    steps = win.undo_stack.count()
    _paste(qtbot, composer.published_edit, "https://www.instagram.com/reel/C9xYz12AbCd/")
    error = composer.published_error
    assert error.isVisible() and "is not a tiktok.com link" in error.text()
    assert "\n" not in error.text()
    assert win.undo_stack.count() == steps
    stored = PostStore(library).get(pid)
    assert (stored.status, stored.published_url, stored.platform_post_id) == ("draft", "", "")
    assert composer.published_info.isHidden()
    # The right link then goes through, and the message goes away.
    _paste(qtbot, composer.published_edit, TIKTOK)
    assert error.isHidden() and PostStore(library).get(pid).platform_post_id
    # Emptying the field forgets the link (one step); the post stays published.
    steps = win.undo_stack.count()
    composer.published_edit.setFocus()
    composer.published_edit.clear()
    qtbot.keyClick(composer.published_edit, Qt.Key_Return)
    stored = PostStore(library).get(pid)
    assert (stored.status, stored.published_url, stored.platform_post_id,
            stored.published_at) == ("published", "", "", None)
    assert win.undo_stack.count() == steps + 1 and composer.published_info.isHidden()


def test_choosing_published_without_a_date_asks_for_the_link_and_the_link_dates_it(
        qtbot, open_window, library):
    pid = PostStore(library).create(Post(platform="x", body="Live now", timezone=SYD)).ids[0]
    win = open_window()
    win.posts_panel.show()
    win.posts_panel.select_post(pid)
    composer = win.posts_panel.composer
    qtbot.waitUntil(lambda: composer.post_id == pid)
    composer.editor.setPlainText("Live now from the meetup")
    composer.status_combo.setCurrentIndex(composer.status_combo.findData("published"))
    assert composer.published_row.isVisible()
    assert "paste the post's link under Published at" in composer.state_label.text()
    assert PostStore(library).get(pid).status == "draft"
    assert composer.mark_published("x.com/livecrew/status/1862345678901234567")
    stored = PostStore(library).get(pid)
    assert stored.platform_post_id == "1862345678901234567" and stored.status == "published"
    assert stored.scheduled is not None                            # dated to the publish time
    assert stored.body == "Live now from the meetup"               # the pending edit kept
    assert composer.schedule_check.isChecked()
