"""Welsh and English: the catalogues are complete, messages are looked up as written, and the
language switch lives in the URL."""

from __future__ import annotations

import pytest

from dashboard.common import i18n, translation_checks
from dashboard.common.i18n import local_name, t, term, tn, using
from db.vocabulary import SECTORS


def test_every_message_in_the_code_has_welsh() -> None:
    missing = translation_checks.missing_welsh()
    assert not missing, "messages with no Welsh:\n" + "\n".join(map(str, missing[:40]))


def test_no_interface_text_skips_the_translation() -> None:
    found = translation_checks.untranslated_text(translation_checks.ui_files())
    assert not found, "text passed to Streamlit without t():\n" + "\n".join(map(str, found))


def test_a_message_means_the_same_in_every_catalogue_file() -> None:
    assert translation_checks.conflicting_welsh() == []


def test_messages_are_literals_the_catalogue_can_find() -> None:
    found = translation_checks.non_literal_messages()
    assert not found, "t()/tn() with a computed message:\n" + "\n".join(map(str, found))


def test_the_checks_catch_what_they_are_for(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "sample.py"
    page.write_text(
        "import streamlit as st\n"
        "from dashboard.common.i18n import t\n"
        'st.title("Untranslated heading")\n'
        'st.button(t("Reset filter"), help="Bare help")\n'
        'st.caption(f"{3} · {4}")\n'  # no words: fine
        'st.caption("Cymraeg")  # not translated: the name of the language\n'
        "name = 'x'\n"
        'st.markdown(t(f"Hello {name}"))\n'
    )
    bare = translation_checks.untranslated_text([page], root=tmp_path)
    assert [(f.line, f.text) for f in bare] == [
        (3, "'Untranslated heading'"),
        (4, "'Bare help'"),
    ]
    (tmp_path / "dashboard").mkdir()
    (tmp_path / "db").mkdir()
    (tmp_path / "app.py").write_text("")
    computed = translation_checks.non_literal_messages(root=tmp_path)
    assert [f.line for f in computed] == [8]


def test_the_check_reads_lists_options_columns_and_text_keywords(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "sample.py"
    lines = [
        'a, b = st.tabs(["Import", t("Export")])',
        'st.radio(t("Show"), ["Numbers", "Shares"])',
        'st.selectbox(t("Pick"), options=("One", "Two"))',
        'st.dataframe(f, column_config={"code": st.column_config.TextColumn("Code")})',
        'st.column_config.NumberColumn(t("Users"), help="How many")',
        'st.column_config.SelectboxColumn(t("Level"), options=["Low", "High"])',
        'column.text_input(t("Name"), placeholder="e.g. Rhian")',
        'st.expander(t("More")).caption("Note")',
        'st.Page("pages/x.py", title="Overview")',
        'st.segmented_control(t("Mode"), ["n", "s"], format_func={"n": "Numbers"}.get)',
        'st.pills(t("Mode"), ["n"], format_func=lambda c: "Yes" if c else t("No"))',
        'st.info("{n} services".format(n=3))',
        'st.metric(t("Users"), 3, help="Per year " + t("in total"))',
        'st.column_config.LinkColumn(t("Details"), display_text="Open")',
        # fine: translated, codes with a format_func, paths, icons, keys, no words
        'st.selectbox(t("Pick"), ["health", "nhs"], format_func=names.get, key="sector")',
        'st.page_link("pages/catalogue.py", label=t("Catalogue"), icon=":material/list:")',
        'st.tabs([t("Import"), t("Export")])',
        'st.radio(t("Scale"), [1, 2, 3], help=t("Higher is worse"))',
        'st.dataframe(f, column_config={"code": st.column_config.TextColumn(width=80)})',
        'st.caption(" · ".join(parts))',
    ]
    page.write_text("\n".join(lines) + "\n")
    bare = translation_checks.untranslated_text([page], root=tmp_path)
    assert sorted(f.line for f in bare) == list(range(1, 15))
    assert {f.text for f in bare} >= {"['Import', t('Export')]", "'Code'", "'e.g. Rhian'"}


def test_extraction_reads_messages_without_false_f_string_warnings(tmp_path, capfd) -> None:  # type: ignore[no-untyped-def]
    """A formatted value given to a placeholder is fine; a formatted message is a problem,
    reported by the check (not by a warning drowned among false ones)."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "dashboard").mkdir()
    (tmp_path / "db").mkdir()
    (tmp_path / "app.py").write_text('t("Home")\n')
    (tmp_path / "pages" / "sample.py").write_text(
        "n = 3\n"
        't("{n} services", n=f"{n:,}")\n'
        'tn("{n} row", "{n} rows", n, total=f"{n:,}", label=t("Rows"))\n'
        't(f"Hello {n}")\n'
    )
    catalog = translation_checks.extract(root=tmp_path)
    assert {m.id for m in catalog if m.id} == {
        "Home",
        "{n} services",
        ("{n} row", "{n} rows"),
        "Rows",
    }
    assert capfd.readouterr().err == ""
    computed = translation_checks.non_literal_messages(root=tmp_path)
    assert [(f.path, f.line) for f in computed] == [("pages/sample.py", 4)]


def test_the_check_command_passes_without_false_warnings(capfd) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from dashboard.cli import app

    result = CliRunner().invoke(app, ["i18n", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("Every message has Welsh.")
    assert "warning" not in result.output + capfd.readouterr().err


def test_english_is_the_message_itself_and_welsh_comes_from_the_catalogue() -> None:
    assert t("Reset filter") == "Reset filter"
    with using("cy"):
        assert t("Reset filter") == "Ailosod yr hidlydd"
        assert t("From {low} to {high}", low="1", high="2") == "O 1 i 2"
        assert t("A message nobody translated") == "A message nobody translated"
    assert i18n.language() == "en"


def test_vocabulary_and_data_names_follow_the_language() -> None:
    assert term(SECTORS, "health") == "Health"
    assert local_name("Cardiff Council", "Cyngor Caerdydd") == "Cardiff Council"
    with using("cy"):
        assert term(SECTORS, "health") == "Iechyd"
        assert local_name("Cardiff Council", "Cyngor Caerdydd") == "Cyngor Caerdydd"
        # no Welsh name: the English one, marked so nobody takes it for a translation
        assert local_name("Wales Council for Voluntary Action", None) == (
            "Wales Council for Voluntary Action (yn Saesneg yn unig)"
        )
        assert local_name("Age Cymru", float("nan")).endswith("(yn Saesneg yn unig)")


@pytest.mark.parametrize(
    ("n", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 0), (6, 4), (11, 0), (100, 0)]
)
def test_welsh_plural_forms_follow_babels_rule(n: int, form: int) -> None:
    assert i18n.welsh_plural_form(n) == form


def test_plural_messages_pick_the_form_for_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    forms = ("{n} gwasanaeth", "{n} gwasanaeth (un)", "{n} wasanaeth", "{n} gwasanaeth", "{n} ch")
    fake = {("{n} service", "{n} services"): forms}
    monkeypatch.setattr(i18n, "catalogue", lambda lang="cy": fake)
    assert tn("{n} service", "{n} services", 1) == "1 service"
    assert tn("{n} service", "{n} services", 5) == "5 services"
    with using("cy"):
        assert tn("{n} service", "{n} services", 2) == "2 wasanaeth"
        assert tn("{n} service", "{n} services", 6) == "6 ch"
        assert tn("{n} service", "{n} services", 7) == "7 gwasanaeth"


def test_the_language_is_in_the_url_and_changes_the_interface(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(lang="cy")
    assert at.sidebar.header[0].value == "Hidlydd"
    assert at.query_params["lang"] == "cy"
    switch = at.sidebar.get("button_group")[0]
    switch.set_value("en").run()
    assert not at.exception
    assert at.sidebar.header[0].value == "Filter"
    assert "lang" not in at.query_params


def test_a_page_switch_keeps_filter_weights_and_language(open_app) -> None:  # type: ignore[no-untyped-def]
    """The sidebar navigation empties the URL; the session's view comes back with it."""
    at = open_app(sector="health", lang="cy", w_cost="5")
    at.switch_page("pages/prioritise.py")
    at.query_params.clear()  # what Streamlit's page links do
    at.run()
    assert not at.exception
    assert at.query_params["sector"] == "health" and at.query_params["lang"] == "cy"
    assert at.query_params["w_cost"] == "5"
    assert at.slider(key="weight_cost").value == 5
    assert at.sidebar.header[0].value == "Hidlydd"
    # a link that carries its own filter (a drill-down) wins over the session's filter; the
    # language and the weights it does not name stay
    at.switch_page("pages/catalogue.py")
    at.query_params.clear()
    at.query_params["sector"] = "third_sector"
    at.run()
    assert at.query_params["sector"] == "third_sector" and at.query_params["lang"] == "cy"
    assert at.query_params["w_cost"] == "5"
    at.switch_page("pages/prioritise.py")
    at.query_params.clear()
    at.run()
    assert at.query_params["sector"] == "third_sector"
    assert at.slider(key="weight_cost").value == 5


def test_the_accessibility_statement_reads_in_welsh(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app("pages/accessibility.py", lang="cy")
    assert at.title[0].value == "Datganiad hygyrchedd"
    headers = [h.value for h in at.header]
    assert "Pa mor hygyrch yw'r gwasanaeth hwn" in headers
    assert "Gweithdrefn orfodi" in headers
    text = " ".join(m.value for m in at.markdown)
    assert "stSidebarNavItems" not in text and "“list”" in text  # the known problems, named


def test_the_language_link_names_welsh_only() -> None:
    from dashboard.common.i18n import ENGLISH, WELSH, language_from_link, language_link

    assert language_link(ENGLISH) == {}
    assert language_link(WELSH) == {"lang": ["cy"]}
    assert language_from_link(language_link(WELSH)) == WELSH
    assert language_from_link({}) is None
    assert language_from_link({"lang": ["fr"]}) is None
