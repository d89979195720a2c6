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
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from tui_reader.core.content.models import stars_of
from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Library, Store, StoreError
from tui_reader.core.store.atomic import atomic_write, read_bytes
from tui_reader.core.store.catalog_file import file_named

# (key, label) in the order `s` cycles through them.
SORTS: tuple[tuple[str, str], ...] = (
    ("imported", "imported order"),
    ("title", "title"),
    ("date", "date, newest first"),
    ("rating", "stars, highest first"),  # the rating as the list shows it: on five stars
    ("votes", "most votes"),
    ("subject", "subject"),
    ("comments", "most comments"),
)
SORT_KEYS = tuple(key for key, _ in SORTS)
# A sort since merged into another: "stars" was the rating on five stars, "rating" the source's own
# number (6/10 above 4.5/5 while the list showed ★★★☆☆ above ★★★★½). A remembered key reads as its heir.
SORT_ALIASES = {"stars": "rating"}
_LAST = -1e300  # below any real value: unknown ratings, stars and votes sort last when descending


def next_sort(key: str) -> str:
    """The sort after `key` in the cycle (an unknown key starts it over)."""
    key = SORT_ALIASES.get(key, key)
    index = SORT_KEYS.index(key) if key in SORT_KEYS else -1
    return SORT_KEYS[(index + 1) % len(SORT_KEYS)]


def sorted_positions(source: Library | Store, key: str) -> Sequence[int]:
    """Catalog positions in `key` order; missing values go last; ties keep import order.

    Pass the Store (not only its library) for `subject` to see subjects set by the user."""
    library = source.library if isinstance(source, Store) else source
    key = SORT_ALIASES.get(key, key)
    if key == "imported":
        return range(len(library))
    if key == "subject":  # depends on the subjects the user sets too: not kept
        return _by_subject(source, library)
    if key not in _VALUES:
        raise ValueError(f"unknown sort {key!r} (known: {', '.join(SORT_KEYS)})")
    kept, header = _kept(library, key)
    if kept is not None and header.get("token") == library.token and header.get("count") == len(library):
        return kept
    grown = _extended(library, key, kept, header) if kept is not None else None
    positions = grown if grown is not None else _sorted(library, key)
    _keep(library, key, positions)
    return positions


# key: (its catalog columns, the sort value of their cells, highest first)
_VALUES: dict[str, tuple[tuple[str, ...], Callable[..., Any], bool]] = {
    "title": (("title",), lambda title: fast_fold(title or ""), False),
    "date": (("date",), lambda date: date or "", True),
    "rating": (("rating", "rating_max"), lambda rating, most: _on_stars(rating, most), True),
    # The count found helpful, not the share of voters: 1 of 1 would outrank 950 of 1,000, and
    # Steam, Yelp and Amazon since 2018 count no voters to share by (their reviews would all tie).
    "votes": (("votes",), lambda votes: _LAST if votes is None else votes, True),
    "comments": (("comments",), lambda comments: comments or 0, True),
}


# What each kept file's values are, where a key's meaning changed: a file made for the key's
# old meaning (no tag) is sorted again, not reused. "rating" was the source's own number.
_MEANING = {"rating": "stars"}


def _on_stars(rating: float | None, most: float | None) -> tuple[int, float]:
    """The rating as the list shows it, on five stars (6/10 is 3 stars, below 4.5/5); a rating on a
    scale not known comes after every one on a known scale, by its own number; none comes last."""
    stars = stars_of(rating, most)
    if stars is not None:
        return (2, stars)
    return (0, _LAST) if rating is None else (1, rating)


def _kept(library: Library, key: str) -> tuple[array[int] | None, dict[str, Any]]:
    """The order kept in the file and its header (which catalog save it was made for), or None.

    Kept as the array read: a list of 1M positions cost 34 ms to make at start, and finding the
    remembered review in it 40 ms (the array's `index` compares in C, 12 ms)."""
    if library.token is None:
        return None, {}
    try:
        data = read_bytes(library.folder / "sorts" / f"{key}.bin")
    except (OSError, StoreError):
        return None, {}
    if not data or (end := data.find(b"\n")) < 0:
        return None, {}
    try:
        header = orjson.loads(data[:end])
    except orjson.JSONDecodeError:
        return None, {}
    count = header.get("count") if isinstance(header, dict) else None
    if isinstance(header, dict) and header.get("values") != _MEANING.get(key):
        return None, {}
    positions = array("I")
    if not isinstance(count, int) or (len(data) - end - 1) != 4 * count or positions.itemsize != 4:
        return None, {}
    positions.frombytes(data[end + 1 :])
    if header.get("byteorder") != sys.byteorder:
        positions.byteswap()
    return positions, header


def _extended(library: Library, key: str, kept: array[int], header: dict[str, Any]) -> array[int] | None:
    """The kept order with the rows appended since it was made put in their places, or None.

    Why: each import appends its reviews to the catalog (a new save), and sorting 1M titles again
    took 2 s at the next start. The new rows are placed by binary search over the kept order
    (each probe one cell), so their cost is about 20 cells each, not the whole catalog's sort.
    Only when the rows it was made for are still the same: the same catalog file or one grown
    from it by folds (`Library.extends`), rows appended after them (never changed in place),
    and the last of them the same review."""
    made_for, count = file_named(header.get("base")), len(kept)
    if made_for is None or not made_for[1] <= count <= len(library) or count == 0 or not library.extends(made_for):
        return None
    added = len(library) - count
    if added * 32 > len(library) or header.get("last_id") != library.cell("id", count - 1):
        return None  # many new rows: one sort of them all is as quick
    columns, value_of, highest_first = _VALUES[key]

    def value(position: int) -> Any:
        found = value_of(*(library.cell(column, position) for column in columns))
        return _Highest(found) if highest_first else found

    new = sorted(range(count, len(library)), key=value)  # stable: equal values keep import order
    grown, done = array("I"), 0
    for position in new:  # after every kept row of an equal value: ties keep import order
        place = bisect_right(kept, value(position), lo=done, key=value)
        grown.extend(kept[done:place])
        grown.append(position)
        done = place
    grown.extend(kept[done:])
    return grown


class _Highest:
    """A sort value compared the other way round: an ascending search over a highest-first order."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Highest) -> bool:
        return bool(self.value > other.value)


def _keep(library: Library, key: str, positions: Sequence[int]) -> None:
    base = library.base_file()
    if library.token is None or base is None or array("I").itemsize != 4:
        return
    last_id = library.cell("id", len(positions) - 1) if positions else None
    header = {"token": library.token, "count": len(positions), "byteorder": sys.byteorder}
    header |= {"base": list(base), "last_id": last_id}  # what `_extended` checks before reusing it
    if key in _MEANING:
        header["values"] = _MEANING[key]
    with contextlib.suppress(OSError, StoreError):  # a read-only folder: computed again next time
        (library.folder / "sorts").mkdir(exist_ok=True)
        data = positions if isinstance(positions, array) else array("I", positions)
        atomic_write(library.folder / "sorts" / f"{key}.bin", [orjson.dumps(header), b"\n", data.tobytes()])


def _sorted(library: Library, key: str) -> list[int]:
    columns, value_of, highest_first = _VALUES[key]
    values = list(map(value_of, *(library.column(column) for column in columns)))
    # sorted() is stable, also with reverse=True: ties keep import order.
    return sorted(range(len(library)), key=values.__getitem__, reverse=highest_first)


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
