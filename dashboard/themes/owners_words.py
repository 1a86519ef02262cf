"""Owners' own words behind the themes: the note an owner wrote beside a reported challenge or
aim, and the generalist survey's two long answers ("other challenges", "what would help most"),
each with the service, organisation and sector named, under the shared filter, searchable.

Where the words come from decides what they belong to. A note belongs to one theme. A survey
answer belongs to a kind of theme (challenges or aims) but to no single theme: "Are there other
challenges we have not listed?" is by definition about none of the listed ones. So a chosen
theme lists its notes only, and a whole kind lists its notes and its survey answers. A draft's
answer is listed, marked as a draft: its owner may still change it.

Built once per data version (`WordsIndex.build`): the words and the integer positions of their
services, with each distinct text folded once for the search. A filter, a theme and a search
are then a mask over the rows, and only the rows kept are labelled in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.filters import fold_series, search_words
from dashboard.common.i18n import t, tn
from dashboard.common.service_labels import ServiceLabels
from dashboard.themes.tables import theme_names
from db.frames import read_frame
from db.models import (
    ServiceTheme,
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    Theme,
)

#: The generalist survey's long answers in the owners' own words, and the kind of theme (the
#: survey section) each belongs to.
INSTRUMENT = "generalist"
QUESTIONS: dict[str, str] = {"other_challenges": "challenge", "most_helpful": "opportunity"}
NOTE, SURVEY = "note", "survey"
#: The columns of `load_words`.
WORD_COLUMNS = ("service_id", "kind", "theme", "severity", "origin", "question", "status", "text")


def load_words(engine: Engine) -> pd.DataFrame:
    """Every owner's words in the store, one row each (`WORD_COLUMNS`): the notes on reported
    themes (theme and severity; no question or status) and the survey's long answers (question
    and the response's status, draft or submitted; no theme). Blank text is left out."""
    notes_query: Select[*tuple[Any, ...]] = (
        select(
            col(ServiceTheme.service_id),
            col(Theme.kind),
            col(Theme.code).label("theme"),
            col(ServiceTheme.severity),
            col(ServiceTheme.note).label("text"),
        )
        .join(Theme, col(Theme.id) == col(ServiceTheme.theme_id))
        .where(col(ServiceTheme.note).is_not(None))
        .where(func.length(func.trim(col(ServiceTheme.note))) > 0)
    )
    answers_query: Select[*tuple[Any, ...]] = (
        select(
            col(SurveyResponse.service_id),
            col(SurveyResponse.status),
            col(SurveyQuestion.code).label("question"),
            col(SurveyAnswer.value).label("text"),
        )
        .join(SurveyResponse, col(SurveyResponse.id) == col(SurveyAnswer.response_id))
        .join(SurveyQuestion, col(SurveyQuestion.id) == col(SurveyAnswer.question_id))
        .join(SurveySection, col(SurveySection.id) == col(SurveyQuestion.section_id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveySection.instrument_id))
        .where(col(SurveyInstrument.code) == INSTRUMENT)
        .where(col(SurveyQuestion.code).in_(list(QUESTIONS)))
    )
    with engine.connect() as connection:
        notes = read_frame(connection, notes_query, plain=True)
        # the answer is JSON: read through SQLAlchemy, which decodes it
        answers = read_frame(connection, answers_query)
    return words_frame(notes, answers)


def words_frame(notes: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """`load_words`' frame from the notes (service_id, kind, theme, severity, text) and the
    survey answers (service_id, status, question, text: the decoded JSON value)."""
    notes = notes.assign(
        text=notes["text"].astype(str).str.strip(),
        origin=NOTE,
        question=None,
        status=None,
    )
    answers = answers[answers["text"].map(lambda value: isinstance(value, str))]
    answers = answers.assign(
        text=answers["text"].astype(str).str.strip(),
        kind=answers["question"].map(QUESTIONS),
        theme=None,
        severity=np.nan,
        origin=SURVEY,
    )
    parts = [part[list(WORD_COLUMNS)] for part in (notes, answers) if len(part)]
    if not parts:
        return pd.DataFrame({column: [] for column in WORD_COLUMNS})
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["text"].str.len() > 0].reset_index(drop=True)
    frame["severity"] = frame["severity"].astype(float)
    for column in ("kind", "theme", "origin", "question", "status"):
        frame[column] = frame[column].astype("category")
    # from a pool in the demo, often repeated in real data ("as above"): kept once
    frame["text"] = frame["text"].astype("category")
    return frame


