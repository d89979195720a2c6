"""A tester's findings on `S`: it could not be sorted (`s` did nothing), its top line counted blog
posts and threads as reviews with no subject, and keys typed right after `S` were lost (`S/hotel`
left the filter empty, or typed `/hotel` into it)."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import AppFactory, until
from tests.ui.test_search_keys import burst, settled
from tests.ui.test_subjects import library, subjects_screen
from tui_reader.core.content.models import Review
from tui_reader.core.store import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.screen_keys import screen_keys
from tui_reader.ui.screens.subjects import SubjectsScreen
from tui_reader.ui.state.remembered import load_state
from tui_reader.ui.widgets.search_bar import SearchInput

SIZE = (140, 40)


def labels(screen: SubjectsScreen) -> list[str]:
    return [s.label for s in screen.shown]


def subtitle(screen: SubjectsScreen) -> str:
    return str(screen.query_one("#subjects-box").border_subtitle)


def filter_text(screen: SubjectsScreen) -> str:
    return screen.query_one(SearchInput).value


async def test_s_cycles_the_orders_and_the_border_says_which(make_app: AppFactory) -> None:
    app = make_app(library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, SubjectsScreen) and bool(app.screen.shown))
        screen = subjects_screen(app)
        assert labels(screen) == ["Her (2013)", "Dune (1965)"] and "most reviewed" in subtitle(screen)
        await pilot.press("s")  # Dune's one 4.5 (weighed: 4.0) over Her's three at 3.7 (weighed: 3.8)
        assert "highest average" in subtitle(screen) and labels(screen) == ["Dune (1965)", "Her (2013)"]
        await pilot.press("s")
        assert "A–Z" in subtitle(screen) and labels(screen) == ["Dune (1965)", "Her (2013)"]
        await pilot.press("s")
        assert "newest review" in subtitle(screen) and labels(screen) == ["Her (2013)", "Dune (1965)"]
        assert "sort" in [binding.action for _, binding in screen_keys(screen)]  # in `?` and the palette


async def test_the_order_is_remembered_across_restarts(tmp_path: Path) -> None:
    Store(tmp_path).library.add(library())
    app = ReaderApp(Store(tmp_path), [])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S", "s", "s", "q")  # A–Z, then back to the main screen
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("q")
    assert load_state(Store(tmp_path).state_path).subjects_sort == "name"
    app = ReaderApp(Store(tmp_path), [])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, SubjectsScreen) and bool(app.screen.shown))
        screen = subjects_screen(app)
        assert "A–Z" in subtitle(screen) and labels(screen) == ["Dune (1965)", "Her (2013)"]


async def test_posts_and_threads_are_not_counted_as_reviews_without_a_subject(make_app: AppFactory) -> None:
    posts = [Review(f"p{i}", "A post", "t", ("x",), format=name) for i, name in enumerate(("wxr", "reddit"))]
    app = make_app([*library()[:3], *posts])  # Her and Dune; two posts, no subject
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        summary = str(subjects_screen(app).query_one("#subjects-summary").render())
        assert summary.startswith("Every review has a subject") and "2 posts and threads need none" in summary
        assert "t on a review" not in summary  # no nudge: nothing to set


async def test_keys_typed_right_after_S_filter_as_if_typed_slowly(make_app: AppFactory) -> None:
    """`S/hotel` at typing speed: the screen takes a moment to come up, and the keys typed meanwhile
    were lost (the filter stayed empty) or typed into it (`/hotel`). Posted in one burst here."""
    app = make_app(library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ["S", "/", "d", "u", "n"])
        await settled(pilot, lambda: isinstance(app.screen, SubjectsScreen) and filter_text(app.screen) == "dun")
        screen = subjects_screen(app)
        assert filter_text(screen) == "dun" and labels(screen) == ["Dune (1965)"]
        assert screen.focused is screen.query_one(SearchInput)
        await pilot.press("escape")  # the filter cleared, the list has the keys again
        assert filter_text(screen) == "" and screen.focused is screen.query_one("#subjects-list")


async def test_keys_before_the_screen_is_up_reach_its_list(make_app: AppFactory) -> None:
    app = make_app(library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ["S", "j", "enter"])  # the second subject, chosen: the list filtered by it
        await until(pilot, lambda: app.main.search.list_filter is not None)
        assert app.screen is app.main and app.main.search.list_filter.text == 'subject:"Dune (1965)"'


async def test_slash_then_words_in_one_burst_on_the_open_screen(make_app: AppFactory) -> None:
    app = make_app(library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, SubjectsScreen) and bool(app.screen.shown))
        screen = subjects_screen(app)
        burst(app, ["/", *"jonze"])  # `j` is a key of the list too: typed here all the same
        await settled(pilot, lambda: filter_text(screen) == "jonze")
        assert filter_text(screen) == "jonze" and labels(screen) == ["Her (2013)"]
