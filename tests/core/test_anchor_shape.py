"""One check of an anchor's shape (`content.anchor_shape`) for the user file, the drafts and the backup:
the copies had drifted, so a record one kept the other set aside, and a note whose paragraph's
words were a number was kept, for the notes screen to fail on when it drew them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.content.anchor_shape import anchor_fault
from tui_reader.core.importers.base import InputError
from tui_reader.core.importers.ownjson import OwnJSONImporter
from tui_reader.core.store.drafts import Draft
from tui_reader.core.store.userdata import UserData
from tui_reader.core.store.userdata_shape import checked

VALUE = st.none() | st.booleans() | st.integers(-2, 3) | st.text(max_size=3) | st.lists(st.none(), max_size=1)
ANCHOR = st.fixed_dictionaries(
    {},
    optional={
        name: VALUE | (st.text(max_size=3) if name in ("review_id", "comment_id") else st.integers(0, 3))
        for name in ("review_id", "comment_id", "paragraph", "offset", "quoted", "paragraph_text")
    },
)


@given(ANCHOR | VALUE)
def test_a_draft_and_a_note_accept_the_same_anchors(anchor: Any) -> None:
    """Before: a draft took `{"review_id": 5}` (made "5") that the user file left out, and the user
    file took `paragraph_text: 5` that the drafts refused."""
    note = {"id": "n1", "anchor": anchor, "text": "words"}
    _, faults = checked({"notes": {"1": note}})
    kept_as_note = not faults
    kept_as_draft = Draft.from_doc({"anchor": anchor, "text": "words"}) is not None
    assert kept_as_note == kept_as_draft == (anchor_fault(anchor) is None)


@pytest.mark.parametrize(
    ("anchor", "fault"),
    [
        ({"review_id": "r", "paragraph": 1, "paragraph_text": 5}, "anchor: paragraph_text is a number"),
        ({"review_id": 5}, "anchor: review_id is a number"),
        ({"review_id": "r", "offset": True}, "anchor: offset is true/false"),
        ([], "anchor is a list"),
    ],
)
def test_a_misshapen_anchor_is_named(anchor: Any, fault: str) -> None:
    assert anchor_fault(anchor) == fault


def test_a_note_whose_paragraph_words_are_no_text_is_set_aside_not_kept(tmp_path: Path) -> None:
    """It was kept, and `A` (which shows a detached paragraph note's words) failed on it."""
    path = tmp_path / "userdata.json"
    bad = {"id": "n1", "anchor": {"review_id": "r", "paragraph": 0, "paragraph_text": 7}, "text": "bad words"}
    good = {"id": "n2", "anchor": {"review_id": "r", "paragraph": 0, "paragraph_text": "Words."}, "text": "good"}
    path.write_bytes(orjson.dumps({"notes": {"1": bad, "2": good}}))
    user = UserData(path)
    assert [note.text for note in user.snapshot().notes] == ["good"]
    (line,) = user.problems
    assert "left out note 1" in line and "paragraph_text is a number" in line


def _backup(anchor: dict[str, Any]) -> str:
    note = {"id": "n", "anchor": anchor, "text": "t", "created": "x", "updated": "x"}
    return orjson.dumps({"version": 1, "reviews": [], "notes": [note]}).decode()


def test_a_backup_reads_a_paragraph_notes_words_as_the_user_file_does(tmp_path: Path) -> None:
    """The backup's own list of anchor fields had no `paragraph_text`: a number there was let in, and
    a control character in it was never cleaned (every other text of the backup is)."""
    with pytest.raises(InputError, match="paragraph_text has the wrong type"):
        OwnJSONImporter().parse(_backup({"review_id": "r", "paragraph": 0, "paragraph_text": 3}), tmp_path / "b.json")
    parsed = OwnJSONImporter().parse(
        _backup({"review_id": "r", "paragraph": 0, "paragraph_text": "Red \x1b[31mwords"}), tmp_path / "b.json"
    )
    assert parsed.personal is not None
    (note,) = parsed.personal.notes
    assert note.anchor.paragraph_text is not None and "\x1b" not in note.anchor.paragraph_text
