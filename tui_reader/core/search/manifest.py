"""The index's manifest: which segments cover which reviews, and the digests they were built from.

Why apart from `build`: every query reads the manifest (is the index fresh, which segments
to open), while only a refresh writes segments; the command line's search imports this and
not the build, the merges and the import's fresh segments.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from tui_reader.core.search.segment import segment_name
from tui_reader.core.store.atomic import (
    NotAFileError,
    atomic_write,
    kind_of,
    move_aside,
    read_bytes,
    read_json,
    write_json,
)
from tui_reader.core.store.catalog_file import file_named

# Bumped with the segment format or what is indexed (4: checksums; subjects, tags; 6: checksums in
# blocks, read lazily): an index of another schema is rebuilt.
SCHEMA = 6
SHIFTED_SCHEMA = 7  # SCHEMA, with segments shifted by a removal (`forget`): read by this version only
MANIFEST = "manifest.json"
DIGESTS_PREFIX = "digests-"


class Manifest:
    """What is indexed: per position the catalog digest, and the segments with their coverage.

    The digests (16 bytes a review: 19 MB of JSON at 1M) sit in a file of their own, read
    only when the index is brought up to date; `manifest.json` holds the segments and the
    `token` of the catalog save they were checked against, so a query knows the index is
    fresh by comparing two short strings (`is_fresh_for`). An older manifest with its
    digests inline is still read.

    The manifest also names the catalog file the rows extend (`base`, `Library.base_file`):
    while it is the same, the rows it covers are unchanged, so an import's new digests are
    appended to the file (`extended`) where the whole file was rewritten (17 MB at 1M).
    The file's valid length is in the manifest, written after it: bytes past it (an append
    cut short by a crash) are never read, and the next append writes over them.
    """

    def __init__(
        self,
        digests: list[str] | None = None,
        segments: list[dict[str, Any]] | None = None,
        *,
        token: str | None = None,
        count: int = -1,
        digests_path: Path | None = None,
        size: int | None = None,
        base: tuple[str, int] | None = None,
        last: str | None = None,
    ) -> None:
        self._digests = digests
        self.segments: list[dict[str, Any]] = segments if segments is not None else []
        self.token = token
        self.base = base
        self.count = len(digests) if digests is not None else count
        self.last = last if digests is None else (digests[-1] if digests else None)
        self._digests_path = digests_path
        self._size = size  # the file's valid bytes; None: the whole file (an older manifest)
        self._appended: list[str] = []  # digests to append to the file on `write`

    @classmethod
    def extended(cls, old: Manifest, added: list[str], *, token: str | None, base: tuple[str, int] | None) -> Manifest:
        """`old` with the digests of rows appended since; its digests file is appended to, not rewritten."""
        if not old.on_file():
            return cls([*old.digests, *added], list(old.segments), token=token, base=base)
        grown = cls(None, list(old.segments), token=token, count=old.count + len(added), base=base)
        grown._digests_path, grown._size, grown._appended = old._digests_path, old._size, list(added)
        grown._digests = None if old._digests is None else [*old._digests, *added]
        grown.last = added[-1] if added else old.last
        return grown

    def on_file(self) -> bool:
        """The digests are those of a file as written (appends pending aside): it can be appended to."""
        return self._digests_path is not None and self._size is not None

    @property
    def digests(self) -> list[str]:
        if self._digests is None:
            data = read_bytes(self._digests_path) if self._digests_path is not None else None
            if data and self._size is not None:
                data = data[: self._size]
            stored = data.decode("utf-8").split("\n") if data else []
            stored += self._appended
            if len(stored) != self.count:
                stored = [""] * max(self.count, 0)  # damaged: every review indexed again
            self._digests = stored
        return self._digests

    def is_fresh_for(self, token: str | None, count: int) -> bool:
        """The index was brought up to date against this very catalog save."""
        return token is not None and token == self.token and count == self.count

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """None when missing or unreadable: the caller rebuilds."""
        try:
            doc = read_json(folder / MANIFEST)
        except ValueError:
            return None
        if not isinstance(doc, dict) or doc.get("schema") not in (SCHEMA, SHIFTED_SCHEMA):
            return None
        segments = doc.get("segments")
        if not isinstance(segments, list):
            return None
        if not all(isinstance(s, dict) and _is_file(folder / str(s.get("file"))) for s in segments):
            return None
        token = doc.get("token") if isinstance(doc.get("token"), str) else None
        base, last, size = file_named(doc.get("base")), doc.get("last"), doc.get("size")
        digests, name, count = doc.get("digests"), doc.get("digests_file"), doc.get("count")
        if isinstance(digests, list):
            return cls(digests, segments, token=token)
        if not isinstance(name, str) or not isinstance(count, int) or not _is_file(folder / name):
            return None
        return cls(
            None,
            segments,
            token=token,
            count=count,
            digests_path=folder / name,
            size=size if isinstance(size, int) and size >= 0 else None,
            base=base,
            last=last if isinstance(last, str) else None,
        )

    def write(self, folder: Path) -> None:
        """The digests file first, then the manifest naming it; older digests files go.

        A file as written is appended to in place (its valid length recorded in the manifest,
        the commit point); any other is written whole under a new name, atomically."""
        shifted = any(shift_of(entry) or gone_of(entry) for entry in self.segments)
        schema = SHIFTED_SCHEMA if shifted else SCHEMA
        if any("\n" in d for d in self._appended):
            raise ValueError("a digest holds a newline")
        if self.on_file() and self._digests_path is not None and self._digests_path.parent == folder:
            path, size = self._digests_path, self._append_digests()
        else:
            digests = self.digests
            if any("\n" in d for d in digests):
                raise ValueError("a digest holds a newline")
            path = folder / (segment_name(DIGESTS_PREFIX).removesuffix(".bin") + ".txt")
            data = "\n".join(digests).encode("utf-8")
            atomic_write(path, data)
            size = len(data)
        doc: dict[str, Any] = {"schema": schema, "token": self.token, "count": self.count, "digests_file": path.name}
        doc |= {"size": size, "base": list(self.base) if self.base else None, "last": self.last}
        write_json(folder / MANIFEST, {**doc, "segments": self.segments})
        self._digests_path, self._size, self._appended = path, size, []
        for old in folder.glob(f"{DIGESTS_PREFIX}*.txt"):
            if old.name != path.name:
                with contextlib.suppress(OSError):
                    old.unlink()

    def _append_digests(self) -> int:
        """Write the pending digests after the file's valid bytes (over any a crash left), fsynced."""
        assert self._digests_path is not None and self._size is not None
        if not self._appended:
            return self._size
        data = (("\n" if self._size else "") + "\n".join(self._appended)).encode("utf-8")
        with open(self._digests_path, "r+b") as handle:
            handle.seek(self._size)
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        return self._size + len(data)


