"""A command typed right after a move acts on the review the cursor moved to (found by a new-user test).

`j f` typed at once bookmarked the review before: the move's `Highlighted` message was still queued
when `f` ran, so nothing had opened the new review. `burst` posts keys as the driver does.
"""

from __future__ import annotations

from tests.ui.conftest import AppFactory, synthetic
from tests.ui.test_search_keys import burst, settled
from tui_reader.ui.screens.note_editor import NoteEditor

SIZE = (140, 40)


async def test_a_command_typed_with_the_move_acts_on_the_review_moved_to(make_app: AppFactory) -> None:
    reviews = synthetic(6)
    app = make_app(reviews)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await settled(pilot, lambda: app.main.review is not None)

        def under_cursor() -> str:
            position = app.main.review_list.position
            assert position is not None
            return str(app.store.library.summary(position).id)

        burst(app, "jf")
        await settled(pilot, lambda: bool(app.store.user.snapshot().bookmarked_reviews))
        assert app.store.user.snapshot().bookmarked_reviews == {under_cursor()} == {reviews[1].id}
        assert app.main.review is not None and app.main.review.id == reviews[1].id

        burst(app, "j2a")
        await settled(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert isinstance(app.screen, NoteEditor)
        assert app.main.review is not None and app.main.review.id == under_cursor() == reviews[2].id
        await pilot.press("escape")
        # the move's late preview must not open another review: 0.5 s outlasts its PREVIEW_DELAY
        # timer (0.12 s); a busy machine can only make this wait longer, never fail it
        await pilot.pause(0.5)
        assert app.main.review.id == reviews[2].id and app.main.focused is app.main.reading
