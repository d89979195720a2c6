"""`title:`, `tag:` and `date:`: filters people type (they were words, and found nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.models import Review
from tui_reader.core.search import QueryError, SearchIndex, parse_query
from tui_reader.core.search.date_filter import day_number
from tui_reader.core.search.query import no_match_hint
from tui_reader.core.store import Store


def review(rid: str, title: str, date: str | None, tags: tuple[str, ...] = ()) -> Review:
    return Review(id=rid, title=title, source="test", paragraphs=(f"text {rid}",), date=date, tags=tags)


LIBRARY = [
    review("a", "The Dark Side of the Moon", "2019-12-31", ("Rewatch", "favourites")),
    review("b", "Side effects", "2020-01-01T00:30:00Z", ("rewatched",)),
    review("c", "Dark", "2020-03-14", ("Café night",)),
    review("d", "Moonlight", "2020-12-31"),
    review("e", "Undated", None, ("rewatch",)),
    review("f", "Year only", "2021"),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    store.library.add(LIBRARY)
    return store


def ids(store: Store, query: str) -> set[str]:
    return {hit.review_id for hit in SearchIndex.open(store).search(query, check_budget=None)}


def test_title_matches_words_of_the_title_only(store: Store) -> None:
    assert ids(store, "title:dark") == {"a", "c"}
    assert ids(store, 'title:"dark side"') == {"a"}
    assert ids(store, "title:moon") == {"a"}  # whole words: not Moonlight
    assert ids(store, "-title:dark title:side") == {"b"}
    assert ids(store, "title:text") == set()  # the body's words are not the title's


def test_tag_is_matched_whole_ignoring_case_and_accents(store: Store) -> None:
    assert ids(store, "tag:rewatch") == {"a", "e"}
    assert ids(store, "tag:REWATCHED") == {"b"}
    assert ids(store, 'tag:"cafe night"') == {"c"}
    assert ids(store, "-tag:rewatch") == {"b", "c", "d", "f"}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("date:2020", {"b", "c", "d"}),
        ("date:2020-03", {"c"}),
        ("date:2020-3-14", {"c"}),
        ("date:>2020", {"f"}),  # after the year 2020: 2021 on
        ("date:>=2020-12", {"d", "f"}),
        ("date:<2020", {"a"}),
        ("date:<=2020-01-01", {"a", "b"}),
        ("date:2019..2020", {"a", "b", "c", "d"}),
        ("date:2020..2019", {"a", "b", "c", "d"}),
        ("date:2021", {"f"}),
        ("date:2021-05", set()),  # a year alone is not said to be in May
        ("-date:2020", {"a", "e", "f"}),  # an undated review is not of 2020
    ],
)
def test_date_takes_a_year_month_or_day_and_comparisons(store: Store, query: str, found: set[str]) -> None:
    assert ids(store, query) == found


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("date:abc", "date:abc is not a date (e.g. date:2020"),
        ("date:2020-13", "months 1 to 12"),
        ("date:2020-02-32", "days 1 to 31"),
        ("date:>=2019..2020", "a range takes no comparison sign"),
        ("title:", "title: needs words"),
        ("tag:!!", "tag: needs words"),
    ],
)
def test_a_bad_value_is_one_line_saying_what_is_wanted(typed: str, said: str) -> None:
    with pytest.raises(QueryError, match=None) as raised:
        parse_query(typed)
    assert said in str(raised.value) and "\n" not in str(raised.value)


def test_the_new_filters_are_no_longer_hinted_as_words() -> None:
    assert no_match_hint("title:toy tag:x date:2020") == ""
    assert "genre: is no filter" in no_match_hint("genre:horror")


@given(
    st.integers(1001, 9998),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 28)),
)
def test_a_day_is_inside_its_month_and_year_and_no_other(year: int, month: int | None, day: int | None) -> None:
    """The numbers `date:` compares keep a day inside the spans of its month and year."""
    if day is not None and month is None:
        day = None
    stored = f"{year}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}T12:00:00Z" if day else "")
    number = day_number(stored)
    assert number is not None
    for typed, inside in ((f"{year}", True), (f"{year + 1}", False), (f"{year - 1}", False)):
        facet = parse_query(f"date:{typed}").facets[0]
        assert facet.accepts_rating(number) is inside
    if month:
        facet = parse_query(f"date:{year}-{month}").facets[0]
        assert facet.accepts_rating(number)
        assert not parse_query(f"date:<{year}-{month}").facets[0].accepts_rating(number)
        assert not parse_query(f"date:>{year}-{month}").facets[0].accepts_rating(number)
