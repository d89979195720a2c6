"""Esc and the search bar agree: once what the bar shows is cleared, the bar goes.

Found by a tester on a real library: `1`, `/Hello local`, Enter (the review opens with the
filter's words lit in it and counted in the bar), then `3 j v y` in the comments and Esc
three times. The first Esc cleared the filter, yet the bar kept ` /Hello local … 1/2` for
good, and `n` said "No search here"."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, seed_reviews, until
from tests.ui.test_search import SIZE, filter_list
from tui_reader.core.content.models import Comment, Review
from tui_reader.ui.app import ReaderApp

HELLO = Review(
    "hello",
    "Hello local",
    "x/hello",
    ("Body of the post, hello local friends.", "A second paragraph."),
    comments=(Comment("c1", "First reply."), Comment("c2", "Second reply."), Comment("c3", "Third reply.")),
)


def bar_shown(app: ReaderApp) -> bool:
    return app.main.search.bar is not None


async def test_escape_after_the_filters_review_was_read_in_the_comments_empties_the_bar(
    make_app: AppFactory,
) -> None:
    every = [*seed_reviews(), HELLO]
    app = make_app(every)
    async with app.run_test(size=SIZE) as pilot:
        screen, search = app.main, app.main.search
        await filter_list(app, pilot, "Hello local")
        await pilot.press("enter")
        await until(pilot, lambda: "reading" in search.finds)
        bar = search.bar
        assert bar is not None and bar.mode == "reading" and bar.text == "Hello local"
        await pilot.press("3", "j", "v", "y")
        await until(pilot, lambda: screen.personal.quote is None)
        assert screen.focused is screen.thread
        await pilot.press("escape")
        assert search.list_filter is None and len(screen.review_list.order) == len(every)
        assert not bar_shown(app) and not search.finds  # the filter's words went with it
        await pilot.press("escape", "escape")
        assert not bar_shown(app) and screen.focused is screen.thread
        await pilot.press("n")
        assert not bar_shown(app)


async def test_escape_clears_a_find_the_bar_shows_for_the_other_pane(make_app: AppFactory) -> None:
    """A find typed in the reading pane, then the comments focused: Esc there, with nothing else
    on, clears that find and closes its bar (before, Esc did nothing and the bar stayed)."""
    app = make_app([*seed_reviews(), HELLO])
    async with app.run_test(size=SIZE) as pilot:
        screen, search = app.main, app.main.search
        await filter_list(app, pilot, "Hello local")
        await pilot.press("enter")
        await until(pilot, lambda: "reading" in search.finds)
        await pilot.press("escape", "escape")  # the lights in the reading pane, then the filter
        assert search.list_filter is None and not bar_shown(app)
        await pilot.press("2", "slash", *"reply", "enter")  # no match in the text: the bar says so
        await until(pilot, lambda: "reading" in search.finds)
        await pilot.press("3", "escape")
        assert not search.finds and not bar_shown(app) and screen.focused is screen.thread
