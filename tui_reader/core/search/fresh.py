"""Index postings for reviews an import has just stored, made from the reviews in memory.

Why: indexing after an import used to read every new review back from its shard
(a fifth of the index build on IMDB) and tokenise it there, after parsing had
finished. Instead the importer hands each stored review's terms (tokenised by
the parsing workers, on every core) to `FreshPostings`, which writes them as
segment files named `fresh-*` that no manifest lists yet. `build.refresh` adopts
a fresh segment only when every review it holds still has the digest it was
indexed with; otherwise it is deleted and those reviews are read back as before.
So a crash, or another process importing meanwhile, can cost time, never a
wrong answer.
"""

from __future__ import annotations

import contextlib
import time
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, count, repeat
from pathlib import Path

from tui_reader.core.search.segment import (
    Stored,
    bits_of,
    is_dense,
    pack_positions,
    positions_of,
    segment_name,
    shifted,
    unpack_positions,
    write_segment,
)
from tui_reader.core.store.atomic import StoreError

CHUNK = 10_000  # positions per segment, as a build writes them: the memory bound of one chunk
PREFIX = "fresh-"
STALE_AFTER_S = 6 * 3600  # a fresh file this old was left by a crashed import


@dataclass(frozen=True, slots=True)
class BlockPostings:
    """A parsed batch's postings, packed for the trip to the main process and a cheap merge there.

    Why packed: a batch has ~20k distinct terms, most of them rare. Their review
    indexes share one u32 array (`packed`, term after term; `ends[i]` is the byte
    where term i's end), so pickling is a few big objects instead of 20k small
    lists, and the main process shifts every index of a block at once
    (`segment.shifted`) instead of one by one. A common term is a bitset (`common`).
    """

    rare_terms: list[str]
    ends: list[int]
    packed: bytes
    common: dict[str, int]

    @classmethod
    def of(cls, found: Mapping[str, list[int]], span: int) -> BlockPostings:
        """From term -> ascending indexes of the `span` reviews holding it."""
        rare_terms: list[str] = []
        rare: list[list[int]] = []
        common: dict[str, int] = {}
        for term, reviews in found.items():
            if is_dense(len(reviews), span):
                common[term] = bits_of(reviews, span)
            else:
                rare_terms.append(term)
                rare.append(reviews)
        ends = list(accumulate(4 * len(reviews) for reviews in rare))
        return cls(rare_terms, ends, pack_positions(chain.from_iterable(rare)), common)

    def items(self) -> Iterator[tuple[str, int | list[int]]]:
        """Term -> its reviews' indexes (a list) or bitset, unpacked: for inspection."""
        yield from self.common.items()
        for term, start, end in zip(self.rare_terms, [0, *self.ends], self.ends, strict=False):
            yield term, unpack_positions(self.packed[start:end]).tolist()


@dataclass(slots=True)
class _Chunk:
    """Postings of consecutive positions from `base` on, merged block by block as they come.

    A term's reviews are kept as packed positions from `base` while it is rare in
    every block, plus a bitset of the blocks where it is common: merging a block
    costs one slice (rare) or one shift-and-OR (common) per term, and most terms
    need nothing more when the chunk is written (see `_joined`).
    """

    base: int
    rare: dict[str, bytes] = field(default_factory=dict)  # term -> packed positions from base, ascending
    common: dict[str, int] = field(default_factory=dict)  # term -> bitset over positions from base
    digests: list[str] = field(default_factory=list)  # per position from base

    @property
    def end(self) -> int:
        return self.base + len(self.digests)

    def add(self, shift: int, block: BlockPostings) -> None:
        """A block of reviews at `shift` from base."""
        common = self.common
        for term, bits in block.common.items():
            common[term] = common.get(term, 0) | bits << shift
        rare = self.rare
        packed = shifted(block.packed, shift)
        start = 0
        for term, end in zip(block.rare_terms, block.ends, strict=True):
            # A plain loop: a `dict.update` of the same looped in C (`map`, `operator.add`) measured 25% slower.
            earlier = rare.get(term)
            rare[term] = packed[start:end] if earlier is None else earlier + packed[start:end]
            start = end


