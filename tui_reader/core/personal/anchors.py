"""Keep notes and quotes attached to the text they were made on when a re-import changes it.

A note or quote remembers the review, comment, paragraph, offset and (from quote mode) the
quoted text. After a re-import the quoted text is looked for again, nearest first (the same
comment or paragraph, then anywhere in the review). Found: the anchor moves with it. Gone
(or its comment deleted): the record is marked detached — shown apart, never dropped — and
attached again when a later import brings its text back. One pass serves both kinds.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui_reader.core.content.formatting import body_kind, plain_text
from tui_reader.core.content.models import Anchor, Note, Quote, Review, walk_comments


def _find(text: str, quoted: str, kind: str) -> int:
    """Where `quoted` is in `text` as stored, else as read (a quote from a formatted body is taken
    from its plain text: `**bold**` is quoted as `bold`); -1 when in neither."""
    found = text.find(quoted)
    return found if found >= 0 else plain_text(text, kind).find(quoted)


def _find_in_paragraphs(review: Review, anchor: Anchor, quoted: str) -> Anchor | None:
    order = list(range(len(review.paragraphs)))
    if anchor.paragraph is not None and 0 <= anchor.paragraph < len(order):
        order.remove(anchor.paragraph)
        order.insert(0, anchor.paragraph)
    for index in order:
        offset = _find(review.paragraphs[index], quoted, body_kind(review.format))
        if offset >= 0:
            return anchor._replace(comment_id=None, paragraph=index, offset=offset)
    return None


def locate(review: Review, anchor: Anchor) -> Anchor | None:
    """Where `anchor` points in `review` now, or None when its text or target is gone."""
    comments = {comment.id: comment for _, comment in walk_comments(review.comments)}
    quoted, kind = anchor.quoted, body_kind(review.format)
    if anchor.comment_id is not None:
        comment = comments.get(anchor.comment_id)
        if comment is not None and (not quoted or _find(comment.body, quoted, kind) >= 0):
            offset = _find(comment.body, quoted, kind) if quoted else anchor.offset
            return anchor._replace(offset=offset)
        if not quoted:
            return None
        for comment in comments.values():
            if (offset := _find(comment.body, quoted, kind)) >= 0:
                return anchor._replace(comment_id=comment.id, offset=offset)
        return _find_in_paragraphs(review, anchor, quoted)
    if quoted:
        found = _find_in_paragraphs(review, anchor, quoted)
        if found is not None:
            return found
        for comment in comments.values():
            if (offset := _find(comment.body, quoted, kind)) >= 0:
                return anchor._replace(comment_id=comment.id, paragraph=None, offset=offset)
        return None
    if anchor.paragraph is not None and anchor.paragraph >= len(review.paragraphs):
        return None
    return anchor


def reanchored(records: Iterable[Note | Quote], reviews: list[Review]) -> dict[str, tuple[Anchor, bool]]:
    """New (anchor, detached) by record id for each note or quote whose review is among `reviews`
    and whose anchor moved, broke, or found its text again (`UserSnapshot.anchored` gives both)."""
    by_id = {review.id: review for review in reviews}
    updates: dict[str, tuple[Anchor, bool]] = {}
    for record in records:
        review = by_id.get(record.anchor.review_id)
        if review is None:
            continue
        found = locate(review, record.anchor)
        anchor, detached = (record.anchor, True) if found is None else (found, False)
        if anchor != record.anchor or detached != record.detached:
            updates[record.id] = (anchor, detached)
    return updates
