"""Service types: the reference list holds together, an import reads a type by code, LGSL
number or name, the shared filter keeps types in the link, and services group by type as a
hand count says."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.catalogue.facts import type_words
from dashboard.common.filter_words import describe_filter, filter_chips
from dashboard.common.filters import Filter, Memberships, match
from dashboard.common.i18n import using
from dashboard.common.service_types import group_by_type, lgsl_words, type_labels, type_name
from dashboard.importing.vocabularies import SERVICE_TYPE
from db.reference.service_types import (
    SERVICE_TYPE_SCHEMES,
    SERVICE_TYPES,
    ServiceTypeListError,
    _read,
    service_type,
)


def test_the_list_is_bilingual_and_every_lgsl_number_says_where_it_was_checked() -> None:
    assert 30 <= len(SERVICE_TYPES) <= 80
    assert {s.code for s in SERVICE_TYPE_SCHEMES} == {"council", "health", "central"}
    assert {seed.scheme for seed in SERVICE_TYPES} == {"council", "health", "central"}
    for seed in SERVICE_TYPES:
        assert seed.name_en != seed.name_cy, seed.code  # real Welsh, not the English copied
        if seed.lgsl_code is not None:
            assert seed.scheme == "council" and seed.lgsl_described, seed.code
    numbers = [s.lgsl_code for s in SERVICE_TYPES if s.lgsl_code is not None]
    assert len(numbers) == len(set(numbers)) >= 20
    # a council type may stand without a number (none verified), never with an invented one
    assert any(s.scheme == "council" and s.lgsl_code is None for s in SERVICE_TYPES)
    assert service_type("missed-bin") is not None
    assert service_type("missed-bin").lgsl_code == 524  # type: ignore[union-attr]


def test_a_list_with_an_unsourced_lgsl_number_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "types.yaml"
    broken.write_text(
        "schemes:\n  - {code: council, en: Councils, cy: Cynghorau}\n"
        "types:\n  - {code: bins, scheme: council, lgsl: 524, en: Bins, cy: Biniau}\n",
        encoding="utf-8",
    )
    with pytest.raises(ServiceTypeListError, match="source description"):
        _read(broken)


@pytest.mark.parametrize(
    "written",
    [
        "missed-bin",
        "524",
        "524.0",
        "LGSL 524",
        "lgsl-524",
        "Report a missed bin collection",
        "REPORT A MISSED BIN COLLECTION",
        "Rhoi gwybod am gasgliad bin a fethwyd",
    ],
)
def test_an_import_reads_a_type_by_code_lgsl_number_or_name(written: str) -> None:
    assert SERVICE_TYPE.lookup(written) == "missed-bin"


def test_an_unknown_lgsl_number_means_no_type() -> None:
    assert SERVICE_TYPE.lookup("LGSL 9999") is None
    assert SERVICE_TYPE.lookup("Report a missing bin") is None


def test_a_type_is_named_in_the_readers_language_with_its_lgsl_number() -> None:
    with using("en"):
        assert type_words({"service_type": "missed-bin"}) == (
            "Report a missed bin collection (LGSL 524)"
        )
        assert type_words({"service_type": "health-gp-appointment"}) == "Book a GP appointment"
        assert type_words({"service_type": None}) == "not recorded"
        assert lgsl_words("central-grant") is None
    with using("cy"):
        assert type_name("blue-badge") == "Gwneud cais am Fathodyn Glas"
        labels = type_labels(pd.Series(["pothole", None], dtype="category"))
        assert labels.tolist() == ["Rhoi gwybod am dwll yn y ffordd", "heb ei gofnodi"]


def _services() -> pd.DataFrame:
    """Seven services of four organisations, worked out by hand below."""
    return pd.DataFrame(
        {
            "organisation_code": pd.Categorical(["cdf", "cdf", "swa", "gwn", "gwn", "bcu", "wg"]),
            "service_type": pd.Categorical(
                [
                    "missed-bin",  # cdf
                    "missed-bin",  # cdf again: one organisation, two services
                    "missed-bin",  # swa
                    "missed-bin",  # gwn
                    "blue-badge",  # gwn
                    None,  # bcu: not recorded
                    "central-grant",  # wg
                ]
            ),
            "sector": pd.Categorical(["local_authority"] * 5 + ["health", "central_government"]),
            "stage": pd.Categorical([None] * 7),
            "contracting_type": pd.Categorical([None] * 7),
            "welsh_provision": pd.Categorical([None] * 7),
            "org_type": pd.Categorical([None] * 7),
            "digitisation_level": pd.array([1, 2, 3, 3, 2, 1, 4], dtype="Int8"),
            "is_deep_dive": [False] * 7,
            "search_text": [""] * 7,
        },
        index=pd.Index(range(1, 8), name="id"),
    )


def test_services_group_by_type_as_counted_by_hand() -> None:
    with using("en"):
        groups = group_by_type(_services())
    table = groups.table.set_index("service_type")
    # missed bins: 4 services of 3 organisations; blue badge and grants: 1 of 1 each
    assert table.loc["missed-bin", ["services", "organisations"]].tolist() == [4, 3]
    assert table.loc["blue-badge", ["services", "organisations"]].tolist() == [1, 1]
    assert table.loc["central-grant", ["services", "organisations"]].tolist() == [1, 1]
    assert list(table.index) == ["missed-bin", "blue-badge", "central-grant"]  # most first
    assert table.loc["missed-bin", "lgsl_code"] == 524
    assert pd.isna(table.loc["central-grant", "lgsl_code"])
    assert table.loc["missed-bin", "scheme"] == "council"
    assert table.loc["missed-bin", "name"] == "Report a missed bin collection"
    assert (groups.services, groups.untyped, groups.typed) == (7, 1, 6)
    assert groups.coverage == "Service type known for 6 of 7 services"
    assert groups.shared().index.size == 1  # only the missed bins are run by 2 or more


def test_grouping_under_a_filter_counts_only_the_services_it_keeps() -> None:
    services = _services()
    mask = match(services, Memberships(), Filter(sectors=("local_authority",)))
    groups = group_by_type(services, mask)
    assert groups.table.set_index("service_type")["organisations"].to_dict() == {
        "missed-bin": 3,
        "blue-badge": 1,
    }
    assert (groups.services, groups.untyped) == (5, 0)
    nothing = group_by_type(services, np.zeros(len(services), dtype=bool))
    assert nothing.table.empty and nothing.services == 0


def test_the_filter_keeps_chosen_types_and_not_recorded_ones() -> None:
    services = _services()
    chosen = Filter(service_types=("missed-bin",))
    assert services.index[match(services, Memberships(), chosen)].tolist() == [1, 2, 3, 4]
    unknown = Filter(service_types=("none",))
    assert services.index[match(services, Memberships(), unknown)].tolist() == [6]
    both = Filter(service_types=("blue-badge", "none"))
    assert services.index[match(services, Memberships(), both)].tolist() == [5, 6]


def test_chosen_types_are_kept_in_the_link_and_named_in_words() -> None:
    flt = Filter(service_types=("missed-bin", "none"))
    query = flt.to_query()
    assert query["type"] == ["missed-bin", "none"]
    known = {"service_types": {"missed-bin", "blue-badge"}}
    assert Filter.from_query(query, known) == flt
    # a type no longer in the list is dropped, not an error
    assert Filter.from_query({"type": ["gone", "blue-badge"]}, known).service_types == (
        "blue-badge",
    )
    with using("en"):
        assert describe_filter(flt) == [
            "Service type: Report a missed bin collection, not recorded"
        ]
        assert [c.text for c in filter_chips(flt)] == [
            "Service type: Report a missed bin collection",
            "Service type: not recorded",
        ]
    with using("cy"):
        assert describe_filter(Filter(service_types=("pothole",))) == [
            "Math o wasanaeth: Rhoi gwybod am dwll yn y ffordd"
        ]
