"""Import files and folders into a store: the one routine behind the CLI, the app and first run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui_reader.core.anchors import reanchored
from tui_reader.core.importers import InputError, Parsed, Skipped, expand, parse_file
from tui_reader.core.importers.base import Personal
from tui_reader.core.models import Review
from tui_reader.core.seeds import seeds_folder
from tui_reader.core.store import Store

# Reviews held before they are written: bounds memory on 25k-file folders.
BATCH = 2000

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
) -> ImportReport:
    """Parse every file under `paths` and add its reviews; bad files are skipped with a reason."""
    report = ImportReport()
    entries = list(expand(paths))
    pending: list[Review] = []
    for done, entry in enumerate(entries, start=1):
        if isinstance(entry, Skipped):
            report.skipped.append(entry)
            report.files += 1
            report.failed_files += 1
            continue
        report.files += 1
        if progress is not None:
            progress(done, len(entries), str(entry))
        try:
            parsed = parse_file(entry, format_name, text_column)
        except InputError as error:
            report.failed_files += 1
            report.skipped.append(Skipped(error.path, error.reason))
            continue
        report.skipped.extend(parsed.skipped)
        report.comments += sum(review.comment_count for review in parsed.reviews)
        if dry_run:
            report.per_file.append(parsed)
            report.new += len(parsed.reviews)
            continue
        if parsed.personal is not None:
            _restore_personal(store, parsed.personal)
        pending.extend(parsed.reviews)
        if len(pending) >= BATCH:
            _flush(store, pending, report)
    if not dry_run:
        _flush(store, pending, report)
        from tui_reader.core.search import refresh_index  # the search index follows every import

        refresh_index(store)
    return report


def _restore_personal(store: Store, personal: Personal) -> None:
    """Our own export carries bookmarks, notes, quotes and read marks: merged in by id."""
    store.user.restore(personal.bookmarks, personal.notes, personal.quotes, personal.read)


def _flush(store: Store, pending: list[Review], report: ImportReport) -> None:
    result = store.library.add(pending)
    report.new += result.new
    report.updated += result.updated
    report.unchanged += result.unchanged
    if result.updated_ids:
        changed = [review for review in pending if review.id in result.updated_ids]
        store.user.update_anchors(reanchored(store.user.snapshot().notes, changed))
    pending.clear()


def seed_if_first_run(store: Store) -> ImportReport | None:
    """A first run with an empty library imports the bundled seeds (the default library)."""
    folder = seeds_folder()
    if not store.first_run or len(store.library) or folder is None:
        return None
    return import_paths(store, [folder])
