"""Downloading the chosen slides as a deck (PPTX and PDF), built on a click with its progress."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence

import streamlit as st

from dashboard.common.i18n import t
from dashboard.common.slides import Slide
from dashboard.present import deck
from dashboard.present.sequence import Meta
from dashboard.ui import store
from dashboard.ui.on_demand import open_expander

DECK_KEY = "present_deck"


#: The slides of an order, built in the language of the run (the page's slide sources).
BuildSlides = Callable[[Sequence[str]], list[Slide]]


def deck_panel(
    order: list[str], build: BuildSlides, meta: Meta, lang: str, stamp: Hashable
) -> None:
    """The deck of `order` in `lang`; `stamp` says what it was built for (the slides, filter,
    weights, language and data), so a deck built for another view is never offered."""
    deck_box = open_expander(
        t("Download the deck (PPTX and PDF)"), key="present_deck_panel", icon=":material/download:"
    )
    if deck_box is None:
        return
    with deck_box:
        st.caption(
            t(
                "A title slide with the filter and dates, then the chosen slides: charts as "
                "images, figures and words as text you can edit, in the language you are using."
            )
        )
        wanted = tuple(order)
        if st.button(
            t("Build the deck"),
            key="present_build",
            icon=":material/build:",
            disabled=not wanted,
        ):
            _build(wanted, build, meta, lang, stamp)
        built = st.session_state.get(DECK_KEY)
        if built and built["for"] == stamp:
            _downloads(built["deck"], meta)
        elif built:
            st.caption(
                t(
                    "The slides, the filter or the language changed since the deck was built: "
                    "build it again."
                )
            )


def _build(
    wanted: tuple[str, ...],
    build: BuildSlides,
    meta: Meta,
    lang: str,
    stamp: Hashable,
) -> None:
    problem = deck.problem()
    if problem:
        st.error(problem, icon=":material/error:")
        return
    bar = st.progress(0.0, text=t("Starting"))

    def progress(done: int, total: int, what: str) -> None:
        bar.progress(done / max(total, 1), text=what)

    try:
        # built in the language of the click, whatever the session does meanwhile
        st.session_state[DECK_KEY] = {
            "for": stamp,
            "deck": deck.make(lambda: build(wanted), meta, lang, progress),
        }
    except store.STORE_ERRORS as error:  # a view not cached, the store away
        bar.empty()
        store.store_problem(error)
    except Exception:  # a browser that died mid-export: words, not a traceback
        logging.getLogger(__name__).exception("building the deck failed")
        st.error(
            t(
                "The deck could not be built this time (the chart browser did not "
                "answer). Try again; if it keeps failing, restart the app."
            ),
            icon=":material/error:",
        )
    bar.empty()


def _downloads(made: deck.Deck, meta: Meta) -> None:
    st.caption(
        t(
            "Built {count} slides in {seconds} s.",
            count=made.slides,
            seconds=f"{made.seconds:.1f}",
        )
    )
    columns = st.columns([1, 1, 3])
    for column, (label, data, suffix, mime) in zip(
        columns,
        (
            (
                t("Download PPTX"),
                made.pptx,
                ".pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            (t("Download PDF"), made.pdf, ".pdf", "application/pdf"),
        ),
        strict=False,
    ):
        column.download_button(
            label,
            data=data,
            file_name=made.file_name(suffix, meta.made),
            mime=mime,
            key=f"present_{suffix.lstrip('.')}",
            icon=":material/download:",
        )
