"""The ranking as people read it: on screen, in a file and behind the chart, with each missing
figure replaced by what its owner said instead ("Not available: shared contract")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.answers import NOT_ANSWERED, category_labels
from dashboard.common.catalogue_links import with_links
from dashboard.common.headers import localised
from dashboard.common.i18n import t
from dashboard.common.metric_periods import short_figure_words
from dashboard.common.names import relabel
from dashboard.common.not_recorded import not_recorded
from dashboard.prioritise.score import EARLIER_YEARS, FIGURES, SHORT_PERIODS
from dashboard.prioritise.weighting import CODES, NAMES


def answer_labels() -> dict[str, str]:
    """What an owner said about a figure, by answer category, in the current language."""
    return category_labels()


def _figure_text(values: pd.Series, answers: pd.Series, money: bool) -> pd.Series:
    labels = answer_labels()
    said = relabel(answers, labels, missing=labels[NOT_ANSWERED])
    shown = values.map(lambda v: f"£{v:,.2f}" if money else f"{v:,.0f}", na_action="ignore")
    return shown.where(values.notna(), said)


def _short_periods(frame: pd.DataFrame, column: str) -> pd.Series:
    """ "only a 3-month figure (2023-24 Q2)" where a per-year figure was given only for a
    shorter period, else NA (worked out once per distinct period)."""
    period, months = SHORT_PERIODS.get(column, ("", ""))
    if period not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype=object)
    labels = frame[period].astype(object)
    lengths = frame[months].astype("Int64").astype(object)
    pairs = [
        None if label is None or pd.isna(label) else (str(label), length)
        for label, length in zip(labels, lengths, strict=True)
    ]
    words = {pair: short_figure_words(*pair) for pair in set(pairs) if pair is not None}
    return pd.Series(
        [pd.NA if pair is None else words[pair] for pair in pairs], index=frame.index, dtype=object
    )


def _figures_with_reasons(frame: pd.DataFrame, as_text: bool) -> pd.DataFrame:
    """Each raw figure, or in its place what the owner said instead ("Not available: shared
    contract"); never a bare "None". As text for the screen, mixed for a spreadsheet."""
    out = frame.copy()
    labels = answer_labels()
    for column, (_, answer) in FIGURES.items():
        values = out[column].astype(float)
        short = _short_periods(out, column)
        if as_text:
            shown = _figure_text(values, out[answer], money=column == "Cost per transaction")
        else:
            said = relabel(out[answer], labels, missing=labels[NOT_ANSWERED])
            shown = values.astype(object).where(values.notna(), said)
        # a figure given only for a quarter (or a month) says so in place of a yearly figure
        shown = shown.astype(object).where(values.notna() | short.isna(), short)
        year = EARLIER_YEARS.get(column)
        if as_text and year in out:
            # a year's figure behind a later quarter says which year it is for
            earlier = out[year].astype(object)
            dated = values.notna() & earlier.notna()
            shown[dated] = [
                t("{figure} ({period})", figure=figure, period=period)
                for figure, period in zip(shown[dated], earlier[dated], strict=True)
            ]
        out[column] = shown
    if "Digitisation level" in out:
        # a level not recorded says so; on screen the column is text (one type per column)
        level = out["Digitisation level"]
        shown = level.astype("string") if as_text else level.astype(object)
        out["Digitisation level"] = shown.astype(object).where(level.notna(), not_recorded())
    return out


def for_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """The ranking as the page shows it: headers in the reader's language, a link to each
    service's detail view, figures or the reason they are missing."""
    shown = _figures_with_reasons(frame, as_text=True)
    if "How sure" in shown and "Organisation" in shown:
        # how sure the score is, beside whose it is: seen without scrolling to the score
        sure = shown.pop("How sure")
        shown.insert(list(shown.columns).index("Organisation") + 1, "How sure", sure)
    return localised(with_links(shown))


def insert_beside_organisation(
    shown: pd.DataFrame, header: str, values: list[str] | np.ndarray
) -> None:
    """Put a column into the ranking's screen table (in place) just after the organisation,
    or first where there is none."""
    organisation = t("Organisation")
    at = list(shown.columns).index(organisation) + 1 if organisation in shown else 0
    shown.insert(at, header, values)


def for_download(frame: pd.DataFrame) -> pd.DataFrame:
    """The ranking as a file: numbers stay numbers, a missing figure says why."""
    return localised(_figures_with_reasons(frame, as_text=False))


def chart_table(top: pd.DataFrame) -> pd.DataFrame:
    """The data behind the ranking chart: who, each part's contribution, the score, and how
    much of it is estimated."""
    columns = [
        "Rank",
        "Service",
        "Organisation",
        *(f"{NAMES[c]} contribution" for c in CODES),
        "Score",
        "How sure",
        "Parts estimated",
        "Estimated (median)",
    ]
    return localised(top[[c for c in columns if c in top]])