def clear_way(folder: Path) -> str | None:
    """Something other than a folder where the index goes (a file, a FIFO) is moved aside, kept as
    every damaged file is, so that the index is made again; the line that says so, else None.

    Why: it stopped every search with "…/index/manifest.json: Not a directory" (and the app's
    list filter with a raw errno), where a damaged segment is re-indexed with one line."""
    if folder.is_dir() or not os.path.lexists(folder):
        return None
    what = kind_of(folder)
    try:
        kept = move_aside(folder)
    except FileNotFoundError:
        return None  # another process moved it first
    return f"search index: {folder} was {what}, not a folder; moved to {kept.name} and made again"


def shift_of(entry: dict[str, Any]) -> int:
    """How many positions a segment's reviews moved up since it was written (removals before them)."""
    shift = entry.get("shift", 0)
    return shift if isinstance(shift, int) and shift > 0 else 0


def _is_file(path: Path) -> bool:
    """A regular file is there; NotAFileError (one line to the user) for a FIFO, folder or device."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(mode):
        raise NotAFileError(path, mode)
    return True


def gone_of(entry: dict[str, Any]) -> list[int]:
    """Positions in a segment's file whose reviews were removed (their bits are cut out)."""
    gone = entry.get("gone", [])
    return [g for g in gone if isinstance(g, int) and g >= 0] if isinstance(gone, list) else []
