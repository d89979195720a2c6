"""A row of the notes screen says where a note or quote is, and who wrote a quoted passage."""

from __future__ import annotations

import re

from textual.geometry import Region
from textual.widgets import OptionList

from tests.ui.conftest import AppFactory
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor, Note, Quote, QuoteAbout
from tui_reader.ui.screens.notes import Entry, NotesScreen


def test_a_quote_row_names_the_passage_author_and_an_old_quote_still_shows() -> None:
    recorded = Quote("q1", Anchor("r", comment_id="c1"), "words", "2026-01-01", about=QuoteAbout(author="bob\x1b[2J"))
    assert Entry(recorded, "T").where() == "comment · bob␛[2J"  # the escape made visible, never sent
    old = Quote("q2", Anchor("r", paragraph=1), "words", "2026-01-01")
    assert Entry(old, "T").where() == "¶2"
    note = Note("n1", Anchor("r"), "mine", "2026-01-01", "2026-01-01")
    assert Entry(note, "T").where() == "review"


def test_a_detached_paragraph_note_says_the_words_it_was_made_on() -> None:
    """`⚠ detached note  H  ¶2 / MYNOTE`: its ¶2 now holds other words, and the ones it was on were kept."""
    anchor = Anchor("r", paragraph=1, paragraph_text="Second beta.\x1b[2J")
    detached = Note("n1", anchor, "MYNOTE", "2026-01-01", "2026-01-01", detached=True)
    assert "on “Second beta.␛[2J”" in Entry(detached, "T").prompt(76).plain
    assert "on “" not in Entry(detached._replace(detached=False), "T").prompt(76).plain  # its paragraph shows it


LONG_TITLE = (
    "Even the richest Americans face shorter lifespans than their European counterparts. Over a 10-year "
    "period, Americans across all wealth levels were more likely to die than Europeans."
)


async def test_at_80x24_each_header_is_one_line_and_a_comment_note_names_its_author(make_app: AppFactory) -> None:
    """A long title wrapped the header to column 0 over five lines, the kind and date lost among
    them; and a note on a comment said `comment`, not whose."""
    review = Review(
        "long",
        LONG_TITLE,
        "src/long.txt",
        ("First paragraph.",),
        author="mvea",
        comments=(Comment("c1", "I disagree with the premise.", author="Danny_III"),),
    )
    app = make_app([review])
    user = app.store.user
    user.add_note(Anchor("long", comment_id="c1"), "a note on Danny's comment, " + "long enough to wrap " * 5)
    user.add_quote(Anchor("long", paragraph=0), "First paragraph.", about=QuoteAbout(author="mvea"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.pause()
        options = screen.query_one(OptionList)
        lines = [strip.text.rstrip() for strip in options.render_lines(Region(0, 0, *options.outer_size))]
        inside = [line[2:-1].rstrip() for line in lines[1:-1]]  # the border and padding off
        heads = [line for line in inside if line.lstrip().startswith(("✎ note", "❝ quote"))]
        assert len(heads) == 2
        for head in heads:
            assert "Even the richest Americans" in head and "…" in head  # the title, cut
            assert re.search(r"  \d{4}-\d\d-\d\d \d\d:\d\d$", head)  # the date in view, at its end
        (note_head,) = [h for h in heads if "✎ note" in h]
        assert "comment · Danny_III" in note_head
        body = inside.index(note_head) + 1
        assert inside[body].startswith("  a note on Danny's comment")
        assert inside[body + 1].startswith("  enough to wrap")  # wrapped under the text, not at column 0


async def test_a_detached_quote_shows_so_and_enter_opens_its_review(make_app: AppFactory) -> None:
    """A quote whose comment a re-import deleted looked attached, and Enter went to a comment that
    is not there: it says detached, and Enter opens its review, saying why."""
    review = Review("r1", "Kept review", "src/r.txt", ("Body.",), comments=(Comment("c1", "Still here."),))
    app = make_app([review])
    user = app.store.user
    gone = user.add_quote(Anchor("r1", comment_id="c-deleted"), "Deleted words.")
    user.update_anchors({gone.id: (gone.anchor, True)})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.pause()
        assert [e.detached for e in screen.shown] == [True]
        assert str(screen.shown[0].prompt()).startswith("⚠ detached quote")
        chosen: list[Anchor | None] = []
        screen.dismiss = chosen.append  # type: ignore[method-assign,assignment]
        await pilot.press("enter")
        assert chosen == [Anchor("r1")]
        assert any("no longer in the review" in n.message for n in app._notifications)
