"""Threads spread over many files, merged into one review each when every file is read.

A Reddit dump holds one post's comments in several files (and the post in yet another);
Staticman keeps one file per comment. Their importers do not decide what a thread is
from one file: each file gives `Fragment`s (a thread key, maybe the thread's own post,
and flat comment records with their parents) and `merge` builds each thread once, with
the one thread builder (`build_threads`: orphans, cycles, the depth cap):

- `parse_file` alone: the file's own fragments are merged into its `Parsed.reviews`;
- an import: the parse pool holds the files with fragments back until the last file is
  parsed, then merges the fragments of the whole import (workers send fragments; the
  main process merges), so a reply in one file finds its parent in another.

A comment met twice (the same id in two dumps) is kept once, the first record with
text; a deleted one (`dropped`) keeps its replies under its nearest kept ancestor.
A thread already stored is merged with the one read again (`with_stored`): a later dump
holding only new replies adds them, and never replaces the post with a placeholder; a comment
the site deleted since keeps its place, its replies and its text, marked gone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review, walk_comments
from tui_reader.core.importers.base import Parsed, Skipped
from tui_reader.core.importers.threads import MAX_DEPTH, Record, build_threads, oldest_first


@dataclass(frozen=True, slots=True)
class Head:
    """The thread's own post (or a placeholder standing for it): what the review shows above the comments."""

    title: str
    paragraphs: tuple[str, ...]
    author: str | None = None
    date: str | None = None
    url: str | None = None
    votes: int | None = None
    spoiler: bool = False  # the site marks the post a spoiler (Reddit's `spoiler`)


@dataclass(slots=True)
class Fragment:
    """What one file knows of one thread.

    `key` names the thread (the review id is `stable_id(*key)`): every fragment with the
    same key, from any file of the import, is one review. `head` is the post when the
    file has it; `placeholder` stands in when no file of the import has it. `dropped`
    maps comments left out (deleted, removed) to their parents, so their replies stay.
    """

    key: tuple[str, ...]
    format: str
    source: str
    head: Head | None = None
    placeholder: Head | None = None
    records: list[Record] = field(default_factory=list)
    dropped: dict[str, str | None] = field(default_factory=dict)
    parents_by_place: bool = False  # a parent may be named by its place in the thread (`by_place`)


@dataclass(slots=True)
class Merged:
    """The threads of some fragments, in the order their keys were first met, and what the merge noticed."""

    reviews: list[Review]
    firsts: list[int]  # for each review, the index of the first fragment that named its thread
    skipped: list[Skipped]
    real_heads: list[bool] = field(default_factory=list)  # for each review: its post, not a placeholder


