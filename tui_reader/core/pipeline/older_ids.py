"""Keep the ids a library holds for what older versions named by its place (`content_ids`).

A library imported before holds table rows under their line numbers and plain-text comments
under their place in the thread, with the user's notes and bookmarks on those ids. Read again,
a row or comment is named by what it says; it keeps the stored id when the review or comment
stored under it says the same. So the unchanged file reads as unchanged, and an edited one keeps
each note on its text: a row is looked for among every row stored under the file's line numbers
(wherever it has moved, the file's last rows included when rows above were deleted), a comment
among its stored thread. What says something else is never given a stored id: a note never
moves onto other text. A table row named by its site's id (`Parsed.older_ids`), which older
versions named by its file and that id, keeps the id stored for it from that file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers.content_ids import older_comment_ids, review_said_parts, said_parts, with_comment_ids
from tui_reader.core.importers.tableids import line_id

if TYPE_CHECKING:
    from tui_reader.core.importers.base import Parsed
    from tui_reader.core.store.library import Library

PAST_LINES = 1000  # lines looked at after the last row found: a long review's lines, or rows deleted from the end
WINDOW = 1000  # stored rows read at a time


@dataclass(slots=True)
class OlderIds:
    """One import's look at the rows stored under older ids, each file's once; each id given once."""

    stored: dict[str, list[str]] = field(default_factory=dict)  # what a row of a file says (`_said`) -> ids
    looked: set[str] = field(default_factory=set)  # the files whose rows were looked for

    def kept(self, library: Library, files: Iterable[Parsed]) -> list[Review]:
        """The files' reviews, each under the id its stored copy has when an older version named it."""
        reviews: list[Review] = []
        for parsed in files:
            by_content = parsed.rows_by_content is not None or parsed.threads_by_content
            if not len(library) or not (by_content or parsed.older_ids):
                reviews += parsed.reviews  # the usual case: a first import, or ids from the file
                continue
            kept = _filed(library, parsed.reviews, parsed.older_ids)
            if parsed.rows_by_content is not None:
                kept = self._rows(library, kept, parsed.rows_by_content)
            threads = parsed.threads_by_content
            reviews += [_thread(library, review) if review.id in threads else review for review in kept]
        return reviews

    def _rows(self, library: Library, reviews: list[Review], key: str) -> list[Review]:
        fresh = [i for i, review in enumerate(reviews) if library.position(review.id) is None]
        if not fresh:
            return reviews
        if key not in self.looked:
            self.looked.add(key)
            self._look(library, key)
        if not self.stored:
            return reviews
        kept = list(reviews)
        for i in fresh:
            ids = self.stored.get(_said(key, review_said_parts(reviews[i])))
            if ids:
                kept[i] = reviews[i].with_id(ids.pop(0))
        return kept

    def _look(self, library: Library, key: str) -> None:
        """Every row stored under the file's line numbers, in line order (rows repeated word for word
        keep theirs), until PAST_LINES lines in a row hold none; read a window of them at a time."""
        found: list[tuple[str, int]] = []
        line = last = 1
        while line - last <= PAST_LINES:
            old = line_id(key, line)
            position = library.position(old)
            if position is not None:
                found.append((old, position))
                last = line
            line += 1
        for start in range(0, len(found), WINDOW):
            window = found[start : start + WINDOW]
            texts = library.texts_at([position for _, position in window])
            for (old, position), text in zip(window, texts, strict=True):
                if text is not None:
                    author, date = library.cell("author", position), library.cell("date", position)
                    subject = text.subject[0] if text.subject else None
                    parts = said_parts(author, date, subject, "\n\n".join(text.paragraphs))
                    self.stored.setdefault(_said(key, parts), []).append(old)


def _filed(library: Library, reviews: list[Review], older: dict[str, str]) -> list[Review]:
    """The reviews, each under the id its file gave it before where that is stored: an older library
    reads as before (notes stay on their reviews), even where the site's id came since from another file."""
    if not older:
        return reviews
    kept = list(reviews)
    for i, review in enumerate(reviews):
        old = older.get(review.id)
        if old is not None and library.position(old) is not None:
            kept[i] = review.with_id(old)
    return kept


def _said(key: str, parts: tuple[str, ...]) -> str:
    """What a row of the file `key` says, as a digest: the words of every stored row are not kept."""
    return stable_id(key, *parts)


def _thread(library: Library, review: Review) -> Review:
    """The review with its comments under the ids their stored copies have."""
    if not review.comments or library.position(review.id) is None:
        return review
    stored = library.get(review.id)
    if stored is None or not stored.comments:
        return review
    stored_ids = {comment.id for _, comment in walk_comments(stored.comments)}
    if all(comment.id in stored_ids for _, comment in walk_comments(review.comments)):
        return review  # named as stored: nothing older in it
    return with_comment_ids(review, older_comment_ids(stored))
