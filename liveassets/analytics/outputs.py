"""The weekly report written to a file, the format picked by the file's suffix: .pdf (the
document people send, report_pdf.py), .xlsx (the figures as numbers and dates, report_xlsx.py)
or .html (one self-contained page, report_html.py). Every write is atomic (atomic.py): the file
lands whole or not at all, an existing file is kept unless `force`, an original never replaced."""

from __future__ import annotations

from pathlib import Path

from liveassets.atomic import ExportError, write_atomic

FORMATS = {".pdf": "PDF document", ".xlsx": "Excel workbook", ".html": "web page",
           ".htm": "web page"}


def _writer(suffix: str):
    if suffix == ".pdf":
        from liveassets.analytics.report_pdf import write_pdf
        return write_pdf
    if suffix == ".xlsx":
        from liveassets.analytics.report_xlsx import write_xlsx
        return write_xlsx
    from liveassets.analytics.report_html import write_html
    return write_html


def write_report(figures: dict, path: str | Path, catalog=None, *, force: bool = False,
                 charts: bool = True) -> Path:
    """Write the report for `figures` (weekly.weekly_report's dict) to `path`; returns the
    path written. `catalog` gives the posts' thumbnails (None: "no preview").
    Raises ExportError (a UserError, one line) for a suffix other than .pdf/.xlsx/.html, an
    existing file without `force`, a missing folder, or a failed write (full disk, ...)."""
    path = Path(path).expanduser()
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path.name}: the report can be written as .pdf, .xlsx or .html; "
                          "give the file one of those endings.")
    write = _writer(suffix)

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            write(figures, fh, catalog, charts=charts)

    return write_atomic(path, fill, force=force, catalog=catalog)
