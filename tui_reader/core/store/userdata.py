"""The user's own data: bookmarks, notes, quotes, read state and subjects set by hand, in a
small TinyDB file.

Kept apart from the library so that a re-import, a rebuilt library or a corrupt
shard can never touch it. Every change is one locked read-modify-write through a
fresh TinyDB instance on `AtomicJSONStorage`: the lock serialises processes, the
fresh read sees what another process wrote, the atomic replace survives a kill.

A file that is not JSON, or not a JSON object, is moved aside whole. One that is
an object but holds records of the wrong shape (a note without an anchor, a table
that is a list, hand edits) is repaired without losing anything: the whole file is
first copied aside, then rewritten with every well-formed record, and the user
is told in one line which records were left out (they are in the copy).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.content.models import Anchor, Bookmark, Note, Quote, QuoteAbout, Subject
from tui_reader.core.content.text import repair
from tui_reader.core.store.atomic import (
    StoreError,
    keep_copy,
    locked,
    move_aside,
    parse_json,
    read_bytes,
    read_json,
    write_json,
)
from tui_reader.core.store.userdata_shape import (
    BOOKMARKS,
    META,
    NOTES,
    QUOTES,
    READ,
    SUBJECTS,
    checked,
    fault_line,
    kind_of,
    listed,
    misshapen,
    schema_of,
)

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.queries import QueryInstance

SCHEMA_VERSION = 1
REMOVED = "removed"  # review id -> title of removed reviews that held notes, quotes or bookmarks
NO_SUBJECTS: Mapping[str, Subject] = MappingProxyType({})


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


def matching(**fields: Any) -> QueryInstance:
    """TinyDB's query for documents whose fields all equal these (TinyDB loads on first use)."""
    from tinydb import Query

    tests: list[QueryInstance] = [Query()[name] == value for name, value in fields.items()]
    query = tests[0]
    for test in tests[1:]:
        query &= test
    return query


class UserSnapshot(NamedTuple):
    """Everything personal, read in one go, for drawing marks in the list and thread."""

    bookmarks: tuple[Bookmark, ...] = ()
    notes: tuple[Note, ...] = ()
    quotes: tuple[Quote, ...] = ()
    read: frozenset[str] = frozenset()
    subjects: Mapping[str, Subject] = NO_SUBJECTS  # review id -> subject set by the user

    @property
    def bookmarked_reviews(self) -> frozenset[str]:
        return frozenset(b.review_id for b in self.bookmarks if b.comment_id is None)

    @property
    def bookmarked_comments(self) -> frozenset[str]:
        return frozenset(b.comment_id for b in self.bookmarks if b.comment_id is not None)

    @property
    def reviews_with_notes(self) -> frozenset[str]:
        return frozenset(n.anchor.review_id for n in self.notes)

    @property
    def reviews_with_quotes(self) -> frozenset[str]:
        return frozenset(q.anchor.review_id for q in self.quotes)


