"""Import files and folders into a store: the one routine behind the CLI, the app and first run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.content.models import Review
from tui_reader.core.content.text import plural
from tui_reader.core.importers import Parsed, Skipped
from tui_reader.core.importers.base import Personal
from tui_reader.core.importers.thread_merge import with_stored
from tui_reader.core.personal.anchors import moves_said, paragraphs_before, reanchored
from tui_reader.core.pipeline.at_limits import Stop, within_bytes, within_reviews
from tui_reader.core.pipeline.gone import GoneRows
from tui_reader.core.pipeline.limits import MAX_BYTES, MAX_REVIEWS
from tui_reader.core.pipeline.older_ids import OlderIds
from tui_reader.core.pipeline.same_named import SameNamed
from tui_reader.core.pipeline.seeds import SEEDS_SUBJECT, seeds_folder
from tui_reader.core.search.speed import without_gc
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts

if TYPE_CHECKING:  # imported when an import runs: the CLI and app start without them
    from tui_reader.core.pipeline.parse_pool import ParsedBatch, ParsedFile
    from tui_reader.core.search.fresh import FreshPostings
    from tui_reader.core.store.library import Library

Progress = Callable[[int, int, str], None]

# What one import may add: a 10 MB CSV of tiny rows holds 2.6 M reviews (minutes, gigabytes
# stored). Far above real imports (IMDB's 25k files, the 100k-review benchmark); raised by
# the CLI's --max-reviews and --max-bytes.
WARM_UP_AFTER = 2000  # files listed: an import this big is parsed by worker processes (parse_pool.MIN_BYTES)


REASONS_SHOWN = 3  # the summary line names this many reasons for skipping, most common first


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the one summary line and the exit code."""

    files: int = 0
    failed_files: int = 0
    # Of those, paths the walk left unread (missing, a broken link, an empty folder, a link out of the
    # folder, the folder's README): never counted as files read in the line ("from 0 files").
    not_files: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    comments: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # notes too (`Skipped.is_note`): repairs
    per_file: list[Parsed] = field(default_factory=list)
    stopped: Stop | None = None
    dry_run: bool = False  # then nothing was stored: the line says what *would* be imported
    gone: GoneRows = field(default_factory=GoneRows)  # stored reviews a file read again no longer holds
    anchors: Counter[tuple[str, str]] = field(default_factory=Counter)  # (note, detached): 2 (`moves_said`)

    @property
    def ok(self) -> bool:
        """Exit 0 when something imported or nothing was new (a re-import all unchanged); 1 when every
        input failed, or when no input gave a review and one was skipped or refused (a Yelp business
        file alone said `imported 0 new … skipped 1` and exited 0)."""
        found = self.new + self.updated + self.unchanged
        refused = self.failed_files > 0 or any(not skipped.is_note for skipped in self.skipped)
        if found == 0 and refused:
            return False
        return self.failed_files < self.files or (self.files == 0 and not self.skipped)

    def summary_line(self) -> str:
        """One line: what was imported, notes on it (repairs), what was skipped and why, where it stopped.

        A note is not a skip: 'repaired: XML was not well-formed' goes in parentheses after
        the counts, and there is a 'skipped' clause only when something was left out.
        """
        parts = [f"{self.new:,} new", f"{self.updated:,} updated", f"{self.unchanged:,} unchanged"]  # as plural() does
        verb = "would import" if self.dry_run else "imported"
        line = (
            f"{verb} {', '.join(parts)} reviews with {plural(self.comments, 'comment')}"
            f" from {plural(self.files - self.not_files, 'file')}"
        )
        notes: Counter[str] = Counter(skipped.label for skipped in self.skipped if skipped.is_note)
        if notes:
            said = (note if n == 1 else f"{note} in {plural(n, 'file')}" for note, n in notes.items())
            line += f" ({', '.join(said)})"
        reasons: Counter[str] = Counter()
        for skipped in self.skipped:
            if not skipped.is_note:
                reasons[_reason_kind(skipped.reason)] += skipped.items
        counted = [(reason, count) for reason, count in reasons.most_common() if count]
        detail = ", ".join(f"{reason}: {count:,}" for reason, count in counted[:REASONS_SHOWN])  # no plural to guess
        if len(counted) > REASONS_SHOWN:  # the lines on stderr say the rest
            rest = len(counted) - REASONS_SHOWN
            detail += f", {sum(count for _, count in counted[REASONS_SHOWN:]):,} for {plural(rest, 'other reason')}"
        if detail:
            line += f"; skipped {sum(reasons.values()):,} ({detail})"
        if self.stopped is not None:
            line += f"; {self.stopped.reason}"
        if gone := self.gone.said():
            line += f"; {gone}"
        if self.anchors:  # the user's own: said, with where to find them
            moved = ", ".join(f"{plural(n, kind)} {what}" for (kind, what), n in self.anchors.items())
            line += f"; {moved} (A lists them)"
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
    field_map: Mapping[str, str] | None = None,
    index: bool = True,
    max_reviews: int = MAX_REVIEWS,
    max_bytes: int = MAX_BYTES,
    follow_links: bool = False,
) -> ImportReport:
    """Parse every file under `paths` and add its reviews; bad files are skipped with a reason.

    Files are parsed on every core (`parse_pool`), which also makes the search
    postings of what they hold, so the index is written from memory as batches
    are stored. `index=False` leaves the index to the next search (benchmarks
    compare the two). One import adds at most `max_reviews` reviews and reads at
    most `max_bytes` of files; it stops there and says where (`report.stopped`).
    A table is parsed a chunk at a time as it is stored, so its size in rows
    costs time, never memory. `follow_links`: see `registry.expand`.
    """
    from tui_reader.core.importers.registry import expand as expand_paths
    from tui_reader.core.pipeline.parse_pool import parse_batches, warm_up

    report = ImportReport(dry_run=dry_run)
    entries: list[Path | Skipped] = []
    for entry in expand_paths(paths, follow_links=follow_links):
        entries.append(entry)
        if len(entries) == WARM_UP_AFTER:  # a big import: the workers' server starts while the walk goes on
            warm_up()
    files = [entry for entry in entries if isinstance(entry, Path)]
    for entry in entries:
        if isinstance(entry, Skipped):
            report.skipped.append(entry)
            report.files += 1
            report.failed_files += 1
            report.not_files += 1
    files, sizes, report.stopped = within_bytes(files, max_bytes)
    fresh = None
    if index and not dry_run:
        from tui_reader.core.search.fresh import FreshPostings

        fresh = FreshPostings(store.library.folder / "index")
    done = 0
    room = max_reviews
    older = OlderIds()
    named = SameNamed()
    with without_gc():
        batches = parse_batches(
            files, format_name, text_column, field_map, with_postings=fresh is not None, sizes=sizes, encode=not dry_run
        )
        try:
            for whole in batches:
                batch, stop = within_reviews(whole, room, max_reviews)
                for outcome in batch.files:
                    done += outcome.part == 0
                    if progress is not None:
                        progress(done, len(files), str(outcome.path))
                    _count(store, outcome, report, dry_run, older, named)
                if not dry_run:
                    _store(store, batch, report, fresh, older, named)
                    _name_things(store, batch)
                room -= len(batch.reviews)
                if stop is not None:
                    report.stopped = stop
                    break
        finally:
            batches.close()  # stops the parsing (and the workers) when the import stopped early
        # Still without the collector: with 25k files' objects alive, its passes over the records
        # made here cost 0.15-0.35 s of settling, on the import's serial end.
        report.gone.settle(store, stopped=report.stopped is not None, dry_run=dry_run)
        if fresh is not None:
            from tui_reader.core.search import refresh_index  # the search index follows every import

            refresh_index(store, fresh)
    return report


