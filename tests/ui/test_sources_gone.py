"""What a followed source's refresh says in the app: a comment deleted on its site, a site asking to wait."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList, Static

from tests.core.sources_support import (
    STORY_ID,
    THREAD,
    Reply,
    Site,
    hn_story,
    json_reply,
    reddit_thread,
    serve_hn_thread,
)
from tests.core.sources_support import cli_site as cli_site  # a fixture: the alias says it is used
from tests.ui.conftest import NOW, AppFactory, until, until_open
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.ui.screens.sources import SourcesScreen
from tui_reader.ui.state.remembered import UiState


async def test_the_comments_pane_marks_a_comment_deleted_on_its_site(make_app: AppFactory) -> None:
    reply = Comment("r", "Arcade Fire!", "u3", "g")
    gone = Comment("g", "The score is great.", "u2", None, None, (reply,), None, "deleted")
    placeholder = Comment("p", "", "", None, None, (Comment("q", "Hi there", "u4", "p"),), None, "removed")
    review = Review("t", "Her (2013) discussion", "s", ("Post.",), format="reddit", comments=(gone, placeholder))
    app = make_app([review], state=UiState(review_id="t"))
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "t")
        await pilot.pause()
        thread = app.main.thread
        rows = [thread.render_line(y).text.rstrip() for y in range(thread.size.height)]
        said = [row.strip() for row in rows if row.strip().strip("│")]
    assert said[0].startswith("▾ u2") and said[0].endswith("deleted on the site, kept here")
    assert said[1] == "The score is great."
    assert said[2] == "│ • u3" and said[3] == "│   Arcade Fire!"  # still its reply
    assert said[4].startswith("▾") and said[4].endswith("removed by the site") and "anonymous" not in said[4]
    assert said[5] == "│ • u4" and said[6] == "│   Hi there"


async def test_R_while_a_site_asks_to_wait_says_waiting_and_the_row_keeps_its_last_fetch(
    cli_site: Site, make_app: AppFactory
) -> None:
    """`R` said `1 refreshed: nothing new; 1 failed` (nothing was asked), and a failed try's row `just now`."""
    cli_site.routes[THREAD] = json_reply(reddit_thread("abc123", []))
    serve_hn_thread(cli_site, [hn_story([], 0)])
    app = make_app([])
    with Fetcher() as fetcher:
        follow(app.store, "r/movies/comments/abc123", fetcher)
        follow(app.store, f"hn:{STORY_ID}", fetcher)
        cli_site.routes[THREAD] = Reply(503, b"", headers={"Retry-After": "3600"})
        refresh(app.store, fetcher, ["r/movies/comments/abc123"])
    with SourceBook(app.store.data_dir).editing() as sources:  # fetched 2 h ago; the try that failed, 1 min ago
        sources[0].last_ok = (NOW - timedelta(hours=2)).isoformat().replace("+00:00", "Z")
        sources[0].last_refresh = (NOW - timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    async with app.run_test(size=(140, 30)) as pilot:
        screen = SourcesScreen(app.store)
        await app.push_screen(screen)
        await pilot.pause()
        options = screen.query_one(OptionList)
        row = str(options.get_option_at_index(0).prompt)
        assert "2 h ago" in row and "1 min" not in row and "✗ the site was unavailable (HTTP 503)" in row
        reason = " ".join(str(screen.query_one("#sources-reason", Static).render()).split())
        assert reason.startswith("r/movies/comments/abc123 failed 1 min ago: the site was unavailable (HTTP 503)")
        assert reason.endswith("; last fetched 2 h ago")
        await pilot.press("R")
        line = lambda: str(screen.query_one("#sources-status", Static).render())  # noqa: E731
        await until(pilot, lambda: line().startswith("1 refreshed"))
        assert line().startswith("1 refreshed: nothing new; 1 waiting until ") and "failed" not in line()
