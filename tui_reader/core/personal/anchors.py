"""Keep notes, quotes and drafts attached to the text they were made on when a re-import changes it.

A note or quote remembers the review, comment, paragraph, offset and (from quote mode) the
quoted text (one on a whole paragraph: that paragraph's words). After a re-import the quoted
text is looked for again, nearest first (the same comment or paragraph, then anywhere in the
review): as written first, then with its runs of whitespace made equal and Markdown's code
delimiters aside (a code block's lines once joined by spaces in inline code, now by newlines in a
fenced block, maybe a paragraph of its own), the old words' markup that an older importer kept as
text read as it is now (`importers.older_words`: IMDb's `&#305;`, Goodreads' `[b:Title|id|…]`).
A note or quote on a whole paragraph follows a paragraph of exactly its words, never one that
merely holds them: a paragraph removed above it must not move it onto the next one, nor its
words quoted in another keep it there. A note's paragraph edited a little (a word fixed, one added)
is no longer there word for word: the note follows the paragraph the review did not have before
that is most like it, when clearly alike (`edited_paragraph`); a quote never does (its words are
what the user kept: pinned to words the review no longer says, it would misquote). Found: the
anchor moves with it. Gone (or its comment deleted): the record is marked detached — shown apart,
never dropped, its words kept — and attached again when a later import brings its text back. One
pass (`followed`) serves every kind: a draft (a note typed, not saved) follows as a note does, and stays
at its place, its words kept, where a note would be detached.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from difflib import SequenceMatcher

from tui_reader.core.content.formatting import body_kind, plain_text
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.content.user_records import Anchor, Note, Quote
from tui_reader.core.importers.older_words import read_now
from tui_reader.core.store.drafts import Draft

# What the renderer adds around words and a looser match skips: Markdown's code delimiters and a
# hard line break's backslash (inline code once, a fenced block now).
_DELIMITER = re.compile(r"`|\\(?=\n)")

# An edited paragraph is "clearly alike" its old words when difflib's ratio over their tokens (words
# and marks, case aside) is at least this: 2 × kept ÷ (old + new). One word fixed or added in a
# sentence of 10 gives ~0.9-0.95 and "this was good" → "this was SO good" 0.86; a sentence rewritten,
# or another paragraph of the review, stays far below (half its words kept: ~0.5).
SIMILAR_ENOUGH = 0.8
# Fewer words than this say too little for a likeness to mean the same paragraph: "Great." and
# "Not great." share half their tokens. Such a note is detached (and shown on its review).
FEWEST_WORDS = 3
_LENGTHS_ALIKE = 0.4  # shorter ÷ longer, in characters, below which two paragraphs are not tokenized
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")


def _loosened(text: str) -> tuple[str, list[int]]:
    """`text` with code delimiters dropped and each run of whitespace one space, and where each
    of its characters was in `text`."""
    kept = [(char, at) for at, char in enumerate(text) if not _DELIMITER.match(text, at)]
    chars: list[str] = []
    starts: list[int] = []
    for char, at in kept:
        space = char.isspace()
        if space and chars and chars[-1] == " ":
            continue
        chars.append(" " if space else char)
        starts.append(at)
    return "".join(chars), starts


def _loose_find(text: str, quoted: str) -> int:
    """Where `quoted` is in `text` spacing and code delimiters aside, and its markup an older importer
    kept as text read as now (`Alt&#305;oklar`, Goodreads' `[b:Title|id|…]`: `older_words`); -1 if not."""
    needle = _loosened(read_now(quoted))[0].strip()
    if not needle:
        return -1
    loose, starts = _loosened(text)
    found = loose.find(needle)
    return starts[found] if found >= 0 else -1


def _find(text: str, quoted: str, kind: str, loose: bool = False) -> int:
    """Where `quoted` is in `text` as stored, else as read (a quote from a formatted body is taken
    from its plain text: `**bold**` is quoted as `bold`); -1 when in neither. `loose`: spacing aside."""
    search = _loose_find if loose else str.find
    found = search(text, quoted)
    return found if found >= 0 else search(plain_text(text, kind), quoted)


def _find_in_paragraphs(review: Review, anchor: Anchor, quoted: str, loose: bool) -> Anchor | None:
    order = list(range(len(review.paragraphs)))
    if anchor.paragraph is not None and 0 <= anchor.paragraph < len(order):
        order.remove(anchor.paragraph)
        order.insert(0, anchor.paragraph)
    for index in order:
        offset = _find(review.paragraphs[index], quoted, body_kind(review.format), loose)
        if offset >= 0:
            return anchor._replace(comment_id=None, paragraph=index, offset=offset)
    return _across_paragraphs(review, anchor, quoted) if loose else None


def _across_paragraphs(review: Review, anchor: Anchor, quoted: str) -> Anchor | None:
    """A quote whose paragraph has since been split in two (a line of code now a block of its
    own): found in the paragraphs read as one text, anchored where it starts."""
    offset = _loose_find("\n\n".join(review.paragraphs), quoted)
    if offset < 0:
        return None
    index = 0
    while offset > len(review.paragraphs[index]):
        offset -= len(review.paragraphs[index]) + 2
        index += 1
    return anchor._replace(comment_id=None, paragraph=index, offset=max(offset, 0))


def _same_words(paragraph: str, words: str, kind: str, loose: bool) -> bool:
    """`paragraph` is `words`, whole: as stored or as read (a quote keeps the plain text it was
    copied as); `loose`: spacing and code delimiters aside, and the markup an older importer kept as
    text read as now (`older_words`)."""
    if not loose:
        return paragraph == words or plain_text(paragraph, kind) == words
    readings = (paragraph, plain_text(paragraph, kind))
    for then in (read_now(words), read_now(plain_text(words, kind))):  # as stored, as read
        wanted = _loosened(then)[0].strip()
        if wanted and any(_loosened(read)[0].strip() == wanted for read in readings):
            return True
    return False


def _whole_paragraph(review: Review, words: str, old: int, before: Sequence[str]) -> int | None:
    """Which paragraph is now `words` (as written first, spacing aside only then). Among equal
    ones: the same one of them as in `before` (the paragraphs until this import) when as many are
    equal now, so their order is kept; else the one nearest `old`. None when no paragraph is."""
    kind = body_kind(review.format)
    for loose in (False, True):
        equal = [at for at, paragraph in enumerate(review.paragraphs) if _same_words(paragraph, words, kind, loose)]
        if not equal:
            continue
        was = [at for at, paragraph in enumerate(before) if _same_words(paragraph, words, kind, loose)]
        if old in was and len(was) == len(equal):
            return equal[was.index(old)]
        return min(equal, key=lambda at: (abs(at - old), at))
    return None


def edited_paragraph(paragraphs: Sequence[str], words: str, old: int, before: Sequence[str] = ()) -> int | None:
    """Which of `paragraphs` `words` most likely became by a small edit: the most alike (`SIMILAR_ENOUGH`),
    the nearest `old` among as alike. Only a paragraph not in `before` (the review until this import)
    can be an edit: one it had already is another paragraph, whatever its likeness. None when none is."""
    wanted = _TOKEN.findall(words.casefold())
    if len(_WORD.findall(words)) < FEWEST_WORDS:
        return None
    had = set(before)
    best: tuple[float, int] | None = None
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)  # indexed once: difflib keeps what it learns of its second sequence
    for at, paragraph in enumerate(paragraphs):
        if paragraph in had or not _LENGTHS_ALIKE * len(words) <= len(paragraph) <= len(words) / _LENGTHS_ALIKE:
            continue  # the ratio needs two thirds as many tokens: lengths this far apart are never alike
        matcher.set_seq1(_TOKEN.findall(paragraph.casefold()))
        if matcher.real_quick_ratio() < SIMILAR_ENOUGH or matcher.quick_ratio() < SIMILAR_ENOUGH:
            continue  # cheap upper bounds first: most paragraphs are not alike at all
        ratio = matcher.ratio()
        if ratio >= SIMILAR_ENOUGH and (best is None or (ratio, -abs(at - old)) > (best[0], -abs(best[1] - old))):
            best = (ratio, at)
    return None if best is None else best[1]


