"""The caption text box and its warnings: code replacement as you type (`=c1=` becomes the
handle in the user's code table when the closing `=` is typed); marks inside the text (never-
use hashtags red, uncleared creators, duplicates and broken hashtags underlined, the overflow
tinted) drawn by a per-paragraph highlighter, so a keystroke re-formats one paragraph, not the
caption; the warnings list, one row per problem; and Python-index <-> Qt-position helpers.

Qt text positions count UTF-16 code units while Python indexes count code points: every span
the core reports goes through `qt_span`/`qt_positions` before it reaches a QTextCursor or a
QLineEdit.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat,
                           QTextCursor)
from PySide6.QtWidgets import (QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QStyle, QTextEdit)

from liveassets.publish.captions import extract_hashtags, extract_mentions
from liveassets.publish.counting import utf16_offset
from liveassets.publish.platforms import rules_for
from liveassets.ui.theme.palette import is_dark

_CODE_BEFORE_CURSOR = re.compile(r"=([A-Za-z0-9_]+)=$")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Warnings whose span may run across paragraphs: extra selections (the rest are highlighted).
_SPAN_CODES = ("more_than_recommended", "too_many_hashtags", "too_many_mentions",
               "forbidden_character")
WARNING_ROLE = Qt.UserRole + 1  # a warnings row's code
MARKS_DELAY_MS = 60
CODE_TIP = ("Code replacement: type =code= (for example =c1=) and it becomes the text your code "
            "table gives it (a creator's handle) as soon as you type the closing =. Unknown "
            "codes stay as typed. Edit the table in Publishing settings…; "
            "Expand codes does the same for pasted text.")


def red() -> QColor:
    return QColor("#ff6b6b") if is_dark() else QColor("#cf222e")


def amber() -> QColor:
    return QColor("#e3b341") if is_dark() else QColor("#9a6700")


def green() -> QColor:
    return QColor("#3fb950") if is_dark() else QColor("#1a7f37")


def qt_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Python [start, end) in `text` -> Qt (UTF-16) positions; the identity for BMP-only text."""
    if text.isascii():
        return start, end
    return utf16_offset(text, start), utf16_offset(text, end)


def qt_positions(text: str):
    """A function from Python index to Qt position in `text`, for many lookups: one scan for
    characters outside the BMP (two UTF-16 units each), then a bisection per position."""
    astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda i: i
    return lambda i: i + bisect_left(astral, i)


