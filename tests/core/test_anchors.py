"""Notes survive re-imports: they follow moved text and are marked detached, never dropped."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.content.user_records import Anchor
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store


def write_review(path: Path, paragraphs: list[str], comments: list[str]) -> None:
    listing = "".join(f"  {n}. {body}\n\n" for n, body in enumerate(comments, start=1))
    path.write_text("A Title\n\n" + "\n\n".join(paragraphs) + "\n\n\n" + listing, encoding="utf-8")


def test_notes_follow_moved_text_and_detach_when_it_is_gone(tmp_path: Path) -> None:
    source = tmp_path / "in" / "review.txt"
    source.parent.mkdir()
    write_review(source, ["First paragraph.", "The key sentence is here."], ["Great comment.", "Other one."])
    store = Store(tmp_path / "d")
    import_paths(store, [source])
    review_id = store.library.column("id")[0]
    review = store.library.get(review_id)
    assert review is not None
    moving = store.user.add_note(Anchor(review_id, paragraph=1, offset=0, quoted="key sentence"), "moves")
    vanishing = store.user.add_note(Anchor(review_id, paragraph=0, quoted="First paragraph"), "vanishes")
    on_comment = store.user.add_note(Anchor(review_id, comment_id=review.comments[0].id), "on a comment")
    whole = store.user.add_note(Anchor(review_id), "on the review")

    write_review(source, ["New opening.", "Another.", "Still, the key sentence is here."], ["Great comment."])
    report = import_paths(store, [source])
    assert (report.new, report.updated) == (0, 1)

    notes = {note.id: note for note in store.user.snapshot().notes}
    assert len(notes) == 4
    assert notes[moving.id].anchor.paragraph == 2 and not notes[moving.id].detached
    assert notes[moving.id].anchor.offset == len("Still, the ")
    assert notes[vanishing.id].detached and notes[vanishing.id].text == "vanishes"
    assert not notes[on_comment.id].detached
    assert not notes[whole.id].detached


def test_deleted_comment_detaches_its_note(tmp_path: Path) -> None:
    source = tmp_path / "in" / "review.txt"
    source.parent.mkdir()
    write_review(source, ["Body."], ["One.", "Two."])
    store = Store(tmp_path / "d")
    import_paths(store, [source])
    review = store.library.get(store.library.column("id")[0])
    assert review is not None
    note = store.user.add_note(Anchor(review.id, comment_id=review.comments[1].id), "on two")
    write_review(source, ["Body."], ["One."])
    import_paths(store, [source])
    kept = store.user.snapshot().notes
    assert [(n.id, n.detached) for n in kept] == [(note.id, True)]
