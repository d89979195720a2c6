"""The notes screen (`A`) moves as the list, `S` and help do: `g` / `G` to the first and last
entry (only Home and End did), the letters still typed as text in its filter."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.ui.conftest import AppFactory, synthetic
from tui_reader.core.content.user_records import Anchor
from tui_reader.ui.screens.notes import NotesScreen


async def test_g_and_G_go_to_the_first_and_last_entry(make_app: AppFactory) -> None:
    reviews = synthetic(4)
    app = make_app(reviews)
    for review in reviews:
        app.store.user.add_note(Anchor(review.id), f"a note on {review.title} going gently")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        options = screen.query_one(OptionList)
        assert options.highlighted == 0
        await pilot.press("G")
        assert options.highlighted == 3
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("end", "k", "home")  # Home and End as before
        assert options.highlighted == 0
        await pilot.press("slash", *"going G")  # in the filter, g and G are letters
        await pilot.pause()
        assert screen.query_one(Input).value == "going G" and len(screen.shown) == 4


async def test_a_notes_screen_closing_as_another_window_writes_is_left_alone(make_app: AppFactory) -> None:
    """The once-a-second check reloads every notes screen on the stack; one being closed (its
    widgets already gone) raised NoMatches and ended the reader (seen in the note editor's test)."""
    reviews = synthetic(2)
    app = make_app(reviews)
    app.store.user.add_note(Anchor(reviews[0].id), "a note")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await screen.query_one(Input).remove()  # as a screen being closed has lost its widgets
        app.store.user.add_note(Anchor(reviews[1].id), "written by another window")
        screen.reload()
        await pilot.pause()
        assert app.is_running and len(screen.entries) == 2