def select_in_editor(editor: QPlainTextEdit, text: str, start: int, end: int) -> None:
    """Select Python span [start, end) of `text` (the editor's text) and show it."""
    a, b = qt_span(text, start, end)
    cursor = editor.textCursor()
    last = editor.document().characterCount() - 1
    cursor.setPosition(min(a, last))
    cursor.setPosition(min(b, last), QTextCursor.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    editor.setFocus(Qt.OtherFocusReason)


def select_in_line(edit: QLineEdit, start: int, end: int) -> None:
    text = edit.text()
    a, b = qt_span(text, start, end)
    edit.setFocus(Qt.OtherFocusReason)
    edit.setSelection(a, b - a)


class CaptionHighlighter(QSyntaxHighlighter):
    """Marks that belong to one paragraph, drawn as text formats: never-use hashtags red (bold,
    struck through); an amber wavy underline under mentions of creators whose assets' rights
    are not cleared, under every occurrence of a duplicated hashtag or mention, and under
    hashtags broken by punctuation or a space; the text past the platform's limit tinted red.

    Why a highlighter and not extra selections: QPlainTextEdit walks every extra selection for
    every visible line on every paint (a caption with 40 duplicate hashtags cost ~4 ms a
    frame), while formats are laid out once per paragraph, and a keystroke re-highlights only
    its paragraph. When the limit moves, only the paragraphs between its old and new place
    are redone."""

    def __init__(self, document):
        super().__init__(document)
        self.never_use: frozenset = frozenset()
        self.uncleared: dict = {}
        self.platform = "tiktok"
        self.duplicates: frozenset = frozenset()  # ('hashtag'|'mention', casefolded text)
        self.over_from: int | None = None   # Qt position of the first character over the limit
        self.update_colours()

    def update_colours(self) -> None:
        self._tint = QTextCharFormat()
        tint = red()
        tint.setAlpha(60)
        self._tint.setBackground(tint)
        self._never = QTextCharFormat()
        self._never.setForeground(red())
        self._never.setFontWeight(QFont.Bold)
        self._never.setFontStrikeOut(True)
        self._advice = QTextCharFormat()
        self._advice.setUnderlineStyle(QTextCharFormat.WaveUnderline)
        self._advice.setUnderlineColor(amber())
        self._tinted = {}
        for fmt in (self._never, self._advice):
            both = QTextCharFormat(self._tint)
            both.merge(fmt)
            self._tinted[id(fmt)] = both

    def configure(self, never_use, uncleared, platform) -> None:
        if (never_use, uncleared, platform) != (self.never_use, self.uncleared, self.platform):
            self.never_use, self.uncleared, self.platform = never_use, dict(uncleared), platform
            self.rehighlight()

    def set_duplicates(self, duplicates: frozenset) -> None:
        if duplicates != self.duplicates:
            self.duplicates = duplicates
            self.rehighlight()

    def set_over(self, position: int | None) -> None:
        """Tint from this Qt position to the end (None: nothing is over the limit)."""
        if position == self.over_from:
            return
        doc = self.document()
        end = doc.characterCount()
        old, self.over_from = self.over_from, position
        ends = (end if old is None else old, end if position is None else position)
        block = doc.findBlock(min(ends))
        while block.isValid() and block.position() <= max(ends):
            self.rehighlightBlock(block)
            block = block.next()

    def highlightBlock(self, text: str) -> None:
        over = None
        if self.over_from is not None:
            start, n = self.currentBlock().position(), self.currentBlock().length() - 1
            if self.over_from < start + n:
                over = max(0, self.over_from - start)
                self.setFormat(over, n - over, self._tint)
        if "#" in text or "＃" in text:
            broken: list = []
            for tag in extract_hashtags(text, warnings=broken):
                if tag.key in self.never_use:
                    self._format(text, tag.start, tag.end, self._never, over)
                elif ("hashtag", tag.key) in self.duplicates:
                    self._format(text, tag.start, tag.end, self._advice, over)
            for w in broken:  # broken by punctuation, a space after #, only digits
                if w.end > w.start:
                    self._format(text, w.start, w.end, self._advice, over)
        if (self.uncleared or self.duplicates) and ("@" in text or "＠" in text):
            for who in extract_mentions(text, rules_for(self.platform)):
                if who.key in self.uncleared or ("mention", who.key) in self.duplicates:
                    self._format(text, who.start, who.end, self._advice, over)

    def _format(self, text: str, start: int, end: int, fmt: QTextCharFormat,
                over: int | None) -> None:
        a, b = qt_span(text, start, end)
        if over is not None and b > over:
            if a < over:
                self.setFormat(a, over - a, fmt)
                a = over
            fmt = self._tinted[id(fmt)]
        self.setFormat(a, b - a, fmt)


class CaptionEdit(QPlainTextEdit):
    """A plain-text caption box with Photo Mechanic-style code replacement as you type."""

    codeExpanded = Signal(str, str)  # the code as typed ('=c1='), what it became

    def __init__(self, parent=None):
        super().__init__(parent)
        self.codes: dict[str, str] = {}  # casefolded code without '=' -> replacement
        self.highlighter = CaptionHighlighter(self.document())
        self.setToolTip(CODE_TIP)
        self.setTabChangesFocus(True)  # Tab leaves the box; captions do not need tabs
        self._colours()
        self._marks_key: tuple = ()
        self._pending: tuple = ((), "")
        self._marks_timer = QTimer(self, singleShot=True, interval=MARKS_DELAY_MS)
        self._marks_timer.timeout.connect(lambda: self.show_marks(*self._pending))

    def set_codes(self, codes: dict[str, str]) -> None:
        self.codes = {k.strip().strip("=").casefold(): v for k, v in codes.items()}

    def text(self) -> str:
        """The text with its line breaks as '\\n' and no-break spaces kept (toPlainText()
        would turn U+00A0 into a space). Positions match the document's one to one."""
        raw = self.document().toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.text() == "=" and self.codes:
            self.expand_code_before_cursor()

    def expand_code_before_cursor(self) -> bool:
        """Replace the `=code=` just typed when the table knows it (one undo step in the box)."""
        cursor = self.textCursor()
        probe = QTextCursor(cursor)
        probe.movePosition(QTextCursor.StartOfBlock, QTextCursor.KeepAnchor)
        match = _CODE_BEFORE_CURSOR.search(probe.selectedText())
        if match is None:
            return False
        value = self.codes.get(match.group(1).casefold())
        if value is None:
            return False
        edit = QTextCursor(cursor)
        edit.setPosition(cursor.position() - len(match.group(0)), QTextCursor.KeepAnchor)
        edit.insertText(value)  # the code is ASCII: its length in UTF-16 is len()
        self.setTextCursor(edit)
        self.codeExpanded.emit(match.group(0), value)
        return True

    # -- warning marks ---------------------------------------------------------------------
    def _colours(self) -> None:
        self._underlines = {}
        for error, colour in ((False, amber()), (True, red())):
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline)
            fmt.setUnderlineColor(colour)
            self._underlines[error] = fmt

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # dark <-> light: marks follow
            self._colours()
            self.highlighter.update_colours()
            self.highlighter.rehighlight()
            self._marks_key = ("stale",)
            self.show_marks(*self._pending)

    def _mark(self, a: int, b: int, error: bool) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        sel.format = self._underlines[error]
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.KeepAnchor)
        sel.cursor = cursor
        return sel

    def show_marks(self, warnings: list, body: str, now: bool = True) -> None:
        """Show the warnings inside the caption: the overflow tint and the paragraph-local
        marks through the highlighter, the few spans that run across paragraphs (more hashtags
        than recommended or allowed, a refused character) as extra selections, whose cursors
        follow edits by themselves. While typing (`now` False), a change that needs a whole
        re-highlight waits for a pause of MARKS_DELAY_MS; the overflow tint never waits."""
        self._pending = (warnings, body)
        base = len(body.rstrip())
        pos = qt_positions(body)
        over = next((w for w in warnings if w.code == "over_limit" and w.start < base), None)
        self.highlighter.set_over(pos(over.start) if over is not None else None)
        dups = frozenset((w.code.removeprefix("duplicate_"), body[w.start + 1:w.end].casefold())
                         for w in warnings if w.code.startswith("duplicate_") and w.end <= base)
        spans = [w for w in warnings if w.code in _SPAN_CODES and w.start < base]
        key = tuple((w.code, w.message) for w in spans)
        if not now and (dups != self.highlighter.duplicates or key != self._marks_key):
            self._marks_timer.start()
            return
        self.highlighter.set_duplicates(dups)
        if key != self._marks_key:
            self._marks_key = key
            self.setExtraSelections([self._mark(pos(w.start), pos(min(w.end, base)),
                                                w.severity == "error") for w in spans])


