"""Dates typed the way Australians and New Zealanders write them (liveassets/typed_dates.py):
every accepted form gives the same day, slash dates are day first, and a date that only works
month first is refused with its day-first spelling, never guessed."""

import datetime as dt

import pytest

from liveassets.typed_dates import (FORMS, NotADateError, TypedDateError, parse_date_time,
                                    parse_day, parse_optional_day, parse_span)

NYE = dt.date(2026, 12, 31)


@pytest.mark.parametrize("text", [
    "2026-12-31", "2026/12/31", "2026.12.31", "20261231", " 2026-12-31 ",
    "31/12/2026", "31-12-2026", "31.12.2026", "31/12/26", "31-12-26",
    "31 Dec 2026", "31 December 2026", "31 dec 2026", "31-Dec-2026", "31 Dec. 2026",
    "31st December 2026", "Dec 31 2026", "December 31, 2026", "Thu 31 Dec 2026",
    "Thursday, 31 December 2026", "２０２６-１２-３１",
])
def test_every_accepted_form_is_the_same_day(text):
    assert parse_day(text) == NYE


def test_slash_dates_are_day_first():
    assert parse_day("4/5/2027") == dt.date(2027, 5, 4)  # 4 May, not April 5
    assert parse_day("01/02/2027") == dt.date(2027, 2, 1)
    assert parse_day("4/5/27") == dt.date(2027, 5, 4)


@pytest.mark.parametrize("text,message", [
    ("12/31/2026", '"12/31/2026" has no month 31: write day first, 31/12/2026.'),
    ("2/29/2028", '"2/29/2028" has no month 29: write day first, 29/2/2028.'),
    ("12-31-26", '"12-31-26" has no month 31: write day first, 31-12-26.'),
    ("31/02/2026", '"31/02/2026" is not a date: February 2026 has 28 days.'),
    ("29/02/2027", '"29/02/2027" is not a date: February 2027 has 28 days.'),
    ("13/13/2026", '"13/13/2026" is not a date: there is no month 13.'),
    ("2026-13-01", '"2026-13-01" is not a date: there is no month 13.'),
    ("Mon 31 Dec 2026", '"Mon 31 Dec 2026" is not a date: 31 Dec 2026 is a Thursday.'),
    ("31/12", f'"31/12" is not a date: write it as {FORMS}.'),
    ("next week", f'"next week" is not a date: write it as {FORMS}.'),
    ("31 Decembre 2026", f'"31 Decembre 2026" is not a date: write it as {FORMS}.'),
    ("10000-01-01", f'"10000-01-01" is not a date: write it as {FORMS}.'),
    ("0000-01-01", '"0000-01-01" is not a date: the year 0 is out of range.'),
])
def test_refusals_name_the_value_and_what_to_write(text, message):
    with pytest.raises(TypedDateError) as info:
        parse_day(text)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_the_shape_refusal_is_told_apart_from_a_wrong_date():
    with pytest.raises(NotADateError):
        parse_day("soon")
    with pytest.raises(TypedDateError) as info:
        parse_day("12/31/2026")
    assert not isinstance(info.value, NotADateError)
    assert info.value.reason == "has no month 31: write day first, 31/12/2026."


def test_the_ends_of_the_calendar_are_days_and_callers_keep_their_own_ranges():
    assert parse_day("0001-01-01") == dt.date(1, 1, 1)
    assert parse_day("31/12/9999") == dt.date(9999, 12, 31)


def test_month_first_only_for_a_source_that_writes_so_and_no_short_years_while_typing():
    assert parse_day("12/31/2026", month_first=True) == NYE
    assert parse_day("4/5/2027", month_first=True) == dt.date(2027, 4, 5)
    with pytest.raises(NotADateError):
        parse_day("31/12/20", short_years=False)  # the start of 31/12/2026
    assert parse_day("31/12/2020", short_years=False) == dt.date(2020, 12, 31)


def test_dates_pass_through_and_blank_options_are_none():
    assert parse_day(NYE) == NYE
    assert parse_day(dt.datetime(2026, 12, 31, 18, 30)) == NYE
    assert parse_optional_day(None) is None and parse_optional_day("  ") is None
    assert parse_optional_day("31/12/2026") == NYE


