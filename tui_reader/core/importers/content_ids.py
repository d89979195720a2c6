"""Names for what a file gives no id: made from what it says, never from where it is.

A table row without an id column was named by its line number, a plain-text comment by its
place in the thread (`2.1`): a newer download with rows added at the top, or a comment deleted
above another, gave every id to other text, and the notes and bookmarks on them went along.
Now a row is named by its words: its title, author, date, subject and text, not its rating,
votes or tags (a newer export corrects a rating and counts votes again: still the same
review). A comment is named by its words and the words it replies to. The second and third
copy word for word are numbered, so both are kept.

Libraries stored before hold the old ids, with the user's notes on them: the importer lists
each row's old id (`Parsed.older_ids`) and which threads it named by their words
(`Parsed.threads_by_content`), and the import keeps a stored id whose review or comment says
the same (`pipeline.older_ids`). Both sides name things with the functions here.
"""

from __future__ import annotations

from dataclasses import replace

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review, walk_comments


def numbered(seen: dict[str, int], name: str) -> int:
    """How many times `name` has come so far, this one included (`seen` counts them)."""
    count = seen[name] = seen.get(name, 0) + 1
    return count


def row_parts(title: str, author: str | None, date: str | None, subject: str | None, body: str) -> tuple[str, ...]:
    """What makes a row the review it is (`subject`: the name of what it is about). `title` as the
    row writes it, "" when it has none: a title made from the text would re-name every such row
    whenever the making changes (a leading `1.` skipped since)."""
    return (title, author or "", date or "", subject or "", body)


def said_parts(author: str | None, date: str | None, subject: str | None, body: str) -> tuple[str, ...]:
    """What a stored row and a row read must both say to be one review (`pipeline.older_ids`): no
    title, which the stored row may hold as an older version made it from the text."""
    return (author or "", date or "", subject or "", body)


def review_said_parts(review: Review) -> tuple[str, ...]:
    return said_parts(review.author, review.date, review.subject.name if review.subject else None, review.body)


def row_id(seen: dict[str, int], key: str, parts: tuple[str, ...]) -> str:
    """The id of a row of the file `key` with no id column; a repeated row's has its count."""
    first = stable_id("table", key, "row", *parts)
    count = numbered(seen, first)
    return first if count == 1 else stable_id(first, str(count))


def reply_name(seen: dict[str, int], parent_body: str | None, body: str) -> str:
    """A comment's native id: its words and the words it replies to (none at the top), counted
    when the same reply to the same words comes again. One hash per comment is made of it
    (`threads.build_threads`), not two."""
    name = f"{parent_body or ''}\x00{body}"
    count = numbered(seen, name)
    return name if count == 1 else f"{name}\x00{count}"


def older_comment_ids(stored: Review) -> dict[str, str]:
    """For each stored comment whose id is not the one its words give it (an older version named
    it by its place): the id its words give → the stored id."""
    seen: dict[str, int] = {}
    bodies: list[str] = []  # the body at each depth above this comment
    older: dict[str, str] = {}
    for depth, comment in walk_comments(stored.comments):
        del bodies[depth:]
        named = stable_id(stored.id, reply_name(seen, bodies[-1] if bodies else None, comment.body))
        bodies.append(comment.body)
        if named != comment.id:
            older[named] = comment.id
    return older


def with_comment_ids(review: Review, older: dict[str, str]) -> Review:
    """The review with each comment named in `older` under its stored id, and its replies under it;
    never an id another comment of the review has."""
    ids = {comment.id for _, comment in walk_comments(review.comments)}
    renames = {new: old for new, old in older.items() if new in ids and old not in ids}
    if not renames:
        return review
    return replace(review, comments=tuple(_renamed(comment, renames) for comment in review.comments))


def _renamed(comment: Comment, renames: dict[str, str]) -> Comment:
    """Recursive: a thread is at most `threads.MAX_DEPTH` deep."""
    parent = comment.parent
    return replace(
        comment,
        id=renames.get(comment.id, comment.id),
        parent=renames.get(parent, parent) if parent is not None else None,
        replies=tuple(_renamed(reply, renames) for reply in comment.replies),
    )
