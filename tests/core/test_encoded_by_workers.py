"""What the parsing workers make of each review for the library (`catalog_rows.Encoded`): the library
stores exactly what it would have made itself, and uses it only for the review it was made from."""

from __future__ import annotations

from dataclasses import replace
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import orjson
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.pipeline.parse_pool import ParsedBatch, ParsedFile, _parse_batch
from tui_reader.core.store.catalog_rows import digest, encoded, with_seq
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import COLUMNS

from .test_store import make_review

texts = st.text(max_size=30)


@given(
    title=texts,
    paragraphs=st.lists(texts, max_size=3),
    author=st.none() | texts,
    rating=st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**40), 2**40),
    tags=st.lists(texts, max_size=2),
    voters=st.none() | st.integers(0, 10**6),
    seq=st.integers(0, 10**9),
)
def test_a_document_with_its_seq_is_what_dumping_it_with_its_seq_gives(
    title: str,
    paragraphs: list[str],
    author: str | None,
    rating: float | None,
    tags: list[str],
    voters: int | None,
    seq: int,
) -> None:
    review = Review("r", title, "/s", tuple(paragraphs), author=author, rating=rating, tags=tuple(tags), voters=voters)
    made = encoded(review)
    assert with_seq(made.doc_json, seq) == orjson.dumps({**review.to_doc(), "seq": seq})
    assert made.digest == digest(review)


def reviews(count: int) -> list[Review]:
    """Varied enough to fill every catalog column kind: authors, ratings, comments, subjects or none."""
    return [
        replace(
            make_review(n, comments=n % 3, text=f"Title {n}. The body of review {n}."),
            author="someone" if n % 2 else None,
            rating=n % 10 or None,
            subject=Subject("A film", "film", 1999) if n % 4 == 0 else None,
        )
        for n in range(count)
    ]


def stored(folder: Path) -> tuple[dict[str, list[object]], dict[str, bytes]]:
    library = Library(folder)
    columns = {name: library.column(name) for name in COLUMNS}
    return columns, {path.name: path.read_bytes() for path in sorted((folder / "shards").iterdir())}


def test_the_library_stores_the_same_with_what_the_workers_made(tmp_path: Path) -> None:
    """Two batches (the second appended to the tail), one way made here, one way by 'the workers'."""
    first, second = reviews(700), reviews(1500)[700:]
    plain, ready = Library(tmp_path / "plain"), Library(tmp_path / "ready")
    for batch in (first, second):
        plain.add(batch)
        ready.add(batch, {review.id: encoded(review) for review in batch})
    assert stored(tmp_path / "plain") == stored(tmp_path / "ready")


def test_what_was_made_of_another_review_object_is_not_used(tmp_path: Path) -> None:
    """A review replaced after parsing (its id kept from an earlier import, its thread merged)
    is stored as it is now, not as the worker saw it."""
    review = reviews(1)[0]
    now = replace(review, title="Changed", paragraphs=("New words here.",))
    library = Library(tmp_path)
    library.add([now], {review.id: encoded(review)})
    got = library.get(review.id)
    assert got is not None and got.title == "Changed" and got.paragraphs == ("New words here.",)
    assert library.summary(0).excerpt == "New words here."
    assert library.cell("digest", 0) == digest(now)


def test_a_batch_sent_back_holds_what_was_made_of_its_own_reviews(tmp_path: Path) -> None:
    """Pickled with the batch, each `Encoded` names the very review object that arrives with it
    (pickling keeps shared objects shared), so the library uses it."""
    for n in range(3):
        (tmp_path / f"{n}_7.txt").write_text(f"Headline {n}\n\nBody {n}.\n")
    batch = _parse_batch(sorted(tmp_path.iterdir()), None, None, None, False, True)
    arrived = ForkingPickler.loads(ForkingPickler.dumps(batch))
    assert isinstance(arrived, ParsedBatch) and all(isinstance(f, ParsedFile) for f in arrived.files)
    assert arrived.encoded is not None and len(arrived.encoded) == 3
    for review in arrived.reviews:
        assert arrived.encoded[review.id].review is review
        assert arrived.encoded[review.id] == encoded(review)
    plain = _parse_batch(sorted(tmp_path.iterdir()), None, None, None, False, False)
    assert plain.encoded is None
