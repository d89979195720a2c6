"""A JSON backup of an unchanged library re-imports as unchanged.

Importing the Letterboxd export, exporting JSON and importing it back said `0 new, 28 updated`:
Letterboxd's rating scale is a whole number (5), which the store read back as 5.0, so the review
no longer wrote the document it was stored as and the store's digest of it differed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_cli import run
from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.importers.ownjson import OwnJSONImporter
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.store import Store

REVIEWS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "reviews"  # read there, never copied
SITE_EXPORTS = sorted(REVIEWS.iterdir()) if REVIEWS.is_dir() else []


@pytest.mark.skipif(not SITE_EXPORTS, reason=f"no review-site exports in {REVIEWS}")
@pytest.mark.parametrize("export", SITE_EXPORTS, ids=lambda path: path.name)
def test_each_sites_export_backed_up_and_imported_again_is_unchanged(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, backup = str(tmp_path / "data"), str(tmp_path / "backup.json")
    code, out, _ = run(capsys, "--data-dir", data, "import", str(export))
    places_only = "business" in export.name  # Yelp's business file names places: no review of its own, exit 1
    assert code == (1 if places_only else 0) and "imported" in out, out
    assert run(capsys, "--data-dir", data, "export", "-o", backup)[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "import", backup)
    assert code == 0 and out.startswith("imported 0 new, 0 updated, "), out


NUMBERS = st.none() | st.integers(0, 100) | st.floats(0, 100, allow_nan=False, allow_infinity=False)
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=12)
REVIEWS_MADE = st.builds(
    Review,
    id=st.text("abcdef0123456789", min_size=4, max_size=12),
    title=TEXT,
    source=st.just("site.csv"),
    paragraphs=st.lists(TEXT.filter(str.strip), max_size=3).map(tuple),
    author=st.none() | TEXT,
    date=st.none() | st.just("2020-07-17"),
    rating=NUMBERS,
    rating_max=NUMBERS,
    recommended=st.none() | st.booleans(),
    votes=st.none() | st.integers(0, 10_000),
    voters=st.none() | st.integers(0, 10_000),
    spoiler=st.booleans(),
    tags=st.lists(TEXT.filter(str.strip), max_size=2).map(tuple),
    subject=st.none()
    | st.builds(
        Subject,
        name=st.just("Akira"),
        kind=st.none() | st.just("film"),
        year=st.none() | st.integers(1900, 2030),
        creator=st.none() | TEXT,
        ref=st.none() | st.just("letterboxd:https://boxd.it/2b1i"),
    ),
    comments=st.lists(
        st.builds(
            Comment,
            id=st.uuids().map(str),
            body=TEXT.filter(str.strip),
            author=TEXT,
            date=st.none() | st.just("2020-07-17"),
            score=st.none() | st.integers(-5, 99),
        ),
        max_size=2,
        unique_by=lambda comment: comment.id,
    ).map(tuple),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews=st.lists(REVIEWS_MADE, min_size=1, max_size=4, unique_by=lambda review: review.id))
def test_any_review_stored_backed_up_and_read_back_is_unchanged(reviews: list[Review]) -> None:
    with tempfile.TemporaryDirectory(prefix="fix-round-trip-") as folder:
        store = Store(Path(folder) / "data")
        store.library.add(reviews)
        backup = b"".join(json_chunks(store)).decode()
        parsed = OwnJSONImporter().parse(backup, Path(folder) / "backup.json")
        stored = {review.id: review for review in store.library.iter_reviews()}
        for review in parsed.reviews:
            assert orjson.dumps(review.to_doc()) == orjson.dumps(stored[review.id].to_doc())
        assert store.library.add(parsed.reviews).updated == 0
