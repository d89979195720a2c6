"""Text that only the plain-text fallback claimed but that is no review: why it is refused.

Plain text matches anything, so what no format reads would become a "review" of its own
syntax. Refused instead, one line saying what was found:

- a JSON document no format reads (a `package.json`, a config): it holds no review;
- a file whose name says JSON (`.json`, `.jsonl`, `.ndjson`) and that is not valid JSON: the
  parser's message, as the JSON formats say it for a file they recognise and cannot read;
- a file whose name says CSV or TSV that the table importer did not read: its columns named,
  and what is missing (a text column, rows under the header, rows as wide as it);
- an XML document (declared `<?xml`, or named `.xml` and starting with an element) that no
  format reads: an RSS or Atom feed is followed by its address (`tui-reader follow URL`, the
  address given when the feed names its own), any other is named by its root element;
- our own Markdown export (the whole library's, or one review's file of `export -o DIR/`): it is
  for reading; imported, its front matter and highlights became one junk "review".

Only the fallback refuses: `--format text` reads any of these as text.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.importers.tablelayout import DELIMITERS, sniff_head
from tui_reader.core.importers.tablemap import KNOWN_NAMES, TEXT_NAMES, pick
from tui_reader.core.importers.tablesites import norm

_JSON_NAMES = (".json",)
_JSON_LINES_NAMES = (".jsonl", ".ndjson")
_TABLE_NAMES = {".csv": None, ".tsv": "\t", ".tab": "\t"}  # the delimiter the name says, if it says one
COLUMNS_SHOWN = 8
NAME_SHOWN = 40
_XML_NAMES = (".xml", ".rss", ".atom", ".rdf")
XML_HEAD = 8192  # the root element is looked for this far in: after the declaration, comments, a DOCTYPE
# What comes before the root element: the declaration, processing instructions, comments, a DOCTYPE.
_PROLOGUE = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]{0,60})[\s/>]")
_FEEDS = {"rss": "an RSS feed", "rdf:rdf": "an RSS feed", "feed": "an Atom feed"}
# A feed's own address (`<atom:link rel="self" href=...>` in RSS, `<link rel="self" href=...>` in Atom).
_SELF_LINK = re.compile(r"<(?:atom:)?link\b(?=[^>]*\brel=[\"']self[\"'])[^>]*\bhref=[\"']([^\"'<>]{1,300})[\"']")
# The Markdown export's front matter (`export_markdown.front_matter`: each value JSON): the whole
# library's is titled "tui-reader export"; a review's own file (`-o DIR/`) opens with its id and
# title, and under its front matter comes the review's title, a `#` heading.
_OUR_EXPORT = re.compile(r'---\r?\ntitle: "tui-reader export"\r?\n')
_OUR_REVIEW = re.compile(r'---\r?\nid: "[^\n]*"\r?\ntitle: "[^\n]*"\r?\n(?:\w+: [^\n]*\r?\n){0,40}---\r?\n\s*# ')
OUR_MARKDOWN_EXPORT = (
    "a tui-reader Markdown export (for reading); import the JSON export (`export -o FILE.json`) to restore"
)
_URL = re.compile(r"https?://[\w\-.~:/?#\[\]@!$&()*+,;=%]+")


def refusal(text: str, path: Path, text_column: str | None = None) -> str | None:
    """Why `text`, claimed by no format, is not read as plain text; None when it is text."""
    suffix = path.suffix.lower()
    stripped = text.lstrip("\ufeff").strip()
    if stripped.startswith(_LFS_POINTER):
        return _lfs_pointer(stripped)
    if suffix in _JSON_LINES_NAMES:
        return _json_lines(stripped)
    if suffix in _TABLE_NAMES:
        return _table(stripped, _TABLE_NAMES[suffix], text_column)
    if suffix not in _TABLE_NAMES and _named_table(stripped):  # a CSV saved as `.txt`: a table, not a review
        return _table(stripped, None, text_column)
    if stripped.startswith("---") and _our_markdown_export(stripped):
        return OUR_MARKDOWN_EXPORT
    if stripped.startswith("<") and (xml := _xml(stripped[:XML_HEAD], suffix in _XML_NAMES)) is not None:
        return xml
    if suffix not in _JSON_NAMES and not stripped.startswith(("{", "[")):
        return None
    try:
        value = orjson.loads(stripped)
    except orjson.JSONDecodeError as error:  # `{` in a .txt is text that starts with a brace
        if suffix not in _JSON_NAMES:
            return None
        if "depth limit" in str(error):  # valid JSON, but deeper than any export nests (orjson stops at 1024)
            return "JSON nested too deeply (over 1,024 levels): no export of reviews nests so"
        return f"not valid JSON ({error})"
    return f"JSON without review or comment text ({described(value)})"


def _our_markdown_export(text: str) -> bool:
    """Whether `text` is our Markdown export, the library's or one review's: for reading, not a review."""
    return _OUR_EXPORT.match(text) is not None or _OUR_REVIEW.match(text) is not None


def _json_lines(text: str) -> str:
    """A file named JSON Lines that no format read: its first bad line, else what it holds."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                orjson.loads(line)
            except orjson.JSONDecodeError as error:
                return f"not valid JSON Lines (line {number}, column {error.colno}: {error.msg})"
    return "JSON Lines without review or comment text"


