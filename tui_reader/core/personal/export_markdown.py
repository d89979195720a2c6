"""The Markdown export: highlights with their notes, in the layout note tools import.

One document for the whole library (a single YAML front matter at its top, one `#` section per
review), or one document per review with its own front matter, as Obsidian, Readwise and
Logseq import them. Each highlight is a block quote, every line of it starting with `>`, its
credit (who, where in the review, when) last, and the notes made on it directly under it;
highlights follow the review's reading order (paragraphs, then the thread). Streams review by
review, so exporting 100k reviews never holds them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, NamedTuple

from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.content.pages import site_of
from tui_reader.core.content.text import fold, without_controls
from tui_reader.core.personal.export import Exported, json_text, kept_aside_ids
from tui_reader.core.personal.export_highlights import highlights, inline
from tui_reader.core.personal.quoting import cited_source
from tui_reader.core.store import Store, UserSnapshot

FILE_NAME_CHARS = 60
FILE_NAME_BYTES = 180  # of the title's part: with the id's and a number, under 255


class Bookmarked(NamedTuple):
    """The user's bookmarks, read once for the whole export: the reviews, and each review's comments."""

    reviews: frozenset[str]
    comments: dict[str, frozenset[str]]

    @classmethod
    def of(cls, user: UserSnapshot) -> Bookmarked:
        comments: dict[str, set[str]] = {}
        for bookmark in user.bookmarks:
            if bookmark.comment_id is not None:
                comments.setdefault(bookmark.review_id, set()).add(bookmark.comment_id)
        return cls(user.bookmarked_reviews, {review: frozenset(ids) for review, ids in comments.items()})

    def on(self, review_id: str) -> frozenset[str]:
        return self.comments.get(review_id, frozenset())


class ReviewDocument(NamedTuple):
    """One review's Markdown: its front matter fields and its body (no front matter)."""

    review_id: str
    title: str
    fields: list[tuple[str, Any]]
    body: str

    @classmethod
    def of(cls, review_id: str, title: str, fields: list[tuple[str, Any]], body: str) -> ReviewDocument:
        """The body without control characters: a note or a text stored before imports and notes
        dropped them (an ESC sequence) would reach the terminal of whoever `cat`s the file."""
        return cls(review_id, title, fields, without_controls(body))


def review_documents(
    store: Store, *, notes_only: bool = False, exported: Exported | None = None
) -> Iterator[ReviewDocument]:
    """Each review as Markdown, in library order; with `notes_only`, only the annotated ones and
    without their text. Counted into `exported`: a review whose text is missing is a document
    with the user's notes on it and says so, never left out."""
    exported = exported if exported is not None else Exported()
    user = store.user.snapshot()
    library = store.library
    # Yours: a review bookmarked, noted or quoted, or with a bookmarked comment (a highlight).
    annotated = user.reviews_with_notes | user.reviews_with_quotes | user.reviews_with_bookmarks
    bookmarked = Bookmarked.of(user)
    for position, review in library.iter_stored():
        if review is None:
            review_id = library.cell("id", position)
            exported.missing.append((review_id, library.shard_of(position)))
            if not notes_only or review_id in annotated:
                title = library.cell("title", position) or f"review {review_id}"
                yield _stub(user, bookmarked, review_id, title, "text_missing", "text missing: re-import its source")
            continue
        if notes_only and review.id not in annotated:
            continue
        exported.reviews += 1
        subject = user.subjects.get(review.id)
        if subject is not None:
            review = replace(review, subject=subject)
        body = _body(review, user, bookmarked, include_text=not notes_only)
        yield ReviewDocument.of(review.id, review.title, _fields(review, review.id in bookmarked.reviews), body)
    for document in _kept_aside(store, user, bookmarked):
        exported.removed += 1
        yield document


def _kept_aside(store: Store, user: UserSnapshot, bookmarked: Bookmarked) -> Iterator[ReviewDocument]:
    """What the user made on reviews removed from the library (kept aside, as `notes` lists it),
    last, under the title each review had: the export must not lose what the library let go."""
    titles = store.user.removed_titles()
    for review_id in sorted(kept_aside_ids(store, user), key=lambda found: (titles.get(found, "~"), found)):
        title = titles.get(review_id) or f"review {review_id}"
        yield _stub(user, bookmarked, review_id, title, "removed", "removed from the library")


