"""The Data page refuses, in words and at once, uploads too large to read: the server and
the session carry on (the next file is read as usual)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from tests import crafted_files as crafted
from tests.test_data_page_mapping_keys import _mapping, _signed_in, data_db

__all__ = ["data_db"]


def test_crafted_uploads_are_refused_in_words_and_the_next_file_reads(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    for name, data, said in (
        ("wide.csv", crafted.wide_csv(), "column 20,000"),
        ("corner.xlsx", crafted.corner_cells(), "column 16,384"),
        ("no-refs.xlsx", crafted.far_row_without_references(), "could not be read"),
    ):
        at.file_uploader(key="data_upload").upload(name, data, "application/octet-stream").run()
        assert not at.exception, name
        assert any(said in e.value for e in at.error), (name, [e.value for e in at.error])
        assert not _mapping(at)  # no column boxes for a file that was not read
    good = "Organisation code,Organisation name,Type\r\nb1,Body One,Charity\r\n"
    at.file_uploader(key="data_upload").upload("good.csv", good.encode(), "text/csv").run()
    assert not at.exception and not at.error
    assert _mapping(at)["Organisation code"] == "code"
