"""The sources view: rows with counts and errors, refresh in a worker, mark seen, unfollow (issue 20)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import OptionList, Static

from tests.core.sources_support import STORY_ID, Reply, Site, hn_comment, hn_story, serve_hn_thread
from tests.ui.conftest import AppFactory, until
from tui_reader.core.content.ids import stable_id
from tui_reader.core.sources.fetch import BASE_ENV, Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.sources import SourcesScreen, open_sources

REVIEW = stable_id("hackernews", str(STORY_ID))


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with Site() as running:
        monkeypatch.setenv(BASE_ENV, running.base)
        yield running


def rows(screen: SourcesScreen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def status(screen: SourcesScreen) -> str:
    return str(screen.query_one("#sources-status", Static).render())


async def test_refresh_in_the_view_shows_what_is_new_then_mark_seen_and_unfollow(
    site: Site, make_app: AppFactory
) -> None:
    serve_hn_thread(site, [hn_story([101], 1), hn_comment(101, STORY_ID, "First")])
    app: ReaderApp = make_app([])
    with Fetcher() as fetcher:
        follow(app.store, f"hn:{STORY_ID}", fetcher)
        site.routes["/hacker-news.firebaseio.com/v0/beststories.json"] = Reply(200, b"[]")
        follow(app.store, "hn:best", fetcher)
    site.routes["/hacker-news.firebaseio.com/v0/beststories.json"] = Reply(404, b"{}")
    serve_hn_thread(
        site, [hn_story([101, 102], 2), hn_comment(101, STORY_ID, "First"), hn_comment(102, STORY_ID, "New")]
    )
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        open_sources(app.main)  # what the main screen's key does
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        first, best = rows(screen)
        assert first.startswith(f"hn:{STORY_ID}") and "1 review, 1 comment" in first and "0 new" in first
        assert best.startswith("hn:best") and "0 reviews" in best and "comment" not in best
        await pilot.press("R")
        await until(pilot, lambda: "1 failed" in status(screen))
        assert status(screen) == "1 refreshed: 0 new reviews, 1 updated, 1 new comment; 1 failed"  # as the CLI says
        first, best = rows(screen)
        assert "1 review, 2 comments" in first and "1 new" in first
        assert "✗ not found (HTTP 404)" in best
        await pilot.press("m")
        await pilot.pause()
        assert "0 new" in rows(screen)[0] and status(screen) == "2 sources marked seen"
        await pilot.press("x")  # once: it says what would go
        await pilot.pause()
        assert status(screen).startswith(f"x again removes the 1 review hn:{STORY_ID} brought")
        assert app.store.library.get(REVIEW) is not None
        await pilot.press("x")
        await until(pilot, lambda: status(screen).startswith("unfollowed"))
        app.store.library.load()  # removed by the worker's own store: read again, as the main screen does
        assert app.store.library.get(REVIEW) is None
        assert [source.key for source in SourceBook(app.store.data_dir).load()] == ["hn:best"]
        await pilot.press("u")
        await until(pilot, lambda: not rows(screen))
        assert SourceBook(app.store.data_dir).load() == [] and "No sources followed" in str(
            screen.query_one("#sources-empty", Static).render()
        )
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.main and len(app.main.review_list.order) == 0  # reloaded: the thread is gone


async def test_hostile_keys_and_errors_are_shown_as_text(make_app: AppFactory) -> None:
    app: ReaderApp = make_app([])
    from tui_reader.core.sources.names import parse_target
    from tui_reader.core.sources.record import Source

    source = Source.from_target(parse_target("https://example.com/[bold]x[/]"), "2024-08-01T00:00:00Z")
    source.error = "HTTP 500 [@click=app.quit]boom[/] \x1b[2J"
    SourceBook(app.store.data_dir).save([source])
    async with app.run_test(size=(140, 30)) as pilot:
        screen = SourcesScreen(app.store)
        await app.push_screen(screen)
        await pilot.pause()
        [shown] = rows(screen)
        assert "[bold]x[/]" in shown and "[@click=app.quit]boom[/]" in shown and "\x1b" not in shown


async def test_a_refreshed_thread_marks_its_new_comments_when_opened(site: Site, make_app: AppFactory) -> None:
    serve_hn_thread(site, [hn_story([101], 1), hn_comment(101, STORY_ID, "First")])
    app: ReaderApp = make_app([])
    with Fetcher() as fetcher:
        follow(app.store, f"hn:{STORY_ID}", fetcher)
        serve_hn_thread(
            site, [hn_story([101, 102], 2), hn_comment(101, STORY_ID, "First"), hn_comment(102, STORY_ID, "New")]
        )
        refresh(app.store, fetcher)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        if not hasattr(app.main, "source_marks"):
            pytest.skip("main.py does not use SourceMarks yet (the lead's wiring)")
        review = app.main.review  # the only review: opened at start
        assert review is not None and review.id == REVIEW
        new = {c.body for c in review.comments if c.id in app.main.thread.new_ids}
        assert new == {"New"}
        [source] = SourceBook(app.store.data_dir).load()
        assert source.new_comments == 0  # opened: seen


async def test_a_failed_sources_whole_reason_shows_below_the_list_at_80_columns(make_app: AppFactory) -> None:
    """Its row has room for the start of the reason only; the end (the part that says what to do)
    is read below the list, wrapped, when the row is highlighted."""
    app: ReaderApp = make_app([])
    from tui_reader.core.sources.names import parse_target
    from tui_reader.core.sources.record import Source

    ok = Source.from_target(parse_target("r/books"), "2024-08-01T00:00:00Z")
    failed = Source.from_target(parse_target("https://example.com/feed.xml"), "2024-08-01T00:00:00Z")
    failed.error = "HTTP 404 Not Found: the feed moved; follow its new address and unfollow this one [x]"
    SourceBook(app.store.data_dir).save([ok, failed])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = SourcesScreen(app.store)
        await app.push_screen(screen)
        await pilot.pause()
        assert "unfollow this one" not in rows(screen)[1]  # cut short in its row
        reason = screen.query_one("#sources-reason", Static)
        assert not reason.display  # the source that is fine says nothing below
        await pilot.press("j")
        await pilot.pause()
        assert reason.display and reason.size.height > 1  # wrapped, whole
        assert " ".join(str(reason.render()).split()) == f"{failed.key} failed: {failed.error}; never fetched"
