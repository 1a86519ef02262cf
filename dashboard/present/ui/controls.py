"""The Present page's state: the chosen slides, their order and the slide shown, kept in the
link (`?slides=levels,priorities&slide=2`), and the callbacks that change them."""

from __future__ import annotations

import streamlit as st

from dashboard.present import sequence
from dashboard.ui.link_state import LinkPart

# the chosen slides live in plain session state, not in the widget's: full screen does not draw
# the widget, and Streamlit forgets the state of a widget a run leaves out
ORDER_KEY, PICK_KEY, INDEX_KEY = "present_slides", "present_order", "present_index"
#: A link with no slide parameters at all is the page menu arriving here (it empties the
#: link): the session's slides stay.
LINK = LinkPart(
    "slides",
    lambda key: key in (sequence.SLIDES_PARAM, sequence.SLIDE_PARAM),
    keeps_without_params=True,
)


def settle() -> tuple[list[str], int]:
    """This run's slides and the position of the one shown, the link following them (written
    before anything slow is drawn, so a click that cuts this run short is not taken for an
    outside change)."""
    if LINK.link_decides(first_run=ORDER_KEY not in st.session_state):
        order, index = sequence.from_link(LINK.in_link())
        st.session_state[ORDER_KEY], st.session_state[INDEX_KEY] = order, index
    order = [key for key in st.session_state[ORDER_KEY] if key in sequence.ALL_KINDS]
    index = min(st.session_state[INDEX_KEY], max(len(order) - 1, 0))
    st.session_state[INDEX_KEY] = index
    LINK.write(sequence.to_link(order, index if order else None))
    return order, index


def go(step: int) -> None:
    count = len(st.session_state[ORDER_KEY]) or 1
    st.session_state[INDEX_KEY] = (st.session_state[INDEX_KEY] + step) % count


def key_pressed(step: str) -> None:
    """A key the presenter pressed: next, previous, first or last."""
    count = len(st.session_state[ORDER_KEY]) or 1
    if step == "first":
        st.session_state[INDEX_KEY] = 0
    elif step == "last":
        st.session_state[INDEX_KEY] = count - 1
    else:
        go(1 if step == "next" else -1)


def reset_order() -> None:
    st.session_state[ORDER_KEY] = list(sequence.DEFAULT_ORDER)
    st.session_state[INDEX_KEY] = 0


def move(key: str, step: int) -> None:
    st.session_state[ORDER_KEY] = sequence.move(st.session_state[ORDER_KEY], key, step)


def picked() -> None:
    """The slides picked in the multiselect, in the order picked (a widget may hand back the
    label it showed, in the language it was showing)."""
    chosen = (sequence.key_of(str(value)) for value in st.session_state[PICK_KEY])
    st.session_state[ORDER_KEY] = [key for key in dict.fromkeys(chosen) if key]
