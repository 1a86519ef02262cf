"""Signing in for this browser session: with the organisation's account, or the administrator
credential; and the roles the person signed in holds.

With `[auth]` configured in `.streamlit/secrets.toml` (Streamlit's own OpenID Connect
settings), the sign-in offers "Sign in with your organisation's account" (`st.login`), and the
person's roles come from their identity token's claim and the People and roles table
(`dashboard/common/roles.py`, `dashboard/common/people.py`). The administrator credential, the
single-machine default, signs in as administrator whether or not `[auth]` is configured.

`has_role(role)` is what every gate asks; `signed_in_as()` says who (for the audit trail).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.common import roles
from dashboard.common.access import (
    ENV_VAR,
    MIN_LENGTH,
    check_credential,
    credential_from_env,
    usable,
)
from dashboard.common.attempt_limits import ADMIN_SIGN_IN, too_many
from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.common.people import role_of
from dashboard.ui import attempts

SIGNED_IN = "admin_signed_in"
#: What `signed_in_as()` says for the administrator credential (no person is named).
CREDENTIAL = "administrator credential"
#: Query parameter set when the provider's answer was refused (dashboard/serving/sign_in_outcome.py).
FAILED_PARAM = "sign_in"


def _secret(name: str) -> Any:
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets file: that is fine, the environment may hold it
        return None


def configured_credential() -> str | None:
    secret = _secret("admin_token")
    return str(secret).strip() if secret else credential_from_env()


def providers() -> list[str | None]:
    """The organisation sign-ins `[auth]` configures: None for the unnamed one, else each
    named provider (`[auth.microsoft]`). Empty when `[auth]` is not configured."""
    section = _secret("auth")
    if not isinstance(section, Mapping) or not section.get("redirect_uri"):
        return []
    if section.get("client_id"):
        return [None]
    return [
        str(name)
        for name, value in section.items()
        if isinstance(value, Mapping) and value.get("client_id")
    ]


def _client_ids() -> list[str]:
    section = _secret("auth")
    if not isinstance(section, Mapping):
        return []
    found = [str(section["client_id"])] if section.get("client_id") else []
    for value in section.values():
        if isinstance(value, Mapping) and value.get("client_id"):
            found.append(str(value["client_id"]))
    return found


def _roles_settings() -> tuple[roles.RoleClaims, str | None]:
    try:
        return roles.role_claims_from(_secret("landscape_roles")), None
    except roles.RoleProblem as problem:
        return roles.RoleClaims(), str(problem)


def role_claims() -> roles.RoleClaims:
    """The `[landscape_roles]` settings; with a mistake in them, none (the claim grants
    nothing; the sign-in says what is wrong)."""
    return _roles_settings()[0]


def _say_settings_problem() -> None:
    problem = _roles_settings()[1]
    if problem:
        st.error(
            t("The roles settings cannot be used: {problem}", problem=plain(problem)),
            icon=":material/error:",
        )


def _claims() -> dict[str, Any]:
    """The identity claims of a person signed in with the organisation's account ({} if none)."""
    if not providers():
        return {}
    try:
        user = st.user.to_dict()
    except Exception:  # no script context (tests of plain helpers)
        return {}
    return dict(user) if user.get("is_logged_in") else {}


def sign_in_problem() -> str | None:
    """Why this session's sign-in with the organisation's account is not accepted, if it is not."""
    claims = _claims()
    if not claims:
        return None
    return roles.sign_in_problem(claims, _client_ids(), max_hours=role_claims().max_hours)


def organisation_person() -> dict[str, Any]:
    """The claims of the person signed in with the organisation's account, if accepted."""
    claims = _claims()
    if not claims or roles.sign_in_problem(
        claims, _client_ids(), max_hours=role_claims().max_hours
    ):
        return {}
    return claims


def current_roles() -> set[str]:
    """The roles this session holds: administrator with the credential; otherwise what the
    person's claim and the People and roles table give (none when nobody is signed in)."""
    held: set[str] = set()
    if st.session_state.get(SIGNED_IN):
        held.add(roles.ADMINISTRATOR)
    person = organisation_person()
    if person:
        held |= roles.roles_from_claims(person, role_claims())
        try:
            given = role_of(roles.email_of(person))
        except SQLAlchemyError:  # the store is away: the claim's roles still hold
            given = None
        if given:
            held.add(given)
    return held


def has_role(role: str) -> bool:
    """Whether this session may do what needs `role` (an administrator may do everything)."""
    return roles.allows(current_roles(), role)


def is_admin() -> bool:
    return has_role(roles.ADMINISTRATOR)


def signed_in_as() -> str | None:
    """Who is signed in, for the audit trail: the person's e-mail address (else their name),
    "administrator credential", or None when nobody is."""
    person = organisation_person()
    if person:
        return roles.email_of(person) or roles.display_name(person)
    if st.session_state.get(SIGNED_IN):
        return CREDENTIAL
    return None


def show_sign_in_outcome() -> None:
    """Say so when the provider's answer to a sign-in was refused (and take the mark off the
    link); say so when a sign-in has expired or was meant for another application."""
    if st.query_params.get(FAILED_PARAM) == "failed":
        del st.query_params[FAILED_PARAM]
        st.error(
            t(
                "Signing in with your organisation's account did not work, so you are not"
                " signed in. The answer from your organisation's sign-in was not accepted:"
                " it may have been meant for another application, have expired, or been"
                " declined. Try again; if it keeps happening, tell whoever runs this service."
            ),
            icon=":material/no_accounts:",
        )
    problem = sign_in_problem()
    if problem:
        st.warning(problem, icon=":material/no_accounts:")


