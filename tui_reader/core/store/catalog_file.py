"""The catalog on disk: one JSON header line, then each column as raw bytes.

Why not JSON lists (schema 1): parsing 100k rows of ten columns builds a million
Python objects, ~70 ms before the list can paint, although the first screen shows
forty rows. Here opening reads the file and the header only; a row's cell is cut
from its column's bytes when drawn (`StoredColumns.cell`), and a whole column is
decoded the first time a sort, search or write needs it (`StoredColumns.column`).

Column kinds: `text` (str or None: UTF-8 values joined by NUL, so one split
decodes a column, with a start offset per row for single cells and for values
that hold a NUL, and a null byte per row when any is None), `int` (a
signed 64-bit array, nulls alike), `float` (a double array, nulls alike: ratings,
which as JSON cost an O(library) parse at every start) and `json` (anything
else, an orjson list parsed whole on opening). Damage found on opening raises ValueError, which the library
treats like a corrupt JSON catalog: moved aside, rebuilt from the shards. Damage
inside a column's bytes cannot raise later: cells are decoded with replacement.
"""

from __future__ import annotations

import bisect
import mmap
import os
import sys
from array import array
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from tui_reader.core.store.atomic import loads

MAGIC = b"tui-reader catalog"
SEPARATOR = b"\x00"

Buffer = bytes | mmap.mmap
Section = tuple[int, int]  # (offset after the header line, length in bytes)
IntCode = Literal["I", "Q", "q", "d"]  # the array typecodes the columns use ("d": float columns)
if TYPE_CHECKING:
    Ints = memoryview[int] | array[int]  # a view of the file's bytes, or a copy when byte-swapped
    Numbers = Ints | memoryview[float] | array[float]  # and of a `float` column


def is_catalog(data: Buffer) -> bool:
    prefix = b'{"format":"' + MAGIC
    return data[: len(prefix)] == prefix


def read_catalog(path: Path) -> Buffer:
    """The file's bytes, mapped rather than read where that is safe: only touched pages are read.

    Writers replace the file (a new inode), so a mapping stays valid. Not on Windows,
    where a mapped file cannot be replaced: a second instance could not import.
    """
    with path.open("rb") as handle:
        if os.name == "nt" or os.fstat(handle.fileno()).st_size == 0:
            return handle.read()
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def file_named(value: object) -> tuple[str, int] | None:
    """A catalog file as JSON names one: [its token, its row count] (a tail's `follows`, a fold's
    `grew_from`, what a kept sort or the search index was made from)."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], int):
        return value[0], value[1]
    return None


class DamagedCatalog(ValueError):
    """A catalog file (or its tail) that cannot be read: `path` is the one to move aside."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(problem)
        self.path = path


class NewerCatalog(Exception):
    """The file's schema is newer than this reader's (`StoredColumns(newest=...)`): refuse, never rebuild."""

    def __init__(self, schema: int) -> None:
        super().__init__(schema)
        self.schema = schema


