"""Who may do what: the roles, where a signed-in person's roles come from, and whether a
sign-in from the organisation's provider is still good (plain Python, no Streamlit).

Four roles: a viewer (everyone: the pages are public), a data steward (imports, and exports
of the full data), a survey coordinator (deep dives, owners' survey links) and an
administrator (people and roles, settings), who may do everything the others may.

A person signed in with the organisation's account (OpenID Connect) holds the roles their
identity token's claim grants (a claim such as `roles` or `groups`, each value mapped to a
role in the deployment's secrets) and the one an administrator gave them in the People and
roles table (by e-mail address). The administrator credential signs in as administrator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dashboard.common.i18n import t

VIEWER = "viewer"
DATA_STEWARD = "data_steward"
SURVEY_COORDINATOR = "survey_coordinator"
ADMINISTRATOR = "administrator"

#: Every role, from the least to the most trusted.
ROLES: tuple[str, ...] = (VIEWER, DATA_STEWARD, SURVEY_COORDINATOR, ADMINISTRATOR)
#: Roles an administrator can give in the People and roles table (a viewer needs no entry).
GIVEN_ROLES: tuple[str, ...] = (DATA_STEWARD, SURVEY_COORDINATOR, ADMINISTRATOR)

#: The longest an e-mail address may be (RFC 5321).
MAX_EMAIL = 320
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: How long a sign-in with the organisation's account lasts before the person signs in again.
DEFAULT_MAX_HOURS = 12.0
#: Leeway for clocks that disagree a little (seconds).
CLOCK_SKEW = 120


def role_name(role: str) -> str:
    """A role in the interface language."""
    names = {
        VIEWER: t("viewer"),
        DATA_STEWARD: t("data steward"),
        SURVEY_COORDINATOR: t("survey coordinator"),
        ADMINISTRATOR: t("administrator"),
    }
    return names.get(role, role)


def allows(held: Iterable[str], needed: str) -> bool:
    """Whether roles `held` allow what needs `needed`: everyone is a viewer, an administrator
    may do everything."""
    roles = set(held)
    return needed == VIEWER or needed in roles or ADMINISTRATOR in roles


class RoleProblem(ValueError):
    """A role or an e-mail address that cannot be used, said in words."""


def parse_role(text: str) -> str:
    """A role from what someone typed ("data steward", "data-steward", "DATA_STEWARD")."""
    code = re.sub(r"[\s-]+", "_", text.strip().lower())
    if code not in ROLES:
        raise RoleProblem(
            t(
                "“{role}” is not a role. The roles are: {roles}.",
                role=text.strip(),
                roles=", ".join(ROLES),
            )
        )
    return code


def normalise_email(text: str) -> str:
    """An e-mail address as kept and compared: trimmed and in lower case."""
    email = text.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise RoleProblem(
            t("“{email}” is not an e-mail address (such as name@example.gov.wales).", email=text)
        )
    return email


@dataclass(frozen=True)
class RoleClaims:
    """Where roles come from in the identity token: the claim's name, and which of its values
    grant which role. Values not in `mapping` grant nothing, unless they are a role's own
    code (`data_steward`, …), which grants that role."""

    claim: str = "roles"
    mapping: Mapping[str, str] = field(default_factory=dict)
    #: Whom a person with no role should ask (shown to them), e.g. "the digital team".
    contact: str = ""
    max_hours: float = DEFAULT_MAX_HOURS


def role_claims_from(section: Mapping[str, Any] | None) -> RoleClaims:
    """The `[landscape_roles]` section of the secrets read into `RoleClaims`.

    ``claim = "groups"``, ``contact = "…"``, ``max_hours = 12`` and a ``[landscape_roles.map]``
    table of claim value to role. A value mapped to something that is not a role is refused
    in words, so a typing slip does not silently grant nothing (or too much).
    """
    if not section:
        return RoleClaims()
    raw_map = section.get("map") or {}
    if not isinstance(raw_map, Mapping):
        raise RoleProblem(t("`landscape_roles.map` must be a table of claim values and roles."))
    mapping = {str(value): parse_role(str(role)) for value, role in raw_map.items()}
    try:
        max_hours = float(section.get("max_hours", DEFAULT_MAX_HOURS))
    except (TypeError, ValueError):
        raise RoleProblem(t("`landscape_roles.max_hours` must be a number of hours.")) from None
    if not 0 < max_hours <= 24 * 30:
        raise RoleProblem(t("`landscape_roles.max_hours` must be between 0 and 720 hours."))
    return RoleClaims(
        claim=str(section.get("claim") or "roles").strip(),
        mapping=mapping,
        contact=str(section.get("contact") or "").strip(),
        max_hours=max_hours,
    )


def _claim_values(value: object) -> list[str]:
    if isinstance(value, str):
        return [part for part in re.split(r"[\s,]+", value) if part]
    if isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        return [str(part) for part in value]
    return []


def roles_from_claims(claims: Mapping[str, Any], config: RoleClaims) -> set[str]:
    """The roles an identity token's claim grants (none when the claim is missing)."""
    granted: set[str] = set()
    for value in _claim_values(claims.get(config.claim)):
        if value in config.mapping:
            granted.add(config.mapping[value])
        elif value in ROLES:
            granted.add(value)
    granted.discard(VIEWER)
    return granted


