"""The user's own data: bookmarks, notes, quotes, read state and subjects set by hand, in a
small JSON file in TinyDB's layout (read marks in their own log, `userdata_read`).

Kept apart from the library so that a re-import, a rebuilt library or a corrupt
shard can never touch it. Every change is one locked read of the file, the change
made in memory (`userdata_tables`) and, when something changed, one atomic write:
the lock serialises processes, the fresh read sees what another process wrote, the
atomic replace survives a kill.

A file that is not JSON, or not a JSON object, is moved aside whole. One that is
an object but holds records of the wrong shape (a note without an anchor, a table
that is a list, hand edits) is repaired without losing anything: the whole file is
first copied aside, then rewritten with every well-formed record, and the user
is told in one line which records were left out (they are in the copy).
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.core.content.anchor_shape import kind_of
from tui_reader.core.content.text import note_text, plural, repair
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
from tui_reader.core.store.userdata_read import ReadMarks
from tui_reader.core.store.userdata_records import UserSnapshot, name_things, new_id, now, set_where_unset, subjects_of
from tui_reader.core.store.userdata_shape import (
    BOOKMARKS,
    META,
    NOTES,
    QUOTES,
    READ,
    SUBJECTS,
    THINGS,
    checked,
    fault_line,
    listed,
    misshapen,
    old_read_marks,
    records_in,
    salvaged,
    schema_of,
)
from tui_reader.core.store.userdata_tables import Tables, review_of, where

if TYPE_CHECKING:  # imported where a record is made: `search` over no notes imports no models (`library_read`)
    from tui_reader.core.content.models import Subject
    from tui_reader.core.content.user_records import Anchor, Bookmark, Note, Quote, QuoteAbout

SCHEMA_VERSION = 1
REMOVED = "removed"  # review id -> title of removed reviews that held notes, quotes or bookmarks


class UserData:
    """Bookmarks, notes, quotes and read state; safe across crashes and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self.problems: list[str] = []
        self.read_marks = ReadMarks(path.with_name(path.stem + ".read"), self.problems)
        self._sound: tuple[int, int, int] | None = None  # the file as last found well-formed and migrated
        self._check_readable()

    def _check_readable(self) -> None:
        """A corrupt file is moved aside (never deleted), a misshapen one repaired, read marks kept
        in the old file moved to their log; the user told in one line."""
        try:
            value = read_json(self.path)
            healthy = value is None or (isinstance(value, dict) and READ not in value and not misshapen(value))
        except ValueError:
            value, healthy = None, False
        if isinstance(value, dict) and (schema := schema_of(value)) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer tui-reader (schema {schema})")
        if healthy:
            self._sound = _file_stamp(self.path)
            return
        with locked(self.lock_path):
            tables = self._load()
            if tables.changed:
                write_json(self.path, tables.document)
            self._sound = _file_stamp(self.path)

    def _load(self) -> Tables:
        """With the lock held, read the file once: a corrupt one moved aside (empty tables), a misshapen
        one copied aside and repaired, old read marks moved to their log; `changed` when it must be written."""
        data = read_bytes(self.path)
        if data is None:
            return Tables({})
        recovered = False
        try:
            value = parse_json(self.path, data)
            if not isinstance(value, dict):
                raise ValueError(f"{self.path}: not a TinyDB document ({kind_of(value)})")
        except ValueError as error:
            kept, value = move_aside(self.path), salvaged(data)
            recovered = bool(found := records_in(value))
            saved = (
                f"{plural(found, 'record')} recovered from it" if found else "starting with empty notes and bookmarks"
            )
            self.problems.append(f"{error}; kept as {kept.name}, {saved}")
        schema = schema_of(value)
        if schema > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer tui-reader (schema {schema})")
        tables = Tables(value)
        tables.changed = recovered  # written back: the records recovered are the file from now on
        if misshapen(value):
            clean, faults = checked(value)
            if faults:
                kept = keep_copy(self.path, data)
                self.problems.append(fault_line(self.path, faults, kept))
                tables = Tables(clean)
                tables.changed = True
        if READ in tables.document:  # written before read marks had their own log: move them there
            self.read_marks.change(read=old_read_marks(tables.document))
            tables.drop(READ)
        return tables

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Tables]:
        """One locked read of the file and, when something changed, one atomic write."""
        with locked(self.lock_path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tables = self._load()
            if "1" not in tables.document.get(META, {}):
                tables.insert(META, {"schema": SCHEMA_VERSION, "created": now()})
            yield tables
            if tables.changed:
                write_json(self.path, tables.document)
            self._sound = _file_stamp(self.path)  # written by us from a sound file: sound

    @contextlib.contextmanager
    def _marks_transaction(self) -> Iterator[ReadMarks]:
        """The lock, for changing read marks: the user file is read only when another process changed it."""
        with locked(self.lock_path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if _file_stamp(self.path) != self._sound:
                tables = self._load()
                if tables.changed:
                    write_json(self.path, tables.document)
                self._sound = _file_stamp(self.path)
            yield self.read_marks

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

    def stamp(self) -> tuple[int, int, int, int] | None:
        """Changes when any process writes: the app polls this to pick up the other's edits."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            stat = None
        try:
            marks = self.read_marks.path.stat()
        except FileNotFoundError:
            marks = None
        if stat is None and marks is None:
            return None
        return (
            stat.st_mtime_ns if stat else 0,
            stat.st_size if stat else 0,
            marks.st_mtime_ns if marks else 0,
            marks.st_size if marks else 0,
        )

    def snapshot(self) -> UserSnapshot:
        tables = self._read()
        read, old = self.read_marks.ids(), old_read_marks(tables)  # no copy of 100k marks when there are no old ones
        unmarked = UserSnapshot(read=read | old if old else read, subjects=subjects_of(tables))
        if not any(tables.get(name) for name in (BOOKMARKS, NOTES, QUOTES)):
            return unmarked  # no record to make, no models imported (`search` without notes: their dataclasses)
        from tui_reader.core.content.user_records import Bookmark, Note, Quote

        return unmarked._replace(
            bookmarks=tuple(Bookmark.from_doc(d) for d in tables.get(BOOKMARKS, {}).values()),
            notes=tuple(Note.from_doc(d) for d in tables.get(NOTES, {}).values()),
            quotes=tuple(Quote.from_doc(d) for d in tables.get(QUOTES, {}).values()),
        )

    def subjects(self) -> Mapping[str, Subject]:
        """Review id -> the subject the user set for it (only those with one)."""
        return subjects_of(self._read())

    def thing_names(self) -> Mapping[str, Subject]:
        """An imported subject's group -> the name the user gave that thing for every review of it."""
        return subjects_of(self._read(), THINGS, "group")

    # ---- subjects -------------------------------------------------------------------

    def set_subject(self, review_ids: Collection[str], subject: Subject | None, things: Collection[str] = ()) -> None:
        """Set what these reviews are reviews of, over whatever their import said; None clears that.
        One write for them all (every review of a film named at once). `things`: the groups of their
        imported subjects when the name is for every review of the thing (`name_things`).

        Kept here, not in the library, so a re-import (or a removed source) never loses it."""
        if isinstance(review_ids, str):  # a str is a collection of its letters: each would be an id
            raise TypeError("set_subject takes a collection of review ids, not one id")
        ids = frozenset(review_ids)
        with self._transaction() as tables:
            tables.remove(SUBJECTS, lambda doc: doc.get("review_id") in ids)
            stamp = now()
            if subject is not None:
                doc = subject.to_doc()
                tables.insert(SUBJECTS, *({"review_id": rid, "subject": doc, "at": stamp} for rid in sorted(ids)))
            if things:
                name_things(tables, things, subject, stamp)

    # ---- bookmarks ------------------------------------------------------------------

    def toggle_bookmark(self, review_id: str, comment_id: str | None = None) -> bool:
        """Add the bookmark if absent, remove it if present. Returns True when now bookmarked."""
        from tui_reader.core.content.user_records import Bookmark

        with self._transaction() as tables:
            if tables.remove(BOOKMARKS, where(review_id=review_id, comment_id=comment_id)):
                return False
            tables.insert(BOOKMARKS, Bookmark(new_id(), review_id, now(), comment_id).to_doc())
            return True

    # ---- notes ----------------------------------------------------------------------

    def add_note(self, anchor: Anchor, text: str) -> Note:
        from tui_reader.core.content.user_records import Note

        stamp = now()
        note = Note(id=new_id(), anchor=anchor, text=note_text(text), created=stamp, updated=stamp)
        with self._transaction() as tables:
            tables.insert(NOTES, note.to_doc())
        return note

    def update_note(self, note: Note, text: str) -> str:
        """`text` over `note` as it was when its editing began: "saved". When another window changed or
        deleted it meanwhile ("changed elsewhere", "deleted elsewhere"), `text` is a new note beside it:
        the second save of two overwrote the first, and a save after a delete was lost."""
        from tui_reader.core.content.user_records import Note

        text = note_text(text)
        with self._transaction() as tables:
            doc = next((doc for doc in tables.records(NOTES) if doc.get("id") == note.id), None)
            stored = None if doc is None else Note.from_doc(doc)  # as `note` was read: an old note has no `updated`
            if stored is not None and (stored.text, stored.updated) == (note.text, note.updated):
                if text != note.text:
                    tables.update(NOTES, where(id=note.id), {"text": text, "updated": now()})
                return "saved"
            stamp = now()
            tables.insert(NOTES, note._replace(id=new_id(), text=text, created=stamp, updated=stamp).to_doc())
        return "deleted elsewhere" if stored is None else "changed elsewhere"

    def delete_note(self, note_id: str, listed: Note | None = None) -> bool:
        """False when gone already, or changed by another window since it was `listed` (shown): kept, unseen."""
        from tui_reader.core.store.userdata_records import as_listed

        with self._transaction() as tables:
            return bool(tables.remove(NOTES, as_listed(note_id, listed)))

    def update_anchors(self, updates: dict[str, tuple[Anchor, bool]]) -> None:
        """Move notes and quotes (by id) whose text moved after a re-import, or mark them detached
        (never drop them), or attached again when their text came back."""
        if not updates:
            return
        with self._transaction() as tables:
            for record_id, (anchor, detached) in updates.items():
                change = {"anchor": anchor.to_doc(), "detached": detached}
                if not tables.update(NOTES, where(id=record_id), change):
                    tables.update(QUOTES, where(id=record_id), change)

    def set_aside(self, titles: Mapping[str, str], drafted: Collection[str] = ()) -> int:
        """The reviews `titles` names (id -> title) were removed from the library: mark their notes
        and quotes detached, anchors and quoted text kept, so they show and export apart until the review is
        imported again; remember the titles of those holding anything of the user's (`drafted`: the
        reviews drafts are kept on, in their own file), for showing them. Returns how many notes were
        attached before."""
        if not titles:
            return 0
        with self._transaction() as tables:
            held = {review_of(doc) for name in (NOTES, QUOTES, BOOKMARKS) for doc in tables.records(name)}
            held.update(drafted)

            def attached_on_removed(doc: dict[str, Any]) -> bool:
                return review_of(doc) in titles and not doc.get("detached", False)

            count = tables.update(NOTES, attached_on_removed, {"detached": True})
            tables.update(QUOTES, attached_on_removed, {"detached": True})  # both attached again on re-import
            stamp = now()
            for review_id, title in titles.items():
                if review_id in held:
                    record = {"review_id": review_id, "title": title, "at": stamp}
                    tables.upsert(REMOVED, where(review_id=review_id), record)
            return count

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
        """Keeps one quote per passage: the same text copied again from the same place returns the first.
        Its text is `repair()`ed as a note's is: no control character is kept, so a backup reads back exactly."""
        from tui_reader.core.content.user_records import Quote, QuoteAbout

        anchor = anchor._replace(quoted=repair(anchor.quoted)) if anchor.quoted else anchor
        quote = Quote(new_id(), anchor, repair(text), now(), repair(attribution), destinations, about or QuoteAbout())
        with self._transaction() as tables:
            for doc in tables.records(QUOTES):  # _transaction made the file sound first: every record reads
                if (kept := Quote.from_doc(doc)).key == quote.key:
                    return kept  # nothing changed: nothing written
            tables.insert(QUOTES, quote.to_doc())
        return quote

    def delete_quote(self, quote_id: str) -> bool:
        """Forget one kept quote (every copy keeps one); False when it was gone already (another window)."""
        with self._transaction() as tables:
            return bool(tables.remove(QUOTES, where(id=quote_id)))

    # ---- read state -----------------------------------------------------------------

    def set_read(self, review_id: str, read: bool = True) -> None:
        """One line appended to the read-marks log; nothing written when the mark is already so."""
        with self._marks_transaction() as marks:
            marks.change(read=[review_id] if read else [], unread=[] if read else [review_id])

    # ---- bulk restore (import of our own JSON export) --------------------------------

    def restore(
        self,
        bookmarks: list[Bookmark],
        notes: list[Note],
        quotes: list[Quote],
        read: Iterable[str] = (),
        subjects: Iterable[tuple[str, Subject]] = (),
        removed: Iterable[tuple[str, str]] = (),
        things: Iterable[tuple[str, Subject]] = (),
    ) -> int:
        """Merge records by id (existing ones kept as they are), mark `read` reviews read, set
        `subjects` (review id, subject) and name `things` (subject group, name) where the user has set
        none and keep `removed` reviews' titles (review id, title) not known yet, all in one locked
        write. Returns how many records were new."""
        with self._transaction() as tables:
            stamp = now()
            added = set_where_unset(tables, SUBJECTS, "review_id", subjects, stamp)
            added += set_where_unset(tables, THINGS, "group", things, stamp)
            titled = {doc.get("review_id") for doc in tables.records(REMOVED)}
            tables.insert(
                REMOVED, *({"review_id": rid, "title": t, "at": stamp} for rid, t in removed if rid not in titled)
            )
            self.read_marks.change(read=read)
            for table_name, records in ((BOOKMARKS, bookmarks), (NOTES, notes), (QUOTES, quotes)):
                known = {doc["id"] for doc in tables.records(table_name)}
                fresh = [record.to_doc() for record in records if record.id not in known]
                tables.insert(table_name, *fresh)
                added += len(fresh)
        return added


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
