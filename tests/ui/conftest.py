"""UI fixtures: an app factory on a fresh data folder per app, seeds and synthetic threads."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import SEEDS
from tui_reader.core.content import dates
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.importers import parse_file
from tui_reader.core.store import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.state.remembered import UiState, save_state

AppFactory = Callable[..., ReaderApp]


def seed_reviews() -> list[Review]:
    """The seeds, with a short source so snapshots do not depend on where the repo lives."""
    reviews: list[Review] = []
    for path in sorted(SEEDS.glob("*.txt")):
        reviews += [replace(r, source=f"seeds/{path.name}") for r in parse_file(path).reviews]
    return reviews


def synthetic(count: int, *, prefix: str = "r") -> list[Review]:
    """`count` small reviews with distinct titles (in reverse alphabetical order) and dates."""
    return [
        Review(
            id=f"{prefix}{i:05d}",
            title=f"Title {count - i:05d}",
            source="synthetic",
            paragraphs=(f"Body of review {i}.",),
            author=f"author{i}",
            date=f"2024-01-{(i % 28) + 1:02d}",
        )
        for i in range(count)
    ]


def tree(prefix: str, shape: Sequence[int], depth: int = 0) -> tuple[Comment, ...]:
    """A comment forest: shape[0] comments at the top, each with shape[1] replies, and so on."""
    if depth >= len(shape):
        return ()
    return tuple(
        Comment(
            id=f"{prefix}.{n}",
            body=f"Comment {prefix}.{n} at depth {depth}.",
            author=f"user{depth}",
            replies=tree(f"{prefix}.{n}", shape, depth + 1),
        )
        for n in range(shape[depth])
    )


def threaded(review_id: str = "t", shape: Sequence[int] = (3, 2, 2)) -> Review:
    return Review(review_id, "A threaded review", "synthetic", ("First paragraph.",), comments=tree("c", shape))


NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every age (`3 h`, `2 y`) counted from one moment, so rows and snapshots do not age."""
    monkeypatch.setattr(dates, "current_time", lambda: NOW)
    return NOW


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    counter = itertools.count()

    def make(
        reviews: Sequence[Review] | None = None,
        state: UiState | None = None,
        paths: Sequence[Path] = (),
        folder: Path | None = None,
    ) -> ReaderApp:
        data = folder or tmp_path / f"data{next(counter)}"
        store = Store(data)
        store.library.add(seed_reviews() if reviews is None else reviews)
        if state is not None:
            save_state(store.state_path, state)
        return ReaderApp(Store(data), list(paths))

    return make


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for what the test expects, not for a time: a busy machine only makes this slower.
    `seconds` is a liveness cap that fails only when the thing never happens."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


def open_id(app: ReaderApp) -> str | None:
    review = app.main.review
    return review.id if review is not None else None


def highlighted_id(app: ReaderApp) -> str | None:
    position = app.main.review_list.position
    return app.store.library.summary(position).id if position is not None else None


def previewed(app: ReaderApp) -> bool:
    """The review under the list's cursor is the one open: its preview has landed."""
    return highlighted_id(app) is not None and open_id(app) == highlighted_id(app)


async def until_open(pilot: Pilot[None], app: ReaderApp, review_id: str) -> None:
    """Wait until the review is open (the list's preview runs on a timer, after `PREVIEW_DELAY`)."""
    await until(pilot, lambda: open_id(app) == review_id)
