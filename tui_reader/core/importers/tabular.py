"""Rows of reviews: CSV, TSV (any header row), JSON Lines and JSON arrays (any keys; an array
may be wrapped in an object, `{"reviews": [...]}`).

The text column is found by name (`review`, `text`, `body`, `content`, `comment`,
and spellings like `review_text` or `reviews.text`), or given with `--text-column`.
The other fields are found by their common names (the subject
from `hotelName`/`product`/`movie`..., its ref from `hotelId`/`asin`..., the rating,
date, title, author, votes, tags...) or given with a field map (`--map`). A rating's
scale is the column's: all values up to 5 → out of 5, up to 10 → 10, up to 100 → 100.
Each row is one review; its id comes from its site and an id column when there is
one (`FileFacts.id_scope`; an id that counts the file's rows, from the file and it), else from
what the row says (`content_ids`), never from its place in the file. A header
row is never a review.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.content.ids import source_key
from tui_reader.core.content.text import shorten
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.delimited import header_cells, tabs_quoted
from tui_reader.core.importers.jsonutil import ends_early
from tui_reader.core.importers.sites import skipped_file
from tui_reader.core.importers.tablefacts import FileFacts, Scale
from tui_reader.core.importers.tableids import RowIds
from tui_reader.core.importers.tablelayout import (
    Layout,
    is_json_array,
    is_jsonl,
    json_array_read,
    layout,
    mapped_header,
    one_column,
    rows_of,
    sniff_head,
)
from tui_reader.core.importers.tablemap import (
    FIELDS,
    TEXT_NAMES,
    Columns,
    column_number,
    find_columns,
    mapped_names,
    row_review,
)
from tui_reader.core.importers.tablesites import Site, norm, not_reviews

_ReadAs = tuple[Columns, Scale, Site | None, str | None]  # a set of columns as the whole file reads it

__all__ = ["FIELDS", "TEXT_NAMES", "Layout", "TabularImporter", "is_jsonl", "layout"]

CHUNK_REVIEWS = 5_000  # reviews made at a time when a file is streamed (`stream_with`)


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


def _csv_rows(text: str, found: Layout) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, row by column name); headerless columns are named 1, 2, 3..."""
    reader = rows_of(io.StringIO(text, newline=""), found.delimiter, found.quoted)
    if found.header is not None:
        next(reader, None)
    one = found.header is not None and len(found.header) == 1
    for row in reader:
        if not row:
            continue
        if one and len(row) > 1:  # a one-column file does not quote its commas: they are the text's
            row = [found.delimiter.join(row)]
        names = found.header or [str(i) for i in range(1, len(row) + 1)]
        yield reader.line_num, dict(zip(names, row, strict=False))


def _numbered(text_column: str | None, field_map: Mapping[str, str]) -> bool:
    """Whether the user counted columns (`--text-column 2`, `--map recommended=1`): then a header
    row was a guess to say, for a table without one loses a review to it."""
    given = [column for field, column in field_map.items() if field not in ("rating_max", "subject_kind")]
    return any(column_number(column) is not None for column in (text_column, *given))


def _not_reviews(text: str) -> str | None:
    """Why a site's export of no review text (IMDb's ratings, watchlist, lists) is not imported."""
    if "Const" not in text[: text.find("\n")]:
        return None
    return not_reviews(frozenset(norm(cell) for cell in header_cells(text)))


def _cells(row: list[str], shown: int = 6) -> str:
    """`label, review`: a row's first cells as a summary line can hold them."""
    more = ", …" if len(row) > shown else ""
    return ", ".join(shorten(cell.strip(), 30) for cell in row[:shown]) + more


