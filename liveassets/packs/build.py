"""Writing a planned pack: OUT.zip or OUT_DIR, whole or not at all.

Everything goes to a temporary name beside the target (`.OUT.zip.<id>.partial`) and is renamed
when complete, so a cancelled, failed or interrupted build leaves nothing behind; an existing
pack is only replaced with force=True. Renditions are made on a thread pool (Pillow releases
the GIL while decoding, resizing and encoding) with a bounded window of jobs in flight, while
this thread writes finished files in plan order; copies stream in 4 MiB chunks so cancel is
prompt even inside a large video. (Drawing the contact sheet on a thread of its own while
copying made packs of originals slower, not faster: the copy loop waits for the GIL.)
Media are stored (already compressed), text is deflated, and ZIP64 is on for packs past 4 GiB.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import time
import uuid
import zipfile
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from liveassets import clock
from liveassets import temps
from liveassets.catalog.channels import channels_of, ordered
from liveassets.catalog.errors import CatalogError
from liveassets.errors import disk_message
from liveassets.catalog.rights import allowed_channels, may_publish
from liveassets.jobs import CancelToken, Progress, ProgressFn, no_progress
from liveassets.media.location import LocationError, copy_video_without_location
from liveassets.people import user_name
from liveassets.packs import contact_sheet, manifest, readme, xmp
from liveassets.packs.plan import AUDIENCES, FOLDER, LeftOut, PackError, PackPlan
from liveassets.packs.renditions import RenditionError, render_jpeg
from liveassets.originals import refuse_original
from liveassets.safe_paths import utf8

CHUNK = 4 << 20


@dataclass
class PackReport:
    path: Path
    files: int = 0  # media files in the pack
    bytes: int = 0  # size of the finished zip or folder
    pages: int = 0  # contact sheet pages
    seconds: float = 0.0
    rows: list[dict] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def build(catalog, plan: PackPlan, out_path, progress: ProgressFn = no_progress,
          cancel: CancelToken | None = None, force: bool = False,
          workers: int | None = None) -> PackReport:
    """Write `plan` to out_path (.zip: a zip file; anything else: a folder)."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    out = _check_target(Path(out_path), plan, force)
    refuse_original(out, catalog)  # also a folder holding indexed originals, with --force
    if not plan.items:
        raise PackError("Nothing to pack: every selected asset was left out (see the reasons), "
                        "or the selection is empty.")
    temps.sweep(out.parent)  # what a killed pack build left here (temps.py)
    tmp = Path(temps.work_dir(out, ".partial"))
    try:
        writer = (_ZipWriter if out.suffix.lower() == ".zip" else _DirWriter)(tmp)
    except OSError as exc:
        raise PackError(disk_message(exc, "write in", out.parent)) from None
    report = PackReport(out)
    made = clock.local_now()
    title = f"{out.stem} · {plan.audience} · {made:%Y-%m-%d}"
    try:
        items, changed = _recheck(catalog, plan)
        rows, late = _write_files(plan, items, writer, progress, cancel,
                                  workers or os.cpu_count() or 2)
        late = changed + late
        report.rows, report.files = rows, len(rows)
        report.left_out = list(plan.left_out) + late
        if not rows:
            raise PackError("Nothing could be packed: " + "; ".join(f"{x.name}: {x.reason}"
                                                                   for x in late))
        packed = {r["file"].split("/", 1)[-1] for r in rows}
        pdf, report.pages = _contact_sheet(catalog, [i for i in items if i.file in packed],
                                           title, progress, cancel)
        _write_extras(plan, writer, report, made, pdf)
        cancel.raise_if_cancelled()
        progress(Progress("Finishing", 0, 1))
        writer.close()
        _place(tmp, out, force)
    except OSError as exc:  # the target's disk or folder failed us (full, read-only...)
        writer.abort()
        raise PackError(disk_message(exc, "write the pack", out)) from None
    except BaseException:
        writer.abort()
        raise
    report.bytes = _size(out)
    report.seconds = time.perf_counter() - started
    progress(Progress("Finishing", 1, 1))
    return report


