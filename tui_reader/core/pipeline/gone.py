"""Which stored reviews a file read again no longer holds: kept (the user's notes may hang on
them), but said in the import's summary, and found again by `remove --gone PATH`.

Only a whole re-read of the same file can say a review is gone from it, and only of what that
file gave before: each file read whole keeps a record of the ids it gave (`store.read_files`).
A stored review is gone from a file when the file's record holds it, no file of this import gave
it (as stored: after `older_ids`), and it is still stored from that file (its source: another
file read since holds it). Prefer saying nothing to saying something false, as `remove --gone`
acts on it. Nothing new is claimed for a file with no record yet (read first, or first since
records were kept: what an older importer stored is no evidence), whose bytes are the same as
when it was recorded (it cannot have lost anything since; an importer that now SKIPS an item is
no file that lost it), which skipped more items than it did then (a skip may be the item), or
which gave none of the ids its record holds (another name for it, naming its rows otherwise).
A link and its target are two names: each has its own record. A file saved again under another
name (`All (1).csv`) whose every review stored before came from one other recorded file takes
that file's record over. Never claimed: sources a file does not own (our own export), threads
merged across dumps, files listed but not read, an import stopped at a limit, live sources.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.content.models import Review
from tui_reader.core.content.text import plural, visible
from tui_reader.core.store.atomic import StoreError
from tui_reader.core.store.read_files import (
    FileRecord,
    file_stamp,
    read_records,
    record_name,
    updating_records,
)

if TYPE_CHECKING:
    from tui_reader.core.pipeline.parse_pool import ParsedFile
    from tui_reader.core.store import Store

NAMES_SHOWN = 3  # the summary names this many files the gone reviews were in
# A file takes an older file's record over only when it is that export saved again: named as a
# browser or a file manager names a copy (`All (1).csv`, `All - Copy.csv`, or the same name in
# another folder) and giving more than half the ids that record holds. A part cut out of the
# export (`part1.csv`, half its rows) is not: its "gone" would be the other half, still in the first.
_COPY_SUFFIX = re.compile(r"(?: \(\d+\)| - copy(?: \(\d+\))?| copy(?: \d+)?)$", re.IGNORECASE)


@dataclass(slots=True)
class GoneRows:
    """One import's account of the files it read whole, and what they no longer hold."""

    owned: dict[str, str] = field(default_factory=dict)  # a source a file owns -> that file
    partial: set[str] = field(default_factory=set)  # files read in part, or holding parts of threads
    given: dict[str, set[str]] = field(default_factory=dict)  # file -> the ids it gave, as stored
    skipped: Counter[str] = field(default_factory=Counter)  # file -> items its importer left out
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> the source and digest stored before
    gone: dict[str, list[str]] = field(default_factory=dict)  # where (a file, a zip member) -> ids no longer in it
    unrecorded: set[str] = field(default_factory=set)  # files read whole with no record to compare with
    problem: str = ""  # the records could not be written: said, and the import stands
    sources: dict[str, str] = field(default_factory=dict)  # file -> the source its reviews are stored under
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # file -> its stamp when parsed (a worker's)

    def read(self, outcome: ParsedFile) -> None:
        """One file, or one part of it: the sources it owns (itself, a zip's members) or why it can
        say nothing (a part failed; it holds fragments of threads that other files complete)."""
        path, parsed = str(outcome.path), outcome.parsed
        if parsed is None or parsed.threads or parsed.fragments:
            self.partial.add(path)
            return
        self.given.setdefault(path, set())
        if outcome.stamp is not None:
            self.stamps.setdefault(path, outcome.stamp)
        if parsed.skipped:
            self.skipped[path] += sum(skipped.items for skipped in parsed.skipped if not skipped.is_note)
        sources = {review.source for review in parsed.reviews}
        names = _spellings(parsed.path, resolved=False)
        inside = sources <= names
        if not inside:  # a table's or a zip's: the resolved path (a realpath is ~40 µs a file)
            names = _spellings(parsed.path)
            inside = sources <= names
        for name in names:
            self.owned.setdefault(name, path)
        if not inside:
            for source in sources - names:
                if any(source.startswith(name + "/") for name in names):
                    self.owned.setdefault(source, path)
        stored_under = next(iter(sources)) if inside and len(sources) == 1 else None
        self.sources.setdefault(path, stored_under or os.path.realpath(parsed.path))

    def saw(self, reviews: list[Review], store: Store) -> list[Review]:
        """The reviews a file gave, under the ids they are stored with; returned as they came. Those
        stored from another file: where from, and their digest (the same export saved again under
        another name takes that file's record over; its reviews are not "updated")."""
        library = store.library
        for review in reviews:
            path = self.owned.get(review.source)
            if path is not None:
                self.given[path].add(review.id)
        if len(library):
            found = [(review, p) for review in reviews if (p := library.position(review.id)) is not None]
            sources = library.cells("source", [p for _, p in found])
            elsewhere = [(review, p, s) for (review, p), s in zip(found, sources, strict=True) if s != review.source]
            digests = library.cells("digest", [p for _, p, _ in elsewhere])
            for (review, _, source), stored_digest in zip(elsewhere, digests, strict=True):
                self.moved[review.id] = (source, stored_digest)
        return reviews

    def only_moved(self, review: Review) -> bool:
        """The review differs from its stored copy only in the file it was read from: unchanged."""
        from tui_reader.core.store.catalog_rows import digest

        before = self.moved.get(review.id)
        return before is not None and digest(replace(review, source=before[0])) == before[1]

    def settle(self, store: Store, *, stopped: bool, dry_run: bool) -> None:
        """After the import: what each file read whole no longer holds, and (not a dry run) each
        one's record. An import stopped at a limit says and records nothing (what it did not
        reach is not gone; the file it stopped in was not read whole)."""
        paths = [path for path in self.given if path not in self.partial]
        if stopped or not paths:
            return
        if dry_run:
            self._settle(store, paths, read_records(store.data_dir))
            return
        try:
            with updating_records(store.data_dir) as records:
                self._settle(store, paths, records)
        except (StoreError, OSError) as error:  # the reviews are stored: only the claims must wait
            self.problem = f"{error}; what files no longer hold is said once it can be recorded"

    def _settle(self, store: Store, paths: list[str], records: dict[str, FileRecord]) -> None:
        """Each file's gone reviews into `gone`, its new record into `records`."""
        library, holders = store.library, None
        owns: dict[str, set[str]] = {}  # once, not per file: 25k files made it quadratic (~50 s)
        for source, owner in self.owned.items():
            owns.setdefault(owner, set()).add(source)
        for path in paths:
            name, seen = record_name(path), self.given[path]
            mine = owns.get(path, set())
            record = records.get(name)
            before, took, previous = (record, record.took, name) if record else self._taken_over(path, records)
            stamp = self.stamps.get(path) or file_stamp(path) or (-1, -1)
            gone: set[str] = set()
            if before is None:
                self.unrecorded.add(path)
            else:
                allowed = mine | ({took} if took else set())
                ids = sorted(before.held - seen)
                positions = [library.position(review_id) for review_id in ids]
                stored = [(i, p) for i, p in zip(ids, positions, strict=True) if p is not None]
                sources = library.cells("source", [p for _, p in stored])
                candidates = {i: s for (i, _), s in zip(stored, sources, strict=True) if s in allowed}
                if candidates:  # not those a copy of the file, or the file taken over from, still holds
                    holders = holders or _Holders(records, self.given)
                    candidates = {i: s for i, s in candidates.items() if not holders.elsewhere(i, {name, previous})}
                new = set(candidates) - before.gone
                same_bytes = record is not None and record.stamp == stamp
                claims_new = not same_bytes and self.skipped[path] <= before.skipped and bool(before.held & seen)
                gone = set(candidates) if claims_new else set(candidates) - new
                for review_id in sorted(gone):
                    self.gone.setdefault(_where(path, candidates[review_id]), []).append(review_id)
            if previous != name and previous in records:  # what it lost is this file's to say now
                old = records[previous]
                records[previous] = old._replace(held=old.held - gone, gone=old.gone - gone)
            records[name] = FileRecord(
                self.sources[path], frozenset(seen | gone), frozenset(gone), self.skipped[path], stamp, took
            )

    def _taken_over(self, path: str, records: dict[str, FileRecord]) -> tuple[FileRecord | None, str, str]:
        """The record (and its source and name) of the one other file every review of `path`
        stored before came from: the same export saved again under another name."""
        seen = self.given[path]
        if not self.moved:  # nothing this import read was stored from another file (a first import)
            return None, "", ""
        sources = {self.moved[review_id][0] for review_id in seen if review_id in self.moved}
        if len(sources) != 1:
            return None, "", ""
        (source,) = sources
        takers = [(name, record) for name, record in records.items() if record.source == source and record.held & seen]
        if len(takers) != 1:
            return None, "", ""
        name, record = takers[0]
        still = record.held - record.gone
        if _export_name(path) != _export_name(source) or 2 * len(still & seen) <= len(still):
            return None, "", ""  # another file holding some of its reviews, not the same export again
        return record, source, name

    @property
    def ids(self) -> list[str]:
        return [review_id for ids in self.gone.values() for review_id in ids]

    def said(self) -> str:
        """`3 reviews no longer in goodreads_library_export.csv (kept)`; `5 reviews no longer in
        a.csv, b.csv (kept)`; `9 reviews no longer in 4 files (a.csv, b.csv, c.csv, …) (kept)`;
        empty when nothing is gone. Names as the terminal may show them (`visible`)."""
        count = len(self.ids)
        if not count:
            return self.problem
        names = list(dict.fromkeys(name_of(where) for where in self.gone))
        where = ", ".join(names[:NAMES_SHOWN])
        if len(names) > NAMES_SHOWN:
            where = f"{plural(len(names), 'file')} ({where}, …)"
        said = f"{plural(count, 'review')} no longer in {where} (kept)"
        return f"{said}; {self.problem}" if self.problem else said

    def why_nothing(self, store: Store, path: Path, where: str) -> str:
        """Why `remove --gone PATH` finds nothing: never imported, not read whole since what files
        hold is recorded (not known yet), or every review still in it."""
        from tui_reader.core.pipeline.removal import plan_source

        if self.unrecorded:
            if not plan_source(store, path).ids:
                return f"nothing in the library was imported from {where}"
            return f"{where} was not read whole since what each file holds is recorded: import it again first"
        if self.partial and not self.given:
            return f"{where} was not read whole (it holds parts of threads, or a part failed): nothing is said gone"
        return f"nothing is gone from {where}: every review it gave is still in it, or now read from another file"

    def where_of(self) -> dict[str, str]:
        """Each gone id -> the name of the file it is no longer in."""
        return {review_id: name_of(where) for where, ids in self.gone.items() for review_id in ids}


