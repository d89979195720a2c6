"""Phrases of several words through SQLite FTS5: our tokens in, exact answers out.

Why FTS5 here and our own segments everywhere else: a phrase needs word positions, which our
segments do not keep. Checked on the text, a common phrase took 16 s at 100k reviews against
FTS5's 0.1 s; keeping pairs of adjacent words in the segments made building the index 4x
slower and it 7x bigger (measured, then dropped). FTS5 keeps positions in C, in a file apart.

Exact by construction: each review goes in as its tokens (`tokens.token_stream` of the text a
phrase is checked on, `ReviewText.searchable`: folded as the index folds them), and the `ascii`
tokenizer with `_` as a token character splits that stream back into exactly those tokens (it
takes every non-ASCII character as part of a token, and our tokens hold only word characters).
A phrase of words with nothing but non-word characters between them, as `Term.matches` finds
it, is then these tokens side by side: FTS5's phrase query. CJK runs and prefixes stay with
the text check.

Built when first needed, not at import: the first phrase search (the command line's, or the
app's in a worker) reads the library's text once; later ones add only what changed. Rows are
keyed by the review's digest, so a changed review is a new row and the old one is never
matched again (a contentless table cannot delete without the old text); when such dead rows
outnumber the live ones the file is built anew. A damaged or unreadable file is removed and
built again: it holds nothing but what the library can give back. Without FTS5 (a Python built
against an SQLite without it) phrases are checked on the text as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tui_reader.core.search.segment import bits_of
from tui_reader.core.search.tokens import token_stream
from tui_reader.core.store import Store

FILE = "phrases.sqlite3"
BATCH = 1000  # reviews per transaction: a crash keeps what was committed
BUSY_S = 30.0  # another process adding its rows is waited for, as the index lock is
_SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(tokens, content='', columnsize=0, "
    "tokenize=\"ascii tokenchars '_'\")",
    "CREATE TABLE IF NOT EXISTS reviews (rowid INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE)",
    # rowid -> position as of one catalog save, so a fresh process (every `tui-reader search`) reads
    # no digest: 100k of them cost ~120 ms, FTS5's whole query ~100 ms
    "CREATE TABLE IF NOT EXISTS remembered (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "catalog TEXT NOT NULL, last_row INTEGER NOT NULL, positions BLOB NOT NULL)",
)

Progress = Callable[[int, int], None]


def fts_query(tokens: Sequence[str]) -> str:
    """FTS5's phrase of `tokens` (word characters only: nothing in them needs escaping)."""
    return '"' + " ".join(tokens) + '"'


