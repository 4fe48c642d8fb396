"""ReportView: one week's figures shown in the window: the summary lines, the KPI table against
the week before, the charts (analytics/charts.py's matplotlib figures on FigureCanvasQTAgg, the
same figures the PDF embeds), top and bottom posts with their thumbnails, and the week's posts
without figures. With nothing imported it shows one sentence on how to import, never blank
charts. It only displays what it is handed (`show_figures`); the dock computes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QLabel, QListWidget,
                               QListWidgetItem, QScrollArea, QSizePolicy, QStackedWidget,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from liveassets.analytics import report_words as words
from liveassets.analytics.report_posts import no_picture_text
from liveassets.ui.theme.palette import is_dark

EMPTY_TEXT = ("No analytics imported yet. Download your accounts' exports (TikTok Studio → "
              "Analytics → Download, Meta Business Suite → Insights → Export, YouTube Studio → "
              "Advanced mode → Export) and bring them in with Import analytics… above, or "
              "`liveassets stats import FILE…`. The report then fills in here.")
EMPTY_WEEK = ("Nothing was imported for {week}. Pick another week with ◀ ▶, or import the "
              "exports that cover it with Import analytics….")
ID_ROLE = Qt.UserRole + 1
THUMB = 64           # list icon size (px)
CHART_HEIGHT = 230   # px: the 6.4 x 2.6 in figures at ~90 dpi
CHARTS = ("views_per_day", "week_vs_previous", "top_posts")


def _label(text: str = "", bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)     # captions and names are drawn as written
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
    if muted:
        label.setEnabled(False)
    return label


class PostList(QListWidget):
    """Posts with thumbnails; activating one (double-click, Enter) emits postActivated with its
    library post id ("" when the export's post is not linked to one)."""

    postActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.itemActivated.connect(lambda item: self.postActivated.emit(item.data(ID_ROLE) or ""))

    def _icon(self, image, missing: str = "no preview") -> QIcon:
        """The thumbnail centred on a square tile (so every row's text starts at the same
        place), or the tile saying why there is none (`missing`: "no preview", or the
        rights that withheld it)."""
        ratio = self.devicePixelRatioF()
        tile = QPixmap(int(THUMB * ratio), int(THUMB * ratio))
        tile.setDevicePixelRatio(ratio)
        tile.fill(self.palette().color(QPalette.AlternateBase))
        painter = QPainter(tile)
        if image is not None:
            picture = QPixmap.fromImage(image).scaled(
                int(THUMB * ratio), int(THUMB * ratio), Qt.KeepAspectRatio,
                Qt.SmoothTransformation)
            picture.setDevicePixelRatio(ratio)
            w, h = picture.width() / ratio, picture.height() / ratio
            painter.drawPixmap(QPointF((THUMB - w) / 2, (THUMB - h) / 2), picture)
        else:
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 0.75)
            painter.setFont(font)
            painter.setPen(self.palette().color(QPalette.PlaceholderText))
            painter.drawText(QRectF(2, 2, THUMB - 4, THUMB - 4),
                             Qt.AlignCenter | Qt.TextWrapAnywhere, missing)
        painter.end()
        return QIcon(tile)

    def fill(self, posts: list[dict], figures: dict, images: dict) -> None:
        self.clear()
        for rank, post in enumerate(posts, 1):
            head = words.post_heading(rank, post, figures)   # "… · paid: Spark Ads"
            caption = " ".join(str(post.get("caption") or "(no caption)").split())
            if len(caption) > 140:
                caption = caption[:139] + "…"
            item = QListWidgetItem(f"{head}\n{caption}\n{words.post_figures(post)}")
            item.setIcon(self._icon(images.get(_key(post)), no_picture_text(post)))
            item.setData(ID_ROLE, post.get("post_id") or "")
            item.setToolTip("Double-click to open the post in the composer" if
                            post.get("post_id") else
                            "Not linked to a library post yet: link it with `liveassets stats "
                            "link POST_ID PLATFORM_POST_ID`")
            item.setSizeHint(QSize(0, max(THUMB + 8, self.fontMetrics().lineSpacing() * 3 + 10)))
            self.addItem(item)
        rows = sum(self.sizeHintForRow(r) for r in range(self.count()))
        self.setFixedHeight(rows + 2 * self.frameWidth() + 2)


