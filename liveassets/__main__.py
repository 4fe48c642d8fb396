"""`python -m liveassets` does what the `liveassets` command does."""

import multiprocessing

from liveassets.cli.main import main

if __name__ == "__main__":  # scan workers are spawned: they import this module, not run it
    multiprocessing.freeze_support()  # for the PyInstaller bundle
    raise SystemExit(main())
