"""Stable codes made from names, the same on every import: an organisation's from its name, a
service's from its organisation's code and its name; and an organisation found by code or name."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.importing.vocabularies import normalise

CODE_LENGTH = 80
SERVICE_CODE_LENGTH = 120


def slug(text: str, length: int = CODE_LENGTH) -> str:
    """Lower-case words joined by hyphens: "City of Cardiff Council" -> "city-of-cardiff-council"."""
    words = normalise(text).split()
    return "-".join(words)[:length].strip("-")


def service_code(organisation: str, name: str) -> str:
    """The code a service without one gets: `<organisation code>-<name>` ("wg-apply-for-a-blue-badge");
    a second service of the same organisation and name gets `-2` on import (`_unique`)."""
    return f"{organisation}-{slug(name, SERVICE_CODE_LENGTH)}"[:SERVICE_CODE_LENGTH].strip("-")


def resolve_organisation(text: str, codes: set[str], names: Mapping[str, str | None]) -> str | None:
    """The code of the organisation `text` names, by code (any case) or by English or Welsh
    name (`names`: normalised name -> code, None where two organisations share the name)."""
    if text in codes:
        return text
    for code in codes:
        if code.casefold() == text.casefold():
            return code
    return names.get(normalise(text)) or None
