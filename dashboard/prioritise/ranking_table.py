"""The ranking as people read it: on screen, in a file and behind the chart, with each missing
figure replaced by what its owner said instead ("Not available: shared contract")."""

from __future__ import annotations

import pandas as pd

from dashboard.common.answers import NOT_ANSWERED, category_labels
from dashboard.common.catalogue_links import with_links
from dashboard.common.headers import localised
from dashboard.common.names import relabel
from dashboard.common.not_recorded import not_recorded
from dashboard.prioritise.score import FIGURES
from dashboard.prioritise.weighting import CODES, NAMES


def answer_labels() -> dict[str, str]:
    """What an owner said about a figure, by answer category, in the current language."""
    return category_labels()


def _figure_text(values: pd.Series, answers: pd.Series, money: bool) -> pd.Series:
    labels = answer_labels()
    said = relabel(answers, labels, missing=labels[NOT_ANSWERED])
    shown = values.map(lambda v: f"£{v:,.2f}" if money else f"{v:,.0f}", na_action="ignore")
    return shown.where(values.notna(), said)


def _figures_with_reasons(frame: pd.DataFrame, as_text: bool) -> pd.DataFrame:
    """Each raw figure, or in its place what the owner said instead ("Not available: shared
    contract"); never a bare "None". As text for the screen, mixed for a spreadsheet."""
    out = frame.copy()
    labels = answer_labels()
    for column, (_, answer) in FIGURES.items():
        values = out[column].astype(float)
        if as_text:
            out[column] = _figure_text(values, out[answer], money=column == "Cost per transaction")
        else:
            said = relabel(out[answer], labels, missing=labels[NOT_ANSWERED])
            out[column] = values.astype(object).where(values.notna(), said)
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
