"""`A` as another window writes: a draft it keeps or discards shows here at the next check of the library,
as a note it writes does (only the user file was watched: its drafts showed once `A` was opened again),
and the cursor stays on the record it was on when rows move under it (a `d` then hit the row above)."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.conftest import AppFactory, until
from tests.ui.test_notes_drafts import OTHER, PROSE, WIDE, _notes
from tui_reader.core.content.user_records import Anchor, Note
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.note_editor import NoteEditor

ON_FIRST = Anchor("prose", paragraph=0, paragraph_text="First paragraph here.")


def _app(make_app: AppFactory) -> ReaderApp:
    app = make_app([PROSE, OTHER])
    app.store.user.add_note(Anchor("other"), "an older note")
    app.store.user.add_note(Anchor("prose"), "a newer note")
    return app


def _texts(app: ReaderApp) -> list[str]:
    screen = app.screen
    return [entry.record.text for entry in getattr(screen, "shown", ())]


async def test_a_draft_another_window_keeps_or_discards_shows_at_the_next_check(make_app: AppFactory) -> None:
    app = _app(make_app)
    elsewhere = Drafts(app.store.data_dir)  # the other window's
    async with app.run_test(size=WIDE) as pilot:
        await _notes(pilot, app)
        app.check_library()  # the first check reads everything: from here on, only what changes
        elsewhere.keep(ON_FIRST, "typed in the other window", "Note on paragraph 1")
        app.check_library()  # what the poll does every second
        await pilot.pause()
        assert "typed in the other window" in _texts(app)
        (draft,) = elsewhere.all()
        assert elsewhere.discard(draft)
        app.check_library()
        await pilot.pause()
        assert _texts(app) == ["a newer note", "an older note"]


async def test_the_cursor_stays_on_its_record_when_another_window_adds_a_row_above(make_app: AppFactory) -> None:
    app = _app(make_app)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        app.check_library()
        await pilot.press("j")
        assert screen.current is not None and screen.current.record.text == "an older note"
        Store(app.store.data_dir).user.add_note(Anchor("other"), "the newest, from the other window")
        Drafts(app.store.data_dir).keep(ON_FIRST, "a draft from it too", "Note on paragraph 1")
        app.check_library()
        await pilot.pause()
        assert len(screen.shown) == 4
        assert screen.current is not None and screen.current.record.text == "an older note"
        await pilot.press("d", "y")
        await pilot.pause()
        assert screen.query_one(OptionList).option_count == 3
    notes = [note.text for note in Store(app.store.data_dir).user.snapshot().notes]
    assert sorted(notes) == ["a newer note", "the newest, from the other window"]  # the one the cursor was on


async def test_saving_a_draft_keeps_the_one_another_window_typed_on_it_meanwhile(make_app: AppFactory) -> None:
    """Both windows resumed one draft; the other typed on and was closed, then this one saved: its save
    dropped whatever draft was at the place, the other window's text with it."""
    app = make_app([PROSE, OTHER])
    data = app.store.data_dir
    first = Drafts(data).keep(ON_FIRST, "half a thought", "Note on paragraph 1")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "g", "enter")
        await until(pilot, lambda: app.main.review is not None and app.main.review.id == "prose")
        await pilot.press("2", "a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "half a thought"
        Drafts(data).keep(ON_FIRST, "half a thought, typed on elsewhere", "Note on paragraph 1", over=first)
        await pilot.press(*", finished here", "ctrl+s")
        await until(pilot, lambda: app.screen is app.main)
    assert [note.text for note in Store(data).user.snapshot().notes] == ["half a thought, finished here"]
    assert [draft.text for draft in Drafts(data).all()] == ["half a thought, typed on elsewhere"]


async def test_d_never_deletes_a_note_another_window_changed_since_it_was_shown(make_app: AppFactory) -> None:
    """The other window's edit was deleted unseen: `d` confirmed on the old text took the new one."""
    app = _app(make_app)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _notes(pilot, app)
        app.check_library()
        assert screen.current is not None
        shown = screen.current.record
        assert isinstance(shown, Note) and shown.text == "a newer note"
        Store(app.store.data_dir).user.update_note(shown, "a newer note, rewritten in the other window")
        await pilot.press("d", "y")
        await pilot.pause()
        assert any("changed or deleted in another window" in str(n.message) for n in app._notifications)
        assert screen.current is not None and screen.current.record.text.endswith("rewritten in the other window")
    texts = sorted(note.text for note in Store(app.store.data_dir).user.snapshot().notes)
    assert texts == ["a newer note, rewritten in the other window", "an older note"]
