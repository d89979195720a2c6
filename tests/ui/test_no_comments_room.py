"""At 100 columns the comments pane sits under the text; for a review without comments (a Goodreads
export never has any) its "No comments." took half the height and left the text a line or two
(found by a tester at 100x30). It is now one line high then, and half the height again for a thread."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, synthetic, threaded, until, until_open
from tui_reader.ui.state.remembered import UiState

STACKED = (100, 30)


async def test_a_review_without_comments_leaves_the_text_the_room(make_app: AppFactory) -> None:
    app = make_app([*synthetic(2), threaded("t", (2,))], state=UiState(review_id="r00000", pane="reading"))
    async with app.run_test(size=STACKED) as pilot:
        await until_open(pilot, app, "r00000")
        screen = app.main
        assert screen.has_class("-stacked")
        await until(pilot, lambda: screen.thread.size.height == 1)  # "No comments.", in its border
        assert screen.reading.size.height > 20 and screen.focused is screen.reading  # the focus stays
        screen.open_position(app.store.library.position("t"))
        await until(pilot, lambda: screen.thread.size.height > 5)
        assert abs(screen.thread.size.height - screen.reading.size.height) <= 1  # the halves again
        assert screen.focused is screen.reading
