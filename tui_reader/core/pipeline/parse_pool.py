"""Parsing many files on every core: importing a 25k-file folder is CPU-bound in the parsers.

Worker processes parse batches of files and also tokenise each review for the
search index (`review_terms`), so the index is built from the parsed reviews
instead of by reading them back afterwards. Results come back in input order
and at most a few batches ahead of the caller, which bounds memory. A small
import, a one-core machine, or a system that cannot start processes parses in
this process, with the same results.

Files whose threads spread over other files (Reddit dumps, Staticman: their `Parsed`
has `fragments`) are held back: workers send their fragments, and when the last file
is parsed the fragments of the whole import are merged here (`thread_merge.merge`),
each thread once, and those files come last, each with the threads it was first to name.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import defaultdict, deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields, is_dataclass, replace
from itertools import chain, islice, repeat
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.importers import InputError, Parsed, Skipped
from tui_reader.core.importers.registry import FieldMap, parse_stream
from tui_reader.core.importers.thread_merge import merge, without_own_threads
from tui_reader.core.search.speed import without_gc
from tui_reader.core.store.catalog_rows import Encoded, encoded
from tui_reader.core.store.read_files import file_stamp

if TYPE_CHECKING:  # imported by the workers that make postings: a plain import does not need it
    from tui_reader.core.search.fresh import BlockPostings

MIN_BYTES = 4_000_000  # below this, starting worker processes costs more than it saves
BATCH_BYTES = 2_000_000  # files per task: few enough round trips, small enough to balance
AHEAD = 3  # tasks in flight per worker


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """One file's outcome: parsed, or failed with a reason (`Skipped`: an exception would not
    cross processes intact).

    A file with more reviews than a chunk (a table of tiny rows) is parsed by the main
    process chunk by chunk (`_streamed`): `part` numbers its pieces, each a `ParsedFile`
    of its own; only part 0 counts as a file. `stream` marks one a worker left for that.
    `stamp`: the file's size and time as the worker found them before reading it (what its
    record keeps, `read_files`; looked at here, not in the main process after the import).
    """

    path: Path
    parsed: Parsed | None
    failed: Skipped | None
    part: int = 0
    stream: bool = False
    stamp: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class ParsedBatch:
    """Consecutive files, and when asked for, the search postings of their reviews:
    term -> the indexes of the reviews holding it (in file order), packed (`BlockPostings`);
    and what the library writes of each review, by id, made by the worker (`Library.add`)."""

    files: list[ParsedFile]
    postings: BlockPostings | None
    encoded: dict[str, Encoded] | None = None

    @property
    def reviews(self) -> list[Review]:
        return [review for outcome in self.files if outcome.parsed for review in outcome.parsed.reviews]


def parse_batches(
    paths: Sequence[Path],
    format_name: str | None,
    text_column: str | None,
    field_map: FieldMap | None = None,
    *,
    with_postings: bool,
    sizes: Sequence[int] | None = None,
    encode: bool = False,
) -> Generator[ParsedBatch, None, None]:
    """The files parsed, batch by batch, in order; a file of many reviews in chunks of its own.

    Lazy: a caller that stops asking (an import at its limit) stops the parsing. `sizes`: the
    files' sizes when the caller has them (else each file is looked at here). `encode`: what the
    library writes of each review is made where it is parsed (`ParsedBatch.encoded`).
    """
    batches = _parsed_batches(paths, format_name, text_column, field_map, with_postings, sizes, encode)
    held = _Held()
    try:
        for batch in batches:
            if any(outcome.stream for outcome in batch.files):
                pieces: Iterator[ParsedBatch] = _with_streams(batch, format_name, text_column, field_map, with_postings)
            else:
                pieces = iter((batch,))
            for piece in pieces:
                rest = held.take(piece)
                if rest is not None:
                    yield rest
        merged = held.merged(with_postings)
        if merged is not None:
            yield merged
    finally:
        batches.close()  # the pool's tasks not started are cancelled


@dataclass(slots=True)
class _Held:
    """The files whose threads may go on in other files, until every file is parsed."""

    files: list[ParsedFile] = field(default_factory=list)

    def take(self, batch: ParsedBatch) -> ParsedBatch | None:
        """The batch without the files that give fragments (kept here); None when none is left.
        Their reviews were left out in the worker, so the batch's postings still match."""
        if not any(outcome.parsed is not None and outcome.parsed.fragments for outcome in batch.files):
            return batch
        rest: list[ParsedFile] = []
        for outcome in batch.files:
            (self.files if outcome.parsed is not None and outcome.parsed.fragments else rest).append(outcome)
        return ParsedBatch(rest, batch.postings, batch.encoded) if rest else None

    def merged(self, with_postings: bool) -> ParsedBatch | None:
        """The held files, each with the merged threads it was the first to name."""
        if not self.files:
            return None
        fragments = []
        owners: list[int] = []  # fragment -> the held file it came from
        for number, outcome in enumerate(self.files):
            assert outcome.parsed is not None
            fragments += outcome.parsed.fragments
            owners += [number] * len(outcome.parsed.fragments)
        paths = [str(outcome.path) for outcome in self.files]
        result = merge(fragments, paths[0] if len(paths) == 1 else os.path.commonpath(paths))
        threads: list[list[Review]] = [[] for _ in self.files]
        for review, first in zip(result.reviews, result.firsts, strict=True):
            threads[owners[first]].append(review)
        real = dict(zip((review.id for review in result.reviews), result.real_heads, strict=True))
        files: list[ParsedFile] = []
        for number, outcome in enumerate(self.files):
            parsed = outcome.parsed
            assert parsed is not None
            notes = result.skipped if number == 0 else []
            reviews = [*parsed.reviews, *threads[number]]  # a zip's other members' reviews, then its threads
            heads = {review.id: real[review.id] for review in threads[number]}
            whole = replace(
                parsed, reviews=reviews, skipped=[*parsed.skipped, *notes], fragments=[], threads=parsed.threads | heads
            )
            files.append(replace(outcome, parsed=whole))
        self.files = []
        return _batch_of(files, with_postings)