@pytest.mark.parametrize("text,span", [
    ("2026", (dt.date(2026, 1, 1), NYE)),
    ("2026-11", (dt.date(2026, 11, 1), dt.date(2026, 11, 30))),
    ("11/2026", (dt.date(2026, 11, 1), dt.date(2026, 11, 30))),
    ("Nov 2026", (dt.date(2026, 11, 1), dt.date(2026, 11, 30))),
    ("February 2028", (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),
    ("31/12/2026", (NYE, NYE)),
    ("31 Dec 2026", (NYE, NYE)),
])
def test_spans_are_a_year_a_month_or_a_day(text, span):
    assert parse_span(text) == span


def test_span_refusals():
    with pytest.raises(TypedDateError, match=r'^"13/2026" is not a date: there is no month 13'):
        parse_span("13/2026")
    with pytest.raises(TypedDateError, match='write day first, 31/12/2026'):
        parse_span("12/31/2026")
    with pytest.raises(NotADateError, match="a month as Dec 2026 or 2026-12, or a year as 2026"):
        parse_span("soon")


@pytest.mark.parametrize("text,when", [
    ("2026-12-31 18:30", dt.datetime(2026, 12, 31, 18, 30)),
    ("2026-12-31T18:30:15", dt.datetime(2026, 12, 31, 18, 30, 15)),
    ("31/12/2026 18:30", dt.datetime(2026, 12, 31, 18, 30)),
    ("31/12/2026 6:30 pm", dt.datetime(2026, 12, 31, 18, 30)),
    ("31 Dec 2026 6:30pm", dt.datetime(2026, 12, 31, 18, 30)),
    ("31 Dec 2026, 12:05 am", dt.datetime(2026, 12, 31, 0, 5)),
    ("31/12/2026", dt.datetime(2026, 12, 31, 0, 0)),
])
def test_date_times_take_any_day_form_and_a_clock_time(text, when):
    assert parse_date_time(text) == when


def test_a_typed_offset_names_one_instant():
    when = parse_date_time("31/12/2026 18:30 +11:00")
    assert when.utcoffset() == dt.timedelta(hours=11)
    assert parse_date_time("2026-12-31T07:30Z").utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("text,message", [
    ("12/31/2026 18:30", '"12/31/2026 18:30" has no month 31: write day first, 31/12/2026 18:30.'),
    ("31/02/2026 18:30", '"31/02/2026 18:30" is not a date and time: February 2026 has 28 days.'),
    ("31/12/2026 25:00", '"31/12/2026 25:00" is not a time of day'),
    ("31/12/2026 13:00 pm", '"31/12/2026 13:00 pm" is not a time of day: with am or pm'),
    ("tonight 18:30", '"tonight 18:30" is not a date and time: write it as 31/12/2026 18:30 '
                      "or 2026-12-31 18:30."),
    ("31/12/2026 18:30 +25:00", '"31/12/2026 18:30 +25:00" has an offset that is not one'),
])
def test_date_time_refusals(text, message):
    with pytest.raises(TypedDateError) as info:
        parse_date_time(text)
    assert str(info.value).startswith(message)


# -- the core's entry points: each reads the team's forms, stores ISO, refuses month first ------
MONTH_FIRST = "has no month 31: write day first, 31/12/2026."


def test_catalog_rights_store_iso_and_refuse_month_first_unchanged(library):
    from catalog_helpers import fill
    from liveassets.catalog.rights import RightsError

    ids = fill(library, 2)
    library.set_rights(ids[:1], expires="31 Dec 2026")
    library.set_rights(ids[1:], expires="1/6/27")
    assert [library.get(a)["rights"]["expires"] for a in ids] == ["2026-12-31", "2027-06-01"]
    with pytest.raises(RightsError, match=MONTH_FIRST):
        library.set_rights(ids, expires="12/31/2026")
    assert [library.get(a)["rights"]["expires"] for a in ids] == ["2026-12-31", "2027-06-01"]
    assert len(library.query("expires<1/1/2027")) == 1


def test_template_expiry_is_a_day_or_a_time_from_applying():
    from liveassets.catalog.rights import RightsError
    from liveassets.catalog.templates import parse_expiry

    assert parse_expiry("31/12/2026") == "2026-12-31"
    assert parse_expiry("Dec 31, 2026") == "2026-12-31"
    assert parse_expiry("+90 days") == "+90d"
    with pytest.raises(RightsError, match=MONTH_FIRST):
        parse_expiry("12/31/2026")
    with pytest.raises(RightsError, match=r"neither a date \(31/12/2026, 31 Dec 2026 or "):
        parse_expiry("soon")


def test_post_times_and_days():
    from liveassets.errors import UserError
    from liveassets.publish import zones

    when = zones.parse_when("31/12/2026 18:30", "Australia/Sydney")
    assert when.isoformat() == "2026-12-31T18:30:00+11:00"
    assert zones.parse_day("1/2/2027") == dt.date(2027, 2, 1)
    assert zones.parse_day(None) is None
    with pytest.raises(UserError, match="is in the year 1999"):  # the posts' own range kept
        zones.parse_when("31/12/1999 23:00", "UTC")


def test_platform_rule_since_is_stored_iso(library):
    from liveassets.publish.platforms import add_local_rule, library_book, local_entries

    add_local_rule(library, "x", "limit", 300, "1/2/2027")
    add_local_rule(library, "x", "hashtag_limit", 2, "Mar 2027")
    assert [e["since"] for e in local_entries(library)] == ["2027-02-01", "2027-03-01"]
    assert library_book(library).rules("x", False, dt.date(2027, 2, 1)).limit == 300


def test_report_week_of_a_typed_day():
    from liveassets.analytics.weekly import ReportError, week_bounds

    assert week_bounds("25/11/2026") == ("2026-W48", dt.date(2026, 11, 23))
    assert week_bounds("Sun 29 Nov 2026") == ("2026-W48", dt.date(2026, 11, 23))
    assert week_bounds("2026-W48") == ("2026-W48", dt.date(2026, 11, 23))
    with pytest.raises(ReportError, match="has no month 25: write day first, 25/11/2026"):
        week_bounds("11/25/2026")
    with pytest.raises(ReportError, match="outside the years a report covers"):
        week_bounds("1/1/0001")
