"""JSON loading shared by the JSON formats: one error type, one size of mistake message, and the
records of a JSON array or JSON Lines (a dump). A file that ends early (`jsoncut`) gives the whole
records before the cut and says so (`ends_early`); one with no whole record is refused as such."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from tui_reader.core.content.text import plural
from tui_reader.core.importers.base import InputError, Skipped
from tui_reader.core.importers.jsoncut import ENDS_EARLY, records_before_the_cut

_FIRST_KEY = re.compile(r'^\s*\{\s*"((?:[^"\\]|\\.){0,200})"\s*:')


class Records(NamedTuple):
    """A dump's records, the lines that were not JSON, and where the file ends early when it does
    (the parser's words; "" for a whole file): the record it cut off is left out."""

    records: list[Any]
    bad: int = 0
    cut: str = ""


def not_valid(what: str, error: object) -> str:
    """How every JSON format refuses a file: the parser's words, where (`not valid Steam JSON (…)`)."""
    return f"not valid {what} JSON ({error})"


def load_json(text: str, path: Path, what: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise InputError(path, not_valid(what, error)) from None


def load_cut_json(text: str, path: Path, what: str) -> tuple[Any, str]:
    """`load_json`, but a document that ends early gives what it holds up to its last whole record:
    (the document, the parser's words on where it ends, "" when whole). One with no whole record
    before the cut is refused as `load_json` refuses it."""
    try:
        return orjson.loads(text), ""
    except orjson.JSONDecodeError as error:
        value = records_before_the_cut(text, error)
        if value is None:
            raise InputError(path, not_valid(what, error)) from None
        return value, str(error)


def ends_early(path: Path | str, read: int, noun: str, nouns: str | None = None) -> Skipped:
    """What an importer says of a file cut short: never silent. The record it cut off is the item
    skipped (a file that skips more than it did claims no review gone from it: `pipeline.gone`)."""
    return Skipped(str(path), f"cut off where the file ends early ({plural(read, noun, nouns)} read before it)")


@contextmanager
def said_as_cut(path: Path, what: str, cut: str) -> Iterator[None]:
    """A file that ends early and gives nothing (a thread cut in its post) is refused with the
    parser's words on where it ends, not the format's "no posts found"."""
    try:
        yield
    except InputError:
        if cut:
            raise InputError(path, not_valid(what, cut)) from None
        raise


def json_records(text: str) -> Records:
    """A JSON array's records, or JSON Lines', whichever the text is; an array cut short gives its
    records before the cut, JSON Lines whose last line is cut short the lines before it."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        cut = ""
        try:
            value = orjson.loads(stripped)
        except orjson.JSONDecodeError as error:
            value = records_before_the_cut(stripped, error)
            cut = str(error)
        if isinstance(value, list):
            return Records(value, 0, cut)
    records: list[Any] = []
    bad = 0
    lines = stripped.split("\n")
    last = len(lines) - 1  # a line cut short is the last, no line end after it
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            records.append(orjson.loads(line))
        except orjson.JSONDecodeError as error:
            if number == last and error.msg == ENDS_EARLY and records:
                return Records(records, bad, f"{error.msg}: line {number + 1}")
            bad += 1
    return Records(records, bad)


def json_records_in(text: str, path: Path, what: str) -> Records:
    """`json_records` of a file, refusing one JSON document that does not parse (a file cut short
    with no whole record before the cut): when no line of it is a JSON object it is no JSON Lines,
    and the parser says what is wrong where, as every JSON format says it (`not valid Steam JSON
    (unexpected end of data: line 1 column 200001 (char 200000))`), where "no reviews in this file"
    said nothing of it."""
    found = json_records(text)
    if found.bad and not any(isinstance(record, dict) for record in found.records):
        load_json(text.lstrip("\ufeff \t\r\n"), path, what)  # raises, unless the whole is one valid document
    return found


def first_key(head: str) -> str | None:
    """The first key of a JSON object, read from the start of the file without parsing it."""
    match = _FIRST_KEY.match(head)
    return match[1] if match else None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str:
    """Strings as they are, numbers as digits, anything else (null, objects) empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