@dataclass(frozen=True)
class WordsIndex:
    """Every owner's words as integer codes, rows whose service is not in the services frame
    dropped: a filter, a kind, a theme and a search are then comparisons of integers, and a
    table of quotes is built from codes (a few dozen distinct strings in the demo, not one
    string per row)."""

    position: np.ndarray  # each row's service: its position in the services frame
    organisation: np.ndarray  # each row's organisation, as an integer code
    kind: np.ndarray  # code into `kinds`
    kinds: list[str]
    theme: np.ndarray  # code into `themes`; -1 for a survey answer
    themes: list[str]
    question: np.ndarray  # code into `questions`; -1 for a note
    questions: list[str]
    rank: np.ndarray  # a note's severity (0 not rated, 1 low to 3 high); -1 a survey answer
    draft: np.ndarray  # bool: the answer of a draft survey
    text: np.ndarray  # code into `texts`
    texts: pd.Index  # each distinct text, as written
    folded: pd.Series  # each distinct text, folded for the search

    @classmethod
    def build(cls, services: pd.DataFrame, words: pd.DataFrame) -> WordsIndex:
        """From the services frame (indexed by service id) and `load_words`' frame."""
        position = services.index.get_indexer(pd.Index(words["service_id"].to_numpy()))
        kept = words[position >= 0].reset_index(drop=True)
        position = position[position >= 0]
        organisation = pd.Categorical(services["organisation_code"]).codes[position]
        is_note = (kept["origin"].astype(object) == NOTE).to_numpy(dtype=bool)
        severity = kept["severity"].astype(float).fillna(0).to_numpy()
        texts = pd.Index(kept["text"].cat.categories.astype(str), dtype=object)

        def codes(column: str) -> tuple[np.ndarray, list[str]]:
            values = kept[column]
            return values.cat.codes.to_numpy(), [str(c) for c in values.cat.categories]

        kind, kinds = codes("kind")
        theme, themes = codes("theme")
        question, questions = codes("question")
        return cls(
            position=position.astype(np.int64),
            organisation=np.asarray(organisation, dtype=np.int64),
            kind=kind,
            kinds=kinds,
            theme=theme,
            themes=themes,
            question=question,
            questions=questions,
            rank=np.where(is_note, severity, -1).astype(np.int8),
            draft=(kept["status"].astype(object) == "draft").to_numpy(dtype=bool),
            text=kept["text"].cat.codes.to_numpy(),
            texts=texts,
            folded=fold_series(pd.Series(texts, dtype=object)) if len(texts) else pd.Series(),
        )

    def __len__(self) -> int:
        return len(self.position)


def _code(names: list[str], name: str) -> int:
    """The code of `name` among `names`; -2 (no row's code) when it is not there."""
    return names.index(name) if name in names else -2


def chosen_rows(
    index: WordsIndex,
    mask: np.ndarray,
    kind: str,
    theme: str | None = None,
    search: str = "",
) -> np.ndarray:
    """The rows of the services the mask keeps, of one kind of theme, or of one theme (its
    notes only), whose text holds every word of `search` (case and accents ignored, as the
    sidebar's search does)."""
    keep = mask[index.position] & (index.kind == _code(index.kinds, kind))
    if theme is not None:
        keep &= index.theme == _code(index.themes, theme)
    looked_for = search_words(search)
    if looked_for and keep.any():
        # each distinct text is looked in once, however many services wrote it
        hit = np.ones(len(index.folded), dtype=bool)
        for word in looked_for:
            hit &= index.folded.str.contains(word, regex=False).to_numpy(dtype=bool)
        keep &= hit[index.text]
    return np.flatnonzero(keep)


@dataclass(frozen=True)
class QuoteCounts:
    """How many quotes are listed, from how many services in how many organisations."""

    quotes: int
    services: int
    organisations: int

    @property
    def sentence(self) -> str:
        """ "12 quotes from 9 services in 5 organisations", in the language of the run."""
        return t(
            "{quotes} from {services} in {organisations}",
            quotes=tn("{n} quote", "{n} quotes", self.quotes, n=f"{self.quotes:,}"),
            services=tn("{n} service", "{n} services", self.services, n=f"{self.services:,}"),
            organisations=tn(
                "{n} organisation",
                "{n} organisations",
                self.organisations,
                n=f"{self.organisations:,}",
            ),
        )


def counts(index: WordsIndex, rows: np.ndarray) -> QuoteCounts:
    return QuoteCounts(
        quotes=len(rows),
        services=len(np.unique(index.position[rows])),
        organisations=len(np.unique(index.organisation[rows])),
    )


