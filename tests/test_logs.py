"""The log file a user attaches to a bug report (liveassets/logs.py): where it goes, that it
holds tracebacks, that it stays small, and that a folder it cannot use never stops the app."""

import logging
import os

import pytest

from liveassets import logs


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV, str(tmp_path / "logs"))
    yield tmp_path / "logs"
    logs.close()


def test_the_user_log_folder_by_default(monkeypatch):
    from platformdirs import user_log_dir

    monkeypatch.delenv(logs.ENV, raising=False)
    assert logs.log_dir() == logs.Path(user_log_dir("LiveAssets", appauthor=False))
    assert logs.log_path().name == "liveassets.log"


def test_a_traceback_lands_in_the_file(log_dir):
    path = logs.setup()
    assert path == log_dir / "liveassets.log" == logs.log_path()
    try:
        {}["missing"]
    except KeyError as exc:
        logs.log_exception("Unexpected error in a test", exc)
    logging.getLogger("liveassets.somewhere").warning("a warning from a module")
    text = path.read_text(encoding="utf-8")
    assert "LiveAssets 0." in text.splitlines()[0]  # version and platform head each session
    assert "ERROR liveassets [MainThread] Unexpected error in a test" in text
    assert "Traceback (most recent call last)" in text and "KeyError: 'missing'" in text
    assert "WARNING liveassets.somewhere" in text
    assert logs.setup() == path  # idempotent: one handler, each line once
    logging.getLogger("liveassets").warning("once")
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_the_file_rotates_and_stays_small(log_dir, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 4_000)
    path = logs.setup()
    for i in range(400):
        logging.getLogger("liveassets").info("line %d %s", i, "x" * 60)
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == ["liveassets.log", "liveassets.log.1", "liveassets.log.2", "liveassets.log.3"]
    assert all(os.path.getsize(log_dir / f) <= 4_000 for f in files)
    assert "line 399" in path.read_text(encoding="utf-8")


def test_a_folder_it_cannot_make_falls_back_to_stderr(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.ENV, str(blocker / "logs"))
    try:
        assert logs.setup() is None
        logging.getLogger("liveassets").error("still said")
        assert "still said" in capsys.readouterr().err
    finally:
        logs.close()


def test_a_cli_crash_is_logged_and_the_user_told_where(log_dir, tmp_path, monkeypatch, capsys):
    from liveassets.cli import assets
    from liveassets.cli.main import main

    def broken(library, args):
        raise RuntimeError("a bug in a verb")

    monkeypatch.setattr(assets, "run", broken)
    with pytest.raises(RuntimeError):
        main(["--library", str(tmp_path / "lib"), "list"])
    err = capsys.readouterr().err
    assert f"the details are also in {log_dir / 'liveassets.log'}" in err
    text = (log_dir / "liveassets.log").read_text(encoding="utf-8")
    assert "Unexpected error in `liveassets list`" in text and "in broken" in text
    assert "RuntimeError: a bug in a verb" in text
