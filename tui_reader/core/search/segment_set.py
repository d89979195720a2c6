"""The index's segments as one set: opened, kept up to date with the manifest, repaired.

Why apart from the query: this is the part that touches files. The set reopens its segments
when another process rewrote the manifest, answers a term over all of them (cut to the live
reviews, positions moved for removed ones), and keeps recent answers until the segments change.

A segment found damaged (on opening, or when a lookup reads a block whose checksum fails) is
re-indexed from the library at once; the user is told in one line: `problems`, also said by
`say` if given (the command line prints it: no logging imported for one search), else logged
as a warning on the "tui_reader.search" logger.
"""

from __future__ import annotations

import bisect
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from tui_reader.core.search.manifest import MANIFEST, Manifest, clear_way, gone_of, shift_of
from tui_reader.core.search.segment import Segment, SegmentDamaged, shifted, unpack_positions
from tui_reader.core.store import Store, StoreError

LOOKUPS_KEPT = 64  # terms' sets kept between queries: 64 x 12.5 KB at 100k reviews, 8 MB at 1M


class _Open(NamedTuple):
    """An opened segment: its bits with the `gone` ones cut out, `>> shift`, `& live` (None: all)."""

    segment: Segment
    live: int | None
    shift: int
    gone: tuple[int, ...]  # file positions of removed reviews, descending
    live_bytes: bytes | None  # `live` as little-endian bytes: one position tested without a shift of it


def _log_warning(line: str) -> None:
    import logging  # only when a repair is said: the command line's search imports no logging

    logging.getLogger("tui_reader.search").warning("%s", line)


