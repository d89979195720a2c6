"""Row orders for the review list, computed from catalog columns (no review is loaded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tui_reader.core.store import Library
from tui_reader.core.text import fold


def _by_title(library: Library) -> list[int]:
    titles = library.column("title")
    return sorted(range(len(titles)), key=lambda i: fold(titles[i] or ""))


def _newest(library: Library) -> list[int]:
    dates = library.column("date")
    dated = sorted((i for i in range(len(dates)) if dates[i]), key=lambda i: str(dates[i]), reverse=True)
    return dated + [i for i in range(len(dates)) if not dates[i]]  # undated last, in import order


def _most_comments(library: Library) -> list[int]:
    counts = library.column("comments")
    return sorted(range(len(counts)), key=lambda i: -int(counts[i] or 0))


SORTS: tuple[tuple[str, Callable[[Library], Sequence[int]] | None], ...] = (
    ("import order", None),
    ("title", _by_title),
    ("newest", _newest),
    ("most comments", _most_comments),
)


def ordered(library: Library, sort: int, only: frozenset[str] | None = None) -> Sequence[int]:
    """Library positions in the `sort`-th order, restricted to the ids in `only` when given."""
    _, key = SORTS[sort % len(SORTS)]
    order: Sequence[int] = range(len(library)) if key is None else key(library)
    if only is not None:
        ids: list[Any] = library.column("id")
        order = [i for i in order if ids[i] in only]
    return order
