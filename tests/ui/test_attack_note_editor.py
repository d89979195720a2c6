"""Attacks on the note editor (issue #14, items 1 and 2).

1. A note's text never reaches the terminal raw: whatever text the editor is given (a note
   written by an older version, a paste), no C0/C1 control or bidi override is drawn.
2. Ctrl+S saves everything typed before it, even when the keys arrive in one burst (a fast
   typist, a paste over ssh): `pilot.press` waits for the app to go idle after each key, so
   the burst is posted the way the terminal driver posts it, all keys before any is handled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from textual import events
from textual.widgets import TextArea

from tests.hostile import ESCAPES, FORBIDDEN_IN_OUTPUT, HOSTILE
from tests.ui.conftest import AppFactory
from tui_reader.core.content.models import Review
from tui_reader.core.content.text import editable
from tui_reader.core.content.user_records import Anchor
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.note_editor import Confirm, NoteEditor
from tui_reader.ui.screens.notes import NotesScreen

WIDE = (140, 40)
REVIEW = Review("leak0001", "Leak demo", "synthetic", ("Body.",))
# The note of /work/shared/repro/attacks/note_editor_leak.json: OSC 0, OSC 52, C1 CSI, RLO.
LEAK = "note \x1b]0;PWNED-TITLE\x1b\\ \x1b]52;c;UFdORUQ=\x1b\\ \x9b777;778H \u202eevil"
# Every C0 control but tab and newline, DEL, every C1 control, bidi embeddings/overrides/isolates.
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(c) not in "\t\n"]
BIDI = list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe(text: str) -> list[str]:
    """The characters of `text` that must never be written to the terminal."""
    return sorted({ch for ch in text if ch in CONTROLS or ch in BIDI or ch in FORBIDDEN_IN_OUTPUT})


def drawn(app: ReaderApp) -> str:
    """Everything the current screen draws, as the terminal would get it (all layers, composed)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def on_main(app: ReaderApp) -> bool:
    return app.screen is app.main


def area_of(app: ReaderApp) -> TextArea:
    assert isinstance(app.screen, NoteEditor)
    return app.screen.query_one(TextArea)


def write_raw_note(app: ReaderApp, text: str) -> None:
    """A note stored with its text as is (written by an older version, or by hand): bypasses repair()."""
    note = app.store.user.add_note(Anchor(REVIEW.id), "placeholder")
    path = app.store.user.path
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["notes"].values():
        if doc["id"] == note.id:
            doc["text"] = text
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [n.text for n in app.store.user.snapshot().notes] == [text]


def burst(app: ReaderApp, keys: Iterable[str]) -> None:
    """Post key events all at once, as the driver does for keys read in one go from the terminal."""
    for key in keys:
        character = key if len(key) == 1 else {"space": " ", "enter": "\r"}.get(key)
        app.post_message(events.Key(key, character))


# ---- 1. escape sequences --------------------------------------------------------------


def test_editable_drops_controls_and_bidi_keeps_tab_and_newline() -> None:
    text = "a\tb\r\nc " + "".join(CONTROLS) + "".join(BIDI) + " ".join(HOSTILE) + " 日本 é"
    cleaned = editable(text)
    assert unsafe(cleaned) == []
    assert cleaned.startswith("a\tb\nc ") and cleaned.endswith(" 日本 é")
    assert editable(cleaned) == cleaned
    assert editable("plain note\n\twith a tab") == "plain note\n\twith a tab"


async def test_a_hostile_note_opened_from_the_notes_screen_draws_no_control(make_app: AppFactory) -> None:
    """The reproduction: `A`, then `e` on a note that carries OSC 0, OSC 52, C1 CSI and RLO."""
    app = make_app([REVIEW])
    write_raw_note(app, LEAK)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("A")
        assert isinstance(app.screen, NotesScreen)
        assert unsafe(drawn(app)) == []  # the list itself was already safe
        await pilot.press("e")
        await pilot.pause()
        area = area_of(app)
        assert unsafe(area.text) == []
        assert "evil" in area.text  # the words stay; a sequence goes whole, the title it would set too
        assert "PWNED-TITLE" not in area.text
        assert unsafe(drawn(app)) == []
        # Esc with nothing typed closes at once: the cleaned text is not "a change".
        await pilot.press("escape")
        assert isinstance(app.screen, NotesScreen)


