"""`python -m liveassets` does what the `liveassets` command does."""

from liveassets.cli import main

raise SystemExit(main())
