"""The Markdown export's highlights: each copied passage of a review as a block quote credited (who,
where, when), each noted or bookmarked place as a line saying what it is, the notes under them, in
the review's reading order. A block quote is only ever what the user copied (or chose in quote
mode): Obsidian's and Readwise's highlight templates are block quotes (`> {{ highlight_text }}`).

Apart from `export_markdown` (the documents, their front matter and file names) because this is
the part with rules of its own: which notes go under which quote, what a note on a whole
paragraph or comment quotes of it, how a place gone since is said.
"""

from __future__ import annotations

from typing import Any

from tui_reader.core.content.formatting import blocks, body_kind, joined
from tui_reader.core.content.markdown_text import block_quoted, escaped, text_line
from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.content.passages import Unit, opening
from tui_reader.core.content.text import without_controls
from tui_reader.core.content.user_records import Anchor, Note, Quote, QuoteAbout
from tui_reader.core.personal.quoting import location_of, passage_of, quote_about, units

CONTEXT_CHARS = 120  # of the paragraph or comment a note was made on: enough to know it again


def inline(value: Any) -> str:
    """A value on one line of Markdown: whitespace collapsed (a title never becomes two blocks), no
    control character; a flag as a reader says it (`bookmarked: yes`, not Python's `True`)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return (
        " ".join(without_controls(str(value)).split()) if not isinstance(value, list) else ", ".join(map(inline, value))
    )


BOOKMARK_DETACHED = "★ *bookmarked* (detached: the comment is no longer in the review)"


def highlights(
    review: Review, quotes: tuple[Quote, ...], notes: tuple[Note, ...], bookmarked: frozenset[str] = frozenset()
) -> list[str]:
    """Highlights in reading order, each a block quote with its credit and then its notes; a note
    made on a passage nobody copied quotes that passage itself; one made on a paragraph or comment,
    or a bookmarked comment, says which and how it starts (`_context`). Copies of one passage are one."""
    comments = {c.id: c for _, c in walk_comments(review.comments)}
    order = {comment_id: i for i, comment_id in enumerate(comments)}

    def place(anchor: Anchor) -> tuple[int, int, int]:
        if anchor.comment_id is not None:
            return (1, order.get(anchor.comment_id, 1 << 30), anchor.offset or 0)
        return (0, anchor.paragraph if anchor.paragraph is not None else -1, anchor.offset or 0)

    kept: dict[tuple[str, str | None, int | None, str], Quote] = {}
    for quote in quotes:
        if quote.anchor.review_id == review.id and quote.text.strip():
            kept.setdefault(quote.key, quote)
    under: dict[tuple[str, str | None, int | None, str], list[Note]] = {key: [] for key in kept}
    alone: list[Note] = []
    for note in notes:
        if note.anchor.review_id == review.id:
            key = _quote_noted(note, kept)
            (under[key] if key is not None else alone).append(note)
    items: list[tuple[tuple[int, int, int], list[str]]] = []
    on_places: dict[tuple[str | None, int | None], list[Note]] = {}  # notes on a paragraph or comment
    for note in alone:
        if note.anchor.quoted:  # made in quote mode: its sentence quoted and credited as a copy is
            items.append((place(note.anchor), _quoted(review, note.anchor, note.anchor.quoted) + _note_lines([note])))
        elif note.detached:  # its paragraph is gone: the one at its number now is not what it was made on
            items.append((place(note.anchor), _words_made_on(note, review) + _note_lines([note])))
        else:
            on_places.setdefault((note.anchor.comment_id, note.anchor.paragraph), []).append(note)
    for place_key, on_it in list(on_places.items()):  # its opening already quoted: under that quote, not twice
        key = _quote_opening(review, place_key, kept, comments) if place_key[0] not in bookmarked else None
        if key is not None:
            under[key].extend(on_it)
            del on_places[place_key]
    for marked in bookmarked:  # a comment gone since is said so: the bookmark is kept, like a note
        on_places.setdefault((marked, None), [])
    for key, quote in kept.items():
        lines = _quoted(review, quote.anchor, quote.text, quote.about, detached=quote.detached)
        if quote.detached:  # as a detached note is labelled: its passage is gone from the review
            lines = ["**Quote (detached):** no longer in the review as it reads now", "", *lines]
        items.append((place(quote.anchor), lines + _note_lines(under[key], review, quote.text)))
    for (comment_id, paragraph), on_it in on_places.items():
        anchor = Anchor(review.id, comment_id=comment_id, paragraph=paragraph)
        starred = comment_id is not None and comment_id in bookmarked
        context = _context(review, anchor, comments, bookmarked=starred) or (BOOKMARK_DETACHED if starred else "")
        noted = _note_lines(on_it)
        if context and noted:  # one paragraph, a line each: a context line of its own read as the last note's
            items.append((place(anchor), [f"{context}\\", *noted]))
        else:
            items.append((place(anchor), ([context, ""] if context else []) + noted))
    if not items:
        return []
    items.sort(key=lambda item: item[0])
    return ["## Highlights and notes", ""] + [line for _, lines in items for line in lines]


def _quote_opening(
    review: Review,
    place: tuple[str | None, int | None],
    kept: dict[tuple[str, str | None, int | None, str], Quote],
    comments: dict[str, Comment],
) -> Any:
    """The key of a kept quote of the same paragraph or comment that starts with what a note there
    would quote of it (`_context`): the note goes under it. Why: a copied opening and a note on its
    paragraph printed the same sentences twice, one after the other."""
    if not any((quote.anchor.comment_id, quote.anchor.paragraph) == place for quote in kept.values()):
        return None
    unit = _place_unit(review, Anchor(review.id, comment_id=place[0], paragraph=place[1]), comments)
    if unit is None:
        return None
    start = " ".join(opening(unit, CONTEXT_CHARS).text.removesuffix("…").split())
    for key, quote in kept.items():
        same_place = (quote.anchor.comment_id, quote.anchor.paragraph) == place
        if same_place and not quote.detached and " ".join(quote.text.split()).startswith(start):
            return key
    return None


def _quote_noted(note: Note, kept: dict[tuple[str, str | None, int | None, str], Quote]) -> Any:
    """The key of the quote a note was made on: same place, its passage within the quote's text."""
    anchor = note.anchor
    passage = " ".join((anchor.quoted or "").split())
    if not passage:
        return None
    for key, quote in kept.items():
        if (quote.anchor.comment_id, quote.anchor.paragraph) == (anchor.comment_id, anchor.paragraph) and (
            passage in key[3]
        ):
            return key
    return None


