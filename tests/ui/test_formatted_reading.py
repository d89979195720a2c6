"""Markdown bodies in the reader: formatted, never run as markup, links listed and opened."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.hostile import ESCAPES, FORBIDDEN_IN_OUTPUT
from tests.ui.conftest import AppFactory, until_open
from tests.ui.test_hostile_ui import painted_text
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.personal import browser
from tui_reader.ui.screens.links import LAUNCH_THREAD, LinksScreen
from tui_reader.ui.state.remembered import UiState

Snap = Callable[..., bool]
OPEN = UiState(review_id="md")
SMUGGLED = "".join(ESCAPES)

MARKDOWN_POST = (
    "**Bold claim** with *emphasis* and a [source]( https://example.org/paper) to read.",
    "> Someone said this\n> on two lines",
    "- first point\n- second point with `code [bold]`\n  1. nested",
    "---",
    "A bare link: https://www.example.com/a/very/long/path/that/will/not/fit/on/one/line/of/the/pane/at/all",
)


def markdown_review(review_id: str = "md") -> Review:
    reply = Comment("c2", "*Agreed*, see [this](https://example.net/reply)", author="bob", parent="c1")
    comments = (Comment("c1", "**Top** comment\n\n> quoting\n\n- a\n- b", author="alice", replies=(reply,)),)
    return Review(
        review_id,
        "A Reddit post",
        "/home/someone/exports/reddit_comments.json",
        MARKDOWN_POST,
        author="poster",
        date="2018-11-01T14:05:00+00:00",
        url="https://www.reddit.com/r/test/comments/abc/a_reddit_post/",
        format="reddit",
        comments=comments,
    )


def hostile_markdown_review() -> Review:
    bodies = (
        f"[[bold]{SMUGGLED}[@click=app.quit]x[/]](https://x.example/{SMUGGLED}) `[link=file:///etc/passwd]x[/link]`",
        f"**[/]** *[bold red]* ```{SMUGGLED}``` <b>[/</b> [{SMUGGLED}](javascript:alert(1))",
        f"```\n[@click=app.quit]{SMUGGLED}\n```",
    )
    comment = Comment("h", bodies[0] + "\n\n" + bodies[1], author="x")
    return Review("hm", "Hostile markdown", "x.json", bodies, format="reddit", comments=(comment,))


async def test_markdown_is_formatted_and_the_meta_line_names_the_page(make_app: AppFactory) -> None:
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, markdown_review().id)
        await pilot.pause()
        text = painted_text(app)
        assert "Bold claim with emphasis and a source to" in text
        assert "**" not in text and "](http" not in text and "\n---" not in text
        assert "│ Someone said this on two lines" in text and "• first point" in text
        unwrapped = re.sub(r" *\n *", "", text)  # a long address breaks between its path's parts
        assert "reddit.com/r/test/comments/abc/a_reddit_post/" in unwrapped  # as a reader reads it: no scheme
        assert "/home/someone" not in text and "reddit_comments.json" not in text
        assert "Thursday 1 November 2018" in text and "2018-11-01T" not in text
        assert "Top comment" in text and "│ quoting" in text and "Agreed, see this" in text


async def test_hostile_markdown_stays_text(make_app: AppFactory) -> None:
    app = make_app([hostile_markdown_review()], state=UiState(review_id="hm"))
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "hm")
        await pilot.pause()
        text = painted_text(app)
        assert "[@click=app.quit]" in text and "[link=file:///etc/passwd]" in text
        assert not any(bad in text for bad in FORBIDDEN_IN_OUTPUT)
        for selector in ("#reading", "#thread"):
            for offset in ((2, 0), (4, 1), (10, 2), (20, 3)):
                await pilot.click(selector, offset=offset)
        await pilot.press("2", "o")
        assert isinstance(app.screen, LinksScreen)
        options = app.screen.query_one(OptionList)
        shown = "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        assert "x.example" in shown
        assert not any(bad in shown for bad in FORBIDDEN_IN_OUTPUT)
        await pilot.press("escape", "3", "o", "escape", "q")
        assert not app.is_running or app.screen is app.main


async def launched(pilot: Pilot[object]) -> None:
    """Wait for the launches `O`/Enter started (daemon threads, not workers), then let their
    notices land."""
    for thread in threading.enumerate():
        if thread.name == LAUNCH_THREAD:
            thread.join()
    await pilot.pause()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def fake_open(url: str, *args: Any, **kwargs: Any) -> browser.OpenResult:
        urls.append(url)
        return browser.OpenResult(True, "fake", "")

    monkeypatch.setattr(browser, "open_url", fake_open)
    return urls


async def test_o_lists_the_links_and_enter_opens_one(make_app: AppFactory, opened: list[str]) -> None:
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LinksScreen)
        assert [link.url for link in screen.links] == [
            "https://www.reddit.com/r/test/comments/abc/a_reddit_post/",
            "https://example.org/paper",
            "https://www.example.com/a/very/long/path/that/will/not/fit/on/one/line/of/the/pane/at/all",
        ]
        await pilot.press("j", "j", "k", "enter")
        await launched(pilot)
        assert opened == ["https://example.org/paper"]
        assert app.screen is app.main


async def test_O_opens_the_reviews_page_and_o_in_comments_lists_the_comments_links(
    make_app: AppFactory, opened: list[str]
) -> None:
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "O")
        await launched(pilot)
        assert opened == ["https://www.reddit.com/r/test/comments/abc/a_reddit_post/"]
        await pilot.press("3", "o")
        await pilot.pause()
        assert app.screen is app.main  # the top comment has no link: a notice, no screen
        await pilot.press("j", "o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert [link.url for link in app.screen.links] == ["https://example.net/reply"]
        await pilot.press("enter")
        await launched(pilot)
        assert opened[-1] == "https://example.net/reply"


async def test_o_and_O_in_the_list_act_for_the_review_it_has_open(make_app: AppFactory, opened: list[str]) -> None:
    """From the list, `o` and `O` did nothing and said nothing: they act for the open review."""
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("1", "o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen) and len(app.screen.links) == 3
        await pilot.press("escape", "1", "O")
        await launched(pilot)
        assert opened == ["https://www.reddit.com/r/test/comments/abc/a_reddit_post/"]
        await pilot.press("h")  # a pane command neither the list nor the review has: said so
        await pilot.pause()
        assert app.screen is app.main and app.is_running


async def test_c_copies_the_url(make_app: AppFactory, opened: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_reader.core.personal import clipboard

    copied: list[str] = []
    monkeypatch.setattr(clipboard, "system_copy_confirmed", lambda text: copied.append(text) or "fake")
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "o", "down", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert copied == ["https://example.org/paper"]
        assert not opened


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_markdown_snapshot(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app([markdown_review()], state=UiState(review_id="md"))
    assert snap_compare(app, terminal_size=size, press=["2", "_"])


async def test_no_line_is_cut_when_the_scrollbar_appears(make_app: AppFactory) -> None:
    words = "a reasonably ordinary sentence that wraps across the pane several times over " * 3
    review = Review("w", "Wide", "w.txt", tuple(f"{i} {words}" for i in range(30)))
    short = Review("s", "Short", "s.txt", ("Fits.",))
    app = make_app([short, review], state=UiState(review_id="s"))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "J")  # from a review with no scrollbar to one that needs it
        await pilot.pause()
        reading = app.main.reading
        assert reading.review is not None and reading.review.id == "w"
        room = reading.scrollable_content_region.width
        assert reading.max_scroll_y > 0  # the scrollbar is there
        for line in reading.lines:
            assert 1 + len(line.text) <= room, line.text


WORDPRESS_HTML = """<strong>WordPress</strong> posts are HTML: a <a href="https://wordpress.org/documentation/">link
with text</a>, a <em>word</em> in italics and <code>inline_code()</code>.

