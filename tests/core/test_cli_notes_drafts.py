"""`tui-reader notes` lists the drafts too (a note typed in the app and not saved), marked as drafts:
they were in no list, so an unsent note could only be found by `a` at its very place."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.core.test_cli_personal import her_id, run
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.pipeline import removal
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts


@pytest.fixture
def data(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "d")
    run(capsys, "--data-dir", folder, "import", str(seeds))
    return folder


def test_notes_lists_a_draft_marked_as_one(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    assert run(capsys, "--data-dir", data, "note", "add", review_id, "a saved note")[0] == 0
    anchor = Anchor(review_id, paragraph=1, paragraph_text="whatever")
    Drafts(Path(data)).keep(anchor, "half a \x1b[31mthought\nand more", "Note on paragraph 2")
    code, out, _ = run(capsys, "--data-dir", data, "notes")
    saved, draft = out.splitlines()  # oldest first: the draft was kept after the note
    assert code == 0 and saved.endswith("her › review: a saved note")
    assert draft == f"draft {review_id[:10]} her › ¶2 (draft, not saved): half a ␛[31mthought and more"
    assert "\x1b" not in out  # shown, never acted on by the terminal


def test_notes_json_marks_drafts_with_a_key_every_line_has(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    run(capsys, "--data-dir", data, "note", "add", review_id, "a saved note")
    Drafts(Path(data)).keep(Anchor(review_id, comment_id="c1"), "on a comment", "Note on the comment by Ann")
    _, out, _ = run(capsys, "--data-dir", data, "notes", "--json")
    note, draft = (orjson.loads(line) for line in out.splitlines())
    assert note["draft"] is False and draft["draft"] is True
    assert set(note) <= set(draft)  # a script reading notes reads a draft's line the same way
    assert (draft["id"], draft["text"], draft["place"], draft["target"]) == (
        None,
        "on a comment",
        "comment",
        "Note on the comment by Ann",
    )
    assert draft["anchor"] == {
        "review_id": review_id,
        "comment_id": "c1",
        "paragraph": None,
        "offset": None,
        "quoted": None,
    }
    assert draft["review"]["id"] == review_id and draft["detached"] is False and draft["created"]


def test_a_draft_on_a_removed_review_is_listed_with_the_title_it_had(
    data: str, capsys: pytest.CaptureFixture[str]
) -> None:
    review_id = her_id(data, capsys)
    Drafts(Path(data)).keep(Anchor(review_id), "kept aside", "Note on the review")
    store = Store(Path(data))
    removal.remove(store, removal.plan_ids(store, [review_id]))
    _, out, _ = run(capsys, "--data-dir", data, "notes")
    assert out == f"draft {review_id[:10]} her (removed) › review (draft, not saved): kept aside\n"
    _, out, _ = run(capsys, "--data-dir", data, "notes", "--json")
    line = orjson.loads(out)
    assert (line["review"], line["detached"]) == (None, True)
