"""The JSON backup carries the drafts (notes typed and not saved): importing it puts them back at their
places, never over a draft typed since, and export -> import -> export is byte-identical with them.
A backup restored on a new machine lost every draft before: they were in no export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text, write
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import InputError
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline import removal
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Draft, Drafts


def export(store: Store) -> bytes:
    return b"".join(json_chunks(store))


@pytest.fixture
def drafted(tmp_path: Path, seeds: Path) -> Store:
    """The seeds, a note, and drafts on a review, a paragraph, a comment and on a review since removed."""
    store = Store(tmp_path / "first")
    import_paths(store, [seeds], index=False)
    first, second = sorted(store.library.iter_reviews(), key=lambda review: -len(review.comments))
    store.user.add_note(Anchor(first.id), "a saved note")
    drafts = Drafts(store.data_dir)
    drafts.keep(Anchor(first.id), "on the review, «typed»", "Note on the review “Her”")
    paragraph = Anchor(first.id, paragraph=1, paragraph_text=first.paragraphs[1])
    drafts.keep(paragraph, "on a paragraph\nof two lines", "Note on paragraph 2")
    drafts.keep(Anchor(first.id, comment_id=first.comments[0].id), "on a comment", "Note on the comment by X")
    drafts.keep(Anchor(second.id), "on a review removed since", "Note on the review")
    removal.remove(store, removal.plan_ids(store, [second.id]))
    return store


def test_export_import_export_is_byte_identical_with_drafts(drafted: Store, tmp_path: Path) -> None:
    first = export(drafted)
    assert len(json.loads(first)["drafts"]) == 4
    fresh = Store(tmp_path / "second")
    report = import_paths(fresh, [write(tmp_path, "backup.json", first)], index=False)
    assert report.failed_files == 0
    assert Drafts(fresh.data_dir).all() == Drafts(drafted.data_dir).all()  # each at its place, as it was kept
    assert export(fresh) == first


def test_importing_the_backup_keeps_a_draft_typed_since_and_adds_nothing_twice(drafted: Store, tmp_path: Path) -> None:
    backup = write(tmp_path, "backup.json", export(drafted))
    mine = Drafts(drafted.data_dir)
    by_text = {draft.text: draft for draft in mine.all()}
    on_review, on_comment = by_text["on the review, «typed»"], by_text["on a comment"]
    newer = on_review._replace(text="typed on since the backup", kept="2999-01-01T00:00:00+00:00")
    older = on_comment._replace(text="an older draft here", kept="2000-01-01T00:00:00+00:00")
    mine.discard(on_review)
    mine.discard(on_comment)
    mine.restore([newer, older])
    import_paths(drafted, [backup], index=False)
    texts = {draft.anchor: draft.text for draft in mine.all()}
    assert texts[on_review.anchor] == "typed on since the backup"  # newer: never overwritten
    assert texts[on_comment.anchor] == "on a comment"  # the backup's is newer than the one kept here
    assert len(texts) == 4
    written = mine.path.read_bytes()
    import_paths(drafted, [backup], index=False)
    assert mine.path.read_bytes() == written  # the same drafts: nothing written again


def test_a_drafts_control_characters_are_cleaned_as_the_rest_of_a_backup(tmp_path: Path) -> None:
    draft = {"anchor": {"review_id": "r"}, "text": "red \x1b[31mtext", "target": "Note \x9b on", "kept": "x"}
    parsed = parse_text(tmp_path, "b.json", json.dumps({"version": 1, "reviews": [], "drafts": [draft]}))
    assert parsed.personal is not None
    (doc,) = parsed.personal.drafts
    read = Draft.from_doc(doc)
    assert read is not None and "\x1b" not in read.text and "\x9b" not in read.target


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        ({"text": "t"}, r"drafts\[0\] has no 'anchor'"),
        ({"anchor": {"review_id": "r"}, "text": 5}, r"drafts\[0\]\.text has the wrong type"),
        ({"anchor": {"paragraph": 1}, "text": "t"}, r"drafts\[0\]\.anchor has no 'review_id'"),
        ({"anchor": {"review_id": "r", "paragraph": "1"}, "text": "t"}, r"drafts\[0\]\.anchor\.paragraph"),
    ],
)
def test_a_hand_edited_draft_fails_with_one_clear_line(tmp_path: Path, draft: object, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_text(tmp_path, "bad.json", json.dumps({"version": 1, "reviews": [], "drafts": [draft]}), "tui-reader")
