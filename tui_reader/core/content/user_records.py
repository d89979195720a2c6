"""The user's own records (anchors, bookmarks, notes, quotes), apart from the imported reviews.

Small NamedTuples with `to_doc()` / `from_doc()`, as `models.py`'s are: nothing else knows
their stored shape. They change with the user, never with an import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class Anchor(NamedTuple):
    """Where a note or quote belongs.

    `paragraph` and `offset` locate it in the review body; `comment_id` in the thread;
    `quoted` is the text it was made on, so a re-import that moves text can re-find
    it, and one that removes it marks the anchor detached rather than dropping it;
    `paragraph_text` the whole paragraph's words, so one detached can come back with them.
    """

    review_id: str
    comment_id: str | None = None
    paragraph: int | None = None
    offset: int | None = None
    quoted: str | None = None
    paragraph_text: str | None = None

    def place(self) -> str:
        """`¶2`, `comment` or `review`: where the note or quote is, as `A` and `notes` say it."""
        if self.comment_id is not None:
            return "comment"
        return "review" if self.paragraph is None else f"¶{self.paragraph + 1}"

    def to_doc(self) -> dict[str, Any]:
        return {name: value for name, value in self._asdict().items() if value is not None or name != "paragraph_text"}

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Anchor:
        return cls(str(doc["review_id"]), *(doc.get(name) for name in cls._fields[1:]))


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


class QuoteAbout(NamedTuple):
    """What a quote says of where it comes from, recorded when it is copied so it outlives a
    re-import or the review's removal: who wrote the passage (the comment's author for a
    comment), the review's title and subject, where in it (`paragraph 2`, `comment t1_x`) and
    the passage's date. Older quotes have none of it: every field may be empty."""

    author: str = ""
    title: str = ""
    subject: str = ""
    location: str = ""
    date: str = ""


class Quote(NamedTuple):
    """A passage the user copied, kept with its anchor and attribution; `detached` as a note's is
    (its passage gone from the review since: kept, shown apart, attached again if it comes back)."""

    id: str
    anchor: Anchor
    text: str
    created: str
    attribution: str = ""
    destinations: tuple[str, ...] = ()
    about: QuoteAbout = QuoteAbout()
    detached: bool = False

    @property
    def key(self) -> tuple[str, str | None, int | None, str]:
        """Review, comment or paragraph, and text: copying the same passage twice keeps one quote."""
        anchor = self.anchor
        return (anchor.review_id, anchor.comment_id, anchor.paragraph, " ".join(self.text.split()))

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "anchor": self.anchor.to_doc(),
            "text": self.text,
            "created": self.created,
            "attribution": self.attribution,
            "destinations": list(self.destinations),
            **self.about._asdict(),
            "detached": self.detached,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Quote:
        about = QuoteAbout(*(str(doc.get(name) or "") for name in QuoteAbout._fields))
        return cls(
            id=str(doc["id"]),
            anchor=Anchor.from_doc(doc["anchor"]),
            text=str(doc.get("text", "")),
            created=str(doc.get("created", "")),
            attribution=str(doc.get("attribution", "")),
            destinations=tuple(doc.get("destinations", ())),
            about=about,
            detached=bool(doc.get("detached", False)),  # older files have none: attached
        )
