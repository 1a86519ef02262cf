"""How the figures are worked out, as sections of plain paragraphs in the reader's language:
the priority score and its parts, estimates and how sure a ranking is, the reach sum,
coverage, small numbers, and digital end to end. Each section has a worked example.

The examples' numbers are worked out here from the same rules the Prioritise page uses
(tests/test_method.py checks them against dashboard.prioritise.score), so the page cannot
describe one sum and the ranking do another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.common.i18n import t

#: The worked score: default weights and one service's parts; cost not known (estimated as the
#: median of the other services, 0.4).
EXAMPLE_WEIGHTS = {"reach": 3, "gap": 3, "pain": 2, "data": 1, "cost": 1}
EXAMPLE_PARTS = {"reach": 0.8, "gap": 0.5, "pain": 0.6, "data": 0.25, "cost": 0.4}
EXAMPLE_ESTIMATED = ("cost",)
#: The worked reach: three services' users per year.
EXAMPLE_USERS = (10, 1_000, 100_000)
#: The worked reach sum: two services reporting the same challenge, their users per year.
EXAMPLE_SUM = (1_000, 20_000)


def example_score() -> float:
    """The weighted mean of EXAMPLE_PARTS under EXAMPLE_WEIGHTS."""
    total = sum(EXAMPLE_WEIGHTS.values())
    return sum(EXAMPLE_WEIGHTS[c] * EXAMPLE_PARTS[c] for c in EXAMPLE_WEIGHTS) / total


def example_reach() -> list[float]:
    """Reach of EXAMPLE_USERS: log10(1 + users) scaled from the lowest (0) to the highest (1)."""
    logged = [math.log10(1 + u) for u in EXAMPLE_USERS]
    low, high = min(logged), max(logged)
    return [(v - low) / (high - low) for v in logged]


@dataclass(frozen=True)
class Section:
    key: str  # a stable name for tests and anchors
    heading: str
    paragraphs: tuple[str, ...]
    example: str = ""  # a worked example, "" where none


def _score_example() -> str:
    weights, parts = EXAMPLE_WEIGHTS, EXAMPLE_PARTS
    sums = " + ".join(f"{weights[c]} × {parts[c]:g}" for c in weights)
    return t(
        "A service with reach 0.8, digital gap 0.5 (digitisation level 2), pain 0.6 and data "
        "gaps 0.25, whose owner gave no cost per transaction (so cost is estimated as the "
        "median of the other services, 0.4), under the default weights 3, 3, 2, 1 and 1: "
        "({sums}) / {total} = {score}. Its mark is “some parts estimated”.",
        sums=sums,
        total=sum(weights.values()),
        score=f"{example_score():.3f}",
    )


def _reach_example() -> str:
    low, middle, high = EXAMPLE_USERS
    reach = example_reach()
    return t(
        "Three services with {low}, {middle} and {high} users a year have reach 0, {value} and "
        "1: on a log scale each step of ten times the users adds the same to reach.",
        low=f"{low:,}",
        middle=f"{middle:,}",
        high=f"{high:,}",
        value=f"{reach[1]:.2f}",
    )


def _sum_example() -> str:
    first, second = EXAMPLE_SUM
    return t(
        "Two services report the challenge “legacy systems”: one with {first} users a year, "
        "the other with {second}. The area shows “2 services in 2 organisations” and {total} "
        "service users per year, added across services. Someone who uses both is counted "
        "twice, so between {second} and {total} different people use them.",
        first=f"{first:,}",
        second=f"{second:,}",
        total=f"{first + second:,}",
    )


def sections() -> list[Section]:
    """The method, section by section, in the current language."""
    return [
        Section(
            "score",
            t("The priority score"),
            (
                t(
                    "Prioritise gives each service a score from 0 to 1: the weighted mean of "
                    "five parts, each from 0 (no case for improving) to 1 (the strongest case). "
                    "You set the weights, from 0 to 5; they are part of the page's link."
                ),
                t(
                    "Reach: users per year, or transactions per year where users are not known, "
                    "on a log scale relative to the services ranked. Digital gap: (4 − "
                    "digitisation level) / 4. Pain: the severity of the challenges the owner "
                    "reported (high 3, medium 2, low 1, added up), relative to the services "
                    "ranked. Data gaps: the share of the metrics that apply to the service for "
                    "which the owner gave no figure. Cost: cost per transaction on a log scale "
                    "relative to the services ranked; not comparable across kinds of service."
                ),
                _reach_example(),
            ),
            _score_example(),
        ),
        Section(
            "estimates",
            t("Estimates and how sure a ranking is"),
            (
                t(
                    "A part the owner gave no figure for is never taken as zero. It is estimated "
                    "as the median of the services that have it, and the row says so; or, if you "
                    "choose, such services are left out of the ranking. A service with no "
                    "digitisation level is scored on its other parts, their weights scaled up."
                ),
                t(
                    "Each ranked service carries a mark: ● all parts known (every weighted part "
                    "from the owner's figures); ◐ some parts estimated (at least one weighted "
                    "part from the median, or no digitisation level); ○ reach unknown (reach is "
                    "weighted and the owner gave neither users nor transactions). The chart's "
                    "title counts how many of the top 15 rest on at least one estimate."
                ),
                t(
                    "The stability check moves each weight alone by 1, down and up, within 0 to "
                    "5 (never to all weights 0), ranks the services again, and says whether the "
                    "top 5 keep the same services in the same places. If one move changes them, "
                    "the ranking depends on the weights as much as on the data: it names the "
                    "first change and counts the others."
                ),
            ),
            t(
                "With reach and digital gap weighted 3 and 3, a service with reach 0.80 and gap "
                "0.62 scores 0.710 and one with reach 0.62 and gap 0.81 scores 0.715. Weight "
                "reach 4 and they score 0.723 and 0.701: the two swap places, and the check "
                "says so."
            ),
        ),
        Section(
            "reach_sum",
            t("Adding service users across services"),
            (
                t(
                    "An improvement area's total adds the users per year (transactions where "
                    "users are unknown) of the services that report it. It counts service users, "
                    "not people: a person using two services counts twice. So every such figure "
                    "leads with the number of services and organisations behind it, and says "
                    "“service users per year, added across services”."
                ),
                t(
                    "One very large service can carry a total; the page names it when it gives "
                    "more than half. The median and the count of services cannot be driven by "
                    "one service. Services with no known reach are counted apart; an area none "
                    "of whose services has a known reach has no total, never 0."
                ),
            ),
            _sum_example(),
        ),
        Section(
            "coverage",
            t("Coverage: how many services stand behind a figure"),
            (
                t(
                    "Every figure says what it counts and how many services it rests on: “N of "
                    "M services”. A value not recorded is shown as “not recorded”, counted in "
                    "coverage and left out of shares and scores, never replaced by a default."
                ),
                t(
                    "A share states its denominator. On the Overview, “Metrics with a figure” "
                    "is the share of metric answers that hold a figure (provided or estimated), "
                    "of every metric answer from the services that reported metrics. On Data "
                    "availability, “with a figure” is the share of the services answering for "
                    "which the metric applies: metrics marked not applicable are left out there."
                ),
            ),
            t(
                "If 120 of 402 matching services gave their users per year, the figure reads "
                "“120 of 402 services”; the other 282 are not counted as 0 users."
            ),
        ),
        Section(
            "end_to_end",
            t("Digital end to end"),
            (
                t(
                    "A service is digital end to end at digitisation level 3 or 4. A filter that "
                    "keeps only levels 0 to 2 leaves those services out, so its share digital end "
                    "to end is 0% by construction: the page says the filter leaves them out "
                    "instead of showing 0%."
                ),
            ),
        ),
        Section(
            "small_numbers",
            t("Small numbers"),
            (
                t(
                    "Official statistics suppress small counts (a common threshold is fewer "
                    "than 5) so that no single body can be picked out. This dashboard does not "
                    "suppress counts yet: a figure that counts fewer than 5 services may point "
                    "to one organisation. Narrow filters make this more likely; take care "
                    "before sharing such a view outside the public bodies that gave the data."
                ),
            ),
        ),
    ]