def chart_canvas(fig):
    """A FigureCanvasQTAgg showing `fig` that lets the mouse wheel scroll the report: the
    charts do not zoom, and matplotlib's canvas takes every wheel event for itself (scrolling
    stopped dead over a chart)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        def wheelEvent(self, event) -> None:
            event.ignore()

    return ChartCanvas(fig)


def _key(post: dict) -> str:
    return f"{post.get('platform')}|{post.get('platform_post_id')}"


class ReportView(QStackedWidget):
    """The Report dock's body (see the module docstring)."""

    postActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty = _label(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setContentsMargins(24, 24, 24, 24)
        self.addWidget(self.empty)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.week_label = _label(bold=True)
        self.summary = _label()
        self.notes = _label(muted=True)
        # One row per figure, two columns per platform (this week, the change): a half-width
        # dock on a 1280 px laptop shows three platforms without scrolling sideways, where a
        # column per figure (the PDF's layout) needed twice the width.
        self.kpis = QTableWidget(0, 1)
        self.kpis.verticalHeader().hide()
        self.kpis.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.kpis.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.kpis.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.kpis.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.denominator = _label(muted=True)
        self.chart_box = QVBoxLayout()
        self.top = PostList()
        self.bottom = PostList()
        self.ranking = _label(muted=True)
        # Paid reach apart (analytics/paid.py): the organic/paid split and the paid posts,
        # shown only when a post of the week was paid
        self.paid_title = _label("Paid and organic posts", bold=True)
        self.paid_table = QTableWidget(0, 7)
        self.paid_table.verticalHeader().hide()
        self.paid_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.paid_table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.paid_lines = _label(muted=True)
        self.paid_posts_title = _label("Paid posts", bold=True)
        self.paid_posts = PostList()
        for plist in (self.top, self.bottom, self.paid_posts):
            plist.postActivated.connect(self.postActivated)
        self.missing = _label()
        # the notes (lags, lifetime totals) go last, with a one-line pointer under the
        # summary: five of them pushed the totals below a laptop's fold
        self.notes_pointer = _label(muted=True)
        self.notes_title = _label("Notes on these figures", bold=True)
        for widget in (self.week_label, self.summary, self.notes_pointer,
                       _label("Totals", bold=True), self.kpis, self.denominator,
                       self.paid_title, self.paid_table, self.paid_lines):
            self.layout_.addWidget(widget)
        self.layout_.addLayout(self.chart_box)
        for widget in (_label("Top posts", bold=True), self.ranking, self.top,
                       _label("Bottom posts", bold=True), self.bottom, self.paid_posts_title,
                       self.paid_posts, _label("Published this week, no figures yet", bold=True),
                       self.missing, self.notes_title, self.notes):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)
        scroll.setWidget(body)
        self.addWidget(scroll)
        self.canvases: dict[str, QWidget] = {}
        self.figures: dict | None = None

    # -- showing ---------------------------------------------------------------------------
    def show_empty(self, text: str = EMPTY_TEXT) -> None:
        self._clear_charts()
        self.figures = None
        self.empty.setText(text)
        self.setCurrentWidget(self.empty)

    def show_figures(self, figures: dict, images: dict, missing: list[str],
                     dark: bool = True) -> None:
        """Show `figures` (weekly_report's dict, maybe narrowed to a platform); `images`
        {platform|platform post id: QImage} thumbnails; `missing` lines for the week's posts
        without figures (report_pdf.no_figures_lines)."""
        if not words.has_figures(figures):
            self.show_empty(EMPTY_WEEK.format(week=figures.get("week", "this week")))
            return
        self.figures = figures
        self.week_label.setText(words.week_line(figures))
        self.summary.setText("\n".join(f"• {s}" for s in figures.get("summary") or
                                       ["Too few figures this week for a statement."]))
        notes = figures.get("notes") or []
        self.notes.setText("\n".join(f"• {n}" for n in notes))
        self.notes_pointer.setText(f"{len(notes)} note{'s' if len(notes) != 1 else ''} on these "
                                   "figures (provisional days, lifetime totals) at the end.")
        for widget in (self.notes, self.notes_title, self.notes_pointer):
            widget.setVisible(bool(notes))
        self._fill_kpis(figures)
        self.denominator.setText(words.denominator_line(figures))
        self._charts(figures, dark)
        self.top.fill((figures.get("top") or [])[:5], figures, images)
        self.bottom.fill((figures.get("bottom") or [])[:5], figures, images)
        self._fill_paid(figures, images)
        self.missing.setText("\n".join(f"• {m}" for m in missing) if missing else
                             "None: every post published this week has figures.")
        self.setCurrentIndex(1)

    def _fill_kpis(self, figures: dict) -> None:
        platforms = sorted((figures.get("platforms") or {}).items())
        self.kpis.clear()
        self.kpis.setColumnCount(1 + 2 * len(platforms))
        self.kpis.setRowCount(len(words.KPIS))
        headers = ["Figure"]
        for key, _ in platforms:
            headers += [words.platform_name(key), "vs week\nbefore"]
        self.kpis.setHorizontalHeaderLabels(headers)
        for c, (key, p) in enumerate(platforms):
            accounts = ", ".join("@" + str(a).lstrip("@") for a in p.get("accounts") or [])
            self.kpis.horizontalHeaderItem(1 + 2 * c).setToolTip(accounts or key)
        bold = self.font()
        bold.setBold(True)
        for r, (k, label) in enumerate(words.KPIS):
            name = QTableWidgetItem(label)
            self.kpis.setItem(r, 0, name)
            fmt = words.percent if k == "engagement_rate" else words.number
            for c, (_, p) in enumerate(platforms):
                prev = p.get("previous") or {}
                this = QTableWidgetItem(fmt(p.get(k)))
                this.setFont(bold)
                change = QTableWidgetItem(words.change(p.get(k), prev.get(k),
                                                       rate=k == "engagement_rate"))
                change.setToolTip(f"week before: {fmt(prev.get(k))}")
                for col, item in ((1 + 2 * c, this), (2 + 2 * c, change)):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    self.kpis.setItem(r, col, item)
        self.kpis.resizeColumnsToContents()
        header = self.kpis.horizontalHeader()
        height = max(header.height(), header.sizeHint().height()) + sum(
            self.kpis.rowHeight(r) for r in range(self.kpis.rowCount())) + \
            2 * self.kpis.frameWidth()
        # room for the scroll bar when the dock is narrower than the table
        self.kpis.setFixedHeight(height + self.kpis.horizontalScrollBar().sizeHint().height())

    def _fill_paid(self, figures: dict, images: dict) -> None:
        """The organic/paid table, its lines, the ranking line and the paid posts (the same
        words as the PDF: report_words.paid_groups, paid_lines, ranking_line)."""
        groups = words.paid_groups(figures)
        self.ranking.setText(words.ranking_line(figures))
        self.ranking.setVisible(bool(groups))
        for widget in (self.paid_title, self.paid_table, self.paid_lines,
                       self.paid_posts_title, self.paid_posts):
            widget.setVisible(bool(groups))
        self.paid_table.clear()
        self.paid_table.setRowCount(len(groups))
        self.paid_table.setHorizontalHeaderLabels(
            ["Platform · paid or organic", "Posts", "Views", "Likes", "Comments", "Shares",
             "Eng. rate"])
        for r, (name, g) in enumerate(groups.items()):
            cells = [name, words.number(g.get("posts")), words.number(g.get("views")),
                     words.number(g.get("likes")), words.number(g.get("comments")),
                     words.number(g.get("shares")), words.percent(g.get("engagement_rate"))]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.paid_table.setItem(r, c, item)
        self.paid_table.resizeColumnsToContents()
        header = self.paid_table.horizontalHeader()
        self.paid_table.setFixedHeight(
            max(header.height(), header.sizeHint().height())
            + sum(self.paid_table.rowHeight(r) for r in range(len(groups)))
            + 2 * self.paid_table.frameWidth()
            + self.paid_table.horizontalScrollBar().sizeHint().height())
        self.paid_lines.setText("\n".join(words.paid_lines(figures)))
        self.paid_posts.fill((figures.get("paid_posts") or [])[:5], figures, images)

    def paid_rows(self) -> list[list[str]]:
        """The organic/paid table as shown, row by row."""
        return [[self.paid_table.item(r, c).text() for c in range(self.paid_table.columnCount())]
                for r in range(self.paid_table.rowCount())]

    def kpi(self, platform: str, label: str) -> tuple[str, str, str]:
        """(this week, the change, the week before) as the KPI table shows them for
        `platform`'s name ("TikTok") and a figure's label ("Views")."""
        headers = [self.kpis.horizontalHeaderItem(c).text()
                   for c in range(self.kpis.columnCount())]
        rows = [self.kpis.item(r, 0).text() for r in range(self.kpis.rowCount())]
        r, c = rows.index(label), headers.index(platform)
        change = self.kpis.item(r, c + 1)
        return (self.kpis.item(r, c).text(), change.text(),
                change.toolTip().removeprefix("week before: "))

    def kpi_platforms(self) -> list[str]:
        return [self.kpis.horizontalHeaderItem(c).text()
                for c in range(1, self.kpis.columnCount(), 2)]

    # -- charts ----------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        """A palette switch (View > Palette) redraws the charts in the new colours."""
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and self.figures is not None and self.canvases:
            self._charts(self.figures, is_dark(self.palette()))

    def _clear_charts(self) -> None:
        for canvas in self.canvases.values():
            self.chart_box.removeWidget(canvas)
            canvas.figure.clear()
            canvas.deleteLater()
        self.canvases = {}

    def _charts(self, figures: dict, dark: bool) -> None:
        # matplotlib loads here, when a report is first shown: imported with the window it
        # added 0.52 s to every start (python -X importtime)
        from liveassets.analytics import charts

        self._clear_charts()
        theme = dict(charts.DARK if dark else charts.LIGHT)
        theme["bg"] = self.palette().color(self.backgroundRole()).name()
        for name in CHARTS:
            build = dict(charts.BUILDERS)[name]
            fig = build(figures, theme)
            if fig is None:
                continue
            canvas = chart_canvas(fig)
            canvas.setObjectName(f"chart_{name}")
            canvas.setMinimumHeight(CHART_HEIGHT)
            canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            canvas.setFixedHeight(CHART_HEIGHT)
            self.chart_box.addWidget(canvas)
            self.canvases[name] = canvas
