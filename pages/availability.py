"""Data availability: which metrics owners could give, and why they could not."""

from __future__ import annotations

from dashboard.availability.ui import sections
from dashboard.common.i18n import t
from dashboard.ui import store
from dashboard.ui.page_opening import open_page

page = open_page(
    t("Data availability"),
    t(
        "Which figures service owners could give, and why not. A missing figure is a finding in "
        "its own right: shared systems and contracts often cannot be split per service."
    ),
    "data-availability",
    key="availability",
    method=False,  # in "About these figures", under the main points
)
view = store.guarded(store.availability_view, page.version, page.flt)

sections.main_points(view)
sections.answering(view, page)
sections.metric_charts(view, page)
sections.one_metric(view, page)
sections.by_organisation(view, page)
sections.missing_key_figures(view, page)
sections.catalogue_fields(page)