class PhraseIndex:
    """`ready()` then `match(tokens)`: the reviews holding these words side by side."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store = store
        self.path = folder / FILE
        self.unusable = False  # no FTS5 in this Python's SQLite, or a folder that cannot hold the file
        self._ready_for: tuple[object, ...] | None = None  # the library state last caught up with
        self._rows = array("q")  # rowid -> catalog position, -1 for a dead row: 8 MB at 1M, a dict ~100 MB
        self._rows_for: tuple[object, ...] | None = None

    def ready(self, limit: int | None = None, progress: Progress | None = None) -> bool:
        """Whether every review of the library is in the file, adding what is missing when that is at
        most `limit` reviews (None: whatever it takes). False: the text check answers instead."""
        if self.unusable:
            return False
        if self._ready_for == self._library_state():
            return True
        for attempt in range(2):
            try:
                return self._catch_up(limit, progress)
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    return False  # another process is adding rows for longer than BUSY_S: next time
                if "malformed" not in str(error) or attempt:
                    self.unusable = True  # no FTS5, a read-only folder: phrases are checked on the text
                    return False
                self._remove()
            except sqlite3.DatabaseError:  # not a database, or damaged: it holds nothing the library lacks
                if attempt:
                    self.unusable = True
                    return False
                self._remove()
            except OSError:  # a folder that cannot be made or written
                self.unusable = True
                return False
        return False

    def caught_up(self) -> bool:
        """Known to have every review of the library as it is now (no file read)."""
        return not self.unusable and self._ready_for == self._library_state()

    def match(self, tokens: Sequence[str]) -> int | None:
        """Positions (bits) of the reviews holding `tokens` side by side; None when the file cannot
        answer. Only after `ready()`: a review not in the file yet is not found."""
        if self.unusable:
            return None
        try:
            with self._connection() as db:
                rows = self._positions_by_row(db)
                found = db.execute("SELECT rowid FROM words WHERE words MATCH ?", (fts_query(tokens),))
                size = len(rows)  # a row added since by another process is past it: not a review we list yet
                positions = [rows[row] for (row,) in found if row < size and rows[row] >= 0]
        except (sqlite3.Error, OSError):
            self._ready_for = None
            return None
        return bits_of(positions, len(self.store.library))

    # ---- the file ---------------------------------------------------------------------

    def _library_state(self) -> tuple[object, ...]:
        """The catalog as this process holds it (never reloaded here: a search in progress counts
        its reviews first, and the index's refresh reloads it for everything at once)."""
        library = self.store.library
        return (library.token, library.generation, len(library))

    @contextlib.contextmanager
    def _connection(self, path: Path | None = None) -> Iterator[sqlite3.Connection]:
        """A connection of its own for each use: the app asks from its worker threads too."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path or self.path, timeout=BUSY_S, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # a search reads while another process adds rows
            for statement in _SCHEMA:
                db.execute(statement)
            yield db
        finally:
            db.close()

    def _positions_by_row(self, db: sqlite3.Connection) -> array[int]:
        """rowid -> catalog position of the rows of current reviews, kept while neither changes."""
        state = self._rows_state(db)
        if state != self._rows_for:
            self._keep_rows(dict(db.execute("SELECT digest, rowid FROM reviews")), state)
            self._remember(db, state)
        return self._rows

    def _remember(self, db: sqlite3.Connection, state: tuple[object, ...]) -> None:
        """Keep the map for this catalog save in the file; skipped if another process is writing."""
        catalog, last = state[0], state[3]
        if catalog is None or last is None:
            return
        db.execute("PRAGMA busy_timeout = 100")
        with contextlib.suppress(sqlite3.OperationalError):
            db.execute("INSERT OR REPLACE INTO remembered VALUES (1, ?, ?, ?)", (catalog, last, self._rows.tobytes()))

    def _remembered(self, db: sqlite3.Connection, state: tuple[object, ...]) -> bool:
        """Take the map kept for this very catalog save, when no row was added since: then every
        review was in the file (it is kept only then), and no digest needs reading."""
        row = db.execute("SELECT catalog, last_row, positions FROM remembered").fetchone()
        if row is None or row[0] != state[0] or row[1] != state[3]:
            return False
        rows = array("q")
        rows.frombytes(row[2])
        self._rows, self._rows_for = rows, state
        return True

    def _rows_state(self, db: sqlite3.Connection) -> tuple[object, ...]:
        """The catalog (`_library_state`: its token first), the file's last row (fourth) and the file itself."""
        (last,) = db.execute("SELECT max(rowid) FROM reviews").fetchone()
        return (*self._library_state(), last, os.stat(self.path).st_ino)

    def _keep_rows(self, row_of: dict[str, int], state: tuple[object, ...]) -> None:
        rows = array("q", [-1]) * (max(row_of.values(), default=0) + 1)
        for position, digest in enumerate(self.store.library.column("digest")):
            row = row_of.get(digest)
            if row is not None:
                rows[row] = position
        self._rows, self._rows_for = rows, state

    def _catch_up(self, limit: int | None, progress: Progress | None) -> bool:
        state = self._library_state()
        with self._connection() as db:
            if self._remembered(db, self._rows_state(db)):
                self._ready_for = state
                return True
            digests = self.store.library.column("digest")
            row_of = dict(db.execute("SELECT digest, rowid FROM reviews"))
            todo = [position for position, digest in enumerate(digests) if digest not in row_of]
            if not todo:  # nothing to add: what was read is the map a match needs
                rows_state = self._rows_state(db)
                self._keep_rows(row_of, rows_state)
                self._remember(db, rows_state)
        if limit is not None and len(todo) > limit:
            return False
        if progress is not None and todo:
            progress(0, len(todo))
        dead = len(row_of) - (len(digests) - len(todo))
        if dead > max(len(digests) - len(todo), BATCH):  # mostly rows of changed or removed reviews
            self._rebuild(digests, progress)
        elif todo:
            self._add_all(self.path, todo, digests, progress)
        self._ready_for = state
        return True

    def _rebuild(self, digests: list[str], progress: Progress | None) -> None:
        """Build a new file beside the old one and put it in place at once: a search meanwhile
        (this process or another) reads the old file whole, never a half-built one."""
        fresh = self.path.with_name(f"{FILE}.{os.getpid()}.new")
        self._remove(fresh)
        try:
            self._add_all(fresh, list(range(len(digests))), digests, progress)
            with self._connection(fresh) as db:
                db.execute("PRAGMA journal_mode=DELETE")  # one file to move
            os.replace(fresh, self.path)
        finally:
            self._remove(fresh)
        for suffix in ("-wal", "-shm"):  # the old file's: the new one has none
            with contextlib.suppress(FileNotFoundError):
                Path(f"{self.path}{suffix}").unlink()

    def _add_all(self, path: Path, todo: list[int], digests: list[str], progress: Progress | None) -> None:
        library = self.store.library
        with self._connection(path) as db:
            for start in range(0, len(todo), BATCH):
                db.execute("BEGIN IMMEDIATE")
                try:
                    for position in todo[start : start + BATCH]:
                        text = library.text_at(position)
                        if text is None:
                            continue
                        added = db.execute("INSERT OR IGNORE INTO reviews(digest) VALUES (?)", (digests[position],))
                        if added.rowcount == 1:  # not added meanwhile by another process
                            row = (added.lastrowid, token_stream(text.searchable()))
                            db.execute("INSERT INTO words(rowid, tokens) VALUES (?, ?)", row)
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                if progress is not None:
                    progress(min(start + BATCH, len(todo)), len(todo))

    def _remove(self, path: Path | None = None) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{path or self.path}{suffix}").unlink()
        self._rows_for = None
