"""The log file a user can attach to a bug report: `setup()` sends the "liveassets" loggers to a
rotating file in the user's log folder, `log_path()` says where it is (no Qt here).

Where: platformdirs' `user_log_dir("LiveAssets")` (~/.local/state/LiveAssets/log on Linux,
~/Library/Logs/LiveAssets on macOS, %LOCALAPPDATA%\\LiveAssets\\Logs on Windows), or the
folder named by $LIVEASSETS_LOG_DIR (tests, portable installs). Size: at most `MAX_BYTES` per
file and `BACKUPS` old files (about 4 MB in all), so a user never has to clean it up and a
bug report's attachment stays small. If the folder cannot be made (a read-only home), logging
goes to standard error instead and the app runs on.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

ENV = "LIVEASSETS_LOG_DIR"
FILE_NAME = "liveassets.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_handler: logging.Handler | None = None


def log_dir() -> Path:
    """The folder of the log file ($LIVEASSETS_LOG_DIR, else platformdirs' user log dir)."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("LiveAssets", appauthor=False))


def log_path() -> Path:
    """The current log file (it may not exist yet: nothing has been logged)."""
    if isinstance(_handler, RotatingFileHandler):
        return Path(_handler.baseFilename)
    return log_dir() / FILE_NAME


def setup(level: int = logging.INFO) -> Path | None:
    """Log the "liveassets" loggers (and warnings) to the rotating file; returns its path, or
    None when the folder cannot be made (then to standard error). Idempotent; re-run after
    $LIVEASSETS_LOG_DIR changes to follow it."""
    global _handler
    root = logging.getLogger("liveassets")
    path = log_dir() / FILE_NAME
    if isinstance(_handler, RotatingFileHandler) and Path(_handler.baseFilename) == path:
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        logging.getLogger("py.warnings").removeHandler(_handler)
        _handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        handler, path = logging.StreamHandler(sys.stderr), None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    _handler = handler
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").addHandler(handler)
    from liveassets import __version__

    root.info("LiveAssets %s, Python %s, %s", __version__, platform.python_version(),
              platform.platform())
    return path


def close() -> None:
    """Stop logging to the file (tests; the window's exit leaves it to interpreter shutdown)."""
    global _handler
    if _handler is not None:
        logging.getLogger("liveassets").removeHandler(_handler)
        logging.getLogger("py.warnings").removeHandler(_handler)
        _handler.close()
        _handler = None


def log_exception(what: str, exc: BaseException) -> None:
    """Write `exc`'s traceback to the log under `what` ("Unexpected error in the window")."""
    logging.getLogger("liveassets").error("%s", what, exc_info=(type(exc), exc,
                                                                exc.__traceback__))
