"""The one rule every public export obeys."""

import datetime as dt

import pytest

from liveassets.catalog.rights import clean_rights, may_publish

DAY = dt.date(2026, 11, 22)


def asset(status, expires=None, file_status="ok"):
    return {"status": file_status, "rights": {"status": status, "expires": expires}}


@pytest.mark.parametrize("status, public, internal", [
    ("cleared", True, True),
    ("internal", False, True),
    ("pending", False, False),
    ("unknown", False, False),
    ("restricted", False, False),
])
def test_each_status_by_audience(status, public, internal):
    assert bool(may_publish(asset(status), DAY)) is public
    assert bool(may_publish(asset(status), DAY, audience="internal")) is internal


def test_expiry_counts_on_the_day_asked():
    a = asset("cleared", "2026-11-22")
    assert may_publish(a, DAY)  # still valid on its last day
    decision = may_publish(a, DAY + dt.timedelta(days=1))
    assert not decision and "expired" in decision.reason and "2026-11-22" in decision.reason
    assert not may_publish(asset("internal", "2026-01-01"), DAY, audience="internal")


def test_missing_or_broken_files_never_go_out():
    assert not may_publish(asset("cleared", file_status="missing"), DAY)
    assert not may_publish(asset("cleared", file_status="error"), DAY)


def test_reasons_are_words_a_user_reads():
    assert may_publish(asset("pending"), DAY).reason == "rights pending"
    assert may_publish(asset("restricted"), DAY).reason == "restricted"


def test_clean_rights_accepts_plus_uris_and_trims():
    out = clean_rights({"model_release": "http://ns.useplus.org/ldf/vocab/MR-UMR",
                        "credit": "  Photo: Mika ", "status": "Cleared", "expires": "2027-02-01"})
    assert out == {"model_release": "MR-UMR", "credit": "Photo: Mika", "status": "cleared",
                   "expires": "2027-02-01"}
