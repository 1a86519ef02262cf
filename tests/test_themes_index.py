"""The Challenges and aims page's fast path (dashboard.themes.index) against the reference
(dashboard.themes.tables): the same tables, cell for cell and type for type, for every kind of
filter, on the demo data, on a generated catalogue and on a catalogue of more than 64 themes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import (
    Framework,
    load_assessments,
    load_framework,
    load_memberships,
    load_services,
    load_themes,
)
from dashboard.themes import index as fast
from dashboard.themes import tables as reference
from db.demo.build import generate
from db.vocabulary import SECTORS

KINDS = ("challenge", "opportunity")
FRAMES = ("themes", "sector_shares", "sector_counts", "standards", "dimensions", "assessments")
COUNTS = ("reporting", "services", "assessed", "journeys", "services_with_journeys")


def assert_same(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    framework: Framework,
    assessments: pd.DataFrame,
    mask: np.ndarray,
    lang: str = "en",
    every: int = 1,
    drill_themes: list[str] | None = None,
) -> None:
    """Every table of the page, and the drill-downs (every one, or every `every`th standard,
    dimension and theme), built both ways for one filter."""
    index = fast.ThemeIndex.build(services, service_themes, assessments)
    with using(lang):
        labels = fast.ServiceLabels.build(services)
        matching = services[mask]
        for kind in KINDS:
            expected = reference.build(
                matching, service_themes, themes, framework, assessments, kind
            )
            got = fast.view(index, mask, themes, framework, kind)
            for name in FRAMES:
                assert_frame_equal(getattr(got, name), getattr(expected, name), obj=name)
            for name in COUNTS:
                assert getattr(got, name) == getattr(expected, name), name
            assert got.kind == kind
            for item in list(reference.framework_items(framework))[::every]:
                assert_frame_equal(
                    fast.framework_drill(index, labels, mask, themes, framework, item, kind),
                    reference.drill_framework(
                        matching, service_themes, themes, framework, item, kind
                    ),
                    obj=f"{item} {kind}",
                )
        for theme in drill_themes if drill_themes is not None else list(themes["code"])[::every]:
            assert_frame_equal(
                fast.theme_drill(index, labels, mask, theme),
                reference.services_reporting(matching, service_themes, theme),
                obj=theme,
            )


def _catalogue(engine):  # type: ignore[no-untyped-def]
    return (
        load_services(engine),
        load_memberships(engine),
        load_themes(engine),
        load_framework(engine),
        load_assessments(engine),
    )


def _filters(services: pd.DataFrame, members) -> dict[str, Filter]:  # type: ignore[no-untyped-def]
    themes = members.themes
    challenge = str(themes.loc[themes["kind"] == "challenge", "theme"].iloc[0])
    opportunity = str(themes.loc[themes["kind"] == "opportunity", "theme"].iloc[0])
    return {
        "everything": Filter(),
        "one sector": Filter(sectors=("health",)),
        "two sectors": Filter(sectors=("local_authority", "third_sector")),
        "a challenge": Filter(challenges=(challenge,)),
        "an aim": Filter(opportunities=(opportunity,)),
        "nothing": Filter(text="no service is called this"),
    }


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_fast_path_gives_the_reference_tables_on_the_demo_data(demo_engine, lang) -> None:  # type: ignore[no-untyped-def]
    services, members, themes, framework, assessments = _catalogue(demo_engine)
    for name, flt in _filters(services, members).items():
        if lang == "cy" and name not in ("everything", "one sector"):
            continue  # names are the only difference
        mask = match(services, members, flt)
        assert mask.any() == (name != "nothing")
        every = 1 if name == "everything" else 4
        assert_same(services, members.themes, themes, framework, assessments, mask, lang, every)


def test_the_fast_path_gives_the_reference_tables_on_a_generated_catalogue(sqlite_store) -> None:  # type: ignore[no-untyped-def]
    generate(sqlite_store, 1_500, seed=5)
    services, members, themes, framework, assessments = _catalogue(sqlite_store)
    # a third of the reports without a severity: counted as not rated, never low
    unrated = members.themes.assign(severity=members.themes["severity"].astype(float))
    unrated.loc[unrated.index % 3 == 0, "severity"] = np.nan
    filters = _filters(services, members)
    for service_themes in (members.themes, unrated):
        for name in ("everything", "two sectors", "a challenge", "an aim", "nothing"):
            mask = match(services, members, filters[name])
            assert_same(services, service_themes, themes, framework, assessments, mask, every=3)
    # the drill-downs sort services with the same sector and name as the reference does
    assert services.duplicated(["sector", "name_en"]).any()


def _many_themes(seed: int = 3) -> tuple[pd.DataFrame, ...]:
    """A hand-made catalogue of 300 services and 70 themes (more than one 64-bit word of bits),
    with shuffled reports, unrated severities, services sharing a name, a sector the app does
    not know, and links to themes nobody reports."""
    rng = np.random.default_rng(seed)
    size = 300
    ids = rng.permutation(np.arange(10, 10 + size * 3, 3))
    sectors = [*(s.code for s in SECTORS), "unknown_sector"]
    services = pd.DataFrame(
        {
            "code": [f"s{i}" for i in ids],
            "name_en": rng.choice(["Bins", "Parking", "Referral", "Tax", "Library"], size),
            "name_cy": rng.choice(["Biniau", None, "Parcio", "Treth"], size),
            "organisation_en": rng.choice(["Cardiff", "BCUHB", "WRA"], size),
            "sector": pd.Categorical(rng.choice(sectors, size)),
            "journeys": rng.integers(0, 4, size),
        },
        index=pd.Index(ids, name="id"),
    )
    codes = [f"theme{i:02d}" for i in range(70)]
    kinds = ["challenge" if i % 2 else "opportunity" for i in range(70)]
    themes = pd.DataFrame(
        {
            "code": codes,
            "kind": kinds,
            "category": "skills",
            "name_en": [f"Theme {(i * 7) % 70}" for i in range(70)],
            "name_cy": [None if i % 5 == 0 else f"Thema {i}" for i in range(70)],
        }
    )
    pairs = rng.random((size, 68)) < 0.15  # the last two themes are never reported
    service, theme = np.nonzero(pairs)
    order = rng.permutation(len(service))
    severity = rng.choice([1.0, 2.0, 3.0, np.nan], len(service))
    service_themes = pd.DataFrame(
        {
            "service_id": ids[service[order]],
            "theme": np.asarray(codes)[theme[order]],
            "kind": np.asarray(kinds)[theme[order]],
            "severity": severity,
        }
    )
    standards = pd.DataFrame({"id": [1, 2, 3, 4], "name_en": ["One", "Two", "Three", "Four"]})
    theme_standards = pd.DataFrame(
        {
            "theme": ["theme01", "theme65", "theme69", "theme02", "theme66", "theme03", "theme68"],
            "standard_id": [1, 1, 1, 2, 2, 3, 3],
        }
    )
    dimensions = pd.DataFrame({"code": ["open", "design"], "name_en": ["Open", "By design"]})
    theme_dimensions = pd.DataFrame(
        {"theme": ["theme67", "theme05", "theme64"], "dimension": ["open", "open", "design"]}
    )
    assessments = pd.DataFrame(
        {
            "service_id": rng.choice(ids, 200),
            "standard_id": rng.choice([1, 2, 3, 4, 99], 200),
            "rating": rng.choice(["met", "not_met", "partly_met", "not_assessed"], 200),
        }
    ).drop_duplicates(["service_id", "standard_id"])
    framework = Framework(standards, dimensions, theme_standards, theme_dimensions)
    return services, service_themes, themes, framework, assessments  # type: ignore[return-value]


def test_the_fast_path_holds_more_themes_than_one_word_of_bits() -> None:
    services, service_themes, themes, framework, assessments = _many_themes()
    index = fast.ThemeIndex.build(services, service_themes, assessments)
    assert index.words == 2
    rng = np.random.default_rng(1)
    masks = [
        np.ones(len(services), dtype=bool),
        rng.random(len(services)) < 0.4,
        np.zeros(len(services), dtype=bool),
    ]
    for mask in masks:
        assert_same(services, service_themes, themes, framework, assessments, mask, every=5)
    assert_same(services, service_themes, themes, framework, assessments, masks[1], "cy", 7)
    assert_same(
        services,
        service_themes,
        themes,
        framework,
        assessments,
        masks[1],
        drill_themes=["no_such_theme"],
    )


def test_a_severity_the_store_cannot_hold_is_refused() -> None:
    services, service_themes, _, _, assessments = _many_themes()
    service_themes.loc[0, "severity"] = 4.0
    with pytest.raises(ValueError, match="severity"):
        fast.ThemeIndex.build(services, service_themes, assessments)
