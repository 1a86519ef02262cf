"""One slide on screen: the buttons to move and to go full screen, the finding as the title,
the chart or the figures fitted to the window, the footer, and the speaker notes."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.common.slides import Slide
from dashboard.present import fit, sequence
from dashboard.present.ui import controls, presenting
from dashboard.ui.chart_panel import PLOTLY_CONFIG


def nothing_chosen(full: bool) -> None:
    """No slide is chosen: say how to choose some, and keep the way out of full screen."""
    st.title(t("No slides are chosen"), anchor=False)
    st.info(
        t(
            "Pick some under **Choose slides**, or go back to the standard sequence of "
            "{count} slides.",
            count=len(sequence.DEFAULT_ORDER),
        ),
        icon=":material/slideshow:",
    )
    if full:  # the choice of slides is hidden in full screen: the way out must not be
        st.button(
            t("Leave full screen"),
            key="present_full_screen",
            on_click=presenting.toggle_full_screen,
            icon=":material/fullscreen_exit:",
        )


def _exit(order: list[str], index: int) -> None:
    """Full screen: the slide's number in small type, and the one way out, a small control in
    the top right corner, faint until pointed at or focused (Esc leaves too)."""
    with st.container(key="present_number"):
        st.markdown(t("{number} / {total}", number=index + 1, total=len(order)))
    with st.container(key="present_exit"):
        st.button(
            t("Leave full screen"),
            key="present_full_screen",
            on_click=presenting.toggle_full_screen,
            icon=":material/fullscreen_exit:",
            type="tertiary",
            help=t(
                "Esc leaves full screen too. → or Page Down: next slide; ← or Page Up: previous."
            ),
        )


def _buttons(order: list[str], index: int, full: bool, notes: bool) -> bool:
    """The row above the slide: previous, where we are (and the speaker notes' switch, so it
    takes no height from the slide), full screen, next. True when the notes are asked for."""
    if full:
        _exit(order, index)
        return False
    back, where, screen, forward = st.columns([1, 3, 1, 1], vertical_alignment="center")
    back.button(
        t("Previous"),
        key="present_previous",
        on_click=controls.go,
        args=(-1,),
        icon=":material/arrow_back:",
        width="stretch",
    )
    # the text wraps (in small lines) rather than push the switch under it: the row keeps the
    # buttons' height, which dashboard/present/screen.py counts on
    with where.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
        with st.container(key="present_where"):
            st.markdown(
                t(
                    "Slide {number} of {total} · {name}",
                    number=index + 1,
                    total=len(order),
                    name=sequence.kind_name(order[index]),
                )
            )
        # the notes are the presenter's: never shown to the room in full screen
        wanted = notes and st.toggle(t("Speaker notes"), key="present_notes", width="content")
    screen.button(
        t("Leave full screen") if full else t("Full screen"),
        key="present_full_screen",
        on_click=presenting.toggle_full_screen,
        icon=":material/fullscreen_exit:" if full else ":material/fullscreen:",
        width="stretch",
        help=t(
            "Full screen shows the audience the slide alone: no page header, sidebar, notice, "
            "buttons or speaker notes, keeping the note on the data at the foot of each "
            "slide. Keys: → or Page Down for the next slide, ← or Page Up for the previous "
            "one, F for full screen while one of these buttons has the focus, Esc to leave "
            "it (or the small 'Leave full screen' control in the top right corner)."
        ),
    )
    forward.button(
        t("Next"),
        key="present_next",
        on_click=controls.go,
        args=(1,),
        icon=":material/arrow_forward:",
        width="stretch",
    )
    return bool(wanted)


def _body(slide: Slide, body: int, width: int) -> None:
    if slide.facts:
        with st.container(
            height=body, border=False, vertical_alignment="center", key="present_facts"
        ):
            for number, (column, fact) in enumerate(
                zip(st.columns(len(slide.facts), gap="large"), slide.facts, strict=True)
            ):
                with column.container(key=f"present_value_{number}"):
                    st.markdown(plain(fact.value))
                with column.container(key=f"present_label_{number}"):
                    st.markdown(plain(fact.label))
                with column.container(key=f"present_detail_{number}"):
                    st.markdown(plain(fact.detail))
    elif slide.quotes:
        # the owners' words are data: set as text, never as Markdown
        with st.container(
            height=body, border=False, vertical_alignment="center", key="present_quotes"
        ):
            for number, quote in enumerate(slide.quotes):
                with st.container(key=f"present_quote_{number}"):
                    st.text(f"“{quote.text}”")
                with st.container(key=f"present_who_{number}"):
                    st.text(f"— {quote.who}")
            with st.container(key="present_caption"):
                st.text(slide.caption)
    elif slide.figure is not None:
        # the screen's title states the finding; the chart keeps its subtitle, in large type,
        # and fits the room it has (names, legend, how many bars of a ranking)
        figure = fit.slide_figure(slide.figure, width, body)
        st.plotly_chart(
            figure,
            key="present_chart",
            # a slide, not a workbench: no toolbar over the chart while presenting
            config={**PLOTLY_CONFIG, "displayModeBar": False},
            width="stretch",
            theme=None,
        )
    else:
        with st.container(height=body, border=False, key="present_message"):
            st.markdown(plain(slide.message))


def draw_slide(
    slide: Slide,
    order: list[str],
    index: int,
    body: int,
    full: bool,
    footer: list[str],
    width: int,
) -> None:
    """The slide at `index` of `order`, its body `body` px high and `width` px wide."""
    with st.container(key="present_slide", gap="small"):
        show_notes = _buttons(order, index, full, bool(slide.notes))
        st.title(plain(slide.title), anchor=False)
        _body(slide, body, width)
        with st.container(key="present_footer"):
            st.markdown("  \n".join(plain(line) for line in footer))
    if show_notes:
        st.info(slide.notes, icon=":material/record_voice_over:")
