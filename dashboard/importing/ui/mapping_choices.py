"""The mapping step's value choices: what each unknown label means (one code, several, or none),
words written instead of a figure, and a value for every row where the file has no column.

Labels come from the file, so they are shown through `plain` and never as Markdown.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.common import i18n
from dashboard.common.i18n import t, tn
from dashboard.common.markdown_text import plain
from dashboard.importing import not_recorded
from dashboard.importing.entities import Entity, Field, Kind
from dashboard.importing.mapping import Mapping, is_sentinel_field
from dashboard.importing.reading import Sheet
from dashboard.importing.value_labels import sentinel_choices, unknown_values
from dashboard.importing.vocabularies import Vocabulary
from dashboard.ui.picking import EXACT_PICK

NOT_SURE = ""
#: A label that means the value is not known: stored as not recorded, never as a guess.
NOT_RECORDED = not_recorded.NOT_RECORDED
#: A list field's label that is dropped from the list.
DROP = "__drop__"
MAX_VALUE_CHOICES = 40
#: Session keys the mapping step owns (cleared when another file is mapped).
PREFIXES = ("data_value_", "data_every_")


def _code_label(vocabulary: Vocabulary, welsh: bool, code: str) -> str:
    if code == NOT_SURE:
        return t("(not sure: report it)")
    if code == DROP:
        return t("(leave it out of the list)")
    if code == NOT_RECORDED:
        return t("Not recorded")
    return vocabulary.label(code, welsh)


def _key(prefix: str, field_name: str, index: int, written: str) -> str:
    return f"{prefix}{field_name}_{index}_{abs(hash(written)) % 10**8}"


def value_labels(sheet: Sheet, entity: Entity, mapping: Mapping) -> None:
    """Ask what each label the import does not know means; record the answers in `mapping`."""
    unknown = unknown_values(sheet, entity, mapping)
    if not unknown:
        return
    st.markdown(t("**Values the import does not recognise.** Say what each one means:"))
    welsh = i18n.is_welsh()
    for field_name, counts in unknown.items():
        item = entity.field(field_name)
        shown = counts.most_common(MAX_VALUE_CHOICES)
        if is_sentinel_field(entity, field_name):
            _sentinels(item, shown, mapping, welsh)
        elif item.kind is Kind.CHOICES:
            _several(item, shown, mapping, welsh)
        else:
            _one(
                item, shown, mapping, welsh, field_name in not_recorded.FIELDS.get(entity.name, ())
            )
        if len(counts) > MAX_VALUE_CHOICES:
            st.caption(
                t(
                    "{more} more values are not shown; they are listed in the check's report.",
                    more=len(counts) - MAX_VALUE_CHOICES,
                )
            )


def _written(written: str, count: int) -> str:
    return tn("“{value}” (one row)", "“{value}” ({n} rows)", count, value=plain(written))


def _one(
    item: Field,
    shown: list[tuple[str, int]],
    mapping: Mapping,
    welsh: bool,
    may_be_unknown: bool,
) -> None:
    vocabulary = item.vocabulary
    assert vocabulary is not None
    st.caption(item.label)
    grid = st.columns(3)
    extra = [NOT_RECORDED] if may_be_unknown else []
    for index, (written, count) in enumerate(shown):
        code = grid[index % 3].selectbox(
            _written(written, count),
            [NOT_SURE, *extra, *vocabulary.codes],
            format_func=partial(_code_label, vocabulary, welsh),
            key=_key("data_value_", item.name, index, written),
        )
        if code:
            mapping.values.setdefault(item.name, {})[written] = code


def _several(item: Field, shown: list[tuple[str, int]], mapping: Mapping, welsh: bool) -> None:
    vocabulary = item.vocabulary
    assert vocabulary is not None
    st.caption(
        t(
            "{field}: a label may mean several values, or be left out of the list.",
            field=item.label,
        )
    )
    grid = st.columns(3)
    for index, (written, count) in enumerate(shown):
        codes = grid[index % 3].multiselect(
            _written(written, count),
            [DROP, *vocabulary.codes],
            format_func=partial(_code_label, vocabulary, welsh),
            placeholder=t("Not sure: report it"),
            **EXACT_PICK,
            key=_key("data_value_", item.name, index, written),
        )
        if DROP in codes:
            mapping.values.setdefault(item.name, {})[written] = []
        elif codes:
            mapping.values.setdefault(item.name, {})[written] = list(codes)


def _sentinels(item: Field, shown: list[tuple[str, int]], mapping: Mapping, welsh: bool) -> None:
    choices = dict(sentinel_choices(welsh))
    st.caption(
        t(
            "{field}: words written instead of a figure. Say what each means; the figure is "
            "left blank and the availability records why.",
            field=item.label,
        )
    )
    grid = st.columns(3)
    for index, (written, count) in enumerate(shown):
        code = grid[index % 3].selectbox(
            _written(written, count),
            [NOT_SURE, *choices],
            format_func=lambda c: choices.get(c) or t("(not sure: report it)"),
            key=_key("data_value_", item.name, index, written),
        )
        if code:
            mapping.values.setdefault(item.name, {})[written] = code


def _constant_label(vocabulary: Vocabulary, welsh: bool, code: str) -> str:
    if code == NOT_RECORDED:
        return t("Not recorded")
    return vocabulary.label(code, welsh) if code else t("(none)")


def every_row(sheet: Sheet, entity: Entity, mapping: Mapping) -> None:
    """A value for every row, for the fields no column of the file feeds."""
    open_fields = [
        f
        for f in entity.fields
        if f.name not in mapping.fields
        and f.name not in entity.key
        and (
            f.kind in (Kind.CHOICE, Kind.REFERENCE)
            or (f.kind is Kind.INTEGER and f.vocabulary is not None)
            # a text every row may share (a service area), not a name or a description
            or (f.kind is Kind.TEXT and (f.required or f.for_new))
        )
    ]
    if not open_fields:
        return
    needed = any(f.required or f.for_new for f in open_fields)
    welsh = i18n.is_welsh()
    with st.expander(
        t("A value for every row (fields the file has no column for)"), expanded=needed
    ):
        st.caption(
            t(
                "For example, a register of councils has no sector column: choose “Local "
                "authority” here and every row takes it."
            )
        )
        grid = st.columns(3)
        constants: dict[str, str] = {}
        for index, item in enumerate(open_fields):
            box = grid[index % 3]
            label = item.label + (t(" (required)") if item.required or item.for_new else "")
            saved = mapping.constants.get(item.name, "")
            if item.vocabulary is not None:
                vocabulary = item.vocabulary
                unknown = item.name in not_recorded.FIELDS.get(entity.name, ())
                options = [NOT_SURE, *([NOT_RECORDED] if unknown else []), *vocabulary.codes]
                chosen = box.selectbox(
                    label,
                    options,
                    index=options.index(saved) if saved in options else 0,
                    format_func=partial(_constant_label, vocabulary, welsh),
                    key=f"data_every_{item.name}",
                )
            else:
                chosen = box.text_input(
                    label, value=saved, key=f"data_every_{item.name}", max_chars=item.max_length
                )
            if chosen and str(chosen).strip():
                constants[item.name] = str(chosen).strip()
        mapping.constants = constants
