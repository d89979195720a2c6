"""Writing the index: which reviews changed since it was built, and new segments for them.

The index keeps the catalog's digest column as it was when indexed, so comparing
the two lists (in C, milliseconds for 100k) says whether it is fresh, and which
positions were added or changed by an import, whoever ran it. Changed reviews go
into a new segment whose coverage hides their old postings; the newest small
segments are then merged by size tiers (`merge`), so an import costs what it adds
at any library size; only when most reviews changed is everything rebuilt. A segment found
damaged (its checksums fail) is dropped and its reviews indexed again (`repair`).

Removing reviews (`forget`) moves every later review up in the catalog. Segments
keep their files: a manifest entry gets `gone`, the positions in its file whose
reviews were removed (their bits are cut out of its answers), and `shift`, how many
removed reviews came before it (subtracted from what is left); its coverage moves
up. Only a segment with more than MAX_GONE holes is dropped and its other reviews
indexed again, so a lookup stays a few big-int operations per segment. A manifest
with shifts is written as SHIFTED_SCHEMA, so an older tui-reader, which would not
apply them, rebuilds instead of answering wrongly.
"""

from __future__ import annotations

import contextlib
import os
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from itertools import compress, repeat
from pathlib import Path
from typing import Any

from tui_reader.core.search import merge
from tui_reader.core.search.fresh import FreshSegment, remove_stale_fresh
from tui_reader.core.search.manifest import DIGESTS_PREFIX as DIGESTS_PREFIX
from tui_reader.core.search.manifest import MANIFEST as MANIFEST
from tui_reader.core.search.manifest import SCHEMA as SCHEMA
from tui_reader.core.search.manifest import SHIFTED_SCHEMA as SHIFTED_SCHEMA
from tui_reader.core.search.manifest import Manifest, gone_of, shift_of
from tui_reader.core.search.segment import segment_name, write_segment
from tui_reader.core.search.speed import without_gc
from tui_reader.core.search.tokens import review_terms
from tui_reader.core.store import Library, Removed, Store
from tui_reader.core.store.atomic import locked

CHUNK = 10_000  # reviews per segment built at once: bounds the memory of a build (~25 MB)
MAX_GONE = 32  # removed reviews cut out of one segment's answers before it is indexed again

Progress = Callable[[int, int], None]


def changed_positions(old: Manifest | None, digests: Sequence[str]) -> list[int] | None:
    """Positions to (re)index; None when everything must be rebuilt."""
    if old is None or len(old.digests) > len(digests):
        return None
    if old.digests == digests:
        return []
    stored = old.digests
    changed = [p for p in range(len(stored)) if stored[p] != digests[p]]
    changed.extend(range(len(stored), len(digests)))
    return None if len(changed) > len(digests) // 2 else changed


def refresh(store: Store, folder: Path, progress: Progress | None = None, fresh: Sequence[FreshSegment] = ()) -> int:
    """Bring the index in `folder` up to date with the library; returns how many reviews were indexed.

    `fresh` segments (written by an import from the reviews it had in memory) are
    adopted where still true; only what they do not cover is read back and indexed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder / "index.lock"):
        return _refresh_locked(store, folder, Manifest.read(folder), progress, fresh)


def repair(store: Store, folder: Path, damaged: Collection[str], progress: Progress | None = None) -> int:
    """Drop the `damaged` segment files from the index and index their reviews again.

    Returns how many reviews were indexed. Another process may have repaired it
    first (the files are no longer listed): then this only brings the index up to date.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder / "index.lock"):
        old = Manifest.read(folder)
        if old is not None and any(str(entry.get("file")) in damaged for entry in old.segments):
            digests = list(old.digests)
            kept = []
            for entry in old.segments:
                if str(entry.get("file")) not in damaged:
                    kept.append(entry)
                    continue
                for start, stop in entry.get("covers", ()):
                    digests[start:stop] = [""] * len(digests[start:stop])  # never a digest: indexed again
            old = Manifest(digests, kept)
        return _refresh_locked(store, folder, old, progress, ())


