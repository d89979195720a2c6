"""Export the library and the user's data as JSON (version 1) or Markdown.

Both stream review by review, so exporting 100k reviews never holds them all.
The JSON shape is a promise to scripts: keys may be added, none removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.text import plural
from tui_reader.core.importers.ownjson import EXPORT_VERSION
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts
from tui_reader.core.store.userdata_records import UserSnapshot

# What orjson leaves raw that a terminal acts on, that YAML reads as a line break, or that reorders
# the text around it: DEL, C1 controls (U+009B is CSI, U+0085 NEL), bidi controls, line and paragraph
# separators. C0 inside strings orjson escapes already; the newlines of indented output are JSON's own.
_UNSAFE_IN_JSON = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def json_text(value: Any, *, indent: bool = False) -> str:
    """`value` as JSON and a newline, with every character a terminal would act on written as a
    `\\uXXXX` escape (the same value to a JSON reader). Every `--json` output and every value of a
    Markdown front matter goes through here (a JSON scalar so escaped is a valid YAML one)."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + "\n"


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


@dataclass
class Exported:
    """What an export wrote, counted as its chunks are made, for the lines said once it is written.

    Why: a damaged shard's reviews were skipped without a word, and the count said was the
    library's, not the export's: "wrote 2 reviews" over `"reviews": []`. A backup that lacks
    something must say what, and the command exits 1 so that a script sees it too."""

    reviews: int = 0  # in the library, written with their text (or said missing)
    removed: int = 0  # reviews removed from the library whose notes, quotes or bookmarks were written
    missing: list[tuple[str, Path]] = field(default_factory=list)  # (review id, its shard): text not there

    def wrote_line(self, output: str) -> str:
        """`wrote 350 reviews to ex.md`, and what was kept aside of removed ones: the same count
        for either format (Markdown had counted a removed review's section as a review)."""
        line = f"wrote {plural(self.reviews, 'review')} to {output}"
        if self.removed:
            line += f", and what you made on {plural(self.removed, 'removed review')}"
        return line

    def missing_line(self) -> str | None:
        """One line naming the reviews exported without their text and where that text was."""
        if not self.missing:
            return None
        shards = sorted({shard for _, shard in self.missing})
        where = str(shards[0]) + (f" and {len(shards) - 1} other shards" if len(shards) > 1 else "")
        ids = ", ".join(review_id[:10] for review_id, _ in self.missing[:5])
        more = f" and {len(self.missing) - 5} more" if len(self.missing) > 5 else ""
        count = len(self.missing)
        return (
            f"{count} review{'s' * (count != 1)} ({ids}{more}) exported without {'their' if count != 1 else 'its'} "
            f"text, missing from {where}: your notes, quotes and bookmarks on them are in the export; "
            "re-import their source to restore the text"
        )


def json_chunks(store: Store, exported: Exported | None = None) -> Iterator[bytes]:
    """The JSON export as a stream of byte chunks (one per review); counted into `exported`."""
    exported = exported if exported is not None else Exported()
    user = store.user.snapshot()
    library = store.library
    imported: dict[str, Subject | None] = {}  # for reviews with a subject set by the user: the imported one
    yield b'{"version":' + str(EXPORT_VERSION).encode() + b',"reviews":['
    for position, review in library.iter_stored():
        if review is None:  # its notes are in `notes` below all the same: they live in the user's file
            exported.missing.append((library.cell("id", position), library.shard_of(position)))
            continue
        subject = user.subjects.get(review.id)
        if subject is not None:
            imported[review.id] = review.subject
        yield (b"," if exported.reviews else b"") + orjson.dumps(review_to_export(review, subject))
        exported.reviews += 1
    yield b"],"
    exported.removed = len(kept_aside_ids(store, user))
    personal = {
        "bookmarks": [b.to_doc() for b in user.bookmarks],
        "notes": [n.to_doc() for n in user.notes],
        "quotes": [q.to_doc() for q in user.quotes],
        "read": sorted(user.read),
        "subjects": [
            {"review_id": review_id, "subject": subject.to_doc(), "imported": _subject_doc(imported.get(review_id))}
            for review_id, subject in sorted(user.subjects.items())
        ],
        # Things named for every review of them (`subject set … --all`): their later reviews take the name.
        "things": [
            {"group": group, "subject": subject.to_doc()} for group, subject in sorted(store.user.thing_names().items())
        ],
        # The titles of removed reviews your kept-aside notes were on: `notes` and the Markdown export name them.
        "removed": [{"review_id": rid, "title": title} for rid, title in sorted(store.user.removed_titles().items())],
        "drafts": [draft.to_doc() for draft in Drafts(store.data_dir).all()],  # notes typed and not saved yet
        "sources": _sources(store),
    }
    yield orjson.dumps(personal)[1:] + b"\n"  # orjson's object body without its leading '{'


def _sources(store: Store) -> list[dict[str, Any]]:
    """The followed sources as the backup keeps them (`record.backed_up`); none when the file is unreadable
    (left as it is: the refresh and `sources` commands say why and move it aside)."""
    from tui_reader.core.sources.record import SourceBook, backed_up
    from tui_reader.core.store.atomic import StoreError

    book = SourceBook(store.data_dir)
    if not book.path.exists():
        return []
    try:
        return [backed_up(source) for source in book.load(repair=False)]
    except StoreError:
        return []


def _subject_doc(subject: Subject | None) -> dict[str, Any] | None:
    return subject.to_doc() if subject is not None else None


def kept_aside_ids(store: Store, user: UserSnapshot) -> list[str]:
    """The reviews removed from the library that the user bookmarked, noted or quoted: kept aside,
    in every export."""
    annotated = user.reviews_with_notes | user.reviews_with_quotes | user.reviews_with_bookmarks
    return [review_id for review_id in annotated if store.library.position(review_id) is None]