def _count(
    store: Store, outcome: ParsedFile, report: ImportReport, dry_run: bool, older: OlderIds, named: SameNamed
) -> None:
    """One file, or one chunk of it, into the report (and its bookmarks and notes, from our own
    export, into the store)."""
    report.files += outcome.part == 0
    report.gone.read(outcome)
    parsed = outcome.parsed
    if parsed is None:
        report.failed_files += outcome.part == 0
        report.skipped.extend([outcome.failed] if outcome.failed else [])
        return
    report.skipped.extend(parsed.skipped)
    report.comments += sum(review.comment_count for review in parsed.reviews if review.comments)
    if dry_run:
        _per_file(report, parsed, outcome.part)
        kept = named.apart(store.library, older.kept(store.library, [parsed]))
        _count_as_stored(store, report.gone.saw(kept, store), report)
    elif parsed.personal is not None:
        _restore_personal(store, parsed.personal)


def _count_as_stored(store: Store, reviews: list[Review], report: ImportReport) -> None:
    """A dry run's new / updated / unchanged, as `Library.add` would count them, writing nothing."""
    from tui_reader.core.store.catalog_rows import digest  # only dry runs need it here

    library = store.library
    stored = library.column("digest") if len(library) else []
    for review in _kept_from_stored(library, reviews):
        position = library.position(review.id)
        if position is None:
            report.new += 1
        elif stored[position] == digest(review) or report.gone.only_moved(review):
            report.unchanged += 1
        else:
            report.updated += 1