class _Holders:
    """Which ids some file still holds, counted once per import (from the records as they were
    read, and every file this import read): a candidate is checked in constant time."""

    def __init__(self, records: dict[str, FileRecord], given: dict[str, set[str]]) -> None:
        self.records = dict(records)
        self.count: Counter[str] = Counter()
        for record in self.records.values():
            self.count.update(record.held - record.gone)
        self.given = set().union(*given.values())

    def elsewhere(self, review_id: str, names: set[str]) -> bool:
        """Held by a file of this import, or by the record of a file not named in `names`."""
        if review_id in self.given:
            return True
        own = [n for n in names if (r := self.records.get(n)) and review_id in r.held and review_id not in r.gone]
        return self.count[review_id] > len(own)


def gone_from(store: Store, path: Path) -> GoneRows:
    """The reviews imported from `path` that it no longer holds, as an import of it would say
    (read whole, nothing stored): what `remove --gone PATH` takes out."""
    from tui_reader.core.pipeline.importing import import_paths

    report = import_paths(store, [path], dry_run=True, index=False)
    if report.failed_files:  # a file not read says nothing is gone: why, in its one line
        failed = next(skipped for skipped in report.skipped if not skipped.is_note)
        raise LookupError(f"{failed.where}: {failed.reason}")
    return report.gone


def _export_name(path: str) -> str:
    """`All (1).csv`, `All - Copy.csv` and `x/All.csv` -> `all.csv`: the export's name, its copy's mark off."""
    name = Path(path)
    return _COPY_SUFFIX.sub("", name.stem).casefold() + name.suffix.casefold()


def _spellings(path: str, *, resolved: bool = True) -> set[str]:
    """The names an importer may give a file as a review's source: as given, absolute, resolved
    (plain text names its file as given: no realpath, an lstat of every folder, for those)."""
    names = {path, os.path.abspath(path)}
    return names | {os.path.realpath(path)} if resolved else names


def _where(path: str, source: str) -> str:
    """A gone review's place: its zip member, else the file as this import was given it."""
    member = any(source.startswith(name + "/") for name in _spellings(path))
    return source if member else path


def name_of(where: str) -> str:
    """A place as the summary names it: its file's name (a zip member's own name), safe to print."""
    return visible(Path(where).name or where, single_line=True)
