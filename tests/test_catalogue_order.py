"""The catalogue's order: chosen on the page, kept in the link, applied to the whole list before
it is cut to the rows drawn, and followed by the downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.catalogue.table import SHOWN, in_order, order_ranks
from db.demo.build import generate
from tests.app_downloads import Downloads, record_downloads
from tests.conftest import APP_PATH

CATALOGUE = "pages/catalogue.py"


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Service": ["beta", "Alpha", "ŵyau", "alpha", "Gamma"],
            "Organisation": ["B", "A", "C", "A", "B"],
            "Users per year": [10.0, np.nan, 300.0, 10.0, np.nan],
            "Transactions per year": [1.0, 2.0, 3.0, 4.0, 5.0],
            "Journeys": [1, 80, 1, 3, 0],
        }
    )


def test_figures_go_most_first_with_the_services_that_gave_none_last() -> None:
    table = _table()
    ordered = in_order(table, order_ranks(table, "users"))
    # 300, then the two 10s in catalogue order, then the blanks in catalogue order
    assert ordered.index.tolist() == [2, 0, 3, 1, 4]
    assert in_order(table, order_ranks(table, "journeys")).index.tolist() == [1, 3, 0, 2, 4]


def test_names_go_a_to_z_ignoring_case_and_the_default_is_the_catalogue_order() -> None:
    table = _table()
    assert in_order(table, order_ranks(table, "name"))["Service"].tolist() == [
        "Alpha",
        "alpha",
        "beta",
        "Gamma",
        "ŵyau",
    ]
    assert order_ranks(table, "catalogue").tolist() == [0, 1, 2, 3, 4]
    assert order_ranks(table, "no such order").tolist() == [0, 1, 2, 3, 4]
    # a selection of rows keeps its order by the ranks of the whole table
    some = table.iloc[[4, 2, 0]]
    ranks = order_ranks(table, "users")[[4, 2, 0]]
    assert in_order(some, ranks).index.tolist() == [2, 0, 4]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    return record_downloads(monkeypatch)


def _figures(cells: pd.Series) -> pd.Series:
    """The figures a screen column shows ("≈ 31,000", "242,611"); a reason in its place is a
    blank."""
    text = cells.astype(str).str.removeprefix("≈ ").str.replace(",", "")
    return pd.to_numeric(text, errors="coerce")


def _users(table: pd.DataFrame) -> list[float]:
    return _figures(table["Users per year"]).tolist()


def _most_first(values: list[float]) -> bool:
    known = [v for v in values if not np.isnan(v)]
    blanks_last = all(np.isnan(v) for v in values[len(known) :])
    return known == sorted(known, reverse=True) and blanks_last


def test_choosing_an_order_sorts_the_table_the_link_and_the_downloads(open_app, downloads) -> None:  # type: ignore[no-untyped-def]
    at = open_app(CATALOGUE, sector="health")
    before = at.dataframe[0].value
    at.selectbox(key="catalogue_order").select("users").run()
    assert not at.exception
    assert at.query_params["order"] in ("users", ["users"])
    shown = at.dataframe[0].value
    assert sorted(shown["Code"]) == sorted(before["Code"])  # the same services
    assert _users(shown) != _users(before) and _most_first(_users(shown))
    rows = downloads.csv_rows(at, "catalogue_csv")
    assert [row[-1] for row in rows[6:]] == shown["Code"].tolist()
    # a link with the order opens it; the default order leaves the link
    again = open_app(CATALOGUE, sector="health", order="users")
    assert again.selectbox(key="catalogue_order").value == "users"
    assert again.dataframe[0].value["Code"].tolist() == shown["Code"].tolist()
    again.selectbox(key="catalogue_order").select("catalogue").run()
    assert "order" not in again.query_params
    assert again.dataframe[0].value["Code"].tolist() == before["Code"].tolist()


def test_a_long_list_draws_its_first_rows_and_downloads_them_all(
    use_database, sqlite_store, downloads
) -> None:  # type: ignore[no-untyped-def]
    generate(sqlite_store, SHOWN + 300, seed=2)
    use_database(sqlite_store.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    at.query_params["order"] = "transactions"
    at.run()
    at.switch_page(CATALOGUE).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == SHOWN
    captions = " ".join(c.value for c in at.caption)
    assert f"The first {SHOWN:,} of {SHOWN + 300:,} services in this order are listed" in captions
    rows = downloads.csv_rows(at, "catalogue_csv")[6:]
    assert len(rows) == SHOWN + 300
    assert [row[-1] for row in rows[:SHOWN]] == shown["Code"].tolist()
    figures = _figures(shown["Transactions per year"]).dropna()
    assert figures.is_monotonic_decreasing and len(figures) > 0


def test_the_order_link_names_any_order_but_the_default() -> None:
    from dashboard.catalogue.table import ORDER, ORDERS

    assert ORDER.to_link(ORDERS[0]) == {}
    assert ORDER.to_link("users") == {"order": ["users"]}
    for order in ORDERS:
        assert ORDER.from_link(ORDER.to_link(order)) == order
    assert ORDER.from_link({"order": ["by whim"]}) == ORDERS[0]
