"""The Method page: its worked examples agree with the scoring core, and it reads in English
and Welsh; every page that opens with the filter links to it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.common.i18n import using
from dashboard.method import explained
from dashboard.prioritise import areas as priority_areas
from dashboard.prioritise import confidence, weighting
from dashboard.prioritise import score as p

PAGE = "pages/method.py"
#: The pages whose caveats sit in an "About these figures" expander.
ABOUT_THESE_FIGURES = (
    "pages/overview.py",
    "pages/availability.py",
    "pages/prioritise.py",
    "pages/themes.py",
)


def test_the_worked_score_is_what_the_ranking_computes() -> None:
    # the example service and a second one whose cost is known, so that the median is 0.4
    parts = pd.DataFrame(
        [
            {**explained.EXAMPLE_PARTS, "cost": np.nan},
            {"reach": 0.1, "gap": 0.0, "pain": 0.0, "data": 0.0, "cost": 0.4},
        ],
        index=pd.Index([1, 2], name="id"),
    )
    ranking = p.score(parts, explained.EXAMPLE_WEIGHTS)
    # (3 × 0.8 + 3 × 0.5 + 2 × 0.6 + 1 × 0.25 + 1 × 0.4) / 10 = 5.75 / 10
    assert explained.example_score() == pytest.approx(0.575)
    assert ranking.table.loc[1, "Score"] == pytest.approx(explained.example_score(), abs=1e-4)
    assert p.estimated_codes(ranking.table.loc[1, "_estimated"]) == list(
        explained.EXAMPLE_ESTIMATED
    )
    assert confidence.levels(ranking.table)[1] == confidence.SOME_ESTIMATED
    text = {s.key: s for s in explained.sections()}["score"].example
    assert "(3 × 0.8 + 3 × 0.5 + 2 × 0.6 + 1 × 0.25 + 1 × 0.4) / 10 = 0.575" in text


def test_the_worked_reach_is_the_scorings_reach() -> None:
    users = pd.Series([float(u) for u in explained.EXAMPLE_USERS])
    reach = p._reach(users, pd.Series([np.nan] * len(users)))
    assert reach.tolist() == pytest.approx(explained.example_reach())
    # log10(1,001) = 3.000 between log10(11) = 1.041 and log10(100,001) = 5.000
    assert explained.example_reach()[1] == pytest.approx(0.4949, abs=1e-4)
    paragraphs = {s.key: s for s in explained.sections()}["score"].paragraphs
    assert any("have reach 0, 0.49 and 1" in para for para in paragraphs)


def test_the_worked_sum_is_the_improvement_areas_total() -> None:
    first, second = explained.EXAMPLE_SUM
    services = pd.DataFrame(
        {
            "code": ["a", "b"],
            "name_en": ["A", "B"],
            "organisation_id": [1, 2],
            "organisation_en": ["Org A", "Org B"],
            "sector": ["health", "health"],
            "digitisation_level": [1, 2],
        },
        index=pd.Index([1, 2], name="id"),
    )
    service_themes = pd.DataFrame(
        {"service_id": [1, 2], "theme": ["legacy"] * 2, "kind": ["challenge"] * 2, "severity": 2}
    )
    parts = pd.DataFrame(
        {"users": [float(first), float(second)], "transactions": [np.nan, np.nan]},
        index=services.index,
    )
    themes = pd.DataFrame({"code": ["legacy"], "name_en": ["Legacy systems"]})
    row = priority_areas.improvement_areas(services, service_themes, themes, parts).iloc[0]
    assert (row["Services"], row["Organisations"]) == (2, 2)
    assert row["Users or transactions per year"] == first + second == 21_000
    text = {s.key: s for s in explained.sections()}["reach_sum"].example
    assert "“2 services in 2 organisations” and 21,000 service users per year" in text


def test_the_method_covers_what_the_issue_asks_in_both_languages() -> None:
    keys = [s.key for s in explained.sections()]
    assert keys == ["score", "estimates", "reach_sum", "coverage", "end_to_end", "small_numbers"]
    with using("cy"):
        welsh = explained.sections()
    english = explained.sections()
    for en, cy in zip(english, welsh, strict=True):
        assert en.heading != cy.heading
        assert all(a != b for a, b in zip(en.paragraphs, cy.paragraphs, strict=True))
    assert weighting.MAX_WEIGHT == 5  # the page says the weights run from 0 to 5


def test_the_method_page_in_english_and_welsh(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE)
    assert at.title[0].value == "Method"
    headings = [h.value for h in at.header]
    assert [s.heading for s in explained.sections()] == headings
    shown = " ".join(m.value for m in at.markdown)
    assert "0.575" in shown and "counts twice" in shown
    welsh = open_app(PAGE, lang="cy")
    assert welsh.title[0].value == "Dull"
    with using("cy"):
        assert [h.value for h in welsh.header] == [s.heading for s in explained.sections()]
    assert "ddwywaith" in " ".join(m.value for m in welsh.markdown)


@pytest.mark.parametrize(
    "page",
    [
        "pages/overview.py",
        "pages/catalogue.py",
        "pages/themes.py",
        "pages/prioritise.py",
        "pages/availability.py",
    ],
)
def test_every_filtered_page_links_to_the_method(open_app, page: str) -> None:  # type: ignore[no-untyped-def]
    at = open_app(page)
    method = [link.proto for link in at.get("page_link") if link.proto.page == "method"]
    # once: in "About these figures" under the main points where the page has them (so the
    # answer starts on a laptop's first screen), else under the page's opening
    assert {link.label for link in method} == {"How these figures are worked out"}
    assert len(method) == 1
    if page in ABOUT_THESE_FIGURES:
        about = next(e for e in at.expander if e.label == "About these figures")
        assert any(
            child.proto.page == "method"
            for child in about.children.values()
            if hasattr(child.proto, "page")
        )
