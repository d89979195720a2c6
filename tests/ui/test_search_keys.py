"""Keys around the search bar, as a fast typist or a paste sends them (found by a new-user test in tmux).

1. Every key typed right after `/` lands in the bar, in order. Textual sends a key to the widget
   focused when it reads it and runs bindings once the key is back up: `/zz` typed together
   opened an empty bar and toggled the comments pane twice. `pilot.press` waits for the app to go
   idle after each key, which hides that, so these tests post a burst of keys the way the driver
   does, all of them before any is handled.
2. Esc clears the list's filter from any pane (after the focused pane's own find).
3. Reopening `/` selects the last query (typing replaces it, an arrow keeps it); Ctrl+U clears the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, seed_reviews, threaded, until
from tui_reader.core.content.models import Review
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.state.ordering import IMPORTED
from tui_reader.ui.widgets.search_bar import SearchBar

SIZE = (140, 40)
NAMED = {"enter": "\r", "escape": "\x1b"}


def burst(app: ReaderApp, keys: Iterable[str]) -> None:
    """Post key events all at once, as the driver does for keys read in one go from the terminal.

    A key is a character (`/` becomes the key `slash`, `"` `quotation_mark`) or a key name (`enter`)."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(_character_to_key(key), key))  # named as the driver names it
        else:
            app.post_message(events.Key(key, NAMED.get(key)))


