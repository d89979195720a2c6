"""The rating sort is on five stars, as the list shows ratings: 6/10 (3 stars) comes below 4.5/5."""

from __future__ import annotations

import orjson

from tui_reader.core.content.models import Review
from tui_reader.core.search.sort import SORT_KEYS, SORTS, next_sort, sorted_positions
from tui_reader.core.store import Store


def rated(rid: str, rating: float | None, most: float | None) -> Review:
    return Review(rid, f"Hamlet by {rid}", f"x/{rid}", ("text",), rating=rating, rating_max=most)


def order(store: Store, key: str) -> list[str]:
    ids = store.library.column("id")
    return [ids[p] for p in sorted_positions(store, key)]


def test_ratings_on_different_scales_sort_as_their_stars(store: Store) -> None:
    """A tester's Hamlet (1948): bob's `★★★☆☆ 6/10` was listed above brendan's `★★★★½` (4.5/5)."""
    store.library.add([rated("anna", 2.5, 5), rated("bob", 6.0, 10), rated("brendan", 4.5, 5)])
    assert order(store, "rating") == ["brendan", "bob", "anna"]


def test_a_rating_on_no_known_scale_comes_after_the_stars_then_the_unrated(store: Store) -> None:
    store.library.add(
        [rated("none", None, None), rated("nine", 9.0, None), rated("one", 1.0, 5), rated("two", 2.0, None)]
    )
    assert order(store, "rating") == ["one", "nine", "two", "none"]


def test_one_rating_sort_whose_label_says_it_is_on_stars() -> None:
    assert "stars" not in SORT_KEYS  # merged: two sorts of the same ratings in two orders
    assert dict(SORTS)["rating"] == "stars, highest first"  # as the list shows ratings
    assert next_sort("stars") == next_sort("rating")  # a remembered "stars" goes on from "rating"


def test_an_order_kept_by_an_older_version_is_not_reused(store: Store) -> None:
    """`sorts/rating.bin` kept the source's own numbers: reused for the same catalog, the new sort
    would have kept the old order until the next import."""
    store.library.add([rated("anna", 2.5, 5), rated("bob", 6.0, 10), rated("brendan", 4.5, 5)])
    sorted_positions(store.library, "rating")
    kept = store.library.folder / "sorts" / "rating.bin"
    head = kept.read_bytes().partition(b"\n")[0]
    header = orjson.loads(head)
    del header["values"]
    old_order = (1).to_bytes(4, "little") + (2).to_bytes(4, "little") + (0).to_bytes(4, "little")  # bob, brendan, anna
    kept.write_bytes(orjson.dumps(header | {"byteorder": "little"}) + b"\n" + old_order)
    assert order(Store(store.data_dir), "rating") == ["brendan", "bob", "anna"]
