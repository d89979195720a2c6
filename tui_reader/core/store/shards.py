"""Review shards on disk: TinyDB's layout (an older tui-reader reads them), written by us so
that each document's place in the file is known, and one document read alone by that place.

Why: opening a review used to parse its whole 500-review shard (2.6 MB of JSON, 21-25 ms).
A shard is still written whole and atomically (temp file, fsync, rename), but its
documents are laid out one after another in doc-id order and `write_shard_file`
returns where each sits; the library keeps that as a hint in its catalog, and
`read_document` reads just those bytes, checking they are the review asked for.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui_reader.core.content.review_text import LazyComments
from tui_reader.core.store.atomic import atomic_write, loads, move_aside, open_regular, read_json

REVIEWS_TABLE = "reviews"
_SPAN_BITS = 32  # a hint is offset << _SPAN_BITS | length
# Bytes of documents a process decodes with the standard library before it takes orjson:
# importing orjson imports dataclasses, inspect, uuid and datetime (~15 ms), what orjson's speed
# wins back over ~2.5 MB of documents (json 11 us a KB, orjson 5: measured on the bench's
# shards). A search showing a few hundred hits never pays the import; a common word's 100k soon do.
STDLIB_BYTES = 2 << 20
_stdlib_bytes = 0


def decode_document(data: bytes) -> Any:
    """A stored document's JSON as `orjson.loads` reads it (a ValueError where it refuses):
    by `atomic.loads` for the process's first `STDLIB_BYTES`, by orjson once it is loaded."""
    global _stdlib_bytes
    if _stdlib_bytes < STDLIB_BYTES and "orjson" not in sys.modules:
        _stdlib_bytes += len(data)  # (threads racing here only move the switch by a document)
        return loads(data)
    import orjson

    return orjson.loads(data)


def stamp_of(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def shard_table(path: Path) -> dict[str, Any] | None:
    """A shard's reviews table, read fresh (None when missing); ValueError when damaged."""
    tables = read_json(path)
    if tables is None:
        return None
    table = tables.get(REVIEWS_TABLE, {}) if isinstance(tables, dict) else None
    if not isinstance(table, dict):
        raise ValueError(f"{path}: not a review shard")
    return table


def set_aside(path: Path, error: ValueError) -> str:
    """Move a damaged shard out of the way, kept for the user (never deleted); the line that says so.

    One way for every finder (a read, a write, a rebuild): a damaged shard left in place was
    said to be "repaired" at every start while nothing was; moved aside, the next import of its
    reviews writes a new one, and the old bytes stay beside it."""
    kept = move_aside(path)
    return f"{error}; moved to {kept.name}: its reviews' text is missing until their source is imported again"


def write_shard_file(path: Path, table: dict[str, Any]) -> dict[str, int]:
    """Write the shard atomically, in TinyDB's layout (documents by doc id, ascending) so that an
    older tui-reader still reads it; returns doc id -> `shard_at` of each document. A document is a
    dict, or its JSON made already (bytes: an import's new reviews, `catalog_rows.with_seq`)."""
    import orjson

    pieces = [b'{"' + REVIEWS_TABLE.encode() + b'":{']
    at = len(pieces[0])
    hints: dict[str, int] = {}
    for number, doc_id in enumerate(sorted(table, key=int)):
        key = (b"," if number else b"") + orjson.dumps(doc_id) + b":"
        doc = table[doc_id]
        body = doc if isinstance(doc, bytes) else orjson.dumps(doc)
        hints[doc_id] = (at + len(key)) << _SPAN_BITS | len(body)
        pieces += (key, body)
        at += len(key) + len(body)
    pieces.append(b"}}")
    atomic_write(path, pieces)
    return hints


def read_document(path: Path, hint: int, seq: int, review_id: str) -> dict[str, Any] | None:
    """The document at `hint` in the shard, if it is review `review_id`'s (seq and id agree); else None."""
    with DocumentReader() as reader:
        return reader.read(path, hint, seq, review_id)


class DocumentReader:
    """Reads documents by their hints, keeping the last shard it read open until closed.

    Why: a search's hits come in runs of one shard, and opening a shard (a regular-file check,
    open, close) cost each of a common word's 100k hits more than reading its document. A
    reader sees each shard as it was when it first read from it: a shard replaced meanwhile
    (an import's atomic rename) is read as it was, and still only its document for that review.
    """

    def __init__(self, *, comments_apart: bool = False) -> None:
        self._path: Path | None = None
        self._fd: int | None = None
        self._comments_apart = comments_apart  # `split_comments`: their JSON kept, decoded when first used

    def read(self, path: Path, hint: int, seq: int, review_id: str) -> dict[str, Any] | None:
        offset, length = hint >> _SPAN_BITS, hint & ((1 << _SPAN_BITS) - 1)
        if path != self._path:
            self.close()
            try:
                self._fd = open_regular(path)
            except FileNotFoundError:
                return None
            self._path = path
        assert self._fd is not None
        data = os.pread(self._fd, length, offset) if hasattr(os, "pread") else _read_at(self._fd, offset, length)
        doc = split_comments(data) if self._comments_apart else None
        if doc is not None and doc["seq"] == seq and doc["id"] == review_id:
            return doc
        try:
            doc = decode_document(data)
        except ValueError:
            return None
        if isinstance(doc, dict) and doc.get("seq") == seq and doc.get("id") == review_id:
            return doc
        return None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
        self._path = self._fd = None

    def __enter__(self) -> DocumentReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


_COMMENTS = b',"comments":'
_AFTER_COMMENTS = b',"subject":'


def split_comments(data: bytes) -> dict[str, Any] | None:
    """The document of `data` with its comments left as JSON (`LazyComments`); None where the
    cut is unsure (then the whole is decoded).

    A review's document is written with its comments between its paragraphs and its subject
    (`Review.to_doc`). A quote right after a comma is never inside a JSON string (there it is
    escaped), so the first `,"comments":` and the last `,"subject":` are keys; the part before
    the one, closed by a brace, and the part from the other, opened by one, both decode to an
    object only where each key is the document's own (one level deep): a key found inside a
    nested object leaves brackets unbalanced. Every field a review's text is read from must be
    in those two parts (what is between is then the comments, or fields nothing here reads);
    a document holding "comments" twice is decoded whole, as orjson takes the last."""
    cut = data.find(_COMMENTS)
    rest = data.rfind(_AFTER_COMMENTS)
    if cut < 0 or rest < cut:
        return None
    try:
        doc = decode_document(data[:cut] + b"}")
        tail = decode_document(b"{" + data[rest + 1 :])
    except ValueError:
        return None
    if not isinstance(doc, dict) or not isinstance(tail, dict) or "comments" in doc or "comments" in tail:
        return None
    doc.update(tail)
    if not _TEXT_FIELDS.issubset(doc):
        return None
    doc["comments"] = LazyComments(data, cut + len(_COMMENTS), rest, decode_document)
    return doc


_TEXT_FIELDS = frozenset(("id", "seq", "title", "subtitle", "format", "paragraphs", "tags", "subject"))


def _read_at(fd: int, offset: int, length: int) -> bytes:  # pragma: no cover - no pread (Windows)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, length)


@lru_cache(maxsize=4)
def read_shard_table(path: Path, stamp: tuple[int, int]) -> dict[str, Any]:
    """One shard's reviews, cached by file stamp: paging through neighbours re-reads nothing."""
    tables = read_json(path) or {}
    table = tables.get(REVIEWS_TABLE, {})
    if not isinstance(table, dict):
        raise ValueError(f"{path}: not a review shard")
    return table
