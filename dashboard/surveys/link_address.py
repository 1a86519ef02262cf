"""The full address of a survey link, from the configured public address of the app.

Never from the request's Host header: anyone can send `Host: evil`, and a link built from it
would send an owner, and their secret token, to another site.
"""

from __future__ import annotations

from db.settings import Settings


def public_base(settings: Settings) -> str:
    """Where people open the app (LANDSCAPE_PUBLIC_URL), without a trailing slash."""
    return settings.landscape_public_url.strip().rstrip("/")


def is_configured(settings: Settings) -> bool:
    """Whether the deployer set LANDSCAPE_PUBLIC_URL, rather than leaving the local default."""
    return "landscape_public_url" in settings.model_fields_set


def survey_address(settings: Settings, token: str) -> str:
    """The survey link for `token` at the app's public address."""
    return f"{public_base(settings)}/survey?token={token}"