def forget(store: Store, folder: Path, removed: Removed) -> int:
    """After `Library.remove`: shift the segments past the removed reviews, drop those that held
    one, and index what that leaves uncovered. Returns how many reviews were indexed again.

    Checked against the digests `removed` carries: if the manifest is not the one from before
    the removal (another process caught up first, or it was never built), this is a refresh.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder / "index.lock"):
        old = Manifest.read(folder)
        if old is not None and removed.positions:
            old = _shifted(old, removed)
        return _refresh_locked(store, folder, old, None, (), rewrite=True)


def _shifted(old: Manifest, removed: Removed) -> Manifest | None:
    """The manifest as it would be had it been written after the removal; None: rebuild it."""
    indexed = len(old.digests)
    if indexed > removed.count_before:
        return None  # not the catalog we removed from
    gone = [p for p in removed.positions if p < indexed]  # reviews never indexed need nothing
    if any(old.digests[p] != d for p, d in zip(removed.positions, removed.digests, strict=True) if p < indexed):
        return None
    keep = bytearray(b"\x01") * indexed
    for position in gone:
        keep[position] = 0
    digests = list(compress(old.digests, keep))
    segments: list[dict[str, Any]] = []
    for entry in old.segments:
        covers = [(int(start), int(stop)) for start, stop in entry.get("covers", ())]
        if not covers:
            continue
        low, high = min(start for start, _ in covers), max(stop for _, stop in covers)
        first, last = bisect_left(gone, low), bisect_left(gone, high)
        moved = [[start - bisect_left(gone, start), stop - bisect_left(gone, stop)] for start, stop in covers]
        moved = [pair for pair in moved if pair[0] < pair[1]]
        if not moved:
            continue  # every review it held is removed
        within = gone[first:last]
        if len(gone_of(entry)) + len(within) <= MAX_GONE:
            held = _in_file(entry, within)
            changed = {"covers": moved, "shift": shift_of(entry) + first, "gone": sorted(gone_of(entry) + held)}
            segments.append({**entry, **{key: value for key, value in changed.items() if value}})
            continue
        for start, stop in moved:  # too many holes: dropped, and what it covered is indexed again
            digests[start:stop] = [""] * (stop - start)
    return Manifest(digests, segments)


def _in_file(entry: dict[str, Any], positions: list[int]) -> list[int]:
    """Catalog positions (ascending, within the segment's span) as the segment's file numbers them."""
    holes = gone_of(entry)
    found = []
    for position in positions:
        number = position + shift_of(entry)
        for hole in holes:  # ascending: each earlier hole pushes the file position one further
            if hole <= number:
                number += 1
        found.append(number)
    return found


def _refresh_locked(
    store: Store,
    folder: Path,
    old: Manifest | None,
    progress: Progress | None,
    fresh: Sequence[FreshSegment],
    *,
    rewrite: bool = False,
) -> int:
    """`refresh` with the index lock held, from the `old` manifest (None: rebuild everything);
    `rewrite`: `old` is not the manifest on disk, so it is written even when nothing is indexed."""
    remove_stale_fresh(folder)
    library = store.library
    if library.changed_on_disk():
        library.load()
    base = library.base_file()
    if old is not None and not rewrite and _only_appended_since(old, library, base):
        added = [library.cell("digest", position) for position in range(old.count, len(library))]
        manifest = Manifest.extended(old, added, token=library.token, base=base)
        changed: list[int] | None = list(range(old.count, len(library)))

        def digests_of(start: int, stop: int) -> list[str]:
            return [library.cell("digest", position) for position in range(start, min(stop, len(library)))]

    else:
        digests = list(library.column("digest"))
        changed = changed_positions(old, digests)
        segments = [] if changed is None or old is None else list(old.segments)
        manifest = Manifest(digests, segments, token=library.token, base=base)

        def digests_of(start: int, stop: int) -> list[str]:
            return digests[start:stop]

    todo = list(range(len(library))) if changed is None else changed
    if changed == [] and old is not None:
        _drop(fresh)
        if rewrite or old.token != library.token or old.base != base:  # known fresh for this catalog from now on
            manifest.write(folder)
            _remove_unlisted(folder, manifest)
        return 0
    adopted = _adopt(folder, fresh, digests_of, manifest)
    if adopted:
        todo = [position for position in todo if position not in adopted]
    for start in range(0, len(todo), CHUNK):
        manifest.segments.append(_write_chunk(store, folder, todo[start : start + CHUNK]))
        if progress is not None:
            progress(min(start + CHUNK, len(todo)), len(todo))
    _merge_newest(folder, manifest)
    manifest.write(folder)
    _remove_unlisted(folder, manifest)
    return len(todo) + len(adopted)


def _merge_newest(folder: Path, manifest: Manifest) -> None:
    """Merge the newest small segments while `merge.plan` says so; a damaged one stops it (the
    query that meets it re-indexes it)."""
    while count := merge.plan(manifest.segments, CHUNK):
        try:
            entry = merge.merge(folder, manifest.segments[-count:])
        except (OSError, ValueError):
            return
        manifest.segments[-count:] = [entry]


def _only_appended_since(old: Manifest, library: Library, base: tuple[str, int] | None) -> bool:
    """The rows `old` was checked against are all still there, unchanged, and others were only
    appended: the same catalog file or one grown from it by folds (`Library.extends`: rows are
    never changed in place), and the last of them the same digest. Then only the new rows'
    digests are read, not the whole column (1M: 80 ms), and appended to the digests file."""
    if base is None or old.base is None or not old.base[1] <= old.count <= len(library) or old.count == 0:
        return False
    if not library.extends(old.base):
        return False
    return old.last is not None and library.cell("digest", old.count - 1) == old.last


def _adopt(
    folder: Path, fresh: Sequence[FreshSegment], digests_of: Callable[[int, int], list[str]], manifest: Manifest
) -> set[int]:
    """List each fresh segment whose reviews all still have the digest they were indexed with.

    Any other is deleted: a review changed since (another process imported it), so
    its postings may be stale; its positions are in `todo` and get read back.
    """
    adopted: set[int] = set()
    for segment in fresh:
        if digests_of(segment.base, segment.base + len(segment.digests)) != segment.digests:
            _drop([segment])
            continue
        name = segment_name()
        try:
            os.replace(segment.path, folder / name)
        except OSError:
            _drop([segment])
            continue
        covers = segment.covers()
        manifest.segments.append({"file": name, "covers": [[covers.start, covers.stop]]})
        adopted.update(covers)
    return adopted


def _drop(segments: Sequence[FreshSegment]) -> None:
    for segment in segments:
        with contextlib.suppress(OSError):
            segment.path.unlink()


def _write_chunk(store: Store, folder: Path, positions: list[int]) -> dict[str, Any]:
    """Index reviews at these (ascending) positions into one new segment file; returns its manifest entry."""
    base = positions[0] if positions else 0
    span = positions[-1] - base + 1 if positions else 0
    postings: defaultdict[str, list[int]] = defaultdict(list)
    with without_gc():
        for position in positions:
            review = store.library.get_at(position)
            if review is None:
                continue
            # postings[term].append(position - base) for every term, looped in C: `any`
            # drains the map (append returns None), defaultdict makes missing lists.
            any(map(list.append, map(postings.__getitem__, review_terms(review)), repeat(position - base)))
    name = segment_name()
    write_segment(folder / name, postings, base, span)
    return {"file": name, "covers": _ranges(positions)}


def _ranges(positions: list[int]) -> list[list[int]]:
    """Sorted positions as [start, stop) runs: a whole-library chunk is one pair."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and runs[-1][1] == position:
            runs[-1][1] += 1
        else:
            runs.append([position, position + 1])
    return runs


def _remove_unlisted(folder: Path, manifest: Manifest) -> None:
    listed = {str(segment["file"]) for segment in manifest.segments}
    for path in folder.glob("seg-*.bin"):
        if path.name not in listed:
            with contextlib.suppress(OSError):  # still mapped by a reader on Windows: next time
                path.unlink()
