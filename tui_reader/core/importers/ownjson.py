"""Our own JSON export (version 1), read back: reviews with their original ids,
threads, bookmarks, notes, quotes, read marks, the followed sources and the drafts.

The export is a promise to scripts, so a file edited by hand must fail with a
clear line, never half-import: every document is checked for the shape the
models expect before anything is built. `body` and `comment_count` are derived
fields of the export and are ignored here.

A backup must always restore, so what an older tui-reader let in is repaired rather
than refused: a text holding a control character (C0 but tab and newline, DEL, C1) is
cleaned with `repair()` as every importer cleans what it reads (no ESC or other control
character comes back from a file; bidi marks stay, as from every importer, and
`visible()` drops them at display), and a thread nested deeper than MAX_DEPTH goes
through the shared thread builder, which caps it as for every format. Any other text is
read exactly as it was written, never repaired a second time: what the importers stored
(a WordPress post's no-break spaces, text not in NFC) is what the library holds, so
export -> import -> export is byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tui_reader.core.content.anchor_shape import ANCHOR_FIELDS as ANCHOR_SHAPE
from tui_reader.core.content.anchor_shape import thing_fault
from tui_reader.core.content.models import GONE_SAID, Comment, Review, Subject
from tui_reader.core.content.text import repair
from tui_reader.core.content.user_records import Bookmark, Note, Quote
from tui_reader.core.importers.base import InputError, Parsed, Personal
from tui_reader.core.importers.jsonutil import load_json
from tui_reader.core.importers.threads import Record, build_threads

# The export format this reader knows; `personal.export` writes it (an importer never loads the store).
EXPORT_VERSION = 1

_HEAD = re.compile(r'^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"reviews"\s*:')
_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")  # what `repair()` exists to take out
_OPTIONAL_STR = (str, type(None))
_OPTIONAL_INT = (int, type(None))
T = TypeVar("T")

REVIEW_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "title": _OPTIONAL_STR,
    "subtitle": _OPTIONAL_STR,
    "author": _OPTIONAL_STR,
    "date": _OPTIONAL_STR,
    "rating": (int, float, type(None)),
    "url": _OPTIONAL_STR,
    "source": _OPTIONAL_STR,
    "format": _OPTIONAL_STR,
    "paragraphs": (list,),
    "comments": (list,),
    "subject": (dict, type(None)),
    "rating_max": (int, float, type(None)),
    "votes": _OPTIONAL_INT,
    "voters": _OPTIONAL_INT,
    "tags": (list,),
}
FLAG_FIELDS = {"recommended": (bool, type(None)), "spoiler": (bool,)}  # _check refuses bools elsewhere
SUBJECT_FIELDS = {
    "name": (str,),
    "kind": _OPTIONAL_STR,
    "year": _OPTIONAL_INT,
    "creator": _OPTIONAL_STR,
    "ref": _OPTIONAL_STR,
}
COMMENT_FIELDS = {
    "id": (str,),
    "body": (str,),
    "author": _OPTIONAL_STR,
    "parent": _OPTIONAL_STR,
    "date": _OPTIONAL_STR,
    "score": _OPTIONAL_INT,
    "gone": _OPTIONAL_STR,  # one of `GONE_SAID`'s keys: anything else reads as a comment still there
}
ANCHOR_FIELDS = {name: types for name, types, _ in ANCHOR_SHAPE}  # the user file's and the drafts' own
BOOKMARK_FIELDS = {"id": (str,), "review_id": (str,), "comment_id": _OPTIONAL_STR, "created": _OPTIONAL_STR}
NOTE_FIELDS = {"id": (str,), "anchor": (dict,), "text": (str,), "created": _OPTIONAL_STR, "updated": _OPTIONAL_STR}
QUOTE_FIELDS = {
    "id": (str,),
    "anchor": (dict,),
    "text": (str,),
    "created": _OPTIONAL_STR,
    "attribution": _OPTIONAL_STR,
    "destinations": (list,),
}

DRAFT_FIELDS = {"anchor": (dict,), "text": (str,), "target": _OPTIONAL_STR, "kept": _OPTIONAL_STR}


class _Invalid(ValueError):
    pass


def _as_written(text: str) -> str:
    """Text of the export as it was written; `repair()`ed only when it holds a control character.

    Repairing every text again turned the no-break spaces of WordPress posts (`&nbsp;`, kept by
    the HTML reader) into spaces: a backup read back was not the library it was made from."""
    return text if _CONTROL.search(text) is None else repair(text)


def _check(doc: Any, fields: Mapping[str, tuple[type, ...]], where: str, required: tuple[str, ...] = ("id",)) -> None:
    if not isinstance(doc, dict):
        raise _Invalid(f"{where} is not an object")
    for name in required:
        if name not in doc:
            raise _Invalid(f"{where} has no {name!r}")
    for name, types in fields.items():
        value = doc.get(name)
        if name in doc and (not isinstance(value, types) or isinstance(value, bool)):
            raise _Invalid(f"{where}.{name} has the wrong type ({type(value).__name__})")
    for name in ("id", "review_id"):
        value = doc.get(name)
        if isinstance(value, str) and (not value or not value.isprintable()):
            raise _Invalid(f"{where}.{name} is empty or unprintable")


def _check_subject(doc: Any, where: str) -> None:
    _check(doc, SUBJECT_FIELDS, where, ("name",))
    if not doc["name"].strip():
        raise _Invalid(f"{where}.name is empty")


def _check_review(doc: Any, where: str) -> None:
    _check(doc, REVIEW_FIELDS, where)
    for name, types in FLAG_FIELDS.items():
        if name in doc and not isinstance(doc[name], types):
            raise _Invalid(f"{where}.{name} has the wrong type ({type(doc[name]).__name__})")
    if doc.get("subject") is not None:
        _check_subject(doc["subject"], f"{where}.subject")
    if not all(isinstance(tag, str) for tag in doc.get("tags", ())):
        raise _Invalid(f"{where}.tags is not a list of text")
    for index, paragraph in enumerate(doc.get("paragraphs", ())):
        if not isinstance(paragraph, str):
            raise _Invalid(f"{where}.paragraphs[{index}] is not text")
    stack = [(comment, f"{where}.comments[{i}]") for i, comment in enumerate(doc.get("comments", ()))]
    while stack:
        comment, at = stack.pop()
        _check(comment, COMMENT_FIELDS, at, ("id", "body"))
        replies = comment.get("replies", [])
        if not isinstance(replies, list):
            raise _Invalid(f"{at}.replies is not a list")
        stack += [(reply, f"{at}.replies[{i}]") for i, reply in enumerate(replies)]


def _clean(doc: dict[str, Any], fields: Mapping[str, tuple[type, ...]]) -> dict[str, Any]:
    """The document with its text fields read back (`_as_written`); ids kept as they are (checked printable).

    A null field is left out, so the model's default applies (a null `created` was read as "None").
    """
    cleaned = dict(doc)
    for name in fields:
        value = doc.get(name)
        if value is None:
            cleaned.pop(name, None)
        elif isinstance(value, str) and name not in ("id", "review_id", "comment_id"):
            cleaned[name] = _as_written(value)
    if isinstance(doc.get("anchor"), dict):
        cleaned["anchor"] = _clean(doc["anchor"], ANCHOR_FIELDS)
    if isinstance(doc.get("destinations"), list):
        cleaned["destinations"] = [_as_written(item) for item in doc["destinations"]]
    return cleaned


def _comments(review_id: str, docs: list[dict[str, Any]]) -> tuple[Comment, ...]:
    """A checked comment forest, read without recursion and capped in depth by the shared builder.

    Each comment keeps its id; its parent is the comment it is nested in (or, nested
    too deep, the reply it is moved under), so a clean thread reads back as it was.
    """
    if not docs:
        return ()
    records: list[Record] = []
    stack: list[tuple[dict[str, Any], str | None]] = [(doc, None) for doc in reversed(docs)]
    while stack:
        doc, parent = stack.pop()
        native_id = str(len(records))  # the position: ids are not promised unique in a hand-edited file
        records.append(
            Record(
                native_id=native_id,
                parent=parent,
                body=_as_written(doc["body"]),
                author=_as_written(doc.get("author") or ""),
                date=_as_written(doc["date"]) if doc.get("date") is not None else None,
                id=doc["id"],
                score=doc.get("score"),  # checked an int above
                gone=gone if (gone := doc.get("gone")) in GONE_SAID else None,  # checked text above
            )
        )
        stack += [(reply, native_id) for reply in reversed(doc.get("replies", ()))]
    return build_threads(review_id, records).comments


def _review(doc: dict[str, Any]) -> Review:
    review = Review.from_doc({**_clean(doc, REVIEW_FIELDS), "comments": []})
    paragraphs = tuple(_as_written(paragraph) for paragraph in review.paragraphs)
    return replace(
        review,
        paragraphs=paragraphs,
        comments=_comments(review.id, doc.get("comments", [])),
        subject=review.subject and _subject_as_written(review.subject),
        tags=tuple(_as_written(tag) for tag in review.tags),
    )


def _subject_as_written(subject: Subject) -> Subject:
    """A subject's text read back like every other field (the ref too: it is shown)."""
    name, kind, year, creator, ref = subject
    return Subject(
        _as_written(name),
        _as_written(kind) if kind else kind,
        year,
        _as_written(creator) if creator else creator,
        _as_written(ref) if ref else ref,
    )


