"""How a table's rows are named: by a site's id, a file's own id, or their words (`content_ids`)."""

from __future__ import annotations

from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers.content_ids import row_id


class RowIds:
    """How one file's rows are named: by their id column, else by their words (`content_ids`), so a
    row keeps its id wherever it moves in the file (older versions named it by its line: `line_id`)."""

    __slots__ = ("by_content", "key", "older", "seen")

    def __init__(self, key: str) -> None:
        self.key = key  # the file (`ids.source_key`)
        self.seen: dict[str, int] = {}
        self.by_content = False  # whether a row was named by its words
        self.older: dict[str, str] = {}  # a site's id -> the id older versions gave it, by its file

    def named(self, native: str, parts: tuple[str, ...], scope: str | None = None) -> str:
        """A row's id. A site's id (`scope`: `tablefacts.FileFacts.id_scope`) is that site's review
        wherever it is saved: the CSV and a TSV of it, or the export in another folder, are one
        review, and re-importing either updates it. An id that is the file's count names a row
        within its file (two tables both count from 1). A row named by its words is the same
        review in whichever file it comes; only a row saying no more than its text (no author,
        date or subject: "Great!") keeps its file in its name."""
        if native and scope:
            named = stable_id(scope, native)
            self.older[named] = stable_id("table", self.key, native)  # kept where stored (`older_ids`)
            return named
        if native:
            return stable_id("table", self.key, native)
        self.by_content = True
        _, author, date, subject, _ = parts
        return row_id(self.seen, "" if author or date or subject else self.key, parts)

    def was(self, named: str, native: str) -> None:
        """Older versions named this row by `native` from a column now read otherwise (a film's id)."""
        if native:
            self.older[named] = stable_id("table", self.key, native)

    def take_older(self) -> dict[str, str]:
        """The older ids of the rows named since the last call (one chunk's)."""
        older, self.older = self.older, {}
        return older


def line_id(key: str, line: int) -> str:
    """The id older versions gave the row on `line` of the file `key` when it had no id column: a
    library stored then holds it, with the notes on it (`pipeline.older_ids` keeps it)."""
    return stable_id("table", key, f"line {line}")
