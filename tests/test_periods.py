"""Period labels as published statistics write them: what span they cover, and their order."""

from __future__ import annotations

import pytest

from db.periods import Period, latest, parse_period, period_months, sort_key


@pytest.mark.parametrize(
    ("label", "start", "months"),
    [
        ("April 2011 to March 2012", (2011, 4), 12),
        ("2011-12", (2011, 4), 12),
        ("2011/12", (2011, 4), 12),
        ("2011/2012", (2011, 4), 12),
        ("2023-24 Q2", (2023, 7), 3),
        ("Q2 2023-24", (2023, 7), 3),
        ("2023/24 Q4", (2024, 1), 3),
        ("2023 Q1", (2023, 1), 3),
        ("Q3 2023", (2023, 7), 3),
        ("Jan-Mar 2024", (2024, 1), 3),
        ("Oct to Dec 2023", (2023, 10), 3),
        ("2024", (2024, 1), 12),
        ("March 2024", (2024, 3), 1),
        ("Ebrill 2011 i Fawrth 2012", (2011, 4), 12),
        ("  april 2011   TO march 2012 ", (2011, 4), 12),
    ],
)
def test_real_labels_give_their_first_month_and_length(
    label: str, start: tuple[int, int], months: int
) -> None:
    period = parse_period(label)
    assert period is not None
    assert (period.year, period.month) == start
    assert period.months == months
    assert period_months(label) == months


@pytest.mark.parametrize("label", ["", "last year", "2011-15", "Q5 2023", "13/2024", "Jan-Mar"])
def test_labels_that_are_not_periods_give_nothing(label: str) -> None:
    assert parse_period(label) is None
    assert period_months(label) is None


def test_periods_sort_by_when_they_end_and_undated_comes_first() -> None:
    labels = ["2023-24 Q2", "", "2011-12", "April 2012 to March 2013", "2023-24", "Q1 2023-24"]
    ordered = sorted(labels, key=sort_key)
    assert ordered == [
        "",
        "2011-12",
        "April 2012 to March 2013",
        "Q1 2023-24",
        "2023-24 Q2",
        "2023-24",
    ]


def test_a_year_and_its_last_quarter_end_together_and_the_year_counts_as_latest() -> None:
    assert latest(["2023-24 Q4", "2023-24"]) == "2023-24"
    assert latest(["2022-23", "2023-24 Q1"]) == "2023-24 Q1"


def test_labels_that_cannot_be_read_sort_after_undated_but_before_any_dated() -> None:
    assert sorted(["2011-12", "last year", ""], key=sort_key) == ["", "last year", "2011-12"]


def test_a_period_says_when_it_ends() -> None:
    period = Period("2023-24 Q2", 2023, 7, 3)
    assert period.end == (2023, 9)
