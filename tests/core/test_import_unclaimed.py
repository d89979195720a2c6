"""What no format reads is refused in one line saying what it is, not imported as a text "review".

Plain text is the fallback and matches anything: `broken.json` holding `not json {` became a
review whose text was its own syntax.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tui_reader.core.importers import InputError

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def refused(tmp_path: Path, name: str, text: str) -> str:
    with pytest.raises(InputError) as raised:
        parse_text(tmp_path, name, text)
    assert raised.value.path.endswith(name)
    return raised.value.reason


def test_a_json_file_that_is_not_json_is_refused_with_the_parsers_reason(tmp_path: Path) -> None:
    assert refused(tmp_path, "broken.json", "not json {").startswith("not valid JSON (")
    assert refused(tmp_path, "cut.JSON", '{"a": [1, 2').startswith("not valid JSON (unexpected end of data")
    assert refused(tmp_path, "s.json", '"only a string"') == "JSON without review or comment text (a string)"
    assert refused(tmp_path, "bad.jsonl", '{"a": 1}\nnope\n').startswith("not valid JSON Lines (line 2, column 1: ")


def test_plain_text_that_looks_like_json_still_imports_as_text(tmp_path: Path) -> None:
    for name, text in (("brace.txt", "not json {"), ("note.txt", "{not json} but a review.\n\nIts body.")):
        parsed = parse_text(tmp_path, name, text)
        assert parsed.format == "text" and parsed.reviews
    assert parse_text(tmp_path, "forced.json", "not json {", "text").reviews  # --format text reads it


def _not_json(text: str) -> bool:
    try:
        orjson.loads(text.lstrip("\ufeff").strip())
    except orjson.JSONDecodeError:
        return True
    return False


@FUZZ
@given(st.text(max_size=200).filter(_not_json))
def test_no_file_named_json_becomes_a_text_review(tmp_path: Path, text: str) -> None:
    """Named .json and not JSON: refused, or read by the format its content is (a table), never as
    plain text; the same text named .txt is never refused as JSON."""
    try:
        parsed = parse_text(tmp_path, "x.json", text)
    except InputError:
        pass
    else:
        assert parsed.format != "text"
    try:
        parse_text(tmp_path, "x.txt", text)
    except InputError as error:
        assert "JSON" not in error.reason