def sidebar_identity() -> None:
    """Under the language switch, on every page: who is signed in with the organisation's
    account, and the button that signs them out (nothing when nobody is)."""
    person = organisation_person()
    if not person:
        return
    with st.sidebar:
        st.caption(t("Signed in as {who}.", who=plain(roles.display_name(person))))
        if st.button(t("Sign out"), key="sidebar_sign_out", icon=":material/logout:"):
            st.logout()  # the browser goes to the provider's sign-out, then back


def _roles_words(held: set[str]) -> str:
    return ", ".join(roles.role_name(role) for role in roles.ROLES if role in held)


def missing_role(role: str) -> None:
    """Say that this step needs `role`, which the person signed in does not hold, and whom to ask."""
    contact = role_claims().contact
    st.info(
        roles.missing_role_message(role, plain(contact) if contact else ""),
        icon=":material/person_off:",
    )


def _signed_in_line(key: str) -> None:
    """Who is signed in, with which roles, and the button that signs them out."""
    person = organisation_person()
    held = current_roles()
    if person:
        who = roles.display_name(person)
        if held:
            st.caption(t("Signed in as {who} ({roles}).", who=plain(who), roles=_roles_words(held)))
        else:
            st.caption(t("Signed in as {who}.", who=plain(who)))
    if st.button(t("Sign out"), key=f"{key}_sign_out", icon=":material/logout:"):
        st.session_state[SIGNED_IN] = False
        if person or _claims():
            st.logout()  # the browser goes to the provider's sign-out, then back
        else:
            st.rerun()


#: Who the audit trail names for a session signed in with the administrator credential, and
#: for one not signed in.
NOBODY = "visitor"


def current_actor() -> str:
    """Who this session is, for the audit trail: the one place that says it. The person's
    e-mail address (or name) when signed in with the organisation's account, "administrator
    credential" when signed in with it, else "visitor"."""
    return signed_in_as() or NOBODY


def sign_in(
    purpose: str,
    *,
    role: str = roles.ADMINISTRATOR,
    key: str = "admin",
    intro: str | None = None,
    when_off: str | None = None,
) -> bool:
    """Show the sign-in unless this session holds `role`; return whether it does.

    `purpose` (already in the interface language) completes "Needed to …"; `intro` is shown
    above the form, `when_off` replaces the default message when no sign-in is set up.
    `key` keeps the widgets of two pages' sign-ins apart; the sign-in itself is shared.
    """
    if providers():
        _say_settings_problem()
    if has_role(role):
        _signed_in_line(key)
        return True
    if organisation_person() or st.session_state.get(SIGNED_IN):
        held = current_roles()
        contact = plain(role_claims().contact) if role_claims().contact else ""
        message = (
            roles.missing_role_message(role, contact) if held else roles.no_role_message(contact)
        )
        st.warning(message, icon=":material/person_off:")
        _signed_in_line(key)
        return False
    configured = configured_credential()
    organisation = providers()
    if intro:
        st.info(intro, icon=":material/lock:")
    problem = sign_in_problem()
    if problem:
        st.warning(problem, icon=":material/no_accounts:")
    for provider in organisation:
        suffix = f"_{provider}" if provider else ""
        label = t("Sign in with your organisation's account")
        if provider and len(organisation) > 1:
            label = t(
                "Sign in with your organisation's account ({provider})", provider=plain(provider)
            )
        if st.button(
            label,
            key=f"{key}_login{suffix}",
            icon=":material/account_circle:",
            type="primary",
            help=t("Needed to {purpose}.", purpose=purpose),
        ):
            st.login(provider)  # a new sign-in replaces an expired one
    if not usable(configured):
        if organisation:
            return False
        message = when_off or t(
            "Administrator sign-in is switched off on this server. Whoever runs it can"
            " switch it on by setting an administrator credential of at least {length}"
            " characters in `{variable}` or as `admin_token` in `.streamlit/secrets.toml`.",
            length=MIN_LENGTH,
            variable=ENV_VAR,
        )
        if intro:
            st.warning(message, icon=":material/key_off:")
        else:
            st.info(message, icon=":material/lock:")
        return False
    with st.form(f"{key}_sign_in", border=True):
        supplied = st.text_input(
            t("Administrator credential"),
            type="password",
            key=f"{key}_credential",
            help=t("Needed to {purpose}.", purpose=purpose),
        )
        if st.form_submit_button(t("Sign in"), icon=":material/login:"):
            _try_credential(supplied, configured)
    return False


def _try_credential(supplied: str, configured: str | None) -> None:
    """Sign in with `supplied` unless this client has guessed wrong too often; say why not."""
    limiter, client = attempts.limiter(), attempts.client()
    wait = limiter.refused(client, ADMIN_SIGN_IN)
    if wait > 0:
        st.error(too_many(wait), icon=":material/timer:")
        return
    if check_credential(supplied, configured):
        limiter.succeeded(client, ADMIN_SIGN_IN)
        st.session_state[SIGNED_IN] = True
        st.rerun()
    wait = limiter.failed(client, ADMIN_SIGN_IN)
    if wait > 0:
        st.error(too_many(wait), icon=":material/timer:")
    else:
        st.error(t("That credential is not right. Check it and try again."))
