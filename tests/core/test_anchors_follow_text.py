"""A note or quote stays on the words it was made on: a paragraph removed above it does not move
it onto the next paragraph, and text only spaced differently (a code block's lines joined by
newlines where a space was) still holds it."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.anchors import locate
from tui_reader.core.personal.export_highlights import highlights
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

DIARY = ["My film diary", "First paragraph.", "Second paragraph says the ending is perfect.", "Third paragraph closes."]


def _write(path: Path, paragraphs: list[str]) -> None:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _diary(tmp_path: Path) -> tuple[Store, Path, str]:
    """The user's recipe: a note (`a`) and a quote (`y`) on the paragraph about the ending."""
    source = tmp_path / "d2.txt"
    _write(source, DIARY)
    store = Store(tmp_path / "data")
    import_paths(store, [source])
    review = store.library.get(store.library.column("id")[0])
    assert review is not None
    ending = review.paragraphs.index(DIARY[2])
    store.user.add_note(Anchor(review.id, paragraph=ending), "ending note")
    store.user.add_quote(Anchor(review.id, paragraph=ending), DIARY[2])
    return store, source, review.id


def _where(store: Store) -> list[tuple[str, int | None, bool]]:
    snapshot = store.user.snapshot()
    return [
        (kind, r.anchor.paragraph, r.detached)
        for kind, rs in (("note", snapshot.notes), ("quote", snapshot.quotes))
        for r in rs
    ]


def test_a_paragraph_removed_above_does_not_move_the_note_onto_the_next(tmp_path: Path) -> None:
    store, source, review_id = _diary(tmp_path)
    ending = [p for p in store.library.get(review_id).paragraphs].index(DIARY[2])  # type: ignore[union-attr]
    _write(source, [DIARY[0], DIARY[2], DIARY[3]])  # the first paragraph is gone: the ending moves up
    assert import_paths(store, [source]).updated == 1
    moved = store.library.get(review_id).paragraphs.index(DIARY[2])  # type: ignore[union-attr]
    assert moved == ending - 1
    assert _where(store) == [("note", moved, False), ("quote", moved, False)]


def test_the_paragraph_removed_detaches_its_note_and_quote(tmp_path: Path) -> None:
    store, source, review_id = _diary(tmp_path)
    _write(source, [DIARY[0], DIARY[1], DIARY[3]])
    assert import_paths(store, [source]).updated == 1
    assert [detached for *_, detached in _where(store)] == [True, True]
    review, user = store.library.get(review_id), store.user.snapshot()
    assert review is not None
    exported = "\n".join(highlights(review, user.quotes, user.notes))
    assert "Third paragraph closes" not in exported  # no highlight the user never made
    assert "**Note (detached):** ending note" in exported
    _write(source, [DIARY[0], "An added opening.", DIARY[1], DIARY[3]])  # changed again: still not its words
    import_paths(store, [source])
    assert [detached for *_, detached in _where(store)] == [True, True]


def test_an_edited_paragraph_detaches_the_quote_of_its_old_words_and_keeps_the_note(tmp_path: Path) -> None:
    """One word changed: the quote's words are no longer said (detached); the note on the
    paragraph stays on it (`edited_paragraph`), as it would on a typo fixed."""
    store, source, review_id = _diary(tmp_path)
    edited = "Second paragraph says the ending is awful."
    _write(source, [DIARY[0], DIARY[1], edited, DIARY[3]])
    import_paths(store, [source])
    review = store.library.get(review_id)
    assert review is not None
    at = review.paragraphs.index(edited)
    assert _where(store) == [("note", at, False), ("quote", at, True)]


# The reviewer's real case: a WordPress post's code, once one paragraph of inline code joined by
# spaces, is now a fenced block with a line per statement; the quote was taken from the old text.
STATEMENTS = ("UPDATE pg_database SET datistemplate = FALSE WHERE datname = 'template1';", "drop database template1;")
OLD_CODE = "`" + " ".join(STATEMENTS) + "`"
NEW_CODE = "```\n" + "\n".join(STATEMENTS) + "\n```"


def test_a_quote_on_code_now_broken_into_lines_stays_attached() -> None:
    anchor = Anchor("r", paragraph=0, offset=OLD_CODE.index("'; drop"), quoted="'; drop database tem")
    found = locate(Review("r", "Post", "blog.xml", (NEW_CODE,), format="wxr"), anchor)
    assert found is not None and found.paragraph == 0
    assert NEW_CODE[found.offset or 0 :].startswith("';\ndrop database tem")


def test_spacing_aside_never_wins_over_an_exact_match_elsewhere() -> None:
    anchor = Anchor("r", paragraph=0, quoted="drop database")
    review = Review("r", "Post", "blog.xml", ("drop\ndatabase first", "then drop database"), format="text")
    found = locate(review, anchor)
    assert found is not None and (found.paragraph, found.offset) == (1, len("then "))


def test_words_that_are_gone_are_not_found_by_their_spacing() -> None:
    anchor = Anchor("r", paragraph=0, quoted="drop database tem")
    assert locate(Review("r", "Post", "blog.xml", ("drop table template1",), format="wxr"), anchor) is None


def test_a_quote_across_a_line_of_code_now_a_block_of_its_own_stays_attached() -> None:
    """chrisjrob's post: 'run:\\' and its inline code were one paragraph; the code is now a fenced
    block after it. The quote taken across both is found where it starts."""
    anchor = Anchor("r", paragraph=1, offset=37, quoted="n:\\\n`configure set i")
    paragraphs = ("Intro.", "Then login to your USG via SSH and run:", "```\nconfigure\nset interfaces eth3\n```")
    found = locate(Review("r", "Post", "blog.xml", paragraphs, format="wxr"), anchor)
    assert found is not None and (found.paragraph, found.offset) == (1, len("Then login to your USG via SSH and ru"))
    inline = Anchor("r", paragraph=1, quoted="`$ sudo apt-get upda")
    block = ("Intro.", "Then install Adobe Flash with:", "```\n$ sudo apt-get update\n```")
    found = locate(Review("r", "Post", "blog.xml", block, format="wxr"), inline)
    assert found is not None and (found.paragraph, found.offset) == (2, len("```\n"))
