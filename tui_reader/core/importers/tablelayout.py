"""Where a table's rows are: whether a text is JSON Lines or a JSON array, and for CSV and TSV its
delimiter, its header (if it has one) and its text column. `tabular` reads the rows.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from typing import Any

import orjson

from tui_reader.core.importers.delimited import (
    DELIMITERS,
    SNIFF_CHARS,
    complete_rows,
    header_delimiter,
    rows_of,
    sniff_head,
    tabs_quoted,
)
from tui_reader.core.importers.jsoncut import records_before_the_cut
from tui_reader.core.importers.tablemap import KNOWN_NAMES, TEXT_NAMES, column_number, pick, unaccented
from tui_reader.core.importers.tablesites import norm

__all__ = ["DELIMITERS", "Layout", "layout", "rows_of", "sniff_head"]


@dataclass(frozen=True, slots=True)
class Layout:
    """How a delimited file is laid out: its delimiter, header (None if absent), text column, and
    whether its cells are quoted (always, but for tab-separated files that do not: `delimited`)."""

    delimiter: str
    header: list[str] | None
    text_column: str
    quoted: bool = True


_NAME_LIKE = re.compile(r"^[^\W\d](?:[\w.-]| (?=\S)){0,40}$")  # a column name: up to 40 chars, single spaces


def _sample(head: str, delimiter: str, quoted: bool = True) -> list[list[str]]:
    """Rows of the head that are complete (the last line of a long file's head may be cut off)."""
    complete = complete_rows(head, len(head) < SNIFF_CHARS)
    try:
        return list(itertools.islice(rows_of(io.StringIO(complete, newline=""), delimiter, quoted), 50))
    except csv.Error:
        return []


def _quoted(head: str, delimiter: str) -> bool:
    return delimiter != "\t" or tabs_quoted(complete_rows(head, len(head) < SNIFF_CHARS))


def _order(head: str) -> tuple[str, ...]:
    """The delimiters to try, the one that cuts the first line into the most cells first: a `;`
    file whose header holds a comma (`Title, Author;…`) is not read on its commas."""
    first = header_delimiter(head)
    return (first, *(delimiter for delimiter in DELIMITERS if delimiter != first))


def _is_header(row: list[str], mapped: frozenset[str]) -> bool:
    """Names in every cell, or a cell that is a column name we know or were told: never a review."""
    cells = [cell.strip() for cell in row]
    if all(_NAME_LIKE.match(cell) for cell in cells):
        return True
    return any(norm(cell) in KNOWN_NAMES or unaccented(cell) in KNOWN_NAMES or cell in mapped for cell in cells if cell)


def layout(head: str, text_column: str | None, mapped: frozenset[str] = frozenset()) -> Layout | None:
    """Find the delimiter, header and text column from the file's first lines.

    With a header, the text column is named (or given); without one, the rows must
    agree on their field count and the text is the column with the longest values,
    the others short (labels, ratings, ids): prose with a comma per line is not a table.
    A column given by its number needs no guess: a header and one row are a table.
    `mapped` are the column names a field map gives: a row holding one is the header.
    """
    head = head.lstrip("\ufeff")
    if "\n" not in head.rstrip("\r\n"):
        return None  # one line is never a table (and is the common case: one review per file)
    for delimiter in _order(head):
        quoted = _quoted(head, delimiter)
        rows = [row for row in _sample(head, delimiter, quoted) if row]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        has_header = _is_header(rows[0], mapped)
        number = column_number(text_column)
        if has_header and number is None and len(rows) >= 2:
            named = pick(rows[0], TEXT_NAMES, text_column)
            if named is not None and sum(len(row) == width for row in rows[1:]) >= 0.9 * (len(rows) - 1):
                return Layout(delimiter, rows[0], named, quoted)
        data = rows[1:] if has_header else rows
        # A column the user numbered is read from one row on; a guessed one needs rows to weigh.
        if len(data) < (1 if number is not None else 3) or sum(len(row) == width for row in data) < 0.9 * len(data):
            continue
        if number is not None:
            index = number - 1
            if not 0 <= index < width:
                continue
        else:
            lengths = [sum(len(row[i]) for row in data if len(row) == width) / len(data) for i in range(width)]
            index = max(range(width), key=lambda i: lengths[i])
            if lengths[index] < 15 or any(length > 40 for i, length in enumerate(lengths) if i != index):
                continue
        header = rows[0] if has_header else None
        return Layout(delimiter, header, header[index] if header else str(index + 1), quoted)
    return None


def one_column(text: str, suffix: str) -> Layout | None:
    """A `.csv` of one column headed as the reviews' text (`Review`): each row a review, as a
    scraper writes IMDb's reviews of a film. Only a file named as a table: a text file whose first
    line is "Review" is one review under a heading."""
    if suffix.lower() != ".csv":
        return None
    first, _, rest = sniff_head(text.lstrip("\ufeff")).partition("\n")
    name = first.strip().strip('"').strip()
    if norm(name) not in TEXT_NAMES or not rest.strip():
        return None
    return Layout(",", [name], name)


def _first_lines(text: str, count: int) -> list[str]:
    """The first `count` non-blank lines, whole however long."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            lines.append(text[start:end])
        start = end + 1
    return lines


def is_jsonl(text: str, text_key: str | None = None) -> bool:
    """Two or more lines that each start a JSON object, the first complete on its line
    (or one line, holding a text key)."""
    lines = _first_lines(text, 2)
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    try:
        first = orjson.loads(lines[0])
    except orjson.JSONDecodeError:
        return False
    if not isinstance(first, dict):
        return False
    return (len(lines) >= 2 and lines[1].lstrip().startswith("{")) or pick(
        list(first), TEXT_NAMES, text_key
    ) is not None


def json_array(text: str, text_key: str | None = None) -> list[Any] | None:
    """The rows of a JSON array of objects (or of an object wrapping one), or None when the text is not one."""
    return json_array_read(text, text_key)[0]


def json_array_read(text: str, text_key: str | None = None) -> tuple[list[Any] | None, str]:
    """`json_array`, and where the document ends early ("" when whole): a file cut short gives its
    whole rows before the cut (`jsoncut`), as every JSON format reads one."""
    if not text.lstrip().startswith(("[", "{")):
        return None, ""
    cut = ""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        value, cut = records_before_the_cut(text, error), str(error)
        if value is None:
            return None, ""
    rows = _rows_of(value, text_key)
    return rows, cut if rows is not None else ""


def _rows_of(value: Any, text_key: str | None) -> list[Any] | None:
    if isinstance(value, dict):
        value = _wrapped_rows(value, text_key)
    if not isinstance(value, list) or not value or not all(isinstance(item, dict) for item in value[:50]):
        return None
    return value


def _wrapped_rows(doc: dict[str, Any], text_key: str | None = None) -> list[Any] | None:
    """`{"reviews": [{…}, …]}`: an object whose one list of objects is the rows, as a hand-made or
    scraped file wraps them (it was read as one JSON Lines row and refused, "no rows with text"),
    or whose one list of strings under a text name (`reviews`, `text`) is the rows' texts.
    An object with text of its own is a row, whatever lists it holds (its comments)."""
    own = pick([key for key in doc if isinstance(key, str)], TEXT_NAMES, text_key)
    if own is not None and isinstance(doc[own], str):
        return None
    lists = [value for value in doc.values() if isinstance(value, list) and value and isinstance(value[0], dict)]
    if len(lists) == 1:
        return lists[0]
    if lists:
        return None
    texts = [  # `{"reviews": ["…", "…"]}`: a scraper's list of the texts alone, each a row
        (key, value)
        for key, value in doc.items()
        if isinstance(key, str) and norm(key) in TEXT_NAMES and isinstance(value, list) and value
        if all(isinstance(item, str) for item in value)
    ]
    return [{texts[0][0]: item} for item in texts[0][1]] if len(texts) == 1 else None


def is_json_array(text: str, text_key: str | None = None) -> bool:
    from tui_reader.core.importers.sites import first_record

    stripped = text.lstrip()
    if stripped.startswith("{"):  # a wrapper's rows: the document parsed whole, by orjson (5-10x the stdlib's speed)
        rows = json_array(stripped, text_key)
        first = rows[0] if rows else None
    elif stripped.startswith("["):
        first = first_record(stripped)
    else:
        return False
    return first is not None and pick([k for k in first if isinstance(k, str)], TEXT_NAMES, text_key) is not None


def mapped_header(text: str, mapped: frozenset[str]) -> list[str] | None:
    """A header row naming a column of the map, followed by a row as wide: a table whatever
    its text column is called (so a wrong map is told as such, not read as plain text)."""
    head = sniff_head(text.lstrip("\ufeff"))
    for delimiter in DELIMITERS:
        rows = [row for row in _sample(head, delimiter, _quoted(head, delimiter)) if row][:2]
        if len(rows) != 2 or len(rows[0]) < 2 or len(rows[1]) != len(rows[0]):
            continue
        if mapped & {cell.strip() for cell in rows[0]} or all(_NAME_LIKE.match(c.strip()) for c in rows[0]):
            return rows[0]
    return None
