"""Map: Wales's councils or health boards coloured by a chosen measure for the filter, with
the national bodies beside them."""

from __future__ import annotations

from dashboard.map.ui import sections

page = sections.open_map_page()
choices = sections.choose(page.version)
view = sections.view_of(page, choices)
chosen = sections.chosen_areas(view, page.flt)
sections.show_points(view, choices)
sections.about(view, choices)
sections.draw_map(view, choices, page, chosen)
sections.choose_area(view, chosen)
sections.areas_table(view, page)
sections.national(view, page)
