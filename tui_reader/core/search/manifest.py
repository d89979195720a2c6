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
from tui_reader.core.store.atomic import NotAFileError, atomic_write, read_bytes, read_json, write_json

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
    """

    def __init__(
        self,
        digests: list[str] | None = None,
        segments: list[dict[str, Any]] | None = None,
        *,
        token: str | None = None,
        count: int = -1,
        digests_path: Path | None = None,
    ) -> None:
        self._digests = digests
        self.segments: list[dict[str, Any]] = segments if segments is not None else []
        self.token = token
        self.count = len(digests) if digests is not None else count
        self._digests_path = digests_path

    @property
    def digests(self) -> list[str]:
        if self._digests is None:
            data = read_bytes(self._digests_path) if self._digests_path is not None else None
            self._digests = data.decode("utf-8").split("\n") if data else []
            if len(self._digests) != self.count:
                self._digests = [""] * max(self.count, 0)  # damaged: every review indexed again
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
        digests, name, count = doc.get("digests"), doc.get("digests_file"), doc.get("count")
        if isinstance(digests, list):
            return cls(digests, segments, token=token)
        if not isinstance(name, str) or not isinstance(count, int) or not _is_file(folder / name):
            return None
        return cls(None, segments, token=token, count=count, digests_path=folder / name)

    def write(self, folder: Path) -> None:
        """The digests file first, then the manifest naming it (each atomic); older digests files go."""
        shifted = any(shift_of(entry) or gone_of(entry) for entry in self.segments)
        schema = SHIFTED_SCHEMA if shifted else SCHEMA
        digests = self.digests
        name = segment_name(DIGESTS_PREFIX).removesuffix(".bin") + ".txt"
        if any("\n" in d for d in digests):
            raise ValueError("a digest holds a newline")
        atomic_write(folder / name, "\n".join(digests).encode("utf-8"))
        doc = {"schema": schema, "token": self.token, "count": len(digests), "digests_file": name}
        write_json(folder / MANIFEST, {**doc, "segments": self.segments})
        self._digests_path = folder / name
        for path in folder.glob(f"{DIGESTS_PREFIX}*.txt"):
            if path.name != name:
                with contextlib.suppress(OSError):
                    path.unlink()


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
