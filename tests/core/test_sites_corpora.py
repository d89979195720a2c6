"""Every review-site file in the shared corpus imports with no options: counted independently here.

The counts come from the test's own reading of each raw file with the csv and json
modules (rows or records with review text), never from the importers' helpers.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers import parse_file
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

REVIEWS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "reviews"
LEFTOVERS = re.compile(r"<\s*/?\s*(?:i|b|br|blockquote|p|a|em|strong)\b|&#|&amp;|&quot;|&lt;|&gt;", re.IGNORECASE)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _json_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(re.sub(r"<[^>]*>|&nbsp;", "", value).strip())


def expected_count(path: Path) -> int:
    """Reviews with text in a raw file, by the file's own schema."""
    name = path.name
    if name.startswith("goodreads"):
        return sum(_has_text(row["My Review"]) for row in _csv_rows(path))
    if name.startswith("tripadvisor"):
        return sum(_has_text(row["content"]) for row in _csv_rows(path))
    if name.startswith("steam"):
        data = json.loads(path.read_text(encoding="utf-8"))
        reviews = data["reviews"]
        items = reviews.values() if isinstance(reviews, dict) else reviews
        return sum(_has_text(item.get("review")) for item in items)
    if name.startswith("amazon"):
        return sum(_has_text(row.get("reviewText", row.get("text"))) for row in _json_lines(path))
    if "yelp" in name and "review" in name:
        return sum(_has_text(row.get("text")) for row in _json_lines(path))
    if "yelp" in name and "business" in name:
        return 0
    raise AssertionError(f"no independent count for {name}")


def check_clean(review: Review) -> None:
    """What every imported site review must have: a named subject, and text with no markup left."""
    assert review.subject is not None and review.subject.name.strip(), review.id
    assert review.paragraphs and all(p.strip() for p in review.paragraphs)
    for text in (*review.paragraphs, review.title, review.subject.name, review.author or ""):
        assert not LEFTOVERS.search(text), (review.id, text[:200])
    if review.rating is not None:
        assert review.rating_max is not None and 0 <= review.rating <= review.rating_max


FILES = sorted(path for path in REVIEWS.glob("*") if path.is_file()) if REVIEWS.is_dir() else []


@pytest.mark.corpora
@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_each_file_imports_exactly_its_reviews(path: Path, corpora: Path) -> None:
    parsed = parse_file(path)
    assert len(parsed.reviews) == expected_count(path)
    assert len({review.id for review in parsed.reviews}) == len(parsed.reviews)
    for review in parsed.reviews:
        check_clean(review)


@pytest.mark.corpora
def test_site_specific_fields_of_the_real_files(corpora: Path) -> None:
    goodreads = parse_file(REVIEWS / "goodreads_library_export.csv")
    assert goodreads.format == "goodreads"
    rows = {row["Book Id"]: row for row in _csv_rows(REVIEWS / "goodreads_library_export.csv")}
    skipped = [s for s in goodreads.skipped if s.reason == "books without a written review"]
    assert [s.count for s in skipped] == [len(rows) - len(goodreads.reviews)]
    for review in goodreads.reviews:
        assert review.author is None and review.rating_max == 5 and review.subject and review.subject.kind == "book"
        row = next(r for r in rows.values() if stable_id("goodreads", r["Book Id"]) == review.id)
        assert review.title.split() == row["Title"].split()
        assert review.rating == (float(row["My Rating"]) or None)
        assert (review.subject.creator or "").split() == row["Author"].split()
        isbn, isbn10 = row["ISBN13"].strip('="'), row["ISBN"].strip('="')
        if isbn:
            assert review.subject.ref == f"isbn:{isbn}"
        elif isbn10:  # an ISBN-10 becomes its ISBN-13: 978, its first nine digits, a new check digit
            assert review.subject.ref and review.subject.ref.startswith(f"isbn:978{isbn10[:9]}")
        else:
            assert review.subject.ref == f"goodreads:{row['Book Id']}"
        assert review.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", review.date)

    steam = parse_file(REVIEWS / "steam-review_646570.json")
    assert steam.format == "steam"
    raw = json.loads((REVIEWS / "steam-review_646570.json").read_text(encoding="utf-8"))["reviews"]
    assert {r.subject.ref for r in steam.reviews if r.subject} == {"steam:646570"}
    assert sum(r.recommended is True for r in steam.reviews) == sum(item["voted_up"] for item in raw.values())
    assert all(r.rating is None and r.votes is not None and r.date and r.date.endswith("Z") for r in steam.reviews)
    bbcode = re.compile(r"\[/?(?:b|i|u|s|strike|spoiler|url|h\d|list|olist|quote|code|table)\]", re.IGNORECASE)
    assert not any(bbcode.search(p) for r in steam.reviews for p in r.paragraphs)  # `[/sarcasm]` is the writer's
    assert any("[strike]" in item["review"] for item in raw.values())  # this export strikes words out:
    assert any("~~" in p for r in steam.reviews for p in r.paragraphs)  # they stay struck out

    amazon = parse_file(REVIEWS / "amazon-Musical_Instruments_5.json")
    assert amazon.format == "amazon"
    assert all(
        r.rating_max == 5 and r.subject and r.subject.ref and r.subject.ref.startswith("asin:") for r in amazon.reviews
    )
    first = _json_lines(REVIEWS / "amazon-Musical_Instruments_5.json")[1]
    assert amazon.reviews[1].votes == first["helpful"][0]  # type: ignore[index]

    yelp = parse_file(REVIEWS / "yelp_academic_dataset_review.json")
    names = {row["business_id"]: row["name"] for row in _json_lines(REVIEWS / "yelp_academic_dataset_business.json")}
    reviews = _json_lines(REVIEWS / "yelp_academic_dataset_review.json")
    named = sum(1 for row in reviews if row["business_id"] in names)
    assert (
        named and sum(1 for r in yelp.reviews if r.subject and not r.subject.name.startswith("Yelp business")) == named
    )
    kinds = {r.subject.kind for r in yelp.reviews if r.subject and r.rating_max == 5}
    assert len(yelp.reviews) == sum(1 for r in yelp.reviews if r.subject and r.rating_max == 5)
    assert {"place", "restaurant"} <= kinds <= {"place", "hotel", "restaurant", "bar", "cafe"}  # by its categories
    business = parse_file(REVIEWS / "yelp_academic_dataset_business.json")
    assert not business.reviews and [s.reason for s in business.skipped] == [
        "Yelp businesses: used to name the reviewed places"
    ]

    hotels = parse_file(REVIEWS / "tripadvisor-hotels-All.csv")
    rows_t = _csv_rows(REVIEWS / "tripadvisor-hotels-All.csv")
    assert [r.subject.name if r.subject else None for r in hotels.reviews] == [row["hotelName"] for row in rows_t]
    assert [r.title for r in hotels.reviews] == [row["title"] for row in rows_t]
    assert all(r.rating is None and r.subject and r.subject.kind == "hotel" for r in hotels.reviews)


