"""Per-review memory in the state file: scroll position, focused comment, comments seen.

Kept for the last `KEEP` reviews opened (oldest dropped first) so the state file
stays small however long the library is read. Values come from a file a user may
have edited, so every read checks its types and falls back to "nothing remembered".
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tui_reader.core.content.models import Review
from tui_reader.core.personal.seen import new_comment_ids, seen_keys
from tui_reader.ui.state.remembered import UiState

KEEP = 200


class Recalled(NamedTuple):
    """What the state file remembers of one review."""

    scroll: float = 0.0
    comment_id: str | None = None
    seen: tuple[str, ...] | None = None  # None: never opened (no comment is "new")


def recall(state: UiState, review_id: str) -> Recalled:
    entry: Any = state.reviews.get(review_id)
    if not isinstance(entry, dict):
        return Recalled()
    scroll = entry.get("scroll")
    comment = entry.get("comment")
    seen = entry.get("seen")
    return Recalled(
        scroll=float(scroll) if isinstance(scroll, int | float) and not isinstance(scroll, bool) else 0.0,
        comment_id=comment if isinstance(comment, str) else None,
        seen=tuple(k for k in seen if isinstance(k, str)) if isinstance(seen, list) else None,
    )


def keep(state: UiState, review: Review, scroll: float, comment_id: str | None) -> None:
    """Remember where the reader is in `review` (and that its comments were seen)."""
    reviews = state.reviews
    reviews.pop(review.id, None)  # re-inserted last: dicts keep insertion order, oldest first
    reviews[review.id] = {"scroll": scroll, "comment": comment_id, "seen": seen_keys(review.comments)}
    while len(reviews) > KEEP:
        del reviews[next(iter(reviews))]


def new_comments(state: UiState, review: Review) -> frozenset[str]:
    """Comments of `review` added since it was last opened."""
    return new_comment_ids(review.comments, recall(state, review.id).seen)
