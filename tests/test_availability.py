"""Data availability figures checked against a small hand-built catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import availability
from dashboard.i18n import using

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
    shares = table[list(availability.CATEGORIES)]
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
        "Completion rate and cost per transaction are the hardest to get (33% gave a figure), "
        "then transactions per year and user satisfaction (67%)"
    )


def test_the_two_hardest_are_named_and_cost_and_volumetrics_called_out() -> None:
    metrics = METRICS.copy()
    # bins gives a completion rate after all: completion 2 of 3, cost alone is hardest, and
    # transactions (2 of 3) share second place with completion and satisfaction
    bins_completion = (metrics["service_id"] == 1) & (metrics["metric"] == "completion_rate")
    metrics.loc[bins_completion, ["availability", "value"]] = ["provided", 1.0]
    table = availability.by_metric(SERVICES, metrics)
    assert availability.hardest_finding(table) == (
        "Cost per transaction is the hardest to get (33% gave a figure), then transactions per "
        "year, completion rate and user satisfaction (67%)"
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
