"""Segment files: what is written is what a lookup reads back, at every block and density boundary."""

from __future__ import annotations

import random
import tempfile
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search.segment import (
    SPARSE,
    Segment,
    SegmentDamaged,
    bits_of,
    is_dense,
    positions_of,
    write_segment,
)

WORDS = st.text(alphabet="abcé电\x01", min_size=1, max_size=5)


def expected_bits(positions: list[int], base: int) -> int:
    return sum(1 << (base + p) for p in set(positions))


@settings(max_examples=200, deadline=None)
@given(
    span=st.integers(0, 3000),
    density=st.sampled_from(  # around each switch: 1 bit in 64, in 10
        [0.0, 0.002, 0.0155, 0.016, 0.0165, 0.04, 0.042, 0.05, 0.099, 0.1, 0.101, 0.3, 0.99, 1.0]
    ),
    seed=st.integers(0, 2**32),
    with_numbers=st.booleans(),
)
def test_positions_and_bitsets_convert_both_ways_at_every_density(
    span: int, density: float, seed: int, with_numbers: bool
) -> None:
    rng = random.Random(seed)
    positions = [p for p in range(span) if rng.random() < density]
    bits = expected_bits(positions, 0)
    assert bits_of(reversed(positions), span) == bits  # any order, as sets are
    assert bits_of(set(positions), span) == bits == bits_of(array("I", positions), span)  # sized, as postings are
    numbers = list(range(span + rng.randrange(3))) if with_numbers else None
    found = positions_of(bits, numbers)
    assert found == positions and all(type(p) is int for p in found)


@settings(max_examples=60, deadline=None)
@given(
    span=st.integers(1, 300),
    base=st.integers(0, 5000),
    data=st.data(),
)
def test_every_term_and_prefix_reads_back_exactly(span: int, base: int, data: st.DataObject) -> None:
    terms = data.draw(st.lists(WORDS, unique=True, max_size=3 * SPARSE + 5))
    postings: dict[str, list[int] | int] = {}
    for term in terms:
        positions = sorted(data.draw(st.sets(st.integers(0, span - 1), min_size=1)))
        as_bits = data.draw(st.booleans())  # the builders hand over either form
        postings[term] = expected_bits(positions, 0) if as_bits else positions
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.bin"
        write_segment(path, postings, base, span)
        segment = Segment(path)
        for term, found in postings.items():
            want = found << base if isinstance(found, int) else expected_bits(found, base)
            assert segment.bits(term) == want
            assert segment.count(term) == want.bit_count()
            assert segment.bits(term + "z") == (postings_bits(postings, term + "z", base))
        for prefix in {term[:cut] for term in terms for cut in range(1, len(term) + 1)} | {"", "zz", "\x00"}:
            want = 0
            for term, found in postings.items():
                if term.startswith(prefix):
                    want |= found << base if isinstance(found, int) else expected_bits(found, base)
            assert segment.prefix_bits(prefix) == want


def postings_bits(postings: dict[str, list[int] | int], term: str, base: int) -> int:
    found = postings.get(term)
    if found is None:
        return 0
    return found << base if isinstance(found, int) else expected_bits(found, base)


@pytest.mark.parametrize("span", [1, 7, 8, 9, 32, 33, 1000])
def test_positions_just_below_and_at_the_bitmap_size_read_back(tmp_path: Path, span: int) -> None:
    """A bitmap is told from a position list by its length alone: the two sizes must never meet."""
    postings: dict[str, list[int] | int] = {}
    for count in range(1, min(span, 40) + 1):
        postings[f"t{count:03d}"] = list(range(span - count, span))
    write_segment(tmp_path / "s.bin", postings, 3, span)
    segment = Segment(tmp_path / "s.bin")
    for term, positions in postings.items():
        assert isinstance(positions, list)
        assert segment.bits(term) == expected_bits(positions, 3), (term, is_dense(len(positions), span))


def test_a_segment_without_terms_answers_nothing(tmp_path: Path) -> None:
    write_segment(tmp_path / "empty.bin", {}, 0, 0)
    segment = Segment(tmp_path / "empty.bin")
    assert segment.bits("a") == 0 and segment.prefix_bits("") == 0 and segment.count("a") == 0


def test_damaged_tables_are_refused_when_read(tmp_path: Path) -> None:
    """A block of the term table is checked when a lookup first reads it (opening reads only the
    header and the tail): a damaged one is refused then, never read as terms."""
    write_segment(tmp_path / "s.bin", {f"w{i}": [i % 5] for i in range(200)}, 0, 5)
    data = bytearray((tmp_path / "s.bin").read_bytes())
    data[24 + 4 * 200 : 24 + 4 * 201] = b"\xff\xff\xff\x7f"  # the blob's end, past the blob
    (tmp_path / "bad.bin").write_bytes(bytes(data))
    with pytest.raises(ValueError):
        Segment(tmp_path / "bad.bin").prefix_bits("w")
    data = bytearray((tmp_path / "s.bin").read_bytes())
    data[24 + 4 * 201] = ord("z")  # the first term now sorts after the others
    (tmp_path / "unsorted.bin").write_bytes(bytes(data))
    with pytest.raises(ValueError):
        Segment(tmp_path / "unsorted.bin").bits("w0")
    assert Segment(tmp_path / "s.bin").prefix_bits("w") == 0b11111  # the undamaged file reads
    write_segment(tmp_path / "s.bin", {f"w{i}": [i % 5] for i in range(200)}, 0, 5)
    data = bytearray((tmp_path / "s.bin").read_bytes())
    (tmp_path / "old.bin").write_bytes(b"TRSEG02\n" + bytes(data[8:]))
    with pytest.raises(ValueError):
        Segment(tmp_path / "old.bin")


def test_opening_reads_the_tail_not_the_term_table(tmp_path: Path) -> None:
    terms = {f"w{i:05d}": [i % 50] for i in range(20 * SPARSE)}
    write_segment(tmp_path / "s.bin", terms, 0, 50)
    data = bytearray((tmp_path / "s.bin").read_bytes())
    data[24 + 4 * (len(terms) + 1) + 7 * SPARSE * 6] ^= 0x01  # a term of block 7 (6 bytes a term)
    (tmp_path / "s.bin").write_bytes(bytes(data))
    segment = Segment(tmp_path / "s.bin")  # opens: the damaged block is not read yet
    assert segment.bits("w00000") == 1 and segment.bits(f"w{19 * SPARSE:05d}") == 1 << (19 * SPARSE % 50)
    with pytest.raises(SegmentDamaged):
        segment.bits(f"w{7 * SPARSE + 3:05d}")


def test_terms_at_every_block_edge_are_found(tmp_path: Path) -> None:
    terms = [f"w{i:04d}" for i in range(5 * SPARSE + 3)]
    write_segment(tmp_path / "s.bin", {term: [i % 50] for i, term in enumerate(terms)}, 10, 50)
    segment = Segment(tmp_path / "s.bin")
    for i, term in enumerate(terms):
        assert segment.bits(term) == 1 << (10 + i % 50), term
        assert segment.bits(term + "!") == 0 and segment.bits(term[:-1]) == 0
    assert segment.prefix_bits("w00") == expected_bits([i % 50 for i in range(100)], 10)
    assert segment.prefix_bits("w") == expected_bits(list(range(50)), 10)