class StoredColumns:
    """The columns of one catalog file, decoded on demand; never changed once read."""

    def __init__(
        self, data: Buffer, names: Sequence[str], optional: Collection[str] = (), newest: int | None = None
    ) -> None:
        end = data.find(b"\n")
        try:
            header = loads(data[:end])
        except ValueError as error:
            raise ValueError(f"unreadable catalog header ({error})") from error
        if not isinstance(header, dict):
            raise ValueError("unreadable catalog header")
        self._data, self._body_at = data, end + 1  # for `find`: mmap and bytes both search in C
        self._body = memoryview(data)[end + 1 :]
        self.schema: int = header.get("schema", 0)
        if newest is not None and isinstance(self.schema, int) and self.schema > newest:
            raise NewerCatalog(self.schema)  # before its columns: a newer kind is not damage
        self.count: int = header.get("count", -1)
        token = header.get("token")  # new at every save: the search index knows it is fresh by it
        self.token: str | None = token if isinstance(token, str) else None
        self.follows = file_named(header.get("follows"))  # a tail's: [the token, the count] of the file it extends
        # A file written by a fold: the files (newest first) whose rows are its first rows, unchanged.
        grew_from = header.get("grew_from")
        files = [file_named(named) for named in grew_from] if isinstance(grew_from, list) else []
        self.grew_from: tuple[tuple[str, int], ...] = tuple(file for file in files if file is not None)
        self._swap = header.get("byteorder") != sys.byteorder
        specs = header.get("columns", {})
        if not isinstance(specs, dict):
            raise ValueError("catalog lacks its columns")
        absent = {name: {"kind": "json", "data": None} for name in optional if name not in specs}
        specs = {**specs, **absent}  # columns added after this file was written: all empty
        missing = [name for name in names if not isinstance(specs.get(name), dict)]
        if missing or not isinstance(self.count, int) or self.count < 0:
            raise ValueError(f"catalog lacks columns {missing}" if missing else "catalog row count missing")
        self._specs = {name: specs[name] for name in names}
        self._starts: dict[str, Ints] = {}
        self._texts: dict[str, memoryview] = {}  # a text column's bytes, bounds checked once
        self._nulls: dict[str, memoryview[int] | None] = {}
        self._ints: dict[str, Numbers] = {}  # int and float columns
        self._json: dict[str, list[Any]] = {}
        for name in names:
            self._check(name)

    def _bytes(self, section: Any) -> memoryview:
        if not (isinstance(section, list) and len(section) == 2 and all(isinstance(n, int) for n in section)):
            raise ValueError(f"catalog section {section!r} is not (offset, length)")
        start, length = section
        if start < 0 or length < 0 or start + length > len(self._body):
            raise ValueError("catalog is truncated")
        return self._body[start : start + length]

    def _array(self, typecode: IntCode, section: Any, rows: int) -> Numbers:
        """The section as integers without copying it: opening then reads only the pages that
        the rows it draws touch (a copy of every offset column took ~5 ms at 100k)."""
        raw = self._bytes(section)
        itemsize = array(typecode).itemsize
        if len(raw) != rows * itemsize:
            raise ValueError(f"catalog column has {len(raw) // itemsize} entries, not {rows}")
        if not self._swap:
            return raw.cast(typecode)
        values = array(typecode)  # written on a machine of the other byte order: a swapped copy
        values.frombytes(raw)
        values.byteswap()
        return values

    def _check(self, name: str) -> None:
        """Bounds and sizes now, so that a damaged file is rebuilt at once, not found mid-session."""
        spec = self._specs[name]
        nulls = spec.get("nulls")
        self._nulls[name] = None if nulls is None else self._bytes(nulls)
        if self._nulls[name] is not None and len(self._nulls[name] or b"") != self.count:
            raise ValueError(f"catalog column {name!r}: null map of the wrong size")
        kind = spec.get("kind")
        if kind == "text":
            typecode = spec.get("offsets")
            if typecode not in ("I", "Q"):
                raise ValueError(f"catalog column {name!r}: unknown offsets {typecode!r}")
            starts = cast("Ints", self._array(typecode, spec.get("starts"), self.count + 1))  # "I" or "Q"
            self._starts[name] = starts
            self._texts[name] = self._bytes(spec.get("data"))
            if len(self._texts[name]) != max(starts[-1] - len(SEPARATOR), 0):
                raise ValueError(f"catalog column {name!r}: text of the wrong size")
        elif kind in ("int", "float"):
            self._ints[name] = self._array("q" if kind == "int" else "d", spec.get("data"), self.count)
        elif kind == "json" and spec.get("data") is None:
            self._json[name] = [None] * self.count
        elif kind == "json":  # small columns (ratings): parsed now, so damage shows now
            values = loads(bytes(self._bytes(spec.get("data"))))
            if not isinstance(values, list) or len(values) != self.count:
                raise ValueError(f"catalog column {name!r} is damaged")
            self._json[name] = values
        else:
            raise ValueError(f"catalog column {name!r} has unknown kind {kind!r}")

    def raw(self, name: str) -> tuple[str, bytes, array[int] | None, memoryview[int] | None] | None:
        """A text, int or float column's kind, bytes, offsets and nulls, copied for the writer to append
        to; None for a JSON column or a file of the other byte order."""
        kind = self._specs[name]["kind"]
        if kind not in ("text", "int", "float") or self._swap:
            return None
        data = bytes(self._texts[name] if kind == "text" else self._ints[name])
        starts = None
        if name in self._starts:
            starts = array(self._specs[name]["offsets"])
            starts.frombytes(memoryview(self._starts[name]).cast("B"))  # one copy, not bytes() then array()
        return kind, data, starts, self._nulls[name]

    def cell(self, name: str, row: int) -> Any:
        """One value, decoding only its own bytes (what drawing a list row needs)."""
        nulls = self._nulls[name]
        if nulls is not None and nulls[row]:
            return None
        kind = self._specs[name]["kind"]
        if kind in ("int", "float"):
            return self._ints[name][row]
        if kind == "json":
            return self._json[name][row]
        starts, data = self._starts[name], self._texts[name]
        return str(data[starts[row] : max(starts[row + 1] - len(SEPARATOR), starts[row])], "utf-8", "replace")

    def find(self, name: str, value: str) -> int | None:
        """The first row of text column `name` whose cell is `value`, searched in the column's bytes:
        nothing decoded, no table of every value built (a remembered review at start)."""
        if self._specs[name]["kind"] != "text" or not value or "\x00" in value:
            return None if self._specs[name]["kind"] == "text" else self.column(name).index(value)
        spec, starts = self._specs[name]["data"], self._starts[name]
        begin = self._body_at + spec[0]
        end = begin + spec[1]
        wanted = value.encode("utf-8")
        at = self._data.find(wanted, begin, end)
        while at != -1:
            stop = at + len(wanted)
            before_ok = at == begin or self._data[at - 1 : at] == SEPARATOR
            if before_ok and (stop == end or self._data[stop : stop + 1] == SEPARATOR):
                row = bisect.bisect_right(starts, at - begin) - 1
                if 0 <= row < self.count and starts[row] == at - begin:
                    nulls = self._nulls[name]
                    if nulls is None or not nulls[row]:
                        return row
            at = self._data.find(wanted, at + 1, end)
        return None

    def column(self, name: str) -> list[Any]:
        """A whole column as a new list (the library keeps it and edits it)."""
        spec, nulls = self._specs[name], self._nulls[name]
        if spec["kind"] == "json":
            return list(self._json[name])
        if spec["kind"] in ("int", "float"):
            values: list[Any] = self._ints[name].tolist()
        else:
            values = str(self._texts[name], "utf-8", "replace").split(SEPARATOR.decode())
            if len(values) != self.count:  # a value holds a NUL (or none are stored): cut by offsets
                values = [self.cell(name, row) for row in range(self.count)]
        if nulls is not None:
            null_bytes = bytes(nulls)  # for its find() and count(): a view has none
            empty = null_bytes.count(1)
            if empty * 8 > self.count:  # many: one pass in a comprehension (a find a cell cost 3.8 s at 1M)
                return [None if null else value for value, null in zip(values, null_bytes, strict=True)]
            row = null_bytes.find(1)
            while row != -1:
                values[row] = None
                row = null_bytes.find(1, row + 1)
        return values

    def largest(self, name: str) -> Any:
        """The largest value of a column (None when empty): an int column's is found in its bytes."""
        numbers = self._ints.get(name)
        if numbers is not None and self._nulls[name] is None:
            return max(numbers, default=None)
        return max((value for value in self.column(name) if value is not None), default=None)


class CatalogWithTail:
    """A catalog file's rows, then its tail's: what the library reads as one catalog.

    Why a tail: adding one review to a 1M-review catalog rewrote its 468 MB (`library.Library`
    appends to a small tail file instead, and folds it in now and then). The tail names the
    file it extends (`follows`), so a tail left behind by a crash after a fold is never read.
    """

    def __init__(self, base: StoredColumns, tail: StoredColumns) -> None:
        self.base, self.tail = base, tail
        self.count = base.count + tail.count
        self.token = tail.token  # new at every append: the search index keys on it

    def cell(self, name: str, row: int) -> Any:
        if row < self.base.count:
            return self.base.cell(name, row)
        return self.tail.cell(name, row - self.base.count)

    def find(self, name: str, value: str) -> int | None:
        row = self.base.find(name, value)
        if row is not None:
            return row
        row = self.tail.find(name, value)
        return None if row is None else self.base.count + row

    def column(self, name: str) -> list[Any]:
        return self.base.column(name) + self.tail.column(name)

    def largest(self, name: str) -> Any:
        found = [value for value in (self.base.largest(name), self.tail.largest(name)) if value is not None]
        return max(found, default=None)
