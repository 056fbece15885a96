"""Raw deflate for zip parts, including parts joined from pieces compressed on their own.

A piece compressed by ``pack`` starts a fresh compressor and ends on a byte boundary
(a sync flush), so pieces can be laid one after the other in a part's stream: a piece
kept from the last build is copied as it is, never decompressed or compressed again,
and the part comes out the same bytes as when every piece is compressed now.
The CRC-32 of the whole part is combined from the pieces' own (``crc32_combine``).

This is why orgc writes its zips itself (``package.write_zip``): ``zipfile`` compresses
every part it is given and cannot take one deflated already, so a kept piece would be
decompressed and compressed again. At 10,000 roles the handbook's 112 pieces kept this way
hold 81% of its XML (docs/performance.md, "Rebuilding"), for a handbook 6% larger than one
compressed in a single stream; the output stays the same bytes either way.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

LEVEL = 6
_FINAL_EMPTY_BLOCK = b"\x03\x00"  # what ends a stream whose last piece ends with a sync flush
_SYNC_MARK = b"\x00\x00\xff\xff"
_HEAD = struct.Struct("<IQ")  # crc, uncompressed size


@dataclass(frozen=True)
class Packed:
    """Deflated bytes with the CRC-32 and size of what they hold."""

    crc: int
    data: bytes
    size: int

    def dumps(self) -> bytes:
        return _HEAD.pack(self.crc, self.size) + self.data

    @classmethod
    def loads(cls, stored: bytes) -> Packed | None:
        """A piece as ``dumps`` wrote it; None for anything that is not one."""
        if len(stored) < _HEAD.size + len(_SYNC_MARK) or not stored.endswith(_SYNC_MARK):
            return None
        crc, size = _HEAD.unpack_from(stored)
        return cls(crc, stored[_HEAD.size :], size)


def pack(text: str | bytes, level: int = LEVEL) -> Packed:
    """``text`` as a piece that can stand anywhere in a stream (see the module's docstring),
    compressed at ``level``: a piece made by the thousand may trade size for time."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    compressor = _compressor(level)
    return Packed(
        zlib.crc32(data), compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH), len(data)
    )


def deflate(chunks: Iterable[bytes | Packed]) -> Packed:
    """The chunks joined and compressed.

    Consecutive chunks of bytes are compressed together, the same however they are divided;
    a ``Packed`` piece is copied in as it is.
    """
    compressor = None
    crc = size = 0
    out: list[bytes] = []
    for chunk in chunks:
        if isinstance(chunk, Packed):
            if compressor is not None:
                out.append(compressor.flush(zlib.Z_SYNC_FLUSH))
                compressor = None
            out.append(chunk.data)
            crc = crc32_combine(crc, chunk.crc, chunk.size)
            size += chunk.size
            continue
        if compressor is None:
            compressor = _compressor()
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out.append(compressor.compress(chunk))
    if compressor is None and out:  # the last chunk was a piece
        out.append(_FINAL_EMPTY_BLOCK)
    else:
        out.append((compressor or _compressor()).flush())
    return Packed(crc, b"".join(out), size)


def _compressor(level: int = LEVEL):  # type: ignore[no-untyped-def]
    return zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as zip holds it


# CRC-32 of two strings joined, from their own CRCs and the second one's length, as zlib's
# crc32_combine does it (which Python's zlib module does not offer): the first CRC is multiplied
# by x^(8 * length) modulo the CRC polynomial.
_POLY = 0xEDB88320


def _multiply(a: int, b: int) -> int:
    """a * b modulo the polynomial (bit-reflected, as CRC-32 is)."""
    mask, product = 1 << 31, 0
    while True:
        if a & mask:
            product ^= b
            if not a & (mask - 1):
                return product
        mask >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _powers() -> tuple[int, ...]:
    powers = [1 << 30]  # x^1
    for _ in range(31):
        powers.append(_multiply(powers[-1], powers[-1]))
    return tuple(powers)


_X_2_TO_THE = _powers()  # x^(2^k) modulo the polynomial


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B, from A's CRC, B's CRC and B's length in bytes.

    ``crc1`` is multiplied by x^(8 * length2) = the product of x^(2^k) over the set bits k of
    8 * length2, one factor at a time; multiplying by a fixed x^(2^k) is linear, so it is four
    lookups in tables made the first time that factor is needed (a volume of a handbook joins
    thousands of pieces: bit by bit, each took 40 µs).
    """
    crc, n, k = crc1, length2, 3
    while n:
        if n & 1:
            t0, t1, t2, t3 = _times_x_2_to_the(k & 31)
            crc = t0[crc & 0xFF] ^ t1[(crc >> 8) & 0xFF] ^ t2[(crc >> 16) & 0xFF] ^ t3[crc >> 24]
        n >>= 1
        k += 1
    return crc ^ crc2


_TABLES: dict[int, tuple[list[int], ...]] = {}


def _times_x_2_to_the(k: int) -> tuple[list[int], ...]:
    """Four tables, one per byte of a CRC, of that byte's share of the CRC times x^(2^k)."""
    found = _TABLES.get(k)
    if found is None:
        factor = _X_2_TO_THE[k]  # x^(2^k) for k < 32; the powers repeat from there on
        tables = []
        for byte in range(4):
            bits = [_multiply(1 << (8 * byte + i), factor) for i in range(8)]
            table = [0] * 256
            for value in range(1, 256):
                low = value & -value
                table[value] = table[value ^ low] ^ bits[low.bit_length() - 1]
            tables.append(table)
        found = _TABLES[k] = tuple(tables)
    return found
