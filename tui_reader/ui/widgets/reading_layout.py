"""The reading pane's text as lines: the review's head and its paragraphs wrapped to a width.

No widget here: what the pane draws, and what tests and quote mode read, made from a review alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from tui_reader.core.content.about import expects_subject, named, subject_parts
from tui_reader.core.content.formatting import blocks, body_kind, plain_text
from tui_reader.core.content.models import Review
from tui_reader.core.content.pages import page_of, short_address, site_of
from tui_reader.core.content.spoilers import all_hidden
from tui_reader.core.content.text import visible
from tui_reader.ui.widgets.lines import body_lines, meta_text
from tui_reader.ui.widgets.verdict import verdict_parts
from tui_reader.ui.widgets.wrap import wrap

MEASURE = 80  # columns: long lines are hard to follow back to their start
TITLE, SUBTITLE, META, BODY = "title", "subtitle", "meta", "body"
SUBJECT, VERDICT, WARNING, ASIDE = "subject", "verdict", "warning", "aside"
SPOILER_WARNING = "⚠ Spoiler warning: this {} gives the story away"
HIDDEN_TEXT = "Its text is hidden until you ask: Enter shows it (Enter again hides it)"
EMPTY_HINT = "Nothing to read yet: import a file with  tui-reader import PATH"


class Line(NamedTuple):
    """One wrapped line of the reading pane, and what it belongs to."""

    text: str
    kind: str = BODY
    paragraph: int = -1  # index in review.paragraphs; -1 for the head and blank lines


def layout(
    review: Review | None, width: int, empty: str = EMPTY_HINT, aside: Sequence[str] = (), *, hidden: bool = False
) -> list[Line]:
    """The review as wrapped lines; every string from the review goes through `visible`.
    With no review, `empty`: why the pane is empty, and what to press. `aside`: a line under the
    head for each of its notes whose place is gone (a detached note was found only in `A`).
    `hidden`: the head only, and how to show the text (`hides_text`)."""
    if review is None:
        return [Line(text, META) for text in wrap(empty, width)]
    lines = [Line(text, TITLE) for text in wrap(visible(review.title, single_line=True) or "(untitled)", width)]
    if review.subtitle:
        lines += [Line(text, SUBTITLE) for text in wrap(visible(review.subtitle, single_line=True), width)]
    lines += head(review, width)
    for said in aside:
        lines += [Line(text, ASIDE) for text in wrap(visible(said, single_line=True), width)]
    if count := review.comment_count:
        lines.append(Line(f"{count} comment{'s' if count != 1 else ''}", META))
    if hidden:
        return [*lines, Line(""), *(Line(text, WARNING) for text in wrap(HIDDEN_TEXT, width))]
    kind = body_kind(review.format)
    in_list = False
    for index, paragraph in enumerate(review.paragraphs):
        found = blocks(paragraph, kind)
        if not (in_list and found and found[0].indent):  # list items stored one a paragraph stay together
            lines.append(Line(""))
        lines += [Line(text, BODY, index) for text in body_lines(paragraph, kind, width)]
        in_list = bool(found) and found[-1].indent > 0
    return lines


def hides_text(review: Review | None) -> bool:
    """Whether the pane hides the review's text until asked: its source flags all of it a spoiler
    (`all_hidden`). Moving down the list shows each review at once; a warning over the words it
    warns of was read with them (Goodreads and Letterboxd hide such a review's text too)."""
    return review is not None and all_hidden(review.spoiler, review.paragraphs, body_kind(review.format))


def paragraph_spans(lines: Sequence[Line]) -> list[range]:
    """Per paragraph, the range of its line indexes."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.paragraph >= 0:
            starts.setdefault(line.paragraph, index)
            ends[line.paragraph] = index + 1
    return [range(starts[p], ends[p]) for p in sorted(starts)]


def paragraph_texts(review: Review) -> list[str]:
    """Each paragraph as the reader sees it (no Markdown signs): what quote mode selects in."""
    kind = body_kind(review.format)
    return [plain_text(paragraph, kind) for paragraph in review.paragraphs]


def head(review: Review, width: int) -> list[Line]:
    """What the review is about and what it says of it, under the title: year · kind · by creator
    (the subject's name when the title is not it); the rating on its scale, recommended, helpful
    votes; a spoiler warning; author · date · where it is on the web; tags."""
    lines: list[Line] = []
    if review.subject is not None and (about := " · ".join(subject_parts(review.subject, review.title))):
        lines += [Line(text, SUBJECT) for text in wrap(about, width)]
    verdict = verdict_parts(review)
    if verdict:
        lines += [Line(text, VERDICT) for text in wrap(" · ".join(verdict), width)]
    if review.spoiler:
        said = SPOILER_WARNING.format("review" if expects_subject(review.format) else "post")  # (a thread's)
        lines += [Line(text, WARNING) for text in wrap(said, width)]  # wrapped as every head line
    unscaled = review.rating if not review.rating_max else None
    author = named(review.author)  # a Steam or Yelp user's id is no name (the rows and `Y` say none)
    meta = meta_text(author, review.date, unscaled, full=True)
    page = page_of(review)  # what `O` opens; never the file it was imported from
    where = page.said() if page is not None else site_of(review)
    together = meta_text(author, review.date, unscaled, where, full=True)
    # The page's address on a line of its own when it does not fit beside who and when, so a
    # wrap never leaves a lone "·" and the address starts at the margin, whole where it fits
    # (what it is the page of goes under it rather than break it: `amazon. com/dp/…`).
    parts: tuple[str, ...] = (together,) if len(together) <= width or not where else (meta, where)
    if page is not None and page.of and len(where) > width >= len(short_address(page.url)):
        parts = (meta, short_address(page.url), f"({page.label})")
    for part in parts:
        lines += [Line(text, META) for text in wrap(part, width) if part]
    tags = [visible(tag, single_line=True) for tag in review.tags]
    if tags := [tag for tag in tags if tag]:
        lines += [Line(text, META) for text in wrap("tags: " + ", ".join(tags), width)]
    return lines
