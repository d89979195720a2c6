"""Row orders for the review list: the core's sort orders (`core.search.sort`), filtered.

The sorts themselves live in the core (the CLI shares them). The search package is
imported only when a sort other than import order is asked for: it costs ~80 ms,
which the first paint of an unsorted list need not wait for.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from tui_reader.core.store import Store

IMPORTED = "imported"
_cache: dict[str, tuple[object, object, Sequence[int]]] = {}  # sort -> (library, subjects, positions)


def ordered(
    store: Store, sort: str, only: frozenset[str] | None = None, within: Collection[int] | None = None
) -> Sequence[int]:
    """Library positions in `sort` order, restricted to the ids in `only` and the positions `within`."""
    library = store.library
    if sort == IMPORTED:
        order: Sequence[int] = range(len(library))
    else:
        order = _sorted(store, sort)
    if within is not None:
        order = [i for i in order if i in within]
    if only is not None:
        ids: list[Any] = library.column("id")
        order = [i for i in order if ids[i] in only]
    return order


def _sorted(store: Store, sort: str) -> Sequence[int]:
    """The core's order, kept while the catalog (and, by subject, the user's subjects) is the same:
    a live filter re-sorts on every key."""
    from tui_reader.core.search.sort import sorted_positions

    library = store.library
    # Every change to the catalog bumps its generation, every save makes a new token (hashing every
    # digest cost O(library) per key); the subject columns are a new object when the user sets one
    # (kept in the cache, so its id is never another object's).
    columns = store.subject_columns() if sort == "subject" else None
    identity = (id(library), library.generation, library.token, len(library))
    cached = _cache.get(sort)
    if cached is None or cached[0] != identity or cached[1] is not columns:
        cached = _cache[sort] = (identity, columns, sorted_positions(store, sort))
    return cached[2]


def sort_label(sort: str) -> str:
    if sort == IMPORTED:
        return "imported order"
    from tui_reader.core.search.sort import SORTS

    return dict(SORTS).get(sort, sort)


def next_sort(sort: str) -> str:
    from tui_reader.core.search.sort import next_sort as following

    return following(sort)


def valid_sort(sort: str) -> str:
    """The remembered sort if the core still knows it (or the one it was merged into), else import order."""
    if sort == IMPORTED:
        return sort
    from tui_reader.core.search.sort import SORT_ALIASES, SORT_KEYS

    sort = SORT_ALIASES.get(sort, sort)
    return sort if sort in SORT_KEYS else IMPORTED
