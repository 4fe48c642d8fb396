"""What each CLI verb does, as plain calls into the core (no argument parsing here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.channels import describe
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.rights import RightsError, clean_channels
from liveassets.catalog.saved_searches import SavedSearches
from liveassets.cli.progress import TerminalProgress
from liveassets.library import demo_folder, remember_library
from liveassets.safe_paths import shown, utf8_tree


JSON_FIELDS = ("id", "path", "name", "kind", "width", "height", "duration", "fps", "has_audio",
               "video_codec", "audio_codec", "hdr", "colour", "taken", "camera", "gps", "status", "error", "tags",
               "rating", "pick", "rights", "caption", "notes", "fingerprint", "size",
               "derived_from",  # a render's cut and sources (cuts.lineage)
               "loudness_lufs", "true_peak_dbtp",  # a render's measured sound (cuts.loudness)
               # culling scores and burst stacks (catalog/stacks.py); null until scored
               "dhash", "sharpness", "exposure", "clipped", "stack", "stack_size", "best")


def asset_json(catalog: Catalog, doc: dict) -> dict:
    out = {k: doc.get(k) for k in JSON_FIELDS}
    out["thumbnail"] = str(catalog.folder / doc["thumbnail"]) if doc.get("thumbnail") else None
    return out


def _matching(catalog: Catalog, query: str) -> list[str]:
    ids = [d["id"] for d in catalog.query(query)]
    if not ids:
        raise CatalogError(f'No assets match "{query}": nothing changed.')
    return ids


# Verbs that only read: they open the library as a reader, beside an open window or writer.
READING_VERBS = frozenset({"list"})


def _reads_only(args) -> bool:
    return args.command in READING_VERBS or (args.command == "tags" and not args.rename)


def run(library: Path, args) -> int:
    with Catalog(library, readonly=_reads_only(args)) as catalog:
        if catalog.readonly and not _reads_only(args):
            raise CatalogError(
                f"The library {catalog.folder} cannot be written (a read-only disk or folder "
                f"permissions), so `{args.command}` changed nothing. Make it writable, or copy "
                "the library to a writable disk.")
        for warning in catalog.warnings:
            print(warning, file=sys.stderr)
        cmd = args.command
        if cmd == "scan":
            from liveassets.media.scan import scan

            bar = TerminalProgress()
            try:
                report = scan(catalog, args.paths, progress=bar, thumbnails=not args.no_thumbnails,
                              follow_links=getattr(args, "follow_links", False),
                              cancel=getattr(args, "stop", None))  # SIGTERM cancels (cli.py)
            finally:
                bar.close()
            print(report.summary())
            if not report.cancelled:   # a stopped scan says only that it stopped
                _hint_rescore(catalog)
        elif cmd == "list":
            docs = catalog.query(args.query, sort=args.sort)
            if args.json:
                json.dump(utf8_tree([asset_json(catalog, d) for d in docs]), sys.stdout, ensure_ascii=False,
                          indent=1)
                print()
            else:
                for d in docs:
                    print(_line(d))
        elif cmd == "tag":
            change = catalog.tag(_matching(catalog, args.query), add=args.add, remove=args.remove)
            print(f"Changed tags on {len(change)} assets.")
        elif cmd == "tags":
            if args.rename:
                change = catalog.rename_tag(*args.rename)
                followed = SavedSearches(catalog).follow_tag_rename(*args.rename)
                print(f"Renamed on {len(change)} assets ({change.label}).")
                if len(followed):
                    one = len(followed) == 1
                    print(f"{len(followed)} saved search{'' if one else 'es'} naming it now "
                          f"find{'s' if one else ''} it under the new name.")
            else:
                for name, count in sorted(catalog.tag_counts().items(), key=lambda x: x[0].casefold()):
                    print(shown(f"{count:6d}  {name}"))
        elif cmd == "rate":
            change = catalog.rate(_matching(catalog, args.query), args.stars)
            print(f"Rated {len(change)} assets.")
        elif cmd == "pick":
            change = catalog.set_pick(_matching(catalog, args.query), args.flag)
            print(f"Flagged {len(change)} assets {args.flag}.")
        elif cmd == "rights":
            fields = {}
            for name in ("status", "expires", "credit", "terms", "owner", "model_release",
                         "release_doc", "channels"):
                if getattr(args, name, None) is not None:
                    fields[name] = getattr(args, name)
            if not fields:
                raise RightsError("Nothing to record: give --status, --channels, --expires, "
                                  "--credit, --terms, --owner, --model-release or --release-doc.")
            change = catalog.set_rights(_matching(catalog, args.query), **fields)
            print(f"Updated rights on {len(change)} assets.")
            if "channels" in fields:  # what was understood from the spelling typed
                print(f"Channels: {describe(clean_channels(fields['channels']) or None)}.")
    return 0


def _hint_rescore(catalog: Catalog) -> None:
    """Photos scanned by a version before culling scores (or with --no-thumbnails) say how
    to get their scores and stacks."""
    from liveassets.media.rescore import unscored

    waiting = len(unscored(catalog))
    if waiting:
        photos = "1 photo has" if waiting == 1 else f"{waiting} photos have"
        print(f"{photos} no sharpness, exposure or stack yet: run `liveassets rescore` to "
              "score them.", file=sys.stderr)


def _line(d: dict) -> str:
    size = f"{d['width']}x{d['height']}" if d.get("width") else "-"
    dur = f"{d['duration']:.1f}s" if d.get("duration") else ""
    flag = {"picked": "P", "rejected": "X"}.get(d.get("pick"), " ")
    status = "" if d["status"] == "ok" else f"  [{d['status']}: {d.get('error') or ''}]"
    return shown(f"{d['id']}  {d['kind']:<5} {size:>9} {dur:>6} {'*' * d.get('rating', 0):<5} {flag} "
            f"{d['rights']['status']:<10} {d['path']}{status}")


def demo(folder: str) -> int:
    from liveassets.demo.build import write_demo

    paths = write_demo(folder)
    print(f"Wrote the demo campaign ({len(paths)} files) to {Path(folder).resolve()}")
    return 0


def prepare_demo(library: Path) -> Path:
    """Write the demo campaign into the library (if absent) and scan it."""
    from liveassets.demo.build import write_demo

    from liveassets.media.scan import scan

    folder = demo_folder(library)
    if not folder.exists():
        write_demo(str(folder))
    with Catalog(library) as catalog:
        bar = TerminalProgress()
        try:
            report = scan(catalog, [folder], progress=bar)
        finally:
            bar.close()
        print(f"Demo library at {library}: {report.summary()}")
    return folder


def open_app(library: Path, demo: bool = False) -> int:
    if demo:
        prepare_demo(library)
    remember_library(library)
    if importlib.util.find_spec("liveassets.ui.window.app") is None:
        with Catalog(library) as catalog:
            print(f"{len(catalog)} assets in {library}. (The window is not built yet; "
                  "use `liveassets list` meanwhile.)")
        return 0
    from liveassets.ui.window.app import run_app

    return run_app(library)
