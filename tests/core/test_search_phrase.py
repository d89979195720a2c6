"""Phrase answers are exact: what the index lists is what a scan of every review's text finds,
and a check cut short by its time budget lists only reviews it checked."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.content.text import fold
from tui_reader.core.search import SearchIndex
from tui_reader.core.store import Store

WORDS = ["rain", "city", "Café", "cafe", "naïve", "night", "电影", "x"]
SEPARATORS = [" ", ", ", "\n", " — ", "-"]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=8).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
REVIEW = st.tuples(TEXT, st.lists(TEXT, max_size=2), st.lists(TEXT, max_size=2))
PHRASE = st.lists(st.sampled_from(["rain", "city", "cafe", "naive", "night", "x"]), min_size=2, max_size=3)


def scan(reviews: list[Review], words: list[str]) -> set[str]:
    """The reference: folded text of every field, the words in order separated by non-word characters."""
    phrase = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")
    found = set()
    for review in reviews:
        fields = [review.title, *review.paragraphs, *(c.body for _, c in walk_comments(review.comments))]
        if phrase.search(fold("\n".join(fields))):
            found.add(review.id)
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(REVIEW, min_size=1, max_size=12), PHRASE)
def test_a_phrase_lists_exactly_the_reviews_holding_it(
    drafts: list[tuple[str, list[str], list[str]]], words: list[str]
) -> None:
    reviews = [
        Review(
            f"r{number}",
            title or "t",
            f"x/{number}",
            tuple(paragraphs) or ("p",),
            comments=tuple(Comment(f"c{number}-{i}", body or "c", "a") for i, body in enumerate(comments)),
        )
        for number, (title, paragraphs, comments) in enumerate(drafts)
    ]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "data")
        store.library.add(reviews)
        index = SearchIndex.open(store)
        query = '"' + " ".join(words) + '"'
        exact = index.search(query, check_budget=None)
        assert {hit.review_id for hit in exact} == scan(reviews, words)
        assert exact.unchecked == 0
        rushed = index.search(query, check_budget=0)
        assert {hit.review_id for hit in rushed} <= scan(reviews, words)


def test_a_repeated_word_phrase_is_found_after_a_refused_overlapping_match(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([Review("r1", "t", "x/1", ("goodbye bye bye",)), Review("r2", "t", "x/2", ("goodbye bye",))])
    found = SearchIndex.open(store).search('"bye bye"', check_budget=None)
    assert [hit.review_id for hit in found] == ["r1"]


def test_a_phrase_being_typed_in_the_filter_lists_its_review(tmp_path: Path) -> None:
    """The app's filter, key by key: `"operating sys` listed nothing until the word was finished."""
    store = Store(tmp_path / "data")
    store.library.add(
        [Review("r1", "t", "x/1", ("the operating system",)), Review("r2", "t", "x/2", ("an operating sys call",))]
    )
    index = SearchIndex.open(store)
    assert {hit.review_id for hit in index.search('"operating sy', prefix_last=True, check_budget=None)} == {"r1", "r2"}
    assert [hit.review_id for hit in index.search('"operating sys', check_budget=None)] == ["r2"]  # the CLI: words
