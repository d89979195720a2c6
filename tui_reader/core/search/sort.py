"""Sort orders for the review list, computed from catalog columns (no review is loaded)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Library

# (key, label) in the order `s` cycles through them.
SORTS: tuple[tuple[str, str], ...] = (
    ("imported", "imported order"),
    ("title", "title"),
    ("date", "date, newest first"),
    ("rating", "rating, highest first"),
    ("comments", "most comments"),
)
SORT_KEYS = tuple(key for key, _ in SORTS)


def next_sort(key: str) -> str:
    """The sort after `key` in the cycle (an unknown key starts it over)."""
    index = SORT_KEYS.index(key) if key in SORT_KEYS else -1
    return SORT_KEYS[(index + 1) % len(SORT_KEYS)]


def sorted_positions(library: Library, key: str) -> list[int]:
    """Catalog positions in `key` order; missing dates and ratings go last; ties keep import order."""
    count = len(library)
    if key == "imported":
        return list(range(count))
    keyed: dict[str, tuple[str, Callable[[Any], Any], bool]] = {
        "title": ("title", lambda title: fast_fold(title or ""), False),
        "date": ("date", lambda date: date or "", True),
        "rating": ("rating", lambda rating: -1e300 if rating is None else rating, True),
        "comments": ("comments", lambda comments: comments or 0, True),
    }
    if key not in keyed:
        raise ValueError(f"unknown sort {key!r} (known: {', '.join(SORT_KEYS)})")
    column, make_key, descending = keyed[key]
    values = [make_key(value) for value in library.column(column)]
    if not descending:
        return sorted(range(count), key=values.__getitem__)
    # sorted() is stable, also with reverse=True: ties keep import order.
    return sorted(range(count), key=values.__getitem__, reverse=True)
