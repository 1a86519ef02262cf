"""The Challenges and aims page at national scale: the theme reports of every service worked
out once per data version, so that a filter no session has asked for is a mask and a count.

`ThemeIndex.build` reads the services frame, the per-service themes and the self-assessments
once (a data version's worth: 100,000 services hold half a million theme reports). Each
service's reported themes are bit masks, one per kind of theme, with one mask per severity;
each theme report and each self-assessment keeps the integer codes of its service, theme,
sector, standard and rating. The filter's step is then plain numpy on a boolean mask aligned
with the services frame: counts of the masks that meet a standard's linked themes, and
`np.bincount` of the codes of the rows whose service the mask keeps.

`view`, `theme_drill` and `framework_drill` give exactly what dashboard.themes.tables's
`build`, `services_reporting` and `drill_framework` give for `services[mask]` (the tests
compare them on the demo data and on generated catalogues), and share their frame-building
code. They rely on what the store guarantees: a service reports a theme at most once, with a
severity of 1 to 3 or none.

`ServiceLabels` holds what the drill-down tables show of every service in one language (code,
name, organisation, sector), with the sort order of the sector and name columns, built once per
data version and language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.common.i18n import t
from dashboard.common.queries import Framework
from dashboard.common.service_labels import ServiceLabels, take
from dashboard.themes.tables import (
    RATINGS,
    ThemesView,
    assessment_frame,
    dimension_names,
    dimensions_frame,
    framework_links,
    linked_severity_column,
    no_services_linked,
    sector_frames,
    severity_words,
    standard_names,
    standards_frame,
    theme_frame,
    theme_names,
    unlinked,
)
from db.vocabulary import SECTORS

__all__ = [
    "ThemeIndex",
    "framework_drill",
    "theme_drill",
    "unlinked",
    "view",
]

#: Severity levels as stored per theme report: 0 is "not rated", 1 low, 2 medium, 3 high.
LEVELS = 4
WORD = 64


@dataclass(frozen=True)
class KindMasks:
    """The themes of one kind each service reports, as bit masks of shape (words, services):
    theme i is bit i % 64 of word i // 64 (one word while there are 64 themes or fewer)."""

    reported: np.ndarray
    high: np.ndarray
    medium: np.ndarray
    low: np.ndarray
    rated: np.ndarray
    any: np.ndarray  # bool per service: reports at least one theme of this kind


