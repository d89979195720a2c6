"""Every key of the issue's table, driven through Pilot on a real app."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from tests.ui.conftest import AppFactory, seed_reviews, synthetic, threaded, until, until_open
from tui_reader.core.content.text import fold
from tui_reader.core.importers.guide import SITE_GUIDES
from tui_reader.core.store import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.state.remembered import UiState

SMALL = (140, 40)


async def test_list_moves_and_enter_opens(make_app: AppFactory) -> None:
    reviews = synthetic(60)
    app = make_app(reviews)
    async with app.run_test(size=SMALL) as pilot:
        screen, lst = app.main, app.main.review_list
        assert screen.focused is lst and lst.cursor == 0
        await pilot.press("j", "down", "j")
        assert lst.cursor == 3
        await pilot.press("k", "up")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == 59
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("end")
        assert lst.cursor == 59
        await pilot.press("home", "space")
        page = lst.cursor
        assert page > 1
        await pilot.press("pagedown")
        assert lst.cursor == 2 * page
        await pilot.press("b")
        assert lst.cursor == page
        await pilot.press("pageup")
        assert lst.cursor == 0
        await pilot.press("J")  # opens the next review in place
        assert screen.review is not None and screen.review.id == reviews[1].id and screen.focused is lst
        await pilot.press("K")
        assert screen.review.id == reviews[0].id and lst.cursor == 0
        await pilot.press("j", "enter")
        assert screen.review is not None and screen.review.id == reviews[1].id
        assert screen.focused is screen.reading
        assert reviews[1].id in app.store.user.snapshot().read  # opening marks it read


async def test_highlight_previews_after_a_pause(make_app: AppFactory) -> None:
    reviews = synthetic(5)
    app = make_app(reviews)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("j", "j")
        await until_open(pilot, app, reviews[2].id)


async def test_reading_pane_scrolls_by_line_and_page_and_steps_reviews(make_app: AppFactory) -> None:
    seeds = seed_reviews()
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # open the first seed: long enough to scroll at 80x24
        reading = app.main.reading
        assert app.main.focused is reading
        await pilot.pause()
        assert reading.max_scroll_y > 5
        await pilot.press("j", "j", "down")  # the paragraph cursor, scrolling to keep it in view
        assert reading.cursor == 3 and reading.scroll_y > 0
        lines = reading.paragraph_lines(3)
        assert reading.scroll_y <= lines.start and lines.stop <= reading.scroll_y + reading.size.height
        await pilot.press("k")
        assert reading.cursor == 2
        await pilot.press("G")
        assert reading.scroll_y == reading.max_scroll_y
        assert reading.border_subtitle == "100%"
        await pilot.press("g")
        assert reading.scroll_y == 0
        await pilot.press("space")
        assert reading.scroll_y > 3
        await pilot.press("b")
        assert reading.scroll_y == 0
        await pilot.press("J")  # next review from the reading pane
        assert app.main.review is not None and app.main.review.id == seeds[1].id
        await pilot.press("K")
        assert app.main.review.id == seeds[0].id


async def test_panes_tab_numbers_and_z(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        order = [screen.review_list, screen.reading, screen.thread]
        for expected in [*order[1:], order[0]]:
            await pilot.press("tab")
            assert screen.focused is expected
        await pilot.press("shift+tab")
        assert screen.focused is screen.thread
        for key, pane in zip("123", order, strict=True):
            await pilot.press(key)
            assert screen.focused is pane
        await pilot.press("z")  # hide the comments while they have focus: focus moves on
        assert not screen.thread.display and screen.focused is screen.reading
        await pilot.press("tab", "tab")
        assert screen.focused is screen.reading  # only two panes cycle now
        await pilot.press("z")
        assert screen.thread.display
        await pilot.press("z", "3")  # asking for the hidden pane shows it
        assert screen.thread.display and screen.focused is screen.thread


async def test_single_pane_at_80x24_switches_with_tab(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main

        def visible_panes() -> list[str]:
            panes = (screen.review_list, screen.reading, screen.thread)
            return [str(p.id) for p in panes if p.region.area > 0]

        assert visible_panes() == ["list"]
        await pilot.press("tab")
        await pilot.pause()
        assert visible_panes() == ["reading"]
        await pilot.press("tab")
        await pilot.pause()
        assert visible_panes() == ["thread"]
        assert screen.thread.region.size == (80, 24 - 1)  # the whole screen but the footer


async def test_thread_keys(make_app: AppFactory) -> None:
    review = threaded(shape=(3, 2, 2))  # 3 top, each 2 replies, each 2 replies: 3 + 6 + 12 = 21
    app = make_app([review])
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3")
        thread = app.main.thread
        ids = [c.id for c in thread.model.comments]
        assert len(ids) == 21

        def current() -> str | None:
            return thread.current.id if thread.current else None

        assert current() == "c.0"
        await pilot.press("j", "down")
        assert current() == "c.0.0.0"
        await pilot.press("p")
        assert current() == "c.0.0"
        await pilot.press("J")
        assert current() == "c.0.1"
        await pilot.press("K")
        assert current() == "c.0.0"
        await pilot.press("h")  # collapse c.0.0 (2 replies hidden)
        assert thread.model.hidden_count(ids.index("c.0.0")) == 2
        await pilot.press("j")
        assert current() == "c.0.1"  # the hidden replies are skipped
        await pilot.press("k", "l")
        assert thread.model.hidden_count(ids.index("c.0.0")) == 0
        await pilot.press("enter")
        assert thread.model.hidden_count(ids.index("c.0.0")) == 2
        await pilot.press("enter")
        assert len(thread.model.visible) == 21
        await pilot.press("H")
        assert len(thread.model.visible) == 3 and current() == "c.0"
        await pilot.press("L")
        assert len(thread.model.visible) == 21
        await pilot.press("G")
        assert current() == ids[-1]
        await pilot.press("g", "space")
        assert thread.cursor > 0
        await pilot.press("b")
        assert thread.cursor == 0
        await pilot.press("end", "home", "up", "k")
        assert current() == "c.0"


async def test_bookmarks_filter_read_and_sort(make_app: AppFactory) -> None:
    reviews = [*synthetic(6), threaded("t")]
    app = make_app(reviews)
    async with app.run_test(size=SMALL) as pilot:
        screen, lst, user = app.main, app.main.review_list, app.store.user
        await pilot.press("j", "f")
        assert user.snapshot().bookmarked_reviews == {reviews[1].id}
        await pilot.press("F")
        assert [lst.order[i] for i in range(len(lst.order))] == [1]
        await pilot.press("escape")  # clears the filter
        assert len(lst.order) == len(reviews)
        await pilot.press("F", "f", "F")  # unbookmark from the filtered list
        assert user.snapshot().bookmarked_reviews == frozenset()
        await pilot.press("G", "enter", "3", "j", "f")
        assert user.snapshot().bookmarked_comments == {screen.thread.current.id if screen.thread.current else ""}
        read_before = user.snapshot().read
        assert "t" in read_before
        await pilot.press("m")
        assert "t" not in user.snapshot().read
        await pilot.press("m")
        assert "t" in user.snapshot().read
        await pilot.press("1", "s")  # sort by title: compare with an independent sort of the titles
        titles = [app.store.library.summary(lst.order[i]).title for i in range(len(lst.order))]
        assert titles == sorted((r.title for r in reviews), key=fold)
        await pilot.press("s", "s", "s", "s")  # date, rating, comments, then back to import order
        assert list(lst.order) == list(range(len(reviews)))


async def test_a_command_right_after_a_move_acts_on_the_review_under_the_cursor(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`j` then `f` faster than the preview delay: the bookmark and the reading pane follow the cursor."""
    from tui_reader.ui.controllers import listing

    monkeypatch.setattr(listing, "PREVIEW_DELAY", 30.0)  # the preview timer never fires during the test
    reviews = synthetic(4)
    app = make_app(reviews)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("j", "j")
        assert app.main.review is not None and app.main.review.id == reviews[0].id  # still pending
        await pilot.press("f")
        assert app.store.user.snapshot().bookmarked_reviews == {reviews[2].id}
        assert app.main.review is not None and app.main.review.id == reviews[2].id