async def test_every_control_and_bidi_override_given_to_the_editor_is_dropped(make_app: AppFactory) -> None:
    app = make_app([REVIEW])
    text = "start\t" + "".join(CONTROLS) + " ".join(HOSTILE) + "".join(BIDI) + "\nend"
    async with app.run_test(size=WIDE) as pilot:
        app.push_screen(NoteEditor("Note on \x1b]0;t\x07\u202etarget", text))
        await pilot.pause()
        area = area_of(app)
        assert unsafe(area.text) == []
        assert area.text.startswith("start\t") and area.text.endswith("\nend")  # tab and newline kept
        assert unsafe(drawn(app)) == []
        for y in range(area.size.height):
            assert unsafe(area.render_line(y).text) == []


async def test_pasted_escape_sequences_are_dropped(make_app: AppFactory) -> None:
    app = make_app([REVIEW])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "enter", "a")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).post_message(events.Paste("pasted " + "".join(ESCAPES) + "\u202eevil\tok\n2"))
        await pilot.pause()
        area = area_of(app)
        assert unsafe(area.text) == []
        assert area.text.startswith("pasted ") and area.text.endswith("evil\tok\n2")
        assert unsafe(drawn(app)) == []
        # Text inserted through the API is cleaned too (whatever path an edit takes).
        area.insert("\x1b]52;c;UFdORUQ=\x07\x9b2J")
        await pilot.pause()
        assert unsafe(area.text) == [] and unsafe(drawn(app)) == []
        await pilot.press("ctrl+s")
        (note,) = app.store.user.snapshot().notes
        assert unsafe(note.text) == []


# ---- 2. Ctrl+S after a burst ----------------------------------------------------------


async def test_ctrl_s_after_a_burst_saves_all_the_text(make_app: AppFactory) -> None:
    app = make_app([REVIEW])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "enter")
        for round_ in range(5):
            await pilot.press("a")
            assert isinstance(app.screen, NoteEditor)
            typed = f"burst note number {round_} with a few more words to type"
            burst(app, [*typed, "ctrl+s"])
            await pilot.pause()
            assert on_main(app)
            notes = sorted(app.store.user.snapshot().notes, key=lambda n: n.created)
            assert len(notes) == round_ + 1
            assert typed in [n.text for n in notes]


async def test_ctrl_s_after_a_burst_with_enter_a_paste_and_a_backspace(make_app: AppFactory) -> None:
    """Enter, a paste, and a key the TextArea handles by a binding (Backspace) all land before the save.

    (A bound key followed by more typing in one burst can still apply late: Textual runs a
    widget's bindings from the App after the key bubbles up, while printable keys are inserted
    at once, Textualize/textual#6605. Not the editor's to fix; the burst here does not rely on it.)
    """
    app = make_app([REVIEW])
    app.store.user.add_note(Anchor(REVIEW.id), "before")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("A", "e")
        assert isinstance(app.screen, NoteEditor)
        burst(app, [*" and after", "enter", *"second"])
        app.post_message(events.Paste(" line, pasted!"))
        burst(app, ["backspace", "ctrl+s"])
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        assert [n.text for n in app.store.user.snapshot().notes] == ["before and after\nsecond line, pasted"]


async def test_ctrl_s_pressed_through_the_pilot_still_saves(make_app: AppFactory) -> None:
    app = make_app([REVIEW])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "enter", "a", *"typed by the pilot", "ctrl+s")
        assert on_main(app)
        assert [n.text for n in app.store.user.snapshot().notes] == ["typed by the pilot"]


async def test_keys_after_ctrl_s_in_the_burst_are_not_saved_into_the_note(make_app: AppFactory) -> None:
    """They were forwarded to the editor before the save ran: not inserted, they reach the main screen."""
    app = make_app([REVIEW])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "enter", "a")
        burst(app, [*"hello", "ctrl+s", "f"])
        app.post_message(events.Paste("pasted after"))
        await pilot.pause()
        assert on_main(app)
        assert [n.text for n in app.store.user.snapshot().notes] == ["hello"]
        assert app.main.review_list.marks.bookmarked == {REVIEW.id}  # `f` bookmarked the review


async def test_ctrl_s_that_lands_on_the_question_leaves_the_editor_usable(make_app: AppFactory) -> None:
    """Esc then Ctrl+S in one burst: Esc asks first, Ctrl+S saves nothing; after `n` typing works again."""
    app = make_app([REVIEW])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "enter", "a")
        burst(app, [*"draft", "escape", "ctrl+s"])
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.store.user.snapshot().notes == ()
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" kept", "ctrl+s")
        assert on_main(app)
        assert [n.text for n in app.store.user.snapshot().notes] == ["draft kept"]
