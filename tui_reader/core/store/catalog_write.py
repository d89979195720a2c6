"""Writing the catalog file (`catalog_file` reads it), a batch at a time.

An import rewrites the catalog after every batch, so encoding must not grow with
the library: each column keeps its bytes as written (`ColumnBytes`) and a save
appends only the rows added since, in whole-column C-level calls (`map`, `join`,
`array`). When the library changes a row in place, every column forgets its bytes
from that row on (`ColumnBytes.truncate`) and the next save appends them again.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from types import NoneType
from typing import Any, Literal

import orjson

from tui_reader.core.store.catalog_file import MAGIC, SEPARATOR, Section, StoredColumns

UINT32_END = 2**32
LINEAGE = 16  # files a fold's file names as grown from (an older one: derived data made again)
VALUE_TYPES: dict[str, type] = {"text": str, "int": int, "float": float}
TYPECODES: dict[str, Literal["q", "d"]] = {"int": "q", "float": "d"}  # 8 bytes a row, as `truncate` assumes


@dataclass
class ColumnBytes:
    """One `text`, `int` or `float` column as written: rows so far, their bytes, offsets and nulls."""

    kind: str
    rows: int = 0
    data: bytearray = field(default_factory=bytearray)
    starts: array[int] = field(default_factory=lambda: array("I", [0]))  # text: where each row begins
    nulls: bytearray | None = None  # one byte a row, once any row is None

    def extend(self, values: Sequence[Any]) -> bool:
        """Append rows; False (nothing appended) when a value does not fit the kind."""
        types = set(map(type, values))
        has_nulls = NoneType in types
        if types - {NoneType, VALUE_TYPES[self.kind]}:
            return False
        if self.kind != "text":
            try:
                numbers = array(
                    TYPECODES[self.kind], [0 if value is None else value for value in values] if has_nulls else values
                )
            except OverflowError:  # past 64 bits
                return False
            self.data += numbers.tobytes()
        else:
            self._extend_text([value or "" for value in values] if has_nulls else values)
        if has_nulls and self.nulls is None:
            self.nulls = bytearray(self.rows)
        if self.nulls is not None:
            self.nulls += bytes([value is None for value in values]) if has_nulls else bytes(len(values))
        self.rows += len(values)
        return True

    def _extend_text(self, texts: Sequence[str]) -> None:
        joined = SEPARATOR.decode().join(texts)
        sizes = map(len, texts) if joined.isascii() else map(len, map(str.encode, texts))
        ends = list(islice(accumulate(map(len(SEPARATOR).__add__, sizes), initial=self.starts[-1]), 1, None))
        if ends and ends[-1] >= UINT32_END and self.starts.typecode == "I":
            self.starts = array("Q", self.starts)  # past 4 GB of text: 8-byte offsets
        self.starts.extend(ends)
        if self.rows and texts:
            self.data += SEPARATOR
        self.data += joined.encode()

    def truncate(self, rows: int) -> None:
        """Forget rows from `rows` on (one of them changed in place): the next save re-appends them."""
        if rows >= self.rows:
            return
        if self.kind == "text":
            del self.data[max(self.starts[rows] - len(SEPARATOR), 0) :]
            del self.starts[rows + 1 :]
        else:
            del self.data[rows * array("q").itemsize :]
        if self.nulls is not None:
            del self.nulls[rows:]
        self.rows = rows

    def spec(self, section: Callable[[bytes | bytearray | memoryview], Section]) -> dict[str, Any]:
        spec: dict[str, Any] = {"kind": self.kind, "nulls": None if self.nulls is None else section(self.nulls)}
        if self.kind == "text":
            spec.update(offsets=self.starts.typecode, starts=section(memoryview(self.starts).cast("B")))
        spec["data"] = section(self.data)
        return spec


def encode(
    schema: int,
    columns: Mapping[str, Sequence[Any]],
    written: MutableMapping[str, ColumnBytes],
    token: str = "",
    follows: tuple[str, int] | None = None,
    grew_from: Sequence[tuple[str, int]] = (),
) -> list[bytes | bytearray | memoryview]:
    """The file for `columns` (all of one length), reusing and updating `written`; `token` names
    this save (`StoredColumns.token`); a tail `follows` the (token, count) of the file it extends;
    a fold's file names the files it `grew_from` (their rows are its first rows).
    As its pieces in order: `atomic_write` writes them without a joined copy (470 MB at 1M)."""
    count = len(next(iter(columns.values()), ()))
    chunks: list[bytes | bytearray | memoryview] = []
    size = 0

    def section(data: bytes | bytearray | memoryview) -> Section:
        nonlocal size
        chunks.append(data)
        size += len(data)
        return size - len(data), len(data)

    specs: dict[str, dict[str, Any]] = {}
    for name, values in columns.items():
        if len(values) != count:
            raise ValueError(f"catalog column {name!r} has {len(values)} rows, not {count}")
        column = written.get(name)
        if column is None or column.rows > count or not column.extend(values[column.rows :]):
            values = list(values)  # read once: a column of another kind is written whole
            column = written[name] = ColumnBytes(_kind_of(values))
            if not column.extend(values):
                del written[name]
                specs[name] = {"kind": "json", "nulls": None, "data": section(orjson.dumps(list(values)))}
                continue
        specs[name] = column.spec(section)
    header = {"format": MAGIC.decode(), "schema": schema, "count": count, "byteorder": sys.byteorder}
    if token:
        header["token"] = token
    if follows is not None:
        header["follows"] = list(follows)
    if grew_from:
        header["grew_from"] = [list(file) for file in grew_from]
    return [orjson.dumps({**header, "columns": specs}), b"\n", *chunks]


def written_from(stored: StoredColumns, names: Sequence[str]) -> dict[str, ColumnBytes]:
    """The bytes of an opened file's columns: the first save after opening appends too."""
    written = {}
    for name in names:
        raw = stored.raw(name)
        if raw is not None:
            kind, data, starts, nulls = raw
            starts = starts if starts is not None else array("I", [0])
            nulls_copy = None if nulls is None else bytearray(nulls)
            written[name] = ColumnBytes(kind, stored.count, bytearray(data), starts, nulls_copy)
    return written


