"""A review's excerpt: the first words a list row shows, kept in the catalog (made once, at import)."""

from __future__ import annotations

from tui_reader.core.content.formatting import PLAIN, body_kind, plain_text

EXCERPT_CHARS = 160


def excerpt_of(title: str, paragraphs: tuple[str, ...], format_name: str = "text") -> str | None:
    """The body's first words as read (no Markdown signs, no `> `), whitespace collapsed, at most
    EXCERPT_CHARS; not the title again when the title is the body's first sentence (plain-text files)."""
    title = " ".join(title.split())
    kind = body_kind(format_name)
    for paragraph in paragraphs:
        head = paragraph[: EXCERPT_CHARS * 2 + len(title)] if kind == PLAIN else paragraph[: EXCERPT_CHARS * 8]
        words = " ".join(plain_text(head, kind).split())  # plain text too has its `> ` quote marks
        if title and words.startswith(title):
            words = words[len(title) :].lstrip()
        if words:
            return words[:EXCERPT_CHARS]
    return None
