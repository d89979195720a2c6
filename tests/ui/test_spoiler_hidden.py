"""A review its source flags as all spoiler keeps its text hidden until asked (Enter), in the
reading pane and in the list.

Testers' find: `⚠ Spoiler warning: this review gives the story away`, then the whole text at once,
as the list's preview opened it on `j` (Goodreads hides such a review until asked). A review whose
spoilers are marked in it (Steam's, Goodreads' `[spoiler]`) shows its text, those words set apart.
"""

from __future__ import annotations

from tests.ui.conftest import AppFactory, until, until_open
from tests.ui.test_hostile_ui import painted_text
from tests.ui.test_search import filter_list, row_text, status
from tui_reader.core.content.models import Review

ENDING = "Everyone dies in the last act and Ophelia drowns."
WHOLE = Review("w", "Hamlet", "x", (ENDING,), author="ann", format="goodreads", spoiler=True)
MARKED = Review(
    "m", "Great", "x", ("Great game. >!The king dies!<. 10/10",), author="bob", format="steam", spoiler=True
)


async def test_the_text_is_hidden_until_enter_and_enter_hides_it_again(make_app: AppFactory) -> None:
    app = make_app([WHOLE])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "w")
        await until(pilot, lambda: "text is hidden" in painted_text(app))
        shown = painted_text(app)
        assert "Spoiler warning" in shown and "Ophelia" not in shown  # neither in the pane nor in the list's row
        assert "ann — [spoiler]" in shown
        await pilot.press("2", "enter")
        await until(pilot, lambda: "Ophelia" in painted_text(app))
        assert "text is hidden" not in painted_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "Ophelia" not in painted_text(app))


async def test_enter_on_the_list_opens_it_hidden_and_enter_again_shows_it(make_app: AppFactory) -> None:
    app = make_app([MARKED, WHOLE])
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        position = app.store.library.position("w")
        assert position is not None
        app.main.review_list.move_to(position)
        await pilot.press("enter")
        await until_open(pilot, app, "w")
        await until(pilot, lambda: app.main.focused_pane_id() == "reading")
        assert "Ophelia" not in painted_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "Ophelia" in painted_text(app))


async def test_a_review_with_its_spoilers_marked_shows_its_text(make_app: AppFactory) -> None:
    app = make_app([MARKED])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "m")
        await until(pilot, lambda: "Great game." in painted_text(app))
        shown = painted_text(app)
        assert "Great game." in shown and "text is hidden" not in shown


async def test_a_hidden_review_is_not_marked_read_until_its_text_is_shown(make_app: AppFactory) -> None:
    """Its end on screen marked a review read; hidden, its text was not read."""
    app = make_app([WHOLE])
    async with app.run_test(size=(140, 40)) as pilot:
        await until_open(pilot, app, "w")
        await pilot.press("2")
        await until(pilot, lambda: "text is hidden" in painted_text(app))
        await pilot.pause(0.3)  # a read mark from the opening would be written by now (a slow machine only passes)
        assert "w" not in app.store.user.snapshot().read
        await pilot.press("v")  # nothing on screen to quote
        assert app.main.personal.quote_mode.cursor is None
        await pilot.press("enter")
        await until(pilot, lambda: "w" in app.store.user.snapshot().read)


async def test_a_filters_match_opened_in_a_hidden_review_shows_its_text_there(make_app: AppFactory) -> None:
    """The row said `[spoiler: …Ophelia…]`; Enter on it opens the match: the text is shown and the
    word lit (it said "no match", the text hidden)."""
    app = make_app([MARKED, WHOLE])
    async with app.run_test(size=(140, 40)) as pilot:
        await filter_list(app, pilot, "ophelia")
        await until(pilot, lambda: "[spoiler: …Ophelia…]" in row_text(app, 0, 1))
        await pilot.press("enter")
        await until(pilot, lambda: app.main.search.bar is not None and str(status(app).render()) == "1/1")
        assert "Ophelia" in painted_text(app)