def _letterboxd_expected(folder: Path) -> dict[str, dict[str, str]]:
    return {row["Letterboxd URI"]: row for row in _csv_rows(folder / "reviews.csv") if _has_text(row["Review"])}


@pytest.mark.corpora
def test_letterboxd_folder_adds_exactly_reviews_csv(corpora: Path, tmp_path: Path) -> None:
    folder = REVIEWS / "letterboxd-export"
    expected = _letterboxd_expected(folder)
    assert len(expected) == 28
    store = Store(tmp_path / "data")
    report = import_paths(store, [folder])
    assert report.new == len(expected) and report.failed_files == 0
    reviews = [review for i in range(len(store.library)) if (review := store.library.get_at(i)) is not None]
    assert sorted(r.url or "" for r in reviews) == sorted(expected)
    username = _csv_rows(folder / "profile.csv")[0]["Username"]
    for review in reviews:
        row = expected[review.url or ""]
        check_clean(review)
        assert review.subject and review.subject.kind == "film" and review.subject.name == row["Name"]
        assert review.title == row["Name"] and review.author == username
        assert review.rating == (float(row["Rating"]) if row["Rating"] else None) and review.rating_max == 5
        assert review.date == (row["Watched Date"] or row["Date"])
        assert ("rewatch" in review.tags) == (row["Rewatch"] == "Yes")
    reasons = {s.reason for s in report.skipped}
    assert "Letterboxd diary: not reviews" in reasons and "Letterboxd profile: personal data, not reviews" in reasons
    assert any("deleted/" in r for r in reasons) and any("orphaned/" in r for r in reasons)
    # one line per skipped file, never one per row of the diary
    assert sum(1 for s in report.skipped if s.reason == "Letterboxd diary: not reviews") == 1


@pytest.mark.corpora
def test_letterboxd_zip_gives_the_same_reviews_and_ids(corpora: Path, tmp_path: Path) -> None:
    folder = REVIEWS / "letterboxd-export"
    archive = tmp_path / "letterboxd-user-2020-07-20.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                handle.write(path, path.relative_to(folder).as_posix())
    from_zip = parse_file(archive)
    from_folder = parse_file(folder / "reviews.csv")
    assert len(from_zip.reviews) == len(_letterboxd_expected(folder)) == 28
    assert [(r.id, r.subject, r.rating, r.author, r.paragraphs) for r in from_zip.reviews] == [
        (r.id, r.subject, r.rating, r.author, r.paragraphs) for r in from_folder.reviews
    ]
    assert any(s.reason == "Letterboxd diary: not reviews" for s in from_zip.skipped)
