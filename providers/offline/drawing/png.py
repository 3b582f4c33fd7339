"""PNG encoding for the renderer's flat-colour art, in under half Pillow's time.

Pillow's encoder tries five row filters on every row whatever the compression level (8 of its 12 ms on a
1024x768 panel). Flat colour and hard edges, which is what the renderer paints, compress as well unfiltered:
measured on ten panels, 90 KB a panel against Pillow's 93 KB at the same zlib level, in 4.7 ms against 11.8.
Art with photographic detail would grow without the filters, so only the offline renderer uses this.
"""

from __future__ import annotations

import struct
import zlib
from typing import Final

from PIL import Image

_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_COLOUR_TYPES: Final = {"RGB": (2, 3), "RGBA": (6, 4)}  # PNG colour type, bytes per pixel


def encode_png(image: Image.Image, level: int = 1) -> bytes:
    """The image (RGB or RGBA, 8 bits) as PNG bytes: every row unfiltered, zlib at `level`."""
    if image.mode not in _COLOUR_TYPES:
        raise ValueError(f"encode_png takes RGB or RGBA images, not {image.mode}")
    colour_type, depth = _COLOUR_TYPES[image.mode]
    width, height = image.size
    stride = width * depth
    pixels = image.tobytes()
    rows = bytearray((stride + 1) * height)  # each row: filter type 0 (none), then its pixels
    for y in range(height):
        start = y * (stride + 1) + 1
        rows[start : start + stride] = pixels[y * stride : (y + 1) * stride]
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"".join((_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"IDAT", zlib.compress(rows, level)),
                     _chunk(b"IEND", b"")))  # fmt: skip


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
