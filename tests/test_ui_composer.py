"""The caption composer and the Posts dock: the live counter in the platform's unit (emoji
with skin tones and ZWJ sequences counted in UTF-16 units, 2,200 fine and 2,201 flagged on
TikTok), hashtag and mention counts, warnings that select their span when clicked (after
emoji too), never-use hashtags in red, hashtag sets with one click, templates from the assets'
tags, =c1= code replacement, saves through the undo stack, and New post from the selection."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QPalette, QTextCharFormat, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QMenu  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.publish import zones  # noqa: E402
from liveassets.publish.hashtags import HashtagSet, HashtagSets, PublishSettings  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.ui.posts import composer_tools
from liveassets.ui.commands import push_edit  # noqa: E402
from liveassets.ui.posts import panel as posts_panel  # noqa: E402
from liveassets.ui.posts.caption_edit import red  # noqa: E402
from liveassets.ui.posts.composer import CaptionComposer  # noqa: E402

SYD = "Australia/Sydney"
FAMILY = "👨‍👩‍👧‍👦"      # 7 code points, 11 UTF-16 units
THUMBS = "👍🏽"             # 2 code points (skin tone), 4 UTF-16 units


def _asset(name, status="cleared", tags=(), kind="image"):
    doc = new_asset(f"/event/{name}", kind, 100, 1.0, f"fp-{name}")
    doc["tags"] = list(tags)
    doc["rights"].update(status=status, credit=f"Photo: {name}")
    return doc


@pytest.fixture
def lib(library):
    docs = {
        "ok": _asset("ok.jpg", tags=["event:Sydney Meetup", "creator:@nova",
                                     "campaign:LIVE Fest 2026"]),
        "pending": _asset("pending.jpg", "pending", tags=["creator:@kai"]),
        "clip": _asset("clip.mov", kind="video", tags=["event:Sydney Meetup"]),
    }
    library.apply("Fill", {d["id"]: d for d in docs.values()})
    library.ids = {k: d["id"] for k, d in docs.items()}
    PublishSettings(never_use=["#fyp"], codes={"c1": "@nova"},
                    tag_map={"event:Sydney Meetup": ["#SydneyMeetup", "#fyp"]}).save(library)
    return library


@pytest.fixture
def stack():
    return QUndoStack()


@pytest.fixture
def make(qtbot, lib, stack):
    """make(**post fields) -> a composer showing a new saved post (a video post by default)."""
    def _make(**values):
        values.setdefault("asset_ids", [lib.ids["clip"]])
        values.setdefault("timezone", SYD)
        post = Post(**values)
        PostStore(lib).create(post)
        c = CaptionComposer(lib, stack)
        qtbot.addWidget(c)
        c.resize(460, 900)
        c.show()
        c.load(post.id)
        return c
    return _make


def _colour(label):
    return label.palette().color(QPalette.WindowText).name()


def _codes(c):
    return c.warnings_list.codes()


def _settled(c):
    """True once the warnings list caught up with the last edit (it follows a pause)."""
    return not c.warnings_list._timer.isActive()


def _formatted(c, test) -> list[str]:
    """The pieces of caption text whose highlight format passes `test`."""
    out = []
    block = c.editor.document().firstBlock()
    while block.isValid():
        units = block.text().encode("utf-16-le")
        for r in block.layout().formats():
            if test(r.format):
                out.append(units[2 * r.start: 2 * (r.start + r.length)].decode("utf-16-le"))
        block = block.next()
    return out


def _row(c, code):
    return next(i for i, g in enumerate(c.warnings_list.groups) if g[0].code == code)


def _click_warning(qtbot, c, code):
    """Click the row of that kind of warning as a user would; returns the warning chosen."""
    chosen = []
    c.warnings_list.chosen.connect(chosen.append)
    rect = c.warnings_list.visualItemRect(c.warnings_list.item(_row(c, code)))
    qtbot.mouseClick(c.warnings_list.viewport(), Qt.LeftButton, pos=rect.center())
    c.warnings_list.chosen.disconnect(chosen.append)
    return chosen[0]


def _end(c):
    cursor = c.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    c.editor.setTextCursor(cursor)


def test_counter_counts_emoji_in_utf16_and_flags_2201(qtbot, make):
    body = "a" * (2200 - 11 - 4) + FAMILY + THUMBS          # exactly 2,200 UTF-16 units
    c = make(body=body)
    assert c.counter_label.text() == "2,200 / 2,200 UTF-16 units"
    assert _colour(c.counter_label) != red().name() and "over_limit" not in _codes(c)
    _end(c)
    qtbot.keyClick(c.editor, Qt.Key_B)                      # the counter follows the keystroke
    assert c.counter_label.text() == "2,201 / 2,200 UTF-16 units"
    assert _colour(c.counter_label) == red().name()
    assert _formatted(c, lambda f: f.background().color().alpha() == 60) == ["b"]  # tinted
    qtbot.waitUntil(lambda: _settled(c))                    # the list follows a pause later
    assert "over_limit" in _codes(c)
    w = _click_warning(qtbot, c, "over_limit")
    assert w.severity == "error"
    cursor = c.editor.textCursor()
    assert cursor.selectedText() == "b" and cursor.selectionStart() == 2200  # Qt units
    qtbot.keyClick(c.editor, Qt.Key_Backspace)
    assert c.counter_label.text() == "2,200 / 2,200 UTF-16 units"
    assert _colour(c.counter_label) != red().name()
    assert _formatted(c, lambda f: f.background().color().alpha() == 60) == []
    qtbot.waitUntil(lambda: _settled(c))
    assert "over_limit" not in _codes(c)


def test_counts_in_each_platforms_unit_with_hashtags_and_mentions(qtbot, make):
    c = make()
    qtbot.keyClicks(c.editor, "Hi @nova #one #two")
    c.editor.insertPlainText(" " + FAMILY)
    assert c.counter_label.text() == "30 / 2,200 UTF-16 units"
    assert c.hashtag_count_label.text() == "2 hashtags · 5 recommended"
    assert c.mention_count_label.text() == "1 mention"
    c.mentions_edit.setText("@kai")                          # appended when posted
    assert c.mention_count_label.text() == "2 mentions"
    assert c.counter_label.text() == "36 / 2,200 UTF-16 units"   # + "\n\n@kai"
    c.platform_combo.setCurrentIndex(c.platform_combo.findData("instagram"))
    assert c.counter_label.text() == "32 / 2,200 characters"
    assert c.hashtag_count_label.text() == "2 hashtags / 5 · 5 recommended"  # since Dec 2025
    tip = c.counter_label.toolTip()
    assert "Hashtags: 5 (since 01 Dec 2025" in tip and "Caption length: 2,200" in tip
    assert c.mention_count_label.text() == "2 mentions / 20"
    c.platform_combo.setCurrentIndex(c.platform_combo.findData("x"))
    assert c.counter_label.text() == "27 / 280 weighted characters"  # the emoji weighs 2
    c.platform_combo.setCurrentIndex(c.platform_combo.findData("youtube"))
    assert c.counter_label.text() == "50 / 5,000 bytes"
    c.hashtags_edit.setText("#a #b #c #d")                   # six: over the team's five
    assert c.hashtag_count_label.text() == "6 hashtags / 60 · 5 recommended"
    assert _colour(c.hashtag_count_label) != red().name()
    qtbot.waitUntil(lambda: _settled(c))
    assert "more_than_recommended" in _codes(c)


def test_warnings_select_their_span_after_emoji(qtbot, make):
    body = f"{THUMBS}{FAMILY} #live-music and #dup #dup #dup"
    c = make(body=body)
    assert {"broken_hashtag", "duplicate_hashtag"} <= set(_codes(c))
    row = c.warnings_list.item(_row(c, "duplicate_hashtag"))
    assert row.text() == "#dup appears more than once.  (2 places)"
    _click_warning(qtbot, c, "duplicate_hashtag")
    cursor = c.editor.textCursor()
    second = body.index("#dup", body.index("#dup") + 1)
    assert cursor.selectedText() == "#dup"
    assert cursor.selectionStart() == second + 2 + 4          # 2 + 4 surrogate halves before
    _click_warning(qtbot, c, "duplicate_hashtag")             # again: the next place
    assert c.editor.textCursor().selectionStart() == body.rindex("#dup") + 6
    _click_warning(qtbot, c, "broken_hashtag")
    assert c.editor.textCursor().selectedText() == "#live-music"
    # Every duplicate and the broken hashtag are underlined in the text, also after typing.
    c.editor.moveCursor(c.editor.textCursor().MoveOperation.Start)
    qtbot.keyClicks(c.editor, "So ")
    wavy = _formatted(c, lambda f: f.underlineStyle() == QTextCharFormat.WaveUnderline)
    assert wavy == ["#live-music", "#dup", "#dup", "#dup"]


def test_never_use_hashtag_is_red_in_text_and_in_the_list(qtbot, make, lib):
    c = make(body=f"{FAMILY} Go #FYP now")
    item = c.warnings_list.item(_row(c, "never_use"))
    assert item.foreground().color().name() == red().name()
    block = c.editor.document().firstBlock()
    start = len(FAMILY.encode("utf-16-le")) // 2 + len(" Go ")
    reds = [(f.start, f.length) for f in block.layout().formats()
            if f.format.foreground().color().name() == red().name()]
    assert reds == [(start, 4)]
    assert _formatted(c, lambda f: f.fontStrikeOut()) == ["#FYP"]
    # In the hashtags field (appended when posted), the warning selects it there.
    c.editor.setPlainText(f"{FAMILY} Go now")
    # Suggestions from the assets' tags: never-use ones shown struck out in red, not links.
    assert '<a href="add:#SydneyMeetup">' in c.suggest_label.text()
    shown = c.suggest_label.text()
    assert "<s>#fyp</s>" in shown and 'href="add:#fyp"' not in shown
    c.suggest_label.linkActivated.emit("add:#SydneyMeetup")     # one click adds it
    assert c.hashtags_edit.text() == "#SydneyMeetup"
    c.hashtags_edit.setText("#ok #fyp")
    qtbot.waitUntil(lambda: _settled(c))
    _click_warning(qtbot, c, "never_use")
    assert c.hashtags_edit.selectedText() == "#fyp"



def test_mention_of_uncleared_creator_is_warned(make, lib):
    c = make(asset_ids=[lib.ids["ok"], lib.ids["pending"]], body="Thanks @kai and @nova")
    assert _codes(c) == ["creator_rights"]
    assert "rights pending" in c.rights_label.text()
    assert c.override_button.isVisibleTo(c)


def test_hashtag_set_one_click_without_duplicates_and_undo(qtbot, make, lib, stack):
    HashtagSets(lib).save(HashtagSet("Festival", ["#LiveFest", "#Sydney", "#Music"]))
    c = make(hashtags=["#livefest"])
    c.sets_menu.aboutToShow.emit()
    action = next(a for a in c.sets_menu.actions() if a.text().startswith("Festival"))
    action.trigger()                                          # one click, saved at once
    assert c.hashtags_edit.text() == "#livefest #Sydney #Music"
    assert PostStore(lib).get(c.post_id).hashtags == ["#livefest", "#Sydney", "#Music"]
    action.trigger()                                          # again: nothing new
    assert c.hashtags_edit.text() == "#livefest #Sydney #Music"
    stack.undo()
    assert PostStore(lib).get(c.post_id).hashtags == ["#livefest"]
    assert c.hashtags_edit.text() == "#livefest"


def test_save_hashtags_as_set_asks_a_name(monkeypatch, make, lib, stack):
    c = make(hashtags=["#a", "#b"])
    monkeypatch.setattr(composer_tools.QInputDialog, "getText", lambda *a, **k: ("Core", True))
    c.sets_menu.aboutToShow.emit()
    next(a for a in c.sets_menu.actions() if a.text().startswith("Save current")).trigger()
    assert [(s.name, s.hashtags) for s in HashtagSets(lib).all()] == [("Core", ["#a", "#b"])]
    assert not c.save_hashtag_set("core")                     # the name is taken: refused
    assert "exists already" in c.state_label.text()
    stack.undo()
    assert HashtagSets(lib).all() == []


def test_template_filled_from_asset_tags_names_missing_fields(qtbot, make, lib):
    when = zones.localize(dt.datetime(2026, 10, 4, 18, 30), SYD)
    c = make(asset_ids=[lib.ids["ok"]], scheduled=when, status="ready")
    shown = []
    c.message.connect(lambda text, _err: shown.append(text))
    missing = c.apply_template("Recap of {event} with {creator} on {date} at {venue}")
    assert missing == ["venue"]
    assert c.editor.text() == "Recap of Sydney Meetup with @nova on 4 Oct 2026 at {venue}"
    assert "{venue}" in shown[-1]
    assert c.editor.textCursor().selectedText() == "{venue}"  # ready to type over
    # The menu offers starters while the library has no templates of its own.
    c.templates_menu.aboutToShow.emit()
    assert any("(starter)" in a.text() for a in c.templates_menu.actions())


def test_code_replacement_as_you_type_and_on_demand(qtbot, make):
    c = make()
    qtbot.keyClicks(c.editor, "Thanks =c1= and =zz=")
    assert c.editor.text() == "Thanks @nova and =zz="        # unknown codes stay as typed
    assert c.mention_count_label.text() == "1 mention"
    c.editor.setPlainText("Pasted =C1= text")
    assert c.expand_codes() == []
    assert c.editor.text() == "Pasted @nova text"


def test_the_account_field_completes_accounts_already_used(qtbot, make, lib):
    PostStore(lib).create(Post(account="@liveanz", asset_ids=[lib.ids["ok"]]))
    PostStore(lib).create(Post(account="@LiveNZ", asset_ids=[lib.ids["ok"]]))
    c = make(body="Hi")
    completer = c.account_edit.completer()
    assert completer.model().stringList() == ["@liveanz", "@LiveNZ"]
    completer.setCompletionPrefix("@livenz")  # any case
    assert completer.currentCompletion() == "@LiveNZ"


def test_typing_with_pauses_is_one_undo_step(qtbot, make, lib, stack, monkeypatch):
    from liveassets.ui.commands import CatalogCommand

    c = make(body="Hello")
    store = PostStore(lib)
    _end(c)
    for words in (" there", " world"):  # two pauses: two saves, folded into one step
        qtbot.keyClicks(c.editor, words)
        assert c.save()
    assert store.get(c.post_id).body == "Hello there world" and stack.count() == 1
    stack.undo()
    assert store.get(c.post_id).body == "Hello" and c.editor.text() == "Hello"
    stack.redo()
    assert store.get(c.post_id).body == "Hello there world"
    c.status_combo.setCurrentIndex(c.status_combo.findData("ready"))  # another kind of edit
    _end(c)
    qtbot.keyClicks(c.editor, "!")
    assert c.save() and stack.count() == 3  # the caption edit after it is a step of its own
    monkeypatch.setattr(CatalogCommand, "MERGE_SECONDS", -1.0)  # a long pause in between
    qtbot.keyClicks(c.editor, "!")
    assert c.save() and stack.count() == 4
    stack.undo()
    assert store.get(c.post_id).body == "Hello there world!"


def test_edits_saved_after_a_pause_and_undone_with_ctrl_z(qtbot, make, lib, stack):
    c = make(body="Hello")
    store = PostStore(lib)
    _end(c)
    qtbot.keyClicks(c.editor, " world")
    assert c.dirty and store.get(c.post_id).body == "Hello"  # not on every keystroke
    qtbot.waitUntil(lambda: store.get(c.post_id).body == "Hello world", timeout=3000)
    assert stack.count() == 1 and stack.text(0) == "Edit post caption"
    c.status_combo.setCurrentIndex(c.status_combo.findData("ready"))  # saved at once
    assert store.get(c.post_id).status == "ready" and stack.text(1) == "Mark post ready"
    stack.undo()
    assert store.get(c.post_id).status == "draft"
    assert c.status_combo.currentData() == "draft"
    stack.undo()                                               # Ctrl+Z in the window
    assert store.get(c.post_id).body == "Hello" and c.editor.text() == "Hello"
    stack.redo()
    assert c.editor.text() == "Hello world"
    # A scheduled post needs a time; a time is saved in the post's own zone.
    c.status_combo.setCurrentIndex(c.status_combo.findData("scheduled"))
    assert "date and time" in c.state_label.text() and store.get(c.post_id).status == "draft"
    c.schedule_check.setChecked(True)
    c.date_edit.setDate(dt.date(2026, 10, 4))
    c.time_edit.setTime(dt.time(18, 30))
    assert c.save()
    saved = store.get(c.post_id)
    assert saved.status == "scheduled"
    assert saved.scheduled.isoformat() == "2026-10-04T18:30:00+11:00"
    assert c.zone_combo.currentData() == "Australia/Sydney"
    assert c.zone_label.text() == "AEDT (UTC+11)"
    c.zone_combo.setCurrentIndex(c.zone_combo.findData("Pacific/Auckland"))  # same wall clock
    qtbot.waitUntil(lambda: store.get(c.post_id).timezone == "Pacific/Auckland", timeout=3000)
    assert store.get(c.post_id).scheduled.isoformat() == "2026-10-04T18:30:00+13:00"
    assert c.zone_label.text() == "NZDT (UTC+13)"
    stack.undo()
    assert store.get(c.post_id).timezone == "Australia/Sydney"
    assert c.zone_combo.currentData() == "Australia/Sydney"
    c.time_edit.setTime(dt.time(2, 30))                       # inside the DST gap that night
    assert not c.save()                                       # never shifted silently
    assert store.get(c.post_id).scheduled.isoformat() == "2026-10-04T18:30:00+11:00"
    assert "does not exist" in c.dst_label.text() and c.dst_button.text() == "Use 03:00"
    c.dst_button.click()
    assert store.get(c.post_id).scheduled.isoformat() == "2026-10-04T03:00:00+11:00"
    assert c.time_edit.time().toString("HH:mm") == "03:00" and not c.dst_row.isVisibleTo(c)


def test_settings_and_rights_override_are_undoable(make, lib, stack):
    c = make(asset_ids=[lib.ids["pending"]], body="Go #nope")
    assert "never_use" not in _codes(c)
    assert c.save_settings(PublishSettings(never_use=["#nope"], codes={"c1": "@nova"}))
    assert "never_use" in _codes(c)
    stack.undo()
    assert "never_use" not in _codes(c)
    assert c.override_rights("Signed release on file")
    assert "OVERRIDDEN" in c.rights_label.text() and not c.override_button.isVisibleTo(c)
    assert PostStore(lib).get(c.post_id).rights_override["reason"] == "Signed release on file"
    stack.undo()
    assert PostStore(lib).get(c.post_id).rights_override is None


def test_posts_dock_new_post_from_selection_list_and_delete(qtbot, lib, stack, monkeypatch):
    monkeypatch.setenv("LIVEASSETS_TZ", SYD)                    # new posts' zone
    selection = [lib.ids["ok"], lib.ids["pending"]]
    panel = posts_panel.PostsPanel(lib, stack, lambda: selection)
    qtbot.addWidget(panel)
    panel.show()
    store = PostStore(lib)
    pid = panel.new_post()
    assert store.get(pid).asset_ids == selection and panel.composer.post_id == pid
    assert panel.list.count() == 1
    text = panel.list.item(0).text()
    assert text.startswith("⚠ Not scheduled  ·  TikTok") and "(no caption yet)" in text
    assert "rights pending" in panel.list.item(0).toolTip()
    c = panel.composer
    c.editor.setPlainText("Sydney Meetup recap")
    assert c.save()
    qtbot.waitUntil(lambda: panel.list.item(0).text().endswith("Sydney Meetup recap"))
    second = panel.new_post([lib.ids["clip"]])
    assert panel.list.count() == 2 and c.post_id == second
    panel.select_post(pid)
    assert c.post_id == pid and c.editor.text() == "Sydney Meetup recap"
    # Another view (the calendar) reschedules it through the same undo stack: both follow.
    push_edit(stack, lib, "Reschedule post", lambda: store.reschedule(
        pid, zones.localize(dt.datetime(2026, 12, 5, 9, 0), SYD)), lambda change: None)
    qtbot.waitUntil(lambda: c.date_edit.date().toString("yyyy-MM-dd") == "2026-12-05")
    assert c.schedule_check.isChecked() and c.time_edit.time().toString("HH:mm") == "09:00"
    assert panel.item_for(pid).text().startswith("⚠ Sat 5 Dec 09:00  ·  TikTok")
    assert panel.delete_post()
    assert [p.id for p in store.all()] == [second] and panel.list.count() == 1
    stack.undo()                                               # the deleted post comes back
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    for _ in range(stack.index()):
        stack.undo()
    qtbot.waitUntil(lambda: panel.list.count() == 0)
    assert store.all() == [] and c.post_id is None
    panel.shutdown()


def test_the_window_has_the_posts_dock_and_post_menu(qtbot, open_window, library):
    ids = fill(library, 4)
    win = open_window()
    panel = win.posts_panel
    assert panel.objectName() == "postsDock" and panel.isHidden()
    assert win.new_post_action.shortcut().toString() == "Ctrl+Shift+N"
    menu = next(m for m in win.menuBar().findChildren(QMenu)
                if m.title().replace("&", "") == "Post")
    assert [a.text() for a in menu.actions() if a.text()] == [
        "New post from selection", "Delete post", "Mark published…", "Posts",
        "Publishing settings…",
        "Export caption sheet…", "Calendar"]
    qtbot.waitUntil(lambda: win.model.rowCount() == 4)
    win.view.selectAll()
    assert win.new_post_action in win.view.context_menu().actions()
    win.new_post_action.trigger()
    assert panel.isVisible()
    post = PostStore(library).all()[0]
    assert sorted(post.asset_ids) == sorted(ids)
    assert win.last_message.startswith("New post with 4 assets")
    win.undo_stack.undo()                                      # Ctrl+Z in the window
    qtbot.waitUntil(lambda: panel.list.count() == 0)
    assert PostStore(library).all() == []


def test_calendar_moves_are_undoable_in_the_window_and_open_in_the_composer(
        qtbot, open_window, library):
    fill(library, 2)
    store = PostStore(library)
    when = dt.datetime(2026, 11, 23, 9, 0)
    post_id = store.create(body="Monday recap", scheduled=when).ids[0]
    win = open_window()
    win.calendar_action.trigger()
    view = win.calendar.view
    assert win.calendar.isVisible()
    view.show_date(dt.date(2026, 11, 23))
    view.refresh()
    assert view.move_post(post_id, dt.date(2026, 11, 25))
    moved = store.get(post_id).scheduled
    assert (moved.date(), moved.hour) == (dt.date(2026, 11, 25), 9)
    win.undo_stack.undo()
    assert store.get(post_id).scheduled.date() == dt.date(2026, 11, 23)
    view.postActivated.emit(post_id)
    assert win.posts_panel.isVisible()
    assert win.posts_panel.composer.post_id == post_id


def test_posts_and_calendar_reread_only_for_steps_that_touch_them(qtbot, open_window, library,
                                                                  monkeypatch):
    ids = fill(library, 4)
    PostStore(library).create(Post(body="Recap", asset_ids=[ids[0]],
                                   scheduled=dt.datetime(2026, 11, 23, 9, 0)))
    win = open_window()
    win.posts_panel.show()
    win.calendar.show()
    reads = []
    monkeypatch.setattr(win.posts_panel, "refresh", lambda *a, **k: reads.append("posts"))
    monkeypatch.setattr(win.calendar.view, "refresh", lambda: reads.append("calendar"))
    for n in range(1, 6):  # culling photos no post uses
        win.edit("Rate", lambda i, n=n: library.rate(i, n), [ids[1]])
    win.undo_stack.undo()
    qtbot.wait(400)
    assert reads == []
    win.edit("Rights", lambda i: library.set_rights(i, status="cleared"), [ids[0]])
    qtbot.waitUntil(lambda: sorted(reads) == ["calendar", "posts"], timeout=2000)


def test_repeated_hour_asks_which_and_stores_the_choice(make, lib, stack):
    store = PostStore(lib)
    c = make(scheduled=zones.localize(dt.datetime(2027, 4, 3, 18, 0), SYD))
    assert not c.dst_row.isVisibleTo(c)
    c.date_edit.setDate(dt.date(2027, 4, 4))
    c.time_edit.setTime(dt.time(2, 30))                       # happens twice that night
    assert c.dst_row.isVisibleTo(c) and c.fold_combo.isVisibleTo(c)
    assert "happens twice" in c.dst_label.text()
    assert [c.fold_combo.itemText(i) for i in range(2)] == [
        "first 02:30 AEDT (+11:00)", "second 02:30 AEST (+10:00)"]
    assert c.save()
    assert store.get(c.post_id).scheduled.isoformat() == "2027-04-04T02:30:00+11:00"
    c.fold_combo.setCurrentIndex(1)                           # pick the second
    assert c.save()
    saved = store.get(c.post_id)
    assert saved.scheduled.isoformat() == "2027-04-04T02:30:00+10:00"
    assert saved.utc == dt.datetime(2027, 4, 3, 16, 30, tzinfo=dt.timezone.utc)
    assert c.zone_label.text() == "AEST (UTC+10)"
    stack.undo()                           # the reschedules merged: one step back
    assert store.get(c.post_id).scheduled.isoformat() == "2027-04-03T18:00:00+11:00"
    assert not c.dst_row.isVisibleTo(c)
    stack.redo()
    assert c.fold_combo.currentIndex() == 1 and c.time_edit.time().toString("HH:mm") == "02:30"
    # a post saved on the second pass opens with the second chosen
    other = make(scheduled=zones.parse_when("2027-04-04 02:45", SYD, fold=1))
    assert other.fold_combo.currentIndex() == 1 and other.dst_row.isVisibleTo(other)
    # Brisbane has no daylight saving: nothing to ask
    c.zone_combo.setCurrentIndex(c.zone_combo.findData("Australia/Brisbane"))
    assert not c.dst_row.isVisibleTo(c)
