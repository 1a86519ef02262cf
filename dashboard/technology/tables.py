"""The Technology landscape page's figures for the services under a filter (no Streamlit here).

Every figure carries its own coverage: M, the services under the filter, and N, those whose
submitted technology survey answers the question. Counts are of services, each once; a
question where a service can give several answers says so, and its counts do not add up to N.
The counts here are complete: what is suppressed, and for whom, is decided when they are
shown (dashboard.common.disclosure), so one cached view serves administrators and everyone
else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.disclosure import PROTECTED_QUESTIONS, Protected, protect
from dashboard.technology.answers import TechnologyAnswers
from dashboard.technology.questions import QUESTIONS


@dataclass(frozen=True)
class Distribution:
    """How the services answering one question answered it: `counts` of services by option
    (in the question's order), `answered` (N) of `services` (M)."""

    code: str
    counts: pd.Series
    answered: int
    services: int
    multi: bool

    @property
    def protected(self) -> bool:
        return self.code in PROTECTED_QUESTIONS

    def disclosed(self, full: bool) -> Protected:
        """The counts as they may be shown: suppressed unless `full` (an administrator), for
        protected questions; every count for the others."""
        return protect(self.counts, self.answered, full=full or not self.protected)


@dataclass(frozen=True)
class TechnologyView:
    """The page's figures for one filter."""

    services: int  # M: services under the filter
    responding: int  # of them, with a submitted technology survey
    drafts: int  # of them, with a technology survey still in draft (not counted)
    distributions: dict[str, Distribution]
    platforms: pd.DataFrame  # key, Platform, Services, Organisations (most services first)
    platform_answers: int  # services naming a main platform

    def distribution(self, code: str) -> Distribution:
        return self.distributions[code]


def distribution(
    column: pd.Series, code: str, kind: str, options: tuple[str, ...], services: int
) -> Distribution:
    """Count the services answering one question, option by option."""
    answered = column.dropna()
    if kind == "multi":
        masks = answered.to_numpy(dtype=np.int64)
        counts = pd.Series(
            [int(((masks >> i) & 1).sum()) for i in range(len(options))],
            index=list(options),
            dtype=np.int64,
        )
    else:
        # a categorical over the options: counted by its integer codes, in the options' order
        codes = answered.cat.codes.to_numpy()
        counts = pd.Series(
            np.bincount(codes[codes >= 0], minlength=len(options))[: len(options)],
            index=list(options),
            dtype=np.int64,
        )
    return Distribution(code, counts, len(answered), services, kind == "multi")


def platform_table(rows: pd.DataFrame, organisations: pd.Series) -> pd.DataFrame:
    """Main platforms by their tidied name: how many services and organisations name each,
    shown under the spelling used most; most services first (then most organisations)."""
    named = rows[rows["platform_key"].notna()]
    columns = ["key", "Platform", "Services", "Organisations"]
    if named.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "key": named["platform_key"].astype(object).to_numpy(),
            "name": named["platform_name"].astype(object).to_numpy(),
            "organisation": organisations.reindex(named.index).astype(object).to_numpy(),
        }
    )
    spelling = (
        frame.groupby(["key", "name"])
        .size()
        .reset_index(name="n")
        .sort_values(["key", "n", "name"], ascending=[True, False, True])
        .drop_duplicates("key")
        .set_index("key")["name"]
    )
    table = frame.groupby("key").agg(
        Services=("name", "size"), Organisations=("organisation", "nunique")
    )
    table["Platform"] = spelling.reindex(table.index)
    table = table.reset_index().sort_values(
        ["Services", "Organisations", "key"], ascending=[False, False, True]
    )
    return table[columns].reset_index(drop=True)


def build(answers: TechnologyAnswers, matching: pd.DataFrame) -> TechnologyView:
    """The page's figures for `matching` (the catalogue's services under the filter, indexed
    by service id, with organisation_code)."""
    ids = matching.index
    rows = answers.answers[answers.answers.index.isin(ids)]
    services = len(ids)
    distributions = {
        question.code: distribution(
            rows[question.code], question.code, question.kind, question.options, services
        )
        for question in QUESTIONS
    }
    platforms = platform_table(rows, matching["organisation_code"])
    return TechnologyView(
        services=services,
        responding=len(rows),
        drafts=int(np.isin(answers.drafts, ids.to_numpy()).sum()),
        distributions=distributions,
        platforms=platforms,
        platform_answers=int(rows["platform_key"].notna().sum()),
    )
