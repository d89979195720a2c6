"""What the review-site importers share: text cleaning, values, dates (`sitedates`), records, files beside a file.

Every text field goes through `clean()` (mojibake, odd spaces, controls) and, when it
holds markup, through the HTML parser: `<br>` splits paragraphs, emphasis and quote
tags go but their text stays, entities are decoded. A site's export often needs a
file beside it (Letterboxd's profile, Yelp's businesses, Amazon's product metadata):
`Siblings` reads those from a folder or from the same zip, the same way.
"""

from __future__ import annotations

import html
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import orjson

from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean
from tui_reader.core.importers.delimited import header_cells
from tui_reader.core.importers.delimited import reader as delimited_reader
from tui_reader.core.importers.html import html_paragraphs
from tui_reader.core.importers.jsonutil import as_str, ends_early, not_valid
from tui_reader.core.importers.sitedates import date_of as date_of  # the importers take dates from here

_BR = re.compile(r"(?:<br\s*/?>\s*)+", re.IGNORECASE)
_TAGLIKE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_BLANK = re.compile(r"\n[ \t]*\n")
_REAL_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_ESCAPED_TAG = re.compile(r"&(?:amp;)*lt;/?[a-zA-Z]")
_SPACES = re.compile(r"[ \t]+")  # not every space: an ideographic space is typography


def paragraphs_of(value: Any, *, markdown: bool = False) -> tuple[str, ...]:
    """Review text (plain, or with HTML) as clean paragraphs: no tags, no entities.

    A blank line or a `<br>` ends a paragraph; a single newline is a line break.
    Text escaped twice (`&lt;i&gt;`) is unescaped twice, so no literal tag is left.
    `markdown=True` (review bodies the reader formats): the HTML's Markdown subset.
    """
    text = clean(as_str(value))
    if markdown:
        for _ in range(2):  # escaped tags and no real ones: HTML written escaped once or twice
            if _REAL_TAG.search(_BR.sub("", text)) or not _ESCAPED_TAG.search(text):  # `<br>` is all Goodreads writes
                break
            text = html.unescape(text)
        return tuple(html_paragraphs(_BR.sub("\n\n", text), newlines=True, markdown=True))
    for _ in range(3):
        if not _TAGLIKE.search(text):
            break
        text = "\n\n".join(html_paragraphs(_BR.sub("\n\n", text), newlines=True))
    out = []
    for block in _BLANK.split(text):
        paragraph = "\n".join(_SPACES.sub(" ", line).strip() for line in block.split("\n") if line.strip())
        if paragraph:
            out.append(paragraph)
    return tuple(out)


def line_of(value: Any) -> str:
    """A one-line field (a name, a title): markup and entities gone, whitespace collapsed."""
    return " ".join(" ".join(paragraphs_of(value)).split())


def line_or_none(value: Any) -> str | None:
    return line_of(value) or None