async def settled(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app handle what was posted: pause until `condition` or the app has had ample turns."""
    for _ in range(50):
        await pilot.pause()
        if condition():
            return


def bar_of(app: ReaderApp) -> SearchBar:
    bar = app.main.search.bar
    assert bar is not None, "the bar never opened"
    return bar


def typed(app: ReaderApp, text: str) -> Callable[[], bool]:
    return lambda: app.main.search.bar is not None and app.main.search.bar.text == text


def reviews() -> list[Review]:
    return [*seed_reviews(), threaded("t", (2, 2))]


# ---- 1. keys right after `/` --------------------------------------------------------


async def test_keys_typed_with_slash_in_the_list_go_into_the_bar(make_app: AppFactory) -> None:
    """`/zz` in one burst: `z` is the comments pane's key, but both are typed."""
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        shown = not screen.has_class("-no-thread")
        burst(app, ["/", "z", "z"])
        await settled(pilot, typed(app, "zz"))
        bar = bar_of(app)
        assert bar.text == "zz" and bar.mode == "list"
        assert screen.focused is bar.input
        assert (not screen.has_class("-no-thread")) == shown  # z did not run


async def test_a_facet_query_typed_at_once_runs_no_command(make_app: AppFactory) -> None:
    """`subject:"Her (2013)"` right after `/`: once it ran s (sort), b (page up) and e (notes)."""
    app = make_app(reviews())
    query = 'subject:"Her (2013)"'
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        assert screen.list.sort == IMPORTED
        burst(app, ["/", *query])
        await settled(pilot, typed(app, query))
        assert bar_of(app).text == query
        assert screen.list.sort == IMPORTED and app.screen is screen and screen.focused is bar_of(app).input


async def test_the_whole_burst_lands_in_order_even_when_the_bar_is_already_mounted(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        burst(app, ["/", *"love", "enter"])  # mounts the bar; Enter leaves it for the review
        await settled(pilot, lambda: app.main.focused is not None and app.main.focused.id != "search-input")
        burst(app, ["1", "/", *"jkgG zbs"])  # back to the list, and the bar again: every key typed
        await settled(pilot, typed(app, "jkgG zbs"))
        assert bar_of(app).text == "jkgG zbs" and bar_of(app).mode == "list"


async def test_a_pane_key_before_slash_decides_where_it_searches(make_app: AppFactory) -> None:
    """`2/the` in one burst: finds in the reading pane (the key before `/` acts first), all typed."""
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1")  # a review open, the list focused
        burst(app, ["2", "/", *"the"])
        await settled(pilot, typed(app, "the"))
        bar = bar_of(app)
        assert bar.mode == "reading" and bar.text == "the"
        assert app.main.search.finds["reading"].matches


async def test_keys_typed_with_slash_in_the_comments_pane_go_into_the_bar(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "3")
        thread = app.main.thread
        current = thread.current
        burst(app, ["/", *"zjkhl"])  # every one a key of the comments pane
        await settled(pilot, typed(app, "zjkhl"))
        bar = bar_of(app)
        assert bar.mode == "thread" and bar.text == "zjkhl"
        assert not app.main.has_class("-no-thread") and thread.current is current


async def test_a_paste_right_after_slash_goes_into_the_bar(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        burst(app, ["/"])
        app.post_message(events.Paste("zebra"))
        burst(app, list("s!"))
        await settled(pilot, typed(app, "zebras!"))
        assert bar_of(app).text == "zebras!"


async def test_slash_through_the_pilot_still_searches_the_list(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zz")
        assert bar_of(app).text == "zz" and app.main.focused is bar_of(app).input


# ---- 2. Esc clears the filter from any pane -----------------------------------------


async def test_escape_in_the_reading_pane_clears_the_list_filter(make_app: AppFactory) -> None:
    """`/has:comments` Enter: the review opens in the reading pane; Esc there clears the filter."""
    every = reviews()
    app = make_app(every)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"has:comments", "enter")
        await settled(pilot, lambda: screen.search.list_filter is not None and screen.focused is screen.reading)
        assert screen.focused is screen.reading and screen.search.list_filter is not None
        assert len(screen.review_list.order) < len(every)
        await pilot.press("escape")
        assert screen.search.list_filter is None and screen.search.bar is None
        assert len(screen.review_list.order) == len(every)
        assert "has:comments" not in str(screen.review_list.border_subtitle)
        assert screen.focused is screen.reading  # Esc does not move the reader


async def test_escape_clears_the_pane_find_first_then_the_filter(make_app: AppFactory) -> None:
    """A word query's Enter lights the match in the pane: the first Esc puts out the lights, the next the filter."""
    every = reviews()
    app = make_app(every)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"sappy", "enter")
        await settled(pilot, lambda: "thread" in screen.search.finds)
        assert screen.focused is screen.thread and screen.search.list_filter is not None
        await pilot.press("escape")
        assert not screen.search.finds and screen.search.bar is None and screen.search.list_filter is not None
        await pilot.press("escape")
        assert screen.search.list_filter is None and len(screen.review_list.order) == len(every)
        assert screen.focused is screen.thread


async def test_escape_in_an_empty_find_bar_keeps_the_filter(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"has:comments", "enter")
        await settled(pilot, lambda: screen.focused is screen.reading)
        await pilot.press("slash")  # find in the reading pane, nothing typed
        assert bar_of(app).mode == "reading"
        await pilot.press("escape")
        assert screen.search.bar is None and screen.search.list_filter is not None and screen.focused is screen.reading


# ---- 3. reopening selects the last query --------------------------------------------


async def test_reopening_selects_the_query_and_typing_replaces_it(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"love", "enter", "1", "slash")
        line = bar_of(app).input
        assert line.value == "love" and line.selected_text == "love"
        await pilot.press(*"subject:her")
        assert bar_of(app).text == "subject:her"
        assert screen.search.list_filter is not None and screen.search.list_filter.text == "subject:her"


async def test_an_arrow_keeps_the_reopened_query_and_ctrl_u_clears_the_line(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sappy", "enter", "1", "slash", "right", *" love")
        assert bar_of(app).text == "sappy love"
        await pilot.press("left", "left", "ctrl+u")  # the cursor mid-line: the whole line goes
        assert bar_of(app).text == ""
        assert app.main.search.list_filter is None


async def test_reopening_the_find_in_a_pane_selects_its_query(make_app: AppFactory) -> None:
    app = make_app(reviews())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "slash", *"the", "enter", "slash")
        line = bar_of(app).input
        assert bar_of(app).mode == "reading" and line.selected_text == "the"
        await pilot.press(*"and")
        assert bar_of(app).text == "and" and app.main.search.finds["reading"].text == "and"


# ---- 4. Enter again on the review the filter opened -----------------------------------


async def test_enter_again_on_the_review_the_filter_opened_lights_its_match_again(make_app: AppFactory) -> None:
    """`/batman` Enter, `1`, Enter quit the reader with a traceback (NoMatches '#search-status'): the
    second opening closed the find bar (removed, children first) and then wrote its count into it."""
    found = Review("b", "The Batman", "synthetic", ("Long and dark.", "The batman broods for three hours."))
    app = make_app([found, Review("o", "Other", "synthetic", ("Nothing to see.",))])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"batman", "enter")
        await settled(pilot, lambda: "reading" in screen.search.finds)
        await pilot.press("1", "enter")
        await settled(pilot, lambda: screen.focused is screen.reading)

        def counted() -> bool:  # the crash came as the count was written: wait for the count or the crash
            bar = screen.search.bar
            return not app.is_running or (bar is not None and "1/" in str(bar.query_one("#search-status").render()))

        await until(pilot, counted)
        assert app.is_running
        bar = bar_of(app)
        assert bar.mode == "reading" and "1/" in str(bar.query_one("#search-status").render())


def test_a_reader_ended_by_an_error_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The crash above left `$?` at 0: a script could not tell the reader had died."""
    from tui_reader.core.store import Store
    from tui_reader.ui.app import run_app

    def broken(self: ReaderApp) -> None:
        raise RuntimeError("a defect")

    real_run = ReaderApp.run
    monkeypatch.setattr(ReaderApp, "run", lambda self: real_run(self, headless=True))
    monkeypatch.setattr(ReaderApp, "on_ready", broken, raising=False)
    assert run_app(Store(tmp_path / "data"), [], None) == 1
