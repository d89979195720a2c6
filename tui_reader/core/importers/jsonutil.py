"""JSON loading shared by the JSON formats: one error type, one size of mistake message, and the
records of a JSON array or JSON Lines (a dump), a document cut short refused as such."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.importers.base import InputError

_FIRST_KEY = re.compile(r'^\s*\{\s*"((?:[^"\\]|\\.){0,200})"\s*:')


def load_json(text: str, path: Path, what: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise InputError(path, f"not valid {what} JSON ({error})") from None


def json_records(text: str) -> tuple[list[Any], int]:
    """(records, lines that were not JSON): a JSON array, or JSON Lines, whichever the text is."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            value = orjson.loads(stripped)
        except orjson.JSONDecodeError:
            value = None
        if isinstance(value, list):
            return value, 0
    records: list[Any] = []
    bad = 0
    for line in stripped.split("\n"):
        if not line.strip():
            continue
        try:
            records.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            bad += 1
    return records, bad


def json_records_in(text: str, path: Path, what: str) -> tuple[list[Any], int]:
    """`json_records` of a file, refusing one JSON document that does not parse (a file cut short):
    when no line of it is a JSON object it is no JSON Lines, and the parser says what is wrong
    where, as every JSON format says it (`not valid Steam JSON (unexpected end of data: line 1
    column 200001 (char 200000))`), where "no reviews in this file" said nothing of it."""
    records, bad = json_records(text)
    if bad and not any(isinstance(record, dict) for record in records):
        load_json(text.lstrip("\ufeff \t\r\n"), path, what)  # raises, unless the whole is one valid document
    return records, bad


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
