"""The technology questions the page analyses: their options in order, with the short names
a chart shows (the survey's own option texts are full sentences), and the topics they fall in.

The option codes are the instrument's (db/reference/instruments/technology.yaml); a test
checks they still match. Names are in the language of the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.common.i18n import t


@dataclass(frozen=True)
class Question:
    """One analysed question: `kind` is "choice" (one option per service), "multi" (several),
    or "banded" (a number or text read into bands, one per service)."""

    code: str
    kind: str
    options: tuple[str, ...]


QUESTIONS: tuple[Question, ...] = (
    Question(
        "hosting_model",
        "choice",
        ("on_premises", "public_cloud", "supplier_hosted", "shared_platform", "mixed"),
    ),
    Question(
        "core_system_age",
        "choice",
        ("under_2_years", "from_2_to_5_years", "from_5_to_10_years", "over_10_years", "not_known"),
    ),
    Question("shared_components", "multi", ("forms", "payments", "notify", "login", "none")),
    Question("apis", "choice", ("provides_and_uses", "provides", "uses", "none", "not_known")),
    Question("sign_in", "choice", ("always", "optional", "never")),
    Question(
        "login_type",
        "choice",
        (
            "own_accounts",
            "organisation_account",
            "nhs_login",
            "gov_uk_one_login",
            "other",
            "not_applicable",
        ),
    ),
    Question(
        "identity_checks",
        "multi",
        ("records", "documents", "call_back", "online_identity", "no_check", "other"),
    ),
    Question(
        "data_location",
        "multi",
        (
            "own_data_centre",
            "supplier_uk",
            "cloud_uk",
            "outside_uk",
            "shared_platform",
            "paper",
            "not_known",
        ),
    ),
    Question("cyber_support", "choice", ("in_house", "bought_in", "shared", "none")),
    Question(
        "last_penetration_test",
        "choice",
        ("within_12_months", "one_to_three_years", "over_three_years", "never", "not_known"),
    ),
    Question("security_incidents", "choice", ("yes", "no")),
    Question(
        "team_roles",
        "multi",
        (
            "service_owner",
            "user_researcher",
            "designer",
            "developer",
            "content_designer",
            "data_analyst",
            "security",
        ),
    ),
    Question("hard_to_fill_vacancies", "banded", ("none", "one", "two_or_three", "four_or_more")),
    Question("contractor_reliance", "choice", ("1", "2", "3", "4", "5")),
    Question(
        "contract_end_date",
        "banded",
        (
            "ended",
            "within_6_months",
            "within_12_months",
            "within_2_years",
            "later",
            "no_contract",
            "no_fixed_end",
            "not_read",
        ),
    ),
    Question(
        "contract_split_by_service", "choice", ("yes", "partly", "no", "no_contract", "not_known")
    ),
)
BY_CODE = {question.code: question for question in QUESTIONS}

#: The page's topics, each with its questions in the order the page shows them.
TOPICS: dict[str, tuple[str, ...]] = {
    "systems": ("hosting_model", "core_system_age", "data_location"),
    "components": ("shared_components", "apis"),
    "identity": ("sign_in", "login_type", "identity_checks"),
    "security": ("cyber_support", "last_penetration_test", "security_incidents"),
    "skills": ("team_roles", "hard_to_fill_vacancies", "contractor_reliance"),
    "contracts": ("contract_end_date", "contract_split_by_service"),
}
#: Free-text answers the page does not chart (read in each service's detail view).
FREE_TEXT = ("integration", "lock_in_concerns")


def topic_names() -> dict[str, str]:
    return {
        "systems": t("Hosting and systems"),
        "components": t("Components and APIs"),
        "gaps": t("Where shared components would help"),
        "identity": t("Sign-in and identity"),
        "security": t("Security"),
        "skills": t("Skills and vacancies"),
        "contracts": t("Contracts"),
    }


def question_names() -> dict[str, str]:
    """What each question asks about, as a chart's short name."""
    return {
        "hosting_model": t("Hosting"),
        "main_platform": t("Main platform"),
        "core_system_age": t("Age of the core system"),
        "shared_components": t("Shared components used"),
        "apis": t("APIs"),
        "sign_in": t("Signing in"),
        "login_type": t("Kind of login"),
        "identity_checks": t("Identity checks"),
        "data_location": t("Where data is held"),
        "cyber_support": t("Security operations cover"),
        "last_penetration_test": t("Last penetration test"),
        "security_incidents": t("Security or data incidents in the last two years"),
        "team_roles": t("Roles in the service team"),
        "hard_to_fill_vacancies": t("Hard-to-fill digital vacancies in the last 12 months"),
        "contractor_reliance": t("Reliance on contractors"),
        "contract_end_date": t("When the main contract ends"),
        "contract_split_by_service": t("Contract costs split out for the service"),
    }


