"""Moved to liveassets/atomic.py (the app's one atomic write); kept so old imports work."""

from liveassets.atomic import ExportError, check_target, write_atomic  # noqa: F401
