"""Budgets as people type them, shown back as typed (helper "breaker"): the composer's budget
field shows 1234567.89, not 1.23457e+06 (leaving the field used to store 1,234,570), and a
budget too large to keep to the cent is refused with one line instead of shown as another
number."""

import pytest

from liveassets.publish import paid
from liveassets.publish.posts import PostStore


def test_a_budget_too_large_to_keep_its_cents_is_refused():
    assert paid.mark("boost", "999,999,999,999.99", "AUD")["budget"] == 999999999999.99
    for typed in ("99999999999999999999999999", "1e15"):
        with pytest.raises(paid.PaidError) as e:
            paid.mark("boost", typed, "AUD")
        assert str(e.value).startswith(f'"{typed}" is too large for a budget')
        assert "\n" not in str(e.value)


def test_the_cli_refuses_a_huge_budget_in_one_line(tmp_path, capsys):
    from cli_helpers import cli, one_asset_library

    one_asset_library(tmp_path / "lib", status="cleared")
    where = ("--library", tmp_path / "lib")
    code, out, _ = cli(capsys, *where, "post", "new", "--assets", "", "--caption", "hi",
                       "--platform", "instagram")
    post_id = out.split()[2].rstrip(":")
    code, out, err = cli(capsys, *where, "post", "set", post_id, "--paid", "boost", "--budget",
                         "99999999999999999999999999", "--currency", "AUD")
    assert code == 1 and err.count("\n") == 1 and "too large for a budget" in err


pytest.importorskip("PySide6")
from test_ui_composer import lib, make, stack  # noqa: E402,F401,F811  (fixtures)


def test_composer_budget_reads_as_typed_and_survives_leaving_the_field(make, lib, stack):
    c = make(body="Boosted reel", platform="instagram")
    PostStore(lib).set_paid(c.post_id, paid.mark("boost", "1234567.89", "AUD"))
    c.load(c.post_id)
    c.more_button.click()
    assert c.paid_budget.text() == "1234567.89"
    steps = stack.count()
    c.paid_budget.editingFinished.emit()                  # tabbing through the field
    assert PostStore(lib).get(c.post_id).paid["budget"] == 1234567.89
    assert stack.count() == steps                         # nothing changed: no undo step
    PostStore(lib).set_paid(c.post_id, paid.mark("boost", "250", "AUD"))
    c.load(c.post_id)
    assert c.paid_budget.text() == "250"


def test_commas_are_read_only_as_thousands_separators():
    assert paid.mark("boost", "1,250.50", "AUD")["budget"] == 1250.5
    assert paid.mark("boost", "12,345,678", "AUD")["budget"] == 12345678.0
    for typed in ("1,25", "1,2,3", "12,34.5", ",250"):     # 1,25 was stored as 125
        with pytest.raises(paid.PaidError) as e:
            paid.mark("boost", typed, "AUD")
        assert str(e.value).startswith(f'"{typed}" is not an amount')
