"""Search and sort speak reviews: subject:, kind:, stars:, votes:, is:recommended, is:spoiler,
subject words and tags in the index, and the stars / votes / subject sorts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.search import QueryError, SearchIndex, parse_query, sorted_positions
from tui_reader.core.search import build as index_build
from tui_reader.core.store import Store

HER = Subject("Her", "film", 2013, "Spike Jonze")
MATRIX = Subject("The Matrix", "film", 1999, "The Wachowskis", "imdb:tt0133093")
CAFE = Subject("Café Lumière", "place", None, None, "yelp:cafe-lumiere")
GAME = Subject("Disco Elysium", "game", 2019, None, "steam:632470")


def review(rid: str, rating: float | None, rating_max: float | None, subject: Subject | None, **more: object) -> Review:
    return Review(
        id=rid,
        title=f"review {rid}",
        source="test",
        paragraphs=(f"text of {rid}",),
        rating=rating,
        rating_max=rating_max,
        subject=subject,
        **more,  # type: ignore[arg-type]
    )


LIBRARY = [
    # Letterboxd-like: 0.5..5 stars
    review("lb1", 4.0, 5, HER, date="2024-01-02"),
    review("lb2", 3.5, 5, HER, date="2023-05-01"),
    review("lb3", 5.0, 5, MATRIX, tags=("cyberpunk", "rewatch")),
    # IMDb-like: 1..10
    review("im1", 8.0, 10, MATRIX, votes=120, spoiler=True),
    review("im2", 7.0, 10, HER, votes=3),
    review("im3", 10.0, 10, None, votes=40),
    # Yelp-like: 1..5
    review("yp1", 4.0, 5, CAFE, votes=10),
    review("yp2", 2.0, 5, CAFE),
    # Steam-like: yes/no, no scale
    review("st1", None, None, GAME, recommended=True, votes=55),
    review("st2", None, None, GAME, recommended=False),
    # a rating without a scale: no stars
    review("xx1", 9.0, None, None),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    store.library.add(LIBRARY)
    return store


def ids(store: Store, query: str) -> set[str]:
    return {hit.review_id for hit in SearchIndex.open(store).search(query, check_budget=None)}


def test_stars_compare_every_scale_on_five(store: Store) -> None:
    expected = {r.id for r in LIBRARY if r.rating is not None and r.rating_max and r.rating / r.rating_max >= 0.8}
    assert ids(store, "stars:>=4") == expected == {"lb1", "lb3", "im1", "im3", "yp1"}  # >= 4/5, 8/10, 4/5
    assert ids(store, "stars:3..4") == {"lb1", "lb2", "im1", "im2", "yp1"}  # 7/10 = 3.5 stars
    assert ids(store, "stars:<3") == {"yp2"}
    assert ids(store, "-stars:>=4") == {"lb2", "im2", "yp2", "st1", "st2", "xx1"}


def test_rating_keeps_the_raw_value(store: Store) -> None:
    assert ids(store, "rating:>=8") == {"im1", "im3", "xx1"}


def test_subject_kind_votes_verdict_spoiler(store: Store) -> None:
    assert ids(store, "subject:her") == {"lb1", "lb2", "im2"}
    assert ids(store, 'subject:"the matrix"') == {"lb3", "im1"}
    assert ids(store, 'subject:"Her (2013)"') == {"lb1", "lb2", "im2"}
    assert ids(store, "subject:cafe") == {"yp1", "yp2"}  # accents folded
    assert ids(store, "subject:steam:632470") == {"st1", "st2"}  # an exact key
    assert ids(store, f"subject:{HER.key}") == {"lb1", "lb2", "im2"}
    assert ids(store, "subject:matr") == set()  # whole words, as author: does
    assert ids(store, "kind:film") == {"lb1", "lb2", "lb3", "im1", "im2"}
    assert ids(store, "kind:FILM -subject:her") == {"lb3", "im1"}
    assert ids(store, "votes:>=10") == {"im1", "im3", "yp1", "st1"}
    assert ids(store, "votes:3") == {"im2"}
    assert ids(store, "is:recommended") == {"st1"}
    assert ids(store, "is:not-recommended") == {"st2"}
    assert ids(store, "-is:recommended kind:game") == {"st2"}
    assert ids(store, "is:spoiler") == {"im1"}


@pytest.mark.parametrize("typed", ["movie", "movies", "films", "Film", "MOVIE"])
def test_a_kind_is_found_by_the_words_people_type_for_it(store: Store, typed: str) -> None:
    """`kind:movie` found nothing, silently: the importers call it a film."""
    assert ids(store, f"kind:{typed}") == ids(store, "kind:film") == {"lb1", "lb2", "lb3", "im1", "im2"}
    assert ids(store, "kind:games") == ids(store, "kind:game") != set()


def test_a_kind_the_user_named_is_found_by_its_group(store: Store) -> None:
    store.user.set_subject(["xx1"], Subject("Her", "movie", 2013))
    assert "xx1" in ids(store, "kind:film") and "xx1" in ids(store, "kind:movie")
    assert "xx1" not in ids(store, "kind:book")


def test_plain_words_find_subject_name_creator_and_tags(store: Store) -> None:
    assert ids(store, "jonze") == {"lb1", "lb2", "im2"}
    assert ids(store, "wachowskis") == {"lb3", "im1"}
    assert ids(store, "cyberpunk") == {"lb3"}
    assert ids(store, '"disco elysium"') == {"st1", "st2"}
    assert ids(store, "lumiere") == {"yp1", "yp2"}


def test_overrides_are_seen_by_facets_and_words(store: Store) -> None:
    index = SearchIndex.open(store)
    store.user.set_subject(["xx1"], Subject("Her", "film", 2013))
    store.user.set_subject(["im3"], Subject("Arrival", "film", 2016, "Denis Villeneuve"))
    found = {h.review_id for h in index.search("subject:her", check_budget=None)}
    assert found == {"lb1", "lb2", "im2", "xx1"}
    assert {h.review_id for h in index.search("kind:film", check_budget=None)} >= {"xx1", "im3"}
    assert {h.review_id for h in index.search("villeneuve", check_budget=None)} == {"im3"}
    store.user.set_subject(["xx1"], None)
    assert {h.review_id for h in index.search("subject:her", check_budget=None)} == {"lb1", "lb2", "im2"}


@pytest.mark.parametrize(
    "text",
    [
        "stars:lots",
        "stars:>=6",
        "stars:>=",
        "votes:many",
        "votes:1.5",
        "votes:>=-1",
        "subject:",
        'subject:""',
        "kind:",
        "kind:fi/lm",
        "is:recommendable",
        "stars:>=2..3",
    ],
)
def test_bad_facets_say_why_in_one_line(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 120


def test_facet_errors_name_the_facet() -> None:
    with pytest.raises(QueryError, match=r"stars:>=6: stars go from 0 to 5"):
        parse_query("stars:>=6")
    with pytest.raises(QueryError, match=r"is:recommendable is not known .*not-recommended"):
        parse_query("is:recommendable")
    with pytest.raises(QueryError, match=r"unknown filter kinds: \(did you mean kind:\?\)"):
        parse_query("kinds:film")


def test_sorts(store: Store) -> None:
    order = store.library.column("id")
    by_stars = [order[p] for p in sorted_positions(store, "stars")]
    assert by_stars[:3] == ["lb3", "im3", "lb1"]  # 5, 5, 4 stars: ties keep import order
    assert set(by_stars[-3:]) == {"st1", "st2", "xx1"}  # unknown scale last
    by_votes = [order[p] for p in sorted_positions(store.library, "votes")]
    assert by_votes[:5] == ["im1", "st1", "im3", "yp1", "im2"]
    by_subject = [order[p] for p in sorted_positions(store, "subject")]
    assert by_subject[:5] == ["yp1", "yp2", "st1", "st2", "lb2"]  # Café, Disco, then Her oldest first
    assert by_subject[5:8] == ["lb1", "im2", "lb3"]
    assert set(by_subject[-2:]) == {"im3", "xx1"}  # no subject last
    store.user.set_subject(["xx1"], Subject("Arrival", "film", 2016))
    assert order[sorted_positions(store, "subject")[0]] == "xx1"


def test_old_indexes_rebuild_once(store: Store) -> None:
    SearchIndex.open(store)
    folder = store.library.folder / "index"
    manifest = (folder / index_build.MANIFEST).read_text().replace(f'"schema":{index_build.SCHEMA}', '"schema":3')
    (folder / index_build.MANIFEST).write_text(manifest)
    assert SearchIndex(store, folder).is_stale()
    assert ids(store, "jonze") == {"lb1", "lb2", "im2"}
    assert not SearchIndex(store, folder).is_stale()


def test_a_whole_name_finds_those_subjects_alone(tmp_path: Path) -> None:
    """A tester's `subject:"Her"` listed *How Mirka Got Her Sword* too (8 hits, not 7)."""
    store = Store(tmp_path / "whole")
    mirka = Subject("How Mirka Got Her Sword", "book", 2010, ref="isbn:9780810984226")
    hamlet_48, hamlet_96 = Subject("Hamlet", "film", 1948), Subject("Hamlet", "film", 1996)
    goes = Subject("Hamlet Goes Business", "film", 1987)
    store.library.add(
        [
            review("h1", 4.0, 5, HER),
            review("h2", 8.0, 10, Subject("Her", "film", 2013, ref="imdb:tt1798709")),
            review("m1", 4.0, 5, mirka),
            review("a1", 4.0, 5, hamlet_48),
            review("a2", 4.0, 5, hamlet_96),
            review("a3", 4.0, 5, goes),
        ]
    )
    assert ids(store, 'subject:"Her"') == {"h1", "h2"}
    assert ids(store, "subject:HER") == {"h1", "h2"}
    assert ids(store, 'subject:"her (2013)"') == {"h1", "h2"}
    assert ids(store, "subject:mirka") == {"m1"}  # no subject is named so: words of names, as before
    assert ids(store, "subject:hamlet") == {"a1", "a2"}
    assert ids(store, 'subject:"hamlet goes"') == {"a3"}
    assert ids(store, "subject:tt1798709") == {"h2"}  # a ref's id alone
    assert ids(store, "-subject:her") == {"m1", "a1", "a2", "a3"}


def test_a_bare_number_is_no_ref_id(tmp_path: Path) -> None:
    """`subject:1991` listed TripAdvisor's hotel `hotelid:1991`: a number is a year or words of a
    name; the hotel is found by its ref as written (`subject:hotelid:1991`)."""
    store = Store(tmp_path / "numbers")
    store.library.add(
        [
            review("t1", 4.0, 5, Subject("Hotel des Patients", "hotel", None, ref="hotelid:1991")),
            review("f1", 4.0, 5, Subject("Terminator 2", "film", 1991)),
            review("g1", 4.0, 5, GAME),
        ]
    )
    assert ids(store, "subject:1991") == {"f1"}
    assert ids(store, "subject:hotelid:1991") == {"t1"}
    assert ids(store, "subject:steam:632470") == {"g1"}
