"""`query_problem`: the one check the CLI search and the app's list filter share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.search.query import QueryError, parse_query, query_problem


def test_unknown_filters_and_bad_values_are_problems() -> None:
    assert (
        query_problem("is:foo")
        == "is:foo is not known (use is: with bookmarked, not-recommended, read, recommended, spoiler, unread)"
    )
    assert "rating:abc is not a rating" in (query_problem("rating:abc") or "")
    assert "unknown filter autor: (did you mean author:?" in (query_problem("autor:jonze") or "")


def test_a_word_with_a_colon_is_words_unless_it_looks_like_a_misspelled_filter() -> None:
    """`Re:Zero`, a time or a pasted link were refused as "unknown filter"."""
    for text, words in (
        ("Re:Zero", ("re", "zero")),
        ("https://boxd.it", ("https", "boxd", "it")),
        ("colour:red", ("colour", "red")),
    ):
        query = parse_query(text)
        assert query.facets == () and query.terms[0].tokens == words
    for text in ("his: best", "Ratings: 5", "kinda: weird", "his:best"):  # words a line may hold
        assert parse_query(text).facets == (), text
    for typo, meant in (("rateing:5", "rating"), ("star:4", "stars"), ("auth:x", "author")):
        assert f"did you mean {meant}:?" in (query_problem(typo) or "")


def test_queries_and_words_being_typed_are_not() -> None:
    for text in ("rain", 'rain "operating sys', "-sequel is:unread", "stars:>=4 subject:her", "", "rai"):
        assert query_problem(text) is None


@given(st.text(max_size=80))
def test_a_problem_is_exactly_what_the_parser_refuses(text: str) -> None:
    try:
        parse_query(text)
        refused = None
    except QueryError as error:
        refused = str(error)
    assert query_problem(text) == refused
    assert refused is None or "\n" not in refused
