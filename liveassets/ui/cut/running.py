"""Rendering from the cut editor: validate first (every problem in one message), let a rights
block be overridden explicitly with a reason (recorded in the cut's history), then render or
quick-export on a worker with progress, time left and Cancel; the clip joins the library, a
preview plays in the Watch tab; the result line says the loudness the render reached."""

from __future__ import annotations

import os

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from liveassets.cuts.plan import CutPlan
from liveassets.people import user_name
from liveassets.ui.cut.jobs import start_render


def secs(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + " s"


def clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


def sound_line(result, plan: CutPlan) -> str:
    """"; sound -14.0 LUFS, true peak -1.2 dBTP (target -14 LUFS)" for a render's result
    line: the loudness the render measured (cuts/loudness.py) and the plan's target ("not
    levelled" when loudness is off), or "" when nothing was measured (a quick export copies
    the sound as it is)."""
    from liveassets.cuts.loudness import describe, for_plan
    from liveassets.errors import UserError

    measured = getattr(result, "loudness", None)
    if not measured:
        return ""
    try:
        target = for_plan(plan)
    except (ValueError, UserError):  # a bad value was named before the render started
        target = None
    said = describe(measured)
    if not target:
        aim = " (not levelled)"
    elif "; peaks limited" in said:   # "... to reach -14 LUFS" names the target already
        aim = ""
    else:
        aim = f" (target {target['target_lufs']:g} LUFS)"
    return f"; sound {said}{aim}"


def _bullets(problems) -> str:
    return "\n".join(f"• {p}" for p in problems)


class RenderingMixin:
    """For CutEditor: needs plan, catalog, jobs, signals, token, render_size, output_path,
    last_output, status, progress, eta_label, cancel_button, show_button, render_button and
    watching (a finished preview plays in its Watch tab)."""

    def choose_output(self) -> None:
        from liveassets.cuts.store import default_output

        start = self.output_path or str(default_output(self.catalog, self.plan))
        # Not asked "replace?": a render never replaces a file, it is numbered beside it.
        path, _ = QFileDialog.getSaveFileName(self, "Render to", start, "MP4 video (*.mp4)",
                                              options=QFileDialog.DontConfirmOverwrite)
        if path:
            self.output_path = path if path.lower().endswith(".mp4") else path + ".mp4"
            self.status.setText(f"Renders go to {self.output_path} (numbered \"(2)\", "
                                "\"(3)\"… when a file of that name is there)")

    def problems(self) -> list:
        """Every blocking problem with the plan (rights checked against the library)."""
        from liveassets.cuts.validate import blocking, validate

        return blocking(validate(self.plan, self.catalog))

    def ask_override(self, problems) -> str | None:
        """Ask whether to publish despite the rights blocks; the reason given, or None."""
        if not self._confirm("Rights block this cut", "A public cut may only use assets cleared "
                             "for publishing today:\n\n" + _bullets(problems), "Override…",
                             QMessageBox.DestructiveRole):
            return None
        reason, ok = QInputDialog.getText(
            self, "Override the rights block",
            "Why may these go out anyway? (kept in the cut's history, with your name)")
        return reason.strip() if ok and reason.strip() else None

    def _ready(self, action: str) -> bool:
        """Validate; a block made only of rights problems may be overridden by the user."""
        if not self.plan.segments:
            QMessageBox.information(self, "Nothing to render", "Add clips or photos to the "
                                    "cut first (select them and press Ctrl+K).")
            return False
        problems = self.problems()
        if problems and all(p.rights for p in problems):
            reason = self.ask_override(problems)
            if reason:
                self.plan.rights_override = {"by": user_name(), "reason": reason}
                problems = self.problems()
        if problems:
            QMessageBox.warning(self, f"The cut cannot be {action}",
                                f"Fix {'these' if len(problems) > 1 else 'this'} first:\n\n"
                                + _bullets(problems))
            self.status.setText(f"Not {action}: {len(problems)} problem"
                                f"{'s' if len(problems) != 1 else ''}.")
            return False
        warnings = self.warnings()
        if warnings and not self.ask_warnings(warnings):
            self.status.setText(f"Not {action}: fix the text first, or render anyway.")
            return False
        return True

    def warnings(self) -> list:
        """Warnings worth seeing before a render: text with characters no font can draw."""
        from liveassets.cuts.validate import glyph_warnings

        return [p for p in glyph_warnings(self.plan) if p.warning]

    def ask_warnings(self, warnings) -> bool:
        """Show the warnings; True if the user renders anyway."""
        return self._confirm("Some text cannot be drawn", "These characters would show as "
                             "empty boxes in the video:\n\n" + _bullets(warnings),
                             "Render anyway", QMessageBox.AcceptRole)

    def _confirm(self, title: str, text: str, button: str, role) -> bool:
        """A warning with one action button and Cancel; True when the action was clicked."""
        box = QMessageBox(QMessageBox.Warning, title, text, parent=self)
        action = box.addButton(button, role)
        box.addButton(QMessageBox.Cancel)
        box.exec()
        return box.clickedButton() is action

    def start_render(self, mode: str = "render") -> bool:
        """Validate, save the plan, then render (`mode` "render"), quick-export ("quick") or
        render a half-size preview ("preview", written beside the renders, not indexed)."""
        from liveassets.cuts.store import default_output, numbered, save_cut

        if self.token is not None or not self._ready("exported" if mode == "quick"
                                                     else "rendered"):
            return False
        try:
            save_cut(self.catalog, self.plan)
            preview = mode == "preview"
            out = (None if preview else self.output_path) \
                or str(default_output(self.catalog, self.plan, preview=preview))
            if not preview:  # an earlier render is kept, file and asset: "name (2).mp4"
                out = str(numbered(out))
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, "The cut cannot be rendered", str(exc))
            return False
        self.last_output = None
        self._mode = mode
        if mode == "preview":
            self.watching.release()  # the new preview replaces the file the player holds
        self._running(True)
        doing = {"quick": "Exporting", "preview": "Rendering a preview"}.get(mode, "Rendering")
        self.status.setText(f"{doing} to {out}…")
        # The worker renders a copy, so editing on while it runs cannot change what it reads;
        # the history it gains goes back to the plan it was copied from, even if another cut
        # is open by the time it finishes.
        self._job_source = self.plan
        self._job_plan = CutPlan.from_dict(self.plan.to_dict())
        # `token` is the running job (its cancel() stops the render); every job reports back,
        # so the progress and Cancel always go away (finished, failed or cancelled).
        job = start_render(self.jobs, self.signals, self.catalog, self._job_plan, out,
                           self.render_size, mode, owner=self, captions=self.captions.mode())
        self.token = None if job.reported else job  # an inline runner has reported already
        return True

    def preview(self) -> bool:
        return self.start_render("preview")

    def quick_export(self) -> bool:
        """Stream copy when the cut only trims alike clips; the keyframe snapping explained."""
        from liveassets.cuts.quick import qualifies, snapping

        if not self.plan.segments:
            return self.start_render("quick")  # says there is nothing to export
        ok, why = qualifies(self.plan, captions=self.captions.mode())
        if not ok:
            QMessageBox.information(self, "Quick export is not possible", why)
            return False
        try:
            text = snapping(self.plan)
        except Exception as exc:  # noqa: BLE001 - an unreadable source: validation names it
            text = f"The clips could not be read for their keyframes ({exc})."
        if not self.confirm_quick(text):
            return False
        return self.start_render("quick")

    def confirm_quick(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Quick export", text + "\n\nExport now?",
                                      QMessageBox.Ok | QMessageBox.Cancel)
        return answer == QMessageBox.Ok

    def cancel_render(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def is_rendering(self) -> bool:
        return self.token is not None

    def _running(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.eta_label.setVisible(on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)
        self.show_button.setVisible(not on and self.last_output is not None)
        if on:
            self.progress.setRange(0, 0)
            self.eta_label.setText("")
        self._update_total()

    def _progress(self, phase: str, done: int, total: int, eta) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{phase} %p%")
        self.eta_label.setText(f"about {clock(eta)} left" if eta is not None else "")

    def _finished(self, result, asset_id) -> None:
        from liveassets.cuts.store import save_cut

        self.token = None
        self.last_output = result.path
        source = self._job_source
        source.history = list(self._job_plan.history)  # "rendered" (and any override)
        try:
            save_cut(self.catalog, source)
        except (ValueError, OSError):
            pass  # the render itself is done; the plan was saved before it started
        self._running(False)
        heard = sound_line(result, self._job_plan)
        if self._mode == "preview":  # a draft to look at: played here, never indexed
            self.status.setText(f"Preview {os.path.basename(result.path)} "
                                f"({secs(result.duration)}, half size; not in the library)"
                                f"{heard}.")
            self.watching.show_preview(result.path, self._job_plan, result.duration)
            self.previewed.emit(result.path)
            return
        note = "" if asset_id else " (it could not be added to the library)"
        sidecar = getattr(result, "sidecar", None)
        note += f"; captions in {os.path.basename(sidecar)} beside it" if sidecar else ""
        self.status.setText(f"Rendered {os.path.basename(result.path)} "
                            f"({secs(result.duration)}){note}{heard}.")
        self.rendered.emit(asset_id)

    def _failed(self, message: str) -> None:
        self.token = None
        self._running(False)
        self.status.setText(f"Not rendered: {message}")
        QMessageBox.warning(self, "The render failed", message)

    def _cancelled(self) -> None:
        self.token = None
        self._running(False)
        self.status.setText("Render cancelled; nothing was written.")

    def show_in_folder(self) -> None:
        if self.last_output:
            QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(self.last_output)))
