"""Presenting on the Present page: the sidebar folded, full screen, each slide fitted to the
window, and slides changed from the keyboard or a presenter's clicker (Page Up / Page Down)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st

from dashboard.present.screen import Screen
from dashboard.serving import page_shell

PAGE = "present"
#: Session key of the full-screen choice (app.py leaves the notice out while it is on).
FULL_KEY = "present_full"
KEYS_KEY = "present_keys"
#: The window a slide is fitted to until the browser reports its own: a 1080p projector.
ASSUMED_VIEWPORT = {"width": 1920, "height": 1080}

_JS = """
// Streamlit calls the function below again whenever its data changes (full screen, the
// window's size) and its cleanup only when the page goes: the listeners of the last call are
// taken off here, so each key press is heard once, with the current state.
let detachLast = null;

export default function (component) {
    const { data, setTriggerValue, setStateValue } = component;
    const full = Boolean(data && data.full);

    // the page's own style sheet, in the document while the page is shown
    let sheet = document.getElementById("landscape-present-style");
    if (!sheet) {
        sheet = document.createElement("style");
        sheet.id = "landscape-present-style";
        document.head.appendChild(sheet);
    }
    sheet.textContent = (data && data.css) || "";

    // the window's size, so the page can fit each slide to it (only when it changed)
    const known = (data && data.viewport) || {};
    const report = () => {
        const width = window.innerWidth, height = window.innerHeight;
        if (Math.abs((known.width || 0) - width) > 24 || Math.abs((known.height || 0) - height) > 24) {
            setStateValue("viewport", { width, height });
        }
    };
    let timer = null;
    const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
    report();

    // → / Page Down next, ← / Page Up previous (a clicker sends these), Home, End: heard
    // anywhere on the page. F, a character key, only while the focus is in the slide (on its
    // buttons), so typing an F elsewhere never switches full screen (WCAG 2.1.4)
    const steps = {
        ArrowRight: "next", PageDown: "next",
        ArrowLeft: "previous", PageUp: "previous",
        Home: "first", End: "last",
    };
    const typing = (target) => target instanceof Element && Boolean(
        target.isContentEditable ||
        target.closest("input, textarea, select, [role=listbox], [role=combobox], [role=slider]")
    );
    const inSlide = (target) =>
        target instanceof Element && Boolean(target.closest(".st-key-present_slide"));
    const onKey = (event) => {
        if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
        if (event.repeat || typing(event.target)) return;
        if (steps[event.key]) {
            event.preventDefault();
            setTriggerValue("step", steps[event.key]);
        } else if (event.key === "Escape" && full) {
            // the documented way out of full screen (the browser's own full screen takes
            // its Esc first and is heard below)
            event.preventDefault();
            setTriggerValue("full", false);
        } else if ((event.key === "f" || event.key === "F") && inSlide(event.target)) {
            event.preventDefault();
            // a key press may ask for the browser's full screen; a script rerun may not
            if (!full && document.fullscreenEnabled && !document.fullscreenElement) {
                document.documentElement.requestFullscreen().catch(() => {});
            }
            setTriggerValue("full", !full);
        }
    };
    const onFullscreen = () => {
        // Esc leaves the browser's full screen: leave the presenting full screen with it
        if (full && !document.fullscreenElement) setTriggerValue("full", false);
    };
    if (full && document.fullscreenEnabled && !document.fullscreenElement) {
        // the button press that got here may still count as the person's gesture
        document.documentElement.requestFullscreen().catch(() => {});
    } else if (!full && document.fullscreenElement) {
        document.exitFullscreen().catch(() => {});
    }
    const detach = () => {
        clearTimeout(timer);
        document.removeEventListener("keydown", onKey);
        document.removeEventListener("fullscreenchange", onFullscreen);
        window.removeEventListener("resize", onResize);
    };
    if (detachLast) detachLast();
    detachLast = detach;
    document.addEventListener("keydown", onKey);
    document.addEventListener("fullscreenchange", onFullscreen);
    window.addEventListener("resize", onResize);
    document.documentElement.dataset.presentKeys = "ready";  // for tests: keys are heard
    // a rerun can mount the new copy before the old copy's cleanup: only the copy still in
    // charge takes the style sheet and the ready mark away (when the page goes)
    return () => {
        detach();
        if (detachLast === detach) {
            detachLast = null;
            delete document.documentElement.dataset.presentKeys;
            sheet.remove();
        }
    };
}
"""

_COMPONENT = st.components.v2.component("landscape_present", js=_JS)

#: Large type for the back of the room (fixed CSS: no data goes into it). The page starts
#: under the (empty, see-through) header, and the data notice is set small: a laptop's 768 px
#: (614 at 125%) keep the room for the slide. Elements of no height (this page's keys, the
#: document's language) stand out of the page's flow, so no gap opens around them. The heights
#: in dashboard/present/screen.py are measured with this sheet.
_STYLE = """
[data-testid="stMainBlockContainer"] { padding-top: 3rem !important; }
header[data-testid="stHeader"] { background: transparent; }
.st-key-present_keys, .st-key-document_language { position: absolute; width: 0; height: 0; }
[data-testid="stMain"] [data-testid="stAlert"] [data-testid="stAlertContainer"] {
    padding: 0.4rem 0.75rem;
}
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: 0.8rem; line-height: 1.35; }
.st-key-present_slide h1 {
    font-size: clamp(1.5rem, 2.2vw, 2.75rem); line-height: 1.2; padding: 0.25rem 0 0.5rem;
}
[class*="st-key-present_value_"] p {
    font-size: clamp(2.25rem, 4.2vw, 5rem); font-weight: 700; line-height: 1.05;
    color: #0072B2; margin: 0;
}
[class*="st-key-present_label_"] p { font-size: clamp(1.15rem, 1.6vw, 1.6rem); font-weight: 700; }
[class*="st-key-present_detail_"] p, .st-key-present_message p {
    font-size: clamp(1rem, 1.3vw, 1.3rem); color: #4A4F55;
}
.st-key-present_footer p { font-size: 1rem; color: #4A4F55; margin: 0; }
[class*="st-key-present_quote_"] [data-testid="stText"] {
    font-size: clamp(1.1rem, 1.55vw, 1.6rem); line-height: 1.3; font-style: italic;
}
[class*="st-key-present_who_"] [data-testid="stText"], .st-key-present_caption [data-testid="stText"] {
    font-size: clamp(0.9rem, 1.1vw, 1.1rem); color: #4A4F55;
}
.st-key-present_where p { font-size: 1.1rem; line-height: 1.2; margin: 0; }
.st-key-present_where [data-testid="stMarkdownContainer"] { margin-bottom: 0; }
"""
#: Full screen: the audience sees the slide alone. No Streamlit header or sidebar; the slide
#: starts at the top of the window; the way out is one small control in the top right corner
#: (the slide's number small in the top left),
#: quiet until the pointer or the focus is on it, yet still 5:1 against the white (a
#: control people must find meets the contrast of text); Esc leaves too.
_FULL = """
header[data-testid="stHeader"], section[data-testid="stSidebar"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 0.5rem !important; }
.st-key-present_exit { position: fixed; top: 0.25rem; right: 0.5rem; z-index: 1000; width: auto; }
.st-key-present_exit button { opacity: 0.7; min-height: 1.75rem; padding: 0 0.4rem; }
.st-key-present_exit button:hover, .st-key-present_exit button:focus-visible { opacity: 1; }
.st-key-present_number { position: fixed; top: 0.4rem; left: 0.75rem; z-index: 1000; width: auto; }
.st-key-present_number p { font-size: 0.85rem; color: #4A4F55; margin: 0; }
"""


def sidebar_state(url_path: str) -> Literal["collapsed", "auto"]:
    """The page config's sidebar state for a page: folded away while presenting; elsewhere
    open on a wide window and folded on a phone (Streamlit's "auto"), so a phone opens on the
    page, not on the menu."""
    return "collapsed" if url_path == PAGE else "auto"


def is_full_screen(url_path: str | None = None) -> bool:
    on = bool(st.session_state.get(FULL_KEY, False))
    return on if url_path is None else on and url_path == PAGE


def toggle_full_screen() -> None:
    st.session_state[FULL_KEY] = not st.session_state.get(FULL_KEY, False)


def mount(full: bool, notice: bool, on_step: Callable[[str], None]) -> Screen:
    """The page's style sheet; slide keys listened for anywhere on the page (not while typing
    in a field), F for full screen only while the focus is in the slide; the window's size.
    `notice`: the data notice is shown above the slide."""

    def stepped() -> None:
        step = (st.session_state.get(KEYS_KEY) or {}).get("step")
        if step:
            on_step(str(step))

    def toggled() -> None:
        wanted = (st.session_state.get(KEYS_KEY) or {}).get("full")
        if wanted is not None:
            st.session_state[FULL_KEY] = bool(wanted)

    state = st.session_state.get(KEYS_KEY) or {}
    # the size the page shell noted as the page loaded (dashboard/serving/page_shell.py); without it (a
    # browser that refuses cookies) a 1080p projector. The browser is told which size was used
    # and reports its own only when it differs, so a first visit takes one run, not two
    viewport = (
        state.get("viewport")
        or page_shell.viewport(st.context.cookies.get(page_shell.VIEWPORT_COOKIE))
        or dict(ASSUMED_VIEWPORT)
    )
    result = _COMPONENT(
        data={"full": full, "css": _STYLE + (_FULL if full else ""), "viewport": viewport},
        key=KEYS_KEY,
        on_step_change=stepped,
        on_full_change=toggled,
        on_viewport_change=lambda: None,
    )
    viewport = getattr(result, "viewport", None) or viewport
    try:
        width, height = int(viewport["width"]), int(viewport["height"])
    except (KeyError, TypeError, ValueError):  # a size the browser sent badly
        width, height = ASSUMED_VIEWPORT["width"], ASSUMED_VIEWPORT["height"]
    return Screen(width, height, full, notice)
