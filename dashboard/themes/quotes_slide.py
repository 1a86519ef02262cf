"""The Present page's optional slide "In owners' words": a handful of short quotes on the most
reported challenge that owners wrote about, each with its service and organisation."""

from __future__ import annotations

from dashboard.common.i18n import t
from dashboard.common.slides import Quote, Slide
from dashboard.themes.owners_words import OwnersWords, counts_of_theme, shorten
from dashboard.themes.tables import ThemesView

#: Quotes on the slide, and the longest one in characters: read aloud in half a minute, and
#: large enough to read from the back of the room.
MOST_QUOTES = 4
LONGEST = 160


def owners_words_slide(
    view: ThemesView,
    words: OwnersWords,
    invented: bool,
    most: int = MOST_QUOTES,
    longest: int = LONGEST,
) -> Slide:
    """Up to `most` quotes (distinct words, one per service, the most severe first) on the
    challenge reported by most matching services among those owners wrote notes on."""
    noted = set(words.table["_theme"].dropna().astype(str))
    ranked = [code for code in view.themes["Code"].astype(str) if code in noted]
    if not ranked:
        return Slide(
            "owners_words",
            t("In owners' words"),
            message=t(
                "No owner of a matching service wrote a note beside a challenge, so there is "
                "nothing to quote."
            ),
        )
    theme = ranked[0]
    row = view.themes[view.themes["Code"].astype(str) == theme].iloc[0]
    of_theme = words.table[words.table["_theme"].astype(object) == theme]
    picked = of_theme.drop_duplicates("Quote").drop_duplicates("Code").head(most)
    quotes = []
    for quote in picked.itertuples(index=False):
        text, cut = shorten(str(quote.Quote), longest)
        quotes.append(Quote(text, f"{quote.Service} · {quote.Organisation}", cut))
    said = counts_of_theme(words, theme)
    parts = [
        t(
            "{quotes}; {shown} shown. “{theme}” is the challenge reported by most matching "
            "services ({n}) that owners wrote about.",
            quotes=said.sentence,
            shown=len(quotes),
            theme=str(row["Theme"]),
            n=f"{int(row['Services']):,}",
        )
    ]
    if any(quote.shortened for quote in quotes):
        parts.append(
            t(
                "Quotes ending in “…” are shortened; the whole words are on the Challenges and "
                "aims page."
            )
        )
    if invented:
        parts.append(t("Invented for the demo data set: no service owner wrote these words."))
    return Slide(
        "owners_words",
        t("In owners' words: {theme}", theme=str(row["Theme"])),
        quotes=quotes,
        caption=" ".join(parts),
        notes=t(
            "The notes owners wrote beside this challenge in the generalist survey or the "
            "catalogue. Read them as examples, not as a count."
        ),
    )