def _table(text: str, delimiter: str | None, text_column: str | None) -> str:
    """A file named as a table that the table importer did not read, and why (see `tablelayout.layout`)."""
    rows = _rows(sniff_head(text), delimiter)
    header = rows[0] if rows else []
    names = [" ".join(name.split())[:NAME_SHOWN] for name in header[:COLUMNS_SHOWN]]
    shown = ", ".join(names) + (", …" if len(header) > COLUMNS_SHOWN else "")
    if len(header) < 2:
        return f"one column ({shown}), not a table of reviews: --format text reads it as text"
    if pick(header, TEXT_NAMES, text_column) is None:
        if text_column is not None:
            return f"no column {text_column!r} ({len(header)} columns: {shown})"
        if headerless(rows):
            longest = max(range(len(header)), key=lambda n: sum(len(row[n]) for row in rows if n < len(row)))
            return (
                f"no header row: its first row is data ({shown}); --map text=N reads column N as the text"
                f" (column {longest + 1} holds the longest)"
            )
        return f"no text column ({shown}): --text-column NAME picks one"
    if len(rows) < 2:
        return f"no rows under the header ({shown})"
    return f"rows are not as wide as the header ({len(header)} columns: {shown})"


_LFS_POINTER = "version https://git-lfs.github.com/spec/"
_LFS_SIZE = re.compile(r"^size (\d{1,15})$", re.MULTILINE)


def _lfs_pointer(text: str) -> str:
    """A file Git LFS left as its pointer (a dataset repository cloned without `git lfs pull`)."""
    size = _LFS_SIZE.search(text)
    said = f" to a {int(size[1]) / 1e6:,.0f} MB file" if size else ""
    return f"a Git LFS pointer{said}, not the file itself (`git lfs pull` in its repository fetches it)"


def _named_table(text: str) -> bool:
    """A table whatever its file's name: a header naming two or more columns we know (`Id,User,
    Rating,Date Posted`) over at least two rows as wide as it. Prose never is one. (Looked at for
    every plain-text file: one of a single line, as IMDb's 25k are, is no table at once.)"""
    first, _, rest = text.partition("\n")
    if "\n" not in rest or not any(delimiter in first for delimiter in DELIMITERS):
        return False
    rows = _rows(sniff_head(text), None)
    if len(rows) < 3 or len(rows[0]) < 3 or any(len(row) != len(rows[0]) for row in rows[1:8]):
        return False
    return sum(norm(cell) in KNOWN_NAMES for cell in rows[0]) >= 2


def headerless(rows: list[list[str]]) -> bool:
    """A table whose first row is data, not its columns' names: the rows are as wide as it (3 or
    more cells) and it holds a number, or a cell as long as a review's words, where names are short
    words (a Goodreads export saved without its header: `27428442,Village Christmas,…`)."""
    if len(rows) < 2 or len(rows[0]) < 3 or any(len(row) != len(rows[0]) for row in rows[1:5]):
        return False
    first = [cell.strip() for cell in rows[0]]
    return any(_NUMBER.fullmatch(cell) or len(cell) > 60 for cell in first)


_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def headerless_table(text: str) -> bool:
    """`headerless` of a text's head, cut by the first delimiter that cuts it: what a format forced
    on a table without its header says it looks like (not "plain text")."""
    return headerless(_rows(sniff_head(text), None))


def _rows(head: str, delimiter: str | None) -> list[list[str]]:
    """The head's rows (blank ones left out), split on the name's delimiter, else on the first of
    the table importer's that splits the first line."""
    first = head.split("\n", 1)[0]
    if delimiter is None:
        delimiter = next((d for d in DELIMITERS if d in first), DELIMITERS[0])
    try:
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        return [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error:  # a NUL, a quote left open: the first line's cells are still its columns
        return [first.split(delimiter)]


def _xml(head: str, named_xml: bool) -> str | None:
    """What an XML document no format read is, or None when the text is no XML document (a
    fragment of HTML in a text file is text with tags)."""
    declared = head.startswith("<?xml")
    if not (declared or named_xml):
        return None
    prologue = _PROLOGUE.match(head)
    root = _ROOT.match(head, prologue.end() if prologue else 0)
    if root is None:
        return "XML without a root element" if declared else None
    name = root[1]
    feed = _FEEDS.get(name.lower())
    if feed is None:
        return f"XML (root <{name}>) that is no known export"
    own = _SELF_LINK.search(head)
    address = _URL.fullmatch(html.unescape(own[1]).strip()) if own else None
    if address is not None:
        return f"{feed} (follow it with `tui-reader follow {address[0]}` to read it)"  # (the summary: `an RSS feed: 1`)
    return f"{feed} (follow its URL with `tui-reader follow URL` to read it)"


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
