"""A widget whose value lives in the link: on the page's first run, on arrival and on the
browser's back and forward buttons the link sets the widget; otherwise the widget writes the
link (see `dashboard.ui.link_state`)."""

from __future__ import annotations

import streamlit as st

from dashboard.common.link_choices import OFF, ON, LinkChoice
from dashboard.ui.link_state import LinkPart


def settle_choice(choice: LinkChoice, key: str) -> str:
    """Put the link's value for `choice` into the widget state `key` when the link decides,
    and return the value the widget is to show."""
    part = _part(choice, key)
    if part.link_decides(first_run=key not in st.session_state):
        st.session_state[key] = choice.from_link(part.in_link())
    value = st.session_state[key]
    return value if value in choice.options else choice.default


def write_choice(choice: LinkChoice, key: str, value: str) -> None:
    """Write the widget's value into the link (the default leaves the parameter out)."""
    _part(choice, key).write(choice.to_link(value))


def _part(choice: LinkChoice, key: str) -> LinkPart:
    return LinkPart(f"choice_{key}", lambda name: name == choice.param)


def settle_switch(choice: LinkChoice, key: str) -> bool:
    """As `settle_choice`, for a toggle: the widget state `key` holds True or False."""
    part = _part(choice, key)
    if part.link_decides(first_run=key not in st.session_state):
        st.session_state[key] = choice.from_link(part.in_link()) == ON
    return bool(st.session_state[key])


def write_switch(choice: LinkChoice, key: str, on: bool) -> None:
    write_choice(choice, key, ON if on else OFF)
