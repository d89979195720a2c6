"""Rows of reviews: CSV, TSV (any header row), JSON Lines and JSON arrays (any keys; an array
may be wrapped in an object, `{"reviews": [...]}`).

The text column is found by name (`review`, `text`, `body`, `content`, `comment`,
and spellings like `review_text` or `reviews.text`), or given with `--text-column`.
The other fields are found by their common names (the subject
from `hotelName`/`product`/`movie`..., its ref from `hotelId`/`asin`..., the rating,
date, title, author, votes, tags...) or given with a field map (`--map`). A rating's
scale is the column's: all values up to 5 → out of 5, up to 10 → 10, up to 100 → 100.
Each row is one review; its id comes from the file and an id column when there is
one, else the row number. A header row is never a review.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.content.ids import source_key
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.tablemap import (
    FIELDS,
    KNOWN_NAMES,
    TEXT_NAMES,
    Columns,
    find_columns,
    norm,
    pick,
    rating_scale,
    row_review,
)

__all__ = ["FIELDS", "TEXT_NAMES", "Layout", "TabularImporter", "is_jsonl", "layout"]

DELIMITERS = (",", "\t", ";", "|")
SNIFF_CHARS = 4096  # the least of the file read to find its layout: a shorter text is the whole file
SNIFF_LINES = 20  # ...or more, up to SNIFF_MAX, until this many lines are in it (long rows)
SNIFF_MAX = 1 << 20
CHUNK_REVIEWS = 5_000  # reviews made at a time when a file is streamed (`stream_with`)
csv.field_size_limit(64 * 1024 * 1024)


def sniff_head(text: str) -> str:
    """The start of the file to find a table's layout in: SNIFF_CHARS and SNIFF_LINES rows at least
    (more when its rows are long), cut at the end of a row. A newline inside a quoted field ends no
    row: a review of twelve paragraphs took the head's twenty lines, the table was not seen, and
    the file became one review of CSV text."""
    if len(text) <= SNIFF_CHARS:
        return text
    rows, quoted = 0, False
    for sign in _QUOTE_OR_NEWLINE.finditer(text, 0, SNIFF_MAX):
        if sign[0] == '"':
            quoted = not quoted  # a doubled quote inside a field toggles twice
        elif not quoted:
            rows += 1
            if rows >= SNIFF_LINES and sign.end() >= SNIFF_CHARS:
                return text[: sign.end()]
    return text[:SNIFF_MAX]


_QUOTE_OR_NEWLINE = re.compile(r'["\n]')


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Line by line as asked for (a split would make every line's string at once)."""
    for number, line in enumerate(io.StringIO(text, newline="\n"), start=1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            value = None
        yield number, value if isinstance(value, dict) else None


@dataclass(frozen=True, slots=True)
class Layout:
    """How a delimited file is laid out: its delimiter, header (None if absent), text column."""

    delimiter: str
    header: list[str] | None
    text_column: str


_NAME_LIKE = re.compile(r"^[^\W\d](?:[\w.-]| (?=\S)){0,40}$")  # a column name: up to 40 chars, single spaces


def _rows_of(lines: io.StringIO, delimiter: str) -> Any:
    """A csv reader; for tabs, line by line: TSV has no quoting convention, and a `"` that opens
    a field and never closes would swallow the rows after it (and every `"` would be dropped)."""
    if delimiter == "\t":
        return csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    return csv.reader(lines, delimiter=delimiter)


def _sample(head: str, delimiter: str) -> list[list[str]]:
    """Rows of the head that are complete (the last line of a long file's head may be cut off)."""
    complete = head[: head.rfind("\n") + 1] if "\n" in head and len(head) >= SNIFF_CHARS else head
    try:
        return list(itertools.islice(_rows_of(io.StringIO(complete, newline=""), delimiter), 50))
    except csv.Error:
        return []


def _is_header(row: list[str], mapped: frozenset[str]) -> bool:
    """Names in every cell, or a cell that is a column name we know or were told: never a review."""
    cells = [cell.strip() for cell in row]
    if all(_NAME_LIKE.match(cell) for cell in cells):
        return True
    return any(norm(cell) in KNOWN_NAMES or cell in mapped for cell in cells if cell)


def layout(head: str, text_column: str | None, mapped: frozenset[str] = frozenset()) -> Layout | None:
    """Find the delimiter, header and text column from the file's first lines.

    With a header, the text column is named (or given); without one, the rows must
    agree on their field count and the text is the column with the longest values,
    the others short (labels, ratings, ids): prose with a comma per line is not a table.
    `mapped` are the column names a field map gives: a row holding one is the header.
    """
    head = head.lstrip("\ufeff")
    if "\n" not in head.rstrip("\r\n"):
        return None  # one line is never a table (and is the common case: one review per file)
    for delimiter in DELIMITERS:
        rows = [row for row in _sample(head, delimiter) if row]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        has_header = _is_header(rows[0], mapped)
        by_number = text_column is not None and text_column.isdigit()
        if has_header and not by_number and len(rows) >= 2:
            named = pick(rows[0], TEXT_NAMES, text_column)
            if named is not None and sum(len(row) == width for row in rows[1:]) >= 0.9 * (len(rows) - 1):
                return Layout(delimiter, rows[0], named)
        data = rows[1:] if has_header else rows
        if len(data) < 3 or sum(len(row) == width for row in data) < 0.9 * len(data):
            continue
        if text_column is not None and text_column.isdigit():
            index = int(text_column) - 1
            if not 0 <= index < width:
                continue
        else:
            lengths = [sum(len(row[i]) for row in data if len(row) == width) / len(data) for i in range(width)]
            index = max(range(width), key=lambda i: lengths[i])
            if lengths[index] < 15 or any(length > 40 for i, length in enumerate(lengths) if i != index):
                continue
        header = rows[0] if has_header else None
        return Layout(delimiter, header, header[index] if header else str(index + 1))
    return None


def _csv_rows(text: str, found: Layout) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, row by column name); headerless columns are named 1, 2, 3..."""
    reader = _rows_of(io.StringIO(text, newline=""), found.delimiter)
    if found.header is not None:
        next(reader, None)
    for row in reader:
        if not row:
            continue
        names = found.header or [str(i) for i in range(1, len(row) + 1)]
        yield reader.line_num, dict(zip(names, row, strict=False))


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


def _json_array(text: str, text_key: str | None = None) -> list[Any] | None:
    """The rows of a JSON array of objects (or of an object wrapping one), or None when the text is not one."""
    if not text.lstrip().startswith(("[", "{")):
        return None
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    if isinstance(value, dict):
        value = _wrapped_rows(value, text_key)
    if not isinstance(value, list) or not value or not all(isinstance(item, dict) for item in value[:50]):
        return None
    return value


def _wrapped_rows(doc: dict[str, Any], text_key: str | None = None) -> list[Any] | None:
    """`{"reviews": [{…}, …]}`: an object whose one list of objects is the rows, as a hand-made or
    scraped file wraps them (it was read as one JSON Lines row and refused, "no rows with text").
    An object with text of its own is a row, whatever lists it holds (its comments)."""
    own = pick([key for key in doc if isinstance(key, str)], TEXT_NAMES, text_key)
    if own is not None and isinstance(doc[own], str):
        return None
    lists = [value for value in doc.values() if isinstance(value, list) and value and isinstance(value[0], dict)]
    return lists[0] if len(lists) == 1 else None


def _is_json_array(text: str, text_key: str | None = None) -> bool:
    from tui_reader.core.importers.sites import first_record

    stripped = text.lstrip()
    if stripped.startswith("{"):  # a wrapper's rows: the document parsed whole, by orjson (5-10x the stdlib's speed)
        rows = _json_array(stripped, text_key)
        first = rows[0] if rows else None
    elif stripped.startswith("["):
        first = first_record(stripped)
    else:
        return False
    return first is not None and pick([k for k in first if isinstance(k, str)], TEXT_NAMES, text_key) is not None


def _mapped_header(text: str, mapped: frozenset[str]) -> list[str] | None:
    """A header row naming a column of the map, followed by a row as wide: a table whatever
    its text column is called (so a wrong map is told as such, not read as plain text)."""
    for delimiter in DELIMITERS:
        rows = [row for row in _sample(sniff_head(text.lstrip("\ufeff")), delimiter) if row][:2]
        if len(rows) != 2 or len(rows[0]) < 2 or len(rows[1]) != len(rows[0]):
            continue
        if mapped & {cell.strip() for cell in rows[0]} or all(_NAME_LIKE.match(c.strip()) for c in rows[0]):
            return rows[0]
    return None


class TabularImporter:
    """CSV, TSV, JSON Lines and JSON arrays; one importer so `--text-column` and `--map` mean the same for all."""

    name = "table"

    def sniff(self, head: str, path: Path) -> bool:
        return self.sniff_with(head, path, None)

    def sniff_with(self, text: str, path: Path, text_column: str | None) -> bool:
        return (
            is_jsonl(text, text_column)
            or _is_json_array(text, text_column)
            or layout(sniff_head(text), text_column) is not None
        )

    def readable(self, text: str, text_column: str | None, field_map: Mapping[str, str]) -> bool:
        """Whether the text is a table this importer reads with that mapping (so `--map` picks it)."""
        mapped = frozenset(field_map.values())
        column = field_map.get("text", text_column)
        if is_jsonl(text, column) or _is_json_array(text, column):
            return True
        if layout(sniff_head(text), column, mapped) is not None:
            return True
        return _mapped_header(text, mapped) is not None

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_with(text, path, None)

    def parse_with(
        self,
        text: str,
        path: Path,
        text_column: str | None,
        field_map: Mapping[str, str] | None = None,
        source: str | None = None,
    ) -> Parsed:
        """The whole file at once (`stream_with` is what an import uses: it holds one chunk at a time)."""
        chunks = self.stream_with(text, path, text_column, field_map, source)
        parsed = next(chunks)
        for more in chunks:
            parsed.reviews.extend(more.reviews)
            parsed.skipped.extend(more.skipped)
        return parsed

    def stream_with(
        self,
        text: str,
        path: Path,
        text_column: str | None,
        field_map: Mapping[str, str] | None = None,
        source: str | None = None,
    ) -> Iterator[Parsed]:
        """The file's reviews in chunks of at most CHUNK_REVIEWS, made row by row as they are asked for.

        A 10 MB file of tiny rows holds millions of them: made all at once they took
        gigabytes. The rows are read twice, never kept: once for the rating column's
        scale (which needs every value), once to make the reviews. What was skipped
        comes with the last chunk; a file without one row of text raises InputError.
        """
        field_map = dict(field_map or {})
        unknown = sorted(set(field_map) - set(FIELDS))
        if unknown:
            raise InputError(path, f"unknown field {unknown[0]!r} in the mapping (fields: {', '.join(FIELDS)})")
        text_column = field_map.get("text", text_column)
        text = text.lstrip("\ufeff")
        array = _json_array(text, text_column)
        rows: Callable[[], Iterator[tuple[int, Mapping[str, Any] | None]]]
        if array is not None:

            def rows() -> Iterator[tuple[int, Mapping[str, Any] | None]]:
                return ((number, item if isinstance(item, dict) else None) for number, item in enumerate(array, 1))

            kind = "JSON array"
        elif is_jsonl(text, text_column):

            def rows() -> Iterator[tuple[int, Mapping[str, Any] | None]]:
                return _jsonl_rows(text)

            kind = "JSON Lines"
        else:
            found = layout(sniff_head(text), text_column, frozenset(field_map.values()))
            header = _mapped_header(text, frozenset(field_map.values())) if field_map else None
            if found is None and header is not None:
                find_columns(header, field_map, text_column, path, True)  # a column the map names is missing
            if found is None:
                looked = text_column or ", ".join(TEXT_NAMES[:5])
                raise InputError(path, f"no text column found (looked for {looked}; use --text-column NAME or NUMBER)")
            table = found

            def rows() -> Iterator[tuple[int, Mapping[str, Any] | None]]:
                return _csv_rows(text, table)

            text_column = found.text_column
            kind = "TSV" if found.delimiter == "\t" else "CSV"
        by_header = kind in ("CSV", "TSV")
        seen: dict[tuple[str, ...], Columns] = {}  # JSON rows: columns per set of keys

        def with_columns() -> Iterator[tuple[int, Mapping[str, Any] | None, Columns | None]]:
            columns: Columns | None = None
            try:
                for line, row in rows():
                    if row is None:
                        yield line, None, None
                        continue
                    if columns is None or not by_header:
                        names = tuple(name for name in row if isinstance(name, str))
                        columns = seen.get(names)
                        if columns is None:
                            columns = seen[names] = find_columns(list(names), field_map, text_column, path, by_header)
                    yield line, row, columns
            except csv.Error as error:
                raise InputError(path, f"not valid {kind} ({error})") from None

        scale = rating_scale(
            row.get(cols.rating) for _, row, cols in with_columns() if row is not None and cols and cols.rating
        )
        key = source_key(path)
        source = source or str(path.resolve())
        parsed = Parsed(path=str(path), format=self.name)
        bad = empty = made = 0
        for line, row, cols in with_columns():
            if row is None or cols is None:
                bad += 1
                continue
            review = row_review(row, cols, key, line, source, scale)
            if review is None:  # a row without text is not a review
                empty += 1
                continue
            if parsed.mapping is None:
                parsed.mapping = {field: column for field, column in cols.by_field.items() if column is not None}
            parsed.reviews.append(review)
            made += 1
            if len(parsed.reviews) >= CHUNK_REVIEWS:
                yield parsed
                parsed = Parsed(path=str(path), format=self.name)
        if bad:
            parsed.skipped.append(Skipped(str(path), "lines that are not JSON objects", bad))
        if empty:
            parsed.skipped.append(Skipped(str(path), "rows without text", empty))
        if not made:
            raise InputError(path, f"no rows with text in this {kind} file")
        yield parsed
