"""The review library: opening (with repair) and writing; reading is `library_read.LibraryReader`.

Writes take the library lock, re-read the catalog (another process may have
imported meanwhile), write the touched shards, then the catalog, each atomically.
A crash between the two leaves reviews in shards that the catalog does not list
yet; the next import of the same source writes them again, and `rebuild()`
recovers them from the shards.

`remove()` works the other way round: the catalog without the removed rows is
written first (that one atomic replace is the removal), then their documents are
taken out of the shards. A crash between the two leaves documents no catalog row
points at: invisible, and overwritten when their sequence numbers are used again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from tui_reader.core.content.models import Review, excerpt_of
from tui_reader.core.store.atomic import atomic_write, check_regular, locked, move_aside, read_json
from tui_reader.core.store.catalog_file import read_catalog
from tui_reader.core.store.library_read import (
    ADDED_LATER,
    COLUMNS,
    SCHEMA_VERSION,
    SHARD_SIZE,
    TAG_SEPARATOR,
    LibraryReader,
    _shard_name,
    catalog_exists,
)
from tui_reader.core.store.shards import REVIEWS_TABLE, shard_table, write_shard_file

__all__ = [  # the names callers import from here, wherever they are defined
    "ADDED_LATER",
    "COLUMNS",
    "SCHEMA_VERSION",
    "SHARD_SIZE",
    "TAG_SEPARATOR",
    "AddResult",
    "Library",
    "Removed",
    "catalog_exists",
    "digest",
]


class AddResult(NamedTuple):
    """What an import did to the library: reviews added, changed, and left as they were."""

    new: int
    updated: int
    unchanged: int
    updated_ids: frozenset[str] = frozenset()


class Removed(NamedTuple):
    """What `Library.remove` took out: ids, their positions and digests before, and the count before.

    The search index uses the positions and digests to shift its segments rather than re-index.
    """

    ids: tuple[str, ...] = ()
    positions: tuple[int, ...] = ()  # ascending, in the catalog as it was
    digests: tuple[str, ...] = ()  # the catalog digest at each of `positions`
    count_before: int = 0
    comments: int = 0
    titles: tuple[str, ...] = ()  # of each removed review, for the notes kept aside


def digest(review: Review) -> str:
    """Content fingerprint: an unchanged re-import writes nothing at all."""
    return _doc_digest(review.to_doc())


def _doc_digest(doc: dict[str, Any]) -> str:
    import hashlib  # here: only writes need it, and opening the library is on the start-up path

    return hashlib.sha1(orjson.dumps(doc)).hexdigest()[:16]


def _whole_if_integral(value: float | None) -> float | int | None:
    """5.0 as 5: an int column is appended as bytes at each save, where a float column (JSON) is
    encoded whole every time, which made a 100k import a third slower."""
    return int(value) if value is not None and float(value).is_integer() and abs(value) < 2**62 else value


def _check_id(review_id: str) -> None:
    if not review_id or not review_id.isprintable():
        raise ValueError(f"review id {review_id!r} is empty or unprintable (use ids.stable_id)")


class Library(LibraryReader):
    """Open with `Library(folder)`; read with `len`, `summary(i)`, `get(id)`; write with `add()`."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        # Called after `add` with the reviews that were new to the catalog (the `Store` re-attaches
        # notes kept from an earlier removal of the same review).
        self.on_new: Callable[[list[Review]], None] | None = None
        self.load()

    def load(self) -> None:
        """(Re)read the catalog. A corrupt one is moved aside and rebuilt from the shards."""
        self._stamp = self._file_stamp()
        source = next((p for p in (self.catalog_path, self.legacy_path) if p.exists()), None)
        if source is not None:
            check_regular(source)  # a FIFO would block the read below: refuse it in one line
        try:
            if source is None:
                self._set_columns({name: [] for name in COLUMNS})
            elif source == self.catalog_path:
                self._open_stored(read_catalog(source))
            else:
                self._open_legacy(source)
        except ValueError as error:
            assert source is not None
            kept = move_aside(source)
            self.problems.append(f"{source}: {error}; moved to {kept.name} and rebuilt from the shards")
            self.rebuild()

    def _materialize(self) -> None:
        """Every column as a list, before a write edits them."""
        stored = self._stored
        if stored is not None:
            from tui_reader.core.store.catalog_write import written_from  # only writers need it

            self._set_columns({name: self.column(name) for name in COLUMNS})
            self._written = written_from(stored, COLUMNS)

    # ---- writing -------------------------------------------------------------------

    def add(self, reviews: Iterable[Review]) -> AddResult:
        """Insert or update reviews by id; unchanged ones are not written."""
        incoming: dict[str, tuple[Review, dict[str, Any], str]] = {}
        for review in reviews:
            _check_id(review.id)
            doc = review.to_doc()  # once: it gives both the digest and the shard document
            incoming[review.id] = (review, doc, _doc_digest(doc))
        if not incoming:
            return AddResult(0, 0, 0)
        with locked(self.lock_path):
            if self.changed_on_disk():
                self.load()  # another process imported since we last read
            self._materialize()
            new = unchanged = 0
            added: list[Review] = []
            updated_ids: set[str] = set()
            changed: dict[str, list[tuple[Review, int]]] = defaultdict(list)
            docs = {review_id: doc for review_id, (_, doc, _) in incoming.items()}
            next_seq = max(self._columns["seq"], default=-1) + 1
            for review_id, (review, _, review_digest) in incoming.items():
                position = self.position(review_id)
                if position is not None and self._columns["digest"][position] == review_digest:
                    unchanged += 1
                    continue
                if position is None:
                    seq = next_seq
                    next_seq += 1
                    new += 1
                    added.append(review)
                else:
                    seq = self._columns["seq"][position]
                    updated_ids.add(review_id)
                changed[_shard_name(seq)].append((review, seq))
            if not changed:
                return AddResult(new, 0, unchanged)
            self.shard_folder.mkdir(parents=True, exist_ok=True)
            written = [
                self._write_shard(self.shard_folder / f"{shard}.json", [(docs[r.id], seq) for r, seq in items])
                for shard, items in changed.items()
            ]
            for items in changed.values():
                for review, seq in items:
                    self._put_row(review, seq, incoming[review.id][2])
            for table, hints in written:
                self._set_hints(table, hints)
            self._save_catalog()
        if added and self.on_new is not None:
            self.on_new(added)
        return AddResult(new, len(updated_ids), unchanged, frozenset(updated_ids))

    def remove(self, review_ids: Iterable[str]) -> Removed:
        """Take these reviews out of the catalog and their shards; ids not in the library are ignored.

        One atomic catalog write is the removal (a crash before it: nothing removed; after
        it: all of them). Their shard documents go next: until then they are unlisted.
        """
        with locked(self.lock_path):
            if self.changed_on_disk():
                self.load()  # another process imported or removed since we last read
            wanted = {self.position(review_id) for review_id in review_ids}
            positions = sorted(p for p in wanted if p is not None)
            if not positions:
                return Removed(count_before=len(self))
            self._materialize()
            columns = self._columns
            removed = Removed(
                ids=tuple(columns["id"][p] for p in positions),
                positions=tuple(positions),
                digests=tuple(columns["digest"][p] for p in positions),
                count_before=len(columns["id"]),
                comments=sum(columns["comments"][p] or 0 for p in positions),
                titles=tuple(columns["title"][p] or "" for p in positions),
            )
            seqs = [columns["seq"][p] for p in positions]
            keep = bytearray(b"\x01") * len(columns["id"])
            for position in positions:
                keep[position] = 0
            written = self._written
            for column in written.values():
                column.truncate(positions[0])  # the rows before the first removed one keep their bytes
            self._set_columns({name: list(compress(values, keep)) for name, values in columns.items()})
            self._written = written
            self._save_catalog()  # the removal itself: one atomic replace
            by_shard: defaultdict[str, list[int]] = defaultdict(list)
            for seq in seqs:
                by_shard[_shard_name(seq)].append(seq)
            hints = list(self.column("shard_at"))
            for shard, shard_seqs in by_shard.items():
                self._drop_from_shard(self.shard_folder / f"{shard}.json", shard_seqs)
            if self.column("shard_at") != hints:
                self._save_catalog()  # where the documents after the removed ones moved to
        return removed

    def _drop_from_shard(self, path: Path, seqs: list[int]) -> None:
        """Take these reviews' documents out of one shard (a damaged shard is left as it is)."""
        try:
            table = shard_table(path)
        except ValueError as error:  # its documents are unreachable anyway
            self.problems.append(f"{error}; left as it is")
            return
        if table is None:
            return
        for seq in seqs:
            table.pop(str(seq + 1), None)
        self._set_hints(table, write_shard_file(path, table))

    def _write_shard(
        self, path: Path, items: list[tuple[dict[str, Any], int]]
    ) -> tuple[dict[str, Any], dict[str, int]]:
        """Put these documents (by seq) into their shard, written once, atomically; returns the
        shard's table and where each document now sits (for `_set_hints`)."""
        try:
            table = shard_table(path) or {}
        except ValueError:
            kept = move_aside(path)
            self.problems.append(f"{path}: corrupt shard moved to {kept.name}; its reviews need re-importing")
            table = {}
        for doc, seq in items:
            table[str(seq + 1)] = {**doc, "seq": seq}
        return table, write_shard_file(path, table)

    def _set_hints(self, table: dict[str, Any], hints: dict[str, int]) -> None:
        """Record where each document of a rewritten shard now sits (only those that moved)."""
        column = self._columns["shard_at"]
        seqs = self._columns["seq"]
        first = len(column)
        for doc_id, hint in hints.items():
            position = self.position(str(table[doc_id].get("id")))
            if position is not None and column[position] != hint and seqs[position] + 1 == int(doc_id):
                column[position] = hint
                first = min(first, position)
        written = self._written.get("shard_at")
        if written is not None:
            written.truncate(first)

    def _put_row(self, review: Review, seq: int, review_digest: str) -> None:
        row = {
            "id": review.id,
            "title": review.title,
            "subtitle": review.subtitle,
            "author": review.author,
            "date": review.date,
            "rating": review.rating,
            "source": review.source,
            "comments": review.comment_count,
            "seq": seq,
            "digest": review_digest,
            "excerpt": excerpt_of(review.title, review.paragraphs, review.format),
            "subject": review.subject.label if review.subject else None,
            "subject_key": review.subject.key if review.subject else None,
            "kind": review.subject.kind if review.subject else None,
            "rating_max": _whole_if_integral(review.rating_max),
            "recommended": None if review.recommended is None else int(review.recommended),
            "votes": review.votes,
            "spoiler": int(review.spoiler),
            # Text columns (appended, never re-encoded whole): the subject as a JSON array, tags joined.
            "subject_doc": orjson.dumps(list(review.subject)).decode() if review.subject else None,
            "tags": TAG_SEPARATOR.join(review.tags) if review.tags else None,
            "shard_at": None,  # set once its shard is written (`_set_hints`)
        }
        position = self.position(review.id)
        if position is None:
            for name in COLUMNS:
                self._columns[name].append(row[name])
            assert self._positions is not None
            self._positions[review.id] = len(self._columns["id"]) - 1
        else:
            for name in COLUMNS:
                self._columns[name][position] = row[name]
            for column in self._written.values():
                column.truncate(position)

    def _save_catalog(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        import secrets

        from tui_reader.core.store.catalog_write import encode

        token = secrets.token_hex(8)
        atomic_write(self.catalog_path, encode(SCHEMA_VERSION, self._columns, self._written, token))
        self.token = token
        self.generation += 1
        self._stamp = self._file_stamp()
        self.legacy_path.unlink(missing_ok=True)  # converted: the new file is durable by now

    def rebuild(self) -> None:
        """Recreate the catalog from the shards (after the catalog was lost or corrupted)."""
        rows: list[tuple[int, Review]] = []
        for path in sorted(self.shard_folder.glob("*.json")):
            try:
                tables = read_json(path) or {}
            except ValueError:
                kept = move_aside(path)
                self.problems.append(f"{path}: corrupt shard moved to {kept.name}; re-import to restore it")
                continue
            for doc in tables.get(REVIEWS_TABLE, {}).values():
                rows.append((int(doc.get("seq", 0)), Review.from_doc(doc)))
        rows.sort(key=lambda row: row[0])
        self._set_columns({name: [] for name in COLUMNS})
        self._positions = {}
        for seq, review in rows:
            self._put_row(review, seq, digest(review))
        if rows or self.catalog_path.exists() or self.legacy_path.exists():
            self._save_catalog()