async def test_a_command_right_after_a_pane_key_acts_in_the_new_pane(make_app: AppFactory) -> None:
    """`3` then `1` `f` in one burst of input: the review is bookmarked, not the comment."""
    review = threaded()
    app = make_app([review])
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3")
        await app.main.run_action("focus_pane('list')")  # no refresh in between, as in a burst of keys
        await app.main.run_action("bookmark")
        snapshot = app.store.user.snapshot()
        assert snapshot.bookmarked_reviews == {review.id} and not snapshot.bookmarked_comments


@pytest.mark.parametrize("key", ["a", "A", "e", "v", "y", "Y"])
async def test_personal_keys_never_crash_on_an_empty_library(make_app: AppFactory, key: str) -> None:
    app = make_app([])
    async with app.run_test(size=SMALL) as pilot:
        for pane in "123":
            await pilot.press(pane, key, "escape", "escape")
        assert app.is_running and app.screen is app.main


async def test_every_key_in_every_pane_on_an_empty_library(make_app: AppFactory) -> None:
    keys = [*"jkgGbhlHLpJKfFmsz", "space", "enter", "escape", "tab", "shift+tab"]
    app = make_app([])
    async with app.run_test(size=(80, 24)) as pilot:
        for pane in "123":
            await pilot.press(pane, *keys)
        assert app.is_running


