"""The command-line face: `main` parses and dispatches; one module per group of verbs
(assets, cuts, publish, packs) holds their parsers and handlers; `progress` is the one
terminal progress printer."""

from liveassets.cli.main import main

__all__ = ["main"]
