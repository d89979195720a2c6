"""Text given to `note add` and `subject set` that is not UTF-8: an argument is refused in one
line naming the byte; standard input is decoded as an imported file is. Both had crashed with
orjson's `TypeError: str is not valid UTF-8: surrogates not allowed` (and `subject set` called
a `\\xff` byte a control character)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_cli import run
from tui_reader.cli_input import argument_text
from tui_reader.core.content.models import Review
from tui_reader.core.store import Store


@pytest.fixture
def data(tmp_path: Path) -> str:
    folder = tmp_path / "d"
    Store(folder).library.add([Review(id="r1", title="A review", source="/x/r.txt", paragraphs=("Text.",))])
    return str(folder)


def _piped(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape"))


def _notes(data: str) -> list[str]:
    return [note.text for note in Store(Path(data)).user.snapshot().notes]


def test_a_note_argument_that_is_not_utf8_is_refused_in_one_line(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    argument = os.fsdecode(b"x\xff")  # what Python makes of `note add r1 $'x\xff'`
    code, out, err = run(capsys, "--data-dir", data, "note", "add", "r1", argument)
    assert (code, out) == (1, "")
    assert err == "tui-reader: the note is not UTF-8 text (byte 0xFF at character 2)\n"
    assert _notes(data) == []


def test_a_cp1252_notes_file_piped_in_reads_as_cp1252(
    data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _piped(monkeypatch, "Café, naïve: it’s “fine”\r\nsecond line".encode("cp1252"))
    code, out, err = run(capsys, "--data-dir", data, "note", "add", "r1", "-")
    assert code == 0 and out.startswith("added note ")
    assert err == "tui-reader: standard input: encoding guessed: cp1252\n"
    assert _notes(data) == ["Café, naïve: it’s “fine”\nsecond line"]


def test_utf8_piped_in_is_taken_as_it_is_without_a_word(
    data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _piped(monkeypatch, "Grüße\r\nzweite Zeile\r\n".encode())
    code, _, err = run(capsys, "--data-dir", data, "note", "add", "r1", "-")
    assert (code, err) == (0, "") and _notes(data) == ["Grüße\nzweite Zeile"]


def test_binary_piped_in_is_refused_in_one_line(
    data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _piped(monkeypatch, b"\x00\x01\x02\x00\x00\x00\xff\x00")
    code, _, err = run(capsys, "--data-dir", data, "note", "add", "r1", "-")
    assert code == 1 and err == "tui-reader: standard input: binary file (contains NUL bytes): the note must be text\n"
    assert _notes(data) == []


@pytest.mark.parametrize("option", [[], ["--kind"], ["--creator"], ["--ref"]])
def test_a_subject_argument_that_is_not_utf8_is_named_as_such(
    data: str, option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = os.fsdecode(b"Her \xff")
    argv = ["subject", "set", "r1", *([bad] if not option else ["Her", *option, bad])]
    code, _, err = run(capsys, "--data-dir", data, *argv)
    what = option[0].lstrip("-") if option else "name"
    assert code == 1 and err == f"tui-reader: the {what} is not UTF-8 text (byte 0xFF at character 5)\n"
    assert Store(Path(data)).subject_of("r1") is None


@given(st.binary(max_size=40))
def test_an_argument_is_refused_exactly_when_its_bytes_are_not_utf8(raw: bytes) -> None:
    argument = os.fsdecode(raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(LookupError, match=r"^the note is not UTF-8 text \(byte 0x[0-9A-F]{2} at character \d+\)$"):
            argument_text(argument, "note")
    else:
        assert argument_text(argument, "note") == argument