@dataclass(frozen=True)
class ThemeIndex:
    """The theme reports and self-assessments of every service of one data version, aligned
    with the services frame it was built from (a filter's mask indexes it directly)."""

    ids: np.ndarray  # service ids, in the services frame's order
    codes: tuple[str, ...]  # theme codes; a theme's position is its bit
    kinds: dict[str, KindMasks]
    sector: np.ndarray  # each service's position in SECTORS (len(SECTORS): none of them)
    journeys: np.ndarray | None
    # every theme report of a service in the frame, grouped by theme, each theme's reports in
    # the order of the per-service themes frame: the reports of theme i are the rows
    # theme_start[i]:theme_start[i + 1]
    row_service: np.ndarray  # position of the service
    row_theme: np.ndarray  # position of the theme in `codes`
    row_kind: np.ndarray  # position of the kind in `kind_names`
    row_level: np.ndarray  # LEVELS: 0 not rated, 1 to 3
    theme_start: np.ndarray
    kind_names: tuple[str, ...]
    # self-assessments of services in the frame: whose, and which standard and rating (the
    # standard's position in assessment_standards times the number of ratings, plus the
    # rating's position in assessment_ratings), and who assessed themselves
    assessment_service: np.ndarray
    assessment_cell: np.ndarray
    assessment_standards: pd.Index
    assessment_ratings: pd.Index
    assessed: np.ndarray  # bool per service: rated itself against at least one standard

    @property
    def words(self) -> int:
        return max(1, -(-len(self.codes) // WORD))

    @classmethod
    def build(
        cls, services: pd.DataFrame, service_themes: pd.DataFrame, assessments: pd.DataFrame
    ) -> ThemeIndex:
        """From the services frame (indexed by service id), the per-service themes (service_id,
        theme, kind, severity) and the self-assessments (service_id, standard_id, rating)."""
        size = len(services)
        position = services.index.get_indexer(pd.Index(service_themes["service_id"].to_numpy()))
        present = position >= 0
        theme_codes, codes = _factorize(service_themes["theme"])
        kind_codes, kind_names = _factorize(service_themes["kind"])
        severity = service_themes["severity"].astype(float).to_numpy()
        level = np.zeros(len(severity), dtype=np.int8)
        for value in (1, 2, 3):
            level[severity == value] = value
        if (~np.isnan(severity) & (level == 0)).any():
            raise ValueError("a theme's severity must be 1, 2 or 3, or none")
        keep = present & (theme_codes >= 0) & (kind_codes >= 0)
        row_service = position[keep].astype(np.int32)
        row_theme = theme_codes[keep].astype(np.int32)
        row_kind = kind_codes[keep].astype(np.int8)
        row_level = level[keep]
        by_theme = np.argsort(row_theme, kind="stable")
        row_service, row_theme = row_service[by_theme], row_theme[by_theme]
        row_kind, row_level = row_kind[by_theme], row_level[by_theme]
        theme_start = np.concatenate(
            [[0], np.cumsum(np.bincount(row_theme, minlength=len(codes)))]
        ).astype(np.int64)

        words = max(1, -(-len(codes) // WORD))
        word = row_theme // WORD
        flag = np.left_shift(np.uint64(1), (row_theme % WORD).astype(np.uint64))
        kinds = {}
        for kind_position, kind in enumerate(kind_names):
            of_kind = row_kind == kind_position
            masks = {}
            for name, rows in (
                ("reported", of_kind),
                ("high", of_kind & (row_level == 3)),
                ("medium", of_kind & (row_level == 2)),
                ("low", of_kind & (row_level == 1)),
            ):
                masks[name] = np.zeros((words, size), dtype=np.uint64)
                np.bitwise_or.at(masks[name], (word[rows], row_service[rows]), flag[rows])
            kinds[kind] = KindMasks(
                **masks,
                rated=masks["high"] | masks["medium"] | masks["low"],
                any=(masks["reported"] != 0).any(axis=0),
            )

        sectors = {term.code: i for i, term in enumerate(SECTORS)}
        sector_codes, sector_values = _factorize(services["sector"])
        sector = np.asarray(
            [*(sectors.get(value, len(SECTORS)) for value in sector_values), len(SECTORS)],
            dtype=np.int8,
        )[np.where(sector_codes >= 0, sector_codes, len(sector_values))]

        a_position = services.index.get_indexer(pd.Index(assessments["service_id"].to_numpy()))
        a_present = a_position >= 0
        assessed = np.zeros(size, dtype=bool)
        assessed[a_position[a_present]] = True
        standard_codes, standards = pd.factorize(assessments["standard_id"])
        rating_codes, ratings = pd.factorize(assessments["rating"].astype(str))
        a_keep = a_present & (standard_codes >= 0) & (rating_codes >= 0)
        return cls(
            ids=services.index.to_numpy(),
            codes=tuple(codes),
            kinds=kinds,
            sector=sector,
            journeys=services["journeys"].to_numpy() if "journeys" in services else None,
            row_service=row_service,
            row_theme=row_theme,
            row_kind=row_kind,
            row_level=row_level,
            theme_start=theme_start,
            kind_names=tuple(kind_names),
            assessment_service=a_position[a_keep].astype(np.int32),
            assessment_cell=(standard_codes[a_keep] * len(ratings) + rating_codes[a_keep]).astype(
                np.int32
            ),
            assessment_standards=pd.Index(standards),
            assessment_ratings=pd.Index(ratings),
            assessed=assessed,
        )

    def theme_bits(self, themes: Iterable[str]) -> np.ndarray:
        """The bit mask (one value per word) of some theme codes; codes no service reports
        are left out."""
        bits = np.zeros(self.words, dtype=np.uint64)
        where = {code: i for i, code in enumerate(self.codes)}
        for code in themes:
            if code in where:
                word, bit = divmod(where[code], WORD)
                bits[word] |= np.uint64(1 << bit)
        return bits

    def kind(self, kind: str) -> KindMasks:
        """The masks of one kind (all empty for a kind no service reports)."""
        if kind in self.kinds:
            return self.kinds[kind]
        empty = np.zeros((self.words, len(self.ids)), dtype=np.uint64)
        return KindMasks(empty, empty, empty, empty, empty, np.zeros(len(self.ids), dtype=bool))


def _factorize(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes (-1 for missing) and the distinct values as strings."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), [str(c) for c in values.cat.categories]
    codes, uniques = pd.factorize(values)
    return codes, [str(c) for c in uniques]


def _meets(masks: np.ndarray, bits: np.ndarray) -> np.ndarray:
    """Per service (column of `masks`): whether any of `bits` is set."""
    hit = np.zeros(masks.shape[1], dtype=bool)
    for word, value in enumerate(bits):
        if value:
            hit |= (masks[word] & value) != 0
    return hit


# -- one filter ---------------------------------------------------------------------------------


def view(
    index: ThemeIndex,
    mask: np.ndarray,
    themes: pd.DataFrame,
    framework: Framework,
    kind: str,
) -> ThemesView:
    """themes_insight.build for the services the mask keeps (aligned with the frame the index
    was built from)."""
    kept = mask[index.row_service]
    of_kind = index.kind(kind)
    reporting = int(np.count_nonzero(mask & of_kind.any))
    rows = kept & (index.row_kind == index.kind_names.index(kind)) if kind in index.kinds else None
    count = len(index.codes)
    columns = len(SECTORS) + 1
    if rows is None:
        theme, level, sector = (np.zeros(0, dtype=np.int64),) * 3
    else:
        theme = index.row_theme[rows].astype(np.int64)
        level = index.row_level[rows]
        sector = index.sector[index.row_service[rows]]

    by_level = np.bincount(theme * LEVELS + level, minlength=count * LEVELS).reshape(count, LEVELS)
    # RATINGS: High, Medium, Low, Not rated
    severity = pd.DataFrame(by_level[:, [3, 2, 1, 0]], index=list(index.codes), columns=RATINGS)

    by_sector = np.bincount(theme * columns + sector, minlength=count * columns).reshape(
        count, columns
    )
    sector_codes = [term.code for term in SECTORS]
    counts = pd.DataFrame(by_sector[:, :-1], index=list(index.codes), columns=sector_codes)
    per_sector = np.bincount(index.sector[mask & of_kind.any], minlength=columns)[:-1]
    shares, counts = sector_frames(counts, pd.Series(per_sector, index=sector_codes), themes, kind)

    return ThemesView(
        kind=kind,
        reporting=reporting,
        themes=theme_frame(severity, reporting, themes, kind),
        sector_shares=shares,
        sector_counts=counts,
        standards=standards_frame(
            _linked(index, mask, framework.theme_standards, "standard_id", framework.standards),
            standard_names(framework.standards),
            framework.theme_standards,
            themes,
        ),
        dimensions=dimensions_frame(
            _linked(index, mask, framework.theme_dimensions, "dimension", framework.dimensions),
            dimension_names(framework.dimensions),
            framework.theme_dimensions,
            themes,
        ),
        assessments=_assessments(index, mask, framework.standards),
        services=int(np.count_nonzero(mask)),
        assessed=int(np.count_nonzero(mask & index.assessed)),
        journeys=int(index.journeys[mask].sum()) if index.journeys is not None else 0,
        services_with_journeys=int(np.count_nonzero(index.journeys[mask] > 0))
        if index.journeys is not None
        else 0,
    )


def _linked(
    index: ThemeIndex, mask: np.ndarray, links: pd.DataFrame, key: str, items: pd.DataFrame
) -> pd.DataFrame:
    """themes_insight._linked: per standard or dimension, services reporting a linked challenge
    (of them: any rated high; none rated), and services naming a linked opportunity."""
    names = standard_names(items) if key == "standard_id" else dimension_names(items)
    linked = {value: list(group.astype(str)) for value, group in links.groupby(key)["theme"]}
    challenges, opportunities = index.kind("challenge"), index.kind("opportunity")
    reported = challenges.reported[:, mask]
    high = challenges.high[:, mask]
    rated = challenges.rated[:, mask]
    named = opportunities.reported[:, mask]
    out: dict[str, list[np.signedinteger[Any]]] = {column: [] for column in _LINKED_COLUMNS}
    for value in names.index:
        bits = index.theme_bits(linked.get(value, ()))
        hit = _meets(reported, bits)
        out["Services with linked challenges"].append(np.count_nonzero(hit))
        out["of them rated high"].append(np.count_nonzero(_meets(high, bits)))
        out["of them not rated"].append(np.count_nonzero(hit & ~_meets(rated, bits)))
        out["Services with linked opportunities"].append(np.count_nonzero(_meets(named, bits)))
    return pd.DataFrame(
        {column: np.asarray(values, dtype=int) for column, values in out.items()},
        index=names.index,
    )


_LINKED_COLUMNS = (
    "Services with linked challenges",
    "of them rated high",
    "of them not rated",
    "Services with linked opportunities",
)


def _assessments(index: ThemeIndex, mask: np.ndarray, standards: pd.DataFrame) -> pd.DataFrame:
    kept = mask[index.assessment_service]
    ratings = len(index.assessment_ratings)
    counts = np.bincount(
        index.assessment_cell[kept], minlength=len(index.assessment_standards) * ratings
    )
    return assessment_frame(
        pd.DataFrame(
            counts.reshape(len(index.assessment_standards), ratings),
            index=index.assessment_standards,
            columns=index.assessment_ratings,
        ),
        standards,
    )


# -- drill-downs -----------------------------------------------------------------------------


def _words(words: list[str], which: np.ndarray) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """A column of a few distinct words, `which` indexing them; typed as a table of them."""
    return take(pd.Series(np.asarray(words, dtype=object)), which)


def theme_drill(
    index: ThemeIndex, labels: ServiceLabels, mask: np.ndarray, theme: str
) -> pd.DataFrame:
    """themes_insight.services_reporting for the services the mask keeps."""
    where = index.codes.index(theme) if theme in index.codes else None
    if where is None:
        rows = slice(0, 0)
    else:
        rows = slice(int(index.theme_start[where]), int(index.theme_start[where + 1]))
    services = index.row_service[rows]
    kept = mask[services]
    services, level = services[kept], index.row_level[rows][kept]
    kinds = {index.kind_names[k] for k in np.unique(index.row_kind[rows][kept])}
    column = "Priority" if kinds == {"opportunity"} else "Severity"
    # most severe first, then by sector and name; ties keep the reports' order
    order = np.lexsort((labels.group[services], -level.astype(np.int64)))
    services, level = services[order], level[order]
    return pd.DataFrame(
        {
            **labels.rows(services),
            column: _words(_severity_labels(), level),
        }
    )


def framework_drill(
    index: ThemeIndex,
    labels: ServiceLabels,
    mask: np.ndarray,
    themes: pd.DataFrame,
    framework: Framework,
    item: str,
    kind: str,
) -> pd.DataFrame:
    """themes_insight.drill_framework for the services the mask keeps."""
    links, key, value = framework_links(framework, item)
    linked = set(links.loc[links[key].astype(str) == str(value), "theme"].astype(str))
    bits = index.theme_bits(linked)
    masks = index.kind(kind)
    services = np.flatnonzero(mask & _meets(masks.reported, bits))
    if not len(services):
        return no_services_linked(kind)
    level = np.select(
        [_meets(masks.high[:, services], bits), _meets(masks.medium[:, services], bits)],
        [3, 2],
        np.where(_meets(masks.low[:, services], bits), 1, 0),
    )
    # most severe first, then by sector and name, then by service id
    order = np.lexsort((index.ids[services], labels.group[services], -level))
    services, level = services[order], level[order]
    return pd.DataFrame(
        {
            **labels.rows(services),
            "Linked themes reported": _linked_names(index, masks, services, linked, themes),
            linked_severity_column(kind): _words(_severity_labels(), level),
        }
    )


def _linked_names(
    index: ThemeIndex,
    masks: KindMasks,
    services: np.ndarray,
    linked: set[str],
    themes: pd.DataFrame,
) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """Each service's reported linked themes by name, in the order of their names, joined by
    "; " (named once per distinct combination)."""
    names = theme_names(themes)
    order = sorted(linked, key=lambda code: names.get(code, code))
    reported = masks.reported[:, services] & index.theme_bits(linked)[:, None]
    if len(reported) == 1:  # 64 themes or fewer
        distinct, which = np.unique(reported[0], return_inverse=True)
        distinct = distinct[None, :]
    else:
        distinct, which = np.unique(reported, axis=1, return_inverse=True)
    bits = {code: index.theme_bits([code]) for code in order}
    words = [
        "; ".join(
            names.get(code, code) for code in order if (distinct[:, column] & bits[code]).any()
        )
        for column in range(distinct.shape[1])
    ]
    return _words(words, np.asarray(which).reshape(-1))


def _severity_labels() -> list[str]:
    """The severity words by level (0 not rated, 1 low, 2 medium, 3 high), in the current
    language."""
    words = severity_words()
    return [t("Not rated"), words["Low"], words["Medium"], words["High"]]
