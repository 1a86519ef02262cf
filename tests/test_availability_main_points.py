"""The Data availability page's main points on the small hand-built catalogue of
test_availability (worked out by hand in the comments)."""

from __future__ import annotations

from dashboard.availability import tables as availability
from dashboard.availability.main_points import main_points
from dashboard.common.i18n import using
from tests.test_availability import METRICS, SERVICES


def test_the_main_points_name_the_hardest_the_reason_the_easiest_and_the_gaps() -> None:
    with using("en"):
        points = main_points(availability.build(SERVICES, METRICS))
    assert points == [
        # services 1 2 3 answered; 4 did not
        "3 of 4 matching services answered the metric questions; the shares here are of the "
        "services each metric applies to among them.",
        # completion 1 of 3, cost 1 of 3; transactions 2 of 3, satisfaction 2 of 3
        "Completion rate and cost per transaction are the hardest to get (33% of the services "
        "they apply to gave a figure), "
        "then transactions per year and user satisfaction (67%).",
        # completion: one not measured, one not collected, one provided: a tie, both named
        "Where completion rate has no figure, the reasons given are “Not available: not "
        "measured” and “Not collected”, each for 33% of the services answering.",
        # users 3 of 3; digital take-up 2 of the 2 it applies to
        "The easiest to get are users per year and digital take-up: 100% gave a figure for each.",
        # 1 lacks cost, 2 lacks transactions and cost; 3 has all three (cost estimated)
        "2 of the 3 answering services lack at least one key figure (users, transactions or "
        "cost per transaction): they are listed below with the reason.",
    ]


def test_one_commonest_reason_is_named_alone() -> None:
    with using("en"):
        view = availability.build(SERVICES.loc[[1, 2]], METRICS)
        points = main_points(view)
    # services 1 and 2: cost per transaction is hardest (0 of 2), not available (shared
    # contract) for both
    assert points[2] == (
        "The commonest reason there is no figure for cost per transaction is “Not available: "
        "shared contract” (100% of the services answering)."
    )


def test_no_answering_service_has_no_main_points() -> None:
    with using("en"):
        assert main_points(availability.build(SERVICES.loc[[4]], METRICS)) == []
