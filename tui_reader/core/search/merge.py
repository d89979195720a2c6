"""Merging the newest small segments into one, so that an import costs what it adds.

Why: every import adds a segment, and the index used to be rebuilt whole from the
library once it held 12 (a one-file import into 110k reviews took 36-40 s). Now
segments merge by size tiers, a factor `FACTOR` apart, like a binary counter in base
8: when the newest `FACTOR` or more segments are all of a tier or below, they become
one. A review is thus rewritten about once per tier (log8 of the segment size), and
a segment of `sealed` reviews or more (what a build writes) is never rewritten by an
import. Only the newest segments merge, so the merged one takes their place at the
end of the manifest and wins over older ones as they did.

A merge reads the segments' postings, not the library: a clean segment (no removed
reviews, none of its reviews indexed again later) has its packed positions shifted
and concatenated as they are; any other goes through a bitset per term, with its
removed reviews cut out and what newer segments hide masked off.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from tui_reader.core.search.fresh import _Chunk, _joined
from tui_reader.core.search.manifest import gone_of, shift_of
from tui_reader.core.search.segment import Segment, bits_of, segment_name, shifted, unpack_positions, write_segment

FACTOR = 8


def covers_of(entry: dict[str, Any]) -> list[tuple[int, int]]:
    return [(int(start), int(stop)) for start, stop in entry.get("covers", ())]


def size_of(entry: dict[str, Any]) -> int:
    return sum(stop - start for start, stop in covers_of(entry))


def tier_of(size: int) -> int:
    tier = 0
    while size >= FACTOR:
        size //= FACTOR
        tier += 1
    return tier


def plan(entries: Sequence[dict[str, Any]], sealed: int) -> int:
    """How many of the newest `entries` to merge into one now (0: none), smallest tier first."""
    tiers: list[int] = []  # newest first, up to the first sealed segment
    for entry in reversed(entries):
        size = size_of(entry)
        if size >= sealed:
            break
        tiers.append(tier_of(size))
    for tier in sorted(set(tiers)):
        count = next((n for n, t in enumerate(tiers) if t > tier), len(tiers))
        if count >= FACTOR:
            return count
    return 0


def _mask(covers: list[tuple[int, int]]) -> int:
    mask = 0
    for start, stop in covers:
        mask |= ((1 << (stop - start)) - 1) << start
    return mask


def merge(folder: Path, group: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Write one segment holding what the `group` (manifest order, the newest last) answers;
    returns its manifest entry. OSError or ValueError (`SegmentDamaged`) when one cannot be read."""
    masks = [_mask(covers_of(entry)) for entry in group]
    served: list[int] = []  # per segment, the positions no newer one in the group covers
    later = 0
    for mask in reversed(masks):
        served.append(mask & ~later)
        later |= mask
    served.reverse()
    low = (later & -later).bit_length() - 1 if later else 0
    span = later.bit_length() - low
    chunk = _Chunk(low)
    clean: list[Segment] = []
    dirty: list[tuple[Segment, dict[str, Any], int]] = []
    opened: list[Segment] = []
    try:
        for entry, mask, serve in zip(group, masks, served, strict=True):
            segment = Segment(folder / str(entry["file"]))
            opened.append(segment)
            inside = mask >> (segment.base + segment.span) == 0 and mask & ((1 << segment.base) - 1) == 0
            if serve == mask and inside and not entry.get("gone") and not entry.get("shift"):
                clean.append(segment)
            else:
                dirty.append((segment, entry, serve))
        clean.sort(key=lambda segment: segment.base)
        if any(a.base + a.span > b.base for a, b in pairwise(clean)):
            dirty += [(segment, group[opened.index(segment)], served[opened.index(segment)]) for segment in clean]
            clean = []
        for segment in clean:
            _add_clean(chunk, segment)
        for segment, entry, serve in dirty:
            _add_dirty(chunk, segment, entry, serve >> low)
    finally:
        for segment in opened:
            segment.close()
    name = segment_name()
    write_segment(folder / name, _joined(chunk, span), low, span)
    return {"file": name, "covers": _runs(later)}


def _add_clean(chunk: _Chunk, segment: Segment) -> None:
    """Every posting of `segment` as it is, moved to the merged base (positions stay ascending:
    clean segments come in base order and do not overlap)."""
    shift = segment.base - chunk.base
    bitmap_size = (segment.span + 7) // 8
    rare, common = chunk.rare, chunk.common
    for term, stored in segment.every_term():
        if len(stored) == bitmap_size:
            common[term] = common.get(term, 0) | int.from_bytes(stored, "little") << shift
        else:
            rare[term] = rare.get(term, b"") + shifted(stored, shift)


def _add_dirty(chunk: _Chunk, segment: Segment, entry: dict[str, Any], serve: int) -> None:
    """`segment`'s postings with its removed reviews cut out, moved as `shift` says, and only
    the positions it serves (`serve`, from the merged base) kept; as the index's lookup does."""
    holes = sorted((hole - segment.base for hole in gone_of(entry)), reverse=True)
    move = segment.base - shift_of(entry) - chunk.base
    bitmap_size = (segment.span + 7) // 8
    common = chunk.common
    for term, stored in segment.every_term():
        if len(stored) == bitmap_size:
            bits = int.from_bytes(stored, "little")
        else:
            bits = bits_of(unpack_positions(stored), segment.span)
        for hole in holes:
            if hole >= 0 and bits >> hole:
                bits = bits & ((1 << hole) - 1) | bits >> (hole + 1) << hole
        bits = (bits << move if move >= 0 else bits >> -move) & serve
        if bits:
            common[term] = common.get(term, 0) | bits


def _runs(mask: int) -> list[list[int]]:
    """The set bits of `mask` as [start, stop) runs."""
    runs: list[list[int]] = []
    at = 0
    while mask:
        skip = (mask & -mask).bit_length() - 1
        mask >>= skip
        at += skip
        length = (~mask & (mask + 1)).bit_length() - 1
        runs.append([at, at + length])
        mask >>= length
        at += length
    return runs