def merge(fragments: Sequence[Fragment], where: str) -> Merged:
    """One review per thread key. `where` names the files in the notes (a path, or 'this import')."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, fragment in enumerate(fragments):
        groups.setdefault(fragment.key, []).append(index)
    reviews: list[Review] = []
    firsts: list[int] = []
    real_heads: list[bool] = []
    duplicates = orphans = flattened = 0
    for key, indexes in groups.items():
        parts = [fragments[index] for index in indexes]
        review_id = stable_id(*key)
        records = _ordered(_unique(record for part in parts for record in part.records))
        if any(part.parents_by_place for part in parts):
            records.kept = by_place(records.kept)
        dropped: dict[str, str | None] = {}
        for part in parts:
            for native_id, parent in part.dropped.items():
                dropped.setdefault(native_id, parent)
        thread = build_threads(review_id, records.kept, dropped)
        duplicates += records.duplicates
        orphans += thread.orphans
        flattened += thread.flattened
        owner = next((part for part in parts if part.head is not None), parts[0])
        real_heads.append(owner.head is not None)
        head = owner.head or next((part.placeholder for part in parts if part.placeholder is not None), None)
        if head is None:
            head = Head(title=" ".join(key[1:]) or key[0], paragraphs=())
        reviews.append(
            Review(
                id=review_id,
                title=head.title,
                source=owner.source,
                paragraphs=head.paragraphs,
                author=head.author,
                date=head.date,
                url=head.url,
                format=owner.format,
                comments=thread.comments,
                votes=head.votes,
                spoiler=head.spoiler,
            )
        )
        firsts.append(indexes[0])
    skipped: list[Skipped] = []
    if duplicates:
        skipped.append(Skipped(where, f"{_DUPLICATES} (the same id more than once)", duplicates))
    if orphans:
        skipped.append(Skipped(where, f"{_ORPHANS} ({orphans} whose parent is not in the files)", 0))
    if flattened:
        skipped.append(Skipped(where, f"{_FLATTENED} ({flattened} deeper than {MAX_DEPTH})", 0))
    return Merged(reviews, firsts, skipped, real_heads)


_DUPLICATES = "duplicate comments"
_ORPHANS = "replies placed at top level"
_FLATTENED = "replies placed at the depth limit"


@dataclass(slots=True)
class _Unique:
    kept: list[Record]
    duplicates: int


def _unique(records: Iterable[Record]) -> _Unique:
    """Each comment id once: the first record met."""
    seen: set[str] = set()
    kept: list[Record] = []
    duplicates = 0
    for record in records:
        if record.native_id in seen:
            duplicates += 1
            continue
        seen.add(record.native_id)
        kept.append(record)
    return _Unique(kept, duplicates)


def _ordered(unique: _Unique) -> _Unique:
    """Oldest first (`oldest_first`): files come in name order, which says nothing about when
    their comments were written."""
    oldest_first(unique.kept)
    return unique


def by_place(records: list[Record]) -> list[Record]:
    """Replies whose parent is named by its place in the thread, oldest first, counted from 1
    (`replying_to: '1'` in the Staticman setup many Jekyll blogs copied, whose template numbers the
    comments as it lists them): each to the comment at that place. A parent that is an id of the
    thread stays as it is; a number past the end is left for `build_threads` (a missing parent)."""
    ids = {record.native_id for record in records}
    placed: list[Record] = []
    for record in records:
        parent = record.parent
        if parent is not None and parent not in ids and parent.isdigit() and 0 < int(parent) <= len(records):
            named = records[int(parent) - 1].native_id
            record = replace(record, parent=named if named != record.native_id else None)
        placed.append(record)
    return placed


def with_own_threads(parsed: Parsed) -> Parsed:
    """`parsed` with its fragments merged into reviews: what one file (or one zip of many) gives
    alone (`parse_file`). Reviews it had that no fragment makes (a zip's other members) stay."""
    merged = merge(parsed.fragments, parsed.path)
    without_own_threads(parsed)
    parsed.reviews.extend(merged.reviews)
    parsed.skipped.extend(merged.skipped)
    parsed.threads.update(zip((review.id for review in merged.reviews), merged.real_heads, strict=True))
    return parsed


def with_stored(
    new: Review,
    stored: Review,
    real_head: bool,
    *,
    gone: Mapping[str, str] | None = None,
    listed_since: str | None = None,
    site_order: bool = False,
) -> Review:
    """A thread read again (other dumps, a followed source's refresh) merged with what is stored: every
    comment once (the new text wins), the real post over a placeholder. Without this a later dump
    holding only replies would replace the thread, losing its post and the comments of earlier dumps.

    One rule for a comment the site no longer shows (a placeholder in `new`, named in `gone`, or missing
    from an answer that lists every comment dated `listed_since` or later, '' for the whole thread): it
    keeps its place, the replies under it and the text stored before (a note or a quote may be on
    it), marked `gone`. `site_order` keeps the answer's order (a site's ranking), each comment only
    stored after the one it followed; else oldest first."""
    before = {comment.id: comment for _, comment in walk_comments(stored.comments)}
    fresh = {comment.id: comment for _, comment in walk_comments(new.comments)}
    order = _site_order(stored, fresh) if site_order else list(dict.fromkeys([*before, *fresh]))
    records = [_kept(before.get(cid), fresh.get(cid), gone or {}, listed_since) for cid in order]
    thread = build_threads(new.id, records if site_order else _ordered(_Unique(records, 0)).kept)
    head = new if real_head else stored
    return replace(
        new,
        title=head.title,
        paragraphs=head.paragraphs,
        author=head.author,
        date=head.date,
        url=head.url,
        votes=head.votes,
        spoiler=head.spoiler,
        comments=thread.comments,
    )


def _kept(old: Comment | None, now: Comment | None, gone: Mapping[str, str], listed_since: str | None) -> Record:
    """One comment of the merged thread: as the site says it now, else as stored, with why it is gone."""
    if now is not None and (now.body or not now.gone):
        comment, why, parent = now, now.gone, now.parent
    elif now is not None:  # a placeholder: the site deleted it; the text fetched before stays
        comment, why, parent = (old if old is not None and old.body else now), now.gone, now.parent
    else:
        assert old is not None
        unlisted = listed_since is not None and (old.date or "") >= listed_since
        comment, why, parent = old, old.gone or gone.get(old.id) or ("gone" if unlisted else None), old.parent
    date = comment.date or (now.date if now is not None else None)
    return Record(comment.id, parent, comment.body, comment.author, date, comment.id, comment.score, why)


def _site_order(stored: Review, fresh: dict[str, Comment]) -> list[str]:
    """The new answer's order, each comment only stored placed right after the sibling it followed
    (first among its parent's replies when it came first). A linked list: a subreddit's post merged
    with its stored 5,000-comment thread inserts every comment, each in one step."""
    after: dict[str, str | None] = {}  # comment id (or _FIRST) -> the one after it
    last = _FIRST
    for comment_id in fresh:
        after[last], last = comment_id, comment_id
    after[last] = None
    stack: list[tuple[str, tuple[Comment, ...]]] = [(_FIRST, stored.comments)]
    while stack:  # parents placed before their replies are
        previous, siblings = stack.pop()
        for comment in siblings:
            if comment.id not in fresh:
                after[comment.id], after[previous] = after[previous], comment.id
            previous = comment.id
        stack.extend((comment.id, comment.replies) for comment in siblings if comment.replies)
    order: list[str] = []
    current = after[_FIRST]
    while current is not None:
        order.append(current)
        current = after[current]
    return order


_FIRST = "\0first"  # before the first comment: no comment id is this


def without_own_threads(parsed: Parsed) -> Parsed:
    """`parsed` as it was before `with_own_threads`: its fragments only, for an import to merge
    with the other files' (the file's own threads and notes on them would count twice)."""
    if not parsed.fragments:
        return parsed
    threads = {stable_id(*fragment.key) for fragment in parsed.fragments}
    parsed.reviews = [review for review in parsed.reviews if review.id not in threads]  # a zip's others stay
    notes = (_DUPLICATES, _ORPHANS, _FLATTENED)
    parsed.skipped = [s for s in parsed.skipped if not (s.where == parsed.path and s.reason.startswith(notes))]
    return parsed
