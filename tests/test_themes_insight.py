"""Challenges and aims against sectors and the framework, on a small hand-built catalogue."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import using
from dashboard.common.queries import Framework
from dashboard.themes import tables as ti

SERVICES = pd.DataFrame(
    {
        "code": ["bins", "parking", "referral", "volunteer", "tax"],
        "name_en": ["Bins", "Parking", "Referral", "Volunteering", "Tax return"],
        "organisation_en": ["Cardiff", "Cardiff", "BCUHB", "Age Cymru", "WRA"],
        "sector": [
            "local_authority",
            "local_authority",
            "health",
            "third_sector",
            "central_government",
        ],
    },
    index=pd.Index([1, 2, 3, 4, 5], name="id"),
)
SERVICE_THEMES = pd.DataFrame(
    {
        "service_id": [1, 2, 3, 3, 4, 1, 3],
        "theme": ["recruit", "recruit", "recruit", "legacy", "legacy", "forms", "forms"],
        "kind": ["challenge"] * 5 + ["opportunity"] * 2,
        "severity": [3, 1, 3, 2, 3, 2, 3],
    }
)
THEMES = pd.DataFrame(
    {
        "code": ["recruit", "legacy", "unused", "forms"],
        "kind": ["challenge", "challenge", "challenge", "opportunity"],
        "category": ["skills", "technology", "skills", "technology"],
        "name_en": ["Recruiting developers", "Legacy systems", "Nobody reports this", "Forms"],
    }
)
STANDARDS = pd.DataFrame(
    {"id": [3, 7, 9], "name_en": ["Understand users", "Multidisciplinary team", "Open"]}
)
THEME_STANDARDS = pd.DataFrame(
    {"theme": ["recruit", "legacy", "recruit", "forms"], "standard_id": [7, 7, 3, 3]}
)
DIMENSIONS = pd.DataFrame({"code": ["design", "open"], "name_en": ["By design", "Open"]})
THEME_DIMENSIONS = pd.DataFrame({"theme": ["legacy"], "dimension": ["design"]})


def test_theme_by_sector_shares_are_of_each_sectors_reporting_services() -> None:
    shares, counts = ti.theme_by_sector(SERVICES, SERVICE_THEMES, THEMES, "challenge")
    assert list(counts.index) == ["Recruiting developers", "Legacy systems", "Nobody reports this"]
    assert counts.loc["Recruiting developers", "Local authority"] == 2
    assert shares.loc["Recruiting developers", "Local authority"] == 1.0
    assert shares.loc["Legacy systems", "Health"] == 1.0
    assert shares.loc["Legacy systems", "Third sector"] == 1.0
    # nobody in central government reported a challenge: blank, not 0%
    assert shares["Central government"].isna().all()
    assert counts.loc["Nobody reports this"].sum() == 0


def test_theme_table_counts_services_and_splits_severity() -> None:
    table = ti.theme_table(SERVICES, SERVICE_THEMES, THEMES, "challenge").set_index("Code")
    assert table.loc["recruit", "Services"] == 3
    assert (table.loc["recruit", "High"], table.loc["recruit", "Low"]) == (2, 1)
    assert table.loc["recruit", "Share of services reporting"] == 0.75  # 3 of 4 reporting
    assert table.loc["unused", "Services"] == 0
    assert table.index[0] == "recruit"


def test_standards_at_risk_count_services_once_per_standard() -> None:
    table = ti.standards_at_risk(SERVICES, SERVICE_THEMES, STANDARDS, THEME_STANDARDS)
    rows = table.set_index("Standard")
    # standard 7: recruit (1, 2, 3) and legacy (3, 4): services 1-4, counted once each
    assert rows.loc["7. Multidisciplinary team", "Services with linked challenges"] == 4
    # high: service 1 (recruit 3), 3 (recruit 3), 4 (legacy 3)
    assert rows.loc["7. Multidisciplinary team", "of them rated high"] == 3
    assert rows.loc["3. Understand users", "Services with linked challenges"] == 3
    assert rows.loc["3. Understand users", "Services with linked opportunities"] == 2
    assert rows.loc["9. Open", "Services with linked challenges"] == 0
    assert table.iloc[0]["Standard"] == "7. Multidisciplinary team"


def test_dimensions_of_a_theme() -> None:
    assert ti.dimensions_of("legacy", DIMENSIONS, THEME_DIMENSIONS) == ["By design"]
    assert ti.dimensions_of("recruit", DIMENSIONS, THEME_DIMENSIONS) == []


def test_dimensions_at_risk() -> None:
    table = ti.dimensions_at_risk(SERVICES, SERVICE_THEMES, DIMENSIONS, THEME_DIMENSIONS)
    rows = table.set_index("OECD dimension")
    assert rows.loc["By design", "Services with linked challenges"] == 2
    assert rows.loc["Open", "Services with linked challenges"] == 0


def test_drill_down_lists_the_services_most_severe_first() -> None:
    drill = ti.services_reporting(SERVICES, SERVICE_THEMES, "recruit")
    assert list(drill["Service"]) == ["Referral", "Bins", "Parking"]
    assert list(drill["Severity"]) == ["High", "High", "Low"]
    narrowed = ti.services_reporting(SERVICES.loc[[2]], SERVICE_THEMES, "recruit")
    assert list(narrowed["Service"]) == ["Parking"]
    assert ti.links_of("recruit", STANDARDS, THEME_STANDARDS) == [
        "3. Understand users",
        "7. Multidisciplinary team",
    ]


def test_assessment_summary_counts_each_rating() -> None:
    assessments = pd.DataFrame(
        {
            "service_id": [1, 2, 3, 1, 5],
            "standard_id": [3, 3, 3, 7, 3],
            "rating": ["met", "not_met", "not_met", "partly_met", "met"],
        }
    )
    table = ti.assessment_summary(SERVICES.loc[[1, 2, 3]], assessments, STANDARDS)
    row = table.loc["3. Understand users"]
    assert (row["Met"], row["Not met"], row["Services assessed"]) == (1, 2, 3)
    assert table.loc["7. Multidisciplinary team", "Partly met"] == 1
    assert table.loc["9. Open", "Services assessed"] == 0


UNRATED = pd.DataFrame(
    {
        "service_id": [1, 2, 3, 4],
        "theme": ["recruit", "recruit", "legacy", "legacy"],
        "kind": ["challenge"] * 4,
        "severity": [3, None, None, 1],
    }
)


def test_a_theme_without_severity_is_not_rated_never_low() -> None:
    table = ti.theme_table(SERVICES, UNRATED, THEMES, "challenge").set_index("Code")
    # every service reporting counts, rated or not (nothing undercounted)
    assert table.loc["recruit", "Services"] == 2
    assert (table.loc["recruit", "High"], table.loc["recruit", "Not rated"]) == (1, 1)
    assert (table.loc["legacy", "Low"], table.loc["legacy", "Not rated"]) == (1, 1)
    drill = ti.services_reporting(SERVICES, UNRATED, "recruit")
    assert list(drill["Severity"]) == ["High", "Not rated"]
    risk = ti.standards_at_risk(SERVICES, UNRATED, STANDARDS, THEME_STANDARDS).set_index("Standard")
    # standard 7: recruit (1 high, 2 unrated) and legacy (3 unrated, 4 low)
    seven = risk.loc["7. Multidisciplinary team"]
    assert seven["Services with linked challenges"] == 4
    assert (seven["of them rated high"], seven["of them not rated"]) == (1, 2)


def test_drill_from_a_standard_or_dimension_to_its_services() -> None:
    framework = Framework(
        standards=STANDARDS,
        dimensions=DIMENSIONS,
        theme_standards=THEME_STANDARDS,
        theme_dimensions=THEME_DIMENSIONS,
    )
    by_standard = ti.drill_framework(
        SERVICES, SERVICE_THEMES, THEMES, framework, "standard:7", "challenge"
    )
    # recruit (1, 2, 3) and legacy (3, 4); most severe first, then by sector name
    assert list(by_standard["Service"]) == ["Referral", "Bins", "Volunteering", "Parking"]
    referral = by_standard.iloc[0]
    assert referral["Linked themes reported"] == "Legacy systems; Recruiting developers"
    assert referral["Highest severity"] == "High"
    by_dimension = ti.drill_framework(
        SERVICES, SERVICE_THEMES, THEMES, framework, "dimension:design", "challenge"
    )
    assert list(by_dimension["Service"]) == ["Volunteering", "Referral"]
    aims = ti.drill_framework(
        SERVICES, SERVICE_THEMES, THEMES, framework, "standard:3", "opportunity"
    )
    assert list(aims["Service"]) == ["Referral", "Bins"]
    assert list(aims["Priority"]) == ["High", "Medium"]
    nobody = ti.drill_framework(
        SERVICES, SERVICE_THEMES, THEMES, framework, "standard:9", "challenge"
    )
    assert nobody.empty
    items = ti.framework_items(framework)
    assert items["standard:9"] == "Standard 9. Open"
    assert items["dimension:design"] == "OECD dimension: By design"


def test_standards_no_theme_is_linked_to_are_named() -> None:
    risk = ti.standards_at_risk(SERVICES, SERVICE_THEMES, STANDARDS, THEME_STANDARDS, THEMES)
    rows = risk.set_index("Standard")
    assert rows.loc["7. Multidisciplinary team", "Linked challenge themes"] == 2
    assert rows.loc["3. Understand users", "Linked opportunity themes"] == 1
    assert ti.unlinked(risk, "Standard", "challenge") == ["9. Open"]
    assert ti.unlinked(risk, "Standard", "opportunity") == [
        "7. Multidisciplinary team",
        "9. Open",
    ]


def test_services_assessed_counts_each_service_once() -> None:
    assessments = pd.DataFrame(
        {"service_id": [1, 1, 3, 9], "standard_id": [3, 7, 3, 3], "rating": ["met"] * 4}
    )
    assert ti.services_assessed(SERVICES, assessments) == 2


def test_names_follow_the_language() -> None:
    themes = THEMES.assign(name_cy=["Recriwtio datblygwyr", None, "Neb", "Ffurflenni"])
    standards = STANDARDS.assign(name_cy=["Deall defnyddwyr", "Tîm amlddisgyblaethol", "Agored"])
    with using("cy"):
        table = ti.theme_table(SERVICES, UNRATED, themes, "challenge").set_index("Code")
        shares, _ = ti.theme_by_sector(SERVICES, SERVICE_THEMES, themes, "challenge")
        risk = ti.standards_at_risk(SERVICES, SERVICE_THEMES, standards, THEME_STANDARDS)
        drill = ti.services_reporting(SERVICES, UNRATED, "recruit")
        links = ti.links_of("recruit", standards, THEME_STANDARDS)
    assert table.loc["recruit", "Theme"] == "Recriwtio datblygwyr"
    assert table.loc["legacy", "Theme"] == "Legacy systems (yn Saesneg yn unig)"
    assert "Awdurdod lleol" in shares.columns
    assert risk.iloc[0]["Standard"] == "7. Tîm amlddisgyblaethol"
    assert list(drill["Severity"]) == ["Uchel", "Heb ei raddio"]
    assert links == ["3. Deall defnyddwyr", "7. Tîm amlddisgyblaethol"]


def _assessed(*ratings: tuple[int, int, str]) -> pd.DataFrame:
    """The self-assessment summary of the hand-built services for (service, standard, rating)."""
    frame = pd.DataFrame(ratings, columns=["service_id", "standard_id", "rating"])
    return ti.assessment_summary(SERVICES, frame, STANDARDS)


def test_the_self_assessment_title_is_true_whatever_the_ratings() -> None:
    from dashboard.themes.figures import assessment_figure

    cases = {
        # one standard most often not met
        "Most often not met in the owners' own assessment: 3. Understand users (2 services)": _assessed(
            (1, 3, "not_met"), (2, 3, "not_met"), (3, 7, "not_met"), (4, 7, "met")
        ),
        # a tie is named as such, and a single service in the singular
        "Most often not met in the owners' own assessment: 3. Understand users and 7. Multidisciplinary team (1 service)": (
            _assessed((1, 3, "not_met"), (2, 7, "not_met"), (3, 9, "met"))
        ),
        # nothing is not met: the finding is what is only partly met, never "not met: X"
        "No standard is marked not met in the owners' own assessment; most often only partly met: 7. Multidisciplinary team "
        "(2 services)": _assessed(
            (1, 7, "partly_met"), (2, 7, "partly_met"), (3, 3, "partly_met"), (4, 9, "met")
        ),
        "Every standard rated is marked met: none is marked not met or partly met": _assessed(
            (1, 3, "met"), (2, 9, "met"), (3, 9, "not_assessed")
        ),
        "Every rating given is “not assessed”: no standard is marked met, partly or not met": (
            _assessed((1, 3, "not_assessed"), (2, 7, "not_assessed"))
        ),
        "No matching service has assessed itself against the standards yet": _assessed(),
    }
    for title, table in cases.items():
        assert ti.assessment_finding(table) == title
        drawn = assessment_figure(table).layout.title.text.replace("<br>", " ")
        assert drawn == title
    with using("cy"):
        welsh = ti.assessment_finding(_assessed((1, 7, "partly_met"), (2, 3, "met")))
    assert welsh.startswith("Does dim safon wedi'i marcio heb ei bodloni")


def test_the_catalogue_link_of_a_theme_opens_exactly_its_services_when_it_can() -> None:
    from dashboard.common.filters import Filter
    from dashboard.themes.drill_link import catalogue_link

    plain = catalogue_link(Filter(sectors=("health",)), "challenge", "legacy")
    assert plain.exact and plain.others == ()
    assert plain.flt == Filter(sectors=("health",), challenges=("legacy",))
    # the theme is already one of the filter's: narrowing to it alone is exact
    among = catalogue_link(Filter(challenges=("legacy", "skills")), "challenge", "legacy")
    assert among.exact and among.flt.challenges == ("legacy",)
    # other themes only: the link opens every service reporting this one, and says so
    other = catalogue_link(Filter(opportunities=("forms",)), "opportunity", "login")
    assert not other.exact and other.others == ("forms",)
    assert other.flt.opportunities == ("login",)
