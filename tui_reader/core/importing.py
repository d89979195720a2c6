"""Import files and folders into a store: the one routine behind the CLI, the app and first run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.anchors import reanchored
from tui_reader.core.importers import Parsed, Skipped, expand
from tui_reader.core.importers.base import Personal
from tui_reader.core.models import Review
from tui_reader.core.seeds import seeds_folder
from tui_reader.core.speed import without_gc
from tui_reader.core.store import Store

if TYPE_CHECKING:  # imported when an import runs: the CLI and app start without them
    from tui_reader.core.parse_pool import ParsedBatch, ParsedFile
    from tui_reader.core.search.fresh import FreshPostings
    from tui_reader.core.store.library import Library

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the one summary line and the exit code."""

    files: int = 0
    failed_files: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    comments: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    per_file: list[Parsed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Exit 0 when something imported or nothing was new; 1 when every input failed."""
        return self.failed_files < self.files or (self.files == 0 and not self.skipped)

    def summary_line(self) -> str:
        parts = [f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        line = f"imported {', '.join(parts)} reviews with {self.comments} comments from {self.files} files"
        if self.skipped:
            reasons: Counter[str] = Counter()
            for skipped in self.skipped:
                reasons[_reason_kind(skipped.reason)] += skipped.items
            detail = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common() if count)
            line += f"; skipped {sum(reasons.values())} ({detail})"
        return line


def _reason_kind(reason: str) -> str:
    """Group reasons for the summary: 'binary file (contains NUL bytes)' -> 'binary file'."""
    return reason.split(" (", 1)[0]


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    format_name: str | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
    text_column: str | None = None,
    index: bool = True,
) -> ImportReport:
    """Parse every file under `paths` and add its reviews; bad files are skipped with a reason.

    Files are parsed on every core (`parse_pool`), which also makes the search
    postings of what they hold, so the index is written from memory as batches
    are stored. `index=False` leaves the index to the next search (benchmarks
    compare the two).
    """
    from tui_reader.core.parse_pool import parse_batches

    report = ImportReport()
    entries = list(expand(paths))
    files = [entry for entry in entries if isinstance(entry, Path)]
    for entry in entries:
        if isinstance(entry, Skipped):
            report.skipped.append(entry)
            report.files += 1
            report.failed_files += 1
    fresh = None
    if index and not dry_run:
        from tui_reader.core.search.fresh import FreshPostings

        fresh = FreshPostings(store.library.folder / "index")
    done = 0
    with without_gc():
        for batch in parse_batches(files, format_name, text_column, with_postings=fresh is not None):
            for outcome in batch.files:
                done += 1
                if progress is not None:
                    progress(done, len(files), str(outcome.path))
                _count(store, outcome, report, dry_run)
            if not dry_run:
                _store(store, batch, report, fresh)
    if fresh is not None:
        from tui_reader.core.search import refresh_index  # the search index follows every import

        refresh_index(store, fresh)
    return report


def _count(store: Store, outcome: ParsedFile, report: ImportReport, dry_run: bool) -> None:
    """One file into the report (and its bookmarks and notes, from our own export, into the store)."""
    report.files += 1
    parsed = outcome.parsed
    if parsed is None:
        report.failed_files += 1
        report.skipped.extend([outcome.failed] if outcome.failed else [])
        return
    report.skipped.extend(parsed.skipped)
    report.comments += sum(review.comment_count for review in parsed.reviews)
    if dry_run:
        report.per_file.append(parsed)
        report.new += len(parsed.reviews)
    elif parsed.personal is not None:
        _restore_personal(store, parsed.personal)


def _restore_personal(store: Store, personal: Personal) -> None:
    """Our own export carries bookmarks, notes, quotes, read marks and subjects set by hand: merged in by id."""
    store.user.restore(personal.bookmarks, personal.notes, personal.quotes, personal.read, personal.subjects)


def _store(store: Store, batch: ParsedBatch, report: ImportReport, fresh: FreshPostings | None) -> None:
    """Add a batch's reviews, re-anchor notes on changed ones, feed the index."""
    reviews = batch.reviews
    if not reviews:
        return
    library = store.library
    result = library.add(reviews)
    report.new += result.new
    report.updated += result.updated
    report.unchanged += result.unchanged
    if result.updated_ids:
        changed = [review for review in reviews if review.id in result.updated_ids]
        store.user.update_anchors(reanchored(store.user.snapshot().notes, changed))
    if fresh is None:
        return
    first = _consecutive_new(library, reviews, result.new)
    if first is not None and batch.postings is not None:
        fresh.add_block(first, library.column("digest")[first : first + len(reviews)], batch.postings)
    else:  # updates, repeats, unchanged: the index reads these back from the shards afterwards
        fresh.gap()


def _consecutive_new(library: Library, reviews: list[Review], new: int) -> int | None:
    """The first position when every review was new and stored in order (the usual import)."""
    first = library.position(reviews[0].id)
    if first is None or new != len(reviews):
        return None
    ok = all(library.position(review.id) == first + i for i, review in enumerate(reviews))
    return first if ok else None


def seed_if_first_run(store: Store) -> ImportReport | None:
    """A first run with an empty library imports the bundled seeds (the default library)."""
    folder = seeds_folder()
    if not store.first_run or len(store.library) or folder is None:
        return None
    return import_paths(store, [folder])
