"""The Overview's medians by year: one line per headline metric over the services that gave
the figure in every year, drawn from the table downloaded beside it."""

from __future__ import annotations

from dashboard.common.i18n import using
from dashboard.overview.change import FigureChange
from dashboard.overview.trend_lines import (
    columns_for,
    drawn,
    trend_figure,
    trend_subtitle,
    trend_table,
    trend_title,
)

PERIODS = ("2022-23", "2023-24", "2024-25")


def _change(metric: str, trend: tuple[float, ...], services: int) -> FigureChange:
    return FigureChange(
        metric=metric,
        previous=PERIODS[-2],
        latest=PERIODS[-1],
        both=services + 3,
        then=trend[-2] if trend else None,
        now=trend[-1] if trend else None,
        trend=trend,
        trend_periods=PERIODS if trend else (),
        trend_services=services if trend else 0,
    )


CHANGES = [
    _change("digital_take_up", (41.0, 47.5, 52.0), 12),
    _change("completion_rate", (80.0, 81.0, 79.0), 9),
    _change("user_satisfaction", (), 0),  # too few services in every year
    _change("cost_per_transaction", (4.127, 3.9, 3.5), 6),
]


def test_each_metric_with_enough_services_gets_a_line_and_the_rest_are_said() -> None:
    with using("en"):
        fig = trend_figure(CHANGES)
        subtitle = trend_subtitle(CHANGES)
    assert [trace.name for trace in fig.data] == [
        "Digital take-up (median)",
        "Completion rate (median)",
        "Cost per transaction (median)",
    ]
    assert list(fig.data[0].y) == [41.0, 47.5, 52.0]
    assert list(fig.data[2].x) == list(PERIODS)
    # every point says its value as people read it
    assert list(fig.data[0].text) == ["41%", "48%", "52%"]
    assert list(fig.data[2].text) == ["£4.13", "£3.90", "£3.50"]
    # each panel names the services behind its line
    names = [note.text for note in fig.layout.annotations]
    assert names == [
        "Digital take-up (median)<br>12 services",
        "Completion rate (median)<br>9 services",
        "Cost per transaction (median)<br>6 services",
    ]
    assert "1 figure has no line: fewer than 5 services gave it in every year." in subtitle
    # wide, the panels stand in one row; narrow (a phone, a small laptop window), two to a row
    assert len({fig.layout[f"yaxis{s}"].domain for s in ("", "2", "3")}) == 1
    narrow = trend_figure(CHANGES, columns_for(700))
    assert columns_for(700) == 2 and columns_for(1200) == 4 and columns_for(None) == 4
    assert columns_for(360) == 1  # a phone: one panel under another
    domains = [
        (narrow.layout[f"xaxis{s}"].domain, narrow.layout[f"yaxis{s}"].domain)
        for s in ("", "2", "3")
    ]
    assert domains[0][1] == domains[1][1] and domains[0][0][1] < domains[1][0][0]
    assert domains[2][1][1] < domains[0][1][0]  # the second row under the first
    assert narrow.layout.height > fig.layout.height
    phone = trend_figure(CHANGES, columns_for(360))
    tops = [phone.layout[f"yaxis{s}"].domain[1] for s in ("", "2", "3")]
    assert tops == sorted(tops, reverse=True) and len(set(tops)) == 3
    assert phone.layout.height > narrow.layout.height


def test_the_table_is_what_the_chart_draws() -> None:
    with using("en"):
        table = trend_table(CHANGES)
        fig = trend_figure(CHANGES)
    assert len(table) == 3 * len(drawn(CHANGES))
    for trace in fig.data:
        rows = table[table["Figure"] == trace.name]
        assert rows["Year"].tolist() == list(trace.x)
        assert rows["Median"].tolist() == [
            round(v, 2 if trace.name.startswith("Cost") else 0) for v in trace.y
        ]
    assert table.loc[
        table["Figure"] == "Completion rate (median)", "Services that reported in every year"
    ].tolist() == [9, 9, 9]


def test_with_no_line_the_title_says_so_and_nothing_is_drawn() -> None:
    none = [_change("digital_take_up", (), 0)]
    with using("en"):
        assert trend_title(none).startswith("Too few services reported in every year")
        assert len(trend_figure(none).data) == 0
        assert trend_table(none).empty


def test_welsh_words() -> None:
    with using("cy"):
        assert trend_title(CHANGES) == "Canolrifau fesul blwyddyn, 2022-23 i 2024-25"
        assert list(trend_table(CHANGES).columns)[1] == "Blwyddyn"