class UserData:
    """Bookmarks, notes, quotes and read state; safe across crashes and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self.problems: list[str] = []
        self._sound: tuple[int, int, int] | None = None  # the file as last found well-formed
        self._check_readable()

    def _check_readable(self) -> None:
        """A corrupt file is moved aside (never deleted), a misshapen one repaired; the user told in one line."""
        try:
            value = read_json(self.path)
            healthy = value is None or (isinstance(value, dict) and not misshapen(value))
        except ValueError:
            value, healthy = None, False
        if isinstance(value, dict) and (schema := schema_of(value)) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer tui-reader (schema {schema})")
        if healthy:
            self._sound = _file_stamp(self.path)
            return
        with locked(self.lock_path):
            self._make_sound()

    def _make_sound(self) -> None:
        """With the lock held: move a corrupt file aside, or repair a misshapen one keeping a copy."""
        stamp = _file_stamp(self.path)
        if stamp is None or stamp == self._sound:
            return
        data = read_bytes(self.path)
        if data is None:
            return
        try:
            value = parse_json(self.path, data)
            if not isinstance(value, dict):
                raise ValueError(f"{self.path}: not a TinyDB document ({kind_of(value)})")
        except ValueError as error:
            kept = move_aside(self.path)
            self.problems.append(f"{error}; kept as {kept.name}, starting with empty notes and bookmarks")
            self._sound = None
            return
        schema = schema_of(value)
        if schema > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer tui-reader (schema {schema})")
        clean, faults = checked(value)
        if faults:
            kept = keep_copy(self.path, data)
            write_json(self.path, clean)
            self.problems.append(fault_line(self.path, faults, kept))
        self._sound = _file_stamp(self.path)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[TinyDB]:
        with locked(self.lock_path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            from tui_reader.core.store.tinydb_files import open_db

            self._make_sound()  # another process or a hand edit may have changed it since
            db = open_db(self.path)
            meta = db.table(META)
            if not meta.contains(doc_id=1):
                meta.insert({"schema": SCHEMA_VERSION, "created": now()})
            yield db
            self._sound = _file_stamp(self.path)  # written by us from a sound file: sound

    def _read(self) -> dict[str, Any]:
        """The well-formed records; damage found while we run is noted, repaired at the next write."""
        try:
            value = read_json(self.path) or {}
            if not isinstance(value, dict):
                raise ValueError(f"{self.path}: not a TinyDB document ({kind_of(value)})")
        except ValueError as error:  # corrupted while we run: keep going on what we can
            self._note(str(error))
            return {}
        if not misshapen(value):
            return value
        clean, faults = checked(value)
        self._note(f"{self.path}: malformed records skipped until the next change repairs the file ({listed(faults)})")
        return clean

    def _note(self, problem: str) -> None:
        if problem not in self.problems:  # read often (every redraw of marks): say it once
            self.problems.append(problem)

    def stamp(self) -> tuple[int, int] | None:
        """Changes when any process writes: the app polls this to pick up the other's edits."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def snapshot(self) -> UserSnapshot:
        tables = self._read()
        return UserSnapshot(
            bookmarks=tuple(Bookmark.from_doc(d) for d in tables.get(BOOKMARKS, {}).values()),
            notes=tuple(Note.from_doc(d) for d in tables.get(NOTES, {}).values()),
            quotes=tuple(Quote.from_doc(d) for d in tables.get(QUOTES, {}).values()),
            read=frozenset(d["review_id"] for d in tables.get(READ, {}).values() if d.get("read")),
            subjects=_subjects_of(tables),
        )

    def subjects(self) -> Mapping[str, Subject]:
        """Review id -> the subject the user set for it (only those with one)."""
        return _subjects_of(self._read())

    # ---- subjects -------------------------------------------------------------------

    def set_subject(self, review_id: str, subject: Subject | None) -> None:
        """Set what `review_id` is a review of, over whatever its import said; None clears that.

        Kept here, not in the library, so a re-import (or a removed source) never loses it."""
        where = matching(review_id=review_id)
        with self._transaction() as db:
            table = db.table(SUBJECTS)
            if subject is None:
                table.remove(where)
            else:
                table.upsert({"review_id": review_id, "subject": subject.to_doc(), "at": now()}, where)

    # ---- bookmarks ------------------------------------------------------------------

    def toggle_bookmark(self, review_id: str, comment_id: str | None = None) -> bool:
        """Add the bookmark if absent, remove it if present. Returns True when now bookmarked."""
        where = matching(review_id=review_id, comment_id=comment_id)
        with self._transaction() as db:
            table = db.table(BOOKMARKS)
            if table.remove(where):
                return False
            table.insert(Bookmark(new_id(), review_id, now(), comment_id).to_doc())
            return True

    # ---- notes ----------------------------------------------------------------------

    def add_note(self, anchor: Anchor, text: str) -> Note:
        stamp = now()
        note = Note(id=new_id(), anchor=anchor, text=repair(text), created=stamp, updated=stamp)
        with self._transaction() as db:
            db.table(NOTES).insert(note.to_doc())
        return note

    def update_note(self, note_id: str, text: str) -> bool:
        with self._transaction() as db:
            return bool(db.table(NOTES).update({"text": repair(text), "updated": now()}, matching(id=note_id)))

    def delete_note(self, note_id: str) -> bool:
        with self._transaction() as db:
            return bool(db.table(NOTES).remove(matching(id=note_id)))

    def update_anchors(self, updates: dict[str, tuple[Anchor, bool]]) -> None:
        """Move notes whose text moved after a re-import, or mark them detached (never drop them)."""
        if not updates:
            return
        with self._transaction() as db:
            table = db.table(NOTES)
            for note_id, (anchor, detached) in updates.items():
                table.update({"anchor": anchor.to_doc(), "detached": detached}, matching(id=note_id))

    def set_aside(self, titles: Mapping[str, str]) -> int:
        """The reviews `titles` names (id -> title) were removed from the library: mark their notes
        detached, anchors and quoted text kept, so they show and export apart until the review is
        imported again; remember the titles of those holding anything of the user's, for showing
        them. Returns how many notes were attached before."""
        if not titles:
            return 0
        with self._transaction() as db:
            notes = db.table(NOTES)
            held = {_review_of(doc) for name in (NOTES, QUOTES, BOOKMARKS) for doc in db.table(name).all()}
            ids = [doc.doc_id for doc in notes.all() if _review_of(doc) in titles and not doc.get("detached", False)]
            if ids:
                notes.update({"detached": True}, doc_ids=ids)
            removed = db.table(REMOVED)
            stamp = now()
            for review_id, title in titles.items():
                if review_id in held:
                    record = {"review_id": review_id, "title": title, "at": stamp}
                    removed.upsert(record, matching(review_id=review_id))
            return len(ids)

    def removed_titles(self) -> Mapping[str, str]:
        """Review id -> title, for removed reviews that held notes, quotes or bookmarks."""
        table = self._read().get(REMOVED, {})
        found = {}
        for doc in table.values() if isinstance(table, dict) else ():
            if isinstance(doc, dict) and isinstance(doc.get("review_id"), str) and isinstance(doc.get("title"), str):
                found[doc["review_id"]] = doc["title"]
        return found

    # ---- quotes ---------------------------------------------------------------------

    def add_quote(
        self,
        anchor: Anchor,
        text: str,
        attribution: str = "",
        destinations: tuple[str, ...] = (),
        about: QuoteAbout | None = None,
    ) -> Quote:
        """Keeps one quote per passage: the same text copied again from the same place returns the first."""
        quote = Quote(new_id(), anchor, text, now(), attribution, destinations, about or QuoteAbout())
        with self._transaction() as db:
            table = db.table(QUOTES)
            for doc in table.all():  # _transaction made the file sound first: every record reads
                if (kept := Quote.from_doc(doc)).key == quote.key:
                    return kept
            table.insert(quote.to_doc())
        return quote

    # ---- read state -----------------------------------------------------------------

    def set_read(self, review_id: str, read: bool = True) -> None:
        with self._transaction() as db:
            db.table(READ).upsert({"review_id": review_id, "read": read, "at": now()}, matching(review_id=review_id))

    # ---- bulk restore (import of our own JSON export) --------------------------------

    def restore(
        self,
        bookmarks: list[Bookmark],
        notes: list[Note],
        quotes: list[Quote],
        read: Iterable[str] = (),
        subjects: Iterable[tuple[str, Subject]] = (),
    ) -> int:
        """Merge records by id (existing ones kept as they are), mark `read` reviews read and set
        `subjects` (review id, subject) where the user has set none, all in one locked write.
        Returns how many records were new."""
        added = 0
        with self._transaction() as db:
            table = db.table(SUBJECTS)
            known = {doc["review_id"] for doc in table.all()}
            stamp = now()
            chosen = {rid: s.to_doc() for rid, s in subjects if rid not in known}
            table.insert_multiple({"review_id": rid, "subject": doc, "at": stamp} for rid, doc in chosen.items())
            added += len(chosen)
            reads = db.table(READ)
            by_review = {doc["review_id"]: doc.doc_id for doc in reads.all()}
            stamp = now()
            wanted = dict.fromkeys(read)
            reads.update({"read": True, "at": stamp}, doc_ids=[by_review[r] for r in wanted if r in by_review])
            reads.insert_multiple({"review_id": r, "read": True, "at": stamp} for r in wanted if r not in by_review)
            for table_name, records in ((BOOKMARKS, bookmarks), (NOTES, notes), (QUOTES, quotes)):
                table = db.table(table_name)
                known = {doc["id"] for doc in table.all()}
                fresh = [record.to_doc() for record in records if record.id not in known]
                table.insert_multiple(fresh)
                added += len(fresh)
        return added


def _review_of(doc: Mapping[str, Any]) -> object:
    """The review a note, quote or bookmark document belongs to (None when it says none)."""
    anchor = doc.get("anchor", doc)
    return str(anchor.get("review_id")) if isinstance(anchor, dict) else None


def _subjects_of(tables: dict[str, Any]) -> Mapping[str, Subject]:
    found: dict[str, Subject] = {}
    for doc in tables.get(SUBJECTS, {}).values():
        subject = Subject.from_doc(doc.get("subject")) if isinstance(doc, dict) else None
        if subject is not None and isinstance(doc.get("review_id"), str):
            found[doc["review_id"]] = subject
    return MappingProxyType(found) if found else NO_SUBJECTS


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
