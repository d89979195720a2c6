"""A commenter's name finds their comments: a word search and `author:` (a tester's finding).

`search PresidentCleveland` (three comments in a Reddit thread) said "no review matches", and
`author:PresidentCleveland` named the post (`kind: review`, no `comment_id`), so the app opened
the thread at its top. A name is a word of its review now, found where its person wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.cli import main
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.review_text import ReviewText
from tui_reader.core.search import SearchIndex
from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Store

THREAD = Review(
    "t1",
    "The Hegel Myth",
    "r/1",
    ("A post about Kaufmann.",),
    author="Poster",
    comments=(
        Comment("c1", "I read it twice.", author="someone"),
        Comment(
            "c2",
            "It is a polemic.",
            author="Binnur Şenocak Özgü",
            replies=(Comment("c3", "I know who Kaufmann is.", author="PresidentCleveland"),),
        ),
    ),
)
OWN = Review("t2", "Tax reform", "r/2", ("Words of my own.",), author="PresidentCleveland")
OTHER = Review("t3", "Unrelated", "r/3", ("Nothing here.",), author="Nobody")


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    store = Store(tmp_path / "data")
    store.library.add([THREAD, OTHER, OWN])
    return SearchIndex.open(store)


def test_a_commenters_name_finds_the_thread_at_their_comment(index: SearchIndex) -> None:
    hits = index.search("senocak")
    assert [(hit.review_id, hit.kind, hit.comment_id) for hit in hits] == [("t1", "comment", "c2")]
    [hit] = hits
    assert hit.snippet.startswith("Binnur Şenocak Özgü: It is a polemic.")  # their words, after their name
    assert [hit.snippet[start:end] for start, end in hit.spans] == ["Şenocak"]


def test_a_name_is_folded_as_other_words_are(index: SearchIndex) -> None:
    found = {(hit.review_id, hit.kind, hit.comment_id) for hit in index.search("SENOCAK OZGU")}
    assert found == {("t1", "comment", "c2")}
    assert {hit.review_id for hit in index.search("binn*")} == {"t1"}
    assert {hit.review_id for hit in index.search("-binnur")} == {"t2", "t3"}


def test_the_reviews_own_author_matches_first(index: SearchIndex) -> None:
    hits = {hit.review_id: hit for hit in index.search("presidentcleveland")}
    assert (hits["t2"].kind, hits["t2"].comment_id) == ("author", None)
    assert (hits["t1"].kind, hits["t1"].comment_id) == ("comment", "c3")


def test_author_names_the_comment_and_lists_their_own_reviews_first(index: SearchIndex) -> None:
    hits = index.search("author:PresidentCleveland")
    assert [(hit.review_id, hit.kind, hit.comment_id) for hit in hits] == [
        ("t2", "review", None),
        ("t1", "comment", "c3"),
    ]
    assert hits[1].snippet == "PresidentCleveland: I know who Kaufmann is."
    assert hits[1].spans == ((0, len("PresidentCleveland")),)


def test_words_in_the_text_still_come_before_a_name(index: SearchIndex) -> None:
    [hit] = index.search("kaufmann")
    assert (hit.kind, hit.paragraph) == ("body", 0)


def test_a_name_that_is_only_a_facets_value_decodes_no_comment(index: SearchIndex) -> None:
    assert [hit.kind for hit in index.search("has:comments")] == ["review"]


def test_the_cli_finds_a_commenter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    Store(data).library.add([THREAD])
    assert main(["--data-dir", str(data), "search", "PresidentCleveland", "--json"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    found = json.loads(line)
    assert (found["kind"], found["comment_id"]) == ("comment", "c3")
    assert found["snippet"].startswith("PresidentCleveland: I know")


def test_review_text_reads_the_authors_the_models_have(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([THREAD])
    stored = store.library.text_at(0)
    assert stored is not None
    assert stored == ReviewText.of(THREAD)
    assert (stored.author, tuple(stored.commenters)) == (
        "Poster",
        ("someone", "Binnur Şenocak Özgü", "PresidentCleveland"),
    )


NAME = st.text(st.characters(categories=("Lu", "Ll", "Nd")), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAME)
def test_any_commenters_name_finds_their_comment(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    """Whatever the name (any script, case or accents), its folded word finds the comment it signs."""
    word = fast_fold(name)
    if not word.isalnum() or any(word in fast_fold(text) for text in ("x words", "a comment", "Tester")):
        return
    store = Store(tmp_path_factory.mktemp("lib") / "data")
    store.library.add(
        [Review("h", "x", "r/h", ("words",), author="Tester", comments=(Comment("k", "a comment", author=name),))]
    )
    typed = name.upper() if fast_fold(name.upper()) == word else name  # (`ı` upper is `I`: another word)
    hits = SearchIndex.open(store).search(typed)
    assert [(hit.kind, hit.comment_id) for hit in hits] == [("comment", "k")]