<blockquote>A block quote
on two lines.</blockquote>
<ul>
<li>A list item</li>
<li>Another, with https://example.com/a/long/address/in/the/text/that/wraps</li>
</ul>
<pre>code
  indented</pre>"""


def wordpress_review() -> Review:
    from tui_reader.core.importers.html import html_paragraphs

    paragraphs = tuple(html_paragraphs(WORDPRESS_HTML, newlines=True, markdown=True))
    body = "<p>A <b>comment</b> with <code>code</code></p><blockquote>quoting the post</blockquote>"
    comment = Comment("c1", "\n\n".join(html_paragraphs(body, markdown=True)), author="reader")
    return Review("wp", "A WordPress post", "export.xml", paragraphs, format="wxr", comments=(comment,))


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_wordpress_html_snapshot(snap_compare: Snap, make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app([wordpress_review()], state=UiState(review_id="wp"))
    assert snap_compare(app, terminal_size=size, press=["2", "_"])


async def test_a_bare_address_is_listed_once(make_app: AppFactory) -> None:
    """The links screen showed a bare URL twice, as the link's words and under them as its address."""
    from textual.widgets import OptionList

    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        bare = "https://www.example.com/a/very/long/path/that/will/not/fit/on/one/line/of/the/pane/at/all"
        assert prompts[2] == " 3. " + bare
        assert prompts[1] == " 2. source\n    https://example.org/paper"  # words and address: both
