"""Whether a post's reach was bought, in the composer (mixed into CaptionComposer): a "Paid"
checkbox with the kind in the platforms' words (Spark Ads, Boost, Promotion; publish/paid.py).
Ticking or unticking it, or choosing another kind, is saved at once as one undo step ("Mark
post paid (Spark Ads)", "Mark post organic"), together with any pending edit of the fields.
A post nobody marked shows the box unticked with "not marked" beside it; unticking a paid
post marks it organic. A budget and the paid days are kept when the kind changes (set them
with `liveassets post set`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from liveassets.publish import paid as marks


class ComposerPaidMixin:
    """Needs: post, catalog, _loading, _edited(now=True). Call `_build_paid(parent)` while
    building, `_show_paid(post)` when showing a post, `_current_paid()` when reading the
    fields."""

    def _build_paid(self, parent: QWidget) -> QWidget:
        row = QWidget(parent)
        self.paid_check = QCheckBox("Paid", row)
        self.paid_check.setObjectName("composerPaid")
        self.paid_check.setToolTip("Ticked: money was spent to show this post to more people "
                                   "(the weekly report keeps its figures apart from organic "
                                   "ones). Unticked: organic.")
        self.paid_kind = QComboBox(row)
        self.paid_kind.setObjectName("composerPaidKind")
        for key, name in marks.KINDS.items():
            self.paid_kind.addItem(name, key)
            self.paid_kind.setItemData(self.paid_kind.count() - 1, marks.WHERE[key],
                                       Qt.ToolTipRole)
        self.paid_info = QLabel(row)
        self.paid_info.setObjectName("composerPaidInfo")
        self.paid_info.setEnabled(False)       # drawn muted: a hint, not a value
        self.paid_info.setWordWrap(True)       # a long hint wraps: the dock stays narrow
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.paid_check)
        layout.addWidget(self.paid_kind)
        layout.addWidget(self.paid_info, 1)
        self.paid_check.toggled.connect(self._paid_edited)
        self.paid_kind.currentIndexChanged.connect(self._paid_edited)
        return row

    def _show_paid(self, post) -> None:
        mark = post.paid if post is not None else None
        paid = marks.is_paid(mark)
        self.paid_check.setChecked(paid)
        if paid:
            self.paid_kind.setCurrentIndex(max(self.paid_kind.findData(mark["kind"]), 0))
        elif post is not None:
            # a new mark takes the platform's own kind (a TikTok post: Spark Ads)
            default = {"instagram": "boost", "youtube": "promotion"}.get(post.platform, "spark")
            self.paid_kind.setCurrentIndex(self.paid_kind.findData(default))
        self.paid_kind.setEnabled(paid)
        self._show_paid_info(mark)

    def _show_paid_info(self, mark: dict | None) -> None:
        """Beside the box: the budget and days of a paid mark, else "organic"/"not marked"."""
        if marks.is_paid(mark):
            self.paid_info.setText(marks.details(mark).removeprefix(marks.label(mark))
                                   .lstrip(", "))
        elif mark is None and self._spark_code():
            self.paid_info.setText("not marked: its files came with a Spark Ads code")
        else:
            self.paid_info.setText(marks.label(mark))

    def _spark_code(self) -> bool:
        """An asset of the post came in through intake with a Spark Ads code (likely boosted)."""
        from liveassets.analytics.paid import has_spark_code

        ids = self.post.asset_ids if self.post is not None else []
        return any(has_spark_code(self.catalog.get(a)) for a in ids if a in self.catalog)

    def _current_paid(self) -> dict | None:
        """The mark as the fields show it: the stored one while the box agrees with it."""
        stored = self.post.paid if self.post is not None else None
        if self.paid_check.isChecked():
            kind = self.paid_kind.currentData()
            if marks.is_paid(stored):
                return {**stored, "kind": kind}
            return marks.mark(kind)
        if marks.is_paid(stored):
            return marks.mark(marks.ORGANIC)
        return stored                          # organic, or not marked: left as it was

    def _paid_edited(self, *_args) -> None:
        if self._loading or self.post is None:
            return
        self.paid_kind.setEnabled(self.paid_check.isChecked())
        self._show_paid_info(self._current_paid())
        self._edited(now=True)
