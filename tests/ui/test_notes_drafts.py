"""The notes screen (`A`) lists the drafts waiting (notes typed and not saved when the reader closed),
marked as drafts with their review and place: Enter resumes one (its review opened at its place, the
editor with the draft), `d` discards one after asking. They were listed nowhere: an unsent note could
be found only by `a` at its very place. Removing a review says how many drafts it held."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.conftest import AppFactory, until
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.note_editor import Confirm, NoteEditor
from tui_reader.ui.screens.notes import NotesScreen

WIDE = (140, 40)
PROSE = Review("prose", "Prose review", "src/prose.txt", ("First paragraph here.", "Second one."))
OTHER = Review(
    "other", "Another review", "src/other.txt", ("Its text.",), comments=(Comment("c1", "A word.", "Alice"),)
)
ON_SECOND = Anchor("prose", paragraph=1, paragraph_text="Second one.")


def _app(make_app: AppFactory) -> ReaderApp:
    app = make_app([PROSE, OTHER])
    app.store.user.add_note(Anchor("other"), "a saved note")
    Drafts(app.store.data_dir).keep(ON_SECOND, "half a thought", "Note on paragraph 2: “Second one.…”")
    return app


async def _notes(pilot, app: ReaderApp) -> NotesScreen:  # type: ignore[no-untyped-def]
    await pilot.press("A")
    await until(pilot, lambda: isinstance(app.screen, NotesScreen))
    screen = app.screen
    assert isinstance(screen, NotesScreen)
    return screen


async def _highlight_draft(pilot, screen: NotesScreen) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i, entry in enumerate(screen.shown) if entry.is_draft)
    screen.query_one(OptionList).highlighted = index
    await pilot.pause()


async def test_a_draft_is_listed_marked_with_its_review_and_place(make_app: AppFactory) -> None:
    app = _app(make_app)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        (draft,) = [entry for entry in screen.shown if entry.is_draft]
        head, text = draft.prompt(100).plain.splitlines()[:2]
        assert head.startswith("✎ draft, not saved  Prose review") and "¶2" in head
        assert text.strip() == "half a thought"
        assert "1 note · 0 quotes · 1 draft" in str(screen.query_one(OptionList).border_subtitle)


async def test_enter_on_a_draft_opens_its_review_and_the_editor_with_it(make_app: AppFactory) -> None:
    app = _app(make_app)
    data = app.store.data_dir
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        await _highlight_draft(pilot, screen)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.text == "half a thought"
        assert "Draft kept" in str(editor.query_one("#note-target").render())
        await until(pilot, lambda: app.main.review is not None and app.main.review.id == "prose")
        await pilot.press(*", finished", "ctrl+s")
        assert app.screen is app.main
    (saved,) = [note for note in Store(data).user.snapshot().notes if note.anchor.review_id == "prose"]
    assert (saved.text, saved.anchor) == ("half a thought, finished", ON_SECOND)
    assert Drafts(data).all() == []


async def test_d_discards_a_draft_after_asking(make_app: AppFactory) -> None:
    app = _app(make_app)
    data = app.store.data_dir
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        await _highlight_draft(pilot, screen)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm) and app.screen.question.startswith("Discard this draft?")
        await pilot.press("n")
        assert len(Drafts(data).all()) == 1
        await pilot.press("d", "y")
        await until(pilot, lambda: not any(entry.is_draft for entry in screen.shown))
        assert Drafts(data).all() == [] and len(Store(data).user.snapshot().notes) == 1


async def test_a_draft_typed_on_in_another_window_is_not_discarded_unseen(make_app: AppFactory) -> None:
    app = _app(make_app)
    data = app.store.data_dir
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        await _highlight_draft(pilot, screen)
        Drafts(data).keep(ON_SECOND, "half a thought, and more typed elsewhere", "Note on paragraph 2")
        await pilot.press("d", "y")
        await pilot.pause()
    assert [draft.text for draft in Drafts(data).all()] == ["half a thought, and more typed elsewhere"]


async def test_removing_a_review_names_its_drafts_and_a_list_keeps_them(make_app: AppFactory) -> None:
    app = _app(make_app)
    data = app.store.data_dir
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "g", "enter")
        await until(pilot, lambda: app.main.review is not None and app.main.review.id == "prose")
        await pilot.press("D")
        assert isinstance(app.screen, Confirm)
        assert "Your 1 draft on it will be kept aside" in app.screen.question
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: app.store.library.position("prose") is None)
        screen = await _notes(pilot, app)
        (draft,) = [entry for entry in screen.shown if entry.is_draft]
        assert draft.removed and draft.title == "Prose review"
        assert draft.prompt(100).plain.startswith("⚠ draft of a removed review  Prose review")
        await _highlight_draft(pilot, screen)
        await pilot.press("enter")  # resumed all the same: saved, the note is kept aside with the review
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("ctrl+s")
        assert app.screen is app.main
    (kept,) = [note for note in Store(data).user.snapshot().notes if note.anchor.review_id == "prose"]
    assert kept.detached and kept.text == "half a thought" and Drafts(data).all() == []


async def test_a_drafts_file_that_cannot_be_read_is_said_and_the_notes_still_listed(make_app: AppFactory) -> None:
    app = make_app([PROSE, OTHER])
    app.store.user.add_note(Anchor("other"), "a saved note")
    (app.store.data_dir / "drafts.json").mkdir()  # a folder where the file goes: refused, never read
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        assert app.is_running and [entry.record.text for entry in screen.shown] == ["a saved note"]
        assert any("drafts.json" in str(notice.message) for notice in app._notifications)