def _parsed_batches(
    paths: Sequence[Path],
    format_name: str | None,
    text_column: str | None,
    field_map: FieldMap | None,
    with_postings: bool,
    sizes: Sequence[int] | None,
    encode: bool,
) -> Generator[ParsedBatch, None, None]:
    batches: Iterator[list[Path]] = _batches(paths, sizes)
    first = list(islice(batches, os.cpu_count() or 1))  # a batch for each core (or all there are)
    workers = len(first)
    pool = _pool(workers) if workers > 1 else None
    batches = chain(first, batches)
    if pool is None:
        for batch in batches:
            yield _parse_batch(batch, format_name, text_column, field_map, with_postings, encode)
        return
    with pool:
        pending: deque[Future[ParsedBatch]] = deque()
        try:
            for batch in batches:
                task = (batch, format_name, text_column, field_map, with_postings, encode)
                pending.append(pool.submit(_parse_batch, *task))
                if len(pending) >= workers * AHEAD:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _with_streams(
    batch: ParsedBatch,
    format_name: str | None,
    text_column: str | None,
    field_map: FieldMap | None,
    with_postings: bool,
) -> Iterator[ParsedBatch]:
    """A batch holding files left to stream: the other files as batches around them, in order,
    and each streamed file chunk by chunk, parsed here as the caller asks for them."""
    run: list[ParsedFile] = []
    for outcome in [*batch.files, None]:
        if outcome is not None and not outcome.stream:
            run.append(outcome)
            continue
        if run:
            yield replace(_batch_of(run, with_postings), encoded=batch.encoded)
            run = []
        if outcome is not None:
            for piece in _streamed(outcome.path, format_name, text_column, field_map):
                yield _batch_of([piece], with_postings)


def _streamed(
    path: Path, format_name: str | None, text_column: str | None, field_map: FieldMap | None
) -> Iterator[ParsedFile]:
    """One file's chunks; a failure midway (the file changed) ends it with the reason."""
    part = 0
    try:
        with without_gc():
            for parsed in parse_stream(path, format_name, text_column, field_map):
                yield ParsedFile(path, parsed, None, part)
                part += 1
    except InputError as error:
        yield ParsedFile(path, None, Skipped(error.path, error.reason), part)


def _batch_of(files: list[ParsedFile], with_postings: bool) -> ParsedBatch:
    batch = ParsedBatch(files, None)
    return ParsedBatch(files, _postings(batch.reviews)) if with_postings else batch


def _sent_as_values(cls: type[Any]) -> None:
    """Pickle `cls` between the workers and this process as its fields' values, rebuilt by its own
    constructor. Why: a dataclass pickles through Python-level state calls (`fields()` on every
    object) and a NamedTuple through `__getnewargs__`; each of IMDB's 25k files sends five such
    objects, and pickling a batch this way costs ~40% less CPU on both sides (same objects back:
    a test checks). Only the pool's pickler is told (`ForkingPickler`), not `pickle` itself."""
    if is_dataclass(cls):
        if all(each.init for each in fields(cls)):  # else its constructor cannot rebuild it
            values = attrgetter(*(each.name for each in fields(cls)))
            ForkingPickler.register(cls, lambda obj: (cls, values(obj)))
    else:  # a NamedTuple
        ForkingPickler.register(cls, lambda obj: (cls, tuple(obj)))


for _sent in (Review, Comment, Subject, Parsed, ParsedFile, ParsedBatch, Encoded):
    _sent_as_values(_sent)

