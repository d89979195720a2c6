"""JSON loading shared by the JSON formats: one error type, one size of mistake message."""

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
