"""Rows added under a PNG image without decoding the image: its chunks read, its compressed
pixel stream extended.

Chromium writes a canvas's stream in IDAT chunks, the last but one ending with a flush (an
empty stored block, which leaves the stream on a byte boundary) and the last holding only an
empty final block and the checksum. The rows are then added by dropping that last chunk,
appending the new rows deflated on their own (their last block final) and writing the checksum
of the whole from the chart's: the chart's 600 KB of compressed rows are copied, not inflated
and deflated again. Any other PNG (Pillow's, for one) has its stream inflated, the rows added
and the whole deflated once.

The added rows are deflated before the image exists (`Rows`), so a caller can make them while
the image is being drawn.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: A flush: an empty stored block (length 0 and its complement), on a byte boundary after it.
FLUSH = b"\x00\x00\xff\xff"
#: An empty final block with fixed codes: bits 1, 01 and the seven-bit end code, padded.
FINAL_EMPTY = b"\x03\x00"
#: The fastest deflate: the added rows are mostly white, and the rest is copied as it was.
LEVEL = 1
#: PNG colour types by channels a pixel: RGB and RGBA.
COLOUR_TYPES = {3: 2, 4: 6}


@dataclass(frozen=True)
class Rows:
    """Rows of 8-bit RGB or RGBA pixels to add under an image `width` pixels wide, filtered
    (filter type 0: the bytes as they are) and deflated on their own."""

    width: int
    channels: int
    height: int
    filtered: bytes = field(repr=False)
    deflated: bytes = field(repr=False)

    @classmethod
    def of(cls, pixels: bytes, width: int, channels: int) -> Rows:
        """`pixels` row after row, `channels` bytes a pixel (3: RGB, 4: RGBA)."""
        stride = width * channels
        if channels not in COLOUR_TYPES or len(pixels) % stride:
            raise ValueError(f"{len(pixels)} bytes are not rows of {width} x {channels} bytes")
        height = len(pixels) // stride
        filtered = b"".join(
            b"\x00" + pixels[row * stride : (row + 1) * stride] for row in range(height)
        )
        deflater = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        return cls(
            width, channels, height, filtered, deflater.compress(filtered) + deflater.flush()
        )


def header(png: bytes) -> tuple[int, int, int, int, int]:
    """Width, height, bit depth, colour type and interlace method from a PNG's IHDR."""
    if png[:8] != SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", png[16:29])
    return width, height, depth, colour, interlace


def fits(png: bytes, rows: Rows) -> bool:
    """Whether `rows` can go under `png`: 8-bit, not interlaced, of the same width and colour
    type."""
    width, _, depth, colour, interlace = header(png)
    return (
        depth == 8
        and interlace == 0
        and width == rows.width
        and colour == COLOUR_TYPES[rows.channels]
    )


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = 8
    while position < len(png):
        (size,) = struct.unpack(">I", png[position : position + 4])
        yield png[position + 4 : position + 8], png[position + 8 : position + 8 + size]
        position += 12 + size


def ends_flushed(data: list[bytes]) -> bool:
    """Whether an image's IDAT chunks' `data` end the way Chromium ends them: a flush, then a
    chunk of only an empty final block and the checksum, in a stream with the 32 KB window the
    added rows use."""
    return (
        len(data) >= 2
        and data[0][:1] == b"\x78"
        and data[-2].endswith(FLUSH)
        and len(data[-1]) == 6
        and data[-1][:2] == FINAL_EMPTY
    )


def extended_stream(data: list[bytes], rows: Rows) -> bytes:
    """The zlib stream of an image's filtered rows, in its IDAT chunks' `data`, with `rows`
    added: the image's compressed bytes kept where they end flushed (`ends_flushed`),
    otherwise inflated and deflated again with the rows."""
    if not ends_flushed(data):
        return zlib.compress(zlib.decompress(b"".join(data)) + rows.filtered, LEVEL)
    (checksum,) = struct.unpack(">I", data[-1][2:])
    # Adler-32 runs on from the image's checksum over the added bytes: no need to read the rest
    end = struct.pack(">I", zlib.adler32(rows.filtered, checksum))
    return b"".join([*data[:-1], rows.deflated, end])


def append(png: bytes, rows: Rows) -> bytes:
    """`png` with `rows` added under it (see `fits`)."""
    if not fits(png, rows):
        raise ValueError("the rows do not fit this image")
    width, height = header(png)[:2]
    before: list[bytes] = []
    after: list[bytes] = []
    data: list[bytes] = []
    for kind, body in _chunks(png):
        if kind == b"IDAT":
            data.append(body)
        elif kind not in (b"IHDR", b"IEND"):
            (after if data else before).append(chunk(kind, body))
    size = struct.pack(">II", width, height + rows.height) + png[24:29]
    return b"".join(
        [
            SIGNATURE,
            chunk(b"IHDR", size),
            *before,
            chunk(b"IDAT", extended_stream(data, rows)),
            *after,
            chunk(b"IEND", b""),
        ]
    )
