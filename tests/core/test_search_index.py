"""Searching a real store: seeds, notes, facets, updates after imports, damaged index files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.search import SearchIndex, sorted_positions
from tui_reader.core.search.build import MANIFEST
from tui_reader.core.search.query import parse_query
from tui_reader.core.store import Store

EXTRA = [
    Review("e1", "Café Müller", "x/1", ("Pina Bausch danced in a café.",), author="Wim Wenders", rating=8.0),
    Review("e2", "电影评论", "x/2", ("这部电影很好看，我很喜欢。",), rating=3.0, date="2001-01-01"),
    Review(
        "e3",
        "Naïve Thoughts",
        "x/3",
        ("A plain body.",),
        comments=(Comment("k1", "Quixotic remark", author="Dora Maar", replies=(Comment("k2", "indeed", "Zed"),)),),
        rating=7.0,
        date="2020-05-05",
    ),
]


@pytest.fixture
def store(tmp_path: Path, seeds: Path) -> Store:
    store = Store(tmp_path / "data")
    import_paths(store, [seeds])
    store.library.add(EXTRA)
    return store


@pytest.fixture
def index(store: Store) -> SearchIndex:
    return SearchIndex.open(store)


def ids(index: SearchIndex, query: str) -> set[str]:
    return {hit.review_id for hit in index.search(query)}


def seed_003(store: Store) -> Review:
    return next(r for r in store.library.iter_reviews() if r.source.endswith("003_ff4e0dad539df47f.txt"))


def test_import_builds_the_index(tmp_path: Path, seeds: Path) -> None:
    store = Store(tmp_path / "data")
    import_paths(store, [seeds])
    assert (store.library.folder / "index" / MANIFEST).is_file()
    assert not SearchIndex.open(store, refresh=False).is_stale()


def test_a_word_only_in_a_comment_of_seed_003(store: Store, index: SearchIndex) -> None:
    review = seed_003(store)
    comment = next(c for _, c in walk_comments(review.comments) if "sappy" in c.body)
    assert "sappy" not in review.body.lower() and "sappy" not in review.title.lower()
    others = [r for r in store.library.iter_reviews() if r.id != review.id]
    assert not any("sappy" in (r.body + " ".join(c.body for _, c in walk_comments(r.comments))).lower() for r in others)
    [hit] = index.search("SAPPY")
    assert (hit.review_id, hit.kind, hit.comment_id) == (review.id, "comment", comment.id)
    start, end = hit.spans[0]
    assert hit.snippet[start:end].lower() == "sappy"


def test_has_comments_is_exactly_the_reviews_with_comments(store: Store, index: SearchIndex) -> None:
    expected = {r.id for r in store.library.iter_reviews() if any(True for _ in walk_comments(r.comments))}
    assert expected and ids(index, "has:comments") == expected
    assert ids(index, "-has:comments") == {r.id for r in store.library.iter_reviews()} - expected


def test_accents_and_case_do_not_matter(index: SearchIndex) -> None:
    assert ids(index, "cafe") == {"e1"} == ids(index, "CAFÉ") == ids(index, "müller")
    assert ids(index, "naive") == {"e3"}


def test_chinese_matches_as_a_substring(index: SearchIndex) -> None:
    assert ids(index, "电影") == {"e2"}
    assert ids(index, "很好看") == {"e2"}
    assert ids(index, "好电") == set()
    hit = index.search("好看")[0]
    assert hit.snippet[hit.spans[0][0] : hit.spans[0][1]] == "好看"


def test_exclusion_and_phrases(store: Store, index: SearchIndex) -> None:
    both = ids(index, "relationship")
    assert len(both) == 2
    assert ids(index, "relationship -sappy") == both - {seed_003(store).id}
    assert ids(index, '"operating system"') == {seed_003(store).id}
    assert ids(index, '"system operating"') == set()
    assert ids(index, '-"operating system" relationship') == both - {seed_003(store).id}


def test_facets(store: Store, index: SearchIndex) -> None:
    assert ids(index, "rating:>=7") == {"e1", "e3"}
    assert ids(index, "rating:<7") == {"e2"}
    assert ids(index, "author:wenders") == {"e1"}
    assert ids(index, "author:maar") == {"e3"}  # a commenter counts
    assert ids(index, "is:bookmarked") == set()
    store.user.toggle_bookmark("e2")
    store.user.set_read("e1")
    assert ids(index, "is:bookmarked") == {"e2"}
    assert "e1" not in ids(index, "is:unread") and "e1" in ids(index, "is:read")


def test_notes_and_quotes_are_searched_live(store: Store, index: SearchIndex) -> None:
    assert ids(index, "zanzibar") == set()
    note = store.user.add_note(Anchor("e2"), "Reminds me of Zanzibar")
    store.user.add_quote(Anchor("e1", paragraph=0), "pina bausch danced")
    [hit] = index.search("zanzibar")
    assert (hit.review_id, hit.kind, hit.record_id) == ("e2", "note", note.id)
    assert ids(index, "has:note") == {"e2"} and ids(index, "has:quote") == {"e1"}


def test_prefix_and_title_first(index: SearchIndex) -> None:
    assert ids(index, "quix*") == {"e3"}
    assert ids(index, "quix") == set()
    assert {hit.review_id for hit in index.search("quix", prefix_last=True)} == {"e3"}
    result = index.search("cafe")
    assert result[0].kind == "title" and result[0].score == 2


def test_empty_query_matches_everything(store: Store, index: SearchIndex) -> None:
    assert len(index.search("")) == len(store.library)


def test_updates_reach_the_index(store: Store, index: SearchIndex) -> None:
    store.library.add([Review("e4", "Fresh", "x/4", ("Wombats everywhere.",))])
    assert index.is_stale()
    assert index.refresh() == 1  # only the new review is read
    assert ids(index, "wombats") == {"e4"}
    store.library.add([Review("e1", "Café Müller", "x/1", ("Now about kangaroos.",))])
    assert index.refresh() == 1
    assert ids(index, "kangaroos") == {"e1"}
    assert ids(index, "bausch") == set()  # the old text no longer matches
    assert ids(index, "cafe") == {"e1"}


def test_a_damaged_index_is_rebuilt(store: Store) -> None:
    folder = store.library.folder / "index"
    SearchIndex.open(store)
    for segment in folder.glob("seg-*.bin"):
        segment.write_bytes(b"garbage")
    (folder / MANIFEST).write_text("{not json")
    index = SearchIndex.open(store)
    assert ids(index, "sappy") == {seed_003(store).id}
    another = SearchIndex(store, folder)  # a reader whose segment turns to garbage: found, said, rebuilt
    for segment in folder.glob("seg-*.bin"):
        segment.write_bytes(b"garbage")
    assert ids(another, "sappy") == {seed_003(store).id} and len(another.problems) == 1


def test_other_processes_index_is_picked_up(store: Store) -> None:
    reader = SearchIndex.open(store)
    assert ids(reader, "wombats") == set()
    writer_store = Store(store.data_dir)
    writer_store.library.add([Review("e4", "Fresh", "x/4", ("Wombats everywhere.",))])
    SearchIndex.open(writer_store)
    store.library.load()
    assert ids(reader, "wombats") == {"e4"}


def test_sort_orders(store: Store) -> None:
    library = store.library
    titles = library.column("title")
    by_title = sorted_positions(library, "title")
    assert [titles[p].casefold() for p in by_title] == sorted(t.casefold() for t in titles)
    ratings = library.column("rating")
    by_rating = sorted_positions(library, "rating")
    rated = [ratings[p] for p in by_rating if ratings[p] is not None]
    assert rated == sorted(rated, reverse=True)
    assert all(ratings[p] is None for p in by_rating[len(rated) :])
    counts = library.column("comments")
    assert [counts[p] for p in sorted_positions(library, "comments")] == sorted(counts, reverse=True)
    assert list(sorted_positions(library, "imported")) == list(range(len(library)))
    with pytest.raises(ValueError):
        sorted_positions(library, "colour")


def test_an_index_that_cannot_be_written_does_not_fail_the_import(
    tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core.search import build
    from tui_reader.core.store import StoreError

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise StoreError("index: another tui-reader holds the lock")

    monkeypatch.setattr(build, "refresh", refuse)
    store = Store(tmp_path / "data")
    report = import_paths(store, [seeds])
    assert report.ok and report.new == 2
    monkeypatch.undo()
    assert ids(SearchIndex.open(store), "sappy")  # caught up on the next open


def test_phrase_candidates_out_of_time_are_counted_never_listed(store: Store, index: SearchIndex) -> None:
    """Checked on the text (as without FTS5): what is left unchecked is counted, never listed."""
    index.phrases.unusable = True
    exact = index.search('"operating system"', check_budget=None)
    rushed = index.search('"operating system"', check_budget=0)
    assert exact.unchecked == 0 and len(exact) == 1
    assert rushed.unchecked >= 1 and set(rushed.positions) <= set(exact.positions)


def test_the_phrase_index_answers_a_phrase_whole_even_on_a_budget(store: Store, index: SearchIndex) -> None:
    exact = index.search('"operating system"', check_budget=None)
    assert (index.folder / "phrases.sqlite3").is_file()
    rushed = index.search('"operating system"', check_budget=0)
    assert rushed.unchecked == 0 and rushed.positions == exact.positions and len(exact) == 1


def test_segment_round_trip(tmp_path: Path) -> None:
    from tui_reader.core.search.segment import Segment, write_segment

    span = 1000
    postings = {"common": list(range(0, span, 2)), "rare": [3, 999], "电影": [7], "élan": [5], "elan": [6]}
    write_segment(tmp_path / "s.bin", postings, base=100, span=span)
    segment = Segment(tmp_path / "s.bin")
    for term, positions in postings.items():
        assert segment.bits(term) == sum(1 << (100 + p) for p in positions)
        assert segment.count(term) == len(positions)
    assert segment.bits("absent") == 0 and segment.bits("") == 0 and segment.bits("zzz") == 0
    assert segment.prefix_bits("el") == (1 << 106)
    assert segment.prefix_bits("电") == (1 << 107)
    (tmp_path / "cut.bin").write_bytes((tmp_path / "s.bin").read_bytes()[:-3])
    with pytest.raises(ValueError):
        Segment(tmp_path / "cut.bin")


def test_a_fresh_index_is_known_without_reading_its_digests(store: Store, index: SearchIndex) -> None:
    """Issue 19, item 4: the first query checks freshness with the catalog's save token, not by
    parsing a digest per review (19 MB of JSON at 1M)."""
    import orjson

    from tui_reader.core.search.build import Manifest

    manifest = Manifest.read(index.folder)
    assert manifest is not None and manifest._digests_path is not None
    saved = manifest._digests_path.read_bytes()
    manifest._digests_path.write_bytes(b"not read")
    assert not SearchIndex(Store(store.data_dir), index.folder).is_stale()
    manifest._digests_path.write_bytes(saved)
    store.library.add([Review("e4", "Later", "x/4", ("zanzibar",))])
    assert SearchIndex(store, index.folder).is_stale() and ids(SearchIndex.open(store), "zanzibar") == {"e4"}
    # An index written before (digests inline, no token) is read, and written anew at the next refresh.
    segments = Manifest.read(index.folder).segments  # type: ignore[union-attr]
    (index.folder / MANIFEST).write_bytes(
        orjson.dumps({"schema": 4, "digests": store.library.column("digest"), "segments": segments})
    )
    assert ids(SearchIndex.open(store), "zanzibar") == {"e4"}
    assert not SearchIndex(store, index.folder).is_stale()
    assert Manifest.read(index.folder).token == store.library.token  # type: ignore[union-attr]


def test_a_sort_is_kept_for_the_catalog_save_it_was_made_from(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, item 4: a restart with a title sort reads the order instead of sorting again."""
    from tui_reader.core.search import sort

    first = sorted_positions(store.library, "title")
    assert (store.library.folder / "sorts" / "title.bin").is_file()

    def never(_: object) -> object:
        raise AssertionError("sorted again")

    with monkeypatch.context() as patched:
        patched.setattr(sort, "fast_fold", never)
        assert list(sorted_positions(Store(store.data_dir).library, "title")) == list(first)
    store.library.add([Review("e0", "Aaa first", "x/0", ("p",))])  # a new catalog save: sorted again
    again = sorted_positions(store.library, "title")
    assert len(again) == len(first) + 1 and store.library.summary(again[0]).title == "Aaa first"
    (store.library.folder / "sorts" / "title.bin").write_bytes(b"damaged")
    assert list(sorted_positions(Store(store.data_dir).library, "title")) == list(again)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.lists(st.sampled_from(["title", "body", "both", "neither"]), min_size=1, max_size=24))