#: The columns of a quotes table: the words, what they are about, whose they are, and where
#: they came from; "Code" (the service's) is for the link to its detail view; "_theme" (the
#: theme's code, none for a survey answer) and "_organisation" (an integer code) are for the
#: slide, and never shown.
QUOTE_COLUMNS = (
    "Quote",
    "Theme",
    "Service",
    "Organisation",
    "Sector",
    "From",
    "Code",
    "_theme",
    "_organisation",
)


def header_words() -> dict[str, str]:
    """The quotes table's own column keys as headers in the current language (the rest are
    the shared ones: dashboard.common.headers)."""
    return {"Quote": t("In the owner's words"), "From": t("From")}


def origin_words() -> dict[tuple[str, str], str]:
    """Where a quote came from, by (origin, survey status), in the language of the run."""
    return {
        (NOTE, ""): t("Note on the theme"),
        (SURVEY, "submitted"): t("Generalist survey, submitted"),
        (SURVEY, "draft"): t("Generalist survey, draft (may still change)"),
    }


def question_words() -> dict[str, str]:
    """What a survey answer is about, in place of a theme, in the language of the run."""
    return {
        "other_challenges": t("Other challenges (survey question, not one theme)"),
        "most_helpful": t("What would help most (survey question, not one theme)"),
    }


@dataclass(frozen=True)
class OwnersWords:
    """The quotes listed for one filter, kind, theme and search, and how many."""

    table: pd.DataFrame  # QUOTE_COLUMNS, in the order listed
    counts: QuoteCounts


def owners_words(
    index: WordsIndex,
    labels: ServiceLabels,
    themes: pd.DataFrame,
    mask: np.ndarray,
    kind: str,
    theme: str | None = None,
    search: str = "",
) -> OwnersWords:
    """The quotes of the services the mask keeps, in the current language: the most severe
    reports first (survey answers, which carry no severity, after the notes; a submitted
    answer before a draft), then by sector and service name."""
    rows = chosen_rows(index, mask, kind, theme, search)
    services = index.position[rows]
    order = np.lexsort((rows, labels.group[services], index.draft[rows], -index.rank[rows]))
    rows, services = rows[order], services[order]
    shown = labels.rows(services)
    is_note = index.question[rows] < 0
    # what each quote is about: its theme's name, or for a survey answer its question
    named = theme_names(themes)
    asked = question_words()
    about = [named.get(code, code) for code in index.themes] + [
        asked.get(code, code) for code in index.questions
    ]
    origins = origin_words()
    table = pd.DataFrame(
        {
            "Quote": _column(index.text[rows], list(index.texts)),
            "Theme": _column(
                np.where(is_note, index.theme[rows], len(index.themes) + index.question[rows]),
                about,
            ),
            "Service": shown["Service"],
            "Organisation": shown["Organisation"],
            "Sector": shown["Sector"],
            "From": _column(
                np.where(is_note, 0, np.where(index.draft[rows], 2, 1)),
                [
                    origins[(NOTE, "")],
                    origins[(SURVEY, "submitted")],
                    origins[(SURVEY, "draft")],
                ],
            ),
            "Code": shown["Code"],
            "_theme": _column(index.theme[rows], index.themes),
            "_organisation": index.organisation[rows],
        }
    )
    return OwnersWords(table=table, counts=counts(index, rows))


def _column(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    """A column of a few distinct names (-1: none), built from their codes: no string is made
    per row. Equal names (two themes named alike) are kept apart by their codes."""
    if len(set(names)) == len(names):
        return pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype=object))
    distinct = list(dict.fromkeys(names))
    where = np.asarray([distinct.index(name) for name in names] + [-1], dtype=np.int64)
    return pd.Categorical.from_codes(where[codes], categories=pd.Index(distinct, dtype=object))


def counts_of_theme(words: OwnersWords, theme: str) -> QuoteCounts:
    """How many of the quotes listed are on one theme, from how many services and
    organisations."""
    rows = words.table[words.table["_theme"].astype(object) == theme]
    return QuoteCounts(
        quotes=len(rows),
        services=rows["Code"].nunique(),
        organisations=rows["_organisation"].nunique(),
    )


def shorten(text: str, limit: int) -> tuple[str, bool]:
    """`text` on one line, at most `limit` characters: cut at the last word boundary that fits,
    with "…" after it; and whether it was cut. A first word longer than the limit is cut
    inside it (a pasted address), never dropped."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat, False
    room = flat[: max(1, limit - 1)]  # one character is left for the "…"
    # a word that ends where the room does is whole; otherwise back to the last space
    cut = len(room) if flat[len(room)] == " " else room.rfind(" ")
    kept = room[:cut] if cut > 0 else room
    return kept.rstrip(" ,;:.-–—") + "…", True
