"""Sort orders for the review list, computed from catalog columns (no review is loaded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tui_reader.core.content.models import stars_of
from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Library, Store

# (key, label) in the order `s` cycles through them.
SORTS: tuple[tuple[str, str], ...] = (
    ("imported", "imported order"),
    ("title", "title"),
    ("date", "date, newest first"),
    ("rating", "rating, highest first"),
    ("stars", "stars, highest first"),
    ("votes", "most votes"),
    ("subject", "subject"),
    ("comments", "most comments"),
)
SORT_KEYS = tuple(key for key, _ in SORTS)
_LAST = -1e300  # below any real value: unknown ratings, stars and votes sort last when descending


def next_sort(key: str) -> str:
    """The sort after `key` in the cycle (an unknown key starts it over)."""
    index = SORT_KEYS.index(key) if key in SORT_KEYS else -1
    return SORT_KEYS[(index + 1) % len(SORT_KEYS)]


def sorted_positions(source: Library | Store, key: str) -> list[int]:
    """Catalog positions in `key` order; missing values go last; ties keep import order.

    Pass the Store (not only its library) for `subject` to see subjects set by the user."""
    library = source.library if isinstance(source, Store) else source
    count = len(library)
    if key == "imported":
        return list(range(count))
    if key == "subject":
        return _by_subject(source, library)
    if key == "stars":
        stars = [
            _LAST if s is None else s for s in map(stars_of, library.column("rating"), library.column("rating_max"))
        ]
        return sorted(range(count), key=stars.__getitem__, reverse=True)
    keyed: dict[str, tuple[str, Callable[[Any], Any], bool]] = {
        "title": ("title", lambda title: fast_fold(title or ""), False),
        "date": ("date", lambda date: date or "", True),
        "rating": ("rating", lambda rating: _LAST if rating is None else rating, True),
        "votes": ("votes", lambda votes: _LAST if votes is None else votes, True),
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


def _by_subject(source: Library | Store, library: Library) -> list[int]:
    """By subject label (folded), one subject's reviews together, oldest first; none last."""
    labels: Sequence[str | None]
    keys: Sequence[str | None]
    if isinstance(source, Store):
        columns = source.subject_columns()
        labels, keys = columns.label, columns.key
    else:
        labels, keys = library.column("subject"), library.column("subject_key")
    dates = library.column("date")
    values = [
        (0, fast_fold(label), key or "", date is None, date or "") if label else (1, "", "", False, "")
        for label, key, date in zip(labels, keys, dates, strict=True)
    ]
    return sorted(range(len(library)), key=values.__getitem__)