# A path crosses as its string: pathlib pickles one as its parts, rebuilt by joining and parsing
# them again (a load ~3.7 µs, against ~2.4 from the string; a dump 0.7 against 0.4). Each of IMDB's
# 25k files' paths crosses twice (to a worker, and back with its outcome): ~80 ms of CPU in all.
_PATH = type(Path())
ForkingPickler.register(_PATH, lambda path: (_PATH, (str(path),)))


# What every worker needs, imported once by the fork server (when it starts) rather than by each
# worker on its first batch: a worker is forked with the parsers and the tokeniser loaded.
_PRELOAD = ["__main__", __name__, "tui_reader.core.search.fresh", "tui_reader.core.search.tokens"]


def warm_up() -> None:
    """Start the fork server now, for an import known to be big while its files are still being
    listed: it loads the parsers meanwhile, and the workers start at once when asked for."""
    if _start_method() != "forkserver" or (os.cpu_count() or 1) < 2:
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(_PRELOAD)
    with contextlib.suppress(OSError, ValueError):  # no process support: the pool says so later
        forkserver.ensure_running()


def _pool(workers: int) -> ProcessPoolExecutor | None:
    try:
        context = multiprocessing.get_context(_start_method())
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload(_PRELOAD)
        return ProcessPoolExecutor(workers, mp_context=context)
    except (OSError, ValueError):  # no process support here (sandbox, no /dev/shm): parse in this one
        return None


def _start_method() -> str:
    """forkserver where there is one: forking a process that runs the app's threads is unsafe."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def _batches(paths: Sequence[Path], known: Sequence[int] | None = None) -> Iterator[list[Path]]:
    """Consecutive runs of about BATCH_BYTES; one batch when the whole import is small.

    Made as they are asked for: the workers parse the first while the later files' sizes are
    looked at (a `stat` each: ~0.2 s for IMDB's 25k files, which all came before any parsing)."""
    sizes = map(_size, paths) if known is None else iter(known)
    held: list[list[Path]] = [[]]
    filled = total = 0
    for path, size in zip(paths, sizes, strict=True):
        if filled >= BATCH_BYTES:
            held.append([])
            filled = 0
        held[-1].append(path)
        filled += size
        total += size
        if total >= MIN_BYTES and len(held) > 1:  # not small: every batch but the one filling is final
            yield from held[:-1]
            del held[:-1]
    if held[-1] and total >= MIN_BYTES:
        yield held[-1]
    elif held[-1]:  # small, so nothing was given yet: one batch
        yield [path for batch in held for path in batch]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _parse_batch(
    paths: list[Path],
    format_name: str | None,
    text_column: str | None,
    field_map: FieldMap | None,
    with_postings: bool,
    encode: bool = False,
) -> ParsedBatch:
    files: list[ParsedFile] = []
    with without_gc():
        for path in paths:
            stamp = file_stamp(str(path))
            try:
                parsed = _whole(parse_stream(path, format_name, text_column, field_map))
            except InputError as error:
                files.append(ParsedFile(path, None, Skipped(error.path, error.reason)))
                continue
            if parsed is not None and parsed.fragments:  # merged with the other files' by the caller
                parsed = without_own_threads(parsed)
            files.append(ParsedFile(path, parsed, None, stream=parsed is None, stamp=stamp))
        if any(outcome.stream for outcome in files):  # the caller splits this batch: postings made there
            with_postings = False
        batch = _batch_of(files, with_postings)
        if not encode:
            return batch
        return replace(batch, encoded={review.id: encoded(review) for review in batch.reviews})


def _whole(chunks: Iterator[Parsed]) -> Parsed | None:
    """A file's chunks as one `Parsed`; None (and stop parsing) when it has more than one chunk of
    reviews: then it is left to `_streamed` (which reads it again), so a worker never holds more
    than two chunks of it, nor sends them back."""
    parsed = next(chunks)
    for more in chunks:
        if more.reviews:
            return None
        parsed.skipped.extend(more.skipped)
    return parsed


def _postings(reviews: list[Review]) -> BlockPostings:
    """Each term's reviews, by index in the list: what `FreshPostings.add_block` merges.

    A common term comes as a bitset, a rare one as its indexes, all rare terms packed
    in one array: the main process then shifts a block's rare indexes at once and ORs
    a common term's bitset, never touching each of a term's reviews (see fresh.py).
    """
    from tui_reader.core.search.fresh import BlockPostings
    from tui_reader.core.search.tokens import review_terms

    lists: defaultdict[str, list[int]] = defaultdict(list)
    for index, review in enumerate(reviews):
        # lists[term].append(index) for every term, looped in C.
        any(map(list.append, map(lists.__getitem__, review_terms(review)), repeat(index)))
    return BlockPostings.of(lists, len(reviews))
