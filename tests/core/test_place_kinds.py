"""Kinds people type: `kind:hotel`, `kind:restaurant` find the places their source says are so,
and `kind:place` still finds every place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.place_kinds import yelp_place_kind
from tui_reader.core.search import SearchIndex
from tui_reader.core.search.query import kind_names
from tui_reader.core.store import Store


@pytest.mark.parametrize(
    ("categories", "kind"),
    [
        ("Restaurants, Mexican", "restaurant"),
        ("Nightlife, Bars, Restaurants, American (New)", "restaurant"),  # a restaurant with a bar
        ("Hotels & Travel, Hotels, Restaurants", "hotel"),  # a hotel with a restaurant
        ("Hotels & Travel, Car Rental", "place"),  # travel, not a hotel
        ("Pubs, Nightlife", "bar"),
        ("Coffee & Tea, Food", "cafe"),
        ("Shipping Centers, Notaries", "place"),
        (None, "place"),
        (12, "place"),
    ],
)
def test_yelp_categories_say_the_kind_of_place(categories: object, kind: str) -> None:
    assert yelp_place_kind(categories) == kind


def test_imported_places_have_their_kind(tmp_path: Path) -> None:
    business = {"business_id": "b1", "name": "Tacos", "city": "Tucson", "categories": "Mexican, Restaurants"}
    (tmp_path / "yelp_academic_dataset_business.json").write_text(json.dumps(business) + "\n")
    reviews = [
        {"review_id": "r1", "business_id": "b1", "stars": 4, "useful": 1, "text": "Great tacos."},
        {"review_id": "r2", "business_id": "b2", "stars": 2, "useful": 0, "text": "Not listed."},
    ]
    path = tmp_path / "yelp_academic_dataset_review.json"
    path.write_text("".join(json.dumps(review) + "\n" for review in reviews))
    tacos, unknown = parse_file(path).reviews
    assert tacos.subject == ("Tacos", "restaurant", None, None, "yelp:b1")
    assert unknown.subject == ("Yelp business b2", "place", None, None, "yelp:b2")
    hotels = tmp_path / "All.csv"
    hotels.write_text("hotelName,hotelId,title,content\nHotel A,11,Great,Clean and quiet.\n")
    (hotel,) = parse_file(hotels).reviews
    assert hotel.subject == ("Hotel A", "hotel", None, None, "hotelid:11")


def test_kind_words_find_the_kinds_within_a_place(store: Store) -> None:
    """`kind:hotel` found none of TripAdvisor's 179 hotels, all `place`; `kind:restaurant` none of Yelp's."""
    kinds = {"h": "hotel", "r": "restaurant", "b": "bar", "p": "place", "f": "film"}
    store.library.add(
        [Review(rid, f"review {rid}", f"x/{rid}", ("text",), subject=Subject(f"S{rid}", k)) for rid, k in kinds.items()]
    )
    index = SearchIndex.open(store)

    def found(query: str) -> set[str]:
        return {hit.review_id for hit in index.search(query, check_budget=None)}

    assert found("kind:hotel") == found("kind:hotels") == {"h"}
    assert found("kind:restaurants") == {"r"}
    assert found("kind:pub") == {"b"}
    assert found("kind:place") == found("kind:places") == {"h", "r", "b", "p"}
    assert found("-kind:place") == {"f"}
    assert "hotel" not in kind_names("film")
