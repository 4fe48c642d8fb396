"""Text a user typed (a template name, a tag, an undo step's label) made fit to be a menu item
or a button: one short line, and "&" shown as "&" instead of becoming Qt's shortcut letter."""

from __future__ import annotations

from liveassets.shorten import shorten

MENU_CHARS = 60  # a menu row on a 1280-pixel screen, with its shortcut beside it


def menu_text(text: str, limit: int = MENU_CHARS) -> str:
    """`text` as a QAction's text: white space runs (newlines too) as one space, at most
    `limit` characters cut between whole characters (liveassets.shorten), "&" doubled (Qt's
    escape: a lone "&" marks the next letter as the Alt shortcut and is not shown)."""
    return shorten(" ".join(str(text).split()), limit).replace("&", "&&")
