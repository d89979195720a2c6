"""Notes (a, e, A) through Pilot: add to a paragraph and a comment, edit, delete, discard, jump."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, synthetic, until
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store
from tui_reader.core.store.userdata import UserData
from tui_reader.ui import app as app_module
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.note_editor import Confirm, NoteEditor
from tui_reader.ui.screens.notes import NotesScreen

WIDE = (140, 40)

PROSE = Review(
    "prose",
    "Prose review",
    "src/prose.txt",
    (
        "First sentence here. Second one follows! Third asks why? Fourth ends it.",
        "Another paragraph starts. It has two sentences.",
    ),
    author="Ann Author",
    comments=(
        Comment("c1", "Comment one says hi. And more.", author="bob"),
        Comment("c2", "Second comment with zebra words.", author="cy"),
    ),
)


def other_reviews() -> list[Review]:
    return synthetic(3)


async def open_prose(pilot, app: ReaderApp) -> None:  # type: ignore[no-untyped-def]
    """PROSE is first in the list: Enter opens it and focuses the reading pane."""
    await pilot.press("1", "g", "enter")
    await pilot.pause()
    assert app.main.review is not None and app.main.review.id == "prose"


async def test_note_on_a_paragraph_shows_a_mark(make_app: AppFactory) -> None:
    app = make_app([PROSE, *other_reviews()])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        assert "paragraph 1" in str(app.screen.query_one("#note-target").render())
        await pilot.press(*"good point", "enter", *"second line", "ctrl+s")
        assert app.screen is app.main
        (note,) = app.store.user.snapshot().notes
        assert note.text == "good point\nsecond line"
        assert note.anchor == Anchor("prose", paragraph=0, paragraph_text=PROSE.paragraphs[0])  # its words kept
        await pilot.pause()
        assert ("prose", 0) in app.main.reading.noted
        first_body = app.main.reading.paragraph_lines(0).start
        assert app.main.reading.render_line(first_body - int(app.main.reading.scroll_y)).text.startswith("✎")
        assert app.main.review_list.marks.noted == {"prose"}


async def test_note_on_a_comment_and_shown_on_demand(make_app: AppFactory) -> None:
    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("3", "j", "a", *"reply note", "ctrl+s")
        (note,) = app.store.user.snapshot().notes
        assert note.anchor == Anchor("prose", comment_id="c2")
        await pilot.pause()
        assert app.main.thread.noted == {"c2"}
        assert "✎" in app.main.thread.render_line(3).text  # c2's header: c1 takes 3 lines (header, body, blank)
        await pilot.press("e")  # the notes of the focused comment
        assert isinstance(app.screen, NotesScreen)
        assert [e.record.text for e in app.screen.shown] == ["reply note"]
        await pilot.press("q")
        await pilot.press("k", "e")  # c1 has none
        assert isinstance(app.screen, NotesScreen) and app.screen.shown == []


async def test_escape_asks_before_discarding_typed_text(make_app: AppFactory) -> None:
    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("a", "escape")  # nothing typed: closes at once
        assert app.screen is app.main
        await pilot.press("a", *"draft", "escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep writing
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "draft"
        await pilot.press("escape", "y")
        assert app.screen is app.main
        assert app.store.user.snapshot().notes == ()


@pytest.mark.parametrize("elsewhere", ["changed", "deleted"])
async def test_an_edit_saved_over_another_windows_change_keeps_every_word(make_app: AppFactory, elsewhere: str) -> None:
    """Two instances on one library: the edit saved second overwrote the first, or vanished when
    the other window had deleted the note, without a word. Now both are kept and it says so."""
    from tui_reader.core.store.userdata import UserData

    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        note = app.store.user.add_note(Anchor("prose", paragraph=1), "before")
        await open_prose(pilot, app)
        await pilot.press("A", "e")
        assert isinstance(app.screen, NoteEditor)
        other_window = UserData(app.store.user.path)
        if elsewhere == "changed":
            assert other_window.update_note(note, "their words") == "saved"
        else:
            assert other_window.delete_note(note.id)
        await pilot.press(*" and mine", "ctrl+s")
        await pilot.pause()
        texts = sorted(n.text for n in app.store.user.snapshot().notes)
        assert texts == (["before and mine", "their words"] if elsewhere == "changed" else ["before and mine"])
        assert any("another window" in str(n.message) for n in app._notifications)


async def test_edit_and_delete_with_confirmation(make_app: AppFactory) -> None:
    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        app.store.user.add_note(Anchor("prose", paragraph=1), "before")
        await open_prose(pilot, app)
        await pilot.press("A")
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("e", *" and after", "ctrl+s")
        assert [n.text for n in app.store.user.snapshot().notes] == ["before and after"]
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # not deleted
        assert len(app.store.user.snapshot().notes) == 1
        await pilot.press("d", "y")
        assert app.store.user.snapshot().notes == ()
        assert isinstance(app.screen, NotesScreen) and app.screen.shown == []
        await pilot.press("escape")
        assert app.screen is app.main


async def test_a_quote_is_deleted_from_the_notes_screen_once_confirmed(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`d` on a quote in `A` said "Quotes cannot be deleted here yet": every copy keeps one, and they
    piled up there and in every export. It asks as for a note, deletes that quote only, and a
    quote deleted meanwhile in another window is said so."""
    # No poll here: on a busy machine the 1 s poll came between the other window's delete and `d`,
    # reloaded the screen (the quote gone) and the "already deleted" path under test never ran.
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 3600.0)
    app = make_app([PROSE])
    user = app.store.user
    user.add_note(Anchor("prose", paragraph=1), "a note kept")
    user.add_quote(Anchor("prose", paragraph=0), "First sentence here.")
    async with app.run_test(size=WIDE) as pilot:
        user.add_quote(Anchor("prose", comment_id="c1"), "Comment one says hi.")  # the newest: first
        await pilot.press("A")
        screen = app.screen
        assert isinstance(screen, NotesScreen) and screen.current is not None
        assert screen.current.record.text == "Comment one says hi."
        await pilot.press("d")
        assert isinstance(app.screen, Confirm) and "Delete this quote?" in app.screen.question
        await pilot.press("n")
        assert len(user.snapshot().quotes) == 2
        await pilot.press("d", "y")
        assert [q.text for q in user.snapshot().quotes] == ["First sentence here."]
        assert [n.text for n in user.snapshot().notes] == ["a note kept"]
        assert app.screen is screen and [e.record.text for e in screen.shown] == ["First sentence here.", "a note kept"]
        assert screen.current is not None and screen.current.record.text == "First sentence here."
        assert UserData(user.path).delete_quote(screen.current.record.id)  # another window, meanwhile
        await pilot.press("d", "y")
        assert any("already deleted in another window" in str(n.message) for n in app._notifications)
        assert user.snapshot().quotes == () and [e.record.text for e in screen.shown] == ["a note kept"]


