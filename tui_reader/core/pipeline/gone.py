"""Which stored reviews a file read again no longer holds: kept (the user's notes may hang on
them), but said in the import's summary, and found again by `remove --gone PATH`.

Only a whole re-read of the same source can say a review is gone from it. A stored review is
gone when its source is a file this import read from start to end (every part of a table read
in chunks, none failed, the import not stopped at a limit) or a member of a zip so read, and no
file of the import gave its id (as stored: after `older_ids`). Never claimed: sources a file
does not own (our own export names the files its reviews came from; a Staticman folder), threads
merged across dumps (a file holds part of a thread), files listed but not read, and live sources
(a refresh merges a thread, it never re-reads a file: it does not come here).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.content.models import Review
from tui_reader.core.content.text import plural

if TYPE_CHECKING:
    from tui_reader.core.pipeline.parse_pool import ParsedFile
    from tui_reader.core.store import Store
    from tui_reader.core.store.library import Library


@dataclass(slots=True)
class GoneRows:
    """One import's account of the files it read whole, and what they no longer hold."""

    owned: dict[str, str] = field(default_factory=dict)  # a source a file owns -> that file
    partial: set[str] = field(default_factory=set)  # files read in part, or holding parts of threads
    seen: set[str] = field(default_factory=set)  # every id the import's files gave, as stored
    gone: dict[str, list[str]] = field(default_factory=dict)  # source -> ids it no longer holds

    def read(self, outcome: ParsedFile) -> None:
        """One file, or one part of it: the sources it owns (itself, a zip's members) or why it can
        say nothing (a part failed; it holds fragments of threads that other files complete)."""
        path, parsed = str(outcome.path), outcome.parsed
        if parsed is None or parsed.threads or parsed.fragments:
            self.partial.add(path)
            return
        names = _spellings(parsed.path)
        for name in names:
            self.owned.setdefault(name, path)
        for review in parsed.reviews:
            if review.source in names or any(review.source.startswith(name + "/") for name in names):
                self.owned.setdefault(review.source, path)

    def saw(self, reviews: list[Review]) -> list[Review]:
        """The reviews a file gave, under the ids they are stored with; returned as they came."""
        self.seen.update(review.id for review in reviews)
        return reviews

    def settle(self, library: Library, *, stopped: bool, read_before: bool) -> None:
        """After the import: the stored reviews of the sources read whole that no file gave. An import
        stopped at a limit says nothing (what it did not reach is not gone). One whose reviews were all
        new (`read_before` False: a first import, the usual case) does not look: the catalog's whole
        source column is decoded to look (~1M strings in a big library), and a file read before gives
        back some of what it gave (a file whose every row changed since is the one left unsaid)."""
        sources = {source for source, path in self.owned.items() if path not in self.partial}
        if stopped or not read_before or not sources:
            return
        for review_id, source in zip(library.column("id"), library.column("source"), strict=True):
            if source in sources and review_id not in self.seen:
                self.gone.setdefault(source, []).append(review_id)

    @property
    def ids(self) -> list[str]:
        return [review_id for ids in self.gone.values() for review_id in ids]

    def said(self) -> str:
        """`3 reviews no longer in goodreads_library_export.csv (kept)`; `5 reviews no longer in 2
        files (kept)`; empty when nothing is gone."""
        count = len(self.ids)
        if not count:
            return ""
        where = _name(next(iter(self.gone))) if len(self.gone) == 1 else plural(len(self.gone), "file")
        return f"{plural(count, 'review')} no longer in {where} (kept)"


def gone_from(store: Store, path: Path) -> list[str]:
    """The ids of the reviews imported from `path` that it no longer holds, as an import of it
    would say (read whole, nothing stored): what `remove --gone PATH` takes out."""
    from tui_reader.core.pipeline.importing import import_paths

    report = import_paths(store, [path], dry_run=True, index=False)
    if report.failed_files:  # a file not read says nothing is gone: why, in its one line
        failed = next(skipped for skipped in report.skipped if not skipped.is_note)
        raise LookupError(f"{failed.where}: {failed.reason}")
    return report.gone.ids


def _spellings(path: str) -> set[str]:
    """The names an importer may give a file as a review's source: as given, absolute, resolved."""
    given = Path(path)
    return {path, os.path.normpath(given.absolute()), str(given.resolve())}


def _name(source: str) -> str:
    """A source as the summary names it: its file's name (a zip member's own name)."""
    return Path(source).name or source
