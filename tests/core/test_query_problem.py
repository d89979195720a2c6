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
    assert "unknown filter" in (query_problem("colour:red") or "")


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
