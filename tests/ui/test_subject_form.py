"""The `t` form's keys: Enter saves from anywhere (the box too), Space ticks the box, a
prefilled field's text is selected on focus (typing replaces it), the box says in words what
saving will do."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.ui.conftest import AppFactory
from tests.ui.test_subjects import IMDB, imdb_library
from tui_reader.core.content.models import Subject
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.subject_editor import SubjectEditor


async def open_form(app: ReaderApp, pilot: Pilot[None]) -> SubjectEditor:
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, SubjectEditor)
    return editor


async def test_enter_on_the_box_saves_and_space_ticks_it(make_app: AppFactory) -> None:
    """The border says "Enter save": Enter on "For all 3 reviews of …" toggled the box and saved nothing."""
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_form(app, pilot)
        await pilot.press("ctrl+u", *"Stanley & Iris", "tab", "tab", "tab", "tab")
        box = editor.query_one("#subject-every")
        assert editor.focused is box
        await pilot.press("space", "space")  # Space ticks and unticks: ticked again
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        named = Subject("Stanley & Iris", ref="imdb:tt0100680")
        assert [app.store.subject_of(f"im{i}") for i in range(3)] == [named] * 3


async def test_typing_in_a_prefilled_field_replaces_it_and_end_edits_it(make_app: AppFactory) -> None:
    """The name came prefilled ("IMDb tt0100680") with nothing selected: typing gave "IMDb tt0100680Stanley"."""
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_form(app, pilot)
        assert editor.value("name") == IMDB.name
        await pilot.press(*"Stanley", "tab", *"film", "shift+tab")  # back to the name: selected again
        await pilot.press("end", *" & Iris", "enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.store.subject_of("im0") == Subject("Stanley & Iris", "film", ref="imdb:tt0100680")


async def test_the_box_says_what_saving_does_in_words(make_app: AppFactory) -> None:
    """Ticked and unticked drew the same `▐X▌`, told apart by colour only."""
    app = make_app(imdb_library())
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_form(app, pilot)
        await pilot.press(*"Stanley & Iris")
        box = editor.query_one("#subject-every")
        assert str(box.label).startswith("For all 3 reviews of IMDb tt0100680")  # type: ignore[attr-defined]
        await pilot.press("tab", "tab", "tab", "tab", "space")
        await pilot.pause()
        assert str(box.label).startswith("Only this review, not the 2 others of IMDb tt0100680")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.subject_of("im0") == Subject("Stanley & Iris")  # only the open review was corrected
        assert app.store.subject_of("im1") == IMDB
