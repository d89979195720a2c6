"""A file's record keeps its size and time as the worker found them before reading it (`ParsedFile.stamp`):
the bytes the record's ids came from, not whatever the file holds when the import ends."""

from __future__ import annotations

import os
from pathlib import Path

from tui_reader.core.pipeline.gone import GoneRows
from tui_reader.core.pipeline.parse_pool import _parse_batch
from tui_reader.core.store import Store
from tui_reader.core.store.read_files import file_stamp, read_records, record_name


def test_the_record_keeps_the_stamp_of_the_bytes_that_were_read(tmp_path: Path) -> None:
    review = tmp_path / "in" / "0_7.txt"
    review.parent.mkdir()
    review.write_text("Headline\n\nThe body.\n")
    (outcome,) = _parse_batch([review], None, None, None, False).files
    read_at = file_stamp(str(review))
    assert outcome.stamp == read_at
    review.write_text("Headline\n\nThe body, changed after it was read.\n")
    os.utime(review, ns=(1, 1))
    gone = GoneRows()
    gone.read(outcome)
    assert outcome.parsed is not None
    gone.saw(outcome.parsed.reviews, store := Store(tmp_path / "data"))
    gone.settle(store, stopped=False, dry_run=False)
    assert read_records(tmp_path / "data")[record_name(str(review))].stamp == read_at
