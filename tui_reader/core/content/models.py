"""Frozen models, converted to and from stored documents only at the storage edge.

Every model has `to_doc()` / `from_doc()`; nothing else in the project knows the
stored shape, so a schema change touches this file (or `user_records.py`, the user's own
anchors, bookmarks, notes and quotes). A review and its comments are frozen dataclasses;
the small records (list summaries, the user's records) are NamedTuples, as Textual's `Size`
and `Region` are: as immutable, and a tenth of the cost to define when the app starts (~1 ms
each for a dataclass).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any, NamedTuple

from tui_reader.core.content.text import fold


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment and its ordered replies: a thread is a tree of these.

    `score` is the source's own (Reddit's points); None where the source has none (HN, WordPress).
    `gone` says the site no longer shows it (`GONE_SAID`'s keys); its body is then the text fetched
    before (the user may have noted or quoted it), or empty for one deleted before it was fetched,
    kept for the replies under it.
    """

    id: str
    body: str
    author: str = ""
    parent: str | None = None
    date: str | None = None
    replies: tuple[Comment, ...] = ()
    score: int | None = None
    gone: str | None = None

    @property
    def gone_said(self) -> str:
        """`deleted on the site, kept here` (its text is the one fetched before), `deleted on the site`
        (no text was ever fetched), or '' for a comment the site still shows."""
        said = GONE_SAID.get(self.gone or "", "")
        return f"{said}, kept here" if said and self.body else said

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
        if self.score is not None:  # only when known: a library stored before scores reads the same
            doc["score"] = self.score
        if self.gone is not None:  # the same: a comment still on its site is stored as before
            doc["gone"] = self.gone
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
            score=score if isinstance(score := doc.get("score"), int) and not isinstance(score, bool) else None,
            gone=gone if isinstance(gone := doc.get("gone"), str) and gone in GONE_SAID else None,
        )


# Why a site no longer shows a comment: its writer deleted it, the site's moderators (or the
# blog's owner) removed it, or it is no longer listed at all (unapproved, spam, trash, moved).
GONE_SAID = {"deleted": "deleted on the site", "removed": "removed by the site", "gone": "no longer on the site"}


def walk_comments(comments: tuple[Comment, ...]) -> Iterator[tuple[int, Comment]]:
    """Every comment of a forest, depth-first, with its depth (0 = top level)."""
    for comment in comments:
        yield from comment.walk()


class Subject(NamedTuple):
    """What a review is a review *of*: a film, a book, a product, a game, a place, an app.

    `ref` is the source's stable id for the thing (`letterboxd:https://boxd.it/…`,
    `isbn:…`, `asin:…`, `steam:646570`, `yelp:…`); `creator` is a book's author or a
    film's director, never the reviewer.
    """

    name: str
    kind: str | None = None
    year: int | None = None
    creator: str | None = None
    ref: str | None = None

    @property
    def key(self) -> str:
        """What groups the reviews of one thing: its ref when the source has one, else kind,
        name (case and accents folded) and year, so `Her` and `her` of 2013 are one film."""
        if self.ref:
            return self.ref
        return f"{self.kind or ''}|{' '.join(fold(self.name).split())}|{self.year or ''}"

    @property
    def label(self) -> str:
        """`Name (year)`: how the subject is shown in a row or a header."""
        return f"{self.name} ({self.year})" if self.year else self.name

    def to_doc(self) -> dict[str, Any]:
        """As `from_doc` reads it back (empty is none): the store's digest of a review is of this."""
        kind, creator, ref = self.kind or None, self.creator or None, self.ref or None
        return {"name": self.name, "kind": kind, "year": self.year, "creator": creator, "ref": ref}

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any] | None) -> Subject | None:
        """None for a missing or nameless subject: a subject is nothing without its name."""
        if not isinstance(doc, Mapping) or not str(doc.get("name") or "").strip():
            return None
        year = doc.get("year")
        return cls(
            name=str(doc["name"]),
            kind=str(doc["kind"]) if doc.get("kind") else None,
            year=int(year) if isinstance(year, int | float) and not isinstance(year, bool) else None,
            creator=str(doc["creator"]) if doc.get("creator") else None,
            ref=str(doc["ref"]) if doc.get("ref") else None,
        )