def _find_quoted(review: Review, anchor: Anchor, quoted: str, loose: bool) -> Anchor | None:
    """`quoted` nearest first: its own comment or paragraph, then the rest of the review."""
    comments = {comment.id: comment for _, comment in walk_comments(review.comments)}
    kind = body_kind(review.format)
    own = comments.get(anchor.comment_id) if anchor.comment_id is not None else None
    if own is not None and (offset := _find(own.body, quoted, kind, loose)) >= 0:
        return anchor._replace(offset=offset)
    in_paragraphs = None if anchor.comment_id is not None else _find_in_paragraphs(review, anchor, quoted, loose)
    if in_paragraphs is not None:
        return in_paragraphs
    for comment in comments.values():
        if (offset := _find(comment.body, quoted, kind, loose)) >= 0:
            return anchor._replace(comment_id=comment.id, paragraph=None, offset=offset)
    return _find_in_paragraphs(review, anchor, quoted, loose) if anchor.comment_id is not None else None


def _looked_for(search: Callable[[bool], Anchor | None]) -> Anchor | None:
    """As written everywhere first, spacing aside only then: never elsewhere than an exact match."""
    return search(False) or search(True)


def locate(
    review: Review, anchor: Anchor, passage: str | None = None, before: Sequence[str] = (), *, edited: bool = False
) -> Anchor | None:
    """Where `anchor` points in `review` now, or None when its text or target is gone. `passage`:
    the words of the paragraph a paragraph anchor was on, when known (else its `paragraph_text`);
    `before`: the review's paragraphs until this import, when the anchor was on one of them;
    `edited`: a paragraph anchor may follow its paragraph edited a little (a note's, not a quote's)."""
    quoted = anchor.quoted
    if quoted:
        return _looked_for(lambda loose: _find_quoted(review, anchor, quoted, loose))
    if anchor.comment_id is not None:
        ids = {comment.id for _, comment in walk_comments(review.comments)}
        return anchor if anchor.comment_id in ids else None
    if anchor.paragraph is None:
        return anchor
    words = passage if passage is not None else anchor.paragraph_text
    if words is not None and words.strip():
        index = _whole_paragraph(review, words, anchor.paragraph, before)
        if index is None and edited:
            index = edited_paragraph(review.paragraphs, words, anchor.paragraph, before)
        return None if index is None else anchor._replace(paragraph=index, paragraph_text=review.paragraphs[index])
    return anchor if anchor.paragraph < len(review.paragraphs) else None