def _stub(
    user: UserSnapshot, bookmarked: Bookmarked, review_id: str, title: str, flag: str, why: str
) -> ReviewDocument:
    """A review the export has no text of (removed, or its shard damaged): what the user made on
    it, under its title, marked `flag: yes` and titled with `why`."""
    stub = Review(id=review_id, title=title, source="", paragraphs=())
    body = "".join(f"{line}\n" for line in highlights(stub, user.quotes, user.notes, bookmarked.on(review_id)))
    if review_id in bookmarked.reviews:
        body = "★ *bookmarked*\n\n" + body
    fields = [("id", review_id), ("title", title), (flag, True)]
    return ReviewDocument.of(review_id, f"{title} ({why})", fields, body)


def markdown_chunks(
    store: Store, *, notes_only: bool = False, exported: str = "", counted: Exported | None = None
) -> Iterator[str]:
    """The whole export as one Markdown document: one front matter, then a section per review."""
    fields: list[tuple[str, Any]] = [("title", "tui-reader export")]
    if exported:
        fields.append(("exported", exported))
    yield front_matter(fields) + "\n"
    for document in review_documents(store, notes_only=notes_only, exported=counted):
        about = "".join(
            f"- {key}: {inline(value)}\n" for key, value in document.fields if key not in ("title", "subtitle")
        )
        yield f"# {inline(document.title) or '(untitled)'}\n\n{about}\n{document.body}"


def review_file(document: ReviewDocument) -> str:
    """One review as a document of its own: its front matter, its title, its body."""
    return f"{front_matter(document.fields)}\n# {inline(document.title) or '(untitled)'}\n\n{document.body}"


def front_matter(fields: list[tuple[str, Any]]) -> str:
    """A YAML front matter block; every value a JSON scalar or list (valid YAML, one line each)."""
    return "---\n" + "".join(f"{key}: {json_text(value)}" for key, value in fields) + "---\n"


def file_name(document: ReviewDocument, taken: set[str]) -> str:
    """A portable file name for a review: its title's letters and digits, its id, `.md`; never
    a folder, a hidden file or a name already `taken` (which it is added to)."""
    stem = _name_words(document.title)[:FILE_NAME_CHARS]
    while len(stem.encode()) > FILE_NAME_BYTES:  # (a name is at most 255 bytes on most file systems)
        stem = stem[:-1]
    stem = stem.strip("-") or "review"
    tail = re.sub(r"[^a-z0-9]+", "-", fold(document.review_id))[:16].strip("-")
    name = f"{stem}-{tail}" if tail else stem
    candidate, number = f"{name}.md", 2
    while candidate.lower() in taken:
        candidate, number = f"{name}-{number}.md", number + 1
    taken.add(candidate.lower())
    return candidate


def _name_words(title: str) -> str:
    """The title's letters and digits, lower case, runs of anything else one `-`. A letter whose fold
    is ASCII is written so (`Café` -> `cafe`); any other letter as it is (NFC), where ASCII alone
    dropped it: `腾讯实习工作周报-11.14` was exported as `11-14-….md`, and a notes app titles a note
    by its file's name."""
    words = []
    for char in unicodedata.normalize("NFC", title.lower()):
        if not char.isalnum():
            words.append("-")
            continue
        folded = fold(char)
        words.append(folded if folded.isascii() and folded.isalnum() else char)
    return re.sub(r"-+", "-", "".join(words))


def _fields(review: Review, bookmarked: bool) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = [("id", review.id), ("title", review.title)]
    if review.subject is not None:
        fields.append(("subject", review.subject.label))
        for key in ("kind", "year", "creator", "ref"):
            value = getattr(review.subject, key)
            if value is not None:
                fields.append(("subject_" + key if key in ("year", "ref") else key, value))
    for key in ("subtitle", "author", "date", "rating", "rating_max", "recommended", "votes", "voters", "url"):
        value = getattr(review, key)
        if value is not None:
            fields.append((key, value))
    if site := site_of(review):  # as `Y` cites it: `Goodreads`, where the source is a file's name
        fields.append(("site", site))
    if source := cited_source(review.source):  # the file's name: an export never names this machine's folders
        fields.append(("source", source))
    if review.tags:
        fields.append(("tags", list(review.tags)))
    if bookmarked:
        fields.append(("bookmarked", True))
    return fields