def int_of(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(float(as_str(value).strip().replace(",", "")))
    except (ValueError, OverflowError):
        return None


def float_of(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(as_str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


_TRUE = frozenset(("true", "yes", "y", "1", "t", "recommended", "positive", "up"))
_FALSE = frozenset(("false", "no", "n", "0", "-1", "f", "not recommended", "negative", "down"))


def bool_of(value: Any) -> bool | None:
    """true/false, yes/no, 1/0 and Steam's 1/-1; None when absent or anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0 if value in (1, -1, 0) else None
    text = as_str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def year_of(value: Any) -> int | None:
    year = int_of(value)
    return year if year is not None and 1000 <= year <= 9999 else None


def tags_of(value: Any, drop: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """A comma-separated (or listed) set of tags, cleaned, in order, without repeats."""
    items = value if isinstance(value, list) else as_str(value).split(",")
    out: list[str] = []
    for item in items:
        tag = line_of(item)
        if tag and tag.lower() not in drop and tag not in out:
            out.append(tag)
    return tuple(out)


# --- files beside the file -------------------------------------------------------------------


class Siblings(Protocol):
    """The files beside the one being parsed (in its folder, or in its zip folder)."""

    key: str  # what names the folder, for caches

    def names(self) -> list[str]: ...

    def read(self, name: str) -> str | None: ...

    def stamp(self, name: str) -> str: ...


@dataclass(slots=True)
class FolderSiblings:
    folder: Path
    key: str = ""
    _names: list[str] | None = None

    def __post_init__(self) -> None:
        self.key = str(self.folder.absolute())

    def names(self) -> list[str]:
        if self._names is None:
            try:
                self._names = sorted(p.name for p in self.folder.iterdir() if p.is_file())
            except OSError:
                self._names = []
        return self._names

    def read(self, name: str) -> str | None:
        """A file beside the imported one (a profile, a business list), or None. Read as the import
        reads files: a regular file only (a FIFO would hang the import), and a link only when it
        stays inside the folder, as the folder walk has it."""
        from tui_reader.core.importers.decode import NotText, decode

        try:
            path = self.folder / name
            inside = os.path.realpath(self.folder)
            if os.path.commonpath([inside, os.path.realpath(path)]) != inside:
                return None
            status = path.stat()
            if not stat.S_ISREG(status.st_mode) or status.st_size > 100 * 1024 * 1024:
                return None
            return decode(path.read_bytes())[0]
        except (OSError, NotText, ValueError):
            return None

    def stamp(self, name: str) -> str:
        try:
            stat = (self.folder / name).stat()
        except OSError:
            return ""
        return f"{stat.st_size}:{stat.st_mtime_ns}"


@dataclass(slots=True)
class MemorySiblings:
    """Members of one folder of a zip, already read (see `archive`)."""

    key: str
    files: Mapping[str, str] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted(self.files)

    def read(self, name: str) -> str | None:
        return self.files.get(name)

    def stamp(self, name: str) -> str:
        return str(len(self.files.get(name, "")))


_TABLES: dict[tuple[str, str, str, str], dict[str, Any]] = {}
_TABLES_KEPT = 8


def sibling_table(siblings: Siblings, name: str, what: str, build: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """A lookup built from a file beside this one (Yelp's businesses, Amazon's product titles),
    read once per folder and kept while the file is unchanged: a folder of review files reads it once."""
    key = (siblings.key, name, siblings.stamp(name), what)
    table = _TABLES.get(key)
    if table is None:
        text = siblings.read(name)
        table = build(text) if text else {}
        if len(_TABLES) >= _TABLES_KEPT:
            _TABLES.pop(next(iter(_TABLES)))
        _TABLES[key] = table
    return table


def skipped_file(path: Path, fmt: str, reason: str) -> Parsed:
    """A file read and recognised, deliberately not imported: one Skipped, never an error."""
    return Parsed(path=str(path), format=fmt, skipped=[Skipped(str(path), reason)])


# --- records ---------------------------------------------------------------------------------


def first_line(text: str) -> str:
    """The first physical line: a cheap look for a header's names before parsing it as CSV."""
    end = text.find("\n")
    return text if end < 0 else text[:end]


def csv_header(text: str) -> list[str]:
    """The first CSV record (however long: a quoted header may span lines), whatever its delimiter
    (a `;` or tab file re-saved by a spreadsheet: `delimited`)."""
    return header_cells(text)


def csv_reader_rows(text: str) -> Iterator[list[str]]:
    """The CSV records after the header, as lists."""
    rows = delimited_reader(text)
    next(rows, None)
    yield from rows


def csv_records(text: str) -> Iterator[dict[str, str]]:
    """Rows by header name; short rows padded with "" (csv.DictReader's None never leaks).

    A file whose columns were aligned with spaces (an editor's "align columns": `   257233, Raintree
    County    , "Jr., Ross"`) has its names and cells padded, and a quote after a space opens no
    quoted cell: its commas split it. Such a file is read skipping the space before a cell, and
    the padding is dropped (every review of such a Goodreads export was "a book without one")."""
    header = csv_header(text)
    aligned = any(name != name.strip() for name in header)
    reader = delimited_reader(text, aligned)
    header = [name.strip() for name in next(reader, [])] if aligned else next(reader, [])
    for row in reader:
        if row and any(cell.strip() for cell in row):
            cells = [cell.strip() for cell in row] if aligned else row
            yield {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}


def first_record(text: str) -> dict[str, Any] | None:
    """The first object of a JSON array, of JSON Lines, or the object itself: read as far as it takes."""
    stripped = text.lstrip("\ufeff \t\r\n")
    try:
        if stripped.startswith("["):
            index = len(stripped) - len(stripped[1:].lstrip())
            value, _ = json.JSONDecoder().raw_decode(stripped, index)
        elif stripped.startswith("{"):
            value, _ = json.JSONDecoder().raw_decode(stripped)
        else:
            return None
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def loose_records(text: str) -> Iterator[dict[str, Any]]:
    """JSON Lines, or lines of Python dict literals (Amazon's 2014 metadata is written that way)."""
    import ast

    for line in text.split("\n"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            try:
                value = ast.literal_eval(line)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                continue
        if isinstance(value, dict):
            yield value


def first_loose_record(text: str) -> dict[str, Any] | None:
    """The first record, read as JSON, else as a Python dict literal on the first line."""
    record = first_record(text)
    if record is None and text.lstrip("\ufeff \t\r\n").startswith("{'"):
        line = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
        record = next(loose_records(line), None)
    return record


def keys_of(record: Mapping[str, Any] | None) -> frozenset[str]:
    return frozenset(k for k in record if isinstance(k, str)) if record else frozenset()


T = TypeVar("T")


def parsed_reviews(
    path: Path,
    site: str,
    format_name: str,
    records: Iterable[T],
    make: Callable[[T], Review | None],
    bad: int = 0,
    cut: str = "",
) -> Parsed:
    """A site file's records made into reviews, one loop for every site: records without text are
    counted, unreadable lines too, a file that ends early (`cut`) said, and a file with neither
    reviews nor empty records is refused."""
    parsed = Parsed(path=str(path), format=format_name)
    empty = 0
    for record in records:
        review = make(record)
        if review is None:
            empty += 1
        else:
            parsed.reviews.append(review)
    if bad:
        parsed.skipped.append(Skipped(str(path), "lines that are not JSON objects", bad))
    if empty:
        parsed.skipped.append(Skipped(str(path), f"{site} reviews without text", empty))
    if cut and not parsed.reviews and not empty:  # nothing whole before the cut: the parser's words
        raise InputError(path, not_valid(site, cut))
    if cut:
        parsed.skipped.append(ends_early(path, len(parsed.reviews) + empty, f"{site} review"))
    if not parsed.reviews and not empty:
        raise InputError(path, f"no reviews in this {site} file")
    return parsed
