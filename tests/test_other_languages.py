"""A language other than English and Welsh is kept in a service's notes, never in the Welsh
fields and never dropped; Welsh columns still go to the Welsh fields."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import pipeline
from dashboard.importing.new_organisations import Choices
from dashboard.importing.other_languages import language_of
from dashboard.importing.reading import read_upload


def test_column_names_say_their_language() -> None:
    assert language_of("Nom du service") == "French"
    assert language_of("Description (FR)") == "French"
    assert language_of("name_fr") == "French"
    assert language_of("Service name (Français)") == "French"
    assert language_of("Enw'r gwasanaeth") is None
    assert language_of("description_cy") is None
    assert language_of("Service name") is None


def test_french_goes_to_the_notes_and_welsh_to_the_welsh_name(sqlite_store: Engine) -> None:
    data = (
        "Organisation,Service name,name_cy,Nom du service,Description,Description (FR),Stage,"
        "Contracting type,Digitisation level,Welsh provision,Service area\r\n"
        "Conwy,Bin collection,Casglu biniau,Collecte des déchets,Weekly bins,Poubelles,"
        "long_running,in_house,2,full,waste\r\n"
    )
    job = pipeline.prepare(read_upload("s.csv", data.encode()), entity="services")
    guided = pipeline.guided_check(
        sqlite_store, job, Choices(create=True, sector="local_authority")
    )
    assert not [p for p in guided.problems() if p.is_error], guided.problems()
    pipeline.guided_run(sqlite_store, guided, "Test")
    with sqlite_store.connect() as connection:
        row = connection.execute(
            text("SELECT name_en, name_cy, description_en, description_cy, notes FROM service")
        ).one()
    assert row[:4] == ("Bin collection", "Casglu biniau", "Weekly bins", None)
    assert row[4] == (
        "French (Nom du service): Collecte des déchets\nFrench (Description (FR)): Poubelles"
    )
