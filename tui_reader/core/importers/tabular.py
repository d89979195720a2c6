"""Rows of reviews: CSV, TSV (any header row) and JSON Lines (any keys).

The text column is found by name (`review`, `text`, `body`, `content`, `comment`,
and spellings like `review_text`), or given with `--text-column`; title, author,
rating and date columns are picked up when present. Each row is one review; its
id comes from the file and an id column when there is one, else the row number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.ids import source_key, stable_id
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, epoch_date, iso_date, title_from
from tui_reader.core.importers.jsonutil import as_str
from tui_reader.core.models import Review

TEXT_NAMES = ("review", "text", "body", "content", "comment", "reviews", "reviewtext", "reviewbody", "commenttext")
TITLE_NAMES = ("title", "summary", "headline", "subject", "reviewtitle")
AUTHOR_NAMES = ("author", "user", "username", "by", "reviewer", "reviewername", "name")
RATING_NAMES = ("rating", "score", "stars", "rate", "overall")
DATE_NAMES = ("date", "time", "created", "createdat", "timestamp", "reviewdate", "published")
ID_NAMES = ("id", "reviewid", "uuid")
DELIMITERS = (",", "\t", ";", "|")
SNIFF_CHARS = 4096  # what parse_file gives `sniff`: a shorter head is the whole file
CHUNK_REVIEWS = 5_000  # reviews made at a time when a file is streamed (`stream_with`)
csv.field_size_limit(64 * 1024 * 1024)


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _pick(names: list[str], wanted: tuple[str, ...], override: str | None = None) -> str | None:
    """The first column whose normalised name is in `wanted` (in `wanted` order)."""
    if override is not None:
        return next((n for n in names if n == override), None) or next(
            (n for n in names if _norm(n) == _norm(override)), None
        )
    by_norm: dict[str, str] = {}
    for name in names:
        by_norm.setdefault(_norm(name), name)
    return next((by_norm[w] for w in wanted if w in by_norm), None)


def _rating(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(as_str(value).strip().split("/", 1)[0])
    except ValueError:
        return None
    return number if 0 <= number <= 100 else None


def _date(value: Any) -> str | None:
    text = as_str(value).strip()
    if text.isdigit() and len(text) in (10, 13):
        return epoch_date(int(text) // (1000 if len(text) == 13 else 1))
    return iso_date(text)


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


def _sample(head: str, delimiter: str) -> list[list[str]]:
    """Rows of the head that are complete (the last line of a long file's head may be cut off)."""
    complete = head[: head.rfind("\n") + 1] if "\n" in head and len(head) >= SNIFF_CHARS else head
    try:
        return list(csv.reader(io.StringIO(complete, newline=""), delimiter=delimiter))[:50]
    except csv.Error:
        return []


def layout(head: str, text_column: str | None) -> Layout | None:
    """Find the delimiter, header and text column from the file's first lines.

    With a header, the text column is named (or given); without one, the rows must
    agree on their field count and the text is the column with the longest values,
    the others short (labels, ratings, ids): prose with a comma per line is not a table.
    """
    head = head.lstrip("\ufeff")
    if "\n" not in head.rstrip("\r\n"):
        return None  # one line is never a table (and is the common case: one review per file)
    for delimiter in DELIMITERS:
        rows = [row for row in _sample(head, delimiter) if row]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        has_header = all(_NAME_LIKE.match(cell.strip()) for cell in rows[0])
        by_number = text_column is not None and text_column.isdigit()
        if has_header and not by_number and len(rows) >= 2:
            named = _pick(rows[0], TEXT_NAMES, text_column)
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=found.delimiter)
    if found.header is not None:
        next(reader, None)
    for row in reader:
        if not row:
            continue
        names = found.header or [str(i) for i in range(1, len(row) + 1)]
        yield reader.line_num, dict(zip(names, row, strict=False))