def email_of(claims: Mapping[str, Any]) -> str | None:
    """Who the person is, as an e-mail address: `email`, or Microsoft Entra ID's
    `preferred_username` / `upn` when the token carries no `email`."""
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            try:
                return normalise_email(value)
            except RoleProblem:
                continue
    return None


def display_name(claims: Mapping[str, Any]) -> str:
    """The person's name as the provider gives it, else their address, else their subject."""
    for name in ("name", "email", "preferred_username", "sub"):
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return t("someone")


def _audiences(claims: Mapping[str, Any]) -> set[str]:
    aud = claims.get("aud")
    if isinstance(aud, str):
        return {aud}
    return {str(part) for part in _claim_values(aud)}


def _seconds(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def sign_in_problem(
    claims: Mapping[str, Any],
    client_ids: Iterable[str],
    *,
    now: datetime | None = None,
    max_hours: float = DEFAULT_MAX_HOURS,
) -> str | None:
    """Why a sign-in's identity claims cannot be trusted, in words; None when they can.

    The token must be meant for this app (`aud` holds one of `client_ids`, or `azp` names it),
    and the sign-in must be recent: issued (`iat`) no more than `max_hours` ago. Streamlit
    keeps a sign-in for 30 days; this ends it sooner. Streamlit checks the token's signature,
    audience and expiry when the person signs in; this is checked on every page.
    """
    expected = {client for client in client_ids if client}
    audiences = _audiences(claims)
    if expected and not (audiences & expected or claims.get("azp") in expected):
        return t(
            "Your sign-in was meant for another application, so it was not accepted."
            " You are not signed in."
        )
    issued = _seconds(claims.get("iat"))
    moment = (now or datetime.now(UTC)).timestamp()
    if issued is None:
        return t("Your sign-in does not say when it was made, so it was not accepted.")
    if moment - issued > max_hours * 3600 + CLOCK_SKEW:
        return t("Your sign-in has expired. Sign in again to go on.")
    if issued - moment > CLOCK_SKEW:
        return t("Your sign-in is dated in the future, so it was not accepted.")
    return None


def no_role_message(contact: str) -> str:
    """What a signed-in person with no role reads: they may view, and whom to ask."""
    if contact:
        return t(
            "You are signed in but have no role here yet, so you can view the pages but not"
            " change anything. To import data, run surveys or manage people, ask {contact}"
            " for a role.",
            contact=contact,
        )
    return t(
        "You are signed in but have no role here yet, so you can view the pages but not"
        " change anything. To import data, run surveys or manage people, ask an administrator"
        " of this service (whoever runs it for your organisation) for a role."
    )


def missing_role_message(needed: str, contact: str) -> str:
    """What a signed-in person without the role a step needs reads."""
    ask = contact or t("an administrator of this service")
    return t(
        "This needs the {role} role, which you do not have. Ask {contact} if you need it.",
        role=role_name(needed),
        contact=ask,
    )