def option_names(code: str) -> dict[str, str]:
    """Short names of a question's options, in its order."""
    names: dict[str, dict[str, str]] = {
        "hosting_model": {
            "on_premises": t("On premises"),
            "public_cloud": t("Public cloud"),
            "supplier_hosted": t("Hosted by the supplier"),
            "shared_platform": t("Shared public-sector platform"),
            "mixed": t("Mixed"),
        },
        "core_system_age": {
            "under_2_years": t("Under 2 years"),
            "from_2_to_5_years": t("2 to 5 years"),
            "from_5_to_10_years": t("5 to 10 years"),
            "over_10_years": t("Over 10 years"),
            "not_known": t("Not known"),
        },
        "shared_components": {
            "forms": t("Online forms"),
            "payments": t("Payments"),
            "notify": t("Notifications"),
            "login": t("Login and accounts"),
            "none": t("None of these"),
        },
        "apis": {
            "provides_and_uses": t("Provides and uses APIs"),
            "provides": t("Provides APIs"),
            "uses": t("Uses APIs"),
            "none": t("No APIs"),
            "not_known": t("Not known"),
        },
        "sign_in": {
            "always": t("Always"),
            "optional": t("Optional"),
            "never": t("Never"),
        },
        "login_type": {
            "own_accounts": t("The service's own accounts"),
            "organisation_account": t("An account across the organisation"),
            "nhs_login": t("NHS login"),
            "gov_uk_one_login": t("GOV.UK One Login"),
            "other": t("Other"),
            "not_applicable": t("No login"),
        },
        "identity_checks": {
            "records": t("Matched to records held"),
            "documents": t("Documents checked"),
            "call_back": t("A call back or a visit"),
            "online_identity": t("An online identity service"),
            "no_check": t("No check"),
            "other": t("Other wording"),
        },
        "data_location": {
            "own_data_centre": t("Own data centre"),
            "supplier_uk": t("Supplier, in the UK"),
            "cloud_uk": t("Cloud, in the UK"),
            "outside_uk": t("Outside the UK"),
            "shared_platform": t("Shared public-sector platform"),
            "paper": t("Paper"),
            "not_known": t("Not known"),
        },
        "cyber_support": {
            "in_house": t("In house"),
            "bought_in": t("Bought in"),
            "shared": t("Shared with other bodies"),
            "none": t("No dedicated support"),
        },
        "last_penetration_test": {
            "within_12_months": t("In the last 12 months"),
            "one_to_three_years": t("1 to 3 years ago"),
            "over_three_years": t("Over 3 years ago"),
            "never": t("Never tested"),
            "not_known": t("Not known"),
        },
        "security_incidents": {"yes": t("Had an incident"), "no": t("No incident")},
        "team_roles": {
            "service_owner": t("Service owner"),
            "user_researcher": t("User researcher"),
            "designer": t("Designer"),
            "developer": t("Developer"),
            "content_designer": t("Content designer"),
            "data_analyst": t("Data analyst"),
            "security": t("Security specialist"),
        },
        "hard_to_fill_vacancies": {
            "none": t("None"),
            "one": t("1 post"),
            "two_or_three": t("2 or 3 posts"),
            "four_or_more": t("4 posts or more"),
        },
        "contractor_reliance": {
            "1": t("1: not at all"),
            "2": "2",
            "3": "3",
            "4": "4",
            "5": t("5: almost entirely"),
        },
        "contract_end_date": {
            "ended": t("Already ended"),
            "within_6_months": t("Within 6 months"),
            "within_12_months": t("In 6 to 12 months"),
            "within_2_years": t("In 1 to 2 years"),
            "later": t("After 2 years"),
            "no_contract": t("No contract"),
            "no_fixed_end": t("Rolling, or no end date"),
            "not_read": t("Not known, or no date given"),
        },
        "contract_split_by_service": {
            "yes": t("Yes"),
            "partly": t("Partly"),
            "no": t("No: one contract, many services"),
            "no_contract": t("No contract"),
            "not_known": t("Not known"),
        },
    }
    return names[code]
