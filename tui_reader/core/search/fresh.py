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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui_reader.core.search.segment import bits_of, is_dense, positions_of, segment_name, write_segment

CHUNK = 10_000  # positions per segment, as a build writes them: the memory bound of one chunk
PREFIX = "fresh-"
STALE_AFTER_S = 6 * 3600  # a fresh file this old was left by a crashed import


@dataclass(slots=True)
class _Chunk:
    """Postings of consecutive positions from `base` on, as term -> bitset, while collected."""

    base: int
    # term -> its blocks: (offset of the block from base, its reviews as indexes or a bitset)
    postings: dict[str, list[tuple[int, int | list[int]]]] = field(default_factory=dict)
    digests: list[str] = field(default_factory=list)  # per position from base

    @property
    def end(self) -> int:
        return self.base + len(self.digests)


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
    bitset over the block (bit i = the block's i-th review), made by the parsing
    worker. Merging a block costs per distinct term, not per posting (see `_joined`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.segments: list[FreshSegment] = []
        self._chunk: _Chunk | None = None
        self._failed = False  # a segment could not be written: stop, the build reads them back

    def add_block(self, first: int, digests: Sequence[str], found: Mapping[str, int | list[int]]) -> None:
        if self._failed or not digests:
            return
        chunk = self._chunk
        if chunk is not None and (chunk.end != first or len(chunk.digests) >= CHUNK):
            self.gap()
            chunk = None
        if chunk is None:
            chunk = self._chunk = _Chunk(first)
        shift = first - chunk.base
        postings = chunk.postings
        for term, reviews in found.items():
            blocks = postings.get(term)
            if blocks is None:
                postings[term] = [(shift, reviews)]
            else:
                blocks.append((shift, reviews))
        chunk.digests.extend(digests)

    def gap(self) -> None:
        """Reviews not given here come next: write what is collected, so blocks stay consecutive."""
        chunk, self._chunk = self._chunk, None
        if chunk is None or not chunk.digests or self._failed:
            return
        path = self.folder / segment_name(PREFIX)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_segment(path, _joined(chunk.postings, len(chunk.digests)), chunk.base, len(chunk.digests))
        except OSError:  # a full or read-only disk must not fail the import itself
            self._failed = True
            return
        self.segments.append(FreshSegment(path, chunk.base, chunk.digests))

    def finish(self) -> list[FreshSegment]:
        """Write what is still collected; the segments in the order they must be adopted."""
        self.gap()
        return self.segments

    def discard(self) -> None:
        """Remove every fresh file of ours that was not adopted."""
        for segment in self.segments:
            with contextlib.suppress(OSError):
                segment.path.unlink()
        self.segments.clear()
        self._chunk = None


def _joined(postings: dict[str, list[tuple[int, int | list[int]]]], span: int) -> dict[str, int | list[int]]:
    """Each term's blocks as the segment stores it: positions when rare, a bitset when common.

    Per block, a rare term's indexes are shifted (a list comprehension) and a common
    term's bitset is shifted whole; peeling bits one by one off an int happens only
    for the odd term that is common in one block and rare over the chunk.
    """
    joined: dict[str, int | list[int]] = {}
    for term, blocks in postings.items():
        if len(blocks) == 1 and not blocks[0][0] and isinstance(blocks[0][1], list):
            joined[term] = blocks[0][1]  # most terms: in one block only, rare, at the chunk's start
            continue
        count = sum(len(b) if isinstance(b, list) else b.bit_count() for _, b in blocks)
        if is_dense(count, span):
            whole = 0
            for shift, found in blocks:
                whole |= (bits_of(found, span - shift) if isinstance(found, list) else found) << shift
            joined[term] = whole
        else:
            joined[term] = [
                shift + index
                for shift, found in blocks
                for index in (found if isinstance(found, list) else positions_of(found))
            ]
    return joined


def remove_stale_fresh(folder: Path) -> None:
    """Fresh files left by an import that died before adopting them."""
    cutoff = time.time() - STALE_AFTER_S
    for path in folder.glob(f"{PREFIX}*.bin"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
