"""A small PNG writer for screenshots: an RGBA array in, a file out (zlib, no extra library)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode(rgba: np.ndarray) -> bytes:
    """The bytes of a PNG image of an (height, width, 4) uint8 array."""
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8:
        raise ValueError(f"expected an (h, w, 4) uint8 array, got {rgba.shape} {rgba.dtype}")
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + width * 4), dtype=np.uint8)  # filter byte 0 on every row
    rows[:, 1:] = rgba.reshape(height, width * 4)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
        + _chunk(b"IEND", b"")
    )


def write(path: Path, rgba: np.ndarray) -> None:
    """Write the array as a PNG file."""
    Path(path).write_bytes(encode(rgba))


def size_of(data: bytes) -> tuple[int, int]:
    """(width, height) of PNG bytes, read from the header (for tests and checks)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)