def paragraphs_before(
    records: Iterable[Note | Quote | Draft], reviews: Iterable[Review], stored: Callable[[str], Review | None]
) -> dict[str, tuple[str, ...]]:
    """The stored paragraphs of each review in `reviews` that has a note, quote or draft on a paragraph:
    read before the import replaces them, so `reanchored` can follow each paragraph's words."""
    wanted = {record.anchor.review_id for record in records if _on_paragraph(record.anchor)}
    found: dict[str, tuple[str, ...]] = {}
    for review in reviews:
        if review.id in wanted and (before := stored(review.id)) is not None:
            found[review.id] = before.paragraphs
    return found


def _on_paragraph(anchor: Anchor) -> bool:
    return anchor.paragraph is not None and not anchor.quoted and anchor.comment_id is None


def _passage(record: Note | Quote | Draft, before: Mapping[str, tuple[str, ...]] | None) -> str | None:
    """The words a paragraph anchor was made on: kept on the anchor, else the paragraph as stored
    before this import (a record attached to it, from before the anchor kept them), else a quote's
    own text; None when none is known."""
    if record.anchor.paragraph_text is not None:
        return record.anchor.paragraph_text
    paragraph = record.anchor.paragraph
    paragraphs = before.get(record.anchor.review_id, ()) if before is not None else ()
    if not _detached(record) and paragraph is not None and 0 <= paragraph < len(paragraphs):
        return paragraphs[paragraph]
    return record.text if isinstance(record, Quote) else None


