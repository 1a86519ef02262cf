"""Join up: each service type across the organisations that run it, and where a shared
solution would reach most."""

from __future__ import annotations

from dashboard.common.i18n import t
from dashboard.join_up.figures import ordered
from dashboard.join_up.ui import sections
from dashboard.ui import store
from dashboard.ui.page_opening import open_page

page = open_page(
    t("Join up"),
    t(
        "The same service run by many organisations: their digitisation levels side by side, "
        "the ones to learn from, the platforms they report, and where a shared solution would "
        "reach most."
    ),
    "join-up",
    key="join_up",
    method=False,  # in "About these figures", under the main points
)
view = store.guarded(store.join_up_view, page.version, page.flt, sections.today())
order = sections.choose_order()
sections.main_points(view, order)
sections.about(view, page)
rows = ordered(view.table, order, shared_only=sections.shared_only())
if rows.empty:
    sections.no_shared()
else:
    sections.levels_chart(view, rows, page)
    sections.types_list(rows, page)
    sections.drill(view, rows, page)
