"""Removing the current review in the app (`D`, `Delete`), with a confirmation; notes kept aside."""

from __future__ import annotations

from dataclasses import replace

from tests.ui.conftest import AppFactory, synthetic
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.search import SearchIndex
from tui_reader.core.store import Store
from tui_reader.ui.commands import COMMANDS
from tui_reader.ui.screens.note_editor import Confirm
from tui_reader.ui.screens.notes import NotesScreen

SIZE = (140, 40)


async def test_confirm_yes_removes_and_the_list_moves_to_the_next(make_app: AppFactory) -> None:
    reviews = synthetic(5)
    app = make_app(reviews)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        store = screen.store
        store.user.add_note(Anchor(reviews[2].id), "my note")
        store.user.add_quote(Anchor(reviews[2].id, paragraph=0, quoted="Body"), "Body")
        await pilot.press("j", "j", "enter", "1")
        assert screen.review is not None and screen.review.id == reviews[2].id
        assert len(SearchIndex.open(Store(store.data_dir)).search("author:author2")) == 1
        await pilot.press("D")
        assert isinstance(app.screen, Confirm)
        assert "1 note, 1 quote" in app.screen.question and "kept aside" in app.screen.question
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.is_current
        assert reviews[2].id not in store.library.column("id") and len(store.library) == 4
        assert screen.review is not None and screen.review.id == reviews[3].id  # the next one
        assert screen.review_list.position == store.library.position(reviews[3].id)
        assert len(SearchIndex.open(Store(store.data_dir)).search("author:author2")) == 0
        (note,) = Store(store.data_dir).user.snapshot().notes
        assert note.detached and note.text == "my note"
        await pilot.press("A")
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        assert all(entry.detached and entry.removed for entry in notes.shown) and len(notes.shown) == 2
        assert {entry.title for entry in notes.shown} == {reviews[2].title}
        # said in the head's kind, which is never cut: a long title's "(removed)" was lost at 80x24
        long_title = replace(notes.shown[0], title="A Beautiful Place to Die (Detective Emmanuel Cooper #1)")
        assert "of a removed review" in long_title.prompt(76).plain.splitlines()[0]
        await pilot.press("enter")  # no review to jump to: a notice, the screen stays
        assert app.screen is notes


async def test_confirm_no_keeps_the_review(make_app: AppFactory) -> None:
    reviews = synthetic(3)
    app = make_app(reviews)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("j", "enter", "1")
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm) and "kept aside" not in app.screen.question
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.is_current and len(screen.store.library) == 3
        assert screen.review is not None and screen.review.id == reviews[1].id


async def test_removing_the_last_review_lands_on_the_one_before(make_app: AppFactory) -> None:
    reviews = synthetic(3)
    app = make_app(reviews)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("G", "enter", "1", "D", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.store.library) == 2
        assert screen.review is not None and screen.review.id == reviews[1].id


async def test_a_filtered_list_is_searched_again_after_a_removal(make_app: AppFactory) -> None:
    reviews = synthetic(6)
    app = make_app(reviews)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"Body", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "enter", "1", "D", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.search.list_filter is not None and len(screen.search.list_filter.result) == 5
        assert all(p < 5 for p in screen.review_list.order)


async def test_removing_a_filters_only_match_then_clearing_the_filter_opens_the_highlighted_review(
    make_app: AppFactory,
) -> None:
    """The filter matched only the removed review: the pane says so (not "import a file": the library
    is not empty), and Esc, which brings every review back, opens the one under the cursor."""
    reviews = synthetic(4)
    app = make_app(reviews)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash", *"author:author2", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.review is not None and screen.review.id == reviews[2].id
        await pilot.press("1", "D", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.review is None and len(screen.review_list.order) == 0
        shown = "\n".join(line.text for line in screen.reading.lines)
        assert "import" not in shown and "Esc" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.review_list.order) == 3
        position = screen.review_list.position
        assert position is not None and screen.review is not None
        assert screen.review.id == screen.store.library.cell("id", position)


def test_the_command_is_defined_once() -> None:
    (command,) = [c for c in COMMANDS if c.action == "remove_review"]
    assert command.keys == "D,delete" and "kept aside" in command.help


async def test_a_long_title_in_the_question_is_cut_with_an_ellipsis(make_app: AppFactory) -> None:
    """It was cut mid-word with nothing to say so: “… than their European ”."""
    from dataclasses import replace

    title = "Even the richest Americans face shorter lifespans than their European peers, study finds"
    (review,) = synthetic(1)
    app = make_app([replace(review, title=title)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "D")
        assert isinstance(app.screen, Confirm)
        shown = app.screen.question.split("“", 1)[1].split("”", 1)[0]
        assert shown.endswith("…") and len(shown) == 70 and title.startswith(shown[:-1])
