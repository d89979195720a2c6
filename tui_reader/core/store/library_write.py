"""The files a library write is made of: shards written with their documents' places, catalog rows
put in the decoded columns, and the catalog saved whole, as a tail, or folded.

`library.Library` decides what a write is (an import's adds, a removal, a repair); the steps
here are what every one of them is made of, kept apart so that each module reads as one thing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.core.store.atomic import StoreError, atomic_write
from tui_reader.core.store.catalog_file import CatalogWithTail, StoredColumns, read_catalog
from tui_reader.core.store.catalog_rows import Encoded, catalog_row, with_seq
from tui_reader.core.store.library_read import COLUMNS, SCHEMA_VERSION, SHARD_SIZE, LibraryReader
from tui_reader.core.store.shards import set_aside, shard_table, write_shard_file

if TYPE_CHECKING:  # a reader (`search`) imports this module and no models (`library_read`)
    from tui_reader.core.content.models import Review


class LibraryWriter(LibraryReader):
    """The write steps; the caller (`Library`) holds the library lock."""

    def load(self) -> None:
        """(Re)read the catalog as a restart would: `Library.load`, which repairs it too."""
        raise NotImplementedError

    def _materialize(self) -> None:
        """Every column as a list, before a write edits them."""
        base = self._stored_base()
        if base is not None:
            from tui_reader.core.store.catalog_write import written_from  # only writers need it

            self._set_columns({name: self.column(name) for name in COLUMNS})
            self._written = written_from(base, COLUMNS)  # the tail's rows are appended to its bytes

    # ---- writing -------------------------------------------------------------------

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
        self._set_hints(_ids_in(table), write_shard_file(path, table))

    def _write_shard(
        self, path: Path, items: list[tuple[Encoded, int]], table: dict[str, Any] | None = None
    ) -> tuple[dict[str, str], dict[str, int]]:
        """Put these reviews' documents (by seq) into their shard (its `table` when just read), written
        once, atomically; returns the review id of each document in the shard and where it now sits
        (for `_set_hints`).

        Every other document in the shard is kept, and a slot holding another review's document
        is refused (StoreError, nothing written): new reviews take free seqs (`_free_seq`), so
        only an update through a catalog that disagrees with the shards meets one, and that
        document may be all that is left of a review."""
        if table is None:
            table = self._shard_to_write(path)
        for item, seq in items:
            there = table.get(str(seq + 1))
            if isinstance(there, dict) and there.get("id") != item.review.id:
                raise StoreError(
                    f"{path}: holds review {there.get('id')!r} where {item.review.id!r} would go; not writing over it "
                    f"(move {self.catalog_path.name} aside: the next start rebuilds it from the shards)"
                )
        ids = _ids_in(table)
        for item, seq in items:
            table[str(seq + 1)] = with_seq(item.doc_json, seq)
            ids[str(seq + 1)] = item.review.id
        return ids, write_shard_file(path, table)

    def _shard_to_write(self, path: Path) -> dict[str, Any]:
        """The shard's table as it is on disk, to be written again; a damaged one is set aside (kept)."""
        try:
            return shard_table(path) or {}
        except ValueError as error:
            self.problems.append(set_aside(path, error))
            return {}

    def _free_seq(self, seq: int) -> tuple[int, dict[str, Any] | None]:
        """The first seq from `seq` on, past documents the catalog does not list (a crashed
        import's, or rows a lost catalog listed): they are kept, never written over. With the
        table of its shard, read once for the write that follows (None: not read)."""
        while True:
            path = self._shard_path(seq)
            if not path.exists():
                return seq, None
            table = self._shard_to_write(path)
            taken = max((int(key) for key in table if key.isdigit() and int(key) > seq), default=None)
            if taken is None:
                return seq, table
            seq = taken  # a document's key is its seq + 1: the first seq after the last one taken
            if seq % SHARD_SIZE:
                return seq, table

    def _set_hints(self, ids: dict[str, str], hints: dict[str, int]) -> None:
        """Record where each document of a rewritten shard now sits (only those that moved), by
        each document's review id (doc id -> review id)."""
        column = self._columns["shard_at"]
        seqs = self._columns["seq"]
        first = len(column)
        for doc_id, hint in hints.items():
            position = self.position(ids[doc_id])
            if position is not None and column[position] != hint and seqs[position] + 1 == int(doc_id):
                column[position] = hint
                first = min(first, position)
        written = self._written.get("shard_at")
        if written is not None:
            written.truncate(first)

    def _put_row(self, review: Review, seq: int, review_digest: str, excerpt: str | None = None) -> None:
        row = catalog_row(review, seq, review_digest, excerpt=excerpt)
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

    def _excerpt_anew(self, position: int, excerpt: str | None) -> bool:
        """Put an unchanged review's excerpt as this version makes it (an older one listed a spoiler's
        words, or cut an Amazon summary off its text): a re-import mends the list. Whether it changed."""
        column = self._columns["excerpt"]
        if column[position] == excerpt:
            return False
        column[position] = excerpt
        if (written := self._written.get("excerpt")) is not None:
            written.truncate(position)
        return True

    def _save_tail(self, base: StoredColumns, rows: dict[str, list[Any]]) -> None:
        """Write the tail with these rows (by column) after its own (atomically: the append's one
        commit point)."""
        import secrets

        from tui_reader.core.store.catalog_write import encode, encode_tail_grown

        stored = self._stored
        tail = stored.tail if isinstance(stored, CatalogWithTail) else None
        token = secrets.token_hex(8)
        assert base.token is not None
        follows = (base.token, base.count)
        if tail is None:
            pieces = encode(SCHEMA_VERSION, rows, {}, token, follows)
        else:
            pieces = encode_tail_grown(SCHEMA_VERSION, tail, rows, COLUMNS, token, follows)
        data = b"".join(pieces)
        atomic_write(self.tail_path, data)
        self._rows_saved(rows, token)
        self._stored = CatalogWithTail(base, self._columns_of(data, self.tail_path))

    def _rows_saved(self, rows: dict[str, list[Any]], token: str) -> None:
        """`rows` (by column) were appended to the files under the save `token`: what is in memory
        follows them (the columns decoded so far, the id table). Before `_stored` moves on: `len`
        is the old count."""
        first = len(self)
        for name, values in self._columns.items():
            values.extend(rows[name])
        if self._positions is not None:
            ids = rows["id"]
            self._positions.update(zip(ids, range(first, first + len(ids)), strict=True))
        self.token = token
        self.generation += 1
        self._stamp = self._file_stamp()

    def _save_folded(self, base: StoredColumns, rows: dict[str, list[Any]]) -> None:
        """A new catalog file: `base`'s rows as bytes, the tail's and `rows` (by column) after them;
        the tail goes."""
        import secrets

        from tui_reader.core.store.catalog_write import encode_grown

        stored = self._stored
        tail = stored.tail if isinstance(stored, CatalogWithTail) else None
        added = {name: (tail.column(name) if tail else []) + rows[name] for name in COLUMNS}
        token = secrets.token_hex(8)
        count = len(self) + len(rows["id"])
        atomic_write(self.catalog_path, encode_grown(SCHEMA_VERSION, base, added, COLUMNS, token))
        self.tail_path.unlink(missing_ok=True)  # folded in (a crash before this: it follows the old file, unread)
        self._rows_saved(rows, token)
        self._written = {}
        self._stored = self._written_file(token, count)
        if self._stored is None:  # not readable back (it was just written): read it as a restart would
            self.load()

    def _save_catalog(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        import secrets

        from tui_reader.core.store.catalog_write import encode

        token = secrets.token_hex(8)
        atomic_write(self.catalog_path, encode(SCHEMA_VERSION, self._columns, self._written, token))
        self.tail_path.unlink(missing_ok=True)  # folded in (a crash before this: it follows the old file, unread)
        self.token = token
        self._stored = self._written_file(token, len(self._columns["id"]))
        self.generation += 1
        self._stamp = self._file_stamp()
        self.legacy_path.unlink(missing_ok=True)  # converted: the new file is durable by now

    def _written_file(self, token: str, count: int) -> StoredColumns | None:
        """The file just written, mapped (no copy held): the next add in this process appends to a
        tail as after a restart, where without it every later batch of an import rewrote the whole
        catalog. The columns in memory stay the ones read first."""
        try:
            stored = self._columns_of(read_catalog(self.catalog_path), self.catalog_path)
        except (OSError, ValueError, StoreError):
            return None
        return stored if stored.token == token and stored.count == count else None


def _ids_in(table: dict[str, Any]) -> dict[str, str]:
    """Each document's review id, by doc id, in a shard's table as read ("" for what is no document)."""
    return {doc_id: str(doc.get("id")) if isinstance(doc, dict) else "" for doc_id, doc in table.items()}
