"""Yelp Open Dataset: `yelp_academic_dataset_review.json` (JSON Lines), places named from its business file.

A review is review_id, user_id, business_id, stars, useful, funny, cool, text, date (the older
rounds, 2013-2014, nest the votes: `"votes": {"useful": 5, "funny": 0, "cool": 2}`).
The reviewed place is named from the business file beside it (`*business*.json`:
business_id, name, city, state, categories), read once per folder; a business it
does not list is `Yelp business <id>`. The dataset's other files are not reviews and
are skipped whole: businesses (used to name places), users (personal data), tips,
check-ins and photos.

Yelp's API (Fusion, `/v3/businesses/{id}/reviews`): `{"reviews": [{id, url, text, rating,
time_created, user: {name}}], "total", "possible_languages"}`, or the list alone. It gives each
review's first 160 characters only (said on import), its time as Yelp shows it (Pacific, kept so),
and names the business only in the review's address (`/biz/eazylife-restaurant-the-bronx`): the
place is named from those words, and its page is that address without the API's tracking.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.importers.base import Parsed, Skipped
from tui_reader.core.importers.common import title_from
from tui_reader.core.importers.jsonutil import as_dict, as_list, json_records_in
from tui_reader.core.importers.place_kinds import PLACE, yelp_place_kind
from tui_reader.core.importers.sites import (
    FolderSiblings,
    Siblings,
    date_of,
    first_record,
    float_of,
    int_of,
    keys_of,
    line_of,
    loose_records,
    paragraphs_of,
    parsed_reviews,
    sibling_table,
    skipped_file,
)

_REVIEW = frozenset(("review_id", "business_id", "text"))
_API_REVIEW = frozenset(("id", "text", "rating", "time_created"))
API_EXCERPT_NOTE = "Yelp's API gives each review's first 160 characters only"


def _other(keys: frozenset[str]) -> str | None:
    """Why a Yelp dataset file that is not reviews is skipped, from its keys; None when it is not Yelp."""
    if "review_id" in keys:
        return None
    if {"business_id", "name"} <= keys and keys & {"city", "categories", "review_count", "stars"}:
        return "Yelp businesses: used to name the reviewed places"
    if "user_id" in keys and keys & {"yelping_since", "elite", "friends"}:
        return "Yelp users: personal data, not reviews"
    if {"business_id", "user_id", "text"} <= keys and keys & {"compliment_count", "likes"}:  # `likes`: 2013's
        return "Yelp tips: not reviews"
    if "photo_id" in keys and "business_id" in keys:
        return "Yelp photos: not reviews"
    if keys == {"business_id", "date"} or {"business_id", "checkin_info"} <= keys:
        return "Yelp check-ins: not reviews"
    return None


def _businesses(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for record in loose_records(text):
        business = line_of(record.get("business_id"))
        name = line_of(record.get("name"))
        if business and name:
            place = ", ".join(part for part in (line_of(record.get("city")), line_of(record.get("state"))) if part)
            out[business] = (name, place, yelp_place_kind(record.get("categories")))
    return out


def businesses(siblings: Siblings) -> dict[str, Any]:
    """business_id -> (name, "city, state", kind) from every `*business*.json(l)` file beside the reviews."""
    merged: dict[str, Any] = {}
    for name in siblings.names():
        lower = name.lower()
        if "business" in lower and lower.endswith((".json", ".jsonl")):
            merged.update(sibling_table(siblings, name, "yelp businesses", _businesses))
    return merged


class YelpImporter:
    name = "yelp"
    reads_whole = True

    def sniff(self, text: str, path: Path) -> bool:
        first = first_record(text)
        keys = keys_of(first)
        return (keys >= _REVIEW and bool(keys & {"stars", "useful"})) or _other(keys) is not None or _api(first)

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_in(text, path, FolderSiblings(path.parent), str(path.resolve()))

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed:
        first = first_record(text)
        other = _other(keys_of(first))
        if other is not None:
            return skipped_file(path, self.name, other)
        if _api(first):
            return self._api_reviews(text, path, source)
        found = json_records_in(text, path, "Yelp")
        places = businesses(siblings)
        return parsed_reviews(
            path,
            "Yelp",
            self.name,
            found.records,
            lambda record: self._review(as_dict(record), places, source),
            found.bad,
            found.cut,
        )

    def _api_reviews(self, text: str, path: Path, source: str) -> Parsed:
        found = json_records_in(text, path, "Yelp")
        records = [
            review
            for record in found.records
            for review in (as_list(as_dict(record).get("reviews")) if "reviews" in as_dict(record) else [record])
        ]
        parsed = parsed_reviews(
            path, "Yelp", self.name, records, lambda record: _api_review(as_dict(record), source), found.bad, found.cut
        )
        if parsed.reviews:
            parsed.skipped.append(Skipped(str(path), API_EXCERPT_NOTE, 0))
        return parsed

    def _review(self, record: Mapping[str, Any], places: Mapping[str, Any], source: str) -> Review | None:
        paragraphs = paragraphs_of(record.get("text"))
        review_id = line_of(record.get("review_id"))
        if not paragraphs or not review_id:
            return None
        business = line_of(record.get("business_id"))
        name, place, kind = places.get(business) or (f"Yelp business {business}", "", PLACE)
        place_ref = f"yelp:{business}" if business else None
        return _review_of(
            review_id,
            paragraphs,
            Subject(name=name, kind=kind, ref=place_ref),
            record.get("stars"),
            source,
            subtitle=place or None,
            author=line_of(record.get("user_id")) or None,
            date=date_of(record.get("date")),
            votes=_useful(record),
        )


def _review_of(
    review_id: str, paragraphs: tuple[str, ...], place: Subject, stars: Any, source: str, **fields: Any
) -> Review:
    """A Yelp review, from the dataset or the API alike: its id, title, stars out of 5 and place."""
    rating = float_of(stars)
    return Review(
        id=stable_id("yelp", review_id),
        title=title_from("\n".join(paragraphs), place.name),
        source=source,
        paragraphs=paragraphs,
        rating=rating if rating is not None and 0 <= rating <= 5 else None,
        rating_max=5,
        format="yelp",
        subject=place,
        **fields,
    )


def _useful(record: Mapping[str, Any]) -> int | None:
    """How many found the review useful: `useful`, or in the dataset's older rounds (2013-2014)
    `votes.useful`. Not `funny` or `cool`: no verdict on trust (`Review.voters`)."""
    votes = as_dict(record.get("votes"))
    return int_of(record["useful"] if "useful" in record else votes.get("useful"))


def _api(first: Mapping[str, Any] | None) -> bool:
    """The API's response (`{"reviews": [...]}`) or its list of reviews alone."""
    if first is None:
        return False
    reviews = as_list(first.get("reviews"))
    record = as_dict(reviews[0]) if reviews else first
    return keys_of(record) >= _API_REVIEW and isinstance(record.get("user"), dict | None)


def _api_review(record: Mapping[str, Any], source: str) -> Review | None:
    paragraphs = paragraphs_of(record.get("text"))
    review_id = line_of(record.get("id"))
    if not paragraphs or not review_id:
        return None
    page, alias = _untracked(line_of(record.get("url")))
    name = " ".join(word.capitalize() for word in alias.split("-")) if alias else "a Yelp business"
    return _review_of(
        review_id,
        paragraphs,
        Subject(name=name, kind=PLACE, ref=f"yelp:{alias}" if alias else None),
        record.get("rating"),
        source,
        author=line_of(as_dict(record.get("user")).get("name")) or None,
        date=date_of(record.get("time_created")),
        url=page,
    )


def _untracked(url: str) -> tuple[str | None, str]:
    """The review's page without the API's tracking (`utm_*`, `adjust_creative`; `hrid` names the
    review and stays), and the business's alias in it (`/biz/ALIAS`, '' when none)."""
    if not url.startswith(("https://", "http://")):
        return None, ""
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_") and k != "adjust_creative"]
    path = parts.path.split("/")
    alias = path[2] if len(path) > 2 and path[1] == "biz" else ""
    return urlunsplit(parts._replace(query=urlencode(kept))), alias
