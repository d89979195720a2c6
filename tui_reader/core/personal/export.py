"""Export the library and the user's data as JSON (version 1) or Markdown.

Both stream review by review, so exporting 100k reviews never holds them all.
The JSON shape is a promise to scripts: keys may be added, none removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, NamedTuple

import orjson

from tui_reader.core.content.models import Comment, Review, Subject, walk_comments
from tui_reader.core.importers.ownjson import EXPORT_VERSION
from tui_reader.core.store import Store, UserSnapshot


def review_to_export(review: Review, subject: Subject | None = None) -> dict[str, Any]:
    """The exported form of a review: stored fields plus `body` (paragraphs, one blank line apart).

    `subject`, when given, is the one the user set: the export shows the effective subject
    (and lists what the import said under `subjects`, so importing the export restores both)."""
    doc = review.to_doc()
    if subject is not None:
        doc["subject"] = subject.to_doc()
    doc["body"] = review.body
    doc["comment_count"] = review.comment_count
    return doc


def json_chunks(store: Store) -> Iterator[bytes]:
    """The JSON export as a stream of byte chunks (one per review)."""
    user = store.user.snapshot()
    imported: dict[str, Subject | None] = {}  # for reviews with a subject set by the user: the imported one
    yield b'{"version":' + str(EXPORT_VERSION).encode() + b',"reviews":['
    for index, review in enumerate(store.library.iter_reviews()):
        subject = user.subjects.get(review.id)
        if subject is not None:
            imported[review.id] = review.subject
        yield (b"," if index else b"") + orjson.dumps(review_to_export(review, subject))
    yield b"],"
    personal = {
        "bookmarks": [b.to_doc() for b in user.bookmarks],
        "notes": [n.to_doc() for n in user.notes],
        "quotes": [q.to_doc() for q in user.quotes],
        "read": sorted(user.read),
        "subjects": [
            {"review_id": review_id, "subject": subject.to_doc(), "imported": _subject_doc(imported.get(review_id))}
            for review_id, subject in sorted(user.subjects.items())
        ],
    }
    yield orjson.dumps(personal)[1:] + b"\n"  # orjson's object body without its leading '{'


def _subject_doc(subject: Subject | None) -> dict[str, Any] | None:
    return subject.to_doc() if subject is not None else None


def markdown_chunks(store: Store, *, notes_only: bool = False) -> Iterator[str]:
    """Markdown: per review, front matter, then quotes and notes in document order, then the text."""
    user = store.user.snapshot()
    annotated = user.reviews_with_notes | user.reviews_with_quotes
    bookmarked = Bookmarked(user.bookmarked_reviews, user.bookmarked_comments)
    for review in store.library.iter_reviews():
        if notes_only and review.id not in annotated:
            continue
        subject = user.subjects.get(review.id)
        if subject is not None:
            review = replace(review, subject=subject)
        yield _review_markdown(review, user, bookmarked, include_text=not notes_only)


class Bookmarked(NamedTuple):
    """The user's bookmarks, read once for the whole export."""

    reviews: frozenset[str]
    comments: frozenset[str]


def _yaml_value(value: Any) -> str:
    return orjson.dumps(value).decode()  # JSON strings are valid YAML scalars, safely quoted


def _review_markdown(review: Review, user: UserSnapshot, bookmarked: Bookmarked, *, include_text: bool) -> str:
    lines = ["---", f"id: {review.id}", f"title: {_yaml_value(review.title)}"]
    if review.subject is not None:
        lines.append(f"subject: {_yaml_value(review.subject.label)}")
        for key in ("kind", "year", "creator", "ref"):
            value = getattr(review.subject, key)
            if value is not None:
                lines.append(f"{'subject_' + key if key in ('year', 'ref') else key}: {_yaml_value(value)}")
    for key in ("subtitle", "author", "date", "rating", "rating_max", "recommended", "votes", "url", "source"):
        value = getattr(review, key)
        if value is not None:
            lines.append(f"{key}: {_yaml_value(value)}")
    if review.tags:
        lines.append(f"tags: {_yaml_value(list(review.tags))}")
    if review.id in bookmarked.reviews:
        lines.append("bookmarked: true")
    lines += ["---", "", f"# {review.title}", ""]
    if review.subtitle:
        lines += [f"*{review.subtitle}*", ""]
    lines += _highlights(review, user)
    if include_text:
        for paragraph in review.paragraphs:
            lines += [paragraph, ""]
        if review.comments:
            lines += ["## Comments", ""]
            lines += [
                _comment_line(depth, comment, comment.id in bookmarked.comments)
                for depth, comment in walk_comments(review.comments)
            ]
            lines.append("")
    return "\n".join(lines) + "\n"


def _comment_line(depth: int, comment: Comment, bookmarked: bool) -> str:
    author = ("★ " if bookmarked else "") + (f"**{comment.author}**: " if comment.author else "")
    body = comment.body.replace("\n\n", " ¶ ").replace("\n", " ")
    return f"{'  ' * depth}- {author}{body}"


def _highlights(review: Review, user: UserSnapshot) -> list[str]:
    """Quotes and notes in document order (paragraph, then comment order), each quote with its note."""
    comment_order = {c.id: i for i, (_, c) in enumerate(walk_comments(review.comments))}

    def place(anchor: Any) -> tuple[int, int, int]:
        if anchor.comment_id is not None:
            return (1, comment_order.get(anchor.comment_id, 1 << 30), anchor.offset or 0)
        return (0, anchor.paragraph if anchor.paragraph is not None else -1, anchor.offset or 0)

    items: list[tuple[tuple[int, int, int], str]] = []
    for quote in user.quotes:
        if quote.anchor.review_id == review.id:
            items.append((place(quote.anchor), "\n".join(f"> {line}" for line in quote.text.splitlines()) + "\n"))
    for note in user.notes:
        if note.anchor.review_id == review.id:
            label = "Note (detached)" if note.detached else "Note"
            quoted = f"> {note.anchor.quoted}\n\n" if note.anchor.quoted else ""
            items.append((place(note.anchor), f"{quoted}**{label}:** {note.text}\n"))
    if not items:
        return []
    items.sort(key=lambda item: item[0])
    return ["## Highlights and notes", ""] + [text for _, text in items]
