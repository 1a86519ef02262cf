"""What a page's download buttons would give, in AppTest: the file name and the bytes.

A download button's element carries only an id for its file; the name and the data (or the
function that builds it on a click) are registered with Streamlit's media file manager. The
recorder below keeps what each registration was given, so a test can look a button up by its
key and get the file a browser would save.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest


@dataclass
class Download:
    file_name: str | None
    source: Any  # bytes, text, a file-like object, or a function that returns one

    def data(self) -> bytes:
        value = self.source() if callable(self.source) else self.source
        if isinstance(value, io.IOBase):
            value = value.read()
        return value.encode("utf-8") if isinstance(value, str) else bytes(value)


@dataclass
class Downloads:
    files: dict[str, Download] = field(default_factory=dict)

    def of(self, at: AppTest, key: str) -> Download:
        """The file behind the download button with this key, as last drawn."""
        proto = next(d.proto for d in at.get("download_button") if d.proto.id.endswith(f"-{key}"))
        handle = proto.deferred_file_id if proto.HasField("deferred_file_id") else proto.url
        return self.files[handle]

    def file(self, at: AppTest, key: str) -> tuple[str, bytes]:
        """The file name and bytes of the download button with this key."""
        download = self.of(at, key)
        return download.file_name or "", download.data()

    def csv_rows(self, at: AppTest, key: str) -> list[list[str]]:
        """A CSV download's rows (it must start with the byte-order mark Excel needs)."""
        _, data = self.file(at, key)
        assert data.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))

    def xlsx_rows(self, at: AppTest, key: str) -> list[tuple[object, ...]]:
        """The first sheet's rows of an XLSX download."""
        _, data = self.file(at, key)
        book = openpyxl.load_workbook(io.BytesIO(data))
        return list(book.active.iter_rows(values_only=True))


def record_downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """Start recording every file a download button registers (for this test)."""
    downloads = Downloads()
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def recorded_add(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        url = add(self, path_or_data, mimetype, coordinates, file_name, **kwargs)
        downloads.files[url] = Download(file_name, path_or_data)
        return url

    def recorded_deferred(  # type: ignore[no-untyped-def]
        self, data_callable: Callable[[], Any], mimetype, coordinates, file_name=None, **kwargs
    ):
        file_id = add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        downloads.files[file_id] = Download(file_name, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", recorded_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", recorded_deferred)
    return downloads
