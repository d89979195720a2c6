"""What each file held when an import last read it whole: the ground for saying a review is "no
longer in" it (`pipeline.gone`), which `remove --gone` acts on.

A stored review's `source` says which file it was read from last, not which name of that file
gave it, nor whether the importer of today would still give it: a link and its target share a
source while their rows have ids of their own, and a review an older importer stored that this
one skips (an empty post) is in no file it reads. So each file read whole keeps its own record,
under the name it was read by: the ids it gave (and those said gone since, until removed), how
many items it skipped, and its size and time. Written whole and atomically after the import,
under a lock; a record missing, damaged or of another shape counts as none, and a file with none
says nothing is gone (its next import can).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from tui_reader.core.store.atomic import StoreError, locked, read_json, write_json

FILE_NAME = "read_files.json"
VERSION = 1


class FileRecord(NamedTuple):
    """One file as an import last read it whole. (A NamedTuple: an import of 25k files makes as
    many, and a frozen dataclass's constructor cost a third of the records' settling.)"""

    source: str  # the source its reviews are stored under (its resolved path)
    held: frozenset[str]  # the ids it gave, and those said no longer in it (not yet removed)
    gone: frozenset[str]  # of `held`, those said no longer in it
    skipped: int  # items the importer left out of it
    stamp: tuple[int, int]  # size and modification time (ns): the same bytes, as far as a stat can tell
    took: str = ""  # the source of the file it took over from (the same export saved under another name)

    def to_doc(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "held": list(self.held),  # not sorted: a million ids cost half a second to sort
            "gone": sorted(self.gone),
            "skipped": self.skipped,
            "stamp": list(self.stamp),
            "took": self.took,
        }

    @staticmethod
    def from_doc(doc: Any) -> FileRecord | None:
        """None for anything not written by `to_doc`: a record of another shape is no record."""
        if not isinstance(doc, dict):
            return None
        source, held, gone, skipped, stamp = (doc.get(k) for k in ("source", "held", "gone", "skipped", "stamp"))
        took = doc.get("took", "")
        ids_ok = all(isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in (held, gone))
        stamp_ok = isinstance(stamp, list) and len(stamp) == 2 and all(type(n) is int for n in stamp)
        if not (isinstance(source, str) and isinstance(took, str) and ids_ok and type(skipped) is int and stamp_ok):
            return None
        assert isinstance(held, list) and isinstance(gone, list) and isinstance(stamp, list)
        return FileRecord(source, frozenset(held), frozenset(gone), skipped, (stamp[0], stamp[1]), took)


def record_name(path: str) -> str:
    """The name a file's record is kept under: the path as the import was given it, absolute and
    normalised (`./a.csv` and `a.csv` are one), links NOT followed (a link names its rows apart)."""
    return os.path.abspath(path)  # (os.path's: a pathlib Path costs ~10 µs a file more, IMDB has 25k)


def file_stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def read_records(data_dir: Path) -> dict[str, FileRecord]:
    """Every file's record; none (not an error: gone-claims wait a read) when the file is missing,
    damaged or not a regular file."""
    try:
        doc = read_json(data_dir / FILE_NAME)
    except (ValueError, StoreError, OSError):
        return {}
    files = doc.get("files") if isinstance(doc, dict) and doc.get("version") == VERSION else None
    if not isinstance(files, dict):
        return {}
    records = {name: FileRecord.from_doc(entry) for name, entry in files.items() if isinstance(name, str)}
    return {name: record for name, record in records.items() if record is not None}


@contextmanager
def updating_records(data_dir: Path) -> Iterator[dict[str, FileRecord]]:
    """The records, read under the lock, written back when the block ends (two imports at once
    each add their files' records; neither loses the other's)."""
    with locked(data_dir / f"{FILE_NAME}.lock"):
        records = read_records(data_dir)
        yield records
        write_records(data_dir, records)


def write_records(data_dir: Path, records: Mapping[str, FileRecord]) -> None:
    files = {name: record.to_doc() for name, record in sorted(records.items())}
    write_json(data_dir / FILE_NAME, {"version": VERSION, "files": files})
