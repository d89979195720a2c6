"""`t` with its box ticked names the thing: a review of it imported later, by this window or
another process, comes named; unticked, only the open review is named."""

from __future__ import annotations

from textual.widgets import Label

from tests.ui.conftest import AppFactory, until
from tests.ui.test_subjects import IMDB, _name_it, imdb_library
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.store import Store
from tui_reader.ui.app import ReaderApp

NAMED = Subject("Stanley & Iris", "film", 1990, "Martin Ritt", "imdb:tt0100680")


def fourth() -> Review:
    return Review("im3", "Review 3", "t", ("Text 3.",), rating=7, rating_max=10, subject=IMDB)


async def test_a_review_imported_later_comes_with_the_things_name(make_app: AppFactory) -> None:
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _name_it(pilot, app, for_all=True)
        Store(app.store.data_dir).library.add([fourth()])  # `tui-reader import` while the app is open
        assert app.store.subject_of("im3") == NAMED
    assert Store(app.store.data_dir).subject_of("im3") == NAMED


async def test_unticked_a_review_imported_later_keeps_its_imported_name(make_app: AppFactory) -> None:
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _name_it(pilot, app, for_all=False)
        app.store.library.add([fourth()])
        assert app.store.subject_of("im3") == IMDB


async def test_the_bar_and_the_list_count_the_same_after_an_import_elsewhere(make_app: AppFactory) -> None:
    """A tester's `subject:imdb:tt1798709` open while `tui-reader import` brought a 4th review: the
    list's border said `4 reviews for …`, the search bar still `3 reviews`."""
    app = make_app(imdb_library())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await app.main.filter_list("subject:imdb:tt0100680")
        await until(pilot, lambda: bar_status(app) == "3 reviews")
        Store(app.store.data_dir).library.add([fourth()])  # `tui-reader import` in another terminal
        app.check_library()  # what the app's poll does every few seconds
        await pilot.pause()
        assert str(app.main.review_list.border_subtitle).startswith("4 reviews for")
        assert bar_status(app) == "4 reviews"


def bar_status(app: ReaderApp) -> str:
    bar = app.main.search.bar
    return "" if bar is None else str(bar.query_one("#search-status", Label).render())
