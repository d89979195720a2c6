"""Text that only the plain-text fallback claimed but that is no review: why it is refused.

Plain text matches anything, so what no format reads would become a "review" of its own
syntax. Refused instead, one line saying what was found:

- a JSON document no format reads (a `package.json`, a config): it holds no review;
- a file whose name says JSON (`.json`, `.jsonl`, `.ndjson`) and that is not valid JSON: the
  parser's message, as the JSON formats say it for a file they recognise and cannot read.

Only the fallback refuses: `--format text` reads any of these as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

_JSON_NAMES = (".json",)
_JSON_LINES_NAMES = (".jsonl", ".ndjson")


def refusal(text: str, path: Path) -> str | None:
    """Why `text`, claimed by no format, is not read as plain text; None when it is text."""
    suffix = path.suffix.lower()
    stripped = text.lstrip("\ufeff").strip()
    if suffix in _JSON_LINES_NAMES:
        return _json_lines(stripped)
    if suffix not in _JSON_NAMES and not stripped.startswith(("{", "[")):
        return None
    try:
        value = orjson.loads(stripped)
    except orjson.JSONDecodeError as error:  # `{` in a .txt is text that starts with a brace
        return f"not valid JSON ({error})" if suffix in _JSON_NAMES else None
    return f"JSON without review or comment text ({described(value)})"


def _json_lines(text: str) -> str:
    """A file named JSON Lines that no format read: its first bad line, else what it holds."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                orjson.loads(line)
            except orjson.JSONDecodeError as error:
                return f"not valid JSON Lines (line {number}, column {error.colno}: {error.msg})"
    return "JSON Lines without review or comment text"


def described(value: Any) -> str:
    """A JSON value in a few words: `an object with keys a, b`, `a list of 3 items`, `a string`."""
    if isinstance(value, dict):
        keys = ", ".join(str(key) for key in list(value)[:5])
        more = ", …" if len(value) > 5 else ""
        return f"an object with keys {keys}{more}" if value else "an empty object"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else "a number"
