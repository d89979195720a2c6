"""TinyDB on our durable files: the storage, and opening a database on it.

Imported on the first write only: reading the library or the user's data needs
just orjson (`atomic.read_json`), so opening the app does not import TinyDB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from tui_reader.core.store.atomic import read_json, write_json


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, atomic replace on every write, read fresh on every read.

    Reading fresh is what lets two processes share one file: with the caller
    holding `locked()` around a read-modify-write, no update is lost.
    With `buffered=True` writes are kept in memory until `close()`, for bulk
    updates (an import) that must land all at once or not at all.
    """

    def __init__(self, path: str | Path, buffered: bool = False) -> None:
        self._path = Path(path)
        self._buffered = buffered
        self._pending: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._pending is not None:
            return self._pending
        value = read_json(self._path)
        if value is not None and not isinstance(value, dict):
            raise ValueError(f"{self._path}: not a TinyDB document")
        if self._buffered:
            self._pending = value or {}
        return value

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._buffered:
            self._pending = data
            return
        write_json(self._path, data)

    def close(self) -> None:
        if self._buffered and self._pending is not None:
            write_json(self._path, self._pending)
            self._pending = None


def open_db(path: Path, *, buffered: bool = False) -> TinyDB:
    """A TinyDB on `AtomicJSONStorage`; the caller holds the file's lock."""
    return TinyDB(path, storage=AtomicJSONStorage, buffered=buffered)