class SegmentSet:
    """The open segments of `folder`'s manifest; `lookup(term)` answers over all of them."""

    def __init__(self, store: Store, folder: Path, say: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.folder = folder
        self._tell = say or _log_warning
        self._stamp: tuple[int, int] | None = None
        self._manifest = str(folder / MANIFEST)  # stat-ed at every lookup: no path object made each time
        self._segments: list[_Open] = []
        self.problems: list[str] = []  # one line per repair made (a damaged segment re-indexed)
        self._broken: set[str] = set()  # damaged segments that could not be re-indexed: skipped
        self._looked_up: OrderedDict[tuple[str, bool], int] = OrderedDict()  # (term, prefix) -> bits
        self._listed: OrderedDict[str, list[int] | None] = OrderedDict()  # term -> `positions(term)`
        if (line := clear_way(folder)) is not None:  # a file where the folder goes: kept aside, made anew
            self.say(line)

    def forget(self) -> None:
        """Reopen at the next lookup (the manifest was rewritten by us)."""
        self._stamp = None

    def skip(self, name: str) -> None:
        """Answer without this damaged segment from now on (a line said so)."""
        self._broken.add(name)

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self._manifest)
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def now(self) -> list[_Open]:
        """The open segments, reopened when another process rewrote the manifest."""
        if self._manifest_stamp() != self._stamp:
            self._stamp = self._manifest_stamp()
            self._looked_up.clear()
            self._listed.clear()
            self._segments, damaged = self._load()
            if damaged and self.repair(damaged):
                self._stamp = self._manifest_stamp()
                self._segments, damaged = self._load()
            self._broken.update(name for name, _ in damaged)  # still damaged: a line was said, skip it
        return self._segments

    def _load(self) -> tuple[list[_Open], list[tuple[str, str]]]:
        """The segments that open, each with its live mask and shift; and (file, why) for those that do not."""
        manifest = Manifest.read(self.folder)
        if manifest is None:
            return [], []
        opened: list[_Open] = []
        damaged: list[tuple[str, str]] = []
        later = 0
        for entry in reversed(manifest.segments):
            covers = 0
            for start, stop in entry.get("covers", ()):
                covers |= ((1 << (stop - start)) - 1) << start
            name = str(entry.get("file"))
            if name in self._broken:
                continue
            try:
                segment = Segment(self.folder / name)
            except SegmentDamaged as error:
                damaged.append((name, str(error)))
                continue
            except (OSError, ValueError) as error:  # emptied, cut short, not a segment at all
                why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                damaged.append((name, f"{name} is unreadable ({why.removeprefix(f'{self.folder / name}: ')})"))
                continue
            gone = tuple(sorted(gone_of(entry), reverse=True))
            live = None if not later else covers & ~later
            live_bytes = None if live is None else live.to_bytes((live.bit_length() + 7) // 8, "little")
            opened.append(_Open(segment, live, shift_of(entry), gone, live_bytes))
            later |= covers
        opened.reverse()
        return opened, damaged

    def repair(self, damaged: list[tuple[str, str]]) -> bool:
        """Re-index the reviews of damaged segments, saying so in one line. False when it could not."""
        from tui_reader.core.search import build  # the writing side: imported only to repair

        what = "; ".join(why for _, why in damaged)
        try:
            count = build.repair(self.store, self.folder, {name for name, _ in damaged})
        except (OSError, StoreError) as error:
            self.say(f"search index: {what}; could not re-index ({error}): some reviews may be missing from results")
            return False
        self.say(f"search index: {what}; re-indexed {count} review{'s' * (count != 1)} from the library")
        return True

    def say(self, line: str) -> None:
        """A repair's line, kept in `problems` and told, once."""
        if line not in self.problems:
            self.problems.append(line)
            self._tell(line)

    def lookup(self, term: str, prefix: bool = False) -> int:
        """The reviews holding `term` (or a word starting with it), over every segment.

        Kept for the next queries until the segments change: the live filter asks the same
        terms again at every key, and a rare word's cost is one read per segment, not its hits.
        """
        segments = self.now()  # reopened (and this cache emptied) when the manifest changed
        found = self._looked_up.get((term, prefix))
        if found is not None:
            self._looked_up.move_to_end((term, prefix))
            return found
        found = 0
        for segment, live, shift, gone, _ in segments:
            bits = segment.prefix_bits(term) if prefix else segment.bits(term)
            for hole in gone:  # descending: removed reviews' bits cut out, the ones above moved down
                if bits >> hole:
                    bits = bits & ((1 << hole) - 1) | bits >> (hole + 1) << hole
            if shift:
                bits >>= shift  # reviews removed before this segment's: its positions moved up
            found |= bits if live is None else bits & live
        self._looked_up[(term, prefix)] = found
        if len(self._looked_up) > LOOKUPS_KEPT:
            self._looked_up.popitem(last=False)
        return found

    def positions(self, term: str) -> list[int] | None:
        """The reviews holding `term`, ascending, read from the segments' position lists; None when
        a segment stores it as a bitmap (a common word: `lookup` is the way then).

        Why besides `lookup`: a rare word's few hits went from positions to a bitset and back to
        positions, and finding 284 scattered bits in 100k took more than FTS5's whole query.
        Kept for the next queries as `lookup` keeps its sets.
        """
        segments = self.now()
        if term in self._listed:
            self._listed.move_to_end(term)
            return self._listed[term]
        self._listed[term] = found = self._positions_in(segments, term)
        if len(self._listed) > LOOKUPS_KEPT:
            self._listed.popitem(last=False)
        return found

    @staticmethod
    def _positions_in(segments: list[_Open], term: str) -> list[int] | None:
        found: list[int] = []
        for segment, _, shift, gone, live_bytes in segments:
            packed = segment.packed_positions(term)
            if packed is None:
                return None
            if packed:
                found.extend(_placed(unpack_positions(shifted(packed, segment.base)), gone, shift, live_bytes))
        return sorted(set(found))  # each review is live in one segment: the set is a safeguard


def _placed(positions: Sequence[int], gone: tuple[int, ...], shift: int, live: bytes | None) -> list[int]:
    """A segment's positions as `lookup` places its bits: removed ones left out and the ones above
    each moved down, then moved down by `shift`, then only those `live`."""
    if gone:
        holes = sorted(gone)
        left = set(gone)
        positions = [p - bisect.bisect_left(holes, p) for p in positions if p not in left]
    moved = [p - shift for p in positions if p >= shift] if shift else list(positions)
    if live is None:
        return moved
    return [p for p in moved if (p >> 3) < len(live) and live[p >> 3] >> (p & 7) & 1]
