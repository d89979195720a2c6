"""Attack (issue #14 item 9): `--json` output carried raw C1 controls and bidi marks to the terminal.

Text from our own export skips import-time repair, and orjson escapes only C0; every `--json`
output now goes through one function that escapes what a terminal would act on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader import cli_personal
from tui_reader.cli import main
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store

# C0 and DEL, C1, bidi controls and marks, line and paragraph separators.
DANGEROUS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE = "csi\x9b31m osc\x9d0;t\x9c rlo\u202eevil\u202c iso\u2066x\u2069 lrm\u200e alm\u061c"
HOSTILE += " ls\u2028ps\u2029 del\x7f esc\x1b"


def hostile_library(tmp_path: Path) -> tuple[str, Review]:
    data = tmp_path / "d"
    store = Store(data)
    review = Review(
        id="hostileown0001",
        title=f"findme {HOSTILE}",
        source="hostile.json",
        paragraphs=(f"findme body {HOSTILE}",),
        author=HOSTILE,
        comments=(Comment(id="c1", author=HOSTILE, body=HOSTILE),),
        format="tui-reader",
    )
    store.library.add([review])
    store.user.add_note(Anchor(review.id), f"note {HOSTILE}")
    return str(data), review


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in strings(item)] if isinstance(value, list) else []


@pytest.mark.parametrize(
    "command",
    [["list", "--json"], ["show", "hostileown0001", "--json"], ["search", "findme", "--json"], ["notes", "--json"]],
)
def test_json_outputs_escape_controls_and_bidi(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data, _ = hostile_library(tmp_path)
    code, out = run(capsys, "--data-dir", data, *command)
    assert code == 0 and out.endswith("\n")
    assert DANGEROUS.findall(out.replace("\n", "")) == []  # the newlines are JSON's own (lines, indents)
    # the same strings come back from the JSON (a note's text was cleaned when it was added)
    expected = Store(Path(data)).user.snapshot().notes[0].text if command[0] == "notes" else HOSTILE
    assert DANGEROUS.search(expected)
    documents = [json.loads(out)] if command[0] == "show" else [json.loads(line) for line in out.splitlines()]
    assert any(expected in text for text in strings(documents))


def test_show_json_gives_back_exactly_the_stored_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, review = hostile_library(tmp_path)
    _, out = run(capsys, "--data-dir", data, "show", "hostileown0001", "--json")
    document = json.loads(out)
    assert document["title"] == review.title and document["author"] == HOSTILE
    assert document["comments"][0]["body"] == HOSTILE


@given(
    st.recursive(
        st.text() | st.integers(-(2**63), 2**63 - 1) | st.none(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    )
)
def test_json_text_is_the_same_json_without_a_dangerous_character(value: object) -> None:
    for indent in (False, True):
        text = cli_personal.json_text(value, indent=indent)
        assert text.endswith("\n") and DANGEROUS.findall(text.replace("\n", "")) == []
        assert json.loads(text) == value