def _quoted(
    review: Review, anchor: Anchor, text: str, recorded: QuoteAbout | None = None, *, detached: bool = False
) -> list[str]:
    """A passage as a block quote, its Markdown as it was drawn (links, emphasis, rules, line
    breaks; `passage_of`), then its credit: every highlight credited the same way."""
    markdown = passage_of(review, anchor, text).markdown
    return [*block_quoted(markdown), ">", f"> — {_credit(review, anchor, recorded, detached=detached)}", ""]


def _note_lines(notes: list[Note], review: Review | None = None, within: str = "") -> list[str]:
    """Each note under its label, its lines kept: a line followed by another ends in a hard break
    (`\\`), where Markdown joined a two-line note into one line. A note made on a sentence of a
    larger quote (`within`) says which, under it: the quote alone did not."""
    lines: list[str] = []
    for note in notes:
        label = "Note (detached)" if note.detached else "Note"
        first, *rest = [line.rstrip() for line in note.text.strip().splitlines()] or [""]
        text = [f"**{label}:** {first}", *map(text_line, rest)]
        if review is not None and (sentence := _sentence_within(review, note.anchor, within)):
            text.append(f"*on* “{sentence}”")
        for line, after in zip(text, [*text[1:], ""], strict=True):
            lines.append(f"{line}\\" if line and after else line)
        lines.append("")
    return lines


