"""A burst that ends listing nothing leaves no review open (found trying the fix as a user): `/toy coco`,
then Ctrl+U and `zzzqx` typed at once said `0 reviews` while a review opened on screen. `z` had moved
the list's cursor to a row, and that move's message came after `zz` had emptied the list: its preview
opened the row the list no longer had."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory, synthetic, threaded, until, until_open
from tests.ui.test_search import filter_list
from tui_reader.ui.state.remembered import UiState


async def test_a_move_the_list_has_left_opens_no_review(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_reader.ui.controllers import listing

    monkeypatch.setattr(listing, "PREVIEW_DELAY", 30.0)  # the moved-to row's preview waits for the test
    thread = threaded("t", (2,))
    app = make_app([*synthetic(30), thread], state=UiState(review_id="t"))
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "t")
        await filter_list(app, pilot, "body")  # the cursor moves to a row: its preview not opened yet
        app.main.list.cancel_preview()  # as if that move's message had not come yet
        passed = app.main.review_list.position
        assert passed is not None and app.main.review is not None and app.main.review.id == "t"
        await filter_list(app, pilot, "bodyzz")
        await until(pilot, lambda: app.main.review is None)
        monkeypatch.setattr(listing, "PREVIEW_DELAY", 0.01)
        app.main.list.preview_soon(passed)  # that move's `Highlighted`, come after the rows went
        await pilot.pause(0.3)  # past the preview's delay: it would have opened by now
        assert app.main.review is None
        assert "No review matches the filter" in app.main.reading.render_line(0).text
