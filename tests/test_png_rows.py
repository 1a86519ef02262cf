"""Rows added under a PNG without decoding it: the result decodes, strictly, to the image's own
pixels with the rows under them, whether the image's stream ends the way Chromium ends it (its
compressed bytes kept) or not (inflated and deflated again)."""

from __future__ import annotations

import io
import random
import struct
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from dashboard.common import png_rows


def _noise(width: int, height: int, channels: int, seed: int) -> bytes:
    """Pixels that compress poorly, every third row a copy of an earlier one, so the deflate
    refers back."""
    generator = random.Random(seed)
    rows: list[bytes] = []
    for number in range(height):
        if number % 3 == 2:
            rows.append(rows[number - 2])
        else:
            rows.append(bytes(generator.getrandbits(8) for _ in range(width * channels)))
    return b"".join(rows)


def _filtered(pixels: bytes, width: int, channels: int) -> bytes:
    stride = width * channels
    return b"".join(b"\x00" + pixels[row : row + stride] for row in range(0, len(pixels), stride))


def chromium_like(pixels: bytes, width: int, channels: int, chunk_size: int = 4096) -> bytes:
    """A PNG laid out the way Chromium writes a canvas: its stream flushed at the end of the
    rows, then a chunk of only an empty final block and the checksum."""
    raw = _filtered(pixels, width, channels)
    height = len(raw) // (width * channels + 1)
    deflater = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS)
    stream = deflater.compress(raw) + deflater.flush(zlib.Z_SYNC_FLUSH)
    assert stream.endswith(png_rows.FLUSH)
    chunks = [stream[i : i + chunk_size] for i in range(0, len(stream), chunk_size)]
    chunks.append(png_rows.FINAL_EMPTY + struct.pack(">I", zlib.adler32(raw)))
    colour = png_rows.COLOUR_TYPES[channels]
    return b"".join(
        [
            png_rows.SIGNATURE,
            png_rows.chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)),
            *(png_rows.chunk(b"IDAT", body) for body in chunks),
            png_rows.chunk(b"IEND", b""),
        ]
    )


def pillow_made(pixels: bytes, width: int, channels: int) -> bytes:
    mode = "RGBA" if channels == 4 else "RGB"
    image = Image.frombytes(mode, (width, len(pixels) // (width * channels)), pixels)
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "test")
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _stream(png: bytes) -> bytes:
    return b"".join(body for kind, body in png_rows._chunks(png) if kind == b"IDAT")


def _decoded(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    image.load()
    return np.asarray(image)


def _expected(chart: bytes, added: bytes, width: int, channels: int) -> np.ndarray:
    return np.frombuffer(chart + added, dtype=np.uint8).reshape(-1, width, channels)


@pytest.mark.parametrize("channels", [3, 4])
def test_a_flushed_stream_keeps_its_bytes_and_decodes_to_chart_and_rows(channels: int) -> None:
    width = 97
    chart = _noise(width, 60, channels, seed=1)
    added = _noise(width, 11, channels, seed=2)
    png = chromium_like(chart, width, channels)
    rows = png_rows.Rows.of(added, width, channels)
    framed = png_rows.append(png, rows)
    # the chart's compressed rows are copied as they were, up to its empty final block
    assert _stream(framed).startswith(_stream(png)[:-6])
    assert png_rows.header(framed)[:2] == (width, 71)
    # zlib checks the whole stream and its checksum; Pillow reads the pixels
    assert zlib.decompress(_stream(framed)) == _filtered(chart + added, width, channels)
    assert np.array_equal(_decoded(framed), _expected(chart, added, width, channels))


@pytest.mark.parametrize("channels", [3, 4])
def test_any_other_stream_is_deflated_again_to_the_same_pixels(channels: int) -> None:
    width = 64
    chart = _noise(width, 40, channels, seed=3)
    added = bytes([255]) * (width * 7 * channels)
    png = pillow_made(chart, width, channels)
    assert not png_rows.ends_flushed(
        [body for kind, body in png_rows._chunks(png) if kind == b"IDAT"]
    )
    framed = png_rows.append(png, png_rows.Rows.of(added, width, channels))
    # Pillow filters the image's rows its own way: the stream ends with the added rows as given
    assert zlib.decompress(_stream(framed)).endswith(_filtered(added, width, channels))
    assert np.array_equal(_decoded(framed), _expected(chart, added, width, channels))
    # the image's other chunks are kept
    assert Image.open(io.BytesIO(framed)).text == {"Software": "test"}


def test_rows_of_another_width_or_mode_do_not_fit() -> None:
    png = chromium_like(bytes(16 * 4 * 4), 16, 4)
    with pytest.raises(ValueError, match="do not fit"):
        png_rows.append(png, png_rows.Rows.of(bytes(15 * 4), 15, 4))
    with pytest.raises(ValueError, match="do not fit"):
        png_rows.append(png, png_rows.Rows.of(bytes(16 * 3), 16, 3))
    with pytest.raises(ValueError, match="not rows"):
        png_rows.Rows.of(bytes(10), 16, 4)


def test_a_stream_that_is_not_flushed_at_its_end_is_not_taken_for_one() -> None:
    chart = _noise(32, 20, 4, seed=4)
    png = chromium_like(chart, 32, 4)
    data = [body for kind, body in png_rows._chunks(png) if kind == b"IDAT"]
    assert png_rows.ends_flushed(data)
    assert not png_rows.ends_flushed([b"".join(data)])  # the final block not in a chunk alone
    assert not png_rows.ends_flushed([*data[:-1], data[-1] + b"\x00"])
    assert not png_rows.ends_flushed([b"\x68" + data[0][1:], *data[1:]])  # a smaller window


@settings(max_examples=25, deadline=None)
@given(
    width=st.integers(1, 40),
    chart_rows=st.integers(1, 30),
    added_rows=st.integers(0, 12),
    channels=st.sampled_from([3, 4]),
    seed=st.integers(0, 1000),
    chunk_size=st.integers(1, 300),
)
def test_any_size_of_image_and_rows_decodes_strictly(
    width: int, chart_rows: int, added_rows: int, channels: int, seed: int, chunk_size: int
) -> None:
    chart = _noise(width, chart_rows, channels, seed)
    added = _noise(width, added_rows, channels, seed + 1)
    png = chromium_like(chart, width, channels, chunk_size)
    framed = png_rows.append(png, png_rows.Rows.of(added, width, channels))
    assert zlib.decompress(_stream(framed)) == _filtered(chart + added, width, channels)
    assert np.array_equal(_decoded(framed), _expected(chart, added, width, channels))
