"""Who may write: the administrator credential, checked in constant time (no Streamlit here).

The credential comes from the deployment (Streamlit secrets `admin_token`, or the environment
variable LANDSCAPE_ADMIN_TOKEN), never from the repository. With none configured, nobody can
sign in as administrator: write access is off by default.
"""

from __future__ import annotations

import hmac
import os

ENV_VAR = "LANDSCAPE_ADMIN_TOKEN"
MIN_LENGTH = 12


def credential_from_env() -> str | None:
    value = os.environ.get(ENV_VAR, "").strip()
    return value or None


def usable(configured: str | None) -> bool:
    """A configured credential too short to resist guessing is treated as none."""
    return bool(configured) and len(configured or "") >= MIN_LENGTH


def check_credential(supplied: str | None, configured: str | None) -> bool:
    if not usable(configured) or not supplied:
        return False
    return hmac.compare_digest(supplied.strip().encode(), str(configured).encode())
