"""The Data page driven through its widgets: locked without the credential, then sign in,
upload, map, check, import, history; in English and Welsh."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from dashboard.common.i18n import using
from dashboard.common.markdown_text import plain
from dashboard.importing.mapping import saved_mappings
from tests.app_downloads import record_downloads
from tests.import_files import snapshot

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SECRET = "correct-horse-battery-staple"


@pytest.fixture
def data_db(real_copy: Engine) -> Engine:
    return real_copy


def _open(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return at


def _map_box(at: AppTest, column: str) -> Selectbox:
    """The mapping choice of a file column, found by the column's name (its label)."""
    return next(
        b for b in at.selectbox if str(b.key).startswith("data_map_") and b.label == plain(column)
    )


def _signed_in(monkeypatch: pytest.MonkeyPatch, lang: str | None = None) -> AppTest:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    at = _open(lang)
    at.text_input(key="data_credential").input("not the right one")
    at.button[0].click().run()
    assert at.error and all(u.key != "data_upload" for u in at.file_uploader)
    at.text_input(key="data_credential").input(SECRET)
    at.button[0].click().run()
    assert not at.exception
    return at


def test_without_a_credential_the_page_says_how_to_get_access(data_db: Engine) -> None:
    at = _open()
    assert at.title[0].value == "Data"
    assert any("switched off on this server" in w.value for w in at.warning)
    assert not at.file_uploader


