"""The app's own manifest template: a CSV (or an .xlsx workbook) with one column per field
(fields.LABELS), which `liveassets intake` maps without asking."""

from __future__ import annotations

import csv
from pathlib import Path

from liveassets.atomic import ExportError, write_atomic
from liveassets.intake.fields import LABELS


def write_template(path: str | Path, force: bool = False) -> Path:
    """Write the header row to `path`: .csv as UTF-8 with a BOM (so Excel opens it as UTF-8),
    .xlsx as a workbook (openpyxl); the two forms intake reads.

    Raises ExportError (one line) for any other ending (CSV text in a file named .xlsx or .txt
    is a file Excel refuses and intake cannot read back), when it exists and `force` is False,
    or when it cannot be written.
    """
    ending = Path(path).suffix.lower()
    if ending not in (".csv", ".xlsx"):
        raise ExportError(f"{Path(path).name}: the template is written as .csv or .xlsx; give "
                          "the file one of those endings.")

    def fill(tmp: Path) -> None:
        if ending == ".xlsx":
            from openpyxl import Workbook

            book = Workbook()
            book.active.title = "Submissions"
            book.active.append(list(LABELS.values()))
            book.save(tmp)
            return
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerow(LABELS.values())

    return write_atomic(path, fill, force=force)
