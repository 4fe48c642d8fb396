"""The pack's manifest: one row per file with where it came from and the rights it travels
with, as `manifest.csv` (for people: UTF-8 with BOM for Excel, formula-safe cells) and
`manifest.json` (exact values, for tools)."""

from __future__ import annotations

import csv
import io
import json
import os

from liveassets.catalog.channels import channels_of, describe
from liveassets.cells import fit_excel, text_cell
from liveassets.safe_paths import utf8_tree


COLUMNS = ("file", "sidecar", "original_name", "original_path", "real_path", "kind", "size", "pack_size",
           "duration", "tags", "rights_status", "rights_expires", "owner", "credit", "terms",
           "channels", "model_release", "caption", "fingerprint")


def row(item, folder: str, pack_size: tuple[int, int] | None = None) -> dict:
    """The manifest row of one PackItem (`pack_size`: pixels of the rendition, if made)."""
    asset = item.asset
    rights = asset.get("rights") or {}
    width, height = asset.get("width"), asset.get("height")
    size = pack_size or item.size
    return {
        "file": f"{folder}/{item.file}",
        "sidecar": f"{folder}/{item.sidecar}" if item.sidecar else "",
        "original_name": asset.get("name") or "",
        "original_path": asset.get("path") or "",
        # Where the bytes really come from: differs from original_path when the file was
        # reached through a symbolic link (scan --follow-links).
        "real_path": os.path.realpath(asset["path"]) if asset.get("path") else "",
        "kind": asset.get("kind") or "",
        "size": f"{width}x{height}" if width and height else "",
        "pack_size": f"{size[0]}x{size[1]}" if size else "",
        "duration": round(float(asset["duration"]), 3) if asset.get("duration") else None,
        "tags": list(asset.get("tags") or []),
        "rights_status": rights.get("status") or "unknown",
        "rights_expires": rights.get("expires"),
        "owner": rights.get("owner") or "",
        "credit": rights.get("credit") or "",
        "terms": rights.get("terms") or "",
        # where the rights let it be posted: "TikTok only", "every channel" (catalog.channels)
        "channels": describe(channels_of(rights)),
        "model_release": rights.get("model_release"),
        "caption": asset.get("caption") or "",
        "fingerprint": asset.get("fingerprint") or "",
    }


def csv_bytes(rows: list[dict]) -> bytes:
    """manifest.csv: formula-safe cells (`cells.text_cell`), a cell over Excel's limit cut with
    a visible mark (`cells.fit_excel`; manifest.json keeps the whole text)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([fit_excel(text_cell(r.get(c)))[0] for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def json_bytes(rows: list[dict], about: dict, left_out: list) -> bytes:
    doc = {**about, "files": rows,
           "left_out": [{"name": x.name, "path": x.path, "reason": x.reason, "id": x.asset_id}
                        for x in left_out]}
    return json.dumps(utf8_tree(doc), ensure_ascii=False, indent=1).encode("utf-8")


def read_csv(data: bytes) -> list[dict]:
    """Rows of a manifest.csv (for tests and re-imports); cells as written (with any ')."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
