"""Removing what was imported: chosen reviews, or everything one import brought in.

The library forgets the reviews (catalog rows, shard documents) and the search index
follows (`search.build.forget`). What the user made on them is kept aside, never
destroyed: notes are marked detached (their quoted text kept), quotes, bookmarks,
read marks, subjects set by hand and drafts (`drafts.json`) stay as they are, and the
title of a review that held any of them is remembered (`UserData.set_aside`). All of it
comes back when the same review is imported again (same id): `Store` re-anchors its notes
and places its drafts again then.

The library's removal is one atomic catalog write (`Library.remove`); the index and
the notes follow it. A crash after that write leaves an index that the next
`SearchIndex.open` brings up to date, and notes that show as detached anyway (their
review is gone).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tui_reader.core.content.text import plural
from tui_reader.core.personal.anchors import words_remembered
from tui_reader.core.store import Removed, Store, StoreError
from tui_reader.core.store.drafts import Drafts


class Plan(NamedTuple):
    """What a removal would take out, and what of the user's it would set aside."""

    ids: tuple[str, ...]
    comments: int
    notes: int
    quotes: int
    bookmarks: int
    drafts: int = 0  # notes typed and not saved (`drafts.json`): kept aside as the notes are

    @property
    def kept_aside(self) -> int:
        return self.notes + self.quotes + self.drafts


class Done(NamedTuple):
    """What a removal did."""

    removed: Removed
    notes_detached: int
    plan: Plan


def plan_ids(store: Store, prefixes: Iterable[str]) -> Plan:
    """The reviews named by ids or unique id prefixes (LookupError, one line, for one that is not)."""
    library = store.library
    ids = tuple(dict.fromkeys(library.resolve(prefix) for prefix in prefixes))
    return _plan(store, ids)


def plan_source(store: Store, path: Path) -> Plan:
    """Every review one import of `path` brought in: those whose source is that file (or a member
    of that zip), or lies under that folder. The path is resolved as the importers resolve it."""
    wanted = source_names(path)
    library = store.library
    ids = tuple(
        review_id
        for review_id, source in zip(library.column("id"), library.column("source"), strict=True)
        if isinstance(source, str) and _from(source, wanted)
    )
    return _plan(store, ids)


def source_names(path: Path) -> tuple[str, ...]:
    """The spellings an import gives `path` as a source: resolved (links followed) and absolute."""
    expanded = path.expanduser()
    names = {str(expanded.resolve()), os.path.normpath(expanded.absolute()), str(expanded.absolute())}
    return tuple(sorted(name.rstrip(os.sep) or os.sep for name in names))


def _from(source: str, names: tuple[str, ...]) -> bool:
    for name in names:
        if source == name:
            return True
        if source.startswith(name) and (name.endswith(("/", os.sep)) or source[len(name)] in ("/", os.sep)):
            return True
    return False


def _plan(store: Store, ids: tuple[str, ...]) -> Plan:
    library = store.library
    chosen = frozenset(ids)
    comments = library.column("comments")
    total = 0
    for review_id in ids:
        position = library.position(review_id)
        if position is not None:
            total += comments[position] or 0
    user = store.user.snapshot()
    return Plan(
        ids=ids,
        comments=total,
        notes=sum(note.anchor.review_id in chosen for note in user.notes),
        quotes=sum(quote.anchor.review_id in chosen for quote in user.quotes),
        bookmarks=sum(bookmark.review_id in chosen for bookmark in user.bookmarks),
        drafts=sum(draft.anchor.review_id in chosen for draft in Drafts(store.data_dir).all()),
    )


def remove(store: Store, plan: Plan) -> Done:
    """Remove the planned reviews from the library and the search index; detach their notes."""
    store.user.update_anchors(words_remembered(store.user.snapshot().anchored, plan.ids, store.library.get))
    removed = store.library.remove(plan.ids)
    # The user's notes first: whatever happens to the index next, they are set aside.
    drafted = {draft.anchor.review_id for draft in Drafts(store.data_dir).all()} if plan.drafts else set()
    detached = store.user.set_aside(dict(zip(removed.ids, removed.titles, strict=True)), drafted)
    if removed.ids:
        from tui_reader.core.search.build import forget

        # A read-only, busy or damaged index is stale now, never wrong: the next open catches up.
        with contextlib.suppress(OSError, StoreError, ValueError, TypeError, KeyError):
            forget(store, store.library.folder / "index", removed)
    return Done(removed, detached, plan)


def yours(plan: Plan) -> str:
    """What of the user's the removal keeps aside, counted: `2 notes, 1 draft, 1 bookmark`; empty
    when nothing. The one wording for `remove`, the app's question and what it says when done."""
    mine = ((plan.notes, "note"), (plan.quotes, "quote"), (plan.drafts, "draft"), (plan.bookmarks, "bookmark"))
    return ", ".join(plural(count, word) for count, word in mine if count)


def describe(plan: Plan, where: str) -> str:
    """`3 reviews (12 comments) from WHERE`, then what of the user's is kept aside: `; 2 notes, 1 draft kept aside`."""
    line = f"{plural(len(plan.ids), 'review')} ({plural(plan.comments, 'comment')}) from {where}"
    kept = yours(plan)
    return f"{line}; {kept} kept aside" if kept else line