def _body(review: Review, user: UserSnapshot, bookmarked: Bookmarked, *, include_text: bool) -> str:
    lines: list[str] = []
    if review.subtitle:
        lines += [f"*{inline(review.subtitle)}*", ""]
    lines += highlights(review, user.quotes, user.notes, bookmarked.on(review.id))
    if include_text:
        if review.paragraphs and (lines or review.comments):  # no heading over nothing (a link post)
            lines += ["## Text", ""]
        for paragraph in review.paragraphs:
            lines += [_contained(paragraph), ""]
        if review.comments:
            lines += ["## Comments", ""]
            for depth, comment in walk_comments(review.comments):
                lines += _comment_lines(depth, comment, comment.id in bookmarked.on(review.id))
            lines.append("")
    return "\n".join(lines) + "\n" if lines else ""


def _comment_lines(depth: int, comment: Comment, bookmarked: bool) -> list[str]:
    """A comment as one list item, nested by its depth, its text as written: every line after the
    first indented to the item's content, so a second paragraph, a quote or a code block stays the
    comment's own (they were joined with ` ¶ ` on one line: a fence ran inline, a quote mid-line).
    A first line that starts a block (a quote, a fence, a list) goes under the author's name."""
    indent = "  " * depth
    lead = " ".join(
        part for part in ("★" if bookmarked else "", f"**{inline(comment.author)}**:" if comment.author else "") if part
    )
    text = [line.rstrip() for line in comment.body.splitlines()]
    while text and not text[0]:
        text.pop(0)
    while text and not text[-1]:
        text.pop()
    for at in range(len(text) - 1, 0, -1):  # `---` under a line would make that line a heading
        if _UNDERLINE.fullmatch(text[at]) and text[at - 1]:
            text.insert(at, "")
    # Its leading spaces go: `-  0` moves the item's content a column right, and the lines indented
    # under it (`- item`) fell outside it, a sibling reply of their own (Hypothesis found it).
    first = text[0].lstrip() if text and not _STARTS_A_BLOCK.match(text[0]) else None
    if first is None and not lead:
        lead = "*(no name)*:"  # a bare `-` under the parent's line would underline it as a heading
    head = f"{indent}- {lead} {first}" if first is not None and lead else f"{indent}- {lead or first or ''}"
    rest = text[1:] if first is not None else text
    if rest and _UNDERLINE.fullmatch(rest[0]):
        rest.insert(0, "")  # nor under the item's own line
    return [head.rstrip(), *(f"{indent}  {line}" if line.strip() else "" for line in rest)]


_UNDERLINE = re.compile(r" {0,3}(?:=+|-+) *")  # a setext heading's underline
# A line Markdown reads as the start of a block, not of a paragraph: after `- **name**:` it would be text.
_STARTS_A_BLOCK = re.compile(r" {0,3}(?:[>#]|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|```|~~~|(?:[-*_] *){3,}$)| {4}")


_HEADING = re.compile(r"(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r" {0,3}(?:`{3,}|~{3,})")


def _contained(paragraph: str) -> str:
    """A paragraph of a review's text kept within its review: its headings two levels down, under
    the review's `#` title and its `## Text` (a WordPress post's `# H1 Heading` sat beside the
    reviews in an outline), and a code fence it leaves open closed at its end (an unclosed ``` in
    a Reddit post turned every review after it into code). Lines in a fence are left as they are."""
    if "#" not in paragraph and "```" not in paragraph and "~~~" not in paragraph:
        return paragraph
    lines, fence = paragraph.split("\n"), ""
    for index, line in enumerate(lines):
        if opened := _FENCE.match(line):
            mark = opened[0].strip()
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :]:
                fence = ""
        elif not fence and (heading := _HEADING.match(line)):
            lines[index] = "#" * min(6, len(heading[1]) + 2) + line[heading.end() :]
    return "\n".join([*lines, fence] if fence else lines)
