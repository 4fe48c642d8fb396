"""The app's one clock (liveassets/clock.py): today is the team's day, not the machine's; the
team's zone is a library setting every entry point follows; and no module reads the time any
other way (an AST scan of the package)."""

import ast
import datetime as dt
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from liveassets import clock
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.rights import may_publish
from liveassets.catalog.schema import new_asset
from liveassets.publish.gate import check_post
from liveassets.publish.hashtags import PublishSettings
from liveassets.publish.posts import Post

UTC = dt.timezone.utc
PACKAGE = Path(__file__).resolve().parents[1] / "liveassets"
# 14:30 UTC on the 9th is 01:30 on the 10th in Sydney (AEDT, +11) and 03:30 in Auckland (+13).
LATE_ON_THE_9TH = dt.datetime(2026, 12, 9, 14, 30, tzinfo=UTC)


@pytest.fixture
def machine_in_utc(monkeypatch):
    """The computer's own zone is UTC (servers, CI, fresh VMs): its date is still the 9th."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("LIVEASSETS_TZ", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def frozen():
    clock.freeze(LATE_ON_THE_9TH)
    yield
    clock.freeze(None)
    clock.use_zone(None)


def test_today_is_the_teams_day_not_the_machines(machine_in_utc, frozen):
    clock.use_zone(None)
    assert clock.zone_name() == "Australia/Sydney"
    assert clock.now() == LATE_ON_THE_9TH and clock.now().tzinfo is not None
    assert clock.today() == dt.date(2026, 12, 10)
    assert clock.local_now().hour == 1 and clock.local_now().minute == 30
    # 22 h 30 min to the next Sydney midnight
    assert clock.seconds_to_midnight() == 22.5 * 3600


def test_midnight_counts_a_dst_change():
    # Sydney goes to AEDT at 02:00 on 4 Oct 2026: that day has 23 hours.
    with clock.frozen(dt.datetime(2026, 10, 3, 14, 0, tzinfo=UTC), "Australia/Sydney"):
        assert clock.local_now().hour == 0 and clock.today() == dt.date(2026, 10, 4)
        assert clock.seconds_to_midnight() == 23 * 3600
    assert clock.now() != dt.datetime(2026, 10, 3, 14, 0, tzinfo=UTC)  # thawed


def test_freeze_refuses_a_naive_instant():
    with pytest.raises(ValueError):
        clock.freeze(dt.datetime(2026, 12, 9, 14, 30))


def test_the_rights_gate_and_a_post_use_the_teams_today(library, machine_in_utc, frozen):
    asset = new_asset("/event/a.jpg", "image", 100, 1.0, "fp-a")
    asset["rights"].update(status="cleared", expires="2026-12-09")  # cleared through the 9th
    library.apply("Add", {asset["id"]: asset})
    # Already the 10th in Sydney: expired, although the machine's own date is the 9th.
    assert not may_publish(library.get(asset["id"])).allowed
    assert [a["id"] for a in library.query("rights:expired")] == [asset["id"]]
    rights = check_post(library, Post(asset_ids=[asset["id"]], timezone="Australia/Sydney"))
    assert rights.on == dt.date(2026, 12, 10) and not rights.cleared
    # A team in Perth (+8): 22:30 on the 9th there, still cleared.
    replace(PublishSettings.load(library), team_zone="Australia/Perth").save(library)
    assert clock.zone_name() == "Australia/Perth" and clock.today() == dt.date(2026, 12, 9)
    assert may_publish(library.get(asset["id"])).allowed
    assert Post().timezone == "Australia/Perth"  # new posts get the team's zone


def test_the_team_zone_lives_in_the_library(tmp_path, frozen, monkeypatch):
    monkeypatch.delenv("LIVEASSETS_TZ", raising=False)
    folder = tmp_path / "lib"
    with Catalog(folder) as cat:
        change = PublishSettings(team_zone="Pacific/Auckland").save(cat)
        assert clock.zone_name() == "Pacific/Auckland"
        cat.undo(change)                                  # undoing the setting undoes the zone
        assert clock.zone_name() == "Australia/Sydney"
        cat.redo(change)
        assert clock.zone_name() == "Pacific/Auckland"
    clock.use_zone(None)
    with Catalog(tmp_path / "other"):                     # another library: the default
        assert clock.zone_name() == "Australia/Sydney"
    with Catalog(folder, readonly=True):                  # opening it again: its zone
        assert clock.zone_name() == "Pacific/Auckland"
        assert clock.today() == dt.date(2026, 12, 10)
    with pytest.raises(Exception, match="not a time zone"):
        with Catalog(folder) as cat:
            PublishSettings(team_zone="Mars/Olympus").save(cat)


def test_cli_shows_and_sets_the_team_zone(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent), "TZ": "UTC"}
    env.pop("LIVEASSETS_TZ", None)
    lib = str(tmp_path / "lib")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "liveassets", "--library", lib, *args],
                              capture_output=True, text=True, env=env, timeout=60)

    out = run("zone")
    assert out.returncode == 0 and "Team time zone: Australia/Sydney" in out.stdout
    assert run("zone", "Pacific/Auckland").returncode == 0
    assert "Pacific/Auckland" in run("zone").stdout
    bad = run("zone", "Mars/Olympus")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().count("\n") == 0 and "not a time zone" in bad.stderr
    assert "Pacific/Auckland" in run("zone").stdout      # a refused name changed nothing


# -- nothing reads the time around the clock ---------------------------------------------------
# Calls that read the current date or time, or the machine's zone, directly.
FORBIDDEN = {
    ("date", "today"), ("datetime", "today"), ("datetime", "now"), ("datetime", "utcnow"),
    ("QDate", "currentDate"), ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"), ("QTime", "currentTime"),
    ("time", "localtime"), ("time", "gmtime"), ("time", "ctime"),
}


def _reads_the_time(node: ast.Call) -> str | None:
    f = node.func
    if not isinstance(f, ast.Attribute):
        return None
    owner = f.value.attr if isinstance(f.value, ast.Attribute) else \
        f.value.id if isinstance(f.value, ast.Name) else None
    if (owner, f.attr) in FORBIDDEN:
        return f"{owner}.{f.attr}()"
    if f.attr == "astimezone" and not node.args and not node.keywords:
        return ".astimezone() (the machine's zone)"
    if f.attr == "fromtimestamp" and len(node.args) < 2 and not node.keywords:
        return "fromtimestamp() without a zone"
    return None


def _offenders(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "clock.py" and path.parent == PACKAGE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (what := _reads_the_time(node)):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {what}")
    return found


def test_no_module_reads_the_time_around_the_clock():
    assert _offenders(PACKAGE) == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    pkg = tmp_path / "liveassets"
    pkg.mkdir()
    (pkg / "bad.py").write_text(
        "import datetime as dt, time\nfrom datetime import date\nfrom PySide6.QtCore import QDate\n"
        "a = dt.date.today()\nb = date.today()\nc = dt.datetime.now(dt.timezone.utc)\n"
        "d = QDate.currentDate()\ne = time.localtime()\nf = x.astimezone()\n"
        "g = dt.datetime.fromtimestamp(0)\nok = x.astimezone(z)\nok2 = time.monotonic()\n")
    assert [line.rsplit(": ", 1)[1] for line in _offenders(pkg)] == [
        "date.today()", "date.today()", "datetime.now()", "QDate.currentDate()",
        "time.localtime()", ".astimezone() (the machine's zone)", "fromtimestamp() without a zone"]
