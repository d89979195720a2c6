"""The review library: opening (with repair) and writing; reading is `library_read.LibraryReader`,
the files a write touches `library_write.LibraryWriter`.

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
from typing import Any

from tui_reader.core.content.models import Review
from tui_reader.core.store.atomic import check_regular, locked, move_aside, read_json
from tui_reader.core.store.catalog_file import DamagedCatalog, read_catalog
from tui_reader.core.store.catalog_rows import (
    AddResult,
    Incoming,
    Removed,
    catalog_row,
    check_id,
    digest,
    doc_digest,
)
from tui_reader.core.store.library_read import COLUMNS, SHARD_SIZE, _shard_name
from tui_reader.core.store.library_write import LibraryWriter
from tui_reader.core.store.shards import REVIEWS_TABLE

TAIL_SHARE, TAIL_ROWS = 8, 10_000  # the tail holds at most an eighth of the catalog file, and this many rows


class Library(LibraryWriter):
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
        tail = self.tail_path if source == self.catalog_path and self.tail_path.exists() else None
        try:
            if tail is not None:
                check_regular(tail)
            if source is None:
                self._set_columns({name: [] for name in COLUMNS})
            elif source == self.catalog_path:
                self._open_stored(read_catalog(source), None if tail is None else read_catalog(tail))
            else:
                self._open_legacy(source)
        except ValueError as error:
            assert source is not None
            damaged = error.path if isinstance(error, DamagedCatalog) else source
            kept = move_aside(damaged)
            self.problems.append(f"{damaged}: {error}; moved to {kept.name} and rebuilt from the shards")
            self.rebuild()

    def add(self, reviews: Iterable[Review]) -> AddResult:
        """Insert or update reviews by id; unchanged ones are not written."""
        incoming: dict[str, Incoming] = {}
        for review in reviews:
            check_id(review.id)
            doc = review.to_doc()  # once: it gives both the digest and the shard document
            incoming[review.id] = (review, doc, doc_digest(doc))
        if not incoming:
            return AddResult(0, 0, 0)
        with locked(self.lock_path):
            if self.changed_on_disk():
                self.load()  # another process imported since we last read
            result, added = self._append(incoming) or self._add_rewriting(incoming)
        if added and self.on_new is not None:
            self.on_new(added)
        return result

    def _append(self, incoming: dict[str, Incoming]) -> tuple[AddResult, list[Review]] | None:
        """New reviews only: their rows go to the catalog's tail, the catalog file is not rewritten.

        When the tail would pass an eighth of the file (or TAIL_ROWS) it is folded in: the file
        is written again from its own bytes, the tail's rows and the new ones after them
        (`_save_folded`), so an import costs what it adds plus, now and then, one copy of the
        catalog's bytes. None (rewrite from the decoded columns) when a review changed or the
        catalog is not a stored file yet.
        """
        stored, base = self._stored, self._stored_base()
        if stored is None or base is None or base.token is None:
            return None
        fresh: list[Incoming] = []
        for review_id, item in incoming.items():
            position = self.position(review_id)
            if position is None:
                fresh.append(item)
            elif self._cell("digest", position) != item[2]:
                return None  # a changed review is rewritten in place
        fits = len(self) - base.count + len(fresh) <= min(base.count // TAIL_SHARE, TAIL_ROWS)
        unchanged = len(incoming) - len(fresh)
        if not fresh:
            return AddResult(0, 0, unchanged), []
        largest = stored.largest("seq")
        first_seq = 0 if largest is None else largest + 1
        if not self._placed_in_shard_of(first_seq):
            return None  # a library from before `shard_at`: the rewrite gives that shard's rows their places
        by_shard: defaultdict[str, list[tuple[dict[str, Any], int]]] = defaultdict(list)
        for seq, (_, doc, _) in enumerate(fresh, start=first_seq):
            by_shard[_shard_name(seq)].append((doc, seq))
        self.shard_folder.mkdir(parents=True, exist_ok=True)
        hints: dict[str, int] = {}  # the rows before these keep theirs: a shard is written in seq order
        for shard, items in by_shard.items():
            hints.update(self._write_shard(self.shard_folder / f"{shard}.json", items)[1])
        rows = [
            catalog_row(review, seq, review_digest, hints.get(str(seq + 1)))
            for seq, (review, _, review_digest) in enumerate(fresh, start=first_seq)
        ]
        if fits:
            self._save_tail(base, rows)
        else:
            self._save_folded(base, rows)
        return AddResult(len(fresh), 0, unchanged), [review for review, _, _ in fresh]

    def _placed_in_shard_of(self, seq: int) -> bool:
        """Whether the rows already in `seq`'s shard know their places (the last rows: seqs ascend)."""
        start = seq - seq % SHARD_SIZE
        position = len(self) - 1
        while position >= 0 and self._cell("seq", position) >= start:
            if self._cell("shard_at", position) is None:
                return False
            position -= 1
        return True

    def _add_rewriting(self, incoming: dict[str, Incoming]) -> tuple[AddResult, list[Review]]:
        """Add and update in the decoded columns, then write the whole catalog (and drop the tail)."""
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
            return AddResult(new, 0, unchanged), added
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
        return AddResult(new, len(updated_ids), unchanged, frozenset(updated_ids)), added

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
