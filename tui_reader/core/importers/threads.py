"""Turn flat (id, parent) records into a Comment forest: the one thread builder.

Every format with parent links (WXR, Disqus, HN, the Reddit scrape once
flattened) goes through here, so order, orphans and depth are handled once:
- siblings keep the order the records came in (`oldest_first` puts dated ones in time order first);
- a record whose parent was dropped (spam, deleted) hangs under the nearest kept
  ancestor; one whose parent is nowhere in the file becomes a top-level comment;
- a duplicate id keeps the first record; a parent cycle is broken at top level;
- depth is capped at MAX_DEPTH (deeper replies sit at the cap) because stored
  documents nest two JSON levels per reply and serialisers stop near 255.

Formats that arrive already nested (plain text, our own export) are flattened to
records first, so they are capped here too: no importer builds a deeper tree.
Nothing here recurses, so a thread of any depth in the file is safe to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment

MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Record:
    """One comment as read from a file, before it is placed in the tree."""

    native_id: str
    parent: str | None
    body: str
    author: str = ""
    date: str | None = None
    id: str | None = None  # the comment id to keep (our own export); None: derived from review and native id
    score: int | None = None
    gone: str | None = None  # the site no longer shows it (`Comment.gone`)


@dataclass(slots=True)
class ThreadResult:
    comments: tuple[Comment, ...]
    orphans: int = 0  # replies whose parent was nowhere in the file: now top level
    duplicates: int = 0
    flattened: int = 0  # replies deeper than MAX_DEPTH, placed at the cap
    ids: dict[str, str] = field(default_factory=dict)  # native id -> comment id


def oldest_first(records: list[Record]) -> list[Record]:
    """`records` oldest first when every one has a date, else as met: the order blogs show their
    comments in, which their exports need not keep (a Disqus-made WXR lists them in any order,
    Disqus threads merged for one page list each thread's posts in turn). Stable: ties keep
    their order. Dates are compared as the importer normalised them (ISO text)."""
    if records and all(record.date for record in records):
        records.sort(key=lambda record: record.date or "")
    return records


def build_threads(
    review_id: str,
    records: Iterable[Record],
    dropped: Mapping[str, str | None] | None = None,
) -> ThreadResult:
    """Comment forest for one review. `dropped` maps skipped native ids to their parents."""
    dropped = dropped or {}
    kept: dict[str, Record] = {}
    duplicates = 0
    parents_first = True  # every parent met before its replies: no climb, no cycle, file order is the order
    for record in records:
        if record.native_id in kept:
            duplicates += 1
            continue
        if record.parent is not None and record.parent not in kept:
            parents_first = False
        kept[record.native_id] = record
    if not kept:
        return ThreadResult((), duplicates=duplicates)

    def kept_ancestor(parent: str | None) -> tuple[str | None, bool]:
        """Climb past dropped records; (ancestor or None, whether the chain ended at a missing id)."""
        if parent is None or parent in kept:  # the usual case: no climb
            return parent, False
        seen: set[str] = set()
        while parent is not None and parent not in kept:
            if parent in seen or parent not in dropped:
                return None, parent not in seen
            seen.add(parent)
            parent = dropped[parent]
        return parent, False

    parent_of: dict[str, str | None] = {}
    orphans = 0
    if parents_first:  # plain text, our own export, most real exports
        parent_of = {native_id: record.parent for native_id, record in kept.items()}
        order = list(kept)
    else:
        for native_id, record in kept.items():
            parent, missing = kept_ancestor(record.parent)
            orphans += missing
            parent_of[native_id] = parent if parent != native_id else None
        _break_cycles(parent_of)
        order = _topological(parent_of)

    children: dict[str | None, list[str]] = {}
    depth: dict[str, int] = {}
    flattened = 0
    for native_id in order:
        parent = parent_of[native_id]
        if parent is not None and depth[parent] >= MAX_DEPTH:
            while parent is not None and depth[parent] >= MAX_DEPTH:
                parent = parent_of[parent]
            flattened += 1
            parent_of[native_id] = parent
        depth[native_id] = 0 if parent is None else depth[parent] + 1
    for native_id in kept:  # file order, so siblings keep their order
        children.setdefault(parent_of[native_id], []).append(native_id)

    ids = {native_id: record.id or stable_id(review_id, native_id) for native_id, record in kept.items()}
    built: dict[str, Comment] = {}
    for native_id in reversed(order):  # still parents first: a reply only ever moves up to an ancestor
        record = kept[native_id]
        parent = parent_of[native_id]
        built[native_id] = Comment(
            id=ids[native_id],
            body=record.body,
            author=record.author,
            parent=ids[parent] if parent is not None else None,
            date=record.date,
            score=record.score,
            gone=record.gone,
            replies=tuple([built[child] for child in children.get(native_id, ())]),
        )
    roots = tuple(built[native_id] for native_id in children.get(None, ()))
    return ThreadResult(roots, orphans, duplicates, flattened, ids)


def placeholders(records: list[Record], gone: Mapping[str, str]) -> tuple[list[Record], dict[str, str | None]]:
    """`records` with those the site says are gone (native id -> why: `deleted`, `removed`) kept, as
    placeholders (no text, no writer, `gone` set), when a reply still there is under them: the replies
    keep their place, as the sites show them. The others are returned as dropped (native id -> parent),
    for `build_threads`. One rule for every thread read from a site (Reddit, Hacker News)."""
    parent_of = {record.native_id: record.parent for record in records}
    needed: set[str] = set()
    for record in records:
        if record.native_id in gone:
            continue
        parent = record.parent
        while parent is not None and parent in gone and parent not in needed:  # the gone ancestors it hangs from
            needed.add(parent)
            parent = parent_of.get(parent)
    kept = [
        Record(r.native_id, r.parent, "", "", r.date, r.id, None, gone[r.native_id]) if r.native_id in needed else r
        for r in records
        if r.native_id not in gone or r.native_id in needed
    ]
    dropped = {r.native_id: r.parent for r in records if r.native_id in gone and r.native_id not in needed}
    return kept, dropped


def _break_cycles(parent_of: dict[str, str | None]) -> None:
    """A parent chain that loops back is cut where it closes: that record becomes top level."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parent_of:
        path: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:
            parent_of[node] = None
        for visited in path:
            state[visited] = 2


def _topological(parent_of: Mapping[str, str | None]) -> list[str]:
    """Ids ordered so that every parent comes before its replies (no recursion)."""
    children: dict[str | None, list[str]] = {}
    for native_id, parent in parent_of.items():
        children.setdefault(parent, []).append(native_id)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        native_id = stack.pop()
        order.append(native_id)
        stack.extend(reversed(children.get(native_id, [])))
    return order
