"""A note typed and not saved survives the reader closing: kept as a draft with the user's data,
offered again on the next `a` at its place (the review, a paragraph, a comment), never saved as
a note unless the user saves it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, until
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.note_editor import Confirm, NoteEditor

WIDE = (140, 40)
REVIEW = Review("prose", "Prose review", "src/prose.txt", ("First paragraph here.", "Second one."))


async def _open(pilot, app: ReaderApp, review_id: str = "prose") -> None:  # type: ignore[no-untyped-def]
    await pilot.press("1", "g", "enter")
    await until(pilot, lambda: app.main.review is not None and app.main.review.id == review_id)


async def _quit_app(app: ReaderApp) -> ReaderApp:
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app)
        await pilot.press("j", "a", *"draft before quit")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+q")  # as SIGTERM and SIGHUP do: the app's quit
    return app


async def _quit_with_a_draft(app: ReaderApp) -> Path:
    return (await _quit_app(app)).store.data_dir


async def test_quit_with_a_note_typed_keeps_it_as_a_draft_offered_again(make_app: AppFactory) -> None:
    data = await _quit_with_a_draft(make_app([REVIEW]))
    assert Store(data).user.snapshot().notes == ()  # never saved as a note
    (draft,) = Drafts(data).on("prose")
    assert draft.text == "draft before quit"
    assert draft.anchor == Anchor("prose", paragraph=1, paragraph_text="Second one.")

    app = ReaderApp(Store(data))
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app)
        await pilot.press("j", "a")  # at its place: the draft is offered
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.text == "draft before quit"
        assert "Draft kept" in str(app.screen.query_one("#note-target").render())
        await pilot.press(*" and after", "ctrl+s")
        assert app.screen is app.main
    (note,) = Store(data).user.snapshot().notes
    assert (note.text, note.anchor.paragraph) == ("draft before quit and after", 1)
    assert Drafts(data).on("prose") == []


async def test_a_draft_discarded_is_gone(make_app: AppFactory) -> None:
    data = await _quit_with_a_draft(make_app([REVIEW]))
    app = ReaderApp(Store(data))
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app)
        await pilot.press("j", "a", "escape")
        assert isinstance(app.screen, Confirm)  # typed text: asked before it goes
        await pilot.press("y")
        assert app.screen is app.main
    assert Drafts(data).on("prose") == [] and Store(data).user.snapshot().notes == ()


async def test_quit_with_nothing_typed_keeps_no_draft(make_app: AppFactory) -> None:
    app = make_app([REVIEW])
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+q")
    assert not (app.store.data_dir / "drafts.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_signal_with_a_note_typed_keeps_the_draft(tmp_path: Path, seeds: Path, signal_name: str) -> None:
    """The tester's case on the real process: `2`, `a`, typed, then `kill -TERM` (or the terminal
    window closed): the typed text was gone, from `notes` and from the next `a`."""
    import os
    import signal

    from tests.ui.test_pty import on_a_pty, read_until
    from tui_reader.cli import main

    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(seeds)]) == 0
    with on_a_pty(["--data-dir", str(data)]) as (proc, master):
        output = read_until(master, b"Reviews")
        os.write(master, b"2a")
        output += read_until(master, b"Ctrl+S save")  # the editor is open
        os.write(master, b"draft before sigterm")
        output += read_until(master, b"sigterm")  # typed into it before the signal comes
        os.killpg(proc.pid, getattr(signal, signal_name))
        output += read_until(master, b"\x1b[?1049l")  # the app's screen left
        proc.wait(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in output
    drafts = [
        draft for review_id in Store(data).library.column("id") if review_id for draft in Drafts(data).on(review_id)
    ]
    assert [draft.text for draft in drafts] == ["draft before sigterm"]
    assert Store(data).user.snapshot().notes == ()


async def test_a_draft_that_cannot_be_kept_is_printed_not_lost(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Drafts, "keep", full)
    app = await _quit_app(make_app([REVIEW]))
    assert "No space left on device" in app.unsaved and app.unsaved.endswith("draft before quit")


HELLO = Review(
    "hello",
    "Hello local",
    "src/hello.txt",
    ("First paragraph here.", "Second one."),
    comments=(
        Comment(id="c1", body="A first word.", author="Alice"),
        Comment(id="c2", body="A second word.", author="Bob"),
        Comment(id="c3", body="A third word.", author="Carol"),
    ),
)


def _editor(app: ReaderApp) -> tuple[str, str]:
    assert isinstance(app.screen, NoteEditor)
    return app.screen.text, str(app.screen.query_one("#note-target").render())


async def test_a_draft_on_a_comment_stays_there_and_the_rest_of_the_review_takes_notes(
    make_app: AppFactory,
) -> None:
    """The tester's sequence: `3 j j a` on Carol's comment, typed, the window closed; reopened,
    `2 a` and `3 g a` (Alice's comment) opened Carol's draft, and Esc kept it there."""
    app = make_app([HELLO])
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app, "hello")
        await pilot.press("3", "j", "j", "a", *"draft on a comment")
        assert _editor(app) == ("draft on a comment", "Note on the comment by Carol")
        await pilot.press("ctrl+q")  # as SIGHUP does: the app's quit
    data = app.store.data_dir

    app = ReaderApp(Store(data))
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app, "hello")
        await pilot.press("2", "a")  # the review's paragraph: a fresh note, the draft named
        assert _editor(app)[0] == ""
        said = [str(n.message) for n in app._notifications]
        assert any("draft waits" in line and "Carol" in line for line in said)
        await pilot.press(*"on the paragraph", "ctrl+s")
        await pilot.press("3", "g", "a")  # Alice's comment: a fresh note too
        assert _editor(app)[0] == ""
        await pilot.press(*"to Alice")
        await pilot.press("ctrl+q")  # a second draft on the review, beside Carol's
    assert {(d.anchor.comment_id, d.text) for d in Drafts(data).on("hello")} == {
        ("c1", "to Alice"),
        ("c3", "draft on a comment"),
    }
    (note,) = Store(data).user.snapshot().notes
    assert (note.text, note.anchor.comment_id, note.anchor.paragraph) == ("on the paragraph", None, 0)

    app = ReaderApp(Store(data))
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, app, "hello")
        await pilot.press("3", "j", "j", "a")  # Carol's comment: her draft
        text, target = _editor(app)
        assert text == "draft on a comment" and "Draft kept" in target and "Carol" in target
        await pilot.press("ctrl+s")
        await pilot.press("g", "a")  # Alice's
        assert _editor(app)[0] == "to Alice"
        await pilot.press("ctrl+s")
    assert Drafts(data).on("hello") == []
    saved = {(n.anchor.comment_id, n.text) for n in Store(data).user.snapshot().notes}
    assert {("c3", "draft on a comment"), ("c1", "to Alice")} <= saved
