"""Owners' own words: read from a hand-built store (SQLite and PostgreSQL), under a filter, one
theme or a kind, searched without regard to case or accents, counted, and shortened for a
slide. Every expectation below is worked out from the fixture by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from dashboard.common import queries
from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.service_labels import ServiceLabels
from dashboard.themes import owners_words as words
from dashboard.themes import tables as themes_tables
from dashboard.themes.quotes_slide import owners_words_slide
from db.engine import write_session
from db.models import (
    Organisation,
    Service,
    ServiceTheme,
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    Theme,
)
from db.reference.load import load_reference

# the words, as the owners typed them (stray spaces and all)
SLOW = "  Mae'r Gwasanaeth yn araf pan fydd yr ŵyn yn cyrraedd.  "
LOST = "We lost two developers to the private sector this year."
AGENCY = "Agency staff cost us far more than a permanent post."
PHONE = "Our phone system cannot tell us why people call."
LOGIN = "One login for people across all our services."
DRAFT = "Every change waits for a central team."
GRANT = "Two years of funding for a digital post."


def _question(session, code: str) -> int:  # type: ignore[no-untyped-def]
    found = session.exec(
        select(SurveyQuestion.id)
        .join(SurveySection, col(SurveySection.id) == col(SurveyQuestion.section_id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveySection.instrument_id))
        .where(col(SurveyInstrument.code) == "generalist")
        .where(col(SurveyQuestion.code) == code)
    ).one()
    return int(found)


def _build(engine: Engine) -> None:
    """Two councils and a health board; four services; notes and survey answers."""
    with write_session(engine) as session:
        load_reference(session)
        theme = {t.code: t.id for t in session.exec(select(Theme)).all()}
        generalist = session.exec(
            select(SurveyInstrument).where(col(SurveyInstrument.code) == "generalist")
        ).one()
        orgs = [
            Organisation(
                code="gwynedd",
                name_en="Gwynedd Council",
                name_cy="Cyngor Gwynedd",
                sector="local_authority",
                org_type="principal_council",
            ),
            Organisation(
                code="cardiff",
                name_en="Cardiff Council",
                name_cy="Cyngor Caerdydd",
                sector="local_authority",
                org_type="principal_council",
            ),
            Organisation(
                code="hywel-dda",
                name_en="Hywel Dda University Health Board",
                sector="health",
                org_type="local_health_board",
            ),
        ]
        session.add_all(orgs)
        session.flush()
        gwynedd, cardiff, hywel = (o.id for o in orgs)
        services = [
            Service(code="g-bins", organisation_id=gwynedd, name_en="Report a missed bin"),
            Service(code="g-school", organisation_id=gwynedd, name_en="Apply for school transport"),
            Service(code="c-bins", organisation_id=cardiff, name_en="Report a missed bin"),
            Service(code="h-referral", organisation_id=hywel, name_en="Referral to a specialist"),
        ]
        session.add_all(services)
        session.flush()
        g_bins, g_school, c_bins, h_referral = (s.id for s in services)
        assert None not in (g_bins, g_school, c_bins, h_referral)
        session.add_all(
            [
                ServiceTheme(
                    service_id=g_bins, theme_id=theme["legacy_systems_lock_in"], note=SLOW
                ),
                ServiceTheme(
                    service_id=g_bins,
                    theme_id=theme["recruiting_developers"],
                    severity=2,
                    note=LOST,
                ),
                ServiceTheme(
                    service_id=g_school,
                    theme_id=theme["recruiting_developers"],
                    severity=3,
                    note=AGENCY,
                ),
                # a blank note and no note: nothing to quote
                ServiceTheme(
                    service_id=c_bins, theme_id=theme["recruiting_developers"], note="   "
                ),
                ServiceTheme(service_id=h_referral, theme_id=theme["digital_exclusion"]),
                ServiceTheme(
                    service_id=h_referral, theme_id=theme["shared_login"], severity=3, note=LOGIN
                ),
            ]
        )
        submitted = SurveyResponse(
            service_id=h_referral, instrument_id=generalist.id, status="submitted"
        )
        draft = SurveyResponse(service_id=c_bins, instrument_id=generalist.id, status="draft")
        session.add_all([submitted, draft])
        session.flush()
        session.add_all(
            [
                SurveyAnswer(
                    response_id=submitted.id,
                    question_id=_question(session, "other_challenges"),
                    value=PHONE,
                ),
                SurveyAnswer(
                    response_id=submitted.id,
                    question_id=_question(session, "most_helpful"),
                    value=GRANT,
                ),
                SurveyAnswer(
                    response_id=draft.id,
                    question_id=_question(session, "other_challenges"),
                    value=DRAFT,
                ),
                # a long answer left blank is no quote
                SurveyAnswer(
                    response_id=draft.id, question_id=_question(session, "most_helpful"), value=""
                ),
            ]
        )


class Store:
    """What a page holds for the fixture: the index, the labels, the themes, the memberships."""

    def __init__(self, engine: Engine) -> None:
        self.services = queries.load_services(engine)
        self.members = queries.load_memberships(engine)
        self.themes = queries.load_themes(engine)
        self.words = words.load_words(engine)
        self.index = words.WordsIndex.build(self.services, self.words)
        self.labels = ServiceLabels.build(self.services)

    def quotes(
        self, kind: str, theme: str | None = None, search: str = "", flt: Filter | None = None
    ) -> words.OwnersWords:
        mask = match(self.services, self.members, flt or Filter())
        return words.owners_words(self.index, self.labels, self.themes, mask, kind, theme, search)


@pytest.fixture
def built(store: Engine) -> Store:
    _build(store)
    return Store(store)


def test_the_words_are_every_note_and_long_answer_with_their_origin(built: Store) -> None:
    frame = built.words
    assert len(built.index) == len(frame)
    assert sorted(frame["text"].astype(str)) == sorted(
        [SLOW.strip(), LOST, AGENCY, LOGIN, PHONE, GRANT, DRAFT]
    )
    by_text = frame.set_index(frame["text"].astype(str))
    assert by_text.loc[PHONE, "origin"] == "survey" and by_text.loc[PHONE, "status"] == "submitted"
    assert by_text.loc[DRAFT, "status"] == "draft" and by_text.loc[DRAFT, "kind"] == "challenge"
    assert by_text.loc[GRANT, "kind"] == "opportunity" and pd.isna(by_text.loc[GRANT, "theme"])
    assert by_text.loc[LOST, "theme"] == "recruiting_developers"
    assert by_text.loc[LOST, "origin"] == "note" and pd.isna(by_text.loc[LOST, "status"])


def test_challenges_are_counted_and_named_most_severe_first(built: Store) -> None:
    listed = built.quotes("challenge")
    table = listed.table
    # notes on challenges: SLOW (not rated), LOST (2), AGENCY (3); answers: PHONE, DRAFT
    assert table["Quote"].tolist()[:2] == [AGENCY, LOST]
    assert set(table["Quote"]) == {SLOW.strip(), LOST, AGENCY, PHONE, DRAFT}
    # a submitted answer before a draft
    assert table["Quote"].tolist()[-2:] == [PHONE, DRAFT]
    assert listed.counts == words.QuoteCounts(quotes=5, services=4, organisations=3)
    assert listed.counts.sentence == "5 quotes from 4 services in 3 organisations"
    row = table.set_index("Quote").loc[AGENCY]
    assert row["Service"] == "Apply for school transport"
    assert row["Organisation"] == "Gwynedd Council"
    assert row["Sector"] == "Local authority"
    assert row["Theme"] == "Recruiting and retaining software developers"
    assert row["From"] == "Note on the theme"
    assert row["Code"] == "g-school"
    survey = table.set_index("Quote")
    assert survey.loc[DRAFT, "From"] == "Generalist survey, draft (may still change)"
    assert survey.loc[PHONE, "From"] == "Generalist survey, submitted"
    assert survey.loc[PHONE, "Theme"] == "Other challenges (survey question, not one theme)"


def test_one_theme_lists_its_notes_only(built: Store) -> None:
    listed = built.quotes("challenge", "recruiting_developers")
    assert listed.table["Quote"].tolist() == [AGENCY, LOST]
    assert listed.counts.sentence == "2 quotes from 2 services in 1 organisation"
    aims = built.quotes("opportunity")
    assert aims.table["Quote"].tolist() == [LOGIN, GRANT]
    assert built.quotes("opportunity", "shared_login").table["Quote"].tolist() == [LOGIN]


def test_the_filter_keeps_its_services_words(built: Store) -> None:
    health = built.quotes("challenge", flt=Filter(sectors=("health",)))
    assert health.table["Quote"].tolist() == [PHONE]
    assert set(health.table["Organisation"]) == {"Hywel Dda University Health Board"}
    cardiff = built.quotes("challenge", flt=Filter(organisations=("cardiff",)))
    assert cardiff.table["Quote"].tolist() == [DRAFT]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("gwasanaeth", [SLOW.strip()]),  # the case of the words does not matter
        ("GWASANAETH araf", [SLOW.strip()]),  # every word must be there
        ("wyn", [SLOW.strip()]),  # "ŵyn": the circumflex does not matter
        ("ŴYN", [SLOW.strip()]),
        ("developers private", [LOST]),
        ("call, team", []),  # both words in one quote: none has
        ("nothing like this", []),
    ],
)
def test_the_search_ignores_case_and_accents(
    built: Store, search: str, expected: list[str]
) -> None:
    found = built.quotes("challenge", search=search)
    assert found.table["Quote"].tolist() == expected
    assert found.counts.quotes == len(expected)


def test_words_in_welsh_name_the_service_and_theme_in_welsh(built: Store) -> None:
    with using("cy"):
        labels = ServiceLabels.build(built.services)
        listed = words.owners_words(
            built.index,
            labels,
            built.themes,
            np.ones(len(built.services), dtype=bool),
            "challenge",
            "recruiting_developers",
        )
        assert listed.counts.sentence == "2 ddyfyniad gan 2 wasanaeth mewn 1 sefydliad"
    assert set(listed.table["Organisation"]) == {"Cyngor Gwynedd"}
    assert set(listed.table["Theme"]) == {"Recriwtio a chadw datblygwyr meddalwedd"}
    assert set(listed.table["From"]) == {"Nodyn ar y thema"}


@pytest.mark.parametrize(
    ("text", "limit", "expected", "cut"),
    [
        ("Short words stay whole.", 40, "Short words stay whole.", False),
        ("One two three four five", 14, "One two three…", True),
        ("One two three, four five", 15, "One two three…", True),  # no comma before the "…"
        ("Supercalifragilistic words", 8, "Superca…", True),  # a long first word is cut
        ("  spread \n over   lines ", 40, "spread over lines", False),
    ],
)
def test_a_long_quote_is_shortened_at_a_word(
    text: str, limit: int, expected: str, cut: bool
) -> None:
    shortened, was_cut = words.shorten(text, limit)
    assert (shortened, was_cut) == (expected, cut)
    assert len(shortened) <= limit


def test_the_slide_quotes_the_most_reported_challenge_owners_wrote_about(
    built: Store, store: Engine
) -> None:
    view = themes_tables.build(
        built.services,
        built.members.themes,
        built.themes,
        queries.load_framework(store),
        queries.load_assessments(store),
        "challenge",
    )
    listed = built.quotes("challenge")
    slide = owners_words_slide(view, listed, invented=True, longest=30)
    # recruiting developers: reported by 3 services (2 with notes); the most reported
    assert slide.title == "In owners' words: Recruiting and retaining software developers"
    assert [quote.text for quote in slide.quotes] == [
        words.shorten(AGENCY, 30)[0],
        words.shorten(LOST, 30)[0],
    ]
    assert all(quote.shortened and quote.text.endswith("…") for quote in slide.quotes)
    assert slide.quotes[0].who == "Apply for school transport · Gwynedd Council"
    assert "2 quotes from 2 services in 1 organisation; 2 shown." in slide.caption
    assert "shortened" in slide.caption
    assert "Invented for the demo data set" in slide.caption
    real = owners_words_slide(view, listed, invented=False)
    assert not any(quote.shortened for quote in real.quotes)
    assert "Invented" not in real.caption and "shortened" not in real.caption


def test_the_slide_says_when_there_is_nothing_to_quote(built: Store, store: Engine) -> None:
    view = themes_tables.build(
        built.services,
        built.members.themes,
        built.themes,
        queries.load_framework(store),
        queries.load_assessments(store),
        "challenge",
    )
    nothing = built.quotes("challenge", search="nothing like this")
    slide = owners_words_slide(view, nothing, invented=False)
    assert not slide.quotes and "nothing to quote" in slide.message
