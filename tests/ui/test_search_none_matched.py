"""Enter on a list filter that matches nothing left the cursor in the filter box: the `j` or `1`
that came next was typed into the query. As with matches, Enter goes to the list; the box keeps
the query (shown, for `/` to edit) and a message says nothing matched."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, until
from tests.ui.test_search import SIZE, filter_list, listed_ids
from tui_reader.core.content.models import Review

REVIEWS = [
    Review("film", "One", "x/1", ("What a great film, all told.",)),
    Review("other", "Two", "x/2", ("Nothing to see.",)),
]


async def test_enter_on_a_filter_with_no_match_goes_to_the_list_and_keeps_the_query(make_app: AppFactory) -> None:
    app = make_app(REVIEWS)
    async with app.run_test(size=SIZE) as pilot:
        await filter_list(app, pilot, "zebracorn")
        assert listed_ids(app) == []
        bar = app.main.search.bar
        assert bar is not None
        await pilot.press("enter")
        await until(pilot, lambda: app.focused is app.main.review_list)
        assert any("zebracorn" in n.message and "no review listed" in n.message.lower() for n in app._notifications)
        await pilot.press("j", "2", "1")  # keys of the reader again, not letters of the query
        await pilot.pause()
        assert bar.display and bar.text == "zebracorn" and listed_ids(app) == []
        assert app.focused is app.main.review_list
        await pilot.press("slash")  # the query still there to correct
        await pilot.pause()
        assert app.focused is bar.input and bar.text == "zebracorn"


async def test_enter_on_a_filter_with_matches_still_opens_the_first(make_app: AppFactory) -> None:
    app = make_app(REVIEWS)
    async with app.run_test(size=SIZE) as pilot:
        await filter_list(app, pilot, "film")
        await pilot.press("enter")
        await until(pilot, lambda: app.main.review is not None and app.main.review.id == "film")
        assert not any("no review listed" in n.message.lower() for n in app._notifications)
