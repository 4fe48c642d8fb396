"""Whether a post's reach was bought, in the composer (mixed into CaptionComposer): a "Paid"
checkbox with the kind in the platforms' words (Spark Ads, Boost, Promotion; publish/paid.py).
Ticking or unticking it, or choosing another kind, is saved at once as one undo step ("Mark
post paid (Spark Ads)", "Mark post organic"), together with any pending edit of the fields.
A post nobody marked shows the box unticked with "not marked" beside it; unticking a paid
post marks it organic. Under More, a paid post's budget, currency and days (the "paid run")
are saved when a field is left, one undo step each ("Edit the paid run"); a budget or day
that cannot be read is said in the save line and nothing is stored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from liveassets.errors import UserError
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

    def _build_paid_run(self, parent: QWidget) -> tuple[QWidget, QWidget]:
        """The paid run's rows for the More section: (budget and currency, first and last
        day); enabled while the post is marked paid."""
        money = QWidget(parent)
        self.paid_budget = QLineEdit(money)
        self.paid_budget.setObjectName("composerPaidBudget")
        self.paid_budget.setPlaceholderText("amount, e.g. 250")
        self.paid_currency = QComboBox(money)
        self.paid_currency.setObjectName("composerPaidCurrency")
        self.paid_currency.setEditable(True)
        self.paid_currency.addItems(["", "AUD", "NZD", "USD"])
        self.paid_currency.setToolTip("ISO 4217 code")
        days = QWidget(parent)
        self.paid_from = QLineEdit(days)
        self.paid_to = QLineEdit(days)
        # the day first, as every date field of the window takes it (typed_dates.py)
        for edit, word in ((self.paid_from, "first day, e.g. 24/11/2026"),
                           (self.paid_to, "last day, e.g. 30/11/2026")):
            edit.setPlaceholderText(word)
        for box, widgets in ((money, (self.paid_budget, self.paid_currency)),
                             (days, (self.paid_from, self.paid_to))):
            layout = QHBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            for w in widgets:
                layout.addWidget(w, 1)
        for edit in (self.paid_budget, self.paid_from, self.paid_to):
            edit.editingFinished.connect(self._paid_run_edited)
        self.paid_currency.lineEdit().editingFinished.connect(self._paid_run_edited)
        self.paid_currency.activated.connect(self._paid_run_edited)
        return money, days

    def _show_paid(self, post) -> None:
        mark = post.paid if post is not None else None
        paid = marks.is_paid(mark)
        self.paid_check.setChecked(paid)
        if paid:
            self.paid_kind.setCurrentIndex(max(self.paid_kind.findData(mark["kind"]), 0))
        elif post is not None:
            # a new mark takes the platform's own kind (a TikTok post: Spark Ads; X calls
            # paying to show a post "Promote")
            default = {"instagram": "boost", "youtube": "promotion",
                       "x": "promotion"}.get(post.platform, "spark")
            self.paid_kind.setCurrentIndex(self.paid_kind.findData(default))
        self.paid_kind.setEnabled(paid)
        budget = mark.get("budget") if paid else None
        texts = ((self.paid_budget, _amount(budget)),
                 (self.paid_from, (mark or {}).get("from") or "" if paid else ""),
                 (self.paid_to, (mark or {}).get("to") or "" if paid else ""))
        for edit, text in texts:
            if edit.text() != text:
                edit.setText(text)
            edit.setEnabled(paid)
        self.paid_currency.setEditText((mark or {}).get("currency") or "" if paid else "")
        self.paid_currency.setEnabled(paid)
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
        """The mark as the fields show it (a paid one as typed: Post.validated checks it and
        says what is wrong); the stored one while the box agrees with it."""
        stored = self.post.paid if self.post is not None else None
        if self.paid_check.isChecked():
            return {"kind": self.paid_kind.currentData(),
                    "budget": self.paid_budget.text().strip() or None,
                    "currency": self.paid_currency.currentText().strip(),
                    "from": self.paid_from.text().strip() or None,
                    "to": self.paid_to.text().strip() or None}
        if marks.is_paid(stored):
            return marks.mark(marks.ORGANIC)
        return stored                          # organic, or not marked: left as it was

    def _paid_edited(self, *_args) -> None:
        if self._loading or self.post is None:
            return
        paid = self.paid_check.isChecked()
        for w in (self.paid_kind, self.paid_budget, self.paid_currency, self.paid_from,
                  self.paid_to):
            w.setEnabled(paid)
        self._edited(now=True)
        self._refresh_paid_info()

    def _refresh_paid_info(self) -> None:
        """The hint beside the box for the mark as the fields show it (unchanged while a
        field cannot be read: the save line says what is wrong)."""
        try:
            self._show_paid_info(marks.normalised(self._current_paid()))
        except UserError:
            pass

    def _paid_run_edited(self, *_args) -> None:
        if self._loading or self.post is None or not self.paid_check.isChecked():
            return
        current = self._current_paid()
        stored = self.post.paid or {}
        same = all(str(current.get(k) or "").upper() == str(stored.get(k) or "").upper()
                   for k in ("currency", "from", "to"))
        try:
            same = same and marks.mark(**_args_of(current))["budget"] == stored.get("budget")
        except UserError:
            same = False
        if not same:
            self._edited(now=True)
            self._refresh_paid_info()


def _amount(budget) -> str:
    """A stored budget as typed: 250.0 -> "250", 1234567.89 -> "1234567.89" (never "%g"'s
    1.23457e+06, which leaving the field would store as 1234570)."""
    if budget is None:
        return ""
    return f"{budget:.2f}".rstrip("0").rstrip(".")


def _args_of(mark: dict) -> dict:
    return {"kind": mark["kind"], "budget": mark.get("budget"),
            "currency": mark.get("currency") or "", "start": mark.get("from"),
            "end": mark.get("to")}