def _sentence_within(review: Review, anchor: Anchor, within: str) -> str:
    """The passage a note was made on, on one line as plain text says it (a link's address after
    its words), escaped; empty when it is the whole quote it sits under."""
    quoted = " ".join((anchor.quoted or "").split())
    if not quoted or quoted == " ".join(within.split()):
        return ""
    return escaped(" ".join(passage_of(review, anchor, anchor.quoted or "").printed.split()))


def _context(review: Review, anchor: Anchor, comments: dict[str, Comment], *, bookmarked: bool = False) -> str:
    """What a note was made on, a paragraph or a comment, said on one line with how it starts:
    `*On paragraph 1:* “Wow!!! One chapter in…”`, `★ *Bookmarked: the reply to ann by bob,
    2024-01-03:* “…”` (`**Note:** agreed` alone did not say on what). Not a block quote: its first
    sentences laid out as a credited quote read as a highlight the user never made, beside the
    real copy of its first sentence. Nothing for the review as a whole, or a place gone since."""
    unit = _place_unit(review, anchor, comments)
    if unit is None:
        return ""
    lead = "★ *Bookmarked:" if bookmarked else "*On"
    return f"{lead} {escaped(_place_said(review, anchor))}:* “{_excerpt(unit)}”"  # names are text


def _place_said(review: Review, anchor: Anchor) -> str:
    """`paragraph 2`; a comment by its place, author and date: `the reply to ann by bob, 2024-01-03`."""
    location = location_of(anchor, review)
    if anchor.comment_id is None:
        return location
    about = quote_about(review, anchor)
    author = f" by {inline(about.author)}" if about.author.strip() else ""
    return f"the {location}{author}" + (f", {about.date[:10]}" if about.date else "")


def _excerpt(unit: Unit) -> str:
    """How a paragraph or comment starts, on one line as plain text says it, escaped: its first
    sentences (`opening`), `…` where it goes on."""
    start = opening(unit, CONTEXT_CHARS)
    words = " ".join(start.printed.split())
    goes_on = len(" ".join(start.text.split())) < len(" ".join(joined(unit).split()))
    if goes_on and not words.endswith("…"):
        words += "…" if words[-1:].isalnum() else " …"  # `series. …`, not `series.…`
    return escaped(words)


def _place_unit(review: Review, anchor: Anchor, comments: dict[str, Comment]) -> Unit | None:
    """The paragraph or comment a note was made on, laid out; None for the review as a whole or a place gone since."""
    if anchor.comment_id is not None:
        known = anchor.comment_id in comments
    else:
        known = anchor.paragraph is not None and 0 <= anchor.paragraph < len(review.paragraphs)
    return next(units(review, anchor), None) if known else None


def _words_made_on(note: Note, review: Review) -> list[str]:
    """A detached paragraph note's paragraph as it was (its words, kept on its anchor), said as
    `_context` says a place: `**Note (detached):** MYNOTE` alone did not say what it was about."""
    if not note.anchor.paragraph_text:
        return []
    unit = blocks(note.anchor.paragraph_text, body_kind(review.format))
    return [f"*On {location_of(note.anchor)} as it read when the note was made:* “{_excerpt(unit)}”", ""]


def _credit(review: Review, anchor: Anchor, recorded: QuoteAbout | None = None, *, detached: bool = False) -> str:
    """`ann · reply to bob · 2012-09-03`: what a quote recorded, else what the review says now. Its
    place is where its anchor is now (a paragraph removed above it moved it: `A` said ¶2 where the
    export said "paragraph 3"); a detached one's is where it was made. Never a comment's id (quotes
    kept before recorded `comment t1_x`)."""
    now = quote_about(review, anchor)
    author = (recorded.author if recorded else None) or now.author
    location = (recorded.location if recorded and detached else None) or now.location
    location = "comment" if location.startswith("comment ") else location
    date = ((recorded.date if recorded else None) or now.date)[:10]
    return " · ".join(inline(part) for part in (author, location, date) if part)  # your own review: no name
