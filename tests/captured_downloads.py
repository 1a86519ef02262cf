"""The files behind an AppTest run's download buttons, built as a click would build them.

Download buttons here build their file only when clicked (`data=callable`); AppTest renders
the button but never clicks it. `capture(monkeypatch)` records each deferred builder as the
script registers it, and `Downloads.file(at, key)` runs the one behind a button.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest


@dataclass
class Downloads:
    builders: dict[str, tuple[str, Callable[[], object]]] = field(default_factory=dict)

    def file(self, at: AppTest, key: str) -> tuple[str, bytes]:
        """The file name and bytes of the download button with `key`, on the last run."""
        proto = next(d.proto for d in at.get("download_button") if d.proto.id.endswith(f"-{key}"))
        name, build = self.builders[proto.deferred_file_id]
        data = build()
        return name, data.encode("utf-8") if isinstance(data, str) else bytes(data)  # type: ignore[arg-type]

    def csv_rows(self, at: AppTest, key: str) -> list[list[str]]:
        _, data = self.file(at, key)
        assert data.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))

    def xlsx_rows(self, at: AppTest, key: str) -> list[tuple[object, ...]]:
        _, data = self.file(at, key)
        book = openpyxl.load_workbook(io.BytesIO(data))
        return list(book.active.iter_rows(values_only=True))


def capture(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    downloads = Downloads()
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        downloads.builders[file_id] = (file_name or "", data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return downloads