class WarningList(QListWidget):
    """The composer's warnings, one row per kind of problem ("#x appears more than once (3
    places)"); clicking a row selects its next place. Rows change in place when only their
    text does, and while typing (`now` False) the list follows after a pause of
    MARKS_DELAY_MS: repainting word-wrapped rows cost ~1.5 ms a keystroke, and the counter
    above already shows the number that changes with every key."""

    chosen = Signal(object)  # the CaptionWarning to select

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("composerWarnings")
        self.setToolTip("Click a warning to select it in the caption (again: its next place)")
        self.setWordWrap(True)
        self.setMaximumHeight(130)
        self.setSizeAdjustPolicy(QListWidget.AdjustToContents)  # one warning: one row high
        self.setIconSize(QSize(16, 16))
        style = self.style()
        self._icons = {False: style.standardIcon(QStyle.SP_MessageBoxWarning),
                       True: style.standardIcon(QStyle.SP_MessageBoxCritical)}
        self.groups: list[list] = []
        self._rows: list[tuple] = []
        self._next: dict[tuple, int] = {}
        self._pending: list = []
        self._timer = QTimer(self, singleShot=True, interval=MARKS_DELAY_MS)
        self._timer.timeout.connect(lambda: self.show_warnings(self._pending))
        self.itemClicked.connect(self._clicked)

    def show_warnings(self, warnings: list, now: bool = True) -> None:
        if not now:
            self._pending = warnings
            self._timer.start()
            return
        self._timer.stop()
        found: dict[tuple, list] = {}
        for w in warnings:
            found.setdefault((w.code, w.message), []).append(w)
        self.groups = list(found.values())
        rows = [(g[0].code, g[0].severity) for g in self.groups]
        texts = [g[0].message + (f"  ({len(g)} places)" if len(g) > 1 else "")
                 for g in self.groups]
        if rows != self._rows:
            self._rows = rows
            self.clear()
            for (code, severity), text in zip(rows, texts):
                item = QListWidgetItem(self._icons[severity == "error"], text)
                item.setForeground(red() if severity == "error" else amber())
                item.setData(WARNING_ROLE, code)
                self.addItem(item)
        else:
            for i, text in enumerate(texts):
                item = self.item(i)
                if item.text() != text:
                    item.setText(text)
        self.setVisible(bool(rows))

    def codes(self) -> list[str]:
        return [code for code, _ in self._rows]

    def _clicked(self, item) -> None:
        group = self.groups[self.row(item)]
        key = (group[0].code, group[0].message)
        n = (self._next.get(key, -1) + 1) % len(group)
        self._next[key] = n
        self.chosen.emit(group[n])


def set_colour(label: QLabel, colour: QColor | None) -> None:
    """Colour a label through its palette (cheap) rather than a style sheet (re-polishes)."""
    if getattr(label, "_colour", None) == (colour.name() if colour else None):
        return
    label._colour = colour.name() if colour else None
    pal = label.palette()
    pal.setColor(QPalette.WindowText, colour or label.parentWidget().palette().color(
        QPalette.WindowText))
    label.setPalette(pal)