def _per_file(report: ImportReport, parsed: Parsed, part: int) -> None:
    """A dry run lists each file once: a streamed file's chunks go into its first part's entry."""
    if part == 0:
        report.per_file.append(Parsed(parsed.path, parsed.format, [], [], parsed.personal, parsed.mapping))
    shown = report.per_file[-1]
    shown.skipped.extend(parsed.skipped)
    shown.reviews.extend(parsed.reviews)


def _restore_personal(store: Store, personal: Personal) -> None:
    """Our own export carries bookmarks, notes, quotes, read marks and subjects set by hand: merged in by id;
    the followed sources, followed again by key (nothing fetched); the drafts, by place (`Drafts.restore`)."""
    store.user.restore(
        personal.bookmarks, personal.notes, personal.quotes, personal.read, personal.subjects, personal.removed
    )
    if personal.drafts:
        from tui_reader.core.store.drafts import Draft, Drafts

        Drafts(store.data_dir).restore(draft for doc in personal.drafts if (draft := Draft.from_doc(doc)) is not None)
    if personal.sources:
        from tui_reader.core.sources.record import SourceBook

        SourceBook(store.data_dir).follow_again(personal.sources)


def _name_things(store: Store, batch: ParsedBatch) -> None:
    """A backup's things named for all their reviews, kept once its reviews are stored: named before,
    they would name a review of theirs the user had left unnamed (`Store._name_as_its_thing`)."""
    for outcome in batch.files:
        if outcome.parsed is not None and outcome.parsed.personal is not None and outcome.parsed.personal.things:
            store.user.restore([], [], [], things=outcome.parsed.personal.things)


