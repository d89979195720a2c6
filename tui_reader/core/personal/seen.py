"""Which comments a reader has already seen, so a re-import's new ones can be marked.

Pure functions over a review's comment forest. What is remembered per review is a
list of short keys (8 hex digits of each comment id's hash) rather than the ids
themselves: a 1,000-comment review costs ~10 KB in the state file, and a
collision (1 in 4 billion per pair) only means one new comment is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui_reader.core.content.models import Comment, walk_comments

KEY_HEX = 8


def comment_key(comment_id: str) -> str:
    import hashlib  # here: loading it is 1 ms of every start, and a review with no comments needs none

    return hashlib.blake2s(comment_id.encode("utf-8", "surrogatepass"), digest_size=KEY_HEX // 2).hexdigest()


def seen_keys(comments: tuple[Comment, ...]) -> list[str]:
    """The keys to remember after showing these comments."""
    return [comment_key(comment.id) for _, comment in walk_comments(comments)]


def new_comment_ids(comments: tuple[Comment, ...], seen: Iterable[str] | None) -> frozenset[str]:
    """Ids of the comments not among `seen` keys; nothing is new on a first visit (`seen` None), nor a
    placeholder for a comment deleted before it was fetched (nothing in it to read)."""
    if seen is None:
        return frozenset()
    known = set(seen)
    return frozenset(
        c.id for _, c in walk_comments(comments) if comment_key(c.id) not in known and (c.body or not c.gone)
    )
