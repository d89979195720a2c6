"""A row of the notes screen says where a note or quote is, and who wrote a quoted passage."""

from __future__ import annotations

from tui_reader.core.content.models import Anchor, Note, Quote, QuoteAbout
from tui_reader.ui.screens.notes import Entry


def test_a_quote_row_names_the_passage_author_and_an_old_quote_still_shows() -> None:
    recorded = Quote("q1", Anchor("r", comment_id="c1"), "words", "2026-01-01", about=QuoteAbout(author="bob\x1b[2J"))
    assert Entry(recorded, "T").where() == "comment · bob␛[2J"  # the escape made visible, never sent
    old = Quote("q2", Anchor("r", paragraph=1), "words", "2026-01-01")
    assert Entry(old, "T").where() == "¶2"
    note = Note("n1", Anchor("r"), "mine", "2026-01-01", "2026-01-01")
    assert Entry(note, "T").where() == "review"