def _store(
    store: Store,
    batch: ParsedBatch,
    report: ImportReport,
    fresh: FreshPostings | None,
    older: OlderIds,
    named: SameNamed,
) -> None:
    """Add a batch's reviews (under the ids their stored copies have: `older_ids`), re-anchor notes
    on changed ones, feed the index."""
    library = store.library
    kept = older.kept(library, [outcome.parsed for outcome in batch.files if outcome.parsed])
    reviews = report.gone.saw(named.apart(library, kept), store)  # two files named alike: two reviews
    if not reviews:
        return
    threads = {rid: real for outcome in batch.files if outcome.parsed for rid, real in outcome.parsed.threads.items()}
    if threads:  # threads from dumps: merged with what an earlier import stored of them
        reviews = [_with_stored(library, review, threads) for review in reviews]
    reviews = _kept_from_stored(library, reviews)
    drafts = Drafts(store.data_dir)  # notes typed and not saved follow their words as the notes do
    before = paragraphs_before((*store.user.snapshot().anchored, *drafts.on_any(reviews)), reviews, library.get)
    result = library.add(reviews, batch.encoded)
    report.anchors.update(store.take_reattached())  # notes of removed reviews brought back
    moved = sum(report.gone.only_moved(review) for review in reviews if review.id in result.updated_ids)
    report.new += result.new
    report.updated += result.updated - moved  # read from another file, nothing else changed: unchanged
    report.unchanged += result.unchanged + moved
    if result.updated_ids:
        changed = [review for review in reviews if review.id in result.updated_ids]
        anchored = store.user.snapshot().anchored
        updates = reanchored(anchored, changed, before)
        report.anchors.update(moves_said(anchored, updates))
        store.user.update_anchors(updates)
        drafts.follow(changed, before)
    if fresh is None:
        return
    first = _consecutive_new(library, reviews, result.new)
    if first is not None and batch.postings is not None:
        digests = library.cells("digest", range(first, first + len(reviews)))  # not a whole column: 82 ms at 1M
        fresh.add_block(first, digests, batch.postings)
    else:  # updates, repeats, unchanged: the index reads these back from the shards afterwards
        fresh.gap()


def _with_stored(library: Library, review: Review, threads: dict[str, bool]) -> Review:
    if review.id not in threads:
        return review
    stored = library.get(review.id)
    return review if stored is None else with_stored(review, stored, threads[review.id])


def _kept_from_stored(library: Library, reviews: list[Review]) -> list[Review]:
    """Reviews read again keep what their file does not say and a review never loses: its writer, and
    the page of the thing it is about.

    Letterboxd's `reviews.csv` names no reviewer (`profile.csv` beside it does) and no film page
    (`watched.csv` does): imported alone it wiped both from every review, and counted each as
    updated. An author the file leaves empty is the stored one (who wrote a review does not change;
    a file naming another writer still wins); a subject without a ref that is the stored one's thing
    (same name, kind and year) keeps the stored ref. Nothing else is kept: a title, text, rating,
    date, tags or votes a newer file drops were dropped at the source, and the source is the file
    read last (`remove --source` follows it)."""
    if not len(library):
        return reviews
    return [_kept(library, review) for review in reviews]


def _kept(library: Library, review: Review) -> Review:
    subject = review.subject
    if review.author and (subject is None or subject.ref):
        return review  # the usual case: nothing missing, no lookup
    position = library.position(review.id)
    if position is None:
        return review
    author = review.author or library.cell("author", position) or review.author
    if subject is not None and not subject.ref:
        stored = library.subject_at(position)
        if stored is not None and stored.ref and stored[:3] == subject[:3]:
            subject = subject._replace(ref=stored.ref)
    if author == review.author and subject is review.subject:
        return review
    return replace(review, author=author, subject=subject)


def _consecutive_new(library: Library, reviews: list[Review], new: int) -> int | None:
    """The first position when every review was new and stored in order (the usual import)."""
    first = library.position(reviews[0].id)
    if first is None or new != len(reviews):
        return None
    ok = all(library.position(review.id) == first + i for i, review in enumerate(reviews))
    return first if ok else None


def seed_if_first_run(store: Store) -> ImportReport | None:
    """A first run with an empty library imports the bundled seeds (the default library)."""
    if not store.first_run or len(store.library):
        return None  # before seeds_folder(): importlib.resources costs ~7 ms on every start
    folder = seeds_folder()
    if folder is None:
        return None
    report = import_paths(store, [folder])
    library = store.library
    store.set_subject([library.cell("id", position) for position in range(len(library))], SEEDS_SUBJECT)
    return report
