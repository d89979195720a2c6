"""What every importer shares: the error it may raise, what it returns, how it is found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.user_records import Bookmark, Note, Quote

if TYPE_CHECKING:
    from tui_reader.core.importers.thread_merge import Fragment


class InputError(Exception):
    """Bad input, told to the user as one line naming the file. Never a traceback."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something not imported (a file, or an item inside one), and why."""

    where: str
    reason: str
    count: int | None = None  # for an aggregate ("spam posts"): how many; 0 for a note (a repair skipped nothing)

    @property
    def is_note(self) -> bool:
        """A note about the file (`repaired (XML was not well-formed)`), not something left out."""
        return self.count == 0

    @property
    def label(self) -> str:
        """As shown to the user: 'spam posts (3)' for an aggregate; a note as 'repaired: XML was not well-formed'."""
        if self.is_note:
            head, _, detail = self.reason.partition(" (")
            return f"{head}: {detail.removesuffix(')')}" if detail else head
        return self.reason if self.count is None else f"{self.reason} ({self.count})"

    @property
    def items(self) -> int:
        return 1 if self.count is None else self.count


@dataclass(slots=True)
class Personal:
    """Bookmarks, notes, quotes, read marks, followed sources, drafts and named things: our own JSON export's."""

    bookmarks: list[Bookmark] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    subjects: list[tuple[str, Subject]] = field(default_factory=list)  # (review id, the subject the user set)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (review id, title) of removed reviews noted
    sources: list[dict[str, Any]] = field(default_factory=list)  # followed sources (`sources.record` reads them)
    drafts: list[dict[str, Any]] = field(default_factory=list)  # notes typed, not saved (`store.drafts` reads them)
    things: list[tuple[str, Subject]] = field(default_factory=list)  # (subject group, its name for all)


@dataclass(slots=True)
class Parsed:
    """What one file gave: its reviews, plus items inside it that were skipped."""

    path: str
    format: str
    reviews: list[Review] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    personal: Personal | None = None
    mapping: dict[str, str] | None = None  # a table's columns: field -> column, for --dry-run to show
    # Threads merged from fragments: review id -> whether its head is the real post (not a placeholder).
    # A thread read again from other dumps is merged with the stored one (`thread_merge.with_stored`).
    threads: dict[str, bool] = field(default_factory=dict)
    # Threads spread over files (a Reddit dump, Staticman): merged across the import (`thread_merge`).
    fragments: list[Fragment] = field(default_factory=list)
    # What older versions named by its place and this one by its words (`content_ids`): the file
    # key of a table whose rows are named by their words (older versions: by line, `tablemap.line_id`),
    # and the reviews whose comments are (older versions: by their place in the thread). A re-import
    # keeps a stored id whose review or comment says the same (`pipeline.older_ids`).
    rows_by_content: str | None = None
    threads_by_content: set[str] = field(default_factory=set)
    # A table's rows named by their site's ids, which older versions named by their file: id -> older id.
    older_ids: dict[str, str] = field(default_factory=dict)
    # Comments the site says are gone (comment id -> `Comment.gone`), kept or left out: a refresh marks
    # its stored copy of them so (`thread_merge.with_stored`), keeping their text.
    gone: dict[str, str] = field(default_factory=dict)


class Importer(Protocol):
    """One input format. `sniff` looks at content, not the file name."""

    name: str

    def sniff(self, head: str, path: Path) -> bool: ...

    def parse(self, text: str, path: Path) -> Parsed: ...
