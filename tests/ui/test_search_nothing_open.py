"""A filter that lists nothing leaves no review on screen (found by a tester): `/zzzqx` said
`0 reviews for "zzzqx"` while the reading and comments panes kept the thread that was open.
Now the reading pane says nothing matches, the comments pane is empty, and Esc brings the review
back where it was; quitting meanwhile remembers that review, not an empty screen."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory, highlighted_id, open_id, synthetic, threaded, until, until_open
from tests.ui.test_hostile_ui import painted_text
from tests.ui.test_search import filter_list
from tui_reader.ui.state.remembered import UiState, load_state


async def test_a_filter_matching_nothing_shows_no_review_and_esc_brings_it_back(make_app: AppFactory) -> None:
    thread = threaded("t", (3, 2))
    app = make_app([*synthetic(3), thread], state=UiState(review_id="t", pane="thread", comment_id="c.1"))
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "t")
        await until(pilot, lambda: app.main.thread.current is not None)
        assert "Comment c.1 at depth 0." in painted_text(app)

        await filter_list(app, pilot, "zzzqx")
        await until(pilot, lambda: app.main.search.list_filter is not None and not app.main.review_list.order)
        await until(pilot, lambda: app.main.review is None)
        painted = painted_text(app)
        assert "No review matches the filter" in painted
        assert "Comment c." not in painted and "First paragraph." not in painted
        assert app.main.thread.current is None

        app.main.remember()  # as on quit: the place is the review the filter hides, where it was in it
        remembered = load_state(app.store.state_path)
        assert remembered.review_id == "t" and remembered.comment_id == "c.1"

        await pilot.press("escape")
        await until(pilot, lambda: app.main.review is not None)
        assert app.main.review is not None and app.main.review.id == "t"
        assert app.main.thread.current is not None and app.main.thread.current.id == "c.1"
        assert "First paragraph." in painted_text(app)


async def test_esc_brings_back_the_review_that_was_open_not_the_row_the_query_passed(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`/bodyzz`: `body` highlights another review on its way (its preview not opened yet); `bodyzz`
    lists none. Esc opens the thread that was on screen, the cursor on it (not on the row passed)."""
    from tui_reader.ui.controllers import listing

    monkeypatch.setattr(listing, "PREVIEW_DELAY", 30.0)  # the passed row's preview never fires
    thread = threaded("t", (2,))
    app = make_app([*synthetic(3), thread], state=UiState(review_id="t"))
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "t")
        await filter_list(app, pilot, "body")
        assert highlighted_id(app) != "t" and open_id(app) == "t"
        await pilot.press(*"zz")
        await until(pilot, lambda: app.main.review is None)
        await pilot.press("escape")
        await until(pilot, lambda: app.main.review is not None)
        assert open_id(app) == highlighted_id(app) == "t"


async def test_a_filter_matching_nothing_says_a_word_read_as_no_filter(make_app: AppFactory) -> None:
    app = make_app(synthetic(3))
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: app.main.review is not None)
        await filter_list(app, pilot, "genre:zzqx")
        await until(pilot, lambda: app.main.search.list_filter is not None and not app.main.review_list.order)
        await until(pilot, lambda: app.main.review is None)
        said = " ".join(painted_text(app).split())
        assert "No review matches the filter (genre: is no filter, its words were searched" in said, said