def stars_of(rating: float | None, rating_max: float | None) -> float | None:
    """A rating on a 5-star scale (8/10 = 4 stars), or None when the scale is unknown.

    One function for every caller (search's `stars:`, the sort, the list row, the subjects
    view), so 4/5 on Letterboxd and 8/10 on IMDb always compare as equal."""
    if rating is None or not rating_max or rating_max <= 0:
        return None
    return round(rating / rating_max * 5, 4)


def _number(value: Any) -> float | None:
    """A rating as its document holds it (5 stays 5, not 5.0): a review read back writes the document
    the store's digest was of (a re-imported backup said every Letterboxd review was updated)."""
    return value if value is None or (isinstance(value, int | float) and not isinstance(value, bool)) else float(value)


@dataclass(frozen=True, slots=True)
class Review:
    """A review (or post, or thread head) with its comment forest.

    `rating` is on the source's own scale, `rating_max` says which (5, 10, 100…);
    `recommended` is a yes/no verdict (Steam); `votes` counts who found it helpful, `voters` who
    judged it at all (Amazon 2014's `[13, 14]`, IMDb's "13 out of 14"), None where the source counts
    only the helpful: 0 of 14 is a verdict, 0 with nobody voting is none. Funny or cool votes (Steam,
    Yelp) are neither: a joke is no reason to trust a review, so they are not kept.
    """

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
    subject: Subject | None = None
    rating_max: float | None = None
    recommended: bool | None = None
    votes: int | None = None
    spoiler: bool = False
    tags: tuple[str, ...] = ()
    voters: int | None = None

    @property
    def stars(self) -> float | None:
        return stars_of(self.rating, self.rating_max)

    @property
    def where(self) -> str:
        """Where a reader can find it: its URL, else its file's name, never the folders on this
        machine (a shared quote must not carry `/home/…`)."""
        return self.url or PurePath(self.source).name or self.source

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
            "subject": self.subject.to_doc() if self.subject else None,
            "rating_max": self.rating_max,
            "recommended": self.recommended,
            "votes": self.votes,
            "spoiler": self.spoiler,
            "tags": list(self.tags),
            # Only when known: a review stored before keeps its digest (a re-import says unchanged).
            **({"voters": self.voters} if self.voters is not None else {}),
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Review:
        rating, rating_max, votes = doc.get("rating"), doc.get("rating_max"), doc.get("votes")
        recommended = doc.get("recommended")
        return cls(
            id=str(doc["id"]),
            title=str(doc.get("title") or ""),
            source=str(doc.get("source") or ""),
            paragraphs=tuple(str(p) for p in doc.get("paragraphs", ())),
            subtitle=doc.get("subtitle"),
            author=doc.get("author"),
            date=doc.get("date"),
            rating=_number(rating),
            url=doc.get("url"),
            format=str(doc.get("format") or "text"),
            comments=tuple(Comment.from_doc(c) for c in doc.get("comments", ())),
            subject=Subject.from_doc(doc.get("subject")),
            rating_max=_number(rating_max),
            recommended=bool(recommended) if recommended is not None else None,
            votes=int(votes) if votes is not None else None,
            spoiler=bool(doc.get("spoiler", False)),
            tags=tuple(str(tag) for tag in tags) if isinstance(tags := doc.get("tags"), list | tuple) else (),
            voters=int(voters) if (voters := doc.get("voters")) is not None else None,
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
    subject: str | None = None  # the subject's label, `Name (year)`
    subject_key: str | None = None  # Subject.key: what groups the reviews of one thing
    kind: str | None = None
    rating_max: float | None = None
    recommended: bool | None = None
    votes: int | None = None
    spoiler: bool = False
    format: str | None = None  # None in a catalog written before it was kept (until a re-import)
    voters: int | None = None  # likewise: `13 helpful` until a re-import says `13 of 14`

    @property
    def stars(self) -> float | None:
        return stars_of(self.rating, self.rating_max)
