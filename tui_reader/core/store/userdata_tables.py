"""The user file's tables as one plain dict, changed in memory and written once.

TinyDB re-read the file on every table call and wrote it on every change, even a
`remove()` that removed nothing: a bookmark toggle read it four times and wrote
it twice. `Tables` keeps TinyDB's file layout (table -> "doc id" -> record), so
old files read as they are, and says whether anything changed, so a transaction
writes once or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

Record = dict[str, Any]
Test = Callable[[Record], bool]


def where(**fields: Any) -> Test:
    """A test for records whose fields all equal these."""
    return lambda record: all(record.get(name) == value for name, value in fields.items())


class Tables:
    """The user file's document; every change marks it `changed`."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.changed = False

    def _table(self, name: str) -> dict[str, Record]:
        table = self.document.get(name)
        if not isinstance(table, dict):
            table = self.document[name] = {}
        return table

    def records(self, name: str) -> Iterator[Record]:
        table = self.document.get(name)
        return iter(list(table.values())) if isinstance(table, dict) else iter(())

    def has(self, name: str) -> bool:
        return bool(self.document.get(name))

    def insert(self, name: str, *records: Record) -> None:
        table = self._table(name)
        number = max((int(key) for key in table), default=0)
        for record in records:
            number += 1
            table[str(number)] = record
            self.changed = True

    def remove(self, name: str, test: Test) -> int:
        table = self._table(name)
        gone = [key for key, record in table.items() if test(record)]
        for key in gone:
            del table[key]
        self.changed |= bool(gone)
        return len(gone)

    def update(self, name: str, test: Test, fields: Mapping[str, Any]) -> int:
        count = 0
        for record in self._table(name).values():
            if test(record):
                count += 1
                if any(record.get(key, _MISSING) != value for key, value in fields.items()):
                    record.update(fields)
                    self.changed = True
        return count

    def upsert(self, name: str, test: Test, record: Record) -> None:
        if not self.update(name, test, record):
            self.insert(name, record)

    def drop(self, name: str) -> None:
        if name in self.document:
            del self.document[name]
            self.changed = True


_MISSING = object()


def review_of(doc: Mapping[str, Any]) -> object:
    """The review a note, quote or bookmark document belongs to (None when it says none)."""
    anchor = doc.get("anchor", doc)
    return str(anchor.get("review_id")) if isinstance(anchor, dict) else None
