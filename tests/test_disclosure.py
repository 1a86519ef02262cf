"""Disclosure control: small counts of security answers and vacancies are suppressed, and so is
any count that would let a reader subtract one back out."""

from __future__ import annotations

import pandas as pd

from dashboard.common.disclosure import (
    SUPPRESSED,
    THRESHOLD,
    hidden_cells,
    protect,
    withheld,
)


def test_a_four_service_cell_is_hidden_and_a_five_service_cell_shown() -> None:
    assert THRESHOLD == 5
    four = protect(pd.Series({"yes": 4, "no": 20, "not known": 6}), 30)
    # 4 is hidden; with the total (30) published, hiding it alone would leave 30 - 20 - 6
    assert four.shown()["yes"] == SUPPRESSED
    five = protect(pd.Series({"yes": 5, "no": 19, "not known": 6}), 30)
    assert five.shown().to_dict() == {"yes": 5, "no": 19, "not known": 6}
    assert not five.any_hidden


def test_a_hidden_cell_cannot_be_worked_out_from_the_total() -> None:
    counts = pd.Series({"in the last 12 months": 12, "1 to 3 years": 3, "never": 7, "not known": 8})
    shown = protect(counts, 30).shown()
    # 3 is hidden; the next smallest (7) is hidden too, so 30 - 12 - 8 = 10 is shared by two
    assert shown.to_dict() == {
        "in the last 12 months": 12,
        "1 to 3 years": SUPPRESSED,
        "never": SUPPRESSED,
        "not known": 8,
    }
    visible = sum(v for v in shown if v != SUPPRESSED)
    hidden = [k for k, v in shown.items() if v == SUPPRESSED]
    assert len(hidden) >= 2 and 30 - visible == counts[hidden].sum()


def test_a_yes_or_no_answer_hides_its_complement() -> None:
    shown = protect(pd.Series({"yes": 3, "no": 27}), 30).shown()
    assert shown.to_dict() == {"yes": SUPPRESSED, "no": SUPPRESSED}  # 27 gives back 30 - 27


def test_zero_is_shown_and_is_the_last_choice_of_cover() -> None:
    shown = protect(pd.Series({"a": 2, "b": 0, "c": 9, "d": 6}), 17).shown()
    assert shown.to_dict() == {"a": SUPPRESSED, "b": 0, "c": 9, "d": SUPPRESSED}
    only_zero_left = protect(pd.Series({"a": 3, "b": 0}), 3)
    assert only_zero_left.too_few  # under five in all: nothing is shown
    assert set(only_zero_left.shown()) == {SUPPRESSED}
    assert only_zero_left.drawn().isna().all()


def test_an_administrator_sees_every_count() -> None:
    counts = pd.Series({"yes": 2, "no": 28})
    full = protect(counts, 30, full=True)
    assert full.shown().to_dict() == {"yes": 2, "no": 28}
    assert not full.any_hidden
    few = protect(pd.Series({"yes": 1, "no": 2}), 3, full=True)
    assert not few.too_few and few.shown().to_dict() == {"yes": 1, "no": 2}


def test_rows_and_columns_with_published_totals_are_protected_both_ways() -> None:
    table = pd.DataFrame(
        {"none": [10, 8, 6], "one": [2, 7, 9], "two or more": [9, 6, 8]},
        index=["councils", "health", "third sector"],
    )
    hide = hidden_cells(table, row_totals=True, column_totals=True)
    # the 2 is hidden; its row then loses its smallest other (9), its column too (7), and so on
    assert hide.loc["councils", "one"]
    for frame in (hide, hide.T):
        counts = frame.sum(axis=1)
        assert not (counts == 1).any(), frame
    # every hidden count sits beside another hidden one in its row and in its column
    assert hide.to_numpy().sum() >= 4


def test_a_single_services_security_answer_is_withheld_from_everyone_but_administrators() -> None:
    assert withheld("technology", "security_incidents", full=False)
    assert withheld("technology", "hard_to_fill_vacancies", full=False)
    assert not withheld("technology", "security_incidents", full=True)
    assert not withheld("technology", "hosting_model", full=False)
    assert not withheld("generalist", "security_incidents", full=False)
