"""A note whose paragraph is gone (its words edited beyond a small fix) stays visible on its review:
a line under the head says so, where it was found only in `A` before."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, until
from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.ui.controllers.personal import notes_aside

WIDE = (140, 40)
REVIEW = Review("prose", "Prose review", "src/prose.txt", ("Intro here.", "Rewritten since the note was made."))


async def test_a_detached_paragraph_note_is_shown_on_its_review(make_app: AppFactory) -> None:
    app = make_app([REVIEW])
    anchor = Anchor("prose", paragraph=1, paragraph_text="The old words.")
    note = app.store.user.add_note(anchor, "remember\x1b[31m this")
    app.store.user.update_anchors({note.id: (note.anchor, True)})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "g", "enter")
        await until(pilot, lambda: app.main.review is not None and app.main.review.id == "prose")

        def shown() -> list[str]:
            return [line.text for line in app.main.reading.lines if line.kind == "aside"]

        await until(pilot, lambda: bool(shown()))
        line = " ".join(shown())  # wrapped to the pane's measure
        assert line.startswith("✎ Note from an edited paragraph (A lists it): remember")
        assert "\x1b" not in line  # the note's text is shown as text, never as a control sequence
        app.store.user.update_anchors({note.id: (note.anchor, False)})  # attached again (by another process)
        await until(pilot, lambda: not shown())


def test_why_each_detached_note_is_aside() -> None:
    from tui_reader.core.content.user_records import Note

    def note(anchor: Anchor, detached: bool = True) -> Note:
        return Note("n", anchor, "x", "t", "t", detached)

    aside = notes_aside(
        [
            note(Anchor("a", paragraph=0)),
            note(Anchor("a", comment_id="c")),
            note(Anchor("b", paragraph=0, quoted="words")),
            note(Anchor("b", paragraph=1), detached=False),
        ]
    )
    assert aside == {
        "a": (
            "✎ Note from an edited paragraph (A lists it): x",
            "✎ Note on a comment no longer in the thread (A lists it): x",
        ),
        "b": ("✎ Note on words no longer in the review (A lists it): x",),
    }
