"""What the library writes for a review: its catalog row, its digest, and what a write reports.

Kept apart from `library.Library` so that the writer reads as the steps of a write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.store.library_read import TAG_SEPARATOR

if TYPE_CHECKING:  # rows are made by writers only: a reader (`search`) imports no models
    from tui_reader.core.content.models import Review


class Encoded(NamedTuple):
    """What the library writes of a review, made from the review alone: its shard document as JSON
    (without its seq), that JSON's digest and the list's excerpt.

    Why: these were ~0.5 s of the main process's CPU in IMDB's 25k-file import, where the main
    process is the bottleneck; the parsing workers make them now (`parse_pool`), and the library
    uses them for the very review object they were made from (`Library.add`).
    """

    review: Review
    doc_json: bytes
    digest: str
    excerpt: str | None


def encoded(review: Review) -> Encoded:
    import orjson  # here, as in every writer: a reader (`search`) imports neither (`atomic.loads` says why)

    from tui_reader.core.content.excerpts import excerpt_of

    doc_json = orjson.dumps(review.to_doc())
    excerpt = excerpt_of(review.title, review.paragraphs, review.format, review.spoiler)
    return Encoded(review, doc_json, _digest_of(doc_json), excerpt)


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
    import orjson

    return _digest_of(orjson.dumps(review.to_doc()))


def _digest_of(doc_json: bytes) -> str:
    import hashlib  # here: only writes need it, and opening the library is on the start-up path

    return hashlib.sha1(doc_json).hexdigest()[:16]


def with_seq(doc_json: bytes, seq: int) -> bytes:
    """The shard document: `doc_json` with its seq last, as `orjson.dumps({**doc, "seq": seq})`
    writes it (a review's document never holds a seq of its own)."""
    return b'%s,"seq":%d}' % (doc_json[:-1], seq)


def _whole_if_integral(value: float | None) -> float | int | None:
    """5.0 as 5: an int column is appended as bytes at each save, where a float column (JSON) is
    encoded whole every time, which made a 100k import a third slower."""
    return int(value) if value is not None and float(value).is_integer() and abs(value) < 2**62 else value


def check_id(review_id: str) -> None:
    if not review_id or not review_id.isprintable():
        raise ValueError(f"review id {review_id!r} is empty or unprintable (use ids.stable_id)")


def catalog_row(
    review: Review, seq: int, review_digest: str, shard_at: int | None = None, excerpt: str | None = None
) -> dict[str, Any]:
    """A review's catalog row, by column name: `shard_at` is known once its shard is written;
    `excerpt` when made already (`Encoded`), else made here. (Each import inside the branch that
    needs it, the subject read once: ~9 us a row -> ~6.5; an import makes one a review.)"""
    if excerpt is None:
        from tui_reader.core.content.excerpts import excerpt_of  # formatting: a reader (`search`) makes no rows

        excerpt = excerpt_of(review.title, review.paragraphs, review.format, review.spoiler)
    subject = review.subject
    label: str | None = None
    key: str | None = None
    kind: str | None = None
    subject_doc: str | None = None
    if subject is not None:
        import orjson

        label, key, kind, subject_doc = subject.label, subject.key, subject.kind, orjson.dumps(list(subject)).decode()
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
        "excerpt": excerpt,
        "subject": label,
        "subject_key": key,
        "kind": kind,
        "rating_max": _whole_if_integral(review.rating_max),
        "recommended": None if review.recommended is None else int(review.recommended),
        "votes": review.votes,
        "spoiler": int(review.spoiler),
        # Text columns (appended, never re-encoded whole): the subject as a JSON array, tags joined.
        "subject_doc": subject_doc,
        "tags": TAG_SEPARATOR.join(review.tags) if review.tags else None,
        "shard_at": shard_at,
        "format": review.format,
        "voters": review.voters,
    }
