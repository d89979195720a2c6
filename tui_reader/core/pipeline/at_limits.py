"""An import cut at its limits (`--max-bytes`, `--max-reviews`; defaults in `limits.py`), a `Stop` saying where."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.content.text import plural

if TYPE_CHECKING:  # imported when an import runs, as the pipeline's
    from tui_reader.core.pipeline.parse_pool import ParsedBatch, ParsedFile


@dataclass(frozen=True, slots=True)
class Stop:
    """Where an import stopped at one of its limits, why, and the option that raises it."""

    where: str
    reason: str  # "stopped after 200000 reviews (the limit for one import)"
    option: str  # "--max-reviews N"


def within_bytes(files: list[Path], limit: int) -> tuple[list[Path], list[int] | None, Stop | None]:
    """The files up to `limit` bytes in all, their sizes when they were looked at (the parsing
    batches them by size: one pass over the files, not two), and where they stop when that is
    not all of them. Every file is looked at: one may be over the in-memory limit (a dump read in
    blocks, `importers.bigfile`), so a few files may be over `limit` too."""
    total = 0
    sizes: list[int] = []
    for number, path in enumerate(files):
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # parsing says why
        total += size
        if total > limit:
            why = f"stopped before this file ({_size(limit)} of files is the limit for one import)"
            return files[:number], sizes, Stop(str(path), why, "--max-bytes SIZE")
        sizes.append(size)
    return files, sizes, None


def _size(count: int) -> str:
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if count >= size:
            return f"{count / size:.3g} {unit}"
    return f"{count} bytes"


def within_reviews(batch: ParsedBatch, room: int, limit: int) -> tuple[ParsedBatch, Stop | None]:
    """The batch cut to `room` reviews, and where it stopped when it was cut (the files after
    that are not counted: never reached). A cut batch has no postings: the index reads its
    reviews back afterwards."""
    from tui_reader.core.pipeline.parse_pool import ParsedBatch

    kept: list[ParsedFile] = []
    for outcome in batch.files:
        parsed = outcome.parsed
        if parsed is not None and len(parsed.reviews) > room:
            if room > 0:
                kept.append(replace(outcome, parsed=replace(parsed, reviews=parsed.reviews[:room], skipped=[])))
            why = f"stopped after {plural(limit, 'review')} (the limit for one import)"
            return ParsedBatch(kept, None, batch.encoded), Stop(str(outcome.path), why, "--max-reviews N")
        room -= len(parsed.reviews) if parsed is not None else 0
        kept.append(outcome)
    return batch, None
