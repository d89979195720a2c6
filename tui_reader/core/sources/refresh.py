"""Follow, refresh and unfollow sources; what is new since the reader last looked.

A refresh fetches (`harvest`), merges each thread with the one stored (`thread_merge`:
every comment once, the post kept, a comment the site deleted kept in its place with its
text, marked) and adds the reviews to the library as an import does: notes on changed
reviews are re-anchored, the search index follows. A failure (offline, 404, 429, a body
cut short or too big, not the expected format) is one line on the source and changes
nothing stored; a source whose site asked to wait (`Retry-After`) is not asked before
then, and is waiting, not failed. Fetching runs outside the sources file's lock; each
source's result is written under it, so two refreshes lose nothing.

New: each source remembers, per review it brought, the comments seen (`seen`). The
first fetch is seen whole; a comment a later refresh brings is new until the reader
marks the source seen (`mark_seen`); a review a later refresh brings is new whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers.base import InputError
from tui_reader.core.personal.seen import new_comment_ids, seen_keys
from tui_reader.core.sources.fetch import Fetcher, FetchError
from tui_reader.core.sources.harvest import Harvest, harvest, hn_story_of
from tui_reader.core.sources.names import parse_target
from tui_reader.core.sources.record import Source, SourceBook, find
from tui_reader.core.sources.said import came, waiting
from tui_reader.core.store import AddResult, Store

if TYPE_CHECKING:
    from tui_reader.core.pipeline.removal import Done


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one refresh of one source did, for its progress line."""

    key: str
    error: str | None = None
    changed: bool = True  # False: the site said nothing changed (304, same comment count)
    new: int = 0
    updated: int = 0
    new_comments: int = 0
    new_replies: int = 0  # new replies to comments the reader bookmarked
    notes: tuple[str, ...] = ()  # what was left out (`57 more comments not fetched: …`), said after the counts
    via: str | None = None  # `hn:1000`: the comment followed, when its story is what is followed
    brings_comments: bool = True  # False: a listing, a feed or a game: its line counts no comments
    retry_at: float | None = None  # not asked: the site asked to wait until then (epoch seconds)
    waited_for: str = ""  # why it asked: the failure that said so (`the site was unavailable (HTTP 503)`)

    @property
    def line(self) -> str:
        """`hn:1: 3 new reviews, 1 updated, 12 new comments; …`, `hn:1: failed: not found (HTTP 404)`, or
        `hn:1: waiting: the site was unavailable (HTTP 503); retry after 23:48 as it asked`."""
        if self.error is not None:
            return f"{self.key}: failed: {self.error}"
        if self.retry_at is not None:
            return f"{self.key}: waiting: {self.waited_for}{waiting(self.retry_at)} as it asked"
        if not self.changed:
            return f"{self.key}: unchanged"
        counts = came(self.new, self.updated, self.new_comments, self.new_replies, comments=self.brings_comments)
        return f"{self.key}: {counts}" + "".join(f"; {note}" for note in self.notes)


class AlreadyFollowed(LookupError):
    """Following what is followed already; `key` names it, for each caller to say how it refreshes it
    (the command line `tui-reader refresh KEY`, the sources view its `r` key)."""

    def __init__(self, key: str, via: str | None = None) -> None:
        said = f"{via} is a comment: its story {key} is followed already" if via else f"already following {key}"
        super().__init__(said)
        self.key = key


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def follow(store: Store, text: str, fetcher: Fetcher) -> tuple[Source, Outcome]:
    """Follow what `text` names and fetch it once. Nothing is kept when that fetch fails
    (the Outcome says why); AlreadyFollowed when it is followed already. A Hacker News comment
    (a pasted `item?id=` link often is one) follows the story it is on (`Outcome.via` says so)."""
    target = parse_target(text)
    book = SourceBook(store.data_dir)
    followed = {source.key for source in book.load()}
    if target.key in followed:  # said before anything is fetched
        raise AlreadyFollowed(target.key)
    via = None
    if target.kind == "hn-item":
        try:
            story = hn_story_of(fetcher, target)
        except (FetchError, InputError) as error:
            return Source.from_target(target, _now()), Outcome(target.key, _reason(error))
        if story.key != target.key:
            via, target = target.key, story
    if target.key in followed:
        raise AlreadyFollowed(target.key, via)
    source = Source.from_target(target, _now())
    outcome = replace(_refresh_one(store, fetcher, source), via=via)
    if outcome.error is None:
        with book.editing() as sources:
            if not any(existing.key == source.key for existing in sources):
                sources.append(source)
    return source, outcome


