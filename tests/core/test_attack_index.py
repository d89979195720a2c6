"""A damaged search-index segment (issue #14, item 6).

It used to be skipped in silence: every review it covered stopped matching, `search`
exited 0 with fewer hits, and nothing ever rebuilt it. Now every segment carries
checksums; damage is said in one line and the segment's reviews are indexed again
from the library, so the answer is whole.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.core.content.models import Review
from tui_reader.core.search import SearchIndex, build
from tui_reader.core.search.query import parse_query
from tui_reader.core.search.segment import MAGIC
from tui_reader.core.store import Store, StoreError

WORD = "film"


def _reviews(count: int) -> list[Review]:
    """Reviews r000.. with a common word in all, and WORD in every third one."""
    return [
        Review(
            f"r{i:03d}",
            f"Review {i}",
            f"x/{i}",
            (f"Some text about things number{i} and stuff.", f"A {WORD} worth seeing." if i % 3 == 0 else "Nothing."),
        )
        for i in range(count)
    ]


WANTED = {f"r{i:03d}" for i in range(30) if i % 3 == 0}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(build, "CHUNK", 10)  # three segments of ten reviews
    store = Store(tmp_path / "data")
    store.library.add(_reviews(30))
    SearchIndex.open(store)
    assert len(_segments(store)) == 3
    return store


def _segments(store: Store) -> list[Path]:
    return sorted((store.library.folder / "index").glob("seg-*.bin"))


def _ids(index: SearchIndex, query: str = WORD) -> set[str]:
    return {hit.review_id for hit in index.search(query)}


def test_an_emptied_segment_is_said_and_re_indexed(store: Store) -> None:
    victim = max(_segments(store), key=lambda path: path.stat().st_size)
    victim.write_bytes(b"")
    index = SearchIndex.open(store)
    assert _ids(index) == WANTED  # not a third fewer
    assert len(index.problems) == 1 and victim.name in index.problems[0] and "re-indexed" in index.problems[0]
    assert not victim.exists()  # replaced by a new segment
    again = SearchIndex.open(store)
    assert _ids(again) == WANTED and again.problems == []  # repaired for good, quiet after


def test_a_flipped_byte_in_the_postings_is_caught_at_lookup(store: Store) -> None:
    index = SearchIndex.open(store)  # open before the damage: only the lookup can catch it
    victim = _segments(store)[1]
    data = bytearray(victim.read_bytes())
    terms, _, _, blob = struct.unpack_from("<4I", data, len(MAGIC))
    postings_at = len(MAGIC) + 16 + 8 * (terms + 1) + blob
    data[postings_at] ^= 0x55  # all its postings are in block 0: any lookup reads it
    victim.write_bytes(bytes(data))
    everything = {f"r{i:03d}" for i in range(30)}
    assert _ids(index, "things") == everything  # the reader opened before the damage
    assert len(index.problems) == 1 and victim.name in index.problems[0] and "postings" in index.problems[0]
    assert _ids(SearchIndex.open(store), "things") == everything


def test_a_flipped_byte_in_the_term_table_is_caught_at_the_first_lookup(store: Store) -> None:
    victim = _segments(store)[0]
    data = bytearray(victim.read_bytes())
    data[data.index(WORD.encode())] ^= 0x01  # "film" becomes "gilm": lookups would miss it
    victim.write_bytes(bytes(data))
    index = SearchIndex.open(store)
    assert _ids(index) == WANTED
    assert len(index.problems) == 1 and "damaged" in index.problems[0] and victim.name in index.problems[0]


def test_a_repair_that_cannot_be_written_says_so_and_answers_the_rest(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> int:
        raise StoreError("index: the folder is read-only")

    monkeypatch.setattr(build, "repair", refuse)
    victim = _segments(store)[0]
    victim.write_bytes(b"garbage")
    index = SearchIndex.open(store)
    assert _ids(index) == {review for review in WANTED if review >= "r010"}  # the rest still answers
    assert len(index.problems) == 1 and "could not re-index" in index.problems[0]
    assert "read-only" in index.problems[0]


def test_the_cli_says_it_on_stderr_in_one_line_and_finds_everything(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    store.library.add(_reviews(30))
    SearchIndex.open(store)
    (victim,) = _segments(store)
    victim.write_bytes(b"")
    env = {**os.environ, "TUI_READER_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "tui_reader.cli", "--data-dir", str(data), "search", WORD]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == len(WANTED)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and victim.name in lines[0] and "re-indexed" in lines[0], done.stderr
    again = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert again.stderr == "" and len(again.stdout.splitlines()) == len(WANTED)


def test_every_single_byte_flip_is_caught(tmp_path: Path) -> None:
    """Whatever byte of a segment changes, opening or reading it says so: never a quiet wrong answer."""
    from tui_reader.core.search.segment import BLOCK, Segment, SegmentDamaged, write_segment

    span = 9000  # bitmaps of 1125 bytes: the postings run over more than one checksum block
    postings: dict[str, list[int]] = {f"t{i:03d}": list(range(i % 7, span, 1 + i % 5)) for i in range(40)}
    postings |= {f"r{i:03d}": [i, i + 17] for i in range(100)}
    path = tmp_path / "s.bin"
    write_segment(path, postings, 3, span)
    good = path.read_bytes()
    clean = Segment(path)
    want = {term: clean.bits(term) for term in postings}
    assert len(good) > 2 * BLOCK
    sampled = range(400, len(good) - 300, 41)  # and every byte of the header, its tables and the trailer
    for at in [*range(0, 400), *sampled, *range(BLOCK - 8, BLOCK + 8), *range(len(good) - 300, len(good))]:
        damaged = bytearray(good)
        damaged[at] ^= 0x10
        path.write_bytes(bytes(damaged))
        try:
            segment = Segment(path)
            found = {term: segment.bits(term) for term in postings}
        except ValueError:  # SegmentDamaged is one
            continue
        assert found == want, f"byte {at} changed an answer silently"
    path.write_bytes(good)
    assert issubclass(SegmentDamaged, ValueError) and Segment(path).bits("t001") == want["t001"]


def test_a_rare_words_position_lists_are_checked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word in one review is answered from the segments' position lists, not their bitsets
    (`SegmentSet.positions`): a flipped byte there is caught and repaired the same way."""
    monkeypatch.setattr(build, "CHUNK", 100)  # segments wide enough for a position list to be kept
    store = Store(tmp_path / "data")
    store.library.add(_reviews(300))
    index = SearchIndex.open(store)
    victim = _segments(store)[1]
    data = bytearray(victim.read_bytes())
    terms, _, _, blob = struct.unpack_from("<4I", data, len(MAGIC))
    data[len(MAGIC) + 16 + 8 * (terms + 1) + blob] ^= 0x55
    victim.write_bytes(bytes(data))
    assert _ids(index, "number150") == {"r150"}
    assert len(index.problems) == 1 and victim.name in index.problems[0] and "postings" in index.problems[0]
    assert index._rare_word(parse_query("number150")) is not None  # the way it was answered
