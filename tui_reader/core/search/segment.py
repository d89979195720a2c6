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
u32 offsets[terms + 1], postings, then the tail: every `SPARSE`-th term (u32 starts, blob),
u32 CRC-32 of each block of `SPARSE` terms (their starts and bytes), of each block's
offsets, and of each `BLOCK` of the postings; last a trailer: u32 CRC-32 of the header
and the tail, u32 length of the sparse terms' blob, u32 count of postings blocks.

Why checksums: a damaged segment used to answer with fewer hits, silently. Why in blocks:
opening reads only the header and the tail (a few KB), checked whole; a block of terms, of
offsets or of postings is checked the first time a lookup reads it (whole blocks are read
then), so a first query no longer reads and checks every term table (was 6.5 MB for ten
segments at 100k reviews). Damage raises `SegmentDamaged`; the index re-indexes that
segment's reviews from the library.
"""

from __future__ import annotations

import bisect
import itertools
import os
import struct
import time
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from tui_reader.core.search.bitsets import _from_little, _little, _u32
from tui_reader.core.search.bitsets import bits_of as bits_of
from tui_reader.core.search.bitsets import is_sparse as is_sparse
from tui_reader.core.search.bitsets import pack_positions as pack_positions
from tui_reader.core.search.bitsets import positions_of as positions_of
from tui_reader.core.search.bitsets import shifted as shifted
from tui_reader.core.search.bitsets import unpack_positions as unpack_positions
from tui_reader.core.store.atomic import atomic_write, open_regular

MAGIC = b"TRSEG05\n"
_HEADER = struct.Struct("<4I")
_TRAILER = struct.Struct("<3I")  # CRC-32 of header and tail, sparse terms' blob length, postings blocks
BLOCK = 16384  # postings bytes per checksum: a first lookup reads at most 2 blocks more than it needs
# Past this many terms a prefix ("t*") stops widening: the filter is already loose.
MAX_PREFIX_TERMS = 5000
SPARSE = 64  # terms per block read at a lookup: ~1 KB, and 1/64 of the terms kept in memory
_NAMES = itertools.count()


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


class Stored(NamedTuple):
    """Terms in code point order (== UTF-8 byte order: readers bisect the bytes), and each one's
    postings as the file stores them: a bitmap when dense, else its packed positions.

    Why apart from `write_segment`: a writer that already has its postings in this form (an
    import's fresh segments, a merge: `fresh.joined`) makes them with a few calls looped in C
    over all terms, not one Python call per term (166k terms for IMDB: a third of the writing).
    """

    terms: list[str]
    postings: list[bytes]

    @classmethod
    def of(cls, postings: Mapping[str, Sequence[int] | int | bytes], span: int) -> Stored:
        """From term -> sorted positions relative to the base, a bitset of them, or (bytes) the
        positions already packed (`pack_positions`)."""
        terms = sorted(postings)
        bitmap_size = (span + 7) // 8
        return cls(terms, [_stored(postings[term], span, bitmap_size) for term in terms])


def write_segment(
    path: Path, postings: Stored | Mapping[str, Sequence[int] | int | bytes], base: int, span: int
) -> None:
    """Write `postings` (see `Stored.of` for a mapping's values) atomically."""
    stored = postings if isinstance(postings, Stored) else Stored.of(postings, span)
    terms = stored.terms
    encoded = list(map(str.encode, terms))
    starts = _u32(itertools.accumulate(map(len, encoded), initial=0))
    offsets = _u32(itertools.accumulate(map(len, stored.postings), initial=0))
    header = MAGIC + _HEADER.pack(len(terms), base, span, starts[-1])
    packed = b"".join(stored.postings)
    view = memoryview(packed)
    crcs = _u32(zlib.crc32(view[at : at + BLOCK]) for at in range(0, len(packed), BLOCK))
    firsts = range(0, len(terms), SPARSE)
    sparse = [encoded[first] for first in firsts]
    sparse_starts = _u32(itertools.accumulate((len(key) for key in sparse), initial=0))
    term_crcs = _u32()
    offset_crcs = _u32()
    for first in firsts:
        stop = min(first + SPARSE, len(terms))
        term_crcs.append(zlib.crc32(b"".join(encoded[first:stop]), zlib.crc32(_little(starts[first : stop + 1]))))
        offset_crcs.append(zlib.crc32(_little(offsets[first : stop + 1])))
    tail = [_little(sparse_starts), *sparse, _little(term_crcs), _little(offset_crcs), _little(crcs)]
    tail_crc = zlib.crc32(header)
    for piece in tail:
        tail_crc = zlib.crc32(piece, tail_crc)
    trailer = _TRAILER.pack(tail_crc, sparse_starts[-1], len(crcs))
    atomic_write(path, [header, _little(starts), *encoded, _little(offsets), packed, *tail, trailer])


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


class _Keys:
    """Every `SPARSE`-th term, sliced from the tail's bytes when a bisection asks for it: opening
    makes no list of them (that list was most of what opening a segment cost)."""

    def __init__(self, starts: array[int], blob: bytes) -> None:
        self._starts = starts
        self._blob = blob

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index: int) -> bytes:
        if not 0 <= index < len(self._starts) - 1:
            raise IndexError(index)
        return self._blob[self._starts[index] : self._starts[index + 1]]


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
        header = self._read(0, len(MAGIC) + _HEADER.size)
        if len(header) < len(MAGIC) + _HEADER.size or header[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not an index segment")
        count, base, span, blob_size = _HEADER.unpack_from(header, len(MAGIC))
        self.base: int = base
        self.span: int = span
        self._terms = count
        self._blob_size = blob_size
        self._starts_at = len(MAGIC) + _HEADER.size
        self._blob_at = self._starts_at + 4 * (count + 1)
        self._offsets_at = self._blob_at + blob_size
        self._postings_at = self._offsets_at + 4 * (count + 1)
        if self._postings_at + _TRAILER.size > size:
            raise ValueError(f"{path}: truncated index segment")
        tail_crc, sparse_size, blocks = _TRAILER.unpack(self._read(size - _TRAILER.size, _TRAILER.size))
        keys = -(-count // SPARSE)
        tail_size = 4 * (keys + 1) + sparse_size + 8 * keys + 4 * blocks
        tail_at = size - _TRAILER.size - tail_size
        if tail_at < self._postings_at:
            raise ValueError(f"{path}: inconsistent index segment")
        tail = self._read(tail_at, tail_size)
        if zlib.crc32(tail, zlib.crc32(header)) != tail_crc:
            raise SegmentDamaged(path, "the term table")
        self._postings_size = tail_at - self._postings_at
        if blocks != -(-self._postings_size // BLOCK):
            raise ValueError(f"{path}: inconsistent index segment")
        view = memoryview(tail)
        starts = _from_little(view[: 4 * (keys + 1)])
        at = 4 * (keys + 1) + sparse_size
        sparse = tail[4 * (keys + 1) : at]
        self._sparse = _Keys(starts, sparse)
        self._term_crcs = _from_little(view[at : at + 4 * keys])
        self._offset_crcs = _from_little(view[at + 4 * keys : at + 8 * keys])
        self._crcs = _from_little(view[at + 8 * keys :])
        self._terms_checked = bytearray(keys)  # 1 once a block of terms' checksum was verified
        self._offsets_checked = bytearray(keys)  # the same for their offsets
        self._checked = bytearray(blocks)  # the same for the postings' blocks
        if starts[-1] != sparse_size:
            raise ValueError(f"{path}: inconsistent index segment")

    def _read(self, at: int, size: int) -> bytes:
        """`size` bytes at `at` (fewer at the end; none for a damaged table's negative size)."""
        size = max(size, 0)
        return os.pread(self._file.fileno(), size, at) if _PREAD else _locked_read(self._file, at, size)

    def _block(self, key: bytes) -> tuple[int, list[bytes]]:
        """The block of sorted terms where `key` belongs: its first index and its terms."""
        block = max(bisect.bisect_right(self._sparse, key) - 1, 0)
        first = block * SPARSE
        stop = min(first + SPARSE, self._terms)
        packed = self._read(self._starts_at + 4 * first, 4 * (stop - first + 1))
        starts = _from_little(packed)
        blob = self._read(self._blob_at + starts[0], starts[-1] - starts[0])
        if not self._terms_checked[block] and zlib.crc32(blob, zlib.crc32(packed)) != self._term_crcs[block]:
            raise SegmentDamaged(self.path, f"terms block {block}")
        at = starts[0]
        terms = [blob[starts[i] - at : starts[i + 1] - at] for i in range(len(starts) - 1)]
        if not self._terms_checked[block]:
            if terms[0] != self._sparse[block] or (stop == self._terms and starts[-1] != self._blob_size):
                raise ValueError(f"{self.path}: inconsistent index segment")
            after = self._sparse[block + 1] if block + 1 < len(self._sparse) else None
            if any(map(bytes.__ge__, terms, terms[1:])) or (after is not None and after <= terms[-1]):
                raise ValueError(f"{self.path}: index segment terms out of order")
            self._terms_checked[block] = 1
        return first, terms

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

    def packed_positions(self, term: str) -> bytes | None:
        """`term`'s positions as stored (u32 relative to `base`; b"" when absent), or None where
        it is stored as a bitmap: a rare word's answer with no bitset made of it."""
        index = self._find(term)
        if index is None:
            return b""
        offsets = self._offsets(index, index + 1)
        chunk = self._postings(offsets[0], offsets[1])
        return None if len(chunk) == (self.span + 7) // 8 else chunk

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
        offsets = self._offsets(low, high)
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

    def _offsets(self, low: int, high: int) -> array[int]:
        """Offsets low..high (inclusive), their blocks' checksums verified on first read."""
        first_block, last_block = low // SPARSE, (high - 1) // SPARSE
        if self._offsets_checked.find(0, first_block, last_block + 1) < 0:
            return _from_little(self._read(self._offsets_at + 4 * low, 4 * (high - low + 1)))
        first, stop = first_block * SPARSE, min(last_block * SPARSE + SPARSE, self._terms)
        packed = self._read(self._offsets_at + 4 * first, 4 * (stop - first + 1))
        for block in range(first_block, last_block + 1):
            if not self._offsets_checked[block]:
                at = 4 * (block * SPARSE - first)
                piece = packed[at : at + 4 * (min(SPARSE, self._terms - block * SPARSE) + 1)]
                if zlib.crc32(piece) != self._offset_crcs[block]:
                    raise SegmentDamaged(self.path, f"offsets block {block}")
                self._offsets_checked[block] = 1
        offsets = _from_little(packed)
        if stop == self._terms and offsets[-1] != self._postings_size:
            raise ValueError(f"{self.path}: inconsistent index segment")
        return offsets[low - first : high - first + 1]

    def close(self) -> None:
        self._file.close()

    def every_term(self) -> Iterator[tuple[str, bytes]]:
        """Every term with its stored postings (a bitmap when `len == (span + 7) // 8`), for a merge.

        The whole file is read once, every checksum checked (`SegmentDamaged`)."""
        offsets = self._offsets(0, self._terms) if self._terms else _u32([0])
        data = self._postings(0, self._postings_size)
        for block in range(len(self._sparse)):
            first, terms = self._block(self._sparse[block])
            for i, term in enumerate(terms, first):
                yield term.decode("utf-8"), data[offsets[i] : offsets[i + 1]]

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
if not _PREAD:  # pragma: no cover - Windows: a seek and a read under one lock (threads imported only here)
    import threading

    _READ_LOCK = threading.Lock()


def _locked_read(handle: BinaryIO, at: int, size: int) -> bytes:  # pragma: no cover - Windows
    with _READ_LOCK:
        handle.seek(at)
        return handle.read(size)
