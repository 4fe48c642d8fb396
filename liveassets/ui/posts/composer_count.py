"""What the composer measures (mixed into CaptionComposer): the caption's length in the
platform's own unit, hashtag and mention counts against the rules in effect on the post's day
(with their dates and sources in the tooltips), the warnings list and the marks in the text,
and selecting a warning's span when it is clicked. Runs on every keystroke: see
composer.py for the timings."""

from __future__ import annotations

from dataclasses import replace

from liveassets.publish.captions import analyse, split_hashtags, split_mentions
from liveassets.publish.platforms import NAMES, rules_for
from liveassets.ui.posts.caption_edit import (amber, red, select_in_editor, select_in_line,
                                              set_colour)


class ComposerCountMixin:
    """Needs the composer's post, editor, hashtags_edit, mentions_edit, title_edit, the count
    labels, warnings_list and _context; sets report, _body and _full."""

    def _analyse(self, typing: bool = False) -> None:
        """Counters, warnings and marks for the text as it is now (runs on every keystroke)."""
        if self.post is None:
            return
        platform = self._platform()
        body = self.editor.text()
        probe = replace(self.post, body=body, platform=platform,
                        hashtags=split_hashtags(self.hashtags_edit.text()),
                        mentions=split_mentions(self.mentions_edit.text()))
        full = probe.full_caption()
        photo = self._photo(platform)
        rules = rules_for(platform, photo=photo, on=self._context.on, book=self._context.book)
        has_title = rules.title_limit is not None
        report = analyse(full, platform, photo=photo, context=self._context,
                         title=self.title_edit.text().strip() if has_title else None)
        self.report, self._body, self._full = report, body, full
        self.counter_label.setText(f"{report.length:,} / {report.limit:,} {report.unit_name}")
        set_colour(self.counter_label, red() if report.length > report.limit else None)
        sources = (f"{NAMES[platform]} rules in effect on the post's day:\n{rules.describe()}"
                   "\n\nA platform changed a rule? Record it in Settings… > Platform rules.")
        self.counter_label.setToolTip(sources)
        n, cap, rec = len(report.hashtags), report.hashtag_limit, report.recommended_hashtags
        text = f"{n} hashtag{'' if n == 1 else 's'}" + (f" / {cap}" if cap else "")
        self.hashtag_count_label.setText(text + (f" · {rec} recommended" if rec else ""))
        self.hashtag_count_label.setToolTip(
            (f"{NAMES[platform]} allows {cap}. " if cap else "") +
            (f"The team recommends {rec} or fewer." if rec else "") + "\n\n" + sources)
        set_colour(self.hashtag_count_label, red() if cap and n > cap else
                    amber() if rec and n > rec else None)
        m, mcap = len(report.mentions), report.mention_limit
        self.mention_count_label.setText(f"{m} mention{'' if m == 1 else 's'}" +
                                         (f" / {mcap}" if mcap else ""))
        set_colour(self.mention_count_label, red() if mcap and m > mcap else None)
        self.warnings_list.show_warnings(report.warnings, now=not typing)
        self.editor.show_marks(report.warnings, body, now=not typing)
        self._update_suggestions()

    def show_warning(self, w) -> None:
        """Select the warning's span: in the caption box, or in the field it came from (hashtags
        and mentions listed below the caption are appended to it when posted)."""
        if w is None:
            return
        if w.code == "title_over_limit":
            self.title_edit.setFocus()
            self.title_edit.selectAll()
            return
        base = len(self._body.rstrip())
        if w.start < base:
            select_in_editor(self.editor, self._body, w.start, min(w.end, base))
            return
        token = self._full[w.start:w.end].casefold()
        for edit in (self.hashtags_edit, self.mentions_edit):
            i = edit.text().casefold().find(token) if token else -1
            if i >= 0:
                select_in_line(edit, i, i + len(token))
                return
        self.hashtags_edit.setFocus()
        self.hashtags_edit.selectAll()
