"""Reading the review library: the columnar catalog and one review's document in its shard.

Why this shape (figures in README): one TinyDB file of 100k reviews is 483 MB and
takes seconds and gigabytes to open. Here opening reads only the catalog, one
column each of ids, titles, authors, ... stored as raw bytes (`catalog_file`), so
a list row costs only its own cells until a sort or search decodes a column.
Bodies and comment threads sit in shards of SHARD_SIZE reviews each (TinyDB's JSON
layout, `shards`), in import order (TinyDB doc id = sequence number + 1); the catalog
keeps where each review's document sits in its shard (`shard_at`), so opening one
reads and decodes that document only, and an export streams the shards in order
without holding the library in memory. `library.Library` adds opening with repair
and the writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui_reader.core.content.review_text import ReviewText
from tui_reader.core.store.atomic import NestedLock, StoreError, loads
from tui_reader.core.store.catalog_file import (
    Buffer,
    CatalogWithTail,
    DamagedCatalog,
    NewerCatalog,
    StoredColumns,
    is_catalog,
)
from tui_reader.core.store.shards import DocumentReader, read_shard_table, set_aside, shard_table, stamp_of

if TYPE_CHECKING:  # the models where one is built: `search` builds none (they import dataclasses, ~17 ms)
    from tui_reader.core.content.models import Review, Subject, Summary
    from tui_reader.core.store.catalog_write import ColumnBytes

# 1: catalog.json of JSON lists; 2: catalog.bin; 3: catalog.bin with `float` columns (all still read).
# A schema-2 reader takes a float column for damage and rebuilds the catalog from the shards; from 3
# on, a newer schema is refused before its columns are looked at.
SCHEMA_VERSION = 3
# shard_at: where the review's document sits in its shard (offset * 2**32 + length; a hint);
# format: the importer's name, which says what a review's votes are (a thread's points, helpful votes);
# voters: how many judged its helpfulness (`13 of 14`), empty where the source counts only the helpful.
COLUMNS = (
    "id", "title", "subtitle", "author", "date", "rating", "source", "comments", "seq", "digest",
    "excerpt", "subject", "subject_key", "kind", "rating_max", "recommended", "votes", "spoiler",
    "subject_doc", "tags", "shard_at", "format", "voters",
)  # fmt: skip
# A catalog written before these has them empty for a review until it is imported changed (or `rebuild`).
ADDED_LATER = frozenset(COLUMNS[COLUMNS.index("excerpt") :])
CATALOG, LEGACY_CATALOG = "catalog.bin", "catalog.json"  # schema 2+; schema 1, converted on the next write
TAIL = "catalog.tail"  # rows appended since catalog.bin was written (`catalog_file.CatalogWithTail`)
TAG_SEPARATOR = "\x1f"  # the unit separator: repair() removes it from imported text, so no tag holds it
SHARD_SIZE = 500
FINDS_BEFORE_TABLE = 8  # positions found by scanning the id bytes before a dict of every id is built


def _shard_name(seq: int) -> str:
    return f"{seq // SHARD_SIZE:06d}"


def catalog_exists(folder: Path) -> bool:
    """A library was ever written here (either schema), even if its catalog is damaged or lost:
    a library whose every shard was set aside is not a new one to seed."""
    return any((folder / name).exists() for name in (CATALOG, LEGACY_CATALOG, "shards"))


T = TypeVar("T")


class LibraryReader:
    """The catalog's columns and rows, and one review's document; `Library` opens and writes them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.catalog_path = folder / CATALOG
        self.legacy_path = folder / LEGACY_CATALOG
        self.tail_path = folder / TAIL
        self.shard_folder = folder / "shards"
        self._shard_paths: dict[int, Path] = {}  # shard number -> its file: a search's hits ask again and again
        self.lock_path = folder / "library.lock"
        self._lock = NestedLock(self.lock_path)  # writes, repairs, a damaged shard moved aside
        self.problems: list[str] = []
        self._stored: StoredColumns | CatalogWithTail | None = None  # the files' columns, decoded on demand
        self._columns: dict[str, list[Any]] = {}  # the ones decoded (all of them once written)
        self._written: dict[str, ColumnBytes] = {}  # their bytes as last saved: a save appends
        self._positions: dict[str, int] | None = None
        self._finds = 0  # positions found without the dict (`position`)
        self._stamp: tuple[tuple[int, int, int] | None, ...] = ()
        self.token: str | None = None  # names the catalog as saved (None: an older file or none yet)
        self.generation = 0  # bumped whenever the columns may have changed: a cache key for derived data

    # ---- reading -------------------------------------------------------------------

    def _open_stored(self, data: Buffer, tail: Buffer | None = None) -> None:
        """Open the catalog file's bytes and, when it extends this very file, its tail's."""
        base = self._columns_of(data, self.catalog_path)
        stored: StoredColumns | CatalogWithTail = base
        if tail is not None:
            rows = self._columns_of(tail, self.tail_path)
            if base.token is not None and rows.follows == (base.token, base.count):
                stored = CatalogWithTail(base, rows)  # else a tail left by a crash after a fold: its rows are in
        self._stored, self._columns, self._positions, self._written = stored, {}, None, {}
        self._finds = 0
        self.token = stored.token
        self.generation += 1

    @staticmethod
    def _columns_of(data: Buffer, path: Path) -> StoredColumns:
        if not is_catalog(data):
            raise DamagedCatalog(path, "not a tui-reader catalog" if len(data) else "an empty file")
        try:
            return StoredColumns(data, COLUMNS, optional=ADDED_LATER, newest=SCHEMA_VERSION)
        except NewerCatalog as newer:
            raise StoreError(f"{path}: written by a newer tui-reader (schema {newer.schema})") from None
        except ValueError as error:
            raise DamagedCatalog(path, str(error)) from None

    def _open_legacy(self, path: Path) -> None:
        """Schema 1: JSON lists, read whole; the next write converts it."""
        try:
            stored = loads(path.read_bytes())
        except ValueError as error:
            raise ValueError(f"not valid JSON ({error})") from None
        columns = stored.get("columns") if isinstance(stored, dict) else None
        if isinstance(columns, dict) and isinstance(columns.get("id"), list):
            columns = {name: [None] * len(columns["id"]) for name in ADDED_LATER} | columns
        if not isinstance(columns, dict) or any(not isinstance(columns.get(n), list) for n in COLUMNS):
            raise ValueError("unreadable catalog")
        if len({len(columns[n]) for n in COLUMNS}) != 1:
            raise ValueError("catalog columns of different lengths")
        self._set_columns(columns)

    def _set_columns(self, columns: dict[str, list[Any]]) -> None:
        self._stored = None
        self._columns = {name: columns[name] for name in COLUMNS}
        self._positions = None
        self._written = {}
        self.token = None  # edited in memory (a write follows) or an older file: no name yet
        self.generation += 1

    def _file_stamp(self) -> tuple[tuple[int, int, int] | None, ...]:
        """Every atomic replace makes a new inode, so another writer's catalog (or tail) always differs."""
        stamps: list[tuple[int, int, int] | None] = []
        for path in (self.catalog_path, self.tail_path):
            try:
                stat = path.stat()
            except FileNotFoundError:
                stamps.append(None)
            else:
                stamps.append((stat.st_ino, stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)

    def changed_on_disk(self) -> bool:
        """True when another process wrote the catalog since we read it."""
        return self._file_stamp() != self._stamp

    def base_file(self) -> tuple[str, int] | None:
        """The catalog file as saved (its token and row count); any further rows are appended after
        it, never changed in place (an edit or a removal writes a new file). None in memory only.

        What is derived from these rows (a kept sort) can be extended rather than made again."""
        if self.token is None:
            return None
        base = self._stored_base()
        if base is None:  # the columns in memory, as just written whole
            return self.token, len(self)
        return None if base.token is None else (base.token, base.count)

    def extends(self, file: tuple[str, int] | None) -> bool:
        """Whether the catalog file `file` (its token and row count) holds this catalog's first rows
        as they are: the file read, or one it grew from by folds (rows appended, none changed)."""
        base = self.base_file()
        if file is None or base is None:
            return False
        stored = self._stored_base()
        return file == base or (stored is not None and file in stored.grew_from)

    def _stored_base(self) -> StoredColumns | None:
        """The catalog file's columns as read (without its tail's rows), or None in memory only."""
        stored = self._stored
        return stored.base if isinstance(stored, CatalogWithTail) else stored

    def __len__(self) -> int:
        return self._stored.count if self._stored is not None else len(self._columns["id"])

    def column(self, name: str) -> list[Any]:
        """A whole catalog column, for sorting and filtering without building rows."""
        if name not in self._columns:
            assert self._stored is not None
            self._columns[name] = self._stored.column(name)
        return self._columns[name]

    def _cell(self, name: str, position: int) -> Any:
        """One value, without decoding its whole column (drawing a list row)."""
        column = self._columns.get(name)
        if column is not None:
            return column[position]
        assert self._stored is not None
        return self._stored.cell(name, position)

    def cell(self, name: str, position: int) -> Any:
        """One catalog value (a name of `COLUMNS`), nothing else decoded: a line of `search` shows
        two of them, where a whole summary decodes nineteen."""
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        return self._cell(name, position)

    def cells(self, name: str, positions: Sequence[int]) -> list[Any]:
        """One column's values at many positions: its whole column decoded once when they are one
        row in 32 or more (one cell costs some 30 times a row of a column: a common word's 100k
        ids took 0.4 s a cell each), else a cell each."""
        if name not in self._columns and len(positions) * 32 < len(self):
            return [self.cell(name, position) for position in positions]
        column = self.column(name)
        return [column[position] for position in positions]

    def summary(self, position: int) -> Summary:
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        from tui_reader.core.content.models import Summary

        cell = self._cell
        return Summary(
            id=cell("id", position),
            title=cell("title", position),
            subtitle=cell("subtitle", position),
            author=cell("author", position),
            date=cell("date", position),
            rating=cell("rating", position),
            source=cell("source", position),
            comment_count=cell("comments", position),
            excerpt=cell("excerpt", position),
            subject=cell("subject", position),
            subject_key=cell("subject_key", position),
            kind=cell("kind", position),
            rating_max=None if (rating_max := cell("rating_max", position)) is None else float(rating_max),
            recommended=None if (recommended := cell("recommended", position)) is None else bool(recommended),
            votes=cell("votes", position),
            spoiler=bool(cell("spoiler", position)),
            format=cell("format", position),
            voters=cell("voters", position),
        )

    def subject_at(self, position: int) -> Subject | None:
        """The imported subject in full (name, kind, year, creator, ref), from the catalog alone."""
        from tui_reader.core.content.models import Subject

        fields = self._cell("subject_doc", position)
        return Subject(*loads(fields.encode())) if fields else None

    def tags_at(self, position: int) -> tuple[str, ...]:
        tags = self._cell("tags", position)
        return tuple(tags.split(TAG_SEPARATOR)) if tags else ()

    def position(self, review_id: str) -> int | None:
        """The review's catalog position. The first few are found in the id column's bytes (the
        remembered review at start costs no table of every id); from then on, a dict."""
        if self._positions is None:
            stored = self._stored
            if stored is not None and "id" not in self._columns and self._finds < FINDS_BEFORE_TABLE:
                self._finds += 1
                return stored.find("id", review_id)
            self._positions = {rid: i for i, rid in enumerate(self.column("id"))}
        return self._positions.get(review_id)

    def resolve(self, prefix: str) -> str:
        """A full id from itself or a unique prefix, as git does. Raise LookupError otherwise.

        A whole id is found by its position, with no scan of every id: `search -l | xargs
        tui-reader remove` hands over thousands, and an id that is also the start of a longer
        one is still itself."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise LookupError("empty id")
        if self.position(prefix) is not None:
            return prefix
        matches = [rid for rid in self.column("id") if rid.startswith(prefix)]
        if not matches:
            raise LookupError(f"no review with id {prefix!r}")
        if len(matches) > 1:
            raise LookupError(f"id {prefix!r} is ambiguous ({len(matches)} reviews match)")
        return str(matches[0])

    def get(self, review_id: str) -> Review | None:
        """Load one review's body and thread from its shard."""
        position = self.position(review_id)
        return None if position is None else self.get_at(position)

    def get_at(self, position: int) -> Review | None:
        """The review at a catalog position: the reader's list knows it, so no id index is built."""
        from tui_reader.core.content.models import Review

        return self.decoded(position, self._docs_at([position])[0], Review.from_doc)

    def text_at(self, position: int) -> ReviewText | None:
        """The review's text fields alone, no models built: what a search hit's snippet needs."""
        return self.texts_at([position])[0]

    def texts_at(self, positions: Sequence[int]) -> list[ReviewText | None]:
        """Several reviews' text fields, each shard opened once for a run of its reviews: a
        search's hits, read a window at a time. Each document is dropped as soon as its text is
        taken (not all of a window's held at once): its memory is the next one's. Its comments
        are decoded only when used (`LazyComments`): a hit mostly matches before them."""
        with DocumentReader(comments_apart=True) as reader:
            return [self.decoded(p, self._doc_at(p, reader), ReviewText.from_doc) for p in positions]

    def decoded(self, position: int, doc: dict[str, Any] | None, make: Callable[[dict[str, Any]], T]) -> T | None:
        """`make(doc)`; None, said once, for a document of the right JSON but the wrong shape (a
        hand edit, a damaged write): `show`, `export` and `search` ended in a TypeError traceback."""
        if doc is None:
            return None
        try:
            return make(doc)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            line = (
                f"{self.shard_of(position)}: the document of review {self._cell('id', position)} is not one this"
                f" version reads ({type(error).__name__}); its text is missing until its source is imported again"
            )
            if line not in self.problems:
                self.problems.append(line)
            return None

    def _docs_at(self, positions: Sequence[int]) -> list[dict[str, Any] | None]:
        """The stored documents of `positions`, read by one `DocumentReader` (each shard opened once a run)."""
        with DocumentReader() as reader:
            return [self._doc_at(position, reader) for position in positions]

    def _doc_at(self, position: int, reader: DocumentReader) -> dict[str, Any] | None:
        """The stored document of the review at `position`, read by `reader` (kept open over several).

        Its document alone is read and decoded where the catalog says it sits (`shard_at`); the
        whole shard is parsed only when that hint is missing (an older library) or stale (a crash
        between the shard and catalog writes, another process's write): the document read there
        must be the review's own (its seq and id), so a stale hint costs time, never a wrong review."""
        seq = self._cell("seq", position)
        path = self._shard_path(seq)
        hint = self._cell("shard_at", position)
        if hint:
            doc = reader.read(path, hint, seq, self._cell("id", position))
            if doc is not None:
                return doc
        stamp = stamp_of(path)
        if stamp is None:
            return None
        try:
            doc = read_shard_table(path, stamp).get(str(seq + 1))
        except ValueError:
            reader.close()  # it may be moved aside now
            self._shard_damaged(path)
            return None
        return doc if isinstance(doc, dict) else None

    def _shard_damaged(self, path: Path) -> None:
        """A shard found damaged while reading: moved aside (kept) under the lock, and said once.

        A reader never waits for the lock: while a write holds it (another process, or an
        import in another thread) the shard is left where it is, said so, and the next read or
        the write that reaches it moves it. Checked again under the lock: a write may have
        replaced it with a whole one meanwhile."""
        try:
            with self._lock.held(timeout=0):
                try:
                    shard_table(path)
                except ValueError as error:
                    line = set_aside(path, error)
                else:
                    return
        except (StoreError, OSError):
            line = f"{path}: damaged; its reviews' text is missing until their source is imported again"
        if line not in self.problems:
            self.problems.append(line)

    def iter_reviews(self) -> Iterator[Review]:
        """Every review whose text is stored, in catalog order (`iter_stored` says which are not)."""
        return (review for _, review in self.iter_stored() if review is not None)

    def iter_stored(self) -> Iterator[tuple[int, Review | None]]:
        """Every review's position and review in catalog order, a shard's worth at a time; None
        for one whose stored text is missing or unreadable (`shard_of` names where it was): an
        export says so and keeps the user's notes on it, where it dropped it without a word."""
        from tui_reader.core.content.models import Review

        for start in range(0, len(self), SHARD_SIZE):
            positions = range(start, min(start + SHARD_SIZE, len(self)))
            for position, doc in zip(positions, self._docs_at(positions), strict=True):
                yield position, self.decoded(position, doc, Review.from_doc)

    def shard_of(self, position: int) -> Path:
        """The shard file that holds (or held) the review at `position`."""
        return self._shard_path(self._cell("seq", position))

    def _shard_path(self, seq: int) -> Path:
        number = seq // SHARD_SIZE
        path = self._shard_paths.get(number)
        if path is None:
            path = self._shard_paths[number] = self.shard_folder / f"{_shard_name(seq)}.json"
        return path