class TabularImporter:
    """CSV, TSV, JSON Lines and JSON arrays; one importer so `--text-column` and `--map` mean the same for all."""

    name = "table"

    def sniff(self, head: str, path: Path) -> bool:
        return self.sniff_with(head, path, None)

    def sniff_with(self, text: str, path: Path, text_column: str | None) -> bool:
        return (
            is_jsonl(text, text_column)
            or is_json_array(text, text_column)
            or layout(sniff_head(text), text_column) is not None
            or (text_column is None and one_column(text, path.suffix) is not None)
            or (text_column is None and _not_reviews(text) is not None)
        )

    def readable(self, text: str, text_column: str | None, field_map: Mapping[str, str]) -> bool:
        """Whether the text is a table this importer reads with that mapping (so `--map` picks it)."""
        mapped = mapped_names(field_map)
        column = field_map.get("text", text_column)
        if is_jsonl(text, column) or is_json_array(text, column):
            return True
        if layout(sniff_head(text), column, mapped) is not None:
            return True
        return mapped_header(text, mapped) is not None

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
            parsed.older_ids.update(more.older_ids)
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
        scale and its dates' day/month order (which need every value), once to make the reviews. What was skipped
        comes with the last chunk; a file without one row of text raises InputError.
        """
        field_map = dict(field_map or {})
        unknown = sorted(set(field_map) - set(FIELDS))
        if unknown:
            raise InputError(path, f"unknown field {unknown[0]!r} in the mapping (fields: {', '.join(FIELDS)})")
        text_column = field_map.get("text", text_column)
        text = text.lstrip("\ufeff")
        if text_column is None and (why := _not_reviews(text)) is not None:
            yield skipped_file(path, self.name, why)
            return
        header_note: Skipped | None = None  # a header row taken where the user counted columns
        array, cut = json_array_read(text, text_column)
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
            mapped = mapped_names(field_map)
            found = layout(sniff_head(text), text_column, mapped)
            if found is None and text_column is None:
                found = one_column(text, path.suffix)
            header = mapped_header(text, mapped) if field_map else None
            if found is None and header is not None:
                find_columns(header, field_map, text_column, path, True)  # a column the map names is missing
            if found is None:
                looked = text_column or ", ".join(TEXT_NAMES[:5])
                raise InputError(path, f"no text column found (looked for {looked}; use --text-column NAME or NUMBER)")
            if found.delimiter == "\t":  # the head's look, made for the whole file (`delimited.tabs_quoted`)
                found = replace(found, quoted=tabs_quoted(text))
            table = found

            def rows() -> Iterator[tuple[int, Mapping[str, Any] | None]]:
                return _csv_rows(text, table)

            if found.header is not None and _numbered(text_column, field_map):
                header_note = Skipped(str(path), f"first row read as the header ({_cells(found.header)})", 0)
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

        facts = FileFacts(path)
        for _, row, cols in with_columns():  # what only the whole file says: its dates' order, its scale, its site
            if row is not None and cols is not None:
                facts.see(row, cols)
        scales: dict[int, _ReadAs] = {}  # per set of columns (JSON rows may differ)
        ids = RowIds(source_key(path))
        source = source or str(path.resolve())
        parsed = Parsed(path=str(path), format=self.name)
        bad = empty = made = 0
        notes: list[Skipped] = []  # what the whole file's ids say, with the last chunk
        for _, row, cols in with_columns():
            if row is None or cols is None:
                bad += 1
                continue
            if id(cols) not in scales:
                read = facts.columns(cols)
                notes += facts.id_notes(cols)
                scales[id(cols)] = (read, facts.scale(read), facts.site(read), facts.id_scope(read))
            cols, scale, site, scope = scales[id(cols)]
            review = row_review(row, cols, ids, source, scale, facts.day_first, site, scope)
            if review is None:  # a row without text is not a review
                empty += 1
                continue
            if parsed.mapping is None:
                parsed.mapping = {field: column for field, column in cols.by_field.items() if column is not None}
            parsed.reviews.append(review)
            made += 1
            if len(parsed.reviews) >= CHUNK_REVIEWS:
                parsed.rows_by_content = ids.key if ids.by_content else None
                parsed.older_ids = ids.take_older()
                yield parsed
                parsed = Parsed(path=str(path), format=self.name)
        if header_note is not None:
            parsed.skipped.append(header_note)
        if cut:
            parsed.skipped.append(ends_early(path, made, "row"))
        parsed.skipped.extend(facts.notes([scale for _, scale, _, _ in scales.values()]) + notes)
        if bad:
            parsed.skipped.append(Skipped(str(path), "lines that are not JSON objects", bad))
        if empty:
            parsed.skipped.append(Skipped(str(path), "rows without text", empty))
        if not made:
            raise InputError(path, f"no rows with text in this {kind} file")
        parsed.rows_by_content = ids.key if ids.by_content else None
        parsed.older_ids = ids.take_older()
        yield parsed
