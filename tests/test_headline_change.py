"""The Overview's headline change: a median and its change since the previous yearly period,
worked out only over the services that gave a figure in both periods."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.common.i18n import using
from dashboard.overview.change import (
    FigureChange,
    both_words,
    change_words,
    figure_changes,
    figure_value,
    period_values,
)

PERIODS = ("2022-23", "2023-24", "2024-25")


def _answers(rows: list[tuple[int, str, str, float | None]]) -> pd.DataFrame:
    """(service, metric, period, value or None for "not collected")."""
    return pd.DataFrame(
        {
            "service_id": [r[0] for r in rows],
            "metric": [r[1] for r in rows],
            "period": [r[2] for r in rows],
            "value": [np.nan if r[3] is None else r[3] for r in rows],
            "availability": ["provided" if r[3] is not None else "not_collected" for r in rows],
            "period_months": pd.array([12] * len(rows), dtype="Int64"),
        }
    )


def _take_up(changes: list[FigureChange]) -> FigureChange:
    return next(c for c in changes if c.metric == "digital_take_up")


def test_a_change_counts_only_the_services_in_both_periods() -> None:
    answers = _answers(
        [
            (1, "digital_take_up", "2023-24", 40.0),
            (1, "digital_take_up", "2024-25", 46.0),
            (2, "digital_take_up", "2023-24", 50.0),
            (2, "digital_take_up", "2024-25", 56.0),
            (3, "digital_take_up", "2023-24", 60.0),
            (3, "digital_take_up", "2024-25", 66.0),
            (4, "digital_take_up", "2024-25", 99.0),  # new: not in the change
            (5, "digital_take_up", "2023-24", 1.0),  # stopped: not in the change
            (6, "digital_take_up", "2023-24", 10.0),
            (6, "digital_take_up", "2024-25", None),  # not collected: no figure
            (7, "digital_take_up", "2023-24", 30.0),
            (7, "digital_take_up", "2024-25", 36.0),
            (8, "digital_take_up", "2023-24", 70.0),
            (8, "digital_take_up", "2024-25", 76.0),
        ]
    )
    values = period_values(answers, pd.Index([1, 2, 3, 4, 5, 6, 7, 8]))
    change = _take_up(figure_changes(values))
    assert (change.previous, change.latest, change.both) == ("2023-24", "2024-25", 5)
    assert (change.then, change.now) == (50.0, 56.0)
    with using("en"):
        assert change_words(change) == "up 6 points since 2023-24"
        assert figure_value(change.metric, change.now) == "56%"
        assert both_words(change).startswith("5 services reported in both 2023-24 and 2024-25")
    with using("cy"):
        assert change_words(change) == "i fyny 6 pwynt ers 2023-24"
    # one point is a point, up or down
    with using("en"):
        assert change_words(replace(change, now=51.0)) == "up 1 point since 2023-24"
        assert change_words(replace(change, now=49.0)) == "down 1 point since 2023-24"
        assert change_words(replace(change, now=48.0)) == "down 2 points since 2023-24"
    with using("cy"):
        assert change_words(replace(change, now=51.0)) == "i fyny 1 pwynt ers 2023-24"


def test_the_filter_narrows_the_services_compared() -> None:
    rows = [
        (s, "digital_take_up", p, float(v))
        for s in range(1, 13)
        for p, v in (("2023-24", 10 * s), ("2024-25", 10 * s + (s % 2) * 4))
    ]
    values = period_values(_answers(rows), pd.Index(range(1, 13)))
    odd = np.array([s % 2 == 1 for s in range(1, 13)])
    change = _take_up(figure_changes(values, odd))
    assert change.both == 6 and change.change == 4.0
    even = _take_up(figure_changes(values, ~odd))
    assert even.both == 6 and even.change == 0.0
    # four services in both: fewer than 5, so no median and no change is given
    few = _take_up(figure_changes(values, odd & (np.arange(12) < 8)))
    assert few.both == 4 and few.then is None and few.change is None
    with using("en"):
        assert change_words(even) == "no change since 2023-24"


def test_cost_falls_in_pounds_and_too_few_services_give_no_change() -> None:
    rows = [
        (s, "cost_per_transaction", p, v)
        for s in (1, 2, 3, 4, 5)
        for p, v in (("2023-24", 5.0), ("2024-25", 4.6))
    ] + [(1, "digital_take_up", "2023-24", 30.0), (1, "digital_take_up", "2024-25", 40.0)]
    values = period_values(_answers(rows), pd.Index([1, 2, 3, 4, 5]))
    changes = figure_changes(values)
    cost = next(c for c in changes if c.metric == "cost_per_transaction")
    with using("en"):
        assert change_words(cost) == "down £0.40 since 2023-24"
        assert figure_value(cost.metric, cost.now) == "£4.60"
        assert change_words(_take_up(changes)) == ""  # one service: too few
    assert _take_up(changes).then is None


def test_a_quarter_is_never_compared_with_a_year() -> None:
    answers = _answers([(s, "digital_take_up", "2024-25", 50.0) for s in (1, 2, 3)])
    quarter = _answers([(s, "digital_take_up", "2024-25 Q1", 40.0) for s in (1, 2, 3)])
    quarter["period_months"] = pd.array([3, 3, 3], dtype="Int64")
    values = period_values(pd.concat([answers, quarter]), pd.Index([1, 2, 3]))
    assert values.periods == ("2024-25",)
    assert figure_changes(values) == []


def test_the_trend_line_follows_the_services_in_every_year() -> None:
    rows = [
        (s, "digital_take_up", p, float(v))
        for s in (1, 2, 3, 4, 5)
        for p, v in zip(PERIODS, (20 + s, 30 + s, 40 + s), strict=True)
    ] + [(6, "digital_take_up", "2024-25", 90.0), (6, "digital_take_up", "2023-24", 80.0)]
    change = _take_up(figure_changes(period_values(_answers(rows), pd.Index(range(1, 7)))))
    assert change.trend == (23.0, 33.0, 43.0) and change.trend_services == 5
    assert change.trend_periods == PERIODS
    assert change.both == 6


answer = st.tuples(
    st.integers(1, 12),
    st.sampled_from(PERIODS),
    st.one_of(st.none(), st.floats(0, 100, allow_nan=False)),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(answer, max_size=60, unique_by=lambda a: (a[0], a[1])), st.data())
def test_property_a_trend_only_compares_services_present_in_both_periods(
    drawn: list[tuple[int, str, float | None]], data: st.DataObject
) -> None:
    """Against a plain reckoning: the change is the medians' difference over exactly the
    services with a figure in both of the last two periods; adding a service that reported in
    one period only never moves it."""
    services = pd.Index(range(1, 13))
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=12, max_size=12)))
    rows = [(s, "digital_take_up", p, v) for s, p, v in drawn]
    values = period_values(_answers(rows), services)
    changes = figure_changes(values, mask)
    periods = sorted({p for s, p, v in drawn if v is not None})
    if len(periods) < 2:
        assert changes == []
        return
    previous, latest = periods[-2], periods[-1]
    kept = {int(s) for s in services[mask]}
    figures = {(s, p): v for s, p, v in drawn if v is not None and s in kept}
    both = sorted(s for s in kept if (s, previous) in figures and (s, latest) in figures)
    change = _take_up(changes)
    assert (change.previous, change.latest, change.both) == (previous, latest, len(both))
    if len(both) >= 5:
        assert change.then == float(np.median([figures[s, previous] for s in both]))
        assert change.now == float(np.median([figures[s, latest] for s in both]))
    else:  # fewer than 5 services: no median is given (the disclosure threshold)
        assert change.then is None and change.now is None
    # a service reporting in only one of the two periods changes nothing
    lonely = _answers([*rows, (13, "digital_take_up", latest, 100.0)])
    widened = period_values(lonely, services.append(pd.Index([13])))
    again = _take_up(figure_changes(widened, np.append(mask, True)))
    assert (again.both, again.then, again.now) == (change.both, change.then, change.now)
