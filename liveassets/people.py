"""Who is at the keyboard: the name recorded with a rights override and on a pack's README."""

from __future__ import annotations


def user_name() -> str:
    """The login name, or "unknown" where there is none (some containers and services)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises OSError, KeyError or ImportError
        return "unknown"
