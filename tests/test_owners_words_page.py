"""The Challenges and aims page's "In owners' words" and the theme drill-down's quotes, through
AppTest on the demo store: what is listed is what the core lists, a search narrows it (Welsh
accents ignored), a search that finds nothing says so, and the invented words say so."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common import queries
from dashboard.common.filters import Filter, fold, match
from dashboard.common.i18n import using
from dashboard.common.service_labels import ServiceLabels
from dashboard.themes import owners_words as words

QUOTE = "In the owner's words"


@pytest.fixture
def demo(demo_engine):  # type: ignore[no-untyped-def]
    """The demo store's words, as the page's core sees them."""
    services = queries.load_services(demo_engine)
    members = queries.load_memberships(demo_engine)
    themes = queries.load_themes(demo_engine)
    index = words.WordsIndex.build(services, words.load_words(demo_engine))

    def listed(
        kind: str, theme: str | None = None, search: str = "", flt: Filter | None = None
    ) -> words.OwnersWords:
        mask = match(services, members, flt or Filter())
        return words.owners_words(
            index, ServiceLabels.build(services), themes, mask, kind, theme, search
        )

    return listed


def _quote_tables(at: AppTest) -> list:  # type: ignore[type-arg]
    return [frame.value for frame in at.dataframe if QUOTE in frame.value.columns]


def _themes_page(open_app, **query: str) -> AppTest:  # type: ignore[no-untyped-def]
    at: AppTest = open_app("pages/themes.py", **query)
    return at


def test_the_section_lists_what_owners_wrote(open_app, demo) -> None:  # type: ignore[no-untyped-def]
    at = _themes_page(open_app)
    expected = demo("challenge")
    assert expected.counts.quotes > 20  # the demo gives a share of reports a note
    section = _quote_tables(at)[0]
    assert section[QUOTE].tolist() == expected.table["Quote"].tolist()
    assert section["Service"].tolist() == expected.table["Service"].tolist()
    assert section["Organisation"].tolist() == expected.table["Organisation"].tolist()
    # the service's detail view in the catalogue, for each quote
    codes = expected.table["Code"].tolist()
    assert section["Details"].tolist() == [f"catalogue?service={code}" for code in codes]
    assert f"**{expected.counts.sentence}**" in [m.value for m in at.markdown]
    # the demo's words are invented, and the page says so beside them
    assert any("**Invented words.**" in caption.value for caption in at.caption)
    # the first few are set out to read, as text (never Markdown)
    shown = [text.value for text in at.text]
    assert expected.table["Quote"].iloc[0] in shown


def test_a_theme_and_a_search_narrow_the_quotes(open_app, demo) -> None:  # type: ignore[no-untyped-def]
    at = _themes_page(open_app, sector="local_authority")
    local = Filter(sectors=("local_authority",))
    theme = str(demo("challenge", flt=local).table["_theme"].dropna().iloc[0])
    at.selectbox(key="words_theme_challenge").set_value(theme).run()
    assert not at.exception
    expected = demo("challenge", theme, flt=local)
    assert _quote_tables(at)[0][QUOTE].tolist() == expected.table["Quote"].tolist()

    word = expected.table["Quote"].iloc[0].split()[-1].strip(".").upper()
    at.text_input(key="words_search").input(word).run()
    assert not at.exception
    found = demo("challenge", theme, word, flt=local)
    assert 0 < found.counts.quotes <= expected.counts.quotes
    listed = _quote_tables(at)[0][QUOTE]
    assert listed.tolist() == found.table["Quote"].tolist()
    assert all(fold(word) in fold(quote) for quote in listed)
    assert f"**{found.counts.sentence}**" in [m.value for m in at.markdown]


def test_a_search_that_matches_nothing_says_so(open_app) -> None:  # type: ignore[no-untyped-def]
    at = _themes_page(open_app)
    tables = len(_quote_tables(at))
    at.text_input(key="words_search").input("zebra crossing").run()
    assert not at.exception
    assert any("No quotes match “zebra crossing”." in info.value for info in at.info), [
        info.value for info in at.info
    ]
    # no table of nothing: the drill-down's is left
    assert len(_quote_tables(at)) == tables - 1


def test_the_search_ignores_welsh_accents(open_app, demo) -> None:  # type: ignore[no-untyped-def]
    everything = demo("challenge").table["Quote"]
    accented = [quote for quote in everything if re.search("[ŵŷâêîôûŴŶ]", quote)]
    assert accented, "the demo has Welsh notes with a circumflex"
    word = next(w for w in accented[0].split() if re.search("[ŵŷâêîôûŴŶ]", w)).strip(".,;")
    plain = fold(word)  # "siŵr" -> "siwr"
    assert plain != word.casefold()
    at = _themes_page(open_app)
    at.text_input(key="words_search").input(plain).run()
    listed = _quote_tables(at)[0][QUOTE].tolist()
    assert accented[0] in listed
    assert listed == demo("challenge", search=word).table["Quote"].tolist()


def test_the_drill_down_quotes_its_theme(open_app, demo) -> None:  # type: ignore[no-untyped-def]
    at = _themes_page(open_app, sector="health")
    health = Filter(sectors=("health",))
    at.selectbox(key="themes_drill").set_value("digital_exclusion").run()
    assert not at.exception
    expected = demo("challenge", "digital_exclusion", flt=health)
    assert expected.counts.quotes
    drill = _quote_tables(at)[-1]
    assert drill[QUOTE].tolist() == expected.table["Quote"].tolist()
    assert set(drill["Theme"]) == {"Digital exclusion of some users"}
    assert set(drill["Sector"]) == {"Health"}


def test_the_section_in_welsh(open_app, demo) -> None:  # type: ignore[no-untyped-def]
    at = _themes_page(open_app, lang="cy")
    assert "Yng ngeiriau'r perchnogion" in [h.value for h in at.header]
    with using("cy"):
        expected = demo("challenge")
        sentence = expected.counts.sentence
    assert f"**{sentence}**" in [m.value for m in at.markdown]
    assert " dyfyniad gan " in sentence
    assert not _quote_tables(at)  # the headers are Welsh too
    welsh = [f.value for f in at.dataframe if "Yng ngeiriau'r perchennog" in f.value.columns]
    assert welsh[0]["Yng ngeiriau'r perchennog"].tolist() == expected.table["Quote"].tolist()
    assert welsh[0]["Thema"].tolist() == expected.table["Theme"].tolist()
