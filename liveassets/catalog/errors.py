"""Errors the catalog raises for requests a user can get wrong, in the user's words."""

from liveassets.errors import UserError


class CatalogError(UserError, ValueError):
    """A request the catalog cannot carry out."""


class LibraryLockedError(CatalogError):
    """Another window or command has this library open."""
