"""A review's excerpt: the first words a list row shows, kept in the catalog (made once, at import)."""

from __future__ import annotations

from tui_reader.core.content.formatting import PLAIN, body_kind
from tui_reader.core.content.sentences import sentence_ends
from tui_reader.core.content.spoilers import HIDDEN, all_hidden, hidden_plain

EXCERPT_CHARS = 160
_SENTENCE_END = ' .!?…。！？"”’)]'  # what a title made of a first sentence may have left off its end


def excerpt_of(title: str, paragraphs: tuple[str, ...], format_name: str = "text", spoiler: bool = False) -> str | None:
    """The body's first words as read (no Markdown signs, no `> `, a spoiler's words `[spoiler]`),
    whitespace collapsed, at most EXCERPT_CHARS; not the title again when the title is the body's
    whole first line or sentence (plain-text files, untitled posts are titled so). `[spoiler]` for a
    review its source flags as one (`spoiler`, `all_hidden`): the reading pane hides its text too."""
    title = " ".join(title.split())
    kind = body_kind(format_name)
    if paragraphs and all_hidden(spoiler, paragraphs, kind):
        return HIDDEN
    for paragraph in paragraphs:
        size = EXCERPT_CHARS * 2 + len(title) if kind == PLAIN else EXCERPT_CHARS * 8
        head = paragraph[:size]
        text = hidden_plain(head, kind)  # plain text too has its `> ` quote marks
        words = " ".join(without_title(text, title, whole=len(head) == len(paragraph)).split())
        if words:
            return words[:EXCERPT_CHARS]
    return None


def without_title(text: str, title: str, *, whole: bool = True) -> str:
    """`text` without its first line or first sentence when that is `title` (whitespace aside, and
    the sentence's end mark: "Great." titled "Great"; a long one's words up to the title's `…`); else
    all of it. An Amazon or Yelp title is its
    own field, which the text may well begin with ("Great" over "Greatest purchase…"): the text was
    cut mid-word. `whole`: `text` is all of the body's start (a line or sentence cut short is not one)."""
    if not title:
        return text
    line, newline, rest = text.lstrip().partition("\n")
    if (newline or whole) and " ".join(line.split()) == title:
        return rest
    words = " ".join(text.split())
    cut = title[:-1] if title.endswith("…") else ""  # a long first sentence's title: cut at a word's end
    if cut and words.startswith(cut) and words[len(cut) : len(cut) + 1] == " ":
        return words[len(cut) :]
    end = next(sentence_ends(words), len(words) if whole else 0)
    if end and words[:end].rstrip(_SENTENCE_END) == title.rstrip(_SENTENCE_END):
        return words[end:]
    return text
