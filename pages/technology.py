"""Technology landscape: the technology survey across services, and where shared components
would help."""

from __future__ import annotations

from dashboard.common.i18n import t
from dashboard.technology.ui import sections
from dashboard.ui import store
from dashboard.ui.page_opening import open_page

page = open_page(
    t("Technology landscape"),
    t(
        "What the technology survey says across services: hosting and platforms, shared "
        "components, sign-in, security, skills and contracts, and where a shared component "
        "would help."
    ),
    "technology",
    key="technology",
    method=False,  # in "About these figures", under the main points
)
view = store.guarded(store.technology_view, page.version, page.flt, sections.today())

sections.main_points(view)
sections.about(view, page)
topic = sections.choose_topic()
sections.topic(view, topic, page)
