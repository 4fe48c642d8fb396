"""Moved to `liveassets.atomic` (the whole app's one atomic write); this name stays only so that
branches written before the move still import. New code imports `liveassets.atomic`."""

from liveassets.atomic import ExportError, check_target, write_atomic  # noqa: F401
