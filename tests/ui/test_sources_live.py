"""Following from the app, new comments reachable with one key, new counts in the list (issue 20).

Every request goes to the local server (`BASE_ENV`): nothing reaches beyond 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Input, Static

from tests.core.sources_support import STORY_ID, Reply, Site, hn_comment, hn_story, serve_hn_thread
from tests.ui.conftest import AppFactory, synthetic, until
from tests.ui.test_sources import REVIEW, rows, status
from tui_reader.core.sources.fetch import BASE_ENV, Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.add_source import AddSourceScreen
from tui_reader.ui.screens.sources import SourcesScreen, open_sources, refresh_on_start
from tui_reader.ui.state.remembered import UiState


def settled_on(line: str, start: str) -> bool:
    """The status starts with `start` and is not the "fetching…" line said first (a busy machine
    let a test read that one and fail)."""
    return line.startswith(start) and not line.endswith("fetching…")


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with Site() as running:
        monkeypatch.setenv(BASE_ENV, running.base)
        yield running


def error_line(screen: AddSourceScreen) -> str:
    return str(screen.query_one("#add-source-error", Static).render())


async def test_a_source_added_in_the_view_is_checked_followed_and_fetched(site: Site, make_app: AppFactory) -> None:
    serve_hn_thread(site, [hn_story([101], 1), hn_comment(101, STORY_ID, "First")])
    site.routes["/hacker-news.firebaseio.com/v0/item/999.json"] = Reply(404, b"{}")
    app: ReaderApp = make_app([])
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        open_sources(app.main)
        await pilot.pause()
        sources = app.screen
        assert isinstance(sources, SourcesScreen) and rows(sources) == []
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, AddSourceScreen)
        modal.query_one(Input).value = "[bold]x[/] \x1b[2J"  # not a source, and hostile: shown as typed
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal  # stays open to correct it
        shown = error_line(modal)
        assert shown.startswith("not a source: ") and "[bold]x[/]" in shown and "\x1b" not in shown
        modal.query_one(Input).value = ""
        await pilot.press(*"hn:999", "enter")  # a source, but the site says 404: nothing is followed
        await until(pilot, lambda: status(sources).startswith("not followed"))
        assert status(sources) == "not followed: hn:999: failed: not found (HTTP 404)"
        assert SourceBook(app.store.data_dir).load() == []
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*f"news.ycombinator.com/item?id={STORY_ID}", "enter")
        await until(pilot, lambda: settled_on(status(sources), "following hn:"))
        assert status(sources) == f"following hn:{STORY_ID}: 1 review, 1 comment"
        [row] = rows(sources)
        assert row.startswith(f"hn:{STORY_ID}") and "1 review, 1 comment" in row
        assert [source.key for source in SourceBook(app.store.data_dir).load()] == [f"hn:{STORY_ID}"]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*f"hn:{STORY_ID}", "enter")  # followed already: said, nothing fetched twice
        await until(pilot, lambda: status(sources).startswith("already following"))
        assert status(sources) == f"already following hn:{STORY_ID} (r on its row refreshes it)"  # the app's key
        assert len(SourceBook(app.store.data_dir).load()) == 1
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.main and app.store.library.get(REVIEW) is not None
        assert len(app.main.review_list.order) == 1  # the list shows what the follow brought


async def test_escape_closes_the_add_line_and_follows_nothing(make_app: AppFactory) -> None:
    app: ReaderApp = make_app([])
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        open_sources(app.main)
        await pilot.pause()
        await pilot.press("a", *"r/movies", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        assert SourceBook(app.store.data_dir).load() == []


def grown_thread(site: Site) -> None:
    """The thread after a refresh: 105 under 101, 106 under 102 and 104 at the top are new."""
    serve_hn_thread(
        site,
        [
            hn_story([101, 102, 104], 6),
            hn_comment(101, STORY_ID, "c101", [103, 105]),
            hn_comment(102, STORY_ID, "c102", [106]),
            hn_comment(103, 101, "c103"),
            hn_comment(104, STORY_ID, "c104"),
            hn_comment(105, 101, "c105"),
            hn_comment(106, 102, "c106"),
        ],
    )


def followed_then_grown(site: Site, app: ReaderApp) -> None:
    """Follow the thread (101 and 102 with 103 under 101), then refresh it once it has grown."""
    serve_hn_thread(
        site,
        [
            hn_story([101, 102], 3),
            hn_comment(101, STORY_ID, "c101", [103]),
            hn_comment(102, STORY_ID, "c102"),
            hn_comment(103, 101, "c103"),
        ],
    )
    with Fetcher() as fetcher:
        follow(app.store, f"hn:{STORY_ID}", fetcher)
        grown_thread(site)
        [outcome] = refresh(app.store, fetcher)
    assert outcome.new_comments == 3


async def test_u_in_the_comments_goes_to_each_new_comment_in_order_then_wraps(site: Site, make_app: AppFactory) -> None:
    app: ReaderApp = make_app([])
    followed_then_grown(site, app)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        thread = app.main.thread
        await pilot.press("3")  # the comments pane; the cursor on the first comment
        assert thread.current is not None and thread.current.body == "c101"
        await pilot.press("h")  # fold 101: its new reply 105 is hidden, u unfolds it
        assert thread.model.visible == [0, 3, 4, 5]  # 103 and 105 folded under 101
        landed = []
        for _ in range(4):
            await pilot.press("u")
            assert thread.current is not None
            landed.append(thread.current.body)
        assert landed == ["c105", "c106", "c104", "c105"]  # reading order, then back to the first
        assert any("Back to the first of 3 new comments" in n.message for n in app._notifications)
        app.main.open_position(app.main.review_list.position)  # opened again: seen, nothing new any more
        await pilot.pause()
        before = thread.cursor
        await pilot.press("u")
        assert thread.cursor == before
        assert any(n.message == "No new comments in this thread" for n in app._notifications)


def list_lines(app: ReaderApp) -> list[str]:
    """The review list's title lines as drawn."""
    review_list = app.main.review_list
    return [review_list.render_line(y).text for y in range(0, review_list.size.height, 2)]


