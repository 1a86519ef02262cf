"""Data availability figures checked against a small hand-built catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.availability import tables as availability
from dashboard.common import answers
from dashboard.common.i18n import using

SERVICES = pd.DataFrame(
    {
        "code": ["bins", "parking", "referral", "volunteer"],
        "name_en": ["Bins", "Parking", "Referral", "Volunteering"],
        "organisation_en": ["Cardiff", "Cardiff", "BCUHB", "Age Cymru"],
        "sector": ["local_authority", "local_authority", "health", "third_sector"],
    },
    index=pd.Index([1, 2, 3, 4], name="id"),
)
# service 4 never answered the metric questions; the others answered all six
ANSWERS = {
    1: {
        "users_per_year": ("provided", None),
        "transactions_per_year": ("provided", None),
        "digital_take_up": ("estimated", None),
        "completion_rate": ("not_collected", None),
        "cost_per_transaction": ("not_available", "shared_contract"),
        "user_satisfaction": ("provided", None),
    },
    2: {
        "users_per_year": ("estimated", None),
        "transactions_per_year": ("not_available", "shared_system"),
        "digital_take_up": ("provided", None),
        "completion_rate": ("provided", None),
        "cost_per_transaction": ("not_available", "shared_contract"),
        "user_satisfaction": ("provided", None),
    },
    3: {
        "users_per_year": ("provided", None),
        "transactions_per_year": ("provided", None),
        "digital_take_up": ("not_applicable", None),
        "completion_rate": ("not_available", "not_measured"),
        "cost_per_transaction": ("estimated", None),
        "user_satisfaction": ("not_collected", None),
    },
}
METRICS = pd.DataFrame(
    [
        {
            "service_id": service,
            "metric": metric,
            "availability": state,
            "reason": reason,
            "value": 1.0 if state in ("provided", "estimated") else None,
        }
        for service, answers in ANSWERS.items()
        for metric, (state, reason) in answers.items()
    ]
)


def test_by_metric_gives_each_category_as_a_share_of_those_answering() -> None:
    table = availability.by_metric(SERVICES, METRICS)
    assert list(table.index) == [
        "Users per year",
        "Transactions per year",
        "Digital take-up",
        "Completion rate",
        "Cost per transaction",
        "User satisfaction",
    ]
    cost = table.loc["Cost per transaction"]
    assert cost["Services answering"] == 3  # service 4 did not answer: not counted as missing
    assert cost["Not available: shared contract"] == pytest.approx(0.667, abs=0.001)
    assert cost["Estimated"] == pytest.approx(0.333, abs=0.001)
    assert cost["With a figure"] == pytest.approx(0.333, abs=0.001)
    users = table.loc["Users per year"]
    assert users["With a figure"] == 1.0
    transactions = table.loc["Transactions per year"]
    assert transactions["Not available: shared system"] == pytest.approx(0.333, abs=0.001)
    shares = table[list(answers.CATEGORIES)]
    assert (shares.sum(axis=1).round(2) == 1.0).all()  # every answer in exactly one category


def test_not_applicable_is_left_out_of_the_share_with_a_figure() -> None:
    table = availability.by_metric(SERVICES, METRICS)
    # digital take-up: referral (3) says it does not apply; bins estimated, parking provided
    take_up = table.loc["Digital take-up"]
    assert take_up["Services answering"] == 3
    assert take_up["Services it applies to"] == 2
    assert take_up["With a figure"] == 1.0  # 2 of 2, not 2 of 3
    assert take_up["Not applicable"] == pytest.approx(0.333, abs=0.001)  # still drawn


def test_the_hardest_metrics_are_named_with_ties() -> None:
    table = availability.by_metric(SERVICES, METRICS)
    # with a figure, of the services each applies to: completion 1 of 3 and cost 1 of 3 tie
    # for hardest; users (3 of 3) and take-up (2 of 2) tie for easiest
    assert availability.hardest(table) == [
        ["Completion rate", "Cost per transaction"],
        ["Transactions per year", "User satisfaction"],
        ["Users per year", "Digital take-up"],
    ]
    assert availability.hardest_finding(table) == (
        "Completion rate and cost per transaction are the hardest to get (33% of the services "
        "they apply to gave a figure), then transactions per year and user satisfaction (67%)"
    )


def test_the_two_hardest_are_named_and_cost_and_volumetrics_called_out() -> None:
    metrics = METRICS.copy()
    # bins gives a completion rate after all: completion 2 of 3, cost alone is hardest, and
    # transactions (2 of 3) share second place with completion and satisfaction
    bins_completion = (metrics["service_id"] == 1) & (metrics["metric"] == "completion_rate")
    metrics.loc[bins_completion, ["availability", "value"]] = ["provided", 1.0]
    table = availability.by_metric(SERVICES, metrics)
    assert availability.hardest_finding(table) == (
        "Cost per transaction is the hardest to get (33% of the services it applies to gave a "
        "figure), then transactions per year, completion rate and user satisfaction (67%)"
    )
    assert availability.cost_and_volumetrics_hardest(table)
    assert availability.main_reason(table, "Cost per transaction") == (
        "Not available: shared contract",
        pytest.approx(0.667, abs=0.001),
    )
    # the same finding with ties apart: satisfaction and completion are not volumetrics
    assert not availability.cost_and_volumetrics_hardest(availability.by_metric(SERVICES, METRICS))


def test_the_finding_in_welsh() -> None:
    with using("cy"):
        table = availability.by_metric(SERVICES, METRICS)
        finding = availability.hardest_finding(table)
    assert table.index[0] == "Defnyddwyr y flwyddyn"
    assert finding.startswith("Cyfradd cwblhau a chost fesul trafodiad")


def test_by_sector_keeps_every_sector_and_blanks_where_nobody_answered() -> None:
    shares, counts = availability.by_sector(SERVICES, METRICS)
    assert list(shares.index) == [
        "Central government",
        "Local authority",
        "Health",
        "Arm's-length body",
        "Third sector",
    ]
    assert shares.loc["Local authority", "Transactions per year"] == 0.5
    # digital take-up: the only health service says it does not apply: blank, not 0%
    assert pd.isna(shares.loc["Health", "Digital take-up"])
    assert counts.loc["Health", "Digital take-up"] == 0
    assert shares.loc["Local authority", "Cost per transaction"] == 0.0
    assert shares.loc["Health", "Cost per transaction"] == 1.0
    assert pd.isna(shares.loc["Third sector", "Users per year"])  # no answers is not zero
    assert counts.loc["Local authority", "Users per year"] == 2
    assert counts.loc["Third sector", "Users per year"] == 0


def test_by_organisation_counts_services_answering() -> None:
    table = availability.by_organisation(SERVICES, METRICS)
    assert table.loc["Cardiff", "Services answering"] == 2
    assert table.loc["Cardiff", "Sector"] == "Local authority"
    assert table.loc["Cardiff", "Completion rate"] == 0.5
    assert "Age Cymru" not in table.index


def test_missing_key_metrics_lists_services_with_reasons() -> None:
    table = availability.missing_key_metrics(SERVICES, METRICS)
    assert list(table["Service"]) == ["Parking", "Bins"]  # most missing first; referral has all
    parking = table.set_index("Service").loc["Parking"]
    assert parking["Key metrics missing"] == 2
    assert parking["Transactions per year"] == "Not available: shared system"
    assert parking["Cost per transaction"] == "Not available: shared contract"
    assert parking["Users per year"] == "Estimated"
    assert parking["Code"] == "parking"  # for the link to the catalogue
    with using("cy"):
        welsh = availability.missing_key_metrics(SERVICES, METRICS).set_index("Code")
    assert welsh.loc["parking", "Trafodion y flwyddyn"] == "Ddim ar gael: system a rennir"
    assert welsh.loc["parking", "Sector"] == "Awdurdod lleol"
    assert welsh.loc["parking", "Service"] == "Parking (yn Saesneg yn unig)"


def test_coverage_and_the_empty_case() -> None:
    assert availability.coverage(SERVICES, METRICS) == availability.Coverage(4, 3)
    none = SERVICES.iloc[:0]
    table = availability.by_metric(none, METRICS)
    assert (table["Services answering"] == 0).all()
    assert availability.hardest_finding(table).startswith("No matching service")
    assert availability.missing_key_metrics(none, METRICS).empty


def test_not_applicable_is_not_a_missing_key_metric() -> None:
    metrics = METRICS.copy()
    referral_cost = (metrics["service_id"] == 3) & (metrics["metric"] == "cost_per_transaction")
    metrics.loc[referral_cost, ["availability", "value"]] = ["not_applicable", None]
    assert "Referral" not in set(availability.missing_key_metrics(SERVICES, metrics)["Service"])


def _breakdown(services: pd.DataFrame = SERVICES, metrics: pd.DataFrame = METRICS):  # type: ignore[no-untyped-def]
    return availability.build(services, metrics)


def test_one_metric_by_sector_gives_every_answer_category() -> None:
    view = _breakdown()
    cost = availability.metric_by_sector(view.sector_categories, "cost_per_transaction")
    assert list(cost.index) == [
        "Central government",
        "Local authority",
        "Health",
        "Arm's-length body",
        "Third sector",
    ]
    council = cost.loc["Local authority"]
    assert council["Services answering"] == 2
    assert council["Not available: shared contract"] == 1.0  # bins and parking: shared contract
    assert council["With a figure"] == 0.0
    assert cost.loc["Health", "Estimated"] == 1.0
    assert cost.loc["Health", "With a figure"] == 1.0
    # volunteering (third sector) never answered: no answers, not "no figure"
    assert cost.loc["Third sector", "Services answering"] == 0
    assert pd.isna(cost.loc["Third sector", "With a figure"])

    transactions = availability.metric_by_sector(view.sector_categories, "transactions_per_year")
    assert transactions.loc["Local authority", "Provided"] == 0.5
    assert transactions.loc["Local authority", "Not available: shared system"] == 0.5
    completion = availability.metric_by_sector(view.sector_categories, "completion_rate")
    assert completion.loc["Local authority", "Not collected"] == 0.5
    assert completion.loc["Health", "Not available: not measured"] == 1.0
    take_up = availability.metric_by_sector(view.sector_categories, "digital_take_up")
    assert take_up.loc["Health", "Not applicable"] == 1.0
    assert take_up.loc["Health", "Services it applies to"] == 0
    assert pd.isna(take_up.loc["Health", "With a figure"])  # applies to none: blank, not 0%
    for metric in availability.METRIC_CODES:
        table = availability.metric_by_sector(view.sector_categories, metric)
        answered = table[table["Services answering"] > 0]
        # every answer in exactly one category, per sector
        assert (answered[list(answers.CATEGORIES)].sum(axis=1).round(2) == 1.0).all()
        # and the share with a figure is the heat map's, sector by sector
        heat = view.sector_shares[availability.metric_names()[metric]]
        pd.testing.assert_series_equal(
            table["With a figure"], heat, check_names=False, check_exact=False, atol=0.001
        )


def test_one_metric_by_organisation_gives_every_answer_category() -> None:
    view = _breakdown()
    table = availability.metric_by_organisation(
        view.organisation_categories, view.organisations, "completion_rate"
    )
    assert list(table.index) == ["Cardiff", "BCUHB"]  # most services answering first
    assert "Age Cymru" not in table.index  # answered nothing
    cardiff = table.loc["Cardiff"]
    assert cardiff["Sector"] == "Local authority"
    assert cardiff["Services answering"] == 2
    assert cardiff["Provided"] == 0.5  # parking
    assert cardiff["Not collected"] == 0.5  # bins
    assert cardiff["With a figure"] == 0.5
    assert table.loc["BCUHB", "Not available: not measured"] == 1.0
    assert list(table.columns[:3]) == ["Sector", "Services answering", "With a figure"]
    assert set(answers.CATEGORIES) <= set(table.columns)
    with using("cy"):
        welsh = availability.build(SERVICES, METRICS)
        cost = availability.metric_by_organisation(
            welsh.organisation_categories, welsh.organisations, "cost_per_transaction"
        )
    assert cost.loc["Cardiff (yn Saesneg yn unig)", "Sector"] == "Awdurdod lleol"
    assert cost.loc["Cardiff (yn Saesneg yn unig)", "Not available: shared contract"] == 1.0


def test_the_sector_finding_names_where_a_metric_is_hardest_and_easiest() -> None:
    view = _breakdown()

    def finding(metric: str, name: str, counts: pd.DataFrame = view.sector_categories) -> str:
        return availability.sector_finding(availability.metric_by_sector(counts, metric), name)

    assert finding("cost_per_transaction", "Cost per transaction") == (
        "Cost per transaction is hardest to get from local authority services (0% of those it "
        "applies to gave a figure) and easiest from health services (100%)"
    )
    assert finding("users_per_year", "Users per year") == (
        "Users per year: 100% of the services it applies to gave a figure in every sector that "
        "answered"
    )
    # take-up applies to no health service: only the councils are compared
    assert finding("digital_take_up", "Digital take-up") == (
        "Digital take-up: 100% of the local authority services it applies to gave a figure"
    )
    # ties are named together: a central-government service with no cost either
    services = pd.concat(
        [
            SERVICES,
            pd.DataFrame(
                {
                    "code": ["grants"],
                    "name_en": ["Grants"],
                    "organisation_en": ["Welsh Government"],
                    "sector": ["central_government"],
                },
                index=pd.Index([5], name="id"),
            ),
        ]
    )
    metrics = pd.concat(
        [
            METRICS,
            pd.DataFrame(
                [
                    {
                        "service_id": 5,
                        "metric": "cost_per_transaction",
                        "availability": "not_available",
                        "reason": "shared_system",
                        "value": None,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    tied = availability.build(services, metrics).sector_categories
    assert finding("cost_per_transaction", "Cost per transaction", tied).startswith(
        "Cost per transaction is hardest to get from central government and local authority "
        "services (0% of those it applies to gave a figure)"
    )
    # nobody answered, or the metric applies to none of those who did
    silent = availability.build(SERVICES.loc[[4]], METRICS).sector_categories
    assert finding("cost_per_transaction", "Cost per transaction", silent) == (
        "No matching service has answered for cost per transaction yet"
    )
    referral = availability.build(SERVICES.loc[[3]], METRICS).sector_categories
    assert finding("digital_take_up", "Digital take-up", referral) == (
        "Digital take-up applies to none of the matching services that answered"
    )
    with using("cy"):
        welsh = availability.build(SERVICES, METRICS).sector_categories
        cy = availability.sector_finding(
            availability.metric_by_sector(welsh, "cost_per_transaction"), "Cost fesul trafodiad"
        )
    assert cy == (
        "Cost fesul trafodiad: anoddaf i'w gael gan wasanaethau awdurdod lleol (0% o'r rhai y "
        "mae'n berthnasol iddynt yn rhoi ffigur) a hawsaf gan wasanaethau iechyd (100%)"
    )


def test_the_sector_chart_draws_a_full_bar_per_sector_that_answered() -> None:
    from dashboard.availability import figures as availability_figures

    view = _breakdown()
    table = availability.metric_by_sector(view.sector_categories, "transactions_per_year")
    fig = availability_figures.sector_availability_figure(table, "Transactions per year")
    bars = {trace.name: trace for trace in fig.data}
    assert list(bars) == list(answers.CATEGORIES)  # one segment per category
    # only the sectors that answered, each with its number of services answering
    assert list(bars["Provided"].y) == ["Local authority (2)", "Health (1)"]
    assert list(bars["Provided"].x) == [0.5, 1.0]
    assert list(bars["Not available: shared system"].x) == [0.5, 0.0]
    totals = [sum(trace.x[i] for trace in fig.data) for i in range(2)]
    assert totals == pytest.approx([1.0, 1.0])
    title = fig.layout.title.text.replace("<br>", " ")
    assert title == availability.sector_finding(table, "Transactions per year")


def test_the_view_counts_the_journeys_of_the_matching_services() -> None:
    view = availability.build(SERVICES.assign(journeys=[0, 3, 40, 0]), METRICS)
    assert (view.journeys, view.services_with_journeys) == (43, 2)


def test_the_finding_names_the_two_hardest_with_their_commonest_reason() -> None:
    """Cost (1 of 3 gave a figure) and transactions (2 of 3) are the two hardest here, once
    completion is given by service 3: the page's note names both with why not."""
    from dashboard.availability.notes import hardest_note

    # as drawn: completion is the hardest with cost, and completion is not a volumetric
    assert hardest_note(availability.by_metric(SERVICES, METRICS)) == ""
    given = METRICS.copy()
    row = (given["service_id"] == 3) & (given["metric"] == "completion_rate")
    given.loc[row, ["availability", "reason", "value"]] = ["provided", None, 1.0]
    assert hardest_note(availability.by_metric(SERVICES, given)) == (
        "**Cost and volumetrics are the hardest figures to get.** Cost per transaction: 33% of "
        "the services it applies to gave a figure; the commonest answer without one is “not "
        "available: shared contract” (67% of services answering); Transactions per year: 67% "
        "of the services it applies to gave a figure; the commonest answer without one is “not available: shared system” (33% of services answering). "
        "Shared systems and contracts often cannot be split per service, so these gaps are a "
        "finding in their own right."
    )
