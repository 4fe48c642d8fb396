"""The composer's widgets and their layout (no behaviour: CaptionComposer wires them up).
Kept apart so the composer module reads as what it does. Rows fit a 386 px wide dock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QScrollArea, QStackedWidget, QTimeEdit, QToolButton, QVBoxLayout,
                               QWidget)

from liveassets.publish.platforms import NAMES, PLATFORMS
from liveassets.publish.posts import STATUSES

ZONES = ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Adelaide",
         "Australia/Darwin", "Australia/Perth", "Australia/Hobart", "Pacific/Auckland", "UTC")
from liveassets.ui.posts.calendar_paint import status_icon
from liveassets.ui.posts.caption_edit import CaptionEdit, WarningList, red

class ComposerFormMixin:
    """Builds the widgets as attributes of the composer (Qt Designer's setupUi, by hand).
    Needs `_build_tools(parent)` (ComposerToolsMixin) for the tools row and suggestions and
    `_build_paid(parent)` (ComposerPaidMixin) for the paid row."""

    def _build(self) -> None:
        self.pages = QStackedWidget(self)
        self.empty_label = QLabel("Select a post in the list, or select assets in the grid and "
                                  "press New post (Ctrl+Shift+N).", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.pages.addWidget(self.empty_label)
        body = QWidget(self)
        self.platform_combo = QComboBox(body)
        for p in PLATFORMS:
            self.platform_combo.addItem(NAMES[p], p)
        self.account_edit = QLineEdit(body)
        self.account_edit.setPlaceholderText("@account")
        self.schedule_check = QCheckBox(body)
        self.schedule_check.setToolTip("Scheduled: untick to keep the post without a date")
        self.date_edit = QDateEdit(body)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.time_edit = QTimeEdit(body)
        self.time_edit.setDisplayFormat("HH:mm")
        self.zone_combo = QComboBox(body)
        self.zone_combo.setToolTip("The time zone the post goes out in: the time above is the "
                                   "wall-clock time there")
        for name in ZONES:
            self.zone_combo.addItem(name.split("/")[-1].replace("_", " "), name)
        self.zone_label = QLabel(body)
        self.zone_label.setObjectName("composerZone")
        # Daylight saving: a time that happens twice asks which; one that never happens offers
        # the first time after the gap. Hidden for every other time.
        self.dst_row = QWidget(body)
        self.dst_label = QLabel(self.dst_row)
        self.dst_label.setObjectName("composerDst")
        self.dst_label.setWordWrap(True)
        self.fold_combo = QComboBox(self.dst_row)
        self.fold_combo.setToolTip("This time happens twice that night: which one the post "
                                   "goes out at")
        self.dst_button = QPushButton(self.dst_row)
        self.dst_button.setToolTip("Use the first time after the clocks jump forward")
        dst = QVBoxLayout(self.dst_row)  # the choice under the words: both fit a narrow dock
        dst.setContentsMargins(0, 0, 0, 0)
        dst.addWidget(self.dst_label)
        choice = QHBoxLayout()
        choice.addWidget(self.fold_combo)
        choice.addWidget(self.dst_button)
        choice.addStretch(1)
        dst.addLayout(choice)
        self.dst_row.hide()
        self.status_combo = QComboBox(body)
        for s in STATUSES:
            self.status_combo.addItem(status_icon(s), s.capitalize(), s)
        self.assets_label = QLabel(body)
        self.assets_label.setWordWrap(True)
        self.assets_label.setTextFormat(Qt.PlainText)  # file names are not HTML
        self.paid_row = self._build_paid(body)   # ComposerPaidMixin
        # Where the post went (shown once it is published, or on Post > Mark published…).
        self.published_row = QWidget(body)
        self.published_edit = QLineEdit(self.published_row)
        self.published_edit.setPlaceholderText("Paste the post's link, then Enter")
        self.published_edit.setToolTip("The post's public URL (the platform's Share > Copy "
                                       "link): its post ID is read from it and the time noted")
        self.published_edit.setClearButtonEnabled(True)
        self.published_info = QLabel(self.published_row)
        self.published_info.setObjectName("composerPublished")
        self.published_info.setWordWrap(True)
        self.published_info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.published_error = QLabel(self.published_row)
        self.published_error.setObjectName("composerPublishedError")
        self.published_error.setWordWrap(True)
        self.published_error.setStyleSheet(f"color: {red().name()};")
        self.published_error.hide()
        published = QVBoxLayout(self.published_row)
        published.setContentsMargins(0, 0, 0, 0)
        published.setSpacing(2)
        published.addWidget(self.published_edit)
        published.addWidget(self.published_info)
        published.addWidget(self.published_error)
        self.use_selection_button = QPushButton("Use grid selection", body)
        self.use_selection_button.setToolTip("Link the assets selected in the grid to this post")
        self.editor = CaptionEdit(body)
        self.editor.setObjectName("captionEditor")
        self.editor.setPlaceholderText("Write the caption… (=c1= inserts a handle)")
        self.editor.setMinimumHeight(150)
        self.counter_label = QLabel(body)
        self.counter_label.setObjectName("composerCounter")
        bold = self.counter_label.font()
        bold.setBold(True)
        self.counter_label.setFont(bold)
        self.counter_label.setToolTip(
            "Length of the caption as posted: the text plus the hashtags and mentions below that "
            "it does not already contain, in the platform's own unit")
        self.hashtag_count_label = QLabel(body)
        self.mention_count_label = QLabel(body)
        self._build_tools(body)
        self.hashtags_edit = QLineEdit(body)
        self.hashtags_edit.setPlaceholderText("#tag #tag (added after the caption)")
        self.mentions_edit = QLineEdit(body)
        self.mentions_edit.setPlaceholderText("@creator (added after the caption)")
        self.title_edit = QLineEdit(body)
        self.rights_label = QLabel(body)
        self.rights_label.setWordWrap(True)
        self.rights_label.setTextFormat(Qt.PlainText)  # it names the files the gate blocks
        self.override_button = QPushButton("Override…", body)
        self.override_button.setToolTip("Publish despite the rights gate: who and why is recorded")
        self.warnings_list = WarningList(body)
        self.more_button = QToolButton(body)
        self.more_button.setText("More: first comment, alt text, cover, notes, paid run")
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.RightArrow)
        self.more_button.setAutoRaise(True)
        self.more = QWidget(body)
        self.first_comment_edit = QPlainTextEdit(self.more)
        self.alt_text_edit = QLineEdit(self.more)
        self.alt_text_edit.setPlaceholderText("What the picture shows, for screen readers")
        self.cover_spin = QDoubleSpinBox(self.more)
        self.cover_spin.setRange(-0.1, 36000)
        self.cover_spin.setDecimals(1)
        self.cover_spin.setSingleStep(0.5)
        self.cover_spin.setSuffix(" s")
        self.cover_spin.setSpecialValueText("not set")
        self.notes_edit = QPlainTextEdit(self.more)
        for box in (self.first_comment_edit, self.notes_edit):
            box.setFixedHeight(58)
            box.setTabChangesFocus(True)
        self.state_label = QLabel(body)
        self.state_label.setWordWrap(True)
        self.save_button = QPushButton("Save", body)
        self._layout(body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(body)
        # The save state and Save stay in sight below the scrolling form (a laptop's short
        # dock would otherwise hide them under the fold).
        page = QWidget(self)
        page_column = QVBoxLayout(page)
        page_column.setContentsMargins(0, 0, 0, 0)
        page_column.addWidget(scroll, 1)
        page_column.addLayout(self._bottom_row())
        self.scroll = scroll
        self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    def _layout(self, body: QWidget) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        where = QHBoxLayout()
        where.addWidget(self.platform_combo)
        where.addWidget(self.account_edit, 1)
        form.addRow("Post on", where)
        when = QHBoxLayout()
        when.addWidget(self.schedule_check)
        when.addWidget(self.date_edit, 1)
        when.addWidget(self.time_edit)
        form.addRow("When", when)
        zone = QHBoxLayout()
        zone.addWidget(self.zone_combo)
        zone.addWidget(self.zone_label, 1)
        form.addRow("", zone)
        form.addRow("", self.dst_row)
        state = QHBoxLayout()
        state.addWidget(self.status_combo)
        state.addStretch(1)
        state.addWidget(self.use_selection_button)
        form.addRow("Status", state)
        form.addRow("Published at", self.published_row)
        form.addRow("Reach", self.paid_row)
        form.addRow("Assets", self.assets_label)
        self._main_form = form
        counts = QHBoxLayout()  # the length on its own line: it is what changes as one types
        counts.addWidget(self.hashtag_count_label)
        counts.addStretch(1)
        counts.addWidget(self.mention_count_label)
        tags = QFormLayout()
        tags.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        tags.addRow("Hashtags", self.hashtags_edit)
        tags.addRow("", self.suggest_label)
        tags.addRow("Mentions", self.mentions_edit)
        tags.addRow("Title", self.title_edit)
        self._tags_form = tags
        rights = QHBoxLayout()
        rights.addWidget(self.rights_label, 1)
        rights.addWidget(self.override_button)
        more = QFormLayout(self.more)
        more.setContentsMargins(0, 0, 0, 0)
        more.addRow("First comment", self.first_comment_edit)
        more.addRow("Alt text", self.alt_text_edit)
        more.addRow("Cover at", self.cover_spin)
        more.addRow("Notes", self.notes_edit)
        money, days = self._build_paid_run(self.more)       # ComposerPaidMixin
        more.addRow("Paid budget", money)
        more.addRow("Paid days", days)
        self.more.hide()
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addLayout(rights)  # beside the date and assets it judges, above the fold
        column.addWidget(self.editor, 1)
        column.addWidget(self.counter_label)
        column.addLayout(counts)
        column.addLayout(self.tools_row)
        column.addLayout(tags)
        column.addWidget(self.warnings_list)
        column.addWidget(self.more_button)
        column.addWidget(self.more)

    def _bottom_row(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        bottom.setContentsMargins(9, 4, 9, 0)
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.save_button)
        return bottom
