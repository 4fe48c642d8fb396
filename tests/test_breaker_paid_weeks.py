"""A paid run's days edited by hand into the library as the team writes dates (helper
"breaker"): 24/11/2026 to 30/11/2026 counts the post paid in week 2026-W48, not organic (the
days were compared as text, and "24/11/2026" sorted after the week's last day); days nobody can
read keep the post paid, never credit its reach to organic figures."""

from liveassets.analytics.paid import post_paid

WEEK = ("2026-11-23", "2026-11-29")


def test_hand_typed_paid_days_decide_the_week_as_dates():
    mark = {"kind": "boost", "budget": None, "currency": "", "from": "24/11/2026",
            "to": "30/11/2026"}
    assert post_paid(mark, None, WEEK)["paid"] == "boost"
    before = dict(mark, **{"from": "1/12/2026", "to": "7/12/2026"})
    assert post_paid(before, None, WEEK)["paid"] == "organic"
    odd = dict(mark, **{"from": "soon", "to": None})
    assert post_paid(odd, None, WEEK)["paid"] == "boost"


def test_a_kind_typed_by_hand_reads_as_the_app_spells_it():
    entry = post_paid({"kind": "Spark Ads"}, None, WEEK)
    assert (entry["paid"], entry["paid_label"]) == ("spark", "paid: Spark Ads")
    assert post_paid({"kind": "Organic"}, True, WEEK)["paid"] == "organic"
