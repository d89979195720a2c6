"""A hit in who wrote: the review's author, or a commenter (`search PresidentCleveland`, `author:NAME`).

Why apart from `hits.locate`: a name is in no text field, so it is looked for only where no
text matched, and its snippet is that person's words after their name (`PresidentCleveland:
I think…`), so that the hit says why the review was found and the app opens it at the comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.core.content.formatting import body_kind
from tui_reader.core.content.spoilers import hidden_plain
from tui_reader.core.content.text import visible
from tui_reader.core.search.terms import Matcher, Term, WholeWords

if TYPE_CHECKING:
    from tui_reader.core.content.review_text import ReviewText
    from tui_reader.core.search.hits import Hit
    from tui_reader.core.search.query import Query


def author_named(query: Query) -> str | None:
    """The name (folded words) of the query's first `author:` filter, when not negated."""
    return next((facet.value for facet in query.facets if facet.name == "author" and not facet.negated), None)


def by_name(review: ReviewText, position: int, score: int, query: Query, opening: str) -> Hit | None:
    """The hit where the query's words (else its `author:` name) name who wrote: the review's own
    author first (kind "author"; for `author:`, whose answer it is, None: the review itself), then
    the first comment, in reading order, by that name (kind "comment"). None: no name matches."""
    from tui_reader.core.search.hits import Hit, spans_of

    words = query.locator
    name = author_named(query) if words is None else None
    if words is not None:
        matcher: Matcher = words
    elif name is not None:
        matcher = WholeWords((Term(tuple(name.split(" ")), phrase=True),))
    else:
        return None  # filters only (`is:unread`): no comment is decoded
    if review.author and spans_of(matcher, review.author):
        if words is None:
            return None
        shown, spans = _said_by(review.author, opening, matcher)
        return Hit(review.id, position, score, "author", shown, spans)
    for at, author in enumerate(review.commenters):
        if author and spans_of(matcher, author):
            comment_id, body = review.comments[at]
            shown, spans = _said_by(author, hidden_plain(body, body_kind(review.format)), matcher)
            return Hit(review.id, position, score, "comment", shown, spans, comment_id=comment_id)
    return None


def _said_by(author: str, words: str, matcher: Matcher) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`NAME: their words` on one line, the name's match lit (not the same words in theirs)."""
    from tui_reader.core.search.hits import snippet, spans_of

    name = visible(author, single_line=True)
    line = f"{name}: {' '.join(words.split())}" if words.strip() else name
    return snippet(line, matcher, found=spans_of(matcher, name))
