"""The demo's invented owners' words: a share of theme reports carry a note that fits its theme
and kind of body, Welsh only where the service is fully bilingual, the survey's long answers for
a share of responses, and the same words for the same seed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common import queries
from dashboard.themes import owners_words as words
from db.demo import owners_words as demo_words
from db.demo.draw import demo_plan, draw_catalogue


def _pool(entries: tuple[tuple[str, str, str, str], ...]) -> dict[str, set[tuple[str, str]]]:
    """Each text of the pool: the theme or question it is for, and the kind of body."""
    pool: dict[str, set[tuple[str, str]]] = {}
    for about, group, english, welsh in entries:
        for text in (english, welsh):
            pool.setdefault(text, set()).add((about, group))
    return pool


def test_the_demo_notes_fit_their_theme_and_body(demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = queries.load_services(demo_engine)
    reports = queries.load_memberships(demo_engine).themes
    found = words.load_words(demo_engine)
    notes = found[found["origin"] == "note"]
    share = len(notes) / len(reports)
    assert 0.2 < share < 0.4, share  # a believable share, not every report
    pool = _pool(demo_words.NOTES)
    welsh = {cy for _, _, _, cy in demo_words.NOTES}
    sector = services["sector"].astype(str)
    provision = services["welsh_provision"].astype(str)
    for service, theme, text in zip(
        notes["service_id"], notes["theme"].astype(str), notes["text"].astype(str), strict=True
    ):
        body = demo_words.GROUPS[sector[service]]
        fits = pool[text]
        assert (theme, body) in fits or (theme, demo_words.ANY) in fits, (theme, body, text)
        if text in welsh:
            assert provision[service] == "full"
    in_welsh = notes["text"].astype(str).isin(welsh)
    assert 0 < in_welsh.sum() < len(notes)


def test_the_demo_answers_the_long_questions_for_a_share(demo_engine) -> None:  # type: ignore[no-untyped-def]
    found = words.load_words(demo_engine)
    answers = found[found["origin"] == "survey"]
    assert set(answers["question"].astype(str)) == {"other_challenges", "most_helpful"}
    pool = _pool(demo_words.ANSWERS)
    for question, text in zip(
        answers["question"].astype(str), answers["text"].astype(str), strict=True
    ):
        assert question in {about for about, _ in pool[text]}
    assert {"draft", "submitted"} >= set(answers["status"].astype(str))


def test_the_same_seed_gives_the_same_words() -> None:
    def drawn(seed: int) -> pd.Series:
        rng = np.random.default_rng(1)
        frames = draw_catalogue(rng, *demo_plan(rng))
        demo_words.add_theme_notes(frames, seed)
        return frames.themes["note"]

    first, again, other = drawn(2024), drawn(2024), drawn(7)
    assert first.equals(again)
    assert not first.equals(other)
    assert first.notna().any()