def _kind_of(values: Sequence[Any]) -> str:
    """The column's kind by its values' types: only exact floats make a float column (a rating of 5
    stays 5, not 5.0); anything mixed is `text` and, failing that, JSON (`encode`)."""
    types = set(map(type, values)) - {NoneType}
    if types and types <= {int}:
        return "int"
    return "float" if types == {float} else "text"


def encode_grown(
    schema: int, base: StoredColumns, rows: Mapping[str, Sequence[Any]], names: Sequence[str], token: str
) -> list[bytes | bytearray | memoryview]:
    """A new catalog file: `base`'s rows as its bytes are, then `rows` (each column's new values).

    Why: folding the tail into a 1M-review catalog decoded all 19 columns into Python lists
    (2.2 GB, 5.6 s) only to encode them again; here the old rows are copied as bytes and
    only the new ones encoded. A column kept as JSON (or a file of the other byte order) is
    decoded, as `encode` needs its values."""
    columns, written = _grown(base, rows, names)
    files = (((base.token, base.count),) if base.token else ()) + base.grew_from  # what derived data may extend
    return encode(schema, columns, written, token, grew_from=files[:LINEAGE])


def encode_tail_grown(
    schema: int,
    tail: StoredColumns,
    rows: Mapping[str, Sequence[Any]],
    names: Sequence[str],
    token: str,
    follows: tuple[str, int],
) -> list[bytes | bytearray | memoryview]:
    """A new tail: the `tail`'s rows as their bytes are, then `rows`; it `follows` the catalog file.

    Why: each append decoded every column of the tail only to encode its new rows after them
    (~0.3 s of an IMDB import's CPU once the tail held a few thousand rows)."""
    columns, written = _grown(tail, rows, names)
    return encode(schema, columns, written, token, follows)


def _grown(
    base: StoredColumns, rows: Mapping[str, Sequence[Any]], names: Sequence[str]
) -> tuple[dict[str, Sequence[Any]], dict[str, ColumnBytes]]:
    """Each column as `base`'s rows then `rows`, and the bytes `encode` appends them to."""
    written = written_from(base, names)
    columns: dict[str, Sequence[Any]] = {
        name: _Grown(base, name, rows[name]) if name in written else base.column(name) + list(rows[name])
        for name in names
    }
    return columns, written


class _Grown(Sequence[Any]):
    """A column as `encode` reads it: its length, and the rows after the base's (`values[count:]`);
    any other read decodes the base's column (a new row of another type rewrites it whole)."""

    def __init__(self, base: StoredColumns, name: str, added: Sequence[Any]) -> None:
        self.base, self.name, self.added = base, name, added

    def __len__(self) -> int:
        return self.base.count + len(self.added)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice) and item.step is None and (item.start or 0) >= self.base.count:
            start = (item.start or 0) - self.base.count
            stop = None if item.stop is None else item.stop - self.base.count
            return list(self.added[start:stop])
        return self._all()[item]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def _all(self) -> list[Any]:
        return self.base.column(self.name) + list(self.added)
