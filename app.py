"""Entry point: page configuration, the store check, the shared notice, and navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.common.i18n import t
from dashboard.present.ui import presenting
from dashboard.ui import admin, filter_panel, language, page_style, sticky_query, store
from dashboard.ui.banner import invented_data_notice

FAVICON = Path(__file__).resolve().parent / "dashboard" / "ui" / "favicon.png"

# No page_title here: each st.Page's own title becomes the document title. The sidebar state
# is set once the page is known (below). The icon is the app's own file: a Material icon here
# would be fetched from Google's font CDN by every browser (the app asks no other host).
st.set_page_config(page_icon=str(FAVICON), layout="wide")

language.prepare()  # before any text: the page titles below follow the language
# the default page lives at "/"; "/overview" (a link typed or kept from the page's own name)
# is a hidden page that sends the reader there with the link's filter, not a "not found"
overview = st.Page(
    "pages/overview.py",
    title=t("Overview"),
    icon=":material/dashboard:",
    url_path="home",
    default=True,
)


def _to_overview() -> None:
    st.switch_page(overview, query_params=sticky_query.all_params())


#: The page menu: each section's pages as (script, title, icon, address).
MENU = (
    (
        t("Explore"),
        (
            ("pages/catalogue.py", t("Service catalogue"), "list_alt", "catalogue"),
            ("pages/organisation.py", t("Organisation"), "apartment", "organisation"),
        ),
    ),
    (
        t("Insight"),
        (
            ("pages/themes.py", t("Challenges and aims"), "report", "themes"),
            ("pages/prioritise.py", t("Prioritise"), "low_priority", "prioritise"),
            ("pages/availability.py", t("Data availability"), "data_alert", "data-availability"),
            ("pages/technology.py", t("Technology landscape"), "dns", "technology"),
            ("pages/join_up.py", t("Join up"), "hub", "join-up"),
            ("pages/map.py", t("Map"), "map", "map"),
            ("pages/trends.py", t("Trends"), "trending_up", "trends"),
        ),
    ),
    (t("Surveys"), (("pages/survey.py", t("Survey"), "edit_note", "survey"),)),
    (t("Show and tell"), (("pages/present.py", t("Present"), "slideshow", "present"),)),
    (t("Data"), (("pages/data.py", t("Data"), "database", "data"),)),
    (
        t("About"),
        (
            ("pages/method.py", t("Method"), "functions", "method"),
            (
                "pages/accessibility.py",
                t("Accessibility statement"),
                "accessibility_new",
                "accessibility",
            ),
        ),
    ),
)
pages = {
    section: [
        st.Page(script, title=title, icon=f":material/{icon}:", url_path=path)
        for script, title, icon, path in entries
    ]
    for section, entries in MENU
}
pages[t("Explore")].insert(0, overview)
pages[t("About")].append(
    st.Page(_to_overview, title=t("Overview"), url_path="overview", visibility="hidden")
)
navigation = st.navigation(pages)
if navigation.url_path == "overview":
    _to_overview()
# one sidebar state per run, for this page: the Present page folds it away. (Expanded here and
# collapsed by the page in the same run made the folded sidebar spring open now and then.)
st.set_page_config(initial_sidebar_state=presenting.sidebar_state(navigation.url_path))
# a survey is one service's form, the Data page imports and exports, the statement and the
# method are text, an organisation's profile compares it with every peer: none of them has
# the catalogue filter (the profile's `?org=` is its own choice, not the filter's)
uses_filter = navigation.url_path not in (
    "survey",
    "data",
    "accessibility",
    "method",
    "organisation",
)
sticky_query.restore(navigation.url_path, carries=uses_filter)

try:  # the shared link parameters are noted as each part writes them, and once more at the end
    page_style.apply()
    language.render()
    admin.show_sign_in_outcome()
    version = store.require_store(st.session_state.get("data_version"))
    st.session_state["data_version"] = version
    store.warm_renderer()
    if not presenting.is_full_screen(navigation.url_path):  # the slides' footer says it instead
        invented_data_notice(store.guarded(store.dataset_info, version))
    if uses_filter:
        filter_panel.render(version)
    navigation.run()
finally:
    sticky_query.remember()
