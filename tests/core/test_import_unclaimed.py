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

from tests.core.formats_support import parse_text, write
from tui_reader.core.importers import InputError, parse_file

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


def test_a_table_without_a_text_column_is_refused_naming_its_columns(tmp_path: Path) -> None:
    assert refused(tmp_path, "nocol.csv", "a,b\n1,2\n") == "no text column (a, b): --text-column NAME picks one"
    assert refused(tmp_path, "nocol.tsv", "a\tb\n1\t2\n") == "no text column (a, b): --text-column NAME picks one"
    assert refused(tmp_path, "semi.csv", "a;b\n1;2\n") == "no text column (a, b): --text-column NAME picks one"
    assert refused(tmp_path, "header.csv", "review,rating\n") == "no rows under the header (review, rating)"
    ragged = refused(tmp_path, "ragged.csv", "review,rating\nGood,4,x,y\nBad\n")
    assert ragged == "rows are not as wide as the header (2 columns: review, rating)"
    assert refused(tmp_path, "one.csv", "review\nGood film\n").startswith("one column (review), not a table")
    wide = refused(tmp_path, "wide.csv", ",".join(f"c{n}" for n in range(12)) + "\n" + "1," * 11 + "1\n")
    assert wide == "no text column (c0, c1, c2, c3, c4, c5, c6, c7, …): --text-column NAME picks one"


def test_text_column_names_the_column_it_did_not_find_or_reads_the_one_it_did(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no column 'zz' \(a, b\)"):
        parse_file(write(tmp_path, "nocol.csv", "a,b\n1,2\n"), text_column="zz")
    (review,) = parse_file(tmp_path / "nocol.csv", text_column="b").reviews
    assert review.paragraphs == ("2",)


def test_the_same_lines_not_named_as_a_table_are_still_text(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "note.txt", "a,b\n1,2\n")
    assert parsed.format == "text" and parsed.reviews


cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=',"\r\n\x00'), max_size=8)


@FUZZ
@given(st.lists(cells, min_size=2, max_size=6))
def test_no_file_named_csv_becomes_a_text_review(tmp_path: Path, header: list[str]) -> None:
    """A header and a row, whatever their names: read as a table (or a site's file), or refused in one
    line; never plain text."""
    text = ",".join(header) + "\n" + ",".join("x" for _ in header) + "\n"
    try:
        parsed = parse_text(tmp_path, "x.csv", text)
    except InputError as error:
        assert "\n" not in error.reason
    else:
        assert parsed.format != "text"
