"""Where a query matched and how to show it: spans in text, snippets, hit locations.

Spans always index the string the caller holds (the original pane text, or the
snippet returned here), never the folded copy used for matching: folding can
change lengths ("ß" -> "ss", "é" -> "e" + mark dropped).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tui_reader.core.content.excerpts import excerpt_of, without_title
from tui_reader.core.content.formatting import body_kind, plain_text
from tui_reader.core.content.review_text import ReviewText
from tui_reader.core.content.spoilers import (
    all_hidden,
    marked,
    masked,
    may_hide,
    spoiler_ranges,
)
from tui_reader.core.content.text import fold, visible
from tui_reader.core.search.folding import folded_text, one_for_one
from tui_reader.core.search.query import Query, QueryError, parse_query
from tui_reader.core.search.terms import Matcher, Term, WholeWords
from tui_reader.core.search.tokens import fast_fold, raw_tokens

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review
    from tui_reader.core.content.user_records import Note, Quote

Span = tuple[int, int]
SNIPPET_BEFORE = 30
SNIPPET_WIDTH = 100
SHOWN_PAST_FIRST = SNIPPET_WIDTH + 2  # no match starting further past the first is in its snippet


class Hit(NamedTuple):
    """One matching review, with where it first matched and a snippet to show.

    `kind` is "title", "body" (with `paragraph`), "comment" (with `comment_id`: its words or author),
    "author" (the review's), "note" / "quote" (with `record_id`), or "review" for filters only.
    `offset` is the match's start in that field's original text (for scrolling to it);
    `spans` index `snippet`, which is already safe for the terminal (`visible`).
    A named tuple, not a dataclass: `tui-reader search` then imports no `dataclasses`.
    """

    review_id: str
    position: int
    score: int
    kind: str
    snippet: str
    spans: tuple[Span, ...] = ()
    paragraph: int | None = None
    comment_id: str | None = None
    record_id: str | None = None
    offset: int | None = None


def _fold_mapped(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, per folded character, the index of the original one (None: the same index).

    ASCII stretches are lowered whole (one character each way); only the other characters
    are folded one by one: a character loop over every field cost the CLI ~2 ms a hit.
    """
    if text.isascii():
        return text.lower(), None
    same_length = one_for_one(text)
    if same_length is not None:
        return same_length, None
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for match in _NON_ASCII_CHAR.finditer(text):
        start = match.start()
        if start > at:
            pieces.append(text[at:start].lower())
            origin.extend(range(at, start))
        folded = fast_fold(match.group())
        pieces.append(folded)
        origin.extend([start] * len(folded))
        at = start + 1
    pieces.append(text[at:].lower())
    origin.extend(range(at, len(text)))
    return "".join(pieces), origin


_NON_ASCII_CHAR = re.compile(r"[^\x00-\x7f]")


def spans_of(pattern: Matcher | None, text: str, *, likely: bool = False, within: int | None = None) -> list[Span]:
    """Every match of a folded-text pattern in `text`, as spans of `text` itself.

    `likely`: the caller found a match there already (`_first_candidate`), so the cheap test
    made before mapping the characters of a text that probably does not match is skipped.
    `within`: only the matches starting at most that many characters after the first (a snippet
    shows no more: a common word's paragraph holds it a dozen times)."""
    if pattern is None or not text:
        return []
    if not likely and not text.isascii() and pattern.search(folded_text(text)) is None:
        return []  # most fields of a hit do not match: no character map made for them
    folded, origin = _fold_mapped(text)
    spans: list[Span] = []
    for match in pattern.finditer(folded):
        if match.end() == match.start():
            continue
        if origin is None:
            start, end = match.span()
        else:
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            while end < len(text) and not text[end].isascii() and not fold(text[end]):  # keep combining marks
                end += 1
        if within is not None and spans and start > spans[0][0] + within:
            break
        spans.append((start, end))
    return spans


def find_in_text(text: str, query: str | Query) -> list[Span]:
    """Spans of `text` matching `query`'s words and phrases as substrings: in-pane search.

    A query the library parser rejects (`foo:bar`) is searched for literally here.
    """
    if isinstance(query, Query):
        return spans_of(query.highlight, text)
    try:
        parsed = parse_query(query)
    except QueryError:
        parsed = _literal(query)
    return spans_of(parsed.highlight, text)


def _literal(text: str) -> Query:
    tokens = tuple(raw_tokens(fast_fold(text)))
    return Query(text, (Term(tokens, phrase=True),) if tokens else ())


def snippet(
    text: str, pattern: Matcher | None, width: int = SNIPPET_WIDTH, found: list[Span] | None = None
) -> tuple[str, tuple[Span, ...]]:
    """One line of `text` around its first match, safe to display, with the match spans in it.

    `found`: `spans_of(pattern, text)` when the caller has it, not sought again if the line
    shown is `text` itself."""
    line = visible(text, single_line=True)
    spans = found if found is not None and line == text else spans_of(pattern, line, within=width + 2)
    if not spans:
        return _clip(line, 0, width), ()
    start = max(0, spans[0][0] - SNIPPET_BEFORE)
    if start:
        space = line.find(" ", start, spans[0][0])
        start = space + 1 if space >= 0 else start
    shown = _clip(line, start, width)
    lead = 1 if start else 0  # the "…" put in front
    inside = tuple(
        (s - start + lead, min(e - start + lead, len(shown)))
        for s, e in spans
        if s >= start and s - start + lead < len(shown)
    )
    return shown, inside


def _clip(line: str, start: int, width: int) -> str:
    piece = line[start : start + width]
    if start + width < len(line):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > width // 2 else piece) + "…"
    return ("…" + piece) if start else piece


def _first_candidate(pattern: Matcher, texts: list[str], start: int = 0) -> int:
    """The first of `texts` from `start` that may match: every one before it surely does not.

    Why: testing each field of a hit alone (folding it, searching it) cost more than reading the
    review. Fields are tested in groups that double in size (the title alone, then the first
    paragraph, then the next two, ...): a group is folded and searched at once, its fields
    joined by a separator no stored text holds, so the cost follows where the match is (a
    common word's hits mostly match in the title or the first paragraph; lowering every field
    of a review for each cost its 100k hits half their snippets' time).
    """
    cores = _cores(pattern)
    size = 1
    while start < len(texts):
        group = texts[start : start + size]
        found = _first_in_group(cores, group)
        if found < len(group):
            return start + found
        start, size = start + size, size * 2
    return len(texts)


def _first_in_group(cores: list[re.Pattern[str]], texts: list[str]) -> int:
    """`_first_candidate` over one group of fields searched at once (len: none may match).

    A field's match is as much a match in the joined text (the separator is no word character
    and folds to itself). A field that holds the separator after all makes the count unsure:
    then the scan starts at the group's first."""
    folded = folded_text(_FIELD_END.join(texts))
    if folded.count(_FIELD_END) != len(texts) - 1:
        return 0
    starts = [match.start() for core in cores if (match := core.search(folded)) is not None]
    return folded.count(_FIELD_END, 0, min(starts)) if starts else len(texts)


@lru_cache(maxsize=8)
def _cores(pattern: Matcher) -> list[re.Pattern[str]]:
    """What every match of `pattern` matches too, searched in C: each term's words without the
    whole-word test (`Term.pattern(whole_words=False)`). A group of fields none of them finds
    is skipped with one regex search a term, where the whole-word search cost ten Python calls;
    a false alarm (the word inside a longer one) only makes `locate` look at that field."""
    if isinstance(pattern, WholeWords):
        return [term.pattern(whole_words=False) for term in pattern.terms]
    return [pattern]


_FIELD_END = "\x1f"


def locate(
    review: ReviewText | Review, position: int, score: int, query: Query, notes: list[Note], quotes: list[Quote]
) -> Hit:
    """The first place (title, body, comments, notes, quotes) where `query` matches `review`.

    The store's `text_at` gives the review's text without its models (the CLI and the list
    both come here); a `Review` in memory is read through `ReviewText.of`, to the same hit.
    """
    if not isinstance(review, ReviewText):
        review = ReviewText.of(review)
    pattern = query.locator
    if pattern is not None:
        texts = [review.title, *review.paragraphs]
        first_note: int | None = None  # known once the comments are added: read only if needed (`LazyComments`)
        stored_as = body_kind(review.format)
        at = _first_candidate(pattern, texts)
        while at < len(texts) or first_note is None:
            if at == len(texts):  # no match in the review's own text: its comments, the user's notes and quotes
                texts += [body for _, body in review.comments]
                first_note = len(texts)
                texts += [note.text for note in notes] + [quote.text for quote in quotes]
                at = _first_candidate(pattern, texts, at)
                continue
            text = stored = texts[at]
            found = spans_of(pattern, text, likely=True, within=SHOWN_PAST_FIRST)
            body = at > 0 and (first_note is None or at < first_note)  # a snippet shows its words as read
            if found and body:
                shown_as = plain_text(text, stored_as)  # (not their Markdown signs)
                if shown_as != text:
                    found, text = spans_of(pattern, shown_as, within=SHOWN_PAST_FIRST), shown_as
            if found:  # (a match only in a link's address is not shown: the next field may have one)
                whole = at <= len(review.paragraphs) and all_hidden(review.spoiler, review.paragraphs, stored_as)
                spans: tuple[Span, ...] = ()
                if at == 0:  # shown before the snippet: the snippet is the text's opening (`_opening`)
                    shown = snippet(_opening(review), None)[0]
                elif body and (whole or may_hide(stored, stored_as)):
                    shown, spans = spoiler_snippet(stored, stored_as, pattern, whole=whole)
                else:
                    line, in_line = _past_title(review.title, text, pattern, found, first=at == 1)
                    shown, spans = snippet(line, pattern, found=in_line)
                return _hit_in(review, position, score, at, (shown, spans, found[0][0]), notes, quotes)
            at = _first_candidate(pattern, texts, at + 1)
    from tui_reader.core.search.named import by_name  # who wrote, when no text matched

    opening = _opening(review)
    return by_name(review, position, score, query, opening) or Hit(
        review.id, position, score, "review", snippet(opening, None)[0]
    )


def _opening(review: ReviewText) -> str:
    """What a hit in the title or in no words shows after the title: the text's first words as a
    list row's excerpt has them (spoilers hidden), not the title again where it was made from them
    (Yelp's `Great place for breakfast!  — Great place for breakfast! I had…`)."""
    return excerpt_of(review.title, review.paragraphs, review.format, review.spoiler) or ""


def _past_title(title: str, text: str, pattern: Matcher, found: list[Span], *, first: bool) -> tuple[str, list[Span]]:
    """The text and its matches a body's snippet is made of: in its first paragraph, the words after
    a title made from its first line or sentence (shown just before it), when the match is there."""
    if first:
        rest = without_title(text, " ".join(title.split())).strip()
        if rest != text.strip() and (in_rest := spans_of(pattern, rest, within=SHOWN_PAST_FIRST)):
            return rest, in_rest
    return text, found


def spoiler_snippet(text: str, kind: str, pattern: Matcher, *, whole: bool = False) -> tuple[str, tuple[Span, ...]]:
    """`snippet` of a body that may hide spoilers: each is `[spoiler]`, but for the words matched in
    one (`[spoiler: …answer…]`): the match is shown, and said to be in a spoiler. `whole`: the review
    is a spoiler (`all_hidden`), all its text one."""
    line, hidden = spoiler_ranges(" ".join(marked(text, kind).split()))
    hidden = ((0, len(line)),) if whole and line else hidden
    shown, spans = masked(line, hidden, spans_of(pattern, line, within=SHOWN_PAST_FIRST))
    return snippet(shown, pattern, found=list(spans))


def _hit_in(
    review: ReviewText,
    position: int,
    score: int,
    field: int,
    shown: tuple[str, tuple[Span, ...], int],
    notes: list[Note],
    quotes: list[Quote],
) -> Hit:
    """The hit in `locate`'s field number `field` (title, paragraphs, comments, notes, quotes in
    turn), with its snippet, spans and the match's offset."""
    line, spans, offset = shown
    at = field - 1
    if at < 0:
        return Hit(review.id, position, score, "title", line, spans, offset=offset)
    if at < len(review.paragraphs):
        return Hit(review.id, position, score, "body", line, spans, paragraph=at, offset=offset)
    at -= len(review.paragraphs)
    if at < len(review.comments):
        return Hit(review.id, position, score, "comment", line, spans, comment_id=review.comments[at][0], offset=offset)
    at -= len(review.comments)
    record, kind = (notes[at], "note") if at < len(notes) else (quotes[at - len(notes)], "quote")
    return Hit(review.id, position, score, kind, line, spans, record_id=record.id, offset=offset)
