"""The command-line face of LiveAssets: every verb is a thin call into the core.

Without a verb, `liveassets` opens the window (`--demo` first writes and scans the demo
campaign into the library). Errors a user can cause print one line and exit 1.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import signal
import sys
import threading
from pathlib import Path

from liveassets import __version__
from liveassets.errors import UserError, disk_message
from liveassets.library import default_library_dir, last_library
from liveassets.safe_paths import shown

EXIT_USER_ERROR = 1
VERB_MODULES = ("liveassets.cli.cuts", "liveassets.cli.publish", "liveassets.cli.packs",
                "liveassets.cli.templates", "liveassets.cli.stats", "liveassets.cli.intake",
                "liveassets.cli.stacks",
                "liveassets.cli.captions")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="liveassets",
        description="Index event footage, cull and tag it, clear rights, cut recaps and publish.",
    )
    p.add_argument("--library", metavar="DIR", default=None,
                   help="library folder (default: $LIVEASSETS_LIBRARY, else for the window the "
                        "library opened last, else the user data folder)")
    p.add_argument("--demo", action="store_true",
                   help="write the demo campaign into the library (if absent), scan it and open it")
    p.add_argument("--self-test", action="store_true",
                   help="run a short end-to-end pass offscreen in a temporary folder; exit 0 if it worked")
    p.add_argument("--version", action="version", version=f"liveassets {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("scan", help="index or re-index folders (bad files included)")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--no-thumbnails", action="store_true", help="read facts only")
    s.add_argument("--follow-links", action="store_true",
                   help="also index files that symbolic links inside the folders point to "
                        "(recorded at their real place)")

    s = sub.add_parser("list", help="list assets matching a query")
    s.add_argument("query", nargs="?", default="")
    s.add_argument("--json", action="store_true", help="print a JSON array of objects")
    s.add_argument("--sort", default="path", choices=["path", "name", "taken", "rating", "added"],
                   help="path, name, taken, rating or added")

    s = sub.add_parser("tag", help="add or remove tags on matching assets")
    s.add_argument("query")
    s.add_argument("--add", action="append", default=[], metavar="TAG")
    s.add_argument("--remove", action="append", default=[], metavar="TAG")

    s = sub.add_parser("tags", help="list tags with counts, or rename/merge one")
    s.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"))

    s = sub.add_parser("rate", help="set a 0-5 star rating on matching assets")
    s.add_argument("query")
    s.add_argument("stars", type=int)

    s = sub.add_parser("pick", help="flag matching assets: picked, rejected or none")
    s.add_argument("query")
    s.add_argument("flag", choices=["picked", "rejected", "none"])

    s = sub.add_parser("rights", help="record usage rights on matching assets")
    s.add_argument("query")
    s.add_argument("--status", help="unknown, pending, cleared, internal or restricted")
    s.add_argument("--expires", metavar="DATE",
                   help="last day of use: 31/12/2026 (day first), 31 Dec 2026 or 2026-12-31")
    s.add_argument("--credit")
    s.add_argument("--terms")
    s.add_argument("--owner")
    s.add_argument("--model-release", metavar="MR-…", help="MR-NON, MR-NAP, MR-UMR or MR-LMR")
    s.add_argument("--release-doc", metavar="FILE")
    s.add_argument("--channels", metavar="LIST",
                   help="where it may be posted: tiktok,instagram,youtube,x (any of them); "
                        "'all' for every channel")

    s = sub.add_parser("demo", help="write the demo campaign folder")
    s.add_argument("dir")

    # Verbs of the later parts (cuts, publishing, packs) register themselves: each module has
    # add_parsers(sub), which sets `handler(library: Path, args) -> int` on its parsers and
    # imports nothing heavy until a handler runs.
    for name in VERB_MODULES:
        if _exists(name):
            importlib.import_module(name).add_parsers(sub)
    return p


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its package is not there (yet)
        return False


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.self_test:
        from liveassets.cli.selftest import run

        return run()
    from liveassets.cli import assets as commands  # the core loads only when a verb needs it

    library = Path(args.library or os.environ.get("LIVEASSETS_LIBRARY")
                   or (args.command is None and last_library()) or default_library_dir())
    previous = None
    from liveassets.jobs import CancelToken

    args.stop = CancelToken()  # verbs with long work honour it (scan)
    if args.command is not None and threading.current_thread() is threading.main_thread():
        # SIGTERM (kill, a closing terminal's job control, a CI timeout) stops the work in
        # order: a scan is cancelled through args.stop (its pool shuts down, what was read is
        # kept); other verbs unwind like Ctrl+C, so `finally` blocks remove work files.
        previous = signal.signal(signal.SIGTERM, lambda *_: _terminated(args))
    try:
        code = _run(commands, library, args)
        if args.stop.cancelled:
            print("liveassets: stopped (terminated).", file=sys.stderr)
            return 128 + signal.SIGTERM
        return code
    finally:
        if previous is not None:  # a caller in-process (tests) keeps its own handler
            signal.signal(signal.SIGTERM, previous)


def _run(commands, library: Path, args) -> int:
    try:
        return _verb(commands, library, args)
    except BaseException as exc:
        # A signal's exception can land inside the standard library (a pool starting a
        # thread) and a `finally` on the way out can then fail in turn; whatever surfaces, a
        # stop the user asked for ends with its one line.
        if _caused_by(exc, _Terminated):
            print("liveassets: stopped (terminated).", file=sys.stderr)
            return 128 + signal.SIGTERM
        if _caused_by(exc, KeyboardInterrupt):
            print("liveassets: stopped.", file=sys.stderr)
            return 130
        if isinstance(exc, Exception):  # a bug: its traceback also goes to the log file
            _log_crash(args, exc)
        raise


def _log_crash(args, exc: Exception) -> None:
    from liveassets import logs

    path = logs.setup()
    logs.log_exception(f"Unexpected error in `liveassets {args.command or '(window)'}`", exc)
    if path is not None:
        print(f"liveassets: an unexpected error; the details are also in {path} (attach it to "
              "a bug report).", file=sys.stderr)


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__context__
    return False


# Arguments that are words someone reads (captions, credits, tags), not names of files: bytes
# that are not UTF-8 there (a caption pasted from a Windows-1252 file) are refused at once.
TEXT_ARGUMENTS = ("caption", "hashtags", "mentions", "account", "title", "first_comment",
                  "alt_text", "notes", "credit", "terms", "owner", "add", "remove", "rename",
                  "override_rights", "source", "url", "value", "add_tag", "remove_tag")


def _check_text_arguments(args) -> None:
    from liveassets.userfiles import text_argument

    for key in TEXT_ARGUMENTS:
        value = getattr(args, key, None)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str):
                text_argument(item, "--" + key.replace("_", "-"))


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (`liveassets … | head`): stop without a traceback,
    as a program killed by SIGPIPE would (exit 141), and keep Python's exit-time flush of
    stdout from failing again (the documented recipe: point stdout at /dev/null)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 128 + 13


def _verb(commands, library: Path, args) -> int:
    try:
        _check_text_arguments(args)
        if args.command is None:
            return commands.open_app(library, demo=args.demo)
        if args.command == "demo":
            return commands.demo(args.dir)
        if getattr(args, "handler", None) is not None:
            return args.handler(library, args)
        return commands.run(library, args)
    except UserError as exc:
        if _caused_by(exc.__context__, (_Terminated, KeyboardInterrupt)):
            raise
        print(f"liveassets: {shown(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except OSError as exc:  # a full disk, a read-only folder, a FIFO... never a traceback
        if _caused_by(exc.__context__, (_Terminated, KeyboardInterrupt)):
            raise
        print(f"liveassets: {disk_message(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except RecursionError:
        print("liveassets: an input is nested too deeply to read (a damaged or hostile file?).",
              file=sys.stderr)
        return EXIT_USER_ERROR


class _Terminated(BaseException):
    """SIGTERM arrived: unwind (running `finally` blocks) and exit 143."""


# Verbs whose long work takes args.stop: SIGTERM cancels them instead of raising inside them
# (an exception raised while a process pool starts a worker leaves the worker half-spawned,
# printing a traceback of its own).
STOPPABLE = {"scan", "intake", "rescore"}


def _terminated(args) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends us at once
    if args.command in STOPPABLE:
        args.stop.cancel()
        return
    raise _Terminated()

