"""One index segment: sorted terms and their postings, in one compact binary file.

Why this shape: opening must be cheap (the first query after start has 200 ms)
and an open index must cost little memory, so a segment is neither parsed nor
mapped: opening keeps every `SPARSE`-th term in memory, and a lookup reads (pread)
only the block of terms around it and the matching postings. (A memory map was
tried: the kernel maps 64 KB around every page touched, so a few queries made the
whole index resident.) A term found in few reviews stores their positions (uint32,
relative to the segment's base); one found in many stores a bitmap, which is smaller
then and turns into a Python int for fast AND / OR / AND-NOT over whole sets.
The postings' length says which: a bitmap is exactly span / 8 bytes, a position
list always shorter.

Layout (little-endian): MAGIC, u32 header fields (terms, base, span, blob length),
u32 term starts[terms + 1], terms blob (UTF-8, sorted, no separators),
u32 offsets[terms + 1], postings, then a trailer: u32 CRC-32 of each `BLOCK` of the
postings, u32 CRC-32 of everything before the postings, u32 count of postings blocks.

Why checksums: a damaged segment used to answer with fewer hits, silently. Opening
already reads everything before the postings, so its checksum costs one CRC pass
over bytes in hand; a postings block is checked the first time a lookup reads it
(a whole block is read then, at most two more than asked for), so a query never
reads more than before once its blocks are checked. Damage raises
`SegmentDamaged`; the index re-indexes that segment's reviews from the library.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import struct
import sys
import threading
import time
import zlib
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from tui_reader.core.store.atomic import atomic_write, open_regular

MAGIC = b"TRSEG04\n"
_HEADER = struct.Struct("<4I")
_TRAILER = struct.Struct("<2I")  # CRC-32 of the head, number of postings blocks
BLOCK = 16384  # postings bytes per checksum: a first lookup reads at most 2 blocks more than it needs
# Past this many terms a prefix ("t*") stops widening: the filter is already loose.
MAX_PREFIX_TERMS = 5000
SPARSE = 64  # terms per block read at a lookup: ~1 KB, and 1/64 of the terms kept in memory
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


def pack_positions(positions: Iterable[int]) -> bytes:
    """Positions as the segment stores them: u32, little-endian."""
    return _little(_u32(positions))


def unpack_positions(data: bytes | memoryview) -> array[int]:
    return _from_little(data)


def shifted(packed: bytes, shift: int) -> bytes:
    """Packed positions, each plus `shift`, in one big-int addition instead of one per position.

    Adding `shift` in every 4-byte lane at once is exact because no lane carries into
    the next: callers keep every position + shift below 2**32 (they are review positions).
    """
    if not shift or not packed:
        return packed
    lanes = _SHIFT_LANE.pack(shift) * (len(packed) // 4)
    total = int.from_bytes(packed, "little") + int.from_bytes(lanes, "little")
    return total.to_bytes(len(packed), "little")


_SHIFT_LANE = struct.Struct("<I")
_ONE = re.compile("1")
_ASCII_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
_FLAGS_TO_ASCII = bytes.maketrans(b"\x00\x01", b"01")


def positions_of(bits: int, numbers: Sequence[int] | None = None) -> list[int]:
    """Set bits of the non-negative `bits`, ascending, the faster way for their density.

    A common word's bitset over 100k reviews becomes positions on every query, so this
    is most of a warm query's time: a bit at a time it cost ~15 ms. Both ways scan the
    bits in C (`bin` is linear): a sparse set finds each "1"; a dense one selects from
    `numbers` (`list(range(n))`, kept by the caller: no int is made a match) or a range.
    """
    if is_sparse(bits):
        text = bin(bits)  # bit i is character top - i
        top = len(text) - 1
        return [top - found.start() for found in _ONE.finditer(text)][::-1]
    ones = bin(bits)[:1:-1]  # bit i is character i
    flags = ones.encode("ascii").translate(_ASCII_TO_FLAGS)
    every = numbers if numbers is not None and len(numbers) >= len(flags) else range(len(flags))
    return list(itertools.compress(every, flags))


def is_sparse(bits: int) -> bool:
    """At most one bit in ten set (or none): `positions_of` finds each one rather than selecting."""
    return bits.bit_count() * 10 <= bits.bit_length()


def bits_of(positions: Iterable[int], span: int) -> int:
    """A set of small non-negative ints (below `span` rounded up to 8) as one Python int bitset.

    Many positions (a prefix query turns ~100k into a set): one byte a position, then one
    linear base-2 parse, ~3x faster than or-ing bits into a bitmap. Few (a rare word's
    postings): or-ed into a bitmap of span / 8 bytes, since the byte-a-position way costs
    O(span) however few there are (0.3 ms at 100k reviews, 8x the bitmap's).
    """
    many = positions if isinstance(positions, Collection) else list(positions)
    if len(many) * _SPARSE_RATIO < span:
        bitmap = bytearray((span + 7) // 8)
        for position in many:
            bitmap[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(bitmap, "little")
    flags = bytearray((span + 7) // 8 * 8)
    for position in many:
        flags[position] = 1
    return int(flags[::-1].translate(_FLAGS_TO_ASCII), 2) if flags else 0


_SPARSE_RATIO = 24  # below span / 24 positions the bitmap way is faster (measured: equal at 4,000 in 100k)


class SegmentDamaged(ValueError):
    """A segment whose bytes are not those written: its reviews must be indexed again."""

    def __init__(self, path: Path, where: str) -> None:
        super().__init__(f"{path.name} is damaged ({where} fails its checksum)")
        self.path = path


def segment_name(prefix: str = "seg-") -> str:
    """A file name unique in the folder: the clock (coarse on some systems), pid and a counter."""
    return f"{prefix}{os.getpid()}-{time.time_ns():x}-{next(_NAMES)}.bin"


def is_dense(count: int, span: int) -> bool:
    """Stored as a bitmap: its span / 8 bytes are no more than 4 bytes a position.

    (At equal size the bitmap wins, so a position list is always shorter than a bitmap.)
    """
    return count * 4 >= (span + 7) // 8


def write_segment(path: Path, postings: Mapping[str, Sequence[int] | int | bytes], base: int, span: int) -> None:
    """Write `postings` atomically: term -> sorted positions relative to `base`, a bitset of them,
    or (bytes) the positions already packed (`pack_positions`)."""
    terms = sorted(postings)  # code point order == UTF-8 byte order: readers bisect the bytes
    encoded = [term.encode("utf-8") for term in terms]
    starts = _u32([0])
    for word in encoded:
        starts.append(starts[-1] + len(word))
    bitmap_size = (span + 7) // 8
    offsets = _u32([0])
    chunks: list[bytes] = []
    size = 0
    for term in terms:
        chunk = _stored(postings[term], span, bitmap_size)
        chunks.append(chunk)
        size += len(chunk)
        offsets.append(size)
    header = MAGIC + _HEADER.pack(len(terms), base, span, starts[-1])
    head = [header, _little(starts), *encoded, _little(offsets)]
    head_crc = 0
    for piece in head:
        head_crc = zlib.crc32(piece, head_crc)
    packed = b"".join(chunks)
    view = memoryview(packed)
    crcs = _u32(zlib.crc32(view[at : at + BLOCK]) for at in range(0, len(packed), BLOCK))
    atomic_write(path, [*head, packed, _little(crcs), _TRAILER.pack(head_crc, len(crcs))])


def _stored(positions: Sequence[int] | int | bytes, span: int, bitmap_size: int) -> bytes:
    """One term's postings as stored: a bitmap when dense, else its packed positions."""
    if isinstance(positions, bytes):
        if not is_dense(len(positions) // 4, span):
            return positions
        positions = _from_little(positions)
    count = positions.bit_count() if isinstance(positions, int) else len(positions)
    if is_dense(count, span):
        bits = positions if isinstance(positions, int) else bits_of(positions, span)
        return bits.to_bytes(bitmap_size, "little")
    return pack_positions(positions_of(positions) if isinstance(positions, int) else positions)


class Segment:
    """A segment file opened for lookups: every `SPARSE`-th term in memory, the rest read when asked."""

    def __init__(self, path: Path) -> None:
        # Opened without blocking, and refused unless a regular file (a FIFO here would hang the search).
        self._file = open(open_regular(path), "rb", buffering=0)  # noqa: SIM115 - kept open, closed with us
        self.path = path
        try:
            self._open(path)
        except BaseException:
            self._file.close()
            raise

    def _open(self, path: Path) -> None:
        size = os.fstat(self._file.fileno()).st_size
        head = self._read(0, len(MAGIC) + _HEADER.size)
        if len(head) < len(MAGIC) + _HEADER.size or head[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not an index segment")
        count, base, span, blob_size = _HEADER.unpack_from(head, len(MAGIC))
        self.base: int = base
        self.span: int = span
        self._terms = count
        self._starts_at = len(MAGIC) + _HEADER.size
        self._blob_at = self._starts_at + 4 * (count + 1)
        self._offsets_at = self._blob_at + blob_size
        self._postings_at = self._offsets_at + 4 * (count + 1)
        if self._postings_at + _TRAILER.size > size:
            raise ValueError(f"{path}: truncated index segment")
        head_crc, blocks = _TRAILER.unpack(self._read(size - _TRAILER.size, _TRAILER.size))
        crcs_at = size - _TRAILER.size - 4 * blocks
        head = self._read(0, self._postings_at)  # read whole to check it; then sliced, not read again
        if zlib.crc32(head) != head_crc:
            raise SegmentDamaged(path, "the term table")
        starts = _from_little(memoryview(head)[self._starts_at : self._blob_at])
        last = _from_little(memoryview(head)[self._postings_at - 4 : self._postings_at])[0]
        if starts[-1] != blob_size or self._postings_at + last != crcs_at or blocks != -(-last // BLOCK):
            raise ValueError(f"{path}: inconsistent index segment")
        self._postings_size = last
        self._crcs = _from_little(self._read(crcs_at, 4 * blocks))
        self._checked = bytearray(blocks)  # 1 once a block's checksum was verified
        blob = head[self._blob_at : self._offsets_at]
        self._sparse = [blob[starts[i] : starts[i + 1]] for i in range(0, count, SPARSE)]
        if any(map(bytes.__ge__, self._sparse, self._sparse[1:])):  # 1/64 of the terms: cheap
            raise ValueError(f"{path}: index segment terms out of order")

    def _read(self, at: int, size: int) -> bytes:
        """`size` bytes at `at` (fewer at the end; none for a damaged table's negative size)."""
        size = max(size, 0)
        return os.pread(self._file.fileno(), size, at) if _PREAD else _locked_read(self._file, at, size)

    def _block(self, key: bytes) -> tuple[int, list[bytes]]:
        """The block of sorted terms where `key` belongs: its first index and its terms."""
        block = max(bisect.bisect_right(self._sparse, key) - 1, 0)
        first = block * SPARSE
        stop = min(first + SPARSE, self._terms)
        starts = _from_little(self._read(self._starts_at + 4 * first, 4 * (stop - first + 1)))
        blob = self._read(self._blob_at + starts[0], starts[-1] - starts[0])
        at = starts[0]
        return first, [blob[starts[i] - at : starts[i + 1] - at] for i in range(len(starts) - 1)]

    def _index(self, key: bytes) -> int:
        """Where `key` is or would be in the sorted terms (`bisect_left` over all of them)."""
        if not self._terms:
            return 0
        first, terms = self._block(key)
        return first + bisect.bisect_left(terms, key)

    def _find(self, term: str) -> int | None:
        key = term.encode("utf-8")
        if not self._terms:
            return None
        first, terms = self._block(key)
        index = bisect.bisect_left(terms, key)
        return first + index if index < len(terms) and terms[index] == key else None

    def bits(self, term: str) -> int:
        """The reviews holding `term`, as a bitset over global positions."""
        index = self._find(term)
        return 0 if index is None else self._bits_in(index, index + 1)

    def prefix_bits(self, prefix: str) -> int:
        """The reviews holding any term that starts with `prefix`."""
        key = prefix.encode("utf-8")
        low = self._index(key)
        high = self._index(key + b"\xff")  # 0xFF never occurs in UTF-8
        return self._bits_in(low, min(high, low + MAX_PREFIX_TERMS))

    def count(self, term: str) -> int:
        index = self._find(term)
        return 0 if index is None else self._bits_in(index, index + 1).bit_count()

    def _bits_in(self, low: int, high: int) -> int:
        """The union of the postings of terms low..high-1: one read for all of them."""
        if low >= high:
            return 0
        offsets = _from_little(self._read(self._offsets_at + 4 * low, 4 * (high - low + 1)))
        data = self._postings(offsets[0], offsets[-1])
        bitmap_size = (self.span + 7) // 8
        found = 0
        lists: list[bytes] = []  # position lists, made into one bitset together (a prefix has thousands)
        for i in range(high - low):
            chunk = data[offsets[i] - offsets[0] : offsets[i + 1] - offsets[0]]
            if len(chunk) == bitmap_size:
                found |= int.from_bytes(chunk, "little")
            else:
                lists.append(chunk)
        if lists:
            found |= bits_of(_from_little(b"".join(lists)), self.span)
        return found << self.base

    def close(self) -> None:
        self._file.close()

    def every_term(self) -> Iterator[tuple[str, bytes]]:
        """Every term with its stored postings (a bitmap when `len == (span + 7) // 8`), for a merge.

        The whole file is read once, every checksum checked (`SegmentDamaged`)."""
        head = self._read(0, self._postings_at)
        starts = _from_little(memoryview(head)[self._starts_at : self._blob_at])
        offsets = _from_little(memoryview(head)[self._offsets_at : self._postings_at])
        data = self._postings(0, self._postings_size)
        blob = head[self._blob_at : self._offsets_at]
        for i in range(self._terms):
            yield blob[starts[i] : starts[i + 1]].decode("utf-8"), data[offsets[i] : offsets[i + 1]]

    def _postings(self, start: int, stop: int) -> bytes:
        """Postings bytes start..stop, their blocks' checksums verified on first read."""
        if stop <= start:
            return b""
        first, end = start // BLOCK, min((stop - 1) // BLOCK + 1, len(self._checked))
        if self._checked.find(0, first, end) < 0:  # all verified already: read just what is asked
            return self._read(self._postings_at + start, stop - start)
        low = first * BLOCK
        data = self._read(self._postings_at + low, min(end * BLOCK, self._postings_size) - low)
        view = memoryview(data)
        for block in range(first, end):
            if not self._checked[block]:
                at = (block - first) * BLOCK
                if zlib.crc32(view[at : at + BLOCK]) != self._crcs[block]:
                    raise SegmentDamaged(self.path, f"postings block {block}")
                self._checked[block] = 1
        return data[start - low : stop - low]


_PREAD = hasattr(os, "pread")
_READ_LOCK = threading.Lock()


def _locked_read(handle: BinaryIO, at: int, size: int) -> bytes:  # pragma: no cover - Windows
    with _READ_LOCK:
        handle.seek(at)
        return handle.read(size)