async def test_the_list_shows_a_followed_threads_new_comments_until_it_is_read(
    site: Site, make_app: AppFactory
) -> None:
    app: ReaderApp = make_app(synthetic(2), state=UiState(review_id="r00001"))  # the followed thread is not opened
    followed_then_grown(site, app)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert app.main.review is not None and app.main.review.id == "r00001"
        assert app.main.review_list.new_counts == {REVIEW: 3}
        [followed] = [line for line in list_lines(app) if "Ask HN" in line]
        assert followed.rstrip().endswith("+3 new    6")  # beside its comment count
        assert sum("new" in line for line in list_lines(app)) == 1
        position = app.store.library.position(REVIEW)
        assert position is not None and app.main.review_list.select_position(position)
        app.main.open_position(position)  # read: its comments are seen
        await pilot.pause()
        assert app.main.review_list.new_counts == {}
        assert not any("new" in line for line in list_lines(app))


async def test_refresh_on_start_fetches_in_the_background_and_the_list_shows_what_came(
    site: Site, make_app: AppFactory
) -> None:
    app: ReaderApp = make_app(synthetic(2), state=UiState(review_id="r00001"))
    serve_hn_thread(
        site,
        [
            hn_story([101, 102], 3),
            hn_comment(101, STORY_ID, "c101", [103]),
            hn_comment(102, STORY_ID, "c102"),
            hn_comment(103, 101, "c103"),
        ],
    )
    with Fetcher() as fetcher:
        follow(app.store, f"hn:{STORY_ID}", fetcher)
    grown_thread(site)  # not refreshed yet: `tui-reader --refresh` does it once the reader is open
    refresh_on_start(app.main)  # as run_app does before the app runs
    async with app.run_test(size=(140, 30)) as pilot:
        await until(
            pilot,
            lambda: any(
                n.message == f"Sources: hn:{STORY_ID}: 0 new reviews, 1 updated, 3 new comments"
                for n in app._notifications
            ),
        )
        assert any(n.message == "Refreshing 1 followed source…" for n in app._notifications)
        await pilot.pause()
        assert app.main.review_list.new_counts == {REVIEW: 3}
        [followed] = [line for line in list_lines(app) if "Ask HN" in line]
        assert followed.rstrip().endswith("+3 new    6")


async def test_marking_seen_in_the_sources_view_clears_the_lists_new_counts(site: Site, make_app: AppFactory) -> None:
    app: ReaderApp = make_app(synthetic(2), state=UiState(review_id="r00001"))
    followed_then_grown(site, app)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert app.main.review_list.new_counts == {REVIEW: 3}
        await pilot.press("W", "m")  # the library is unchanged: only what counts as seen
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.main and app.main.review_list.new_counts == {}
        assert not any("new" in line for line in list_lines(app))


async def test_what_a_follow_or_refresh_left_out_is_said_in_the_view(site: Site, make_app: AppFactory) -> None:
    """Reddit's "57 more comments" were said by neither the app's follow nor its refresh."""
    from tests.core.sources_support import REDDIT, json_reply, reddit_comment, reddit_thread

    more = {"kind": "more", "data": {"count": 57, "children": ["x1"], "id": "x1"}}
    thread = reddit_thread("abc123", [reddit_comment("c1", "Loved it"), more])
    site.routes[f"{REDDIT}/r/movies/comments/abc123/.json?limit=500"] = json_reply(thread)
    said = "57 more comments not fetched: Reddit lists them only on the site"
    app: ReaderApp = make_app([])
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        open_sources(app.main)
        await pilot.pause()
        sources = app.screen
        assert isinstance(sources, SourcesScreen)
        await pilot.press("a", *"r/movies/comments/abc123", "enter")
        await until(pilot, lambda: settled_on(status(sources), "following"))
        assert status(sources) == f"following r/movies/comments/abc123: 1 review, 1 comment; {said}"
        await pilot.press("r")
        await until(pilot, lambda: status(sources).startswith("r/movies/comments/abc123: 0 new"))
        line = f"r/movies/comments/abc123: 0 new reviews, 0 updated, 0 new comments; {said}"
        assert status(sources) == line and any(n.message == line for n in app._notifications)
