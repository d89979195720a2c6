"""What the library writes for a review: its catalog row, its digest, and what a write reports.

Kept apart from `library.Library` so that the writer reads as the steps of a write.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tui_reader.core.content.models import Review
from tui_reader.core.store.library_read import TAG_SEPARATOR

Incoming = tuple[Review, dict[str, Any], str]  # a review to add, its shard document and its digest


class AddResult(NamedTuple):
    """What an import did to the library: reviews added, changed, and left as they were."""

    new: int
    updated: int
    unchanged: int
    updated_ids: frozenset[str] = frozenset()


class Removed(NamedTuple):
    """What `Library.remove` took out: ids, their positions and digests before, and the count before.

    The search index uses the positions and digests to shift its segments rather than re-index.
    """

    ids: tuple[str, ...] = ()
    positions: tuple[int, ...] = ()  # ascending, in the catalog as it was
    digests: tuple[str, ...] = ()  # the catalog digest at each of `positions`
    count_before: int = 0
    comments: int = 0
    titles: tuple[str, ...] = ()  # of each removed review, for the notes kept aside


def digest(review: Review) -> str:
    """Content fingerprint: an unchanged re-import writes nothing at all."""
    return doc_digest(review.to_doc())


def doc_digest(doc: dict[str, Any]) -> str:
    import hashlib  # here: only writes need it, and opening the library is on the start-up path

    import orjson  # as hashlib (`atomic.loads` says why)

    return hashlib.sha1(orjson.dumps(doc)).hexdigest()[:16]


def _whole_if_integral(value: float | None) -> float | int | None:
    """5.0 as 5: an int column is appended as bytes at each save, where a float column (JSON) is
    encoded whole every time, which made a 100k import a third slower."""
    return int(value) if value is not None and float(value).is_integer() and abs(value) < 2**62 else value


def check_id(review_id: str) -> None:
    if not review_id or not review_id.isprintable():
        raise ValueError(f"review id {review_id!r} is empty or unprintable (use ids.stable_id)")


def catalog_row(review: Review, seq: int, review_digest: str, shard_at: int | None = None) -> dict[str, Any]:
    """A review's catalog row, by column name: `shard_at` is known once its shard is written."""
    import orjson

    from tui_reader.core.content.excerpts import excerpt_of  # with the formatting: a reader (`search`) makes no rows

    return {
        "id": review.id,
        "title": review.title,
        "subtitle": review.subtitle,
        "author": review.author,
        "date": review.date,
        "rating": review.rating,
        "source": review.source,
        "comments": review.comment_count,
        "seq": seq,
        "digest": review_digest,
        "excerpt": excerpt_of(review.title, review.paragraphs, review.format),
        "subject": review.subject.label if review.subject else None,
        "subject_key": review.subject.key if review.subject else None,
        "kind": review.subject.kind if review.subject else None,
        "rating_max": _whole_if_integral(review.rating_max),
        "recommended": None if review.recommended is None else int(review.recommended),
        "votes": review.votes,
        "spoiler": int(review.spoiler),
        # Text columns (appended, never re-encoded whole): the subject as a JSON array, tags joined.
        "subject_doc": orjson.dumps(list(review.subject)).decode() if review.subject else None,
        "tags": TAG_SEPARATOR.join(review.tags) if review.tags else None,
        "shard_at": shard_at,
        "format": review.format,
        "voters": review.voters,
    }