async def test_notes_screen_filters_sorts_and_jumps(make_app: AppFactory) -> None:
    reviews = [*other_reviews(), PROSE]
    app = make_app(reviews)
    user = app.store.user
    user.add_note(Anchor("prose", comment_id="c2"), "about the zebra comment")
    user.add_note(Anchor(reviews[0].id, paragraph=0), "alpha note")
    user.add_note(Anchor("prose", paragraph=1), "beta note on the second paragraph")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("A")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert screen.shown[0].record.text == "beta note on the second paragraph"  # newest first
        when = [e.when for e in screen.shown]
        assert when == sorted(when, reverse=True)
        await pilot.press("s")  # by review: titles in order, then paragraphs before comments
        titles = [e.title for e in screen.shown]
        assert titles == sorted(titles, key=str.casefold)
        prose = [e.record.text for e in screen.shown if e.record.anchor.review_id == "prose"]
        assert prose == ["beta note on the second paragraph", "about the zebra comment"]
        await pilot.press("slash", *"zebra")
        assert [e.record.text for e in screen.shown] == ["about the zebra comment"]
        await pilot.press("enter", "enter")  # leave the filter, then go
        assert app.screen is app.main
        assert app.main.review is not None and app.main.review.id == "prose"
        assert app.main.focused is app.main.thread
        assert app.main.thread.current is not None and app.main.thread.current.id == "c2"
        await pilot.press("A", "slash", *"beta", "enter", "enter")
        reading = app.main.reading
        assert app.main.focused is reading
        assert int(reading.scroll_y) <= reading.paragraph_lines(1).start < reading.scroll_y + reading.size.height


async def test_detached_notes_are_marked(make_app: AppFactory) -> None:
    app = make_app([PROSE])
    note = app.store.user.add_note(Anchor("prose", paragraph=0, quoted="gone text"), "orphan")
    app.store.user.update_anchors({note.id: (note.anchor, True)})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("A")
        assert isinstance(app.screen, NotesScreen)
        (entry,) = app.screen.shown
        assert entry.detached and "detached" in str(entry.prompt())
        assert ("prose", 0) not in app.main.reading.noted  # no mark on a paragraph it no longer fits


async def test_everything_is_there_after_a_restart(make_app: AppFactory, tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    app = make_app([PROSE], folder=folder)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("a", *"para note", "ctrl+s", "f")
        await pilot.press("3", "f", "a", *"comment note", "ctrl+s")
        await pilot.press("q")
    again = ReaderApp(Store(folder), [])
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        main = again.main
        assert main.review_list.marks.bookmarked == {"prose"}
        assert main.thread.bookmarked == {"c1"} and main.thread.noted == {"c1"}
        assert ("prose", 0) in main.reading.noted
        assert sorted(n.text for n in again.store.user.snapshot().notes) == ["comment note", "para note"]


async def test_other_processes_writes_show_up_after_the_poll(make_app: AppFactory, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    app = make_app([PROSE], folder=folder)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        assert app.main.thread.noted == frozenset()
        UserData(folder / "userdata.json").add_note(Anchor("prose", comment_id="c1"), "from the CLI")
        Store(folder).library.add(synthetic(4, prefix="x"))  # another process imports
        await until(pilot, lambda: app.main.thread.noted == {"c1"} and len(app.main.review_list.order) == 5)
        assert app.main.thread.noted == {"c1"}
        assert len(app.main.review_list.order) == 5
