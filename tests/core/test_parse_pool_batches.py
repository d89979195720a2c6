"""The import's batches, now made as the workers ask for them, are the batches made all at once
before: the same files in each (what each batch stores, and so the store's files, depend on them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.pipeline import parse_pool
from tui_reader.core.pipeline.parse_pool import BATCH_BYTES, MIN_BYTES


def batches_all_at_once(paths: list[Path], sizes: list[int]) -> list[list[Path]]:
    """The rule as it was written before (consecutive runs of about BATCH_BYTES, one when small)."""
    if sum(sizes) < MIN_BYTES:
        return [list(paths)] if paths else []
    batches: list[list[Path]] = [[]]
    filled = 0
    for path, size in zip(paths, sizes, strict=True):
        if filled >= BATCH_BYTES:
            batches.append([])
            filled = 0
        batches[-1].append(path)
        filled += size
    return batches


sizes_drawn = st.lists(
    st.one_of(st.integers(0, 3000), st.integers(0, BATCH_BYTES), st.just(BATCH_BYTES), st.just(MIN_BYTES)), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(sizes_drawn)
def test_batches_are_the_runs_made_all_at_once(sizes: list[int]) -> None:
    paths = [Path(f"f{number}") for number in range(len(sizes))]
    assert list(parse_pool._batches(paths, sizes)) == batches_all_at_once(paths, sizes)


def test_files_are_sized_here_when_the_caller_did_not(tmp_path: Path) -> None:
    paths = []
    for number, size in enumerate([BATCH_BYTES, 10, BATCH_BYTES, MIN_BYTES, 5]):
        paths.append(tmp_path / f"f{number}")
        paths[-1].write_bytes(b"x" * size)
    sizes = [path.stat().st_size for path in paths]
    assert list(parse_pool._batches(paths)) == batches_all_at_once(paths, sizes)


def test_the_first_batches_come_before_the_last_files_are_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    """What lets the workers start while the rest is sized: batches are given as they are made."""
    looked: list[Path] = []
    paths = [Path(f"f{number}") for number in range(10)]

    def size(path: Path) -> int:
        looked.append(path)
        return BATCH_BYTES

    monkeypatch.setattr(parse_pool, "_size", size)
    batches = iter(parse_pool._batches(paths))
    first, second = next(batches), next(batches)
    assert (first, second) == ([paths[0]], [paths[1]])
    assert len(looked) < len(paths)