def _detached(record: Note | Quote | Draft) -> bool:
    """A note or quote marked so; a draft never is (it stays at its place when its words are gone)."""
    return not isinstance(record, Draft) and record.detached


def followed(
    record: Note | Quote | Draft, review: Review, before: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[Anchor, bool]:
    """Where `record` (on `review`) is now, and whether it is detached: one way for a note, a quote and a
    draft (typed words, as a note's: one may follow its paragraph edited a little). See `reanchored`."""
    on_paragraph = _on_paragraph(record.anchor)
    passage = _passage(record, before) if on_paragraph else None
    if passage is None and _detached(record) and on_paragraph:
        found = None  # its words unknown: never attached again by its number alone
    else:
        was = before.get(review.id, ()) if before is not None and not _detached(record) else ()
        found = locate(review, record.anchor, passage, was, edited=not isinstance(record, Quote))
    kept = record.anchor._replace(paragraph_text=passage) if on_paragraph and passage else record.anchor
    return (kept, True) if found is None else (found, False)


def reanchored(
    records: Iterable[Note | Quote], reviews: list[Review], before: Mapping[str, tuple[str, ...]] | None = None
) -> dict[str, tuple[Anchor, bool]]:
    """New (anchor, detached) by record id for each note or quote whose review is among `reviews`
    and whose anchor moved, broke, or found its text again (`UserSnapshot.anchored` gives both).
    `before` (`paragraphs_before`): the reviews' paragraphs as stored until this import. A detached
    paragraph anchor whose words are not known stays detached rather than attached by number; one
    detached keeps its words, so a later import (or the review removed and brought back) finds them."""
    by_id = {review.id: review for review in reviews}
    updates: dict[str, tuple[Anchor, bool]] = {}
    for record in records:
        review = by_id.get(record.anchor.review_id)
        if review is None:
            continue
        anchor, detached = followed(record, review, before)
        if anchor != record.anchor or detached != record.detached:
            updates[record.id] = (anchor, detached)
    return updates


def drafts_followed(
    drafts: Iterable[Draft], reviews: list[Review], before: Mapping[str, tuple[str, ...]] | None = None
) -> list[tuple[Draft, Anchor]]:
    """Each draft on one of `reviews` with where its place is now (`followed`, as its review's notes):
    `Drafts.move` puts it there. One whose words or comment are gone stays where it was, its words kept."""
    by_id = {review.id: review for review in reviews}
    return [
        (draft, followed(draft, by_id[rid], before)[0]) for draft in drafts if (rid := draft.anchor.review_id) in by_id
    ]


def words_remembered(
    records: Iterable[Note | Quote], review_ids: Iterable[str], stored: Callable[[str], Review | None]
) -> dict[str, tuple[Anchor, bool]]:
    """Attached paragraph anchors of `review_ids` made before anchors kept their paragraph's words,
    given them from the review as stored (`reanchored` on the review as it is): read before the
    review is removed, so that importing it again attaches them by their words, not their number."""
    records = tuple(records)
    wanted = {
        record.anchor.review_id
        for record in records
        if _on_paragraph(record.anchor) and record.anchor.paragraph_text is None and not record.detached
    }
    reviews = [review for review_id in review_ids if review_id in wanted and (review := stored(review_id)) is not None]
    return reanchored(records, reviews, paragraphs_before(records, reviews, stored)) if reviews else {}


def moves_said(records: Iterable[Note | Quote], updates: Mapping[str, tuple[Anchor, bool]]) -> Counter[tuple[str, str]]:
    """What `updates` does that a user must hear of after an import, counted: (`note`, `detached`),
    (`quote`, `attached again`) (a note moved with its words needs no word). A note detached by a
    re-import was only found in `A`."""
    said: Counter[tuple[str, str]] = Counter()
    for record in records:
        if (update := updates.get(record.id)) is not None and update[1] != record.detached:
            kind = "note" if isinstance(record, Note) else "quote"
            said[kind, "detached" if update[1] else "attached again"] += 1
    return said
