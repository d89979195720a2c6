"""One index segment: sorted terms and their postings, in one compact binary file.

Why this shape: opening must be cheap (the first query after start has 200 ms),
so a segment is memory-mapped, not parsed: `bisect` runs over the sorted terms
in place (no list or dict of terms is ever built), and only the matching term's
postings are read. A term found in few reviews stores their positions (uint32, relative
to the segment's base); one found in many stores a bitmap, which is smaller then
and turns into a Python int for fast AND / OR / AND-NOT over whole sets.

Layout (little-endian): MAGIC, u32 header fields (terms, base, span, blob length),
u32 term starts[terms + 1], terms blob (UTF-8, sorted, no separators),
u32 offsets[terms + 1], u32 counts[terms] (high bit = bitmap), postings.
"""

from __future__ import annotations

import bisect
import itertools
import mmap
import os
import struct
import sys
import time
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from tui_reader.core.store.atomic import atomic_write

MAGIC = b"TRSEG02\n"
_HEADER = struct.Struct("<4I")
BITMAP_FLAG = 0x8000_0000
_BIT = [1 << bit for bit in range(8)]
# Past this many terms a prefix ("t*") stops widening: the filter is already loose.
MAX_PREFIX_TERMS = 5000
_NAMES = itertools.count()


def _u32(values: Iterable[int] = ()) -> array[int]:
    out = array("I", values)
    if out.itemsize != 4:  # pragma: no cover - every supported platform has 4-byte "I"
        raise RuntimeError("unsigned int is not 4 bytes here")
    return out


def _little(values: array[int]) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_little(data: bytes | memoryview) -> array[int]:
    values = _u32()
    values.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return values


# A byte's set bits, for turning a bitset back into positions 8 at a time.
_BYTE_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def positions_of(bits: int) -> list[int]:
    """Set bits of `bits`, ascending."""
    if bits.bit_count() * 64 < bits.bit_length():  # sparse: peel off the lowest bit, skipping zeros in C
        sparse: list[int] = []
        while bits:
            lowest = bits & -bits
            sparse.append(lowest.bit_length() - 1)
            bits ^= lowest
        return sparse
    out: list[int] = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index * 8
            out.extend(base + bit for bit in _BYTE_BITS[byte])
    return out


def bits_of(positions: Iterable[int], span: int) -> int:
    """A set of small non-negative ints as one Python int bitset."""
    bitmap = bytearray((span + 7) // 8)
    for position in positions:
        bitmap[position >> 3] |= _BIT[position & 7]
    return int.from_bytes(bitmap, "little")


def segment_name(prefix: str = "seg-") -> str:
    """A file name unique in the folder: the clock (coarse on some systems), pid and a counter."""
    return f"{prefix}{os.getpid()}-{time.time_ns():x}-{next(_NAMES)}.bin"


def is_dense(count: int, span: int) -> bool:
    """Stored as a bitmap: its span / 8 bytes are fewer than 4 bytes a position."""
    return count * 4 > (span + 7) // 8


def write_segment(path: Path, postings: Mapping[str, Sequence[int] | int], base: int, span: int) -> None:
    """Write `postings` atomically: term -> sorted positions relative to `base`, or a bitset of them."""
    terms = sorted(postings)  # code point order == UTF-8 byte order: readers bisect the bytes
    encoded = [term.encode("utf-8") for term in terms]
    starts = _u32([0])
    for word in encoded:
        starts.append(starts[-1] + len(word))
    bitmap_size = (span + 7) // 8
    offsets, counts = _u32([0]), _u32()
    chunks: list[bytes] = []
    size = 0
    for term in terms:
        positions = postings[term]
        count = positions.bit_count() if isinstance(positions, int) else len(positions)
        if is_dense(count, span):
            bits = positions if isinstance(positions, int) else bits_of(positions, span)
            chunk = bits.to_bytes(bitmap_size, "little")
            counts.append(count | BITMAP_FLAG)
        else:
            chunk = _little(_u32(positions_of(positions) if isinstance(positions, int) else positions))
            counts.append(count)
        chunks.append(chunk)
        size += len(chunk)
        offsets.append(size)
    header = MAGIC + _HEADER.pack(len(terms), base, span, starts[-1])
    body = [header, _little(starts), *encoded, _little(offsets), _little(counts), *chunks]
    atomic_write(path, b"".join(body))


class _Terms:
    """The sorted terms as a sequence of UTF-8 slices of the map: `bisect` reads ~17 of them."""

    def __init__(self, data: mmap.mmap | bytes, at: int, starts: array[int]) -> None:
        self._data, self._at, self._starts = data, at, starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index: int) -> bytes:
        return self._data[self._at + self._starts[index] : self._at + self._starts[index + 1]]


class Segment:
    """A segment file opened for lookups: only small offset tables are read, the rest is mapped."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if len(data) < len(MAGIC) + _HEADER.size or data[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not an index segment")
        count, base, span, blob_size = _HEADER.unpack_from(data, len(MAGIC))
        self.base: int = base
        self.span: int = span
        at = len(MAGIC) + _HEADER.size
        tables = [4 * (count + 1), blob_size, 4 * (count + 1), 4 * count]
        if at + sum(tables) > len(data):
            raise ValueError(f"{path}: truncated index segment")
        starts = _from_little(data[at : at + tables[0]])
        self.terms = _Terms(data, at + tables[0], starts)
        at += tables[0] + tables[1]
        self._offsets = _from_little(data[at : at + tables[2]])
        self._counts = _from_little(data[at + tables[2] : at + tables[2] + tables[3]])
        self._data = data
        self._postings_at = at + tables[2] + tables[3]
        if starts[-1] != blob_size or self._postings_at + self._offsets[-1] != len(data):
            raise ValueError(f"{path}: inconsistent index segment")

    def _find(self, term: str) -> int | None:
        key = term.encode("utf-8")
        index = bisect.bisect_left(self.terms, key)
        return index if index < len(self.terms) and self.terms[index] == key else None

    def bits(self, term: str) -> int:
        """The reviews holding `term`, as a bitset over global positions."""
        index = self._find(term)
        return 0 if index is None else self._bits_at(index)

    def prefix_bits(self, prefix: str) -> int:
        """The reviews holding any term that starts with `prefix`."""
        key = prefix.encode("utf-8")
        low = bisect.bisect_left(self.terms, key)
        high = bisect.bisect_left(self.terms, key + b"\xff", low)  # 0xFF never occurs in UTF-8
        found = 0
        for index in range(low, min(high, low + MAX_PREFIX_TERMS)):
            found |= self._bits_at(index)
        return found

    def count(self, term: str) -> int:
        index = self._find(term)
        return 0 if index is None else int(self._counts[index] & ~BITMAP_FLAG)

    def _bits_at(self, index: int) -> int:
        at = self._postings_at
        chunk = self._data[at + self._offsets[index] : at + self._offsets[index + 1]]
        local: int
        if self._counts[index] & BITMAP_FLAG:
            local = int.from_bytes(chunk, "little")
        else:
            local = bits_of(_from_little(chunk), self.span)
        return local << self.base