async def test_help_lists_every_key_of_the_issue(make_app: AppFactory) -> None:
    issue_keys = "j k ↓ ↑ g G space b Tab Shift+Tab 1 2 3 Enter h l H L p J K f F a A v y Y / n N Esc s m ? F1 Ctrl+P q"
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        keys_listed = {word for line in text.splitlines() for word in line.split()[:3]}
        missing = [key for key in issue_keys.split() if key not in keys_listed]
        assert not missing
        await pilot.press("j", "k", "q")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.main
        assert app.is_running


async def test_help_says_how_to_import_from_each_review_site(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.query_one("Static").render()).split("Bringing your reviews in")[1]
        for guide in SITE_GUIDES:
            assert guide.site in text and guide.command in text
        body = app.screen.query_one("#help-body")
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0  # the site guide is at the bottom: G gets there
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_command_palette_runs_reader_commands(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Comments (z)")
        found = app.screen.query_one(CommandList)  # filled as the palette's providers answer

        def offered() -> bool:
            return found.highlighted is not None and "Comments (z)" in str(
                found.get_option_at_index(found.highlighted).prompt
            )

        await until(pilot, offered)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert not app.main.thread.display


async def test_q_quits_and_the_next_start_restores_where_you_were(make_app: AppFactory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "kept"
    reviews = [*synthetic(30), threaded("t", (4, 3))]
    app = make_app(reviews, folder=folder)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("G", "enter", "3", "j", "j", "z", "z", "2")
        app.theme = "nord"
        await pilot.press("q")
    assert not app.is_running
    again = make_app([], folder=folder)  # same folder: the library is still there
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = again.main
        assert screen.review is not None and screen.review.id == "t"
        assert screen.review_list.position == len(reviews) - 1
        assert screen.focused is screen.reading
        assert screen.thread.current is not None and screen.thread.current.id == "c.0.1"
        assert again.theme == "nord"


async def test_a_broken_state_file_starts_fresh(make_app: AppFactory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "broken"
    app = make_app(folder=folder, state=UiState(review_id="nope", pane="thread"))
    (folder / "state.json").write_text("{not json", encoding="utf-8")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.main.review_list.cursor == 0 and app.is_running


async def test_repairs_made_while_opening_are_shown(make_app: AppFactory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "damaged"
    make_app(folder=folder)  # creates the library
    (folder / "userdata.json").write_text("{half a file", encoding="utf-8")
    app = ReaderApp(Store(folder))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        repaired = [n for n in app._notifications if n.title == "Repaired"]
        assert repaired and "userdata.json" in repaired[0].message
        assert len(app.main.review_list.order) == len(seed_reviews())


async def test_the_garbage_collector_is_back_on_once_the_first_frame_is_out(make_app: AppFactory) -> None:
    """Start-up pauses collection for speed; a reader left running must collect again."""
    import gc

    app = make_app(synthetic(3))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert gc.isenabled()