def test_sign_in_upload_map_check_import_and_see_the_history(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    csv = (
        "Org code,Enw (Saesneg),Sector,Math o sefydliad\r\n"
        "new-org,New body ŵ,Cyngor,Prif gyngor\r\n"
        "new-2,Second,Quango,Charity\r\n"
    )
    at.file_uploader(key="data_upload").upload("orgs.csv", csv.encode(), "text/csv").run()
    assert not at.exception
    assert at.selectbox(key="data_entity_orgs").value == "organisations"
    assert _map_box(at, "Enw (Saesneg)").value == "name_en"
    preview = at.dataframe[0].value
    assert preview.iloc[0]["Enw (Saesneg)"] == "New body ŵ"
    # the value label nobody knows: first check reports it, then the steward maps it
    at.button(key="data_check").click().run()
    assert any("must be fixed" in e.value for e in at.error)
    report = next(d.value for d in at.dataframe if "What to do" in d.value.columns)
    assert report.iloc[0]["Row"] == 3 and report.iloc[0]["Value"] == "Quango"
    assert at.button(key="data_commit").disabled
    value_box = next(s for s in at.selectbox if s.key.startswith("data_value_sector"))
    value_box.set_value("arms_length_body").run()
    at.button(key="data_check").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New"] == "2" and metrics["Rows with problems"] == "0"
    at.button(key="data_commit").click().run()
    assert not at.exception
    assert any("2 added" in s.value for s in at.success)
    with data_db.connect() as connection:
        rows = dict(
            connection.execute(
                text("SELECT code, sector FROM organisation WHERE code IN ('new-org', 'new-2')")
            ).all()
        )
    assert rows == {"new-org": "local_authority", "new-2": "arms_length_body"}
    history = next(d.value for d in at.dataframe if "Who" in d.value.columns)
    assert history.iloc[0]["Who"] == "Rhian" and history.iloc[0]["Added"] == 2


def test_a_bad_file_is_explained_and_nothing_can_be_imported(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    at.file_uploader(key="data_upload").upload("catalogue.csv", b"\x89PNG\r\n\x1a\n\x00\x00").run()
    assert not at.exception
    assert any("PNG file" in e.value for e in at.error)
    assert all(b.key != "data_check" for b in at.button)


def test_only_the_valid_rows_when_the_steward_chooses_so(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    csv = "code,name_en,sector,org_type\r\nv1,Valid,LA,Charity\r\nv2,Bad,,Charity\r\n"
    at.file_uploader(key="data_upload").upload("orgs.csv", csv.encode(), "text/csv").run()
    at.button(key="data_check").click().run()
    assert at.button(key="data_commit").disabled
    at.checkbox(key="data_valid_only").check().run()
    at.button(key="data_commit").click().run()
    assert any("1 added" in s.value and "1 left out" in s.value for s in at.success)


def test_the_page_speaks_welsh(data_db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _signed_in(monkeypatch, lang="cy")
    assert at.title[0].value == "Data"
    labels = [tab.label for tab in at.tabs]
    assert labels == [
        "Mewnforio",
        "Hanes mewnforio",
        "Allforio",
        "Rowndiau",
        "Pobl a rolau",
        "Trywydd archwilio",
    ]
    assert at.text_input(key="data_who").label == "Eich enw"


def _organisations(engine: Engine, codes: tuple[str, ...]) -> dict[str, tuple]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT code, name_en, name_cy, abbreviation, sector, org_type FROM organisation "
                "WHERE code IN :codes"
            ).bindparams(bindparam("codes", expanding=True)),
            {"codes": list(codes)},
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


MAPPED_COLUMNS = ["ID", "Organisation", "Sector", "Type", "Enw", "Short name"]
MAPPED_HEADER = ",".join(MAPPED_COLUMNS) + "\r\n"


def test_the_steward_corrects_the_mapping_saves_it_and_reuses_it_for_the_next_file(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    first = MAPPED_HEADER + "m1,Mapped One,Quango,Charity,Un wedi'i fapio ŵ,internal note\r\n"
    at.file_uploader(key="data_upload").upload("bodies-2024.csv", first.encode(), "text/csv")
    at.run()
    assert not at.exception
    # matched from the names: ID, Organisation, Sector, Type, "Short name", and "Enw" (Welsh
    # for "Name") beside an English name column is the Welsh name
    proposed = [_map_box(at, column).value for column in MAPPED_COLUMNS]
    assert proposed == ["code", "name_en", "sector", "org_type", "name_cy", "abbreviation"]
    # "Short name" holds internal notes: leave it out
    _map_box(at, "Short name").set_value("").run()
    value_box = next(s for s in at.selectbox if s.key.startswith("data_value_sector_"))
    assert value_box.label == "“Quango” (one row)"
    value_box.set_value("arms_length_body").run()
    at.text_input(key="data_mapping_name").input("Bodies list")
    at.button(key="data_mapping_save").click().run()
    assert any("Saved as “Bodies list”" in s.value for s in at.success)
    saved = saved_mappings(data_db, "organisations")
    assert [m.name for m in saved] == ["Bodies list"]
    assert saved[0].columns == {
        "ID": "code",
        "Organisation": "name_en",
        "Sector": "sector",
        "Type": "org_type",
        "Enw": "name_cy",
    }
    assert saved[0].values == {"sector": {"Quango": "arms_length_body"}}
    assert saved[0].left_out == ["Short name"]
    at.button(key="data_check").click().run()
    at.button(key="data_commit").click().run()
    assert any("1 added" in s.value for s in at.success)
    assert _organisations(data_db, ("m1",)) == {
        "m1": ("Mapped One", "Un wedi'i fapio ŵ", None, "arms_length_body", "charity")
    }

    # the next file of the same shape, in a new session: choose the saved mapping by name
    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    second = MAPPED_HEADER + (
        "m1,Mapped One,Quango,Charity,Un wedi'i fapio ŵ,changed note\r\n"
        "m2,Mapped Two,Quango,Charity,Dau wedi'i fapio,another note\r\n"
    )
    at.file_uploader(key="data_upload").upload("bodies-2025.csv", second.encode(), "text/csv")
    at.run()
    assert _map_box(at, "Short name").value == "abbreviation"  # automatic again
    assert at.selectbox(key="data_saved_organisations").options == [
        "None: match the columns automatically",
        "Bodies list",
    ]
    at.selectbox(key="data_saved_organisations").set_value("Bodies list").run()
    assert not at.exception
    chosen = [_map_box(at, column).value for column in MAPPED_COLUMNS]
    assert chosen == ["code", "name_en", "sector", "org_type", "name_cy", ""]
    assert not any(s.key.startswith("data_value_sector_") for s in at.selectbox)
    at.button(key="data_check").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["New"], metrics["Unchanged"], metrics["Rows with problems"]) == ("1", "1", "0")
    at.button(key="data_commit").click().run()
    assert any("1 added" in s.value and "1 unchanged" in s.value for s in at.success)
    assert _organisations(data_db, ("m1", "m2")) == {
        "m1": ("Mapped One", "Un wedi'i fapio ŵ", None, "arms_length_body", "charity"),
        "m2": ("Mapped Two", "Dau wedi'i fapio", None, "arms_length_body", "charity"),
    }


def test_a_200_megabyte_upload_is_refused_before_it_is_read(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size is checked from what the upload says, before its bytes are read."""
    from streamlit.runtime.uploaded_file_manager import UploadedFile

    at = _signed_in(monkeypatch)
    before = snapshot(data_db)

    def never(self) -> bytes:  # type: ignore[no-untyped-def]
        raise AssertionError("the upload was read before its size was checked")

    monkeypatch.setattr(UploadedFile, "getvalue", never)
    monkeypatch.setattr(UploadedFile, "read", never)
    huge = bytes(200 * 1024 * 1024)  # zero pages: costs no time until something reads them
    at.file_uploader(key="data_upload").upload("catalogue.csv", huge, "text/csv").run()
    assert not at.exception, at.exception
    error = " ".join(e.value for e in at.error)
    assert "The file is 200 MB; the largest file the import takes is 50 MB" in error
    assert "Split the rows into several files" in error
    assert all(b.key != "data_check" for b in at.button)
    assert snapshot(data_db) == before


DOWNLOADS = (
    "data_report_csv",
    "data_rejected_csv",
    "data_mapping_download",
    "data_export_zip",
    "data_export_xlsx",
)


def _check_a_file_with_a_problem(at: AppTest) -> AppTest:
    at.text_input(key="data_who").input("Rhian")
    csv = "code,name_en,sector,org_type\r\nv1,Valid,LA,Charity\r\nv2,Bad,Pigeon,Charity\r\n"
    at.file_uploader(key="data_upload").upload("cyrff.csv", csv.encode(), "text/csv").run()
    at.button(key="data_check").click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "names", "header"),
    [
        (
            "en",
            ["import-report.csv", "import-rows-left-out.csv", "mapping-organisations.json"],
            "Row,Column,Value,Severity,Problem,What to do",
        ),
        (
            "cy",
            ["adroddiad-mewnforio.csv", "rhesi-heb-eu-mewnforio.csv", "mapio-sefydliadau.json"],
            "Rhes,Colofn,Gwerth,Difrifoldeb,Problem,Beth i'w wneud",
        ),
    ],
)
def test_every_download_is_named_and_written_in_the_language_of_the_page(
    data_db: Engine,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    names: list[str],
    header: str,
) -> None:
    downloads = record_downloads(monkeypatch)
    with using(lang):  # AppTest formats labels again in the test's thread: as the server does
        at = _check_a_file_with_a_problem(_signed_in(monkeypatch, lang=lang))
    files = {key: downloads.of(at, key) for key in DOWNLOADS}
    assert [files[key].file_name for key in DOWNLOADS[:3]] == names
    stem = "allforio-tirwedd" if lang == "cy" else "landscape-export"
    for key, ending in (("data_export_zip", "zip"), ("data_export_xlsx", "xlsx")):
        assert re.fullmatch(rf"{stem}-\d{{8}}-\d{{4}}\.{ending}", str(files[key].file_name))
    # the files are built on the click, outside the page's run: still in the page's language
    report = files["data_report_csv"].data().decode("utf-8-sig").splitlines()
    assert report[0] == header
    assert "Pigeon" in report[1] and ("Gwall" if lang == "cy" else "Error") in report[1]
    rejected = files["data_rejected_csv"].data().decode("utf-8-sig")
    assert "v2" in rejected and "v1" not in rejected
    mapping = json.loads(files["data_mapping_download"].data())
    assert mapping["entity"] == "organisations" and mapping["columns"]["code"] == "code"
    with zipfile.ZipFile(io.BytesIO(files["data_export_zip"].data())) as archive:
        assert "organisations.csv" in archive.namelist()


def _open_with_secret(secret: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["admin_token"] = secret
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return at


def _try(at: AppTest, credential: str) -> AppTest:
    at.text_input(key="data_credential").input(credential)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, at.exception
    return at


def test_the_credential_can_come_from_streamlit_secrets(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`admin_token` in .streamlit/secrets.toml, with no environment variable; a secret that is
    set wins over the environment."""
    monkeypatch.delenv("LANDSCAPE_ADMIN_TOKEN", raising=False)
    at = _open_with_secret(SECRET)
    assert not any("switched off" in w.value for w in at.warning)
    assert not any(u.key == "data_upload" for u in at.file_uploader)
    _try(at, "not the right one")
    assert any("not right" in e.value for e in at.error)
    assert not any(u.key == "data_upload" for u in at.file_uploader)
    _try(at, SECRET)
    assert any(u.key == "data_upload" for u in at.file_uploader)

    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", "the-environment-credential")
    at = _try(_open_with_secret(SECRET), "the-environment-credential")
    assert not any(u.key == "data_upload" for u in at.file_uploader)
    _try(at, SECRET)
    assert any(u.key == "data_upload" for u in at.file_uploader)


def test_a_secret_too_short_to_be_safe_keeps_sign_in_switched_off(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANDSCAPE_ADMIN_TOKEN", raising=False)
    at = _open_with_secret("short")
    assert any("switched off on this server" in w.value for w in at.warning)
    assert all(t.key != "data_credential" for t in at.text_input)


NEW_ORGANISATIONS = (
    "Body/Agency,Service name,Stage,Contracting type,Digitisation level,Welsh provision,"
    "Service area\r\n"
    "City of Cardiff Council,Parking permits,long_running,in_house,3,full,parking\r\n"
    "City of Cardiff Council,Parking fines,long_running,in_house,2,full,parking\r\n"
    "Tŷ Hafan Trust,Family support,long_running,in_house,1,full,care\r\n"
)


def _scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar()


def _proposals(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Organisation in the file" in d.value.columns)


def _upload_services(at: AppTest) -> None:
    at.text_input(key="data_who").input("Rhian")
    data = NEW_ORGANISATIONS.encode()
    at.file_uploader(key="data_upload").upload("services.csv", data, "text/csv").run()
    at.selectbox(key="data_entity_services").set_value("services").run()
    assert not at.exception


def test_new_organisations_are_previewed_confirmed_or_taken_as_existing(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    _upload_services(at)
    preview = _proposals(at)
    assert preview["Organisation in the file"].tolist() == [
        "City of Cardiff Council",
        "Tŷ Hafan Trust",
    ]
    assert preview.iloc[0]["Looks like"] == "Cardiff Council (cardiff)"
    assert preview.iloc[1]["Code"] == "ty-hafan-trust"
    at.button(key="data_check").click().run()
    report = next(d.value for d in at.dataframe if "What to do" in d.value.columns)
    grouped = report[report["Problem"].str.contains("not in the catalogue")]
    assert grouped["Value"].tolist() == ["City of Cardiff Council", "Tŷ Hafan Trust"]
    assert at.button(key="data_commit").disabled
    at.selectbox(key="data_org_as_0").set_value("cardiff").run()
    at.selectbox(key="data_org_sector_1").set_value("third_sector").run()
    at.checkbox(key="data_create_organisations").check().run()
    preview = _proposals(at)
    assert preview["What happens"].tolist() == ["taken as cardiff", "created"]
    at.button(key="data_check").click().run()
    assert not any("must be fixed" in e.value for e in at.error)
    assert {m.label: m.value for m in at.metric}["New"] == "4"  # 1 organisation, 3 services
    at.button(key="data_commit").click().run()
    assert not at.exception and any("4 added" in s.value for s in at.success)
    assert _scalar(data_db, "SELECT sector FROM organisation WHERE code = 'ty-hafan-trust'") == (
        "third_sector"
    )
    assert (
        _scalar(
            data_db,
            "SELECT COUNT(*) FROM service s JOIN organisation o ON o.id = s.organisation_id "
            "WHERE o.code = 'cardiff' AND s.code LIKE 'cardiff-parking-%'",
        )
        == 2
    )


def test_real_rows_replace_the_demo_only_when_the_steward_chooses(
    demo_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    assert any("Illustrative data" in w.value for w in at.warning)
    _upload_services(at)
    assert any("replaces the demo" in w.value for w in at.warning)
    at.selectbox(key="data_org_as_0").set_value("cardiff").run()
    at.selectbox(key="data_org_sector_1").set_value("third_sector").run()
    at.checkbox(key="data_create_organisations").check().run()
    at.button(key="data_check").click().run()
    assert at.button(key="data_commit").disabled
    at.checkbox(key="data_replace_demo").check().run()
    preview = _proposals(at)
    assert preview["Looks like"].tolist() == ["", ""]  # the demo's organisations are going
    at.selectbox(key="data_org_sector_0").set_value("local_authority").run()
    at.selectbox(key="data_org_sector_1").set_value("third_sector").run()
    at.button(key="data_check").click().run()
    assert not at.button(key="data_commit").disabled
    at.button(key="data_commit").click().run()
    assert not at.exception
    assert _scalar(demo_copy, "SELECT COUNT(*) FROM service") == 3
    assert _scalar(demo_copy, "SELECT COUNT(*) FROM organisation") == 2
    assert _scalar(demo_copy, "SELECT kind FROM dataset") == "real"
    assert not any("Illustrative data" in w.value for w in at.warning)


def test_a_signed_in_coordinator_opens_a_new_round(
    demo_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    at = _signed_in(monkeypatch)
    submitted = "SELECT count(*) FROM survey_response WHERE status = 'submitted'"
    with demo_copy.connect() as connection:
        assert connection.execute(text(submitted)).scalar_one() > 0
    at.text_input(key="rounds_name_en").input("Review 2027")
    at.text_input(key="rounds_name_cy").input("Adolygiad 2027")
    at.button(key="FormSubmitter:rounds_open-Open the new round").click().run()
    assert any("Tick the box" in w.value for w in at.warning)  # not without saying so
    at.checkbox(key="rounds_sure").check()
    at.button(key="FormSubmitter:rounds_open-Open the new round").click().run()
    assert not at.exception
    assert any("Opened Review 2027. Review 2025 is closed and kept" in s.value for s in at.success)
    with demo_copy.connect() as connection:
        assert connection.execute(text(submitted)).scalar_one() == 0
        codes = connection.execute(text("SELECT code FROM review_round ORDER BY id")).scalars()
        assert list(codes) == ["discovery-2021", "review-2025", "review-2027"]
    # the same name again is refused in words, and nothing changes
    at.text_input(key="rounds_name_en").input("Review 2027")
    at.checkbox(key="rounds_sure").check()
    at.button(key="FormSubmitter:rounds_open-Open the new round").click().run()
    assert any("already a round called “Review 2027”" in e.value for e in at.error)