def test_a_hit_is_found_by_its_position_in_every_run(
    tmp_path_factory: pytest.TempPathFactory, where: list[str]
) -> None:
    """The list looks a shown row's hit up by position: title matches come first, so ranks are not positions."""
    store = Store(tmp_path_factory.mktemp("ranks") / "data")
    store.library.add(
        [
            Review(
                f"r{i}",
                "Apple orchard" if place in ("title", "both") else "Pear tree",
                f"x/{i}",
                ("An apple a day." if place in ("body", "both") else "Nothing here.",),
            )
            for i, place in enumerate(where)
        ]
    )
    result = SearchIndex.open(store).search("apple")
    for position in range(len(where)):
        expected = result.positions.index(position) if position in result.positions else None
        assert result.rank(position) == expected
    assert result.positions[: where.count("title") + where.count("both")] == sorted(
        i for i, place in enumerate(where) if place in ("title", "both")
    )


@pytest.mark.parametrize("word", ["cafe", "pina", "zanzibar", "quixotic", "indeed", "filler", "nowhere"])
def test_a_rare_word_answers_as_the_sets_do(store: Store, word: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One word from the segments' position lists (`_rare_word`): the same hits, titles first, and
    notes' matches merged in, as the bitsets' answer. ("filler", in most reviews, is kept as a
    bitmap: answered by the sets.)"""
    store.library.add([Review(f"f{n}", f"Filler {n}", f"f/{n}", ("plain words",)) for n in range(300)])
    index = SearchIndex.open(store)
    store.user.add_note(Anchor("e2"), "Zanzibar, and a café")
    fast = index.search(word)
    assert (index._rare_word(parse_query(word)) is None) == (word == "filler")
    monkeypatch.setattr(index, "_rare_word", lambda query: None)
    slow = index.search(word)
    assert fast.positions == slow.positions and fast._in_titles == slow._in_titles
    assert [(hit.review_id, hit.kind, hit.score) for hit in fast] == [(h.review_id, h.kind, h.score) for h in slow]
    assert len(fast) >= (word != "nowhere")


def test_a_word_with_its_signs_is_matched_with_them(tmp_path: Path) -> None:
    """`C#` and `C++` were searched as `c`: every C post, C++ first for C#."""
    store = Store(tmp_path / "data")
    texts = {
        "sharp": "We write C# and some F# daily.",
        "plus": "Our engine is C++ (and a little C/C++ glue).",
        "plain": "Old school C, nothing else.",
        "double": "A typo: C## everywhere.",
    }
    store.library.add([Review(key, f"Post {key}", f"t/{key}", (text,)) for key, text in texts.items()])
    index = SearchIndex.open(store)
    assert ids(index, "C#") == {"sharp"} and ids(index, "c++") == {"plus"} and ids(index, "F#") == {"sharp"}
    assert ids(index, "c") == set(texts)  # the word alone is in each, as indexed
    assert ids(index, "-C# c") == {"plus", "plain", "double"}
    (hit,) = index.search("C#")
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "C#"
