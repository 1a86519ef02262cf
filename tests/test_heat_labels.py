"""Heat-map cell labels are readable (12 px) or not drawn: never shrunk to 3 px to fit."""

from __future__ import annotations

import pandas as pd

from dashboard.common.charts import (
    HEAT_LABEL_SIZE,
    fit_width,
    heat_cell_width,
    heat_map,
)


def _grid(columns: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    index = [f"Theme number {i} with a longish name" for i in range(6)]
    names = [f"Standard {c}" for c in range(columns)]
    shares = pd.DataFrame(
        [[0.25 + 0.01 * c for c in range(columns)]] * 6, index=index, columns=names
    )
    counts = pd.DataFrame([[1234] * columns] * 6, index=index, columns=names)
    return shares, counts


def _trace(fig):  # type: ignore[no-untyped-def]
    return next(t for t in fig.data if t.type == "heatmap")


def test_labels_have_a_fixed_readable_size() -> None:
    shares, counts = _grid(4)
    trace = _trace(heat_map(shares, "Title", counts=counts))
    assert trace.textfont.size == HEAT_LABEL_SIZE >= 11


def test_a_wide_chart_shows_the_value_and_its_count() -> None:
    shares, counts = _grid(4)
    fig = fit_width(heat_map(shares, "Title", counts=counts), 1600)
    trace = _trace(fig)
    assert trace.texttemplate == "%{text}"
    assert "(1,234)" in trace.text[0][0] and "25%" in trace.text[0][0]


def test_a_narrower_chart_keeps_the_value_and_drops_the_count() -> None:
    shares, counts = _grid(8)
    fig = heat_map(shares, "Title", counts=counts)
    width = next(w for w in range(400, 2000, 10) if 40 <= heat_cell_width(fig, w) < 60)
    trace = _trace(fit_width(fig, width))
    assert trace.texttemplate == "%{text}"
    assert "25%" in trace.text[0][0] and "(1,234)" not in trace.text[0][0]


def test_cells_too_small_for_a_label_have_none_and_keep_the_hover() -> None:
    shares, counts = _grid(16)
    fig = fit_width(heat_map(shares, "Title", counts=counts), 700)
    assert heat_cell_width(fig, 700) < 4 * 7.5 + 8
    trace = _trace(fig)
    assert trace.texttemplate == ""
    assert "%{z:.0%}" in trace.hovertemplate


def test_widening_again_brings_the_labels_back() -> None:
    shares, counts = _grid(8)
    fig = heat_map(shares, "Title", counts=counts)
    fit_width(fig, 500)
    assert _trace(fig).texttemplate == ""
    fit_width(fig, 2400)
    assert "(1,234)" in _trace(fig).text[0][0]