@dataclass(frozen=True, slots=True)
class FreshSegment:
    """A written fresh segment: its file and, per position it covers, the digest indexed."""

    path: Path
    base: int
    digests: list[str]

    def covers(self) -> range:
        return range(self.base, self.base + len(self.digests))


class FreshPostings:
    """`add_block(first, digests, bits)` per batch of stored reviews, `finish()`, then
    `build.refresh` adopts.

    A block is the reviews a batch stored at consecutive positions, with each term's
    reviews in the block (indexes, or a bitset: bit i = the block's i-th review), made
    by the parsing worker. Merging a block costs one step per term (`_Chunk.add`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.segments: list[FreshSegment] = []
        self._chunk: _Chunk | None = None
        self._failed = False  # a segment could not be written: stop, the build reads them back

    def add_block(self, first: int, digests: Sequence[str], found: BlockPostings) -> None:
        if self._failed or not digests:
            return
        chunk = self._chunk
        if chunk is not None and chunk.end != first:
            self.gap()
            chunk = None
        elif chunk is not None and len(chunk.digests) >= CHUNK:  # full: written, not a gap
            self._write()
            chunk = None
        if chunk is None:
            chunk = self._chunk = _Chunk(first)
        chunk.add(first - chunk.base, found)
        chunk.digests.extend(digests)

    def gap(self) -> None:
        """Reviews not given here come next: write what is collected, so blocks stay consecutive."""
        self._write()

    def _write(self) -> None:
        """Write the blocks collected as one segment."""
        chunk, self._chunk = self._chunk, None
        if chunk is None or not chunk.digests or self._failed:
            return
        path = self.folder / segment_name(PREFIX)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_segment(path, _joined(chunk, len(chunk.digests)), chunk.base, len(chunk.digests))
        # A full or read-only disk (`atomic_write` says StoreError) must not fail the import.
        except (OSError, StoreError):
            self._failed = True
            return
        self.segments.append(FreshSegment(path, chunk.base, chunk.digests))

    def finish(self) -> list[FreshSegment]:
        """Write what is still collected; the segments in the order they must be adopted."""
        self._write()
        return self.segments

    def discard(self) -> None:
        """Remove every fresh file of ours that was not adopted."""
        for segment in self.segments:
            with contextlib.suppress(OSError):
                segment.path.unlink()
        self.segments.clear()
        self._chunk = None


def _joined(chunk: _Chunk, span: int) -> Stored:
    """Each term's reviews as the segment stores them: positions when rare, a bitmap when dense.

    Most terms are rare in every block and over the chunk: their packed positions are
    passed on as they are, all at once (`map`, looped in C; no call per term in
    `write_segment`). Only a term common in some block, or dense over the whole chunk,
    goes through a bitset here.
    """
    terms = [*chunk.rare, *(chunk.common.keys() - chunk.rare.keys())]
    terms.sort()
    postings = list(map(chunk.rare.get, terms, repeat(b"")))
    bitmap_size = (span + 7) // 8
    dense = compress(count(), map(bitmap_size.__le__, map(len, postings)))  # is_dense, by bytes
    for at in sorted({*dense, *(bisect_left(terms, term) for term in chunk.common)}):
        packed = postings[at]
        whole = chunk.common.get(terms[at], 0) | (bits_of(unpack_positions(packed), span) if packed else 0)
        dense_too = is_dense(whole.bit_count(), span)
        postings[at] = whole.to_bytes(bitmap_size, "little") if dense_too else pack_positions(positions_of(whole))
    return Stored(terms, postings)


def remove_stale_fresh(folder: Path) -> None:
    """Fresh files left by an import that died before adopting them."""
    cutoff = time.time() - STALE_AFTER_S
    for path in folder.glob(f"{PREFIX}*.bin"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
