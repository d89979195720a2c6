"""The review library: opening (with repair) and writing; reading is `library_read.LibraryReader`,
the files a write touches `library_write.LibraryWriter`.

Writes take the library lock, re-read the catalog (another process may have
imported meanwhile), write the touched shards, then the catalog, each atomically.
A crash between the two leaves reviews in shards that the catalog does not list
yet; the next import of the same source writes them again, and a repair of the
catalog (`_repair`) recovers them from the shards.

`remove()` works the other way round: the catalog without the removed rows is
written first (that one atomic replace is the removal), then their documents are
taken out of the shards. A crash between the two leaves documents no catalog row
points at: invisible. A document the catalog does not list is never written over
(new reviews take the seqs after it): it may be all that is left of a review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.content.text import plural
from tui_reader.core.store.atomic import check_regular, move_aside
from tui_reader.core.store.catalog_file import DamagedCatalog, read_catalog
from tui_reader.core.store.catalog_rows import (
    AddResult,
    Encoded,
    Removed,
    catalog_row,
    check_id,
    digest,
    encoded,
)
from tui_reader.core.store.library_read import COLUMNS, SHARD_SIZE, _shard_name
from tui_reader.core.store.library_write import LibraryWriter
from tui_reader.core.store.shards import set_aside, shard_table

if TYPE_CHECKING:  # imported where a review is built: a reader (`search`) builds none (`library_read`)
    from tui_reader.core.content.models import Review

TAIL_SHARE, TAIL_ROWS = 8, 10_000  # the tail holds at most an eighth of the catalog file, and this many rows
# ... or, while the file is small, this many adds of the size of this one: an import's batches
# (~1,500 reviews) into a new library folded the whole file at nearly every batch (IMDB's 25k:
# 11 folds, 137k rows written for 25k; now 3 folds, 96k rows). A small add's tail stays small.
TAIL_ADDS = 4


class Library(LibraryWriter):
    """Open with `Library(folder)`; read with `len`, `summary(i)`, `get(id)`; write with `add()`."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        # Called after `add` with the reviews that were new to the catalog (the `Store` re-attaches
        # notes kept from an earlier removal of the same review).
        self.on_new: Callable[[list[Review]], None] | None = None
        self.load()

    def load(self) -> None:
        """(Re)read the catalog; one that is damaged, or missing while the shards hold reviews, is
        rebuilt from the shards (`_repair`). Missing was read as a new, empty library: the next
        import wrote its reviews over the stored ones' documents, and the app seeded it anew."""
        try:
            self._read_catalog()
        except DamagedCatalog:
            with self._lock.held():  # a first import may be writing it: look again holding the lock
                try:
                    self._read_catalog()
                except DamagedCatalog as error:
                    self._repair(error)

    def _read_catalog(self) -> None:
        """Open the catalog file (and its tail); DamagedCatalog naming the file to repair."""
        self._stamp = self._file_stamp()
        source = next((p for p in (self.catalog_path, self.legacy_path) if p.exists()), None)
        if source is None:
            if any(self.shard_folder.glob("*.json")):
                raise DamagedCatalog(self.catalog_path, "missing, though the shards hold reviews")
            self._set_columns({name: [] for name in COLUMNS})
            return
        check_regular(source)  # a FIFO would block the read below: refuse it in one line
        tail = self.tail_path if source == self.catalog_path and self.tail_path.exists() else None
        if tail is not None:
            check_regular(tail)
        try:
            if source == self.catalog_path:
                self._open_stored(read_catalog(source), None if tail is None else read_catalog(tail))
            else:
                self._open_legacy(source)
        except DamagedCatalog:
            raise
        except ValueError as error:
            raise DamagedCatalog(source, str(error)) from None

    def _repair(self, error: DamagedCatalog) -> None:
        """Recreate the catalog from the shards, the damaged file kept aside; one line says so."""
        from tui_reader.core.content.models import Review

        damaged = error.path
        kept = f"moved to {move_aside(damaged).name} and " if damaged.exists() else ""
        rows: list[tuple[int, Review]] = []
        for path in sorted(self.shard_folder.glob("*.json")):
            try:
                table = shard_table(path) or {}
                rows += [(int(doc.get("seq", int(key) - 1)), Review.from_doc(doc)) for key, doc in table.items()]
            except (ValueError, KeyError, TypeError, AttributeError) as found:
                why = found if isinstance(found, ValueError) else ValueError(f"{path}: not a review shard")
                self.problems.append(set_aside(path, why))
        rows.sort(key=lambda row: row[0])
        self._set_columns({name: [] for name in COLUMNS})
        self._positions = {}
        for seq, review in rows:
            self._put_row(review, seq, digest(review))
        self._save_catalog()
        self.problems.append(f"{damaged}: {error}; {kept}rebuilt from the shards ({plural(len(rows), 'review')})")

    def add(self, reviews: Iterable[Review], made: Mapping[str, Encoded] | None = None) -> AddResult:
        """Insert or update reviews by id; unchanged ones are not written.

        `made`: reviews' documents, digests and excerpts made already (by the parsing workers), by
        review id; used only for the very review object they were made from (one replaced since,
        its id kept from an earlier import or its thread merged, is encoded here)."""
        incoming: dict[str, Encoded] = {}
        for review in reviews:
            check_id(review.id)
            ready = made.get(review.id) if made else None
            incoming[review.id] = ready if ready is not None and ready.review is review else encoded(review)
        if not incoming:
            return AddResult(0, 0, 0)
        with self._lock.held():
            if self.changed_on_disk():
                self.load()  # another process imported since we last read
            lost = self._text_lost(incoming)
            result, added = self._append(incoming, lost) or self._add_rewriting(incoming, lost)
        if added and self.on_new is not None:
            self.on_new(added)
        return result

    def _text_lost(self, incoming: dict[str, Encoded]) -> frozenset[str]:
        """The incoming reviews the catalog lists as they are whose stored document is missing or
        unreadable: written again. A re-import counted them "unchanged" by the catalog's digest
        alone, and the text the app said to re-import for never came back."""
        from tui_reader.core.content.models import Review

        same = [
            p
            for rid, item in incoming.items()
            if (p := self.position(rid)) is not None and self._cell("digest", p) == item.digest
        ]
        docs = zip(same, self._docs_at(same), strict=True)
        return frozenset(self._cell("id", p) for p, doc in docs if self.decoded(p, doc, Review.from_doc) is None)

    def _append(self, incoming: dict[str, Encoded], lost: frozenset[str]) -> tuple[AddResult, list[Review]] | None:
        """New reviews only: their rows go to the catalog's tail, the catalog file is not rewritten.

        When the tail would pass an eighth of the file (or TAIL_ADDS adds of this size, if that is
        more; never TAIL_ROWS) it is folded in: the file is written again from its own bytes, the
        tail's rows and the new ones after them (`_save_folded`), so an import costs what it adds
        plus, now and then, one copy of the catalog's bytes. None (rewrite from the decoded columns)
        when a review changed or the catalog is not a stored file yet.
        """
        stored, base = self._stored, self._stored_base()
        if stored is None or base is None or base.token is None:
            return None
        fresh: list[Encoded] = []
        for review_id, item in incoming.items():
            position = self.position(review_id)
            if position is None:
                fresh.append(item)
            elif self._cell("digest", position) != item.digest or review_id in lost:
                return None  # a changed review (or one whose text was lost) is rewritten in place
            elif self._cell("excerpt", position) != item.excerpt:
                return None  # an excerpt an older version made: its row is written again
        room = min(max(base.count // TAIL_SHARE, TAIL_ADDS * len(fresh)), TAIL_ROWS)
        fits = len(self) - base.count + len(fresh) <= room
        unchanged = len(incoming) - len(fresh)
        if not fresh:
            return AddResult(0, 0, unchanged), []
        largest = stored.largest("seq")
        if not self._placed_in_shard_of(0 if largest is None else largest + 1):
            return None  # a library from before `shard_at`: the rewrite gives that shard's rows their places
        first_seq, first_table = self._free_seq(0 if largest is None else largest + 1)
        by_shard: defaultdict[str, list[tuple[Encoded, int]]] = defaultdict(list)
        for seq, item in enumerate(fresh, start=first_seq):
            by_shard[_shard_name(seq)].append((item, seq))
        self.shard_folder.mkdir(parents=True, exist_ok=True)
        hints: dict[str, int] = {}  # the rows before these keep theirs: a shard is written in seq order
        for shard, items in by_shard.items():
            table = first_table if shard == _shard_name(first_seq) else None
            hints.update(self._write_shard(self.shard_folder / f"{shard}.json", items, table)[1])
        made = [
            catalog_row(item.review, seq, item.digest, hints.get(str(seq + 1)), item.excerpt)
            for seq, item in enumerate(fresh, start=first_seq)
        ]
        rows = {name: list(map(itemgetter(name), made)) for name in COLUMNS}
        if fits:
            self._save_tail(base, rows)
        else:
            self._save_folded(base, rows)
        return AddResult(len(fresh), 0, unchanged), [item.review for item in fresh]

    def _placed_in_shard_of(self, seq: int) -> bool:
        """Whether the rows already in `seq`'s shard know their places (the last rows: seqs ascend)."""
        start = seq - seq % SHARD_SIZE
        position = len(self) - 1
        while position >= 0 and self._cell("seq", position) >= start:
            if self._cell("shard_at", position) is None:
                return False
            position -= 1
        return True

    def _add_rewriting(self, incoming: dict[str, Encoded], lost: frozenset[str]) -> tuple[AddResult, list[Review]]:
        """Add and update in the decoded columns, then write the whole catalog (and drop the tail)."""
        self._materialize()
        new = unchanged = 0
        restated = False
        added: list[Review] = []
        updated_ids: set[str] = set()
        changed: dict[str, list[tuple[Encoded, int]]] = defaultdict(list)
        next_seq, first_table, first_shard = None, None, ""  # at the first new review: updates read no shard for it
        for review_id, item in incoming.items():
            position = self.position(review_id)
            if position is not None and self._columns["digest"][position] == item.digest and review_id not in lost:
                unchanged += 1
                restated = self._excerpt_anew(position, item.excerpt) or restated
                continue
            if position is None:
                if next_seq is None:
                    next_seq, first_table = self._free_seq(max(self._columns["seq"], default=-1) + 1)
                    first_shard = _shard_name(next_seq)
                seq = next_seq
                next_seq += 1
                new += 1
                added.append(item.review)
            else:
                seq = self._columns["seq"][position]
                updated_ids.add(review_id)
            changed[_shard_name(seq)].append((item, seq))
        if not changed:
            if restated:
                self._save_catalog()
            return AddResult(new, 0, unchanged), added
        self.shard_folder.mkdir(parents=True, exist_ok=True)
        written = [
            self._write_shard(
                self.shard_folder / f"{shard}.json",
                items,
                first_table if first_table is not None and shard == first_shard else None,
            )
            for shard, items in changed.items()
        ]
        for items in changed.values():
            for item, seq in items:
                self._put_row(item.review, seq, item.digest, item.excerpt)
        for ids, hints in written:
            self._set_hints(ids, hints)
        self._save_catalog()
        return AddResult(new, len(updated_ids), unchanged, frozenset(updated_ids)), added

    def remove(self, review_ids: Iterable[str]) -> Removed:
        """Take these reviews out of the catalog and their shards; ids not in the library are ignored.

        One atomic catalog write is the removal (a crash before it: nothing removed; after
        it: all of them). Their shard documents go next: until then they are unlisted.
        """
        with self._lock.held():
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
