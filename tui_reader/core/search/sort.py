"""Sort orders for the review list, computed from catalog columns (no review is loaded).

An order other than import order is kept in `library/sorts/KEY.bin` for the catalog save it
was computed from (the catalog's token): a restart with a title sort at 1M reviews read 4 MB
instead of folding and sorting a million titles (2 s, 734 MB). A stale, damaged or unwritable
file only means computing it again.
"""

from __future__ import annotations

import contextlib
import sys
from array import array
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from tui_reader.core.content.models import stars_of
from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Library, Store, StoreError
from tui_reader.core.store.atomic import atomic_write, read_bytes

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


def sorted_positions(source: Library | Store, key: str) -> Sequence[int]:
    """Catalog positions in `key` order; missing values go last; ties keep import order.

    Pass the Store (not only its library) for `subject` to see subjects set by the user."""
    library = source.library if isinstance(source, Store) else source
    if key == "imported":
        return range(len(library))
    if key == "subject":  # depends on the subjects the user sets too: not kept
        return _by_subject(source, library)
    kept = _kept(library, key)
    if kept is not None:
        return kept
    positions = _sorted(library, key)
    _keep(library, key, positions)
    return positions


def _kept(library: Library, key: str) -> array[int] | None:
    """The order kept for this very catalog save, or None.

    Kept as the array read: a list of 1M positions cost 34 ms to make at start, and finding the
    remembered review in it 40 ms (the array's `index` compares in C, 12 ms)."""
    if library.token is None:
        return None
    try:
        data = read_bytes(library.folder / "sorts" / f"{key}.bin")
    except (OSError, StoreError):
        return None
    if not data or (end := data.find(b"\n")) < 0:
        return None
    try:
        header = orjson.loads(data[:end])
    except orjson.JSONDecodeError:
        return None
    if not isinstance(header, dict) or header.get("token") != library.token or header.get("count") != len(library):
        return None
    positions = array("I")
    if (len(data) - end - 1) != 4 * len(library) or positions.itemsize != 4:
        return None
    positions.frombytes(data[end + 1 :])
    if header.get("byteorder") != sys.byteorder:
        positions.byteswap()
    return positions


def _keep(library: Library, key: str, positions: list[int]) -> None:
    if library.token is None or array("I").itemsize != 4:
        return
    header = orjson.dumps({"token": library.token, "count": len(positions), "byteorder": sys.byteorder})
    with contextlib.suppress(OSError, StoreError):  # a read-only folder: computed again next time
        (library.folder / "sorts").mkdir(exist_ok=True)
        atomic_write(library.folder / "sorts" / f"{key}.bin", [header, b"\n", array("I", positions).tobytes()])


def _sorted(library: Library, key: str) -> list[int]:
    count = len(library)
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
