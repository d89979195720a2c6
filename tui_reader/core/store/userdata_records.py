"""What `UserData` hands out: a snapshot of everything personal, read in one go, and what its
records are made with (ids, times, the subjects table read as a mapping)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.store.userdata_shape import SUBJECTS, THINGS
from tui_reader.core.store.userdata_tables import Tables

if TYPE_CHECKING:  # `search` over no notes imports no models (`library_read`)
    from tui_reader.core.content.models import Subject
    from tui_reader.core.content.user_records import Bookmark, Note, Quote

NO_SUBJECTS: Mapping[str, Subject] = MappingProxyType({})


def now() -> str:
    from datetime import UTC, datetime  # here and uuid below: a reader makes no record (`atomic.loads`)

    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    import uuid

    return uuid.uuid4().hex[:16]


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
    def reviews_with_bookmarked_comments(self) -> frozenset[str]:
        return frozenset(b.review_id for b in self.bookmarks if b.comment_id is not None)

    @property
    def reviews_with_bookmarks(self) -> frozenset[str]:
        """A review bookmarked, or one of its comments: what `F` lists and `is:bookmarked` finds."""
        return frozenset(b.review_id for b in self.bookmarks)

    @property
    def reviews_with_notes(self) -> frozenset[str]:
        return frozenset(n.anchor.review_id for n in self.notes)

    @property
    def reviews_with_quotes(self) -> frozenset[str]:
        return frozenset(q.anchor.review_id for q in self.quotes)

    @property
    def anchored(self) -> tuple[Note | Quote, ...]:
        """Notes and quotes: what hangs on a passage, re-anchored or detached as one (`reanchored`)."""
        return (*self.notes, *self.quotes)


def subjects_of(tables: dict[str, Any], table: str = SUBJECTS, by: str = "review_id") -> Mapping[str, Subject]:
    """Review id -> the subject the user set for it, read from the file's tables (`THINGS`, "group":
    an imported subject's group -> the name the user gave the thing)."""
    docs = tables.get(table)
    if not docs:
        return NO_SUBJECTS  # none set: no models imported (`search`)
    from tui_reader.core.content.models import Subject

    found: dict[str, Subject] = {}
    for doc in docs.values():
        subject = Subject.from_doc(doc.get("subject")) if isinstance(doc, dict) else None
        if subject is not None and isinstance(doc.get(by), str):
            found[doc[by]] = subject
    return MappingProxyType(found) if found else NO_SUBJECTS


def name_things(tables: Tables, groups: Collection[str], subject: Subject | None, stamp: str) -> None:
    """The name the user gave a thing for every review of it (None: took it back), kept by the
    groups of its reviews' imported subjects: a review of it imported later takes the name too
    (`Store._name_as_its_thing`). A name set on one review alone is no thing's name."""
    tables.remove(THINGS, lambda doc: doc.get("group") in groups)
    if subject is not None:
        doc = subject.to_doc()
        tables.insert(THINGS, *({"group": group, "subject": doc, "at": stamp} for group in sorted(groups)))


def set_where_unset(tables: Tables, table: str, by: str, named: Iterable[tuple[str, Subject]], stamp: str) -> int:
    """A backup's (key, subject) pairs set where `table` has none for the key (`SUBJECTS` by review id,
    `THINGS` by group): what the user set since the backup is kept. How many were set."""
    known = {doc.get(by) for doc in tables.records(table)}
    chosen = {key: subject.to_doc() for key, subject in named if key not in known}
    tables.insert(table, *({by: key, "subject": doc, "at": stamp} for key, doc in chosen.items()))
    return len(chosen)


def as_listed(note_id: str, listed: Note | None) -> Callable[[dict[str, Any]], bool]:
    """A test for the note `note_id` as it was `listed` (its text and times), any when None: a delete
    confirmed on what was shown never takes another window's edit made since."""
    from tui_reader.core.content.user_records import Note

    def test(doc: dict[str, Any]) -> bool:
        return doc.get("id") == note_id and (listed is None or Note.from_doc(doc)[2:5] == listed[2:5])

    return test
