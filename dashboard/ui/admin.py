"""Signing in as administrator (survey coordinator, data steward) for this browser session."""

from __future__ import annotations

import streamlit as st

from dashboard.common.access import (
    ENV_VAR,
    MIN_LENGTH,
    check_credential,
    credential_from_env,
    usable,
)
from dashboard.common.attempt_limits import ADMIN_SIGN_IN, too_many
from dashboard.common.i18n import t
from dashboard.ui import attempts

SIGNED_IN = "admin_signed_in"


def configured_credential() -> str | None:
    try:
        secret = st.secrets.get("admin_token")
    except Exception:  # no secrets file: that is fine, the environment may hold it
        secret = None
    return str(secret).strip() if secret else credential_from_env()


def is_admin() -> bool:
    return bool(st.session_state.get(SIGNED_IN))


#: Who the audit trail names for a session signed in with the administrator credential, and
#: for one not signed in.
ADMINISTRATOR = "administrator"
NOBODY = "visitor"


def current_actor() -> str:
    """Who this session is, for the audit trail: the one place that says it (with sign-in by
    the organisation's account, the person's email goes here)."""
    return ADMINISTRATOR if is_admin() else NOBODY


def sign_in(
    purpose: str, *, key: str = "admin", intro: str | None = None, when_off: str | None = None
) -> bool:
    """Show the sign-in form unless signed in; return whether this session is administrator.

    `purpose` (already in the interface language) completes "Needed to …"; `intro` is shown
    above the form, `when_off` replaces the default message when sign-in is switched off.
    `key` keeps the widgets of two pages' sign-ins apart; the sign-in itself is shared.
    """
    if is_admin():
        if st.button(t("Sign out"), key=f"{key}_sign_out", icon=":material/logout:"):
            st.session_state[SIGNED_IN] = False
            st.rerun()
        return True
    configured = configured_credential()
    if intro:
        st.info(intro, icon=":material/lock:")
    if not usable(configured):
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
