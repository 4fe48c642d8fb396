"""The app's own manifest template: a CSV with one column per field (fields.LABELS), which
`liveassets intake` maps without asking."""

from __future__ import annotations

import csv
from pathlib import Path

from liveassets.atomic import write_atomic
from liveassets.intake.fields import LABELS


def write_template(path: str | Path, force: bool = False) -> Path:
    """Write the header row (UTF-8 with a BOM, so Excel opens it as UTF-8) to `path`.

    Raises ExportError (one line) when it exists and `force` is False, or cannot be written.
    """
    def fill(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerow(LABELS.values())

    return write_atomic(path, fill, force=force)