def _records(
    data: dict[str, Any],
    key: str,
    fields: Mapping[str, tuple[type, ...]],
    required: tuple[str, ...],
    build: Callable[[dict[str, Any]], T],
) -> list[T]:
    docs = data.get(key, [])
    if not isinstance(docs, list):
        raise _Invalid(f"{key} is not a list")
    built = []
    for index, doc in enumerate(docs):
        _check(doc, fields, f"{key}[{index}]", required)
        if not all(isinstance(item, str) for item in doc.get("destinations", ())):
            raise _Invalid(f"{key}[{index}].destinations is not a list of text")
        if "anchor" in fields:
            _check(doc["anchor"], ANCHOR_FIELDS, f"{key}[{index}].anchor", ("review_id",))
        built.append(build(_clean(doc, fields)))
    return built


def _removed(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The titles of removed reviews that held notes (exports before them have none)."""
    docs = data.get("removed", [])
    if not isinstance(docs, list):
        raise _Invalid("removed is not a list")
    found = []
    for index, doc in enumerate(docs):
        review_id, title = (doc.get("review_id"), doc.get("title")) if isinstance(doc, dict) else (None, None)
        if not isinstance(review_id, str) or not review_id.isprintable() or not review_id or not isinstance(title, str):
            raise _Invalid(f"removed[{index}] is not a review id and a title")
        found.append((review_id, _as_written(title)))
    return found


def _subjects(data: dict[str, Any]) -> list[tuple[str, Subject, Subject | None]]:
    """The subjects the user set: (review id, their subject, the imported one)."""
    docs = data.get("subjects", [])
    if not isinstance(docs, list):
        raise _Invalid("subjects is not a list")
    found = []
    for index, doc in enumerate(docs):
        where = f"subjects[{index}]"
        _check(
            doc,
            {"review_id": (str,), "subject": (dict,), "imported": (dict, type(None))},
            where,
            ("review_id", "subject"),
        )
        _check_subject(doc["subject"], f"{where}.subject")
        if doc.get("imported") is not None:
            _check_subject(doc["imported"], f"{where}.imported")
        subject = Subject.from_doc(doc["subject"])
        assert subject is not None  # checked: it has a name
        imported = Subject.from_doc(doc.get("imported"))
        found.append((doc["review_id"], _subject_as_written(subject), imported and _subject_as_written(imported)))
    return found


def _sources(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The followed sources (exports before them have none): objects, each read by `sources.record`,
    which leaves out what does not fit, as it does in `sources.json`."""
    docs = data.get("sources", [])
    if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
        raise _Invalid("sources is not a list of objects")
    return docs


class OwnJSONImporter:
    """tui-reader's JSON export, version 1."""

    name = "tui-reader"

    def sniff(self, head: str, path: Path) -> bool:
        return _HEAD.match(head) is not None

    def parse(self, text: str, path: Path) -> Parsed:
        data = load_json(text, path, "tui-reader export")
        if not isinstance(data, dict) or not isinstance(data.get("reviews"), list):
            raise InputError(path, "not a tui-reader export (no reviews list)")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise InputError(path, f"not a tui-reader export (version {version!r})")
        if version > EXPORT_VERSION:
            raise InputError(path, f"written by a newer tui-reader (export version {version}); please upgrade")
        try:
            for index, doc in enumerate(data["reviews"]):
                _check_review(doc, f"reviews[{index}]")
            read = data.get("read", [])
            if not isinstance(read, list) or not all(isinstance(r, str) and r for r in read):
                raise _Invalid("read is not a list of review ids")
            personal = Personal(
                bookmarks=_records(data, "bookmarks", BOOKMARK_FIELDS, ("id", "review_id"), Bookmark.from_doc),
                notes=_records(data, "notes", NOTE_FIELDS, ("id", "anchor"), Note.from_doc),
                quotes=_records(data, "quotes", QUOTE_FIELDS, ("id", "anchor"), Quote.from_doc),
                read=list(read),
            )
            subjects = _subjects(data)
            personal.removed = _removed(data)
            personal.sources = _sources(data)
            personal.drafts = _records(data, "drafts", DRAFT_FIELDS, ("anchor", "text"), dict)  # exports before: none
            personal.things = _things(data)
        except _Invalid as error:
            raise InputError(path, f"not a valid tui-reader export: {error}") from None
        reviews = [_review(doc) for doc in data["reviews"]]
        if subjects:
            personal.subjects = [(review_id, subject) for review_id, subject, _ in subjects]
            imported = {review_id: before for review_id, _, before in subjects}
            reviews = [
                replace(review, subject=imported[review.id]) if review.id in imported else review for review in reviews
            ]
        return Parsed(path=str(path), format=self.name, reviews=reviews, personal=personal)


def _things(data: dict[str, Any]) -> list[tuple[str, Subject]]:
    """The things named for all their reviews: (subject group, name); checked as the user file's `things`
    are (`thing_fault`). Exports before them have none."""
    docs = data.get("things", [])
    if not isinstance(docs, list):
        raise _Invalid("things is not a list")
    found = []
    for index, doc in enumerate(docs):
        if fault := thing_fault(doc):
            raise _Invalid(f"things[{index}]: {fault}")
        subject = Subject.from_doc(doc["subject"])
        assert subject is not None  # checked: it has a name
        found.append((_as_written(doc["group"]), _subject_as_written(subject)))
    return found
