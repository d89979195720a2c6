"""A re-import that changes a review moves its drafts (notes typed, not saved) with their words, as it moves
its notes (`anchors.followed` serves both). A paragraph added above moved the note on "Holy cow…" down and
left its draft on the paragraph above it: `a` there offered a draft typed about other words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Draft, Drafts

HEADER = "Book Id,Title,Author,My Rating,My Review\n"
FIRST, SECOND = "Wow! One chapter in, I knew I was going to love it.", "Holy cow this was good."


def _export(path: Path, *paragraphs: str) -> None:
    review = "<br/><br/>".join(paragraphs)
    path.write_text(HEADER + f'2991868,A Beautiful Place to Die,Malla Nunn,5,"{review}"\n')


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "goodreads_library_export.csv"
    _export(path, FIRST, SECOND)
    return path


def _imported(tmp_path: Path, source: Path) -> tuple[Store, Review]:
    store = Store(tmp_path / "data")
    import_paths(store, [source], index=False)
    (review,) = store.library.iter_reviews()
    assert review.paragraphs == (FIRST, SECOND)
    return store, review


def _draft(store: Store) -> Draft:
    (draft,) = Drafts(store.data_dir).all()
    return draft


def test_a_paragraph_added_above_moves_the_draft_with_the_note(tmp_path: Path, source: Path) -> None:
    store, review = _imported(tmp_path, source)
    anchor = Anchor(review.id, paragraph=1, paragraph_text=SECOND)
    store.user.add_note(anchor, "a saved note")
    Drafts(store.data_dir).keep(anchor, "half a thought", "Note on paragraph 2")
    _export(source, FIRST, "A paragraph added above.", SECOND)
    assert "1 updated" in import_paths(store, [source], index=False).summary_line()
    (note,) = store.user.snapshot().notes
    assert note.anchor.paragraph == 2
    draft = _draft(store)
    assert (draft.anchor.paragraph, draft.anchor.paragraph_text, draft.text) == (2, SECOND, "half a thought")


def test_a_draft_follows_its_paragraph_edited_a_little_as_a_note_does(tmp_path: Path, source: Path) -> None:
    """A draft made before anchors kept their words (no `paragraph_text`): its words are the paragraph as stored."""
    store, review = _imported(tmp_path, source)
    Drafts(store.data_dir).keep(Anchor(review.id, paragraph=1), "half a thought", "Note on paragraph 2")
    edited = "Holy cow this was SO good."
    _export(source, "A paragraph added above.", FIRST, edited)
    import_paths(store, [source], index=False)
    draft = _draft(store)
    assert (draft.anchor.paragraph, draft.anchor.paragraph_text) == (2, edited)


def test_a_draft_whose_words_are_gone_stays_at_its_place_its_words_kept(tmp_path: Path, source: Path) -> None:
    """Drafts are never detached: it stays where `a` finds it, and a later import that brings its words back
    finds them (the note on them is detached, shown apart in `A`)."""
    store, review = _imported(tmp_path, source)
    Drafts(store.data_dir).keep(Anchor(review.id, paragraph=1), "half a thought", "Note on paragraph 2")
    _export(source, FIRST, "Something else entirely, nothing like the old words at all.")
    import_paths(store, [source], index=False)
    assert _draft(store).anchor == Anchor(review.id, paragraph=1, paragraph_text=SECOND)
    _export(source, "A paragraph added above.", FIRST, SECOND)
    import_paths(store, [source], index=False)
    assert _draft(store).anchor == Anchor(review.id, paragraph=2, paragraph_text=SECOND)


def test_a_draft_on_the_whole_review_is_left_as_it_is(tmp_path: Path, source: Path) -> None:
    store, review = _imported(tmp_path, source)
    Drafts(store.data_dir).keep(Anchor(review.id), "on the review", "Note on the review")
    written = Drafts(store.data_dir).path.read_bytes()
    _export(source, FIRST, "A paragraph added below.", SECOND)
    import_paths(store, [source], index=False)
    assert Drafts(store.data_dir).path.read_bytes() == written