def is_jsonl(head: str) -> bool:
    """Two or more lines that each start a JSON object, the first complete on its line."""
    lines = [line for line in head.split("\n") if line.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    try:
        first = orjson.loads(lines[0])
    except orjson.JSONDecodeError:
        return False
    if not isinstance(first, dict):
        return False
    return (len(lines) >= 2 and lines[1].lstrip().startswith("{")) or _pick(list(first), TEXT_NAMES) is not None


class TabularImporter:
    """CSV, TSV and JSON Lines; one importer so `--text-column` means the same for all."""

    name = "table"

    def sniff(self, head: str, path: Path) -> bool:
        return self.sniff_with(head, path, None)

    def sniff_with(self, head: str, path: Path, text_column: str | None) -> bool:
        return is_jsonl(head) or layout(head, text_column) is not None

    def parse(self, text: str, path: Path) -> Parsed:
        return self.parse_with(text, path, None)

    def parse_with(self, text: str, path: Path, text_column: str | None) -> Parsed:
        """The whole file at once (`stream_with` is what an import uses: it holds one chunk at a time)."""
        chunks = self.stream_with(text, path, text_column)
        parsed = next(chunks)
        for more in chunks:
            parsed.reviews.extend(more.reviews)
            parsed.skipped.extend(more.skipped)
        return parsed

    def stream_with(self, text: str, path: Path, text_column: str | None) -> Iterator[Parsed]:
        """The file's reviews in chunks of at most CHUNK_REVIEWS, made row by row as they are asked for.

        A 10 MB file of tiny rows holds millions of them: made all at once they took
        gigabytes. What was skipped comes with the last chunk; a file without one row
        of text raises InputError (when the last chunk is asked for).
        """
        text = text.lstrip("\ufeff")
        if is_jsonl(text[:4096]):
            rows: Iterator[tuple[int, Mapping[str, Any] | None]] = _jsonl_rows(text)
            kind = "JSON Lines"
        else:
            found = layout(text[:16384], text_column)
            if found is None:
                looked = text_column or ", ".join(TEXT_NAMES[:5])
                raise InputError(path, f"no text column found (looked for {looked}; use --text-column NAME or NUMBER)")
            rows = _csv_rows(text, found)
            text_column = found.text_column
            kind = "TSV" if found.delimiter == "\t" else "CSV"
        parsed = Parsed(path=str(path), format=self.name)
        key = source_key(path)
        source = str(path.resolve())
        columns: dict[str, str | None] | None = None
        bad = empty = made = 0
        try:
            for line, row in rows:
                if row is None:
                    bad += 1
                    continue
                names = [name for name in row if isinstance(name, str)]
                if columns is None or kind == "JSON Lines":
                    columns = {
                        "text": _pick(names, TEXT_NAMES, text_column),
                        "title": _pick(names, TITLE_NAMES),
                        "author": _pick(names, AUTHOR_NAMES),
                        "rating": _pick(names, RATING_NAMES),
                        "date": _pick(names, DATE_NAMES),
                        "id": _pick(names, ID_NAMES),
                    }
                review = self._review(row, columns, key, line, source)
                if review is None:  # a row without text is not a review
                    empty += 1
                    continue
                parsed.reviews.append(review)
                made += 1
                if len(parsed.reviews) >= CHUNK_REVIEWS:
                    yield parsed
                    parsed = Parsed(path=str(path), format=self.name)
        except csv.Error as error:
            raise InputError(path, f"not valid {kind} ({error})") from None
        if bad:
            parsed.skipped.append(Skipped(str(path), "lines that are not JSON objects", bad))
        if empty:
            parsed.skipped.append(Skipped(str(path), "rows without text", empty))
        if not made:
            raise InputError(path, f"no rows with text in this {kind} file")
        yield parsed

    def _review(
        self, row: Mapping[str, Any], columns: Mapping[str, str | None], key: str, line: int, source: str
    ) -> Review | None:
        def value(field: str) -> Any:
            column = columns[field]
            return row.get(column) if column is not None else None

        body = clean(as_str(value("text")))
        if not body:
            return None
        native = clean(as_str(value("id"))) or f"line {line}"
        paragraphs = tuple(block.strip() for block in re.split(r"\n\s*\n", body) if block.strip())
        return Review(
            id=stable_id("table", key, native),
            title=clean(as_str(value("title"))) or title_from(body, f"{key} {native}"),
            source=source,
            paragraphs=paragraphs,
            author=clean_or_none(as_str(value("author"))),
            date=_date(value("date")),
            rating=_rating(value("rating")),
            format=self.name,
        )