def refresh(
    store: Store,
    fetcher: Fetcher,
    names: Iterable[str] = (),
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Refresh the named sources (all when none): one Outcome each, in order, told to `progress` as each ends."""
    book = SourceBook(store.data_dir)
    sources = book.load()
    wanted = list(names)
    chosen = [find(sources, name) for name in wanted] if wanted else sources
    outcomes = []
    for source in chosen:
        outcome = _refresh_one(store, fetcher, source)
        with book.editing() as current:  # written per source: an interrupted refresh keeps what it did
            for index, existing in enumerate(current):
                if existing.key == source.key:
                    current[index] = source
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes


def _refresh_one(store: Store, fetcher: Fetcher, source: Source) -> Outcome:
    """Fetch and store one source, updating its record in place; a failure leaves the library alone."""
    if source.retry_at is not None and time.time() < source.retry_at:  # not asked: nothing was tried
        said = source.error or "the site asked to wait"
        return Outcome(source.key, changed=False, retry_at=source.retry_at, waited_for=said)
    source.last_refresh = _now()
    try:
        result = harvest(fetcher, source)
    except FetchError as error:
        source.error = error.lasting  # kept: said later with the time it may retry at, not "after 120 s"
        source.retry_at = time.time() + error.retry_after if error.retry_after else None
        return Outcome(source.key, str(error))
    except InputError as error:
        source.error = error.reason
        return Outcome(source.key, source.error)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError) as error:
        source.error = f"not the expected format ({type(error).__name__}: {str(error)[:100]})"
        return Outcome(source.key, source.error)
    first_visit = source.last_ok is None
    source.error, source.retry_at, source.last_ok = None, None, source.last_refresh
    source.etag, source.last_modified, source.cursor = result.etag, result.last_modified, result.cursor
    if result.reviews is None:
        return Outcome(source.key, changed=False, brings_comments=source.brings_comments)
    before, replies_before = source.new_comments, source.new_replies
    added = store_reviews(store, result)
    known = set(source.reviews)
    source.reviews.extend(rid for rid in dict.fromkeys(review.id for review in result.reviews) if rid not in known)
    if first_visit:
        mark_seen(store, source)
    else:
        recount(store, source)
    new_comments = max(0, source.new_comments - before)
    new_replies = max(0, source.new_replies - replies_before)
    return Outcome(
        source.key,
        None,
        True,
        added.new,
        added.updated,
        new_comments,
        new_replies,
        tuple(result.notes),
        brings_comments=source.brings_comments,
    )


def _reason(error: FetchError | InputError) -> str:
    return error.reason if isinstance(error, InputError) else str(error)


def store_reviews(store: Store, result: Harvest) -> AddResult:
    """Add a harvest's reviews: each thread merged with the stored one, notes re-anchored, index refreshed."""
    from tui_reader.core.importers.thread_merge import with_stored
    from tui_reader.core.personal.anchors import paragraphs_before, reanchored
    from tui_reader.core.search import refresh_index
    from tui_reader.core.store.drafts import Drafts

    library = store.library
    merged: list[Review] = []
    for review in result.reviews or []:
        stored = library.get(review.id)
        real_head = result.threads.get(review.id, True)
        if stored is not None:  # what the site no longer sends is kept, what it deleted marked so
            since = result.listed.get(review.id)
            review = with_stored(review, stored, real_head, gone=result.gone, listed_since=since, site_order=True)
        if stored is not None and stored.source != review.source:
            review = replace(review, source=stored.source)  # whoever brought it first owns it (unfollow --remove)
        if stored is not None and review.votes is None and stored.votes is not None:
            review = replace(review, votes=stored.votes)  # a fetch that says nothing of the points erases none
        merged.append(review)
    drafts = Drafts(store.data_dir)  # notes typed and not saved follow their words as the notes do
    before = paragraphs_before((*store.user.snapshot().anchored, *drafts.on_any(merged)), merged, library.get)
    added = library.add(merged)
    if added.updated_ids:
        changed = [review for review in merged if review.id in added.updated_ids]
        store.user.update_anchors(reanchored(store.user.snapshot().anchored, changed, before))
        drafts.follow(changed, before)
    if added.new or added.updated:
        refresh_index(store)
    return added


def _reviews(store: Store, source: Source) -> list[Review]:
    found = (store.library.get(review_id) for review_id in source.reviews)
    return [review for review in found if review is not None]


def mark_seen(store: Store, source: Source) -> None:
    """Everything the source brought counts as seen from now on (its record, not yet saved)."""
    source.seen = {review.id: seen_keys(review.comments) for review in _reviews(store, source)}
    recount(store, source)


def recount(store: Store, source: Source) -> None:
    """The source's counts from the library: its reviews, their comments (a thread's only: see
    `Source.brings_comments`), what is new."""
    reviews = _reviews(store, source)
    source.new_reviews = sum(review.id not in source.seen for review in reviews)
    source.comments = source.new_comments = source.new_replies = 0
    source.new_in = {}
    if not source.brings_comments:
        return
    source.comments = sum(review.comment_count for review in reviews)
    bookmarked = store.user.snapshot().bookmarked_comments
    for review in reviews:
        new = new_comments(source, review)
        source.new_comments += len(new)
        if new:
            source.new_in[review.id] = len(new)
        if new and bookmarked:
            source.new_replies += sum(c.id in new and c.parent in bookmarked for _, c in walk_comments(review.comments))


def new_comments(source: Source, review: Review) -> frozenset[str]:
    """Ids of the comments of `review` that came after the reader last marked `source` seen."""
    return new_comment_ids(review.comments, source.seen.get(review.id))


def mark_seen_named(store: Store, names: Iterable[str] = ()) -> list[Source]:
    """Mark the named sources (all when none) seen, and save them."""
    with SourceBook(store.data_dir).editing() as sources:
        wanted = list(names)
        chosen = [find(sources, name) for name in wanted] if wanted else list(sources)
        for source in chosen:
            mark_seen(store, source)
    return chosen


def unfollow(store: Store, name: str, *, remove: bool = False) -> tuple[Source, Done | None]:
    """Stop following a source; with `remove`, also remove the reviews it brought that are still its
    own (a review imported from a file since is the file's). The user's notes are kept aside, as
    `tui-reader remove` keeps them (`pipeline.removal`)."""
    with SourceBook(store.data_dir).editing() as sources:
        source = find(sources, name)
        sources.remove(source)
    if not remove:
        return source, None
    from tui_reader.core.pipeline.removal import plan_ids
    from tui_reader.core.pipeline.removal import remove as remove_planned

    library = store.library
    own = [
        review_id
        for review_id in source.reviews
        if (position := library.position(review_id)) is not None and library.column("source")[position] == source.url
    ]
    return source, remove_planned(store, plan_ids(store, own))
