"""A kept sort order grows with the reviews appended to the catalog instead of being sorted again."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.search import sort
from tui_reader.core.search.sort import sorted_positions
from tui_reader.core.store import Store
from tui_reader.core.store import library as library_module

KEPT_SORTS = ("title", "date", "rating", "votes", "comments")


Choose = Callable[[list[Any]], Any]


def review(number: int, choose: Choose | None = None) -> Review:
    """A review whose sort values repeat often (ties) and are sometimes missing."""
    pick = choose or (lambda options: options[number * 7 % len(options)])
    return Review(
        f"r{number}",
        pick(["apple", "Äpfel", "banana", "", "cherry", "apple"]),
        f"x/{number}",
        ("text",),
        date=pick([None, "2001-01-01", "2020-05-05", "1999-12-31"]),
        rating=pick([None, 1.0, 3.0, 8.0]),
        rating_max=pick([None, 5.0, 10.0]),
        votes=pick([None, 0, 4, 9]),
        comments=tuple(Comment(f"c{number}-{n}", "hi") for n in range(pick([0, 1, 2]))),
    )


def from_scratch(store: Store, key: str) -> list[int]:
    (store.library.folder / "sorts" / f"{key}.bin").unlink(missing_ok=True)
    return list(sorted_positions(Store(store.data_dir).library, key))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), batches=st.lists(st.integers(1, 3), min_size=1, max_size=4))
def test_an_extended_order_is_the_order_sorted_from_scratch(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, batches: list[int]
) -> None:
    def choose(options: list[Any]) -> Any:
        return data.draw(st.sampled_from(options))

    store = Store(tmp_path_factory.mktemp("sorts") / "data")
    store.library.add([review(n, choose) for n in range(120)])
    for key in KEPT_SORTS:
        sorted_positions(store.library, key)
    number = 120
    for size in batches:
        store.library.add([review(number + n, choose) for n in range(size)])  # appended: the catalog file stays
        number += size
        for key in KEPT_SORTS:
            grown = list(sorted_positions(Store(store.data_dir).library, key))
            assert grown == from_scratch(store, key), key
            sorted_positions(store.library, key)  # kept again, for the next batch to extend


def test_appended_rows_are_placed_not_sorted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: after an import, a restart with a title sort at 1M sorted every title again (2 s)."""
    store = Store(tmp_path / "data")
    store.library.add([review(n) for n in range(200)])
    base = store.library.base_file()
    sorted_positions(store.library, "title")
    store.library.add([Review("new", "Aaa first", "x/new", ("p",))])
    assert store.library.base_file() == base, "appended to the tail: the catalog file is the same"

    def never(library: object, key: str) -> list[int]:
        raise AssertionError("sorted again")

    with monkeypatch.context() as patched:
        patched.setattr(sort, "_sorted", never)
        reopened = Store(store.data_dir).library
        grown = list(sorted_positions(reopened, "title"))
        assert list(sorted_positions(Store(store.data_dir).library, "title")) == grown  # and kept
    assert grown == from_scratch(store, "title") and 200 in grown


def test_an_order_is_sorted_again_when_its_rows_are_not_the_same(tmp_path: Path) -> None:
    """An edit writes a new catalog file; a kept order whose last review is another is not extended."""
    store = Store(tmp_path / "data")
    store.library.add([review(n) for n in range(200)])
    base = store.library.base_file()
    store.library.add([Review("r0", "zzz last now", "x/0", ("text",))])  # an edit: a new catalog file
    assert store.library.base_file() != base
    assert store.library.summary(sorted_positions(store.library, "title")[-1]).title == "zzz last now"

    kept = store.library.folder / "sorts" / "title.bin"  # a wrong order, kept for another last review
    header, _, body = kept.read_bytes().partition(b"\n")
    wrong = array("I", body)
    wrong.reverse()
    kept.write_bytes(header.replace(b'"last_id":"r199"', b'"last_id":"other"') + b"\n" + wrong.tobytes())
    store.library.add([Review("new", "Aaa first", "x/new", ("p",))])
    assert list(sorted_positions(Store(store.data_dir).library, "title")) == from_scratch(store, "title")


def test_a_kept_order_grows_across_a_fold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fold writes a new catalog file that names the one it grew from: a kept order (and the
    index) still extend, where at 1M every fold cost the next start a full sort (1 s)."""
    monkeypatch.setattr(library_module, "TAIL_ROWS", 4)
    store = Store(tmp_path / "data")
    store.library.add([review(n) for n in range(400)])
    first = store.library.base_file()
    sorted_positions(store.library, "title")
    for batch in range(3):  # past four rows the tail is folded into a new file
        store.library.add([review(400 + 3 * batch + n) for n in range(3)])
    assert store.library.base_file() != first and store.library.extends(first)

    def never(library: object, key: str) -> list[int]:
        raise AssertionError("sorted again")

    with monkeypatch.context() as patched:
        patched.setattr(sort, "_sorted", never)
        grown = list(sorted_positions(Store(store.data_dir).library, "title"))
    assert grown == from_scratch(store, "title")
    store.library.add([Review("r3", "edited", "x/3", ("text",))])  # an edit: a file grown from nothing
    assert not store.library.extends(first)
