"""Snapshots at 80x24 and 140x40 (baselines in __snapshots__; review changes with the HTML report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.ui.conftest import AppFactory, seed_reviews, threaded
from tests.ui.test_thread_header import discussed, iso
from tui_reader.core.content.models import Review, Subject
from tui_reader.ui.state.remembered import UiState

Snap = Callable[..., bool]


@pytest.fixture
def seeds_app(make_app: AppFactory) -> Any:
    seeds = seed_reviews()
    return make_app([*seeds, threaded("t", (2, 2, 2))], state=UiState(review_id=seeds[-1].id))


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_main_view(snap_compare: Snap, seeds_app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(seeds_app, terminal_size=size, press=["_"])


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_thread_folded(snap_compare: Snap, seeds_app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(seeds_app, terminal_size=size, press=["G", "enter", "3", "j", "h", "_"])


def test_stacked_at_110(snap_compare: Snap, seeds_app: Any) -> None:
    assert snap_compare(seeds_app, terminal_size=(110, 36), press=["_"])


def test_help(snap_compare: Snap, seeds_app: Any) -> None:
    assert snap_compare(seeds_app, terminal_size=(80, 24), press=["question_mark", "_"])


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_list_columns_and_comment_headers(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    """Ages, stars and comment counts in their columns; score, age, replies and OP in the headers."""
    film = Subject("Her", "film", 2013)
    rated = Review("film", "A long review title that runs on past a narrow pane", "t", ("Loved it.",),
                   author="ann", date=iso(24 * 400), rating=8, rating_max=10, subject=film)  # fmt: skip
    dated = Review("old", "Dated only", "t", ("x",), date=iso(5))
    app = make_app([rated, dated, discussed()], state=UiState(review_id="post"))
    assert snap_compare(app, terminal_size=size, press=["3", "_"])
