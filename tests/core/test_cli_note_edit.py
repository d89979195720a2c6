"""`note edit`, `note delete`, `note add --paragraph N`, and `notes` saying where each note is.

The CLI could only add notes to a review or a comment; `notes` showed no anchor, so a note on a
paragraph looked like one on the review, and a note holding a colour sequence kept `[31m`."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_cli_personal import data, her_id, run
from tests.hostile import HOSTILE
from tui_reader.core.content.text import note_text

__all__ = ["data"]  # the fixture, shared


def _notes(data: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in run(capsys, "--data-dir", data, "notes", "--json")[1].splitlines()]


def test_a_note_on_a_paragraph_says_so_and_edits_and_deletes(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    code, out, _ = run(capsys, "--data-dir", data, "note", "add", review_id[:6], "--paragraph", "1", "on ¶1")
    assert code == 0 and out.startswith("added note ") and out.endswith(f" to {review_id} (¶1)\n")
    assert run(capsys, "--data-dir", data, "note", "add", review_id, "on it all")[0] == 0
    lines = run(capsys, "--data-dir", data, "notes")[1].splitlines()
    assert [line.split(" › ", 1)[1] for line in lines] == ["¶1: on ¶1", "review: on it all"]
    (on_paragraph, on_review) = _notes(data, capsys)
    assert (on_paragraph["place"], on_review["place"]) == ("¶1", "review")
    anchor = on_paragraph["anchor"]
    assert isinstance(anchor, dict) and anchor["paragraph"] == 0 and anchor["paragraph_text"]
    first = str(on_paragraph["id"])
    code, out, _ = run(capsys, "--data-dir", data, "note", "edit", first[:8], "better words")
    assert (code, out) == (0, f"edited note {first}\n")
    assert [n["text"] for n in _notes(data, capsys)] == ["better words", "on it all"]
    assert _notes(data, capsys)[0]["anchor"] == anchor
    assert run(capsys, "--data-dir", data, "note", "delete", first[:6]) == (0, f"deleted note {first}\n", "")
    assert [n["text"] for n in _notes(data, capsys)] == ["on it all"]


def test_a_note_on_a_comment_says_comment(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [orjson.loads(line) for line in run(capsys, "--data-dir", data, "list", "--json")[1].splitlines()]
    review_id = next(str(row["id"]) for row in rows if row["comment_count"])
    shown = orjson.loads(run(capsys, "--data-dir", data, "show", review_id, "--json")[1])
    comment_id = shown["comments"][0]["id"]
    assert run(capsys, "--data-dir", data, "note", "add", review_id, "--comment", comment_id[:6], "reply")[0] == 0
    assert run(capsys, "--data-dir", data, "notes")[1].endswith(f" › comment {comment_id[:8]}: reply\n")
    assert _notes(data, capsys)[0]["place"] == "comment"


def test_wrong_note_ids_and_paragraphs_are_one_line(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    code, _, err = run(capsys, "--data-dir", data, "note", "add", review_id, "--paragraph", "99", "x")
    assert code == 1 and err.startswith("tui-reader: review ") and err.endswith(": no ¶99\n")
    code, _, err = run(capsys, "--data-dir", data, "note", "edit", "ffff", "x")
    assert code == 1 and err == "tui-reader: no note with id 'ffff' (`notes` lists them)\n"
    code, _, err = run(capsys, "--data-dir", data, "note", "delete", "ffff")
    assert code == 1 and err == "tui-reader: no note with id 'ffff' (`notes` lists them)\n"
    with pytest.raises(SystemExit):
        run(capsys, "--data-dir", data, "note", "add", review_id, "--paragraph", "0", "x")
    assert _notes(data, capsys) == []


def test_a_colour_sequence_in_a_note_is_left_out_whole(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    assert run(capsys, "--data-dir", data, "note", "add", review_id, "line1\nline2 \x1b[31mred\x1b[0m")[0] == 0
    assert [n["text"] for n in _notes(data, capsys)] == ["line1\nline2 red"]


@given(st.lists(st.sampled_from(HOSTILE) | st.text(max_size=6), max_size=5).map(" ".join))
def test_a_note_keeps_no_control_and_no_escape_sequence(text: str) -> None:
    stored = note_text(text)
    assert not any((ord(char) < 32 and char not in "\n\t") or 0x7F <= ord(char) <= 0x9F for char in stored)
    assert "[31m" not in stored or "[31m" in text.replace("\x1b[31m", "").replace("\x9b31m", "")
    assert note_text(stored) == stored


def test_an_escape_never_ended_keeps_the_words_after_it() -> None:
    assert note_text("a\x1b]hello world") == "a]hello world"  # an OSC with no end: only its ESC goes
    assert note_text("title \x1b]0;owned\x07 kept") == "title  kept"
    assert note_text("x \x9b31mred") == "x red"