def _check_target(out: Path, plan: PackPlan, force: bool) -> Path:
    out = Path(os.path.abspath(out.expanduser()))
    if len(os.fsencode(out.name)) > 255:  # most disks' limit per name (ext4, APFS, NTFS, exFAT)
        raise PackError(f"The pack name {out.name[:40]}… is {len(os.fsencode(out.name))} bytes "
                        "long; disks allow at most 255. Use a shorter name.")
    if not out.parent.is_dir():
        raise PackError(f"The folder {out.parent} does not exist: create it first.")
    real = Path(os.path.realpath(out))
    for item in plan.items:
        source = Path(os.path.realpath(item.source))
        if source == real or real in source.parents:
            raise PackError(f"{out} holds originals ({item.original_name}): write the pack "
                            "somewhere else.")
    if out.exists() or out.is_symlink():
        if not force:
            raise PackError(f"{out} exists already: pick another name, or pass --force to "
                            "replace it.")
        is_zip = out.suffix.lower() == ".zip"
        if is_zip and not out.is_file():
            raise PackError(f"{out} is not a file: LiveAssets will not replace it.")
        if not is_zip and not (out.is_dir() and (out / "manifest.json").is_file()):
            raise PackError(f"{out} is not an asset pack folder: LiveAssets will only replace "
                            "a folder it made. Pick another name.")
    return out


def _recheck(catalog, plan: PackPlan) -> tuple[list, list[LeftOut]]:
    """The gate again, on the catalog as it is now: a preview may have sat open while someone
    changed the rights, or past midnight into an expiry. Metadata is taken fresh as well."""
    days = {plan.today, clock.today()}
    items, refused = [], []
    for item in plan.items:
        try:
            current = catalog.get(item.asset["id"])
        except CatalogError:
            refused.append(LeftOut(item.asset["id"], item.original_name, item.source,
                                   "removed from the library since the preview"))
            continue
        for day in sorted(days):
            decision = may_publish(current, on=day, audience=AUDIENCES[plan.audience],
                                   catalog=catalog)
            if not decision.allowed:
                refused.append(LeftOut(item.asset["id"], item.original_name, item.source,
                                       f"{decision.reason} (changed since the preview)"))
                break
        else:
            items.append(replace(item, asset=_narrowed(copy.deepcopy(current), catalog)))
    return items, refused


def _narrowed(asset: dict, catalog) -> dict:
    """`asset` (a copy) with the channels it may really go out on: a render's sources may have
    been limited since it was made (catalog.rights.allowed_channels), and the designer reads
    the limit in the sidecar, manifest and README. Sources sharing none: "no channel"."""
    allowed, limiting = allowed_channels(asset, catalog)
    if limiting and allowed is not None:
        asset["rights"] = {**(asset.get("rights") or {}),
                           "channels": ordered(allowed) or ["none"]}  # "none": no channel
    return asset


def _write_files(plan, items, writer, progress, cancel, workers) -> tuple[list[dict], list]:
    rows: list[dict] = []
    late: list[LeftOut] = []
    total = len(items)
    window = max(2, 2 * workers)
    pending: deque = deque()
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pack-render")
    stripped: list[str] = []   # work copies of videos, removed however the build ends

    def finish() -> None:
        item, packet, future = pending.popleft()
        cancel.raise_if_cancelled()
        size = None
        try:
            if item.action == "strip":
                stripped = future.result()
                try:
                    writer.add_file(f"{FOLDER}/{item.file}", stripped, cancel)
                finally:
                    _remove_quietly(stripped)
            elif future is not None:
                data, size = future.result()
                writer.add_bytes(f"{FOLDER}/{item.file}", data, compress=False)
            else:
                writer.add_file(f"{FOLDER}/{item.file}", item.source, cancel)
        except (RenditionError, LocationError, _Unreadable) as exc:
            late.append(LeftOut(item.asset["id"], item.original_name, item.source, str(exc)))
        else:
            if item.sidecar:
                writer.add_bytes(f"{FOLDER}/{item.sidecar}", packet, compress=True)
            rows.append(manifest.row(item, FOLDER, size))
        progress(Progress("Packing files", len(rows) + len(late), total, item.original_name))

    try:
        progress(Progress("Packing files", 0, total))
        for item in items:
            cancel.raise_if_cancelled()
            packet = xmp.packet(item.asset)
            future = None
            if item.action == "render":
                embed = packet if xmp.embeddable(packet) else None
                future = pool.submit(_render, item.source, plan.long_edge, embed, cancel)
            elif item.action == "strip":
                future = pool.submit(_strip, item.source, item.file, writer.path, cancel,
                                     stripped)
            pending.append((item, packet, future))
            while pending and (len(pending) >= window or pending[0][2] is None):
                finish()
        while pending:
            finish()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for path in stripped:
            _remove_quietly(path)
    return rows, late


def _render(source, long_edge, packet, cancel):
    cancel.raise_if_cancelled()  # queued jobs end at once after a cancel
    try:
        return render_jpeg(source, long_edge, packet)
    except RenditionError as exc:
        raise RenditionError(f"could not be made into a JPEG: {exc}") from None


