"""Frozen models, converted to and from stored documents only at the storage edge.

Every model has `to_doc()` / `from_doc()`; nothing else in the project knows the
stored shape, so a schema change touches one file. A review and its comments are
frozen dataclasses; the small records (list summaries, anchors, bookmarks, notes,
quotes) are NamedTuples, as Textual's `Size` and `Region` are: as immutable, and
a tenth of the cost to define when the app starts (~1 ms each for a dataclass).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment and its ordered replies: a thread is a tree of these."""

    id: str
    body: str
    author: str = ""
    parent: str | None = None
    date: str | None = None
    replies: tuple[Comment, ...] = ()

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Comment]]:
        """Depth-first (depth, comment) pairs, in reading order."""
        yield depth, self
        for reply in self.replies:
            yield from reply.walk(depth + 1)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"id": self.id, "author": self.author, "body": self.body}
        if self.parent is not None:
            doc["parent"] = self.parent
        if self.date is not None:
            doc["date"] = self.date
        doc["replies"] = [reply.to_doc() for reply in self.replies]
        return doc

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Comment:
        return cls(
            id=str(doc["id"]),
            body=str(doc.get("body", "")),
            author=str(doc.get("author") or ""),
            parent=doc.get("parent"),
            date=doc.get("date"),
            replies=tuple(cls.from_doc(reply) for reply in doc.get("replies", ())),
        )


def walk_comments(comments: tuple[Comment, ...]) -> Iterator[tuple[int, Comment]]:
    """Every comment of a forest, depth-first, with its depth (0 = top level)."""
    for comment in comments:
        yield from comment.walk()


@dataclass(frozen=True, slots=True)
class Review:
    """A review (or post, or thread head) with its comment forest."""

    id: str
    title: str
    source: str
    paragraphs: tuple[str, ...]
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    rating: float | None = None
    url: str | None = None
    format: str = "text"
    comments: tuple[Comment, ...] = ()

    @property
    def body(self) -> str:
        """Paragraphs joined by one blank line: the export's and search's view of the text."""
        return "\n\n".join(self.paragraphs)

    @property
    def comment_count(self) -> int:
        return sum(1 for _ in walk_comments(self.comments))

    def with_id(self, review_id: str) -> Review:
        return replace(self, id=review_id)

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "author": self.author,
            "date": self.date,
            "rating": self.rating,
            "url": self.url,
            "source": self.source,
            "format": self.format,
            "paragraphs": list(self.paragraphs),
            "comments": [comment.to_doc() for comment in self.comments],
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Review:
        rating = doc.get("rating")
        return cls(
            id=str(doc["id"]),
            title=str(doc.get("title") or ""),
            source=str(doc.get("source") or ""),
            paragraphs=tuple(str(p) for p in doc.get("paragraphs", ())),
            subtitle=doc.get("subtitle"),
            author=doc.get("author"),
            date=doc.get("date"),
            rating=float(rating) if rating is not None else None,
            url=doc.get("url"),
            format=str(doc.get("format") or "text"),
            comments=tuple(Comment.from_doc(c) for c in doc.get("comments", ())),
        )


class Summary(NamedTuple):
    """What the review list needs of a review, and nothing more (bodies load on demand)."""

    id: str
    title: str
    subtitle: str | None
    author: str | None
    date: str | None
    rating: float | None
    source: str
    comment_count: int
    excerpt: str | None = None  # the body's first words, for a list row with no author or date


EXCERPT_CHARS = 160


def excerpt_of(title: str, paragraphs: tuple[str, ...]) -> str | None:
    """The body's first words, whitespace collapsed, at most EXCERPT_CHARS; not the title again
    when the title is the body's first sentence (plain-text files)."""
    title = " ".join(title.split())
    for paragraph in paragraphs:
        words = " ".join(paragraph[: EXCERPT_CHARS * 2 + len(title)].split())
        if title and words.startswith(title):
            words = words[len(title) :].lstrip()
        if words:
            return words[:EXCERPT_CHARS]
    return None


class Anchor(NamedTuple):
    """Where a note or quote belongs.

    `paragraph` and `offset` locate it in the review body; `comment_id` in the thread;
    `quoted` is the text it was made on, so a re-import that moves text can re-find
    it, and one that removes it marks the anchor detached rather than dropping it.
    """

    review_id: str
    comment_id: str | None = None
    paragraph: int | None = None
    offset: int | None = None
    quoted: str | None = None

    def to_doc(self) -> dict[str, Any]:
        return self._asdict()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Anchor:
        return cls(
            review_id=str(doc["review_id"]),
            comment_id=doc.get("comment_id"),
            paragraph=doc.get("paragraph"),
            offset=doc.get("offset"),
            quoted=doc.get("quoted"),
        )


class Bookmark(NamedTuple):
    """A bookmark on a review, or on one comment of it."""

    id: str
    review_id: str
    created: str
    comment_id: str | None = None

    def to_doc(self) -> dict[str, Any]:
        return self._asdict()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Bookmark:
        return cls(
            id=str(doc["id"]),
            review_id=str(doc["review_id"]),
            comment_id=doc.get("comment_id"),
            created=str(doc.get("created", "")),
        )


class Note(NamedTuple):
    """A personal note anchored to a review, paragraph, comment or quoted passage."""

    id: str
    anchor: Anchor
    text: str
    created: str
    updated: str
    detached: bool = False

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "anchor": self.anchor.to_doc(),
            "text": self.text,
            "created": self.created,
            "updated": self.updated,
            "detached": self.detached,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Note:
        return cls(
            id=str(doc["id"]),
            anchor=Anchor.from_doc(doc["anchor"]),
            text=str(doc.get("text", "")),
            created=str(doc.get("created", "")),
            updated=str(doc.get("updated", doc.get("created", ""))),
            detached=bool(doc.get("detached", False)),
        )


class Quote(NamedTuple):
    """A passage the user copied, kept with its anchor and attribution."""

    id: str
    anchor: Anchor
    text: str
    created: str
    attribution: str = ""
    destinations: tuple[str, ...] = ()

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "anchor": self.anchor.to_doc(),
            "text": self.text,
            "created": self.created,
            "attribution": self.attribution,
            "destinations": list(self.destinations),
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Quote:
        return cls(
            id=str(doc["id"]),
            anchor=Anchor.from_doc(doc["anchor"]),
            text=str(doc.get("text", "")),
            created=str(doc.get("created", "")),
            attribution=str(doc.get("attribution", "")),
            destinations=tuple(doc.get("destinations", ())),
        )
