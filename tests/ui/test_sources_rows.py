"""The sources view's rows fit the width: one line each, the last refresh in sight (snapshots at 80x24, 140x40)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.widgets import OptionList

from tests.ui.conftest import NOW, AppFactory
from tui_reader.core.content.models import Review
from tui_reader.core.sources.names import parse_target
from tui_reader.core.sources.record import Source, SourceBook
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.sources import SourcesScreen
from tui_reader.ui.state.remembered import UiState

Snap = Callable[..., bool]


def iso(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).isoformat(timespec="seconds").replace("+00:00", "Z")


def followed(name: str, reviews: int, comments: int, hours_ago: float, error: str | None = None) -> Source:
    source = Source.from_target(parse_target(name), iso(900))
    source.reviews = [f"{name}#{i}" for i in range(reviews)]
    source.comments, source.last_refresh, source.error = comments, iso(hours_ago), error
    source.last_ok = iso(hours_ago + 24 if error else hours_ago)  # a failed try: the last fetch a day before
    return source


def sources() -> list[Source]:
    thread = followed("hn:41129813", 1, 340, 2)
    thread.new_comments, thread.new_replies = 12, 1
    limited = followed("r/movies", 25, 0, 3, "rate limited (HTTP 429)")
    limited.retry_at = (NOW - timedelta(hours=1)).timestamp()  # passed: the time is no longer said
    return [
        thread,
        limited,
        followed("https://letterboxd.com/someone/rss/", 50, 0, 30),
        followed("r/movies/comments/1abc23", 1, 2, 24 * 40, "not found (HTTP 404)"),
        followed("steam:646570", 300, 0, 0.2),
    ]


def app_with_sources(make_app: AppFactory) -> ReaderApp:
    app = make_app([])
    SourceBook(app.store.data_dir).save(sources())
    return app


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_sources_view(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(app_with_sources(make_app), terminal_size=size, press=["W", "j"])


@pytest.mark.parametrize("width", [80, 100, 140])
async def test_each_row_is_one_line_with_its_last_refresh_in_sight(make_app: AppFactory, width: int) -> None:
    """At 100 columns the status read "refreshed 2026-12-…"; at 80 each row wrapped to a second line."""
    app = app_with_sources(make_app)
    async with app.run_test(size=(width, 30)) as pilot:
        screen = SourcesScreen(app.store)
        await app.push_screen(screen)
        await pilot.pause()
        options = screen.query_one(OptionList)
        drawn = [options.render_line(y).text for y in range(options.option_count)]
        keys = ["hn:41129813", "r/movies", "https://lett", "r/movies/c", "steam:6"]
        ages = ["2 h ago", "1 d ago", "1 d ago", "1 mo ago", "12 min ago"]  # a failed try is no fetch: the last one
        for line, key, age in zip(drawn, keys, ages, strict=True):
            assert line.lstrip().startswith(key) and age in line  # its own row, whole: nothing wrapped below
        assert "1 review, 340 comments" in drawn[0] and "25 reviews " in drawn[1] and "comment" not in drawn[1]
        assert "12 new ↩1" in drawn[0]
        assert "✗ rate" in drawn[1] and "retry after" not in drawn[1]  # its time has passed


async def test_O_on_a_followed_review_without_a_page_does_not_say_it_came_from_a_file(make_app: AppFactory) -> None:
    live = Review("live", "A followed post", "https://blog.example.org/feed", ("Text.",))
    app = make_app([live], state=UiState(review_id="live"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "O")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]
        assert "This review has no web page" in said and not any("file" in message for message in said)
