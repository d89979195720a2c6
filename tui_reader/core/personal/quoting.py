"""How a copied quote is attributed and cited (its sentences: `content/sentences.py`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import unquote, urlsplit

from tui_reader.core.content.formatting import Block, blocks, body_kind
from tui_reader.core.content.markdown_text import block_quoted
from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.content.passages import Passage, Unit, located, plain
from tui_reader.core.content.text import visible
from tui_reader.core.content.user_records import Anchor, QuoteAbout

_WEB_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LOCAL_PATH = re.compile(r"^(?:[/~\\]|\.{1,2}[/\\]|[a-z]:[/\\])", re.IGNORECASE)


def cited_source(where: str | None) -> str:
    """What a citation may say of where a passage comes from: a web address as it is, a local
    file (a path or a `file:` URL) by its name only, so a shared quote never carries this
    machine's folders (`/home/ann/private/reddit.json` -> `reddit.json`)."""
    text = (where or "").strip()
    if text.lower().startswith("file:"):
        text = unquote(urlsplit(text).path)
    elif _WEB_URL.match(text) or not _LOCAL_PATH.match(text):
        return text  # a URL, a site's name, or a bare file name
    name = PureWindowsPath(text).name if "\\" in text else PurePosixPath(text).name
    return name or text.strip("/\\")


def attributed(markdown: str, credit: str) -> str:
    """A Markdown blockquote: the passage (Markdown written by `content/passages.py`, its own
    characters escaped), then one credit line, `— ` and the credit's Markdown (`citing.py`). One
    line: a second `>` line joins the first where Markdown is rendered (`— *Her* her.txt`)."""
    return "\n".join([*block_quoted(markdown), ">", f"> — {credit}" if credit else "> —"]) + "\n"


def location_of(anchor: Anchor, review: Review | None = None) -> str:
    """Where in a review an anchor points, as a reader would say it: `paragraph 2`, `comment`,
    `reply to ann` (whom a reply answers, when the review has the thread). Never a comment's id:
    `comment b6e4c424da8f62ea` was noise in Obsidian or Readwise."""
    if anchor.comment_id is not None:
        _, parent = comment_in(review, anchor.comment_id) if review is not None else (None, None)
        if parent is None:
            return "comment"
        return f"reply to {' '.join(parent.author.split())}" if parent.author.strip() else "reply"
    if anchor.paragraph is not None:
        return f"paragraph {anchor.paragraph + 1}"
    return ""


def comment_in(review: Review, comment_id: str) -> tuple[Comment | None, Comment | None]:
    """The comment of that id in the review's thread, and the comment it replies to (None for a
    top-level one); (None, None) when the thread has it no more."""
    above: list[Comment] = []  # the comments on the way down to the one walked now
    for depth, comment in walk_comments(review.comments):
        del above[depth:]
        if comment.id == comment_id:
            return comment, above[-1] if above else None
        above.append(comment)
    return None, None


def quote_about(review: Review, anchor: Anchor) -> QuoteAbout:
    """What a quote records of its passage: the comment's author and date when it is from a
    comment (the review's otherwise), the review's title and subject, and where it is."""
    comment = comment_in(review, anchor.comment_id)[0] if anchor.comment_id is not None else None
    author = comment.author if comment is not None else review.author
    date = comment.date if comment is not None else review.date
    return QuoteAbout(
        author=author or "",
        title=review.title,
        subject=review.subject.label if review.subject is not None else "",
        location=location_of(anchor, review),
        date=date or "",
    )


def units(review: Review, anchor: Anchor) -> Iterator[Unit]:
    """What a passage at `anchor` is read from, laid out as the reader draws it: its comment; its
    paragraph and those after it (a selection may run on); or the whole review, its title first."""
    kind = body_kind(review.format)
    if anchor.comment_id is not None:
        found = comment_in(review, anchor.comment_id)[0]
        if found is not None:
            yield blocks(found.body, kind)
        return
    if anchor.paragraph is None and review.title.strip():
        yield (Block(visible(review.title)),)
    for paragraph in review.paragraphs[anchor.paragraph or 0 :]:
        if anchor.paragraph is not None or paragraph.strip():  # the review copied whole skips empty ones
            yield blocks(paragraph, kind)


def passage_of(review: Review, anchor: Anchor, text: str) -> Passage:
    """A kept quote's passage read again from its review, so its Markdown renders as it was drawn;
    as it reads when the review no longer says it (changed since, or removed and kept aside)."""
    return located(units(review, anchor), text) or plain(text)
