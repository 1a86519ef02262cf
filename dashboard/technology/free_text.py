"""Reading owners' typed answers into something to count (no Streamlit here): a platform's
name normalised lightly, the end of a contract as a month, and the kinds of identity check an
answer names.

Each reading is deliberately simple and says so on the page: a name is only tidied (case,
punctuation, a leading article, words in brackets), never matched to a product list; a date
is read only where it is written as a month and year or a full date; an identity check is
sorted by the words it uses, and an answer that uses none of them is "other wording".
"""

from __future__ import annotations

import re
from datetime import date

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_LEADING = re.compile(r"^(?:a|an|the|our|y|yr)\s+")
_SPACES = re.compile(r"\s+")


def platform_key(name: str) -> str:
    """A platform's name tidied for counting: "A commercial waste management system (hosted)."
    and "commercial waste management system" are the same key."""
    text = _BRACKETS.sub(" ", name.casefold()).replace("&", " and ")
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()
    return _LEADING.sub("", text).strip()


def platform_label(name: str) -> str:
    """A platform's name as shown: as the owner wrote it, with its spaces evened and the full
    stop (or comma, colon, semicolon) a sentence would end with taken off."""
    return " ".join(name.split()).rstrip(".,;:").rstrip()


MONTHS: dict[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("january", "jan", "ionawr"),
                ("february", "feb", "chwefror"),
                ("march", "mar", "mawrth"),
                ("april", "apr", "ebrill"),
                ("may", "mai"),
                ("june", "jun", "mehefin"),
                ("july", "jul", "gorffennaf"),
                ("august", "aug", "awst"),
                ("september", "sep", "sept", "medi"),
                ("october", "oct", "hydref"),
                ("november", "nov", "tachwedd"),
                ("december", "dec", "rhagfyr"),
            ),
            start=1,
        )
        for name in names
    }
}
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\w*\s+(\d{4})\b"
)
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})(?:-\d{1,2})?\b")
_MONTH_SLASH_YEAR = re.compile(r"\b(\d{1,2})/(\d{4})\b")
NO_CONTRACT = re.compile(r"\b(no contract|in house|dim contract|yn fewnol)\b")
NO_FIXED_END = re.compile(
    r"\b(rolling|no end date|no local end date|ongoing|open-ended|treigl|dim dyddiad)\b"
)


def contract_month(text: str) -> date | None:
    """The month a contract ends (its first day), where the answer gives a month and year or
    a full date; None where it does not ("next spring", a year alone)."""
    lower = text.casefold()
    found = _MONTH_YEAR.search(lower)
    if found:
        return date(int(found.group(2)), MONTHS[found.group(1)], 1)
    found = _DAY_MONTH_YEAR.search(lower)
    if found and 1 <= int(found.group(2)) <= 12:  # day first, as written in the UK
        return date(int(found.group(3)), int(found.group(2)), 1)
    found = _ISO.search(lower)
    if found and 1 <= int(found.group(2)) <= 12:
        return date(int(found.group(1)), int(found.group(2)), 1)
    found = _MONTH_SLASH_YEAR.search(lower)
    if found and 1 <= int(found.group(1)) <= 12:
        return date(int(found.group(2)), int(found.group(1)), 1)
    return None


def contract_band(text: str, today: date) -> str:
    """Where a contract's end falls from `today`: ended, within 6 months, in 6 to 12 months,
    in 1 to 2 years, later; or no contract, no fixed end, or not read."""
    lower = text.casefold()
    if NO_CONTRACT.search(lower):
        return "no_contract"
    month = contract_month(text)
    if month is None:
        return "no_fixed_end" if NO_FIXED_END.search(lower) else "not_read"
    ahead = (month.year - today.year) * 12 + month.month - today.month
    if ahead < 0:
        return "ended"
    if ahead < 6:
        return "within_6_months"
    if ahead < 12:
        return "within_12_months"
    if ahead < 24:
        return "within_2_years"
    return "later"


#: The words that put an identity check in each kind (English and Welsh stems).
IDENTITY_WORDS: dict[str, tuple[str, ...]] = {
    "online_identity": (
        "one login",
        "nhs login",
        "identity service",
        "verify",
        "mewngofnodi'r gig",
    ),
    "records": ("match", "record", "register", "nhs number", "cofnod", "cofrestr", "paru"),
    "documents": ("document", "passport", "licence", "proof", "dogfen", "pasbort", "prawf"),
    "call_back": (
        "call",
        "phone",
        "in person",
        "face to face",
        "visit",
        "appointment",
        "ffonio",
        "wyneb yn wyneb",
        "apwyntiad",
    ),
    "no_check": (
        "no identity check",
        "no check",
        "none needed",
        "not needed",
        "none",
        "dim gwiriad",
        "dim angen",
    ),
}


def identity_kinds(text: str) -> list[str]:
    """The kinds of identity check an answer names (several where it names several; "no
    check" only where it names no other), or ["other"] where it uses none of the words."""
    lower = text.casefold()
    found = [kind for kind, words in IDENTITY_WORDS.items() if any(w in lower for w in words)]
    if len(found) > 1 and "no_check" in found:
        # "No identity check; we match the address to the register": the match is the check
        found.remove("no_check")
    return found or ["other"]
