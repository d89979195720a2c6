"""What is new in a followed thread, for the reader's thread view: its one hook into sources.

`SourceMarks.new_ids(review)` gives the comments a refresh brought that the reader has
not seen (the thread marks them); `SourceMarks.seen(review)` records that the reader
has now seen the whole thread (called when leaving it, as the UI's own memory is kept),
so the sources' counts go down as threads are read; `SourceMarks.new_counts()` gives how
many per thread, for the review list. The sources file is read again only
when it changed on disk (a refresh in another process, the sources view).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.content.models import Review
from tui_reader.core.personal.seen import new_comment_ids, seen_keys
from tui_reader.core.store import Store, StoreError

if TYPE_CHECKING:
    from tui_reader.core.sources.record import SourceBook

FILE_NAME = "sources.json"  # as record.FILE_NAME (a test holds them equal)


class SourceMarks:
    """Per review, the comment keys the followed sources count as seen."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._book: SourceBook | None = None
        self._stamp: tuple[int, int] | None = None
        self._seen: dict[str, list[str]] = {}
        self._counts: dict[str, int] = {}

    def _load(self) -> None:
        try:
            status = os.stat(self.path)
            stamp = (status.st_mtime_ns, status.st_size)
        except OSError:
            self._stamp, self._seen, self._counts = None, {}, {}
            return
        if stamp == self._stamp:
            return
        self._stamp, self._seen, self._counts = stamp, {}, {}
        try:
            sources = self.book.load()
        except StoreError:
            return
        for source in sources:
            if not source.brings_comments:  # a subreddit's post: its comments are its thread source's
                continue
            for review_id, keys in source.seen.items():
                if review_id not in self._seen:  # the first source to bring a review counts its comments
                    self._seen[review_id] = keys
                    if count := source.new_in.get(review_id):
                        self._counts[review_id] = count

    @property
    def book(self) -> SourceBook:
        """Loaded on first use (tuning kept: its name parsing costs ~8 ms the first paint need not pay)."""
        if self._book is None:
            from tui_reader.core.sources.record import SourceBook

            self._book = SourceBook(self.path.parent)
        return self._book

    def new_counts(self) -> Mapping[str, int]:
        """Review id -> comments a refresh brought that the reader has not seen, for the followed threads
        that have any: kept by the refresh, so this reads no review. The same mapping until the file changes."""
        self._load()
        return self._counts

    def new_ids(self, review: Review) -> frozenset[str]:
        """Comments of `review` a refresh brought since the reader last saw it; empty when no source follows it."""
        self._load()
        return new_comment_ids(review.comments, self._seen.get(review.id))

    def seen(self, store: Store, review: Review) -> None:
        """The reader has seen `review` whole: the sources that brought it stop counting its comments as new."""
        if not self.new_ids(review):
            return
        from tui_reader.core.sources.refresh import recount

        keys = seen_keys(review.comments)
        with self.book.editing() as sources:
            for source in sources:
                if review.id in source.seen:
                    source.seen[review.id] = keys
                    recount(store, source)
        self._stamp = None
