"""Two files that share a name and a folder name are two reviews, not one review updated.

A review read from a file of its own (plain text, an HTML page, a saved Hacker News page) is named by
the file's name and its folder's (`source_key`), so a copied or moved folder keeps its notes. But
IMDb's dataset has `train/neg/0_3.txt` and `test/neg/0_3.txt`, and anyone's folders may hold two
`films/her.txt`: the second was stored over the first ("1 updated") and a note on the first went
onto the other film's text. Here a review whose id another file already holds (in this import, or
stored from another path with mostly other words) is named by more of its path, one folder at a
time. The same file read again, a moved folder, and a moved file edited a little keep their id.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from tui_reader.core.content.ids import stable_id

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review
    from tui_reader.core.store.library import Library

NAMED_BY_FILE = frozenset({"text", "html", "hnpage"})  # formats whose id is their file's `source_key`
SAME_REVIEW = 0.6  # the share of words, in order, that a moved and edited file keeps of its stored review


class SameNamed:
    """One import's files named alike: which path each id was given to, so far."""

    def __init__(self) -> None:
        self.given: dict[str, str] = {}  # id -> the path it was given to in this import

    def apart(self, library: Library, reviews: list[Review]) -> list[Review]:
        """`reviews`, each one named by its file under an id that no other file holds. The stored
        copies' sources are read once for the batch: a re-import of 12,500 files read them one by one."""
        named = [review for review in reviews if review.format in NAMED_BY_FILE]
        if not named:
            return reviews
        found = {review.id: p for review in named if (p := library.position(review.id)) is not None}
        stored = dict(zip(found, library.cells("source", list(found.values())), strict=True)) if found else {}
        return [self._own(library, review, stored) if review.format in NAMED_BY_FILE else review for review in reviews]

    def _own(self, library: Library, review: Review, stored: dict[str, str]) -> Review:
        if review.id not in self.given and stored.get(review.id, review.source) == review.source:
            self.given[review.id] = review.source  # the usual case: new, or the same file read again
            return review
        parts = PurePath(os.path.abspath(review.source)).parts  # as `source_key` reads it
        depth = 2  # `source_key`'s folder and file: the id the importer gave
        candidate = review
        while self._held_by_another(library, candidate):
            depth += 1
            if depth > len(parts):  # the whole path, named alike: only the same file is that
                break
            candidate = replace(review, id=stable_id(review.id, *parts[-depth:-2]))
        self.given[candidate.id] = review.source
        return candidate

    def _held_by_another(self, library: Library, review: Review) -> bool:
        given = self.given.get(review.id)
        if given is not None:
            return given != review.source
        position = library.position(review.id)
        if position is None:
            return False
        (stored_source,) = library.cells("source", [position])
        if stored_source == review.source:
            return False
        from tui_reader.core.store.catalog_rows import digest  # only for a file stored from another path

        (stored_digest,) = library.cells("digest", [position])
        if digest(replace(review, source=stored_source)) == stored_digest:
            return False  # moved with its words: the same review
        stored = library.get(review.id)
        return stored is None or not _mostly_alike(stored, review)


def _mostly_alike(stored: Review, review: Review) -> bool:
    """Moved and edited (a line added, a typo fixed) is the same review, updated; another review
    named alike shares few of its words in order (IMDb's `train/` and `test/` ones: under 0.3)."""
    from difflib import SequenceMatcher

    before = " ".join((stored.title or "", *stored.paragraphs)).split()
    after = " ".join((review.title or "", *review.paragraphs)).split()
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return matcher.quick_ratio() >= SAME_REVIEW and matcher.ratio() >= SAME_REVIEW
