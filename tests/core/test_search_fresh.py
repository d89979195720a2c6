"""Fresh postings: blocks merged into segments hold exactly each term's reviews, however
the parsing workers sent them (positions or bitsets) and wherever the blocks fall."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.search import fresh
from tui_reader.core.search.fresh import BlockPostings, FreshPostings
from tui_reader.core.search.segment import Segment, bits_of, pack_positions, positions_of, shifted, unpack_positions
from tui_reader.core.store import StoreError

TERMS = ["a", "b", "c", "d", "é", "电影"]


@st.composite
def blocks(draw: st.DrawFn) -> list[dict[str, set[int]]]:
    """Blocks of 1-40 reviews; each term in none, few or most of a block's reviews."""
    out = []
    for _ in range(draw(st.integers(1, 6))):
        size = draw(st.integers(1, 40))
        out.append({term: draw(st.sets(st.integers(0, size - 1))) for term in draw(st.sets(st.sampled_from(TERMS)))})
        out[-1][""] = set(range(size))  # every review: the block's size, and a term common everywhere
    return out


def as_sent(block: dict[str, set[int]], size: int, bitset: bool) -> BlockPostings:
    """As a worker would send it, but each term a bitset or a list as told, common or not."""
    if not bitset:
        return BlockPostings.of({term: sorted(found) for term, found in block.items() if found}, size)
    common = {term: bits_of(found, size) for term, found in block.items() if found and term != "a"}
    rare = [sorted(block["a"])] if block.get("a") else []
    ends = [4 * len(rare[0])] if rare else []
    return BlockPostings(["a"] if rare else [], ends, pack_positions(rare[0] if rare else []), common)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=blocks(), bitsets=st.lists(st.booleans(), min_size=1), chunk=st.sampled_from([7, 30, 10_000]))
def test_segments_hold_exactly_each_terms_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocks: list[dict[str, set[int]]], bitsets: list[bool], chunk: int
) -> None:
    monkeypatch.setattr(fresh, "CHUNK", chunk)
    postings = FreshPostings(tmp_path / f"index-{len(list(tmp_path.iterdir()))}")
    expected: dict[str, set[int]] = {}
    first = 3
    for number, block in enumerate(blocks):
        size = len(block[""])
        sent = as_sent(block, size, bitsets[number % len(bitsets)])
        postings.add_block(first, [f"d{first + i}" for i in range(size)], sent)
        for term, found in block.items():
            expected.setdefault(term, set()).update(first + i for i in found)
        first += size
    segments = postings.finish()
    assert [p for s in segments for p in s.covers()] == list(range(3, first))
    for term in [*TERMS, ""]:
        got = 0
        for written in segments:
            segment = Segment(written.path)
            got |= segment.bits(term)
        assert got == bits_of(expected.get(term, set()), first), term


@given(st.lists(st.integers(0, 2**31), max_size=50), st.integers(0, 2**31 - 1))
def test_shifting_packed_positions_adds_to_each(positions: list[int], shift: int) -> None:
    assert unpack_positions(shifted(pack_positions(positions), shift)).tolist() == [p + shift for p in positions]


def test_block_postings_unpack_to_what_they_were_made_of() -> None:
    found = {"common": list(range(0, 400, 10)), "rare": [3, 7], "once": [399], "x": [0]}
    block = BlockPostings.of(found, 400)
    assert set(block.common) == {"common"}
    assert {t: positions_of(f) if isinstance(f, int) else f for t, f in block.items()} == found


def test_a_fresh_segment_that_cannot_be_written_never_fails_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`atomic_write` says a full disk as StoreError, not OSError: it once came out of `add_block`
    (a chunk filled mid-import) and failed the import. Now the writing stops; the build reads back."""

    def full(*_args: object) -> None:
        raise StoreError("index: cannot write (the disk is full)")

    monkeypatch.setattr(fresh, "CHUNK", 2)
    monkeypatch.setattr(fresh, "write_segment", full)
    postings = FreshPostings(tmp_path / "index")
    block = BlockPostings.of({"a": [0], "b": [1]}, 2)
    for first in (0, 2, 4):
        postings.add_block(first, ["d1", "d2"], block)  # the second one writes the first chunk
    assert postings.finish() == []


def test_an_all_new_import_makes_no_gap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Full segments are written as they fill, not through `gap` (meant for reviews that are not given)."""
    from tui_reader.core.pipeline import parse_pool
    from tui_reader.core.pipeline.importing import import_paths
    from tui_reader.core.search import SearchIndex
    from tui_reader.core.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(30):
        (folder / f"{n:03d}.txt").write_text(f"Title {n}\n\nword{n} and common words here.\n", encoding="utf-8")
    monkeypatch.setattr(parse_pool, "MIN_BYTES", 0)
    monkeypatch.setattr(parse_pool, "BATCH_BYTES", 300)
    monkeypatch.setattr(fresh, "CHUNK", 8)
    gaps = []
    monkeypatch.setattr(FreshPostings, "gap", lambda self: gaps.append(1))
    adopted: list[int] = []
    finish = FreshPostings.finish
    monkeypatch.setattr(FreshPostings, "finish", lambda self: adopted.append(len(finish(self))) or self.segments)
    store = Store(tmp_path / "data")
    assert import_paths(store, [folder]).new == 30
    assert gaps == [] and adopted[0] >= 3
    index = SearchIndex.open(store, refresh=False)
    assert not index.is_stale() and len(index.search("common")) == 30 and len(index.search("word17")) == 1