def _strip(source: str, name: str, beside: Path, cancel, made: list[str]) -> str:
    """A work copy of the video `source` without its location and device tags, beside the pack
    being written (same disk; swept like every work file if the app dies), deleted by the
    caller once packed. It keeps the container of the pack's own name."""
    cancel.raise_if_cancelled()
    dest = temps.work_dir(beside, ".strip" + os.path.splitext(name)[1].lower())
    made.append(dest)
    copy_video_without_location(source, dest, cancel)
    return dest


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _write_extras(plan, writer, report, made, pdf: bytes) -> None:
    about = {"pack": report.path.name, "made": made.isoformat(timespec="seconds"),
             "made_by": user_name(), "audience": plan.audience, "mode": plan.mode,
             "long_edge": plan.long_edge if plan.mode == "renditions" else None,
             "videos": plan.videos, "sidecars": plan.sidecars, "rights_checked_on":
             plan.today.isoformat()}
    writer.add_bytes("README.txt", utf8(readme.text(plan, report.rows, report.left_out, made))
                     .encode("utf-8-sig"), compress=True)
    writer.add_bytes("manifest.csv", manifest.csv_bytes(report.rows), compress=True)
    writer.add_bytes("manifest.json", manifest.json_bytes(report.rows, about, report.left_out),
                     compress=True)
    writer.add_bytes("contact_sheet.pdf", pdf, compress=False)


def _contact_sheet(catalog, items, title: str, progress: ProgressFn,
                   cancel: CancelToken) -> tuple[bytes, int]:
    """The PDF bytes and page count for the packed items."""
    entries = [{"file": i.file, "status": (i.asset.get("rights") or {}).get("status"),
                "expires": (i.asset.get("rights") or {}).get("expires"),
                "credit": (i.asset.get("rights") or {}).get("credit"),
                "channels": channels_of(i.asset.get("rights")), "asset": i.asset}
               for i in items]

    done = [0]

    def tick() -> None:
        cancel.raise_if_cancelled()
        done[0] += 1
        progress(Progress("Making the contact sheet", done[0], len(entries), ""))

    pdf = io.BytesIO()
    pages = contact_sheet.write_pdf(pdf, entries, title, contact_sheet.Thumbnails(catalog.folder),
                                    tick)
    return pdf.getvalue(), pages


def _place(tmp: Path, out: Path, force: bool) -> None:
    if out.exists() or out.is_symlink():
        if not force:
            raise PackError(f"{out} appeared while packing: pick another name, or pass --force.")
        if tmp.is_dir():
            old = out.parent / f".{out.name}.{uuid.uuid4().hex[:8]}.old"
            os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
            return
        os.replace(tmp, out)
        return
    if tmp.is_dir():
        os.rename(tmp, out)
        return
    try:  # a hard link fails if the name was taken meanwhile, where a rename would replace
        os.link(tmp, out)
        os.unlink(tmp)
    except FileExistsError:
        raise PackError(f"{out} appeared while packing: pick another name, or pass --force.") \
            from None
    except OSError:  # file systems without hard links (FAT, some network drives)
        os.replace(tmp, out)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class _Unreadable(PackError):
    pass


def _open_source(source: str):
    try:
        return open(source, "rb")
    except OSError as exc:
        raise _Unreadable(f"could not be read ({exc.strerror or exc}); was a drive "
                          "unplugged?") from None


class _ZipWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path, "x", allowZip64=True)

    def add_bytes(self, name: str, data: bytes, compress: bool) -> None:
        info = zipfile.ZipInfo(name, clock.local_now().timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, data)

    def add_file(self, name: str, source: str, cancel: CancelToken) -> None:
        with _open_source(source) as src:
            info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            with self.zip.open(info, "w", force_zip64=info.file_size > 0x7FFFFFFF) as dst:
                while chunk := src.read(CHUNK):
                    cancel.raise_if_cancelled()
                    dst.write(chunk)

    def close(self) -> None:
        self.zip.close()
        with open(self.path, "rb+") as fh:
            os.fsync(fh.fileno())

    def abort(self) -> None:
        try:
            self.zip.close()
        except Exception:  # a broken zip is deleted anyway
            pass
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


class _DirWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        (path / FOLDER).mkdir(parents=True)

    def add_bytes(self, name: str, data: bytes, compress: bool) -> None:
        with open(self.path / name, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    def add_file(self, name: str, source: str, cancel: CancelToken) -> None:
        with _open_source(source) as src, open(self.path / name, "xb") as dst:
            while chunk := src.read(CHUNK):
                cancel.raise_if_cancelled()
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        stat = os.stat(source)
        os.utime(self.path / name, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # keep its dates

    def close(self) -> None:
        for folder in (self.path / FOLDER, self.path):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def abort(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
