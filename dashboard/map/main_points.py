"""The Map page's main points: which area is highest and lowest, with the services behind
each figure, how many areas have too few services to show, and the national bodies."""

from __future__ import annotations

from dashboard.common.disclosure import THRESHOLD
from dashboard.common.i18n import t, tn
from dashboard.map.figures import MapView, area_names, measure_phrase, n_of_m, percent


def main_points(view: MapView, challenge_name: str = "") -> list[str]:
    areas = view.areas
    phrase = measure_phrase(view.measure, challenge_name)
    shown = areas[areas["share"].notna()]
    names = dict(zip(areas["code"], area_names(areas), strict=True))
    points: list[str] = []
    if shown.empty:
        points.append(
            t(
                "No area has {n} or more services counted under this filter, so the map "
                "shows no figure.",
                n=THRESHOLD,
            )
        )
    else:
        ordered = shown.sort_values(["share", "counted"], ascending=[False, False], kind="stable")
        high = ordered.iloc[0]
        points.append(
            t(
                "Highest: {area}, {share} of {phrase}: {of}.",
                area=names[high["code"]],
                share=percent(float(high["share"])),
                phrase=phrase,
                of=n_of_m(int(high["hit"]), int(high["counted"])),
            )
        )
        if len(ordered) > 1:
            low = ordered.iloc[-1]
            points.append(
                t(
                    "Lowest: {area}, {share} ({of}).",
                    area=names[low["code"]],
                    share=percent(float(low["share"])),
                    of=n_of_m(int(low["hit"]), int(low["counted"])),
                )
            )
        hit, counted = int(shown["hit"].sum()), int(shown["counted"].sum())
        points.append(
            tn(
                "Across the {areas} area with a figure: {share} ({of}).",
                "Across the {areas} areas with a figure: {share} ({of}).",
                len(shown),
                areas=len(shown),
                share=percent(hit / counted),
                of=n_of_m(hit, counted),
            )
        )
    small = int(areas["small"].sum())
    if small:
        points.append(
            tn(
                "{n} area has fewer than {threshold} services counted: hatched, not shown as "
                "a figure.",
                "{n} areas have fewer than {threshold} services counted: hatched, not shown "
                "as a figure.",
                small,
                n=small,
                threshold=THRESHOLD,
            )
        )
    national = view.national
    counted = int(national["counted"].sum())
    if counted >= THRESHOLD:
        hit = int(national["hit"].sum())
        points.append(
            tn(
                "National bodies, listed under the map ({n} organisation): {share} ({of}).",
                "National bodies, listed under the map ({n} organisations): {share} ({of}).",
                len(national),
                n=len(national),
                share=percent(hit / counted),
                of=n_of_m(hit, counted),
            )
        )
    return points
