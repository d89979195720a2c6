"""The review that opens follows the list's cursor when the rows change under it (`F`, the filter)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory, highlighted_id, open_id, synthetic, until
from tui_reader.core.store import Store

SMALL = (140, 40)


@pytest.fixture(autouse=True)
def no_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview timer never fires: what opens, opens because the cursor's review must."""
    from tui_reader.ui.controllers import listing

    monkeypatch.setattr(listing, "PREVIEW_DELAY", 30.0)


async def test_bookmarked_view_opens_the_review_it_highlights(make_app: AppFactory) -> None:
    """`g` on an unbookmarked review, then `F`: the highlighted bookmarked review is the one `f` acts on."""
    reviews = synthetic(5)
    app = make_app(reviews)
    Store(app.store.data_dir).user.toggle_bookmark(reviews[2].id)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("g")
        assert open_id(app) == reviews[0].id
        await pilot.press("F")
        assert highlighted_id(app) == reviews[2].id
        await pilot.press("f")  # unbookmarks the highlighted review, shown in the reading pane
        assert app.store.user.snapshot().bookmarked_reviews == frozenset()
        assert open_id(app) == reviews[2].id


async def test_the_bookmarked_view_opens_its_review_after_the_preview_delay(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.ui.controllers import listing

    monkeypatch.setattr(listing, "PREVIEW_DELAY", 0.01)
    reviews = synthetic(5)
    app = make_app(reviews)
    Store(app.store.data_dir).user.toggle_bookmark(reviews[3].id)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("F")
        await until(pilot, lambda: open_id(app) == reviews[3].id)  # the preview's timer fires
        assert open_id(app) == reviews[3].id == highlighted_id(app)


async def test_leaving_an_empty_view_puts_the_cursor_back_on_the_open_review(make_app: AppFactory) -> None:
    """`F` with nothing bookmarked, or a filter matching nothing, then Esc: the cursor is on the review
    still open (it went to the first row, another review than the one shown)."""
    reviews = synthetic(5)
    app = make_app(reviews)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("j", "j", "j", "enter", "1")
        assert open_id(app) == reviews[3].id == highlighted_id(app)
        await pilot.press("F")
        assert app.main.review_list.position is None
        await pilot.press("escape")
        assert highlighted_id(app) == open_id(app) == reviews[3].id
        await pilot.press("slash", *"zzzzqq")
        # the index opens in a worker, then the filter (matching nothing) leaves no row under the cursor
        await until(pilot, lambda: app.main.search.index is not None and app.main.review_list.position is None)
        assert app.main.review_list.position is None
        await pilot.press("escape")
        assert highlighted_id(app) == open_id(app) == reviews[3].id
        await pilot.press("f")
        assert app.store.user.snapshot().bookmarked_reviews == {reviews[3].id}
