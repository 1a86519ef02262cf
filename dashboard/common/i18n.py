"""English and Welsh: the interface language, and translations from gettext catalogues.

Every user-facing string goes through `t()` (or `tn()` for plurals) with a literal English
message; the Welsh lives in `dashboard/locales/cy/LC_MESSAGES/*.po`, standard gettext catalogues
read with Babel. Several catalogue files (one per area of the product) are merged at load, so
people working on different pages never edit the same file.

The language of the current run comes from a provider the UI installs (it reads the session),
or from `using()` in tests, background jobs and exports. Core code never imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from db.vocabulary import Term

ENGLISH, WELSH = "en", "cy"
LANGUAGES = (ENGLISH, WELSH)
LANGUAGE_NAMES = {ENGLISH: "English", WELSH: "Cymraeg"}
#: The link's parameter for the language (`?lang=cy`); English, the default, is not written.
LANGUAGE_PARAM = "lang"


def language_from_link(params: Mapping[str, Sequence[str]]) -> str | None:
    """The language a link asks for, or None when it names none (or one this app lacks)."""
    values = params.get(LANGUAGE_PARAM) or ()
    return values[0] if values and values[0] in LANGUAGES else None


def language_link(lang: str) -> dict[str, list[str]]:
    """The link's parameters for a language."""
    return {} if lang == ENGLISH else {LANGUAGE_PARAM: [lang]}


LOCALES = Path(__file__).resolve().parents[1] / "locales"
CATALOGUES = LOCALES / WELSH / "LC_MESSAGES"

_forced: ContextVar[str | None] = ContextVar("language", default=None)
_provider: Callable[[], str] | None = None


def install_provider(provider: Callable[[], str]) -> None:
    """Where the language of a run comes from (the UI passes a reader of the session)."""
    global _provider
    _provider = provider


def language() -> str:
    forced = _forced.get()
    if forced:
        return forced
    if _provider is not None:
        try:
            chosen = _provider()
        except Exception:  # no session in this thread (a background job): English
            return ENGLISH
        return chosen if chosen in LANGUAGES else ENGLISH
    return ENGLISH


def is_welsh() -> bool:
    return language() == WELSH


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Run a block in one language whatever the session says (tests, exports, threads)."""
    token = _forced.set(lang if lang in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _forced.reset(token)


@cache
def catalogue(lang: str = WELSH) -> dict[str | tuple[str, ...], str | tuple[str, ...]]:
    """Every translated message of `lang`, merged from its catalogue files.

    A message without a translation, or marked fuzzy, is left out (so it shows in English and
    the completeness check names it).
    """
    folder = LOCALES / lang / "LC_MESSAGES"
    messages: dict[str | tuple[str, ...], str | tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=lang)
        for message in po:
            if not message.id or message.fuzzy:
                continue
            key = tuple(message.id) if isinstance(message.id, tuple | list) else message.id
            translated = message.string
            if isinstance(translated, tuple | list):
                if all(translated):
                    messages[key] = tuple(translated)
            elif translated:
                messages[key] = translated
    return messages


def t(message: str, /, **values: object) -> str:
    """`message` in the current language, with `{name}` placeholders filled from `values`."""
    text = message
    if language() == WELSH:
        found = catalogue(WELSH).get(message)
        if isinstance(found, str):
            text = found
    return text.format(**values) if values else text


def tn(singular: str, plural: str, n: int, /, **values: object) -> str:
    """A message that depends on a count `n` (available to the message as `{n}`).

    Welsh catalogues carry five forms in the order of Babel's `cy` plural rule.
    """
    values = {"n": n, **values}
    if language() == WELSH:
        found = catalogue(WELSH).get((singular, plural))
        if isinstance(found, tuple) and found:
            form = min(welsh_plural_form(n), len(found) - 1)
            return found[form].format(**values)
    return (singular if n == 1 else plural).format(**values)


def welsh_plural_form(n: int) -> int:
    """Babel's rule for `cy`: n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 0."""
    return {1: 1, 2: 2, 3: 3, 6: 4}.get(n, 0)


def term(terms: tuple[Term, ...], code: str) -> str:
    """A controlled-vocabulary label (sector, stage, ...) in the current language."""
    for item in terms:
        if item.code == code:
            return item.cy if is_welsh() else item.en
    return str(code)


def terms(items: tuple[Term, ...]) -> dict[str, str]:
    """Code to label for a whole vocabulary, in the current language."""
    return {item.code: term(items, item.code) for item in items}


def local_name(en: object, cy: object = None) -> str:
    """A data name (organisation, service, theme) in the current language.

    In Welsh, a missing Welsh name falls back to the English one with a marker, so nobody takes
    English for a translation.
    """
    english = "" if en is None else str(en)
    welsh = "" if cy is None or cy != cy else str(cy).strip()  # cy != cy: NaN
    if not is_welsh():
        return english
    return welsh or t("{name} (in English only)", name=english)
