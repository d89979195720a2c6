"""How a delimited file is cut into cells: its delimiter and, for tabs, whether it quotes.

A spreadsheet saves a table with the separator its locale uses: Excel in France or Germany writes
`;` (the comma is their decimal mark), "Text (Tab delimited)" a tab, some tools `|`. A site's
export re-saved so is the same export: each reader of a header-led file (Goodreads, Letterboxd,
Steam, the table importer) finds its delimiter here, one way. A tab-separated file is read
quoted only when it quotes as a spreadsheet does (a cell holding a quote or a line break written
in quotes, its own quotes doubled: an ISBN kept as `="0439023483"`): most TSV does not quote, and
there a `"` that opens a cell and never closes would swallow every row after it.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

DELIMITERS = (",", "\t", ";", "|")
SNIFF_CHARS = 4096  # the least of the file read to find its layout: a shorter text is the whole file
SNIFF_LINES = 20  # ...or more, up to SNIFF_MAX, until this many lines are in it (long rows)
SNIFF_MAX = 1 << 20
csv.field_size_limit(64 * 1024 * 1024)
_QUOTE_OR_NEWLINE = re.compile(r'["\n]')
_OPENS_QUOTED = re.compile(r'(?:^|\t)"', re.MULTILINE)


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


def complete_rows(head: str, whole: bool) -> str:
    """The head without its last line when that may be cut off (`whole`: the head is the file)."""
    return head if whole or "\n" not in head else head[: head.rfind("\n") + 1]


def rows_of(lines: io.StringIO, delimiter: str, quoted: bool = True) -> Any:
    """A csv reader; for tabs not `quoted`, line by line (see the module's docstring)."""
    if delimiter == "\t" and not quoted:
        return csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    return csv.reader(lines, delimiter=delimiter)


def tabs_quoted(text: str) -> bool:
    """Whether a tab-separated text quotes its cells: a cell opens with `"` (its first may be far
    down: a Goodreads export's first review holding a quote), and every row reads in strict quoting
    (each quoted cell closed, nothing after its closing quote), nine in ten as wide as the first."""
    if _OPENS_QUOTED.search(text) is None:
        return False
    rows = width = same = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True):
            if row:
                width = width or len(row)
                rows, same = rows + 1, same + (len(row) == width)
    except csv.Error:
        return False
    return same >= 0.9 * rows


def header_delimiter(text: str) -> str:
    """The delimiter of a file led by a header row: the one that cuts its first line into the most
    cells (a comma when none cuts it)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    best, cells = DELIMITERS[0], 1
    for delimiter in DELIMITERS:
        if delimiter in first:
            try:
                count = len(next(csv.reader([first], delimiter=delimiter), []))
            except csv.Error:
                continue
            if count > cells:
                best, cells = delimiter, count
    return best


def reader(text: str, skip_initial_space: bool = False) -> Any:
    """A csv reader over a header-led text, its delimiter and quoting found (BOM left out)."""
    text = text.lstrip("\ufeff")
    delimiter = header_delimiter(text)
    if delimiter == "\t" and not tabs_quoted(text):
        return csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=skip_initial_space)


def header_cells(text: str) -> list[str]:
    """The first record of a header-led text, whatever its delimiter (a quoted header may span lines)."""
    try:
        return next(reader(sniff_head(text.lstrip("\ufeff"))), [])  # the head: a tab file's quoting is the header's
    except csv.Error:
        return []
