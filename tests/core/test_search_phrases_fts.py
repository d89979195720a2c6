"""The phrase index (SQLite FTS5 over our tokens) answers exactly what the text check answers,
and stays exact as the library changes under it, its file is damaged, or FTS5 is missing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.search import SearchIndex
from tui_reader.core.search import phrases as phrase_module
from tui_reader.core.search.index import PHRASES_INLINE
from tui_reader.core.store import Store

# Words that fold alike or apart (accents, ß, ligatures, full-width), joined by what a phrase may
# or may not cross (apostrophes, underscores, hyphens, line ends, CJK).
WORDS = ["rain", "Rain", "café", "cafe", "CAFÉ", "straße", "strasse", "ﬁne", "fine", "ｆｕｌｌ", "x_y", "don", "t", "ǆ"]
SEPARATORS = [" ", "'", "’", "_", "-", "\n", " 电影 ", "电", "½", "", ". "]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=7).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)
PHRASE = st.lists(
    st.sampled_from(["rain", "cafe", "strasse", "fine", "full", "x_y", "don", "t", "dž", "1", "2"]),
    min_size=2,
    max_size=3,
)


def reviews_of(drafts: list[tuple[str, list[str], list[str]]]) -> list[Review]:
    return [
        Review(
            f"r{number}",
            title or "t",
            f"x/{number}",
            tuple(paragraphs) or ("p",),
            tags=("rain cafe",) if number % 3 == 0 else (),
            comments=tuple(Comment(f"c{number}-{i}", body or "c", "a") for i, body in enumerate(comments)),
        )
        for number, (title, paragraphs, comments) in enumerate(drafts)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(TEXT, st.lists(TEXT, max_size=2), st.lists(TEXT, max_size=2)), min_size=1, max_size=10), PHRASE
)
def test_the_phrase_index_answers_what_the_text_check_answers(
    drafts: list[tuple[str, list[str], list[str]]], words: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "data")
        store.library.add(reviews_of(drafts))
        index = SearchIndex.open(store)
        query = '"' + " ".join(words) + '"'
        by_fts = index.search(query, check_budget=None)
        assert (index.folder / phrase_module.FILE).is_file()
        index.phrases.unusable = True
        by_text = index.search(query, check_budget=None)
        assert by_fts.positions == by_text.positions
        negated = f"-{query}"
        index.phrases.unusable = False
        assert index.search(negated, check_budget=None).positions == [
            p for p in range(len(store.library)) if p not in set(by_text.positions)
        ]


def ids(index: SearchIndex, query: str) -> set[str]:
    return {hit.review_id for hit in index.search(query, check_budget=None)}


def review(number: int, text: str) -> Review:
    return Review(f"r{number}", f"title {number}", f"x/{number}", (text,))


def test_it_follows_added_changed_and_removed_reviews(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([review(1, "the operating system"), review(2, "an operating room")])
    index = SearchIndex.open(store)
    assert ids(index, '"operating system"') == {"r1"}
    store.library.add([review(3, "another operating system"), review(2, "now an operating system too")])
    index.refresh()
    assert ids(index, '"operating system"') == {"r1", "r2", "r3"}
    assert ids(index, '"operating room"') == set()  # r2's old text is a dead row
    store.library.remove(["r1"])
    index.refresh()
    assert ids(index, '"operating system"') == {"r2", "r3"}


def test_mostly_dead_rows_are_built_anew_in_one_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrase_module, "BATCH", 2)
    store = Store(tmp_path / "data")
    store.library.add([review(n, f"old words {n}") for n in range(6)])
    index = SearchIndex.open(store)
    assert len(ids(index, '"old words"')) == 6
    before = os.stat(index.phrases.path).st_ino
    store.library.add([review(n, f"new words {n}") for n in range(6)])
    assert len(ids(index, '"new words"')) == 6 and ids(index, '"old words"') == set()
    assert os.stat(index.phrases.path).st_ino != before
    assert not list(index.folder.glob("*.new"))


def test_a_damaged_file_is_built_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([review(1, "the operating system"), review(2, "an operating room")])
    index = SearchIndex.open(store)
    assert ids(index, '"operating system"') == {"r1"}
    index.phrases.path.write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{index.phrases.path}{suffix}").unlink(missing_ok=True)
    again = SearchIndex.open(store)
    assert ids(again, '"operating system"') == {"r1"}
    assert not again.phrases.unusable


def test_without_fts5_phrases_are_checked_on_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrase_module, "_SCHEMA", ("CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts9(tokens)",))
    store = Store(tmp_path / "data")
    store.library.add([review(1, "the operating system"), review(2, "an operating room")])
    index = SearchIndex.open(store)
    assert ids(index, '"operating system"') == {"r1"}
    assert index.phrases.unusable and not index.phrases_behind


def test_a_budgeted_search_leaves_a_long_catch_up_to_a_worker(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([review(n, "an operating system" if n % 2 else "a system") for n in range(PHRASES_INLINE + 5)])
    index = SearchIndex.open(store)
    rushed = index.search('"operating system"')  # the app's budget
    assert index.phrases_behind and not index.phrases.ready(limit=0)
    assert set(rushed.positions) <= set(range(1, PHRASES_INLINE + 5, 2))
    assert index.phrases.ready()
    whole = index.search('"operating system"')
    assert not index.phrases_behind and whole.unchecked == 0
    assert whole.positions == list(range(1, PHRASES_INLINE + 5, 2))
    store.library.add([review(999, "one more operating system")])  # a few: added by the search itself
    assert len(index.search('"operating system"')) == len(whole) + 1 and not index.phrases_behind


def test_a_folder_it_cannot_write_leaves_phrases_to_the_text_check(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([review(1, "the operating system"), review(2, "an operating room")])
    index = SearchIndex.open(store)
    index.phrases.path = tmp_path / "a file, not a folder" / phrase_module.FILE
    (tmp_path / "a file, not a folder").write_text("")
    assert ids(index, '"operating system"') == {"r1"}
    assert index.phrases.unusable


def test_a_budgeted_search_of_a_big_library_leaves_even_the_check_to_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every digest to see what is missing takes ~1 s at 1M: not in the app's typing."""
    from tui_reader.core.search import index as index_module

    monkeypatch.setattr(index_module, "PHRASES_LOOKED_AT_INLINE", 2)
    store = Store(tmp_path / "data")
    store.library.add([review(n, "an operating system") for n in range(3)])
    index = SearchIndex.open(store)
    assert index.search('"operating system"') is not None and index.phrases_behind
    assert not index.phrases.caught_up()
    assert index.phrases.ready()  # the worker's call
    assert len(index.search('"operating system"')) == 3 and not index.phrases_behind


def test_a_fresh_process_reads_no_digest_when_the_file_has_this_catalog_s_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `tui-reader search` is a fresh process: 100k digests cost more than FTS5's query."""
    store = Store(tmp_path / "data")
    store.library.add([review(1, "the operating system"), review(2, "an operating room")])
    assert ids(SearchIndex.open(store), '"operating system"') == {"r1"}
    fresh = Store(tmp_path / "data")
    index = SearchIndex.open(fresh)
    read: list[str] = []
    column = type(fresh.library).column
    monkeypatch.setattr(type(fresh.library), "column", lambda self, name: read.append(name) or column(self, name))
    assert ids(index, '"operating system"') == {"r1"} and "digest" not in read
    store.library.add([review(3, "one more operating system")])  # another process's save: the map is made again
    index.refresh()  # as the app does when an import lands
    assert ids(index, '"operating system"') == {"r1", "r3"} and "digest" in read
