"""A userdata.json that is valid JSON of the wrong shape (issue #14, item 5).

Hand edits, another program or a damaged backup can leave a note without an anchor,
a table that is a list, a number where a record belongs. Nothing of the user's may be
lost and nothing may trace back: the file as it was is kept aside, every well-formed
record stays, and the user reads one line saying what was left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import SEEDS
from tui_reader.cli import main
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import StoreError
from tui_reader.core.store.userdata import UserData

REVIEW = "a676026fdbde079e"


def _note(number: int, **changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": f"note{number:012d}",
        "anchor": {"review_id": REVIEW, "comment_id": None, "paragraph": None, "offset": None, "quoted": None},
        "text": f"precious note {number}",
        "created": "2026-12-04T15:10:13+00:00",
        "updated": "2026-12-04T15:10:13+00:00",
        "detached": False,
    }
    doc.update(changes)
    return {key: value for key, value in doc.items() if value is not ...}


META = {"1": {"schema": 1, "created": "2026-12-04T15:10:13+00:00"}}
BOOKMARK = {"id": "bm0000000000001", "review_id": REVIEW, "created": "2026-12-04T15:10:13+00:00", "comment_id": None}
NOTES = {str(n): _note(n) for n in (1, 2, 3)}

# name -> (document, texts of the notes that must survive, how many records are left out)
CASES: dict[str, tuple[dict[str, Any], list[str], int]] = {
    "meta is a list": ({"meta": [], "notes": NOTES}, ["precious note 1", "precious note 2", "precious note 3"], 0),
    "notes is a list": ({"meta": META, "notes": [_note(1), _note(2)]}, ["precious note 1", "precious note 2"], 0),
    "notes is an empty list": ({"meta": META, "notes": []}, [], 0),
    "a note is a number": ({"meta": META, "notes": {**NOTES, "1": 5}}, ["precious note 2", "precious note 3"], 1),
    "a note has no anchor": (
        {"meta": META, "notes": {**NOTES, "1": _note(1, anchor=...)}},
        ["precious note 2", "precious note 3"],
        1,
    ),
    "an anchor's review is a number": (
        {"meta": META, "notes": {**NOTES, "2": _note(2, anchor={"review_id": 7})}},
        ["precious note 1", "precious note 3"],
        1,
    ),
    "a paragraph is text": (
        {"meta": META, "notes": {**NOTES, "3": _note(3, anchor={"review_id": REVIEW, "paragraph": "2"})}},
        ["precious note 1", "precious note 2"],
        1,
    ),
    "bookmarks is a number": (
        {"meta": META, "bookmarks": 3, "notes": NOTES},
        [f"precious note {n}" for n in (1, 2, 3)],
        0,
    ),
    "a note's number is not a number": (
        {"meta": META, "notes": {**NOTES, "x": _note(4)}},
        ["precious note 1", "precious note 2", "precious note 3"],
        1,
    ),
    "a read mark without its review": (
        {"meta": META, "notes": NOTES, "read": {"1": {"read": True}}},
        ["precious note 1", "precious note 2", "precious note 3"],
        1,
    ),
    "a subject set by hand that is text": (
        {"meta": META, "notes": NOTES, "subjects": {"1": {"review_id": REVIEW, "subject": "Her"}}},
        ["precious note 1", "precious note 2", "precious note 3"],
        1,
    ),
}


def test_a_good_subject_survives_the_repair_of_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    good = {"review_id": REVIEW, "subject": {"name": "Her", "kind": "film", "year": 2013}}
    path.write_bytes(orjson.dumps({"meta": META, "subjects": {"1": good, "2": {"review_id": 5, "subject": {}}}}))
    user = UserData(path)
    assert len(user.problems) == 1 and "subject 2" in user.problems[0]
    assert user.subjects()[REVIEW].label == "Her (2013)"


@pytest.mark.parametrize("case", list(CASES))
def test_misshapen_file_is_repaired_keeping_a_copy_and_every_good_record(tmp_path: Path, case: str) -> None:
    document, survivors, _ = CASES[case]
    path = tmp_path / "userdata.json"
    original = orjson.dumps(document)
    path.write_bytes(original)
    user = UserData(path)
    assert len(user.problems) == 1, user.problems
    line = user.problems[0]
    assert "\n" not in line and "userdata.json" in line and "kept as userdata.json.corrupt-" in line
    aside = list(tmp_path.glob("userdata.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == original  # the file as it was, byte for byte
    assert aside[0].name in line
    snapshot = user.snapshot()
    assert sorted(note.text for note in snapshot.notes) == survivors
    note = user.add_note(Anchor(REVIEW), "written after the repair")  # writes work again
    assert note in UserData(path).snapshot().notes
    assert UserData(path).problems == []  # repaired once, quiet after


def test_left_out_records_are_named_in_the_line(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    path.write_bytes(orjson.dumps({"meta": META, "notes": {**NOTES, "2": _note(2, anchor=...)}}))
    line = UserData(path).problems[0]
    assert "note 2" in line and "precious note 2" in line and "no anchor" in line


def test_many_left_out_records_still_one_short_line(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    path.write_bytes(orjson.dumps({"meta": META, "notes": {str(n): n for n in range(1, 500)}}))
    user = UserData(path)
    assert len(user.problems) == 1 and "and 496 more" in user.problems[0] and len(user.problems[0]) < 400


def test_a_file_that_is_not_an_object_is_moved_aside_whole(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    path.write_bytes(b'"just a string"')
    user = UserData(path)
    assert len(user.problems) == 1 and "text" in user.problems[0] and "kept as" in user.problems[0]
    assert not path.exists() and len(list(tmp_path.glob("userdata.json.corrupt-*"))) == 1
    assert user.snapshot().notes == ()


def test_misshapen_while_running_is_skipped_then_repaired_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    user = UserData(path)
    user.add_note(Anchor(REVIEW), "mine")
    document = orjson.loads(path.read_bytes())
    document["notes"]["2"] = {"id": "broken", "text": "no anchor here"}
    document["quotes"] = {"1": {"id": "q", "anchor": "r1", "text": "x"}}
    path.write_bytes(orjson.dumps(document))  # another program edits it under us
    assert [n.text for n in user.snapshot().notes] == ["mine"]  # no traceback, the good note shown
    assert user.snapshot().quotes == ()
    assert len(user.problems) == 1  # said once, however often the marks are redrawn
    user.toggle_bookmark(REVIEW)
    assert len(list(tmp_path.glob("userdata.json.corrupt-*"))) == 1
    after = UserData(path)
    assert [n.text for n in after.snapshot().notes] == ["mine"] and after.problems == []
    assert after.snapshot().bookmarked_reviews == {REVIEW}


def test_a_newer_schema_is_refused_not_repaired(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    original = orjson.dumps({"meta": {"1": {"schema": 99}}, "notes": [1, 2]})
    path.write_bytes(original)
    with pytest.raises(StoreError, match="newer"):
        UserData(path)
    assert path.read_bytes() == original and not list(tmp_path.glob("userdata.json.corrupt-*"))


@pytest.mark.parametrize("command", [["list"], ["notes"], ["note", "add", "a676", "hello"], ["search", "film"]])
@pytest.mark.parametrize("case", ["meta is a list", "notes is a list", "a note is a number", "a note has no anchor"])
def test_cli_says_one_line_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, command: list[str]
) -> None:
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "import", str(SEEDS)]) == 0  # the seeds' reviews include a676...
    document, survivors, _ = CASES[case]
    (data / "userdata.json").write_bytes(orjson.dumps(document))
    capsys.readouterr()
    code = main(["--data-dir", str(data), *command])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and "userdata.json" in lines[0] and "repaired" in lines[0], err
    if command == ["notes"]:
        assert all(text in out for text in survivors)
