"""The importers in detection order, the folder walk and `parse_file` (loaded on first import).

Importers are tried in `IMPORTERS` order by sniffing the decoded text; plain text
is the fallback and matches anything. `--format` picks one by name.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from tui_reader.core.decode import NotText, decode
from tui_reader.core.importers.amazon import AmazonImporter
from tui_reader.core.importers.archive import is_zip, parse_zip
from tui_reader.core.importers.base import Importer, InputError, Parsed, Skipped
from tui_reader.core.importers.disqus import DisqusImporter
from tui_reader.core.importers.goodreads import GoodreadsImporter
from tui_reader.core.importers.hackernews import HackerNewsImporter
from tui_reader.core.importers.htmldoc import HTMLImporter
from tui_reader.core.importers.letterboxd import LetterboxdImporter
from tui_reader.core.importers.ownjson import OwnJSONImporter
from tui_reader.core.importers.plaintext import PlainTextImporter
from tui_reader.core.importers.reddit import RedditImporter
from tui_reader.core.importers.sites import FolderSiblings, Siblings
from tui_reader.core.importers.steam import SteamImporter
from tui_reader.core.importers.tabular import TabularImporter
from tui_reader.core.importers.wxr import WXRImporter
from tui_reader.core.importers.yelp import YelpImporter

# Largest single file read into memory: beyond this a clear message beats a swap storm.
MAX_FILE_BYTES = 100 * 1024 * 1024

TABULAR = TabularImporter()

# Review sites: recognised by their headers and keys, read as far as it takes (not a 4 KB head),
# and given the files beside the one parsed (a profile, a business list, product titles).
SITES: list[GoodreadsImporter | LetterboxdImporter | SteamImporter | AmazonImporter | YelpImporter] = [
    GoodreadsImporter(),
    LetterboxdImporter(),
    SteamImporter(),
    AmazonImporter(),
    YelpImporter(),
]

# Most specific first: our export and the JSON APIs before the sites' files, those before
# generic tables (JSON Lines, CSV), tables before plain text.
IMPORTERS: list[Importer] = [
    OwnJSONImporter(),
    WXRImporter(),
    DisqusImporter(),
    RedditImporter(),
    HackerNewsImporter(),
    *SITES,
    TABULAR,
    HTMLImporter(),
    PlainTextImporter(),
]


def importer_named(name: str) -> Importer:
    for importer in IMPORTERS:
        if importer.name == name:
            return importer
    known = ", ".join(i.name for i in IMPORTERS)
    raise ValueError(f"unknown format {name!r} (known: {known})")


def expand(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Files in the order given, folders recursively in name order; hidden entries skipped."""
    for path in paths:
        if path.is_dir():
            yield from _walk(str(path.resolve()))  # resolved once: children come out absolute and real
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or folder")


def _walk(folder: str) -> Iterator[Path | Skipped]:
    """A folder's files depth first in name order, hidden ones and links to folders left out.

    `scandir` knows each entry's type without a `stat`, and a hidden folder is never
    entered: for IMDB's 25k files this is ~5x faster than sorting `rglob("*")`, and the
    workers wait for it before parsing starts.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(folder, f"folder not readable: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_file():
            yield Path(entry.path)


def _sniff(importer: Importer, text: str, path: Path, text_column: str | None) -> bool:
    """`--text-column` lets a table whose text column has an unusual name be recognised.
    The sites' importers see the whole text (a header or first record may be long)."""
    if importer is TABULAR:
        return TABULAR.sniff_with(text, path, text_column)
    if importer in SITES:
        return importer.sniff(text, path)
    return importer.sniff(text[:4096], path)


FieldMap = Mapping[str, str]


def parse_file(
    path: Path, format_name: str | None = None, text_column: str | None = None, field_map: FieldMap | None = None
) -> Parsed:
    """Read, decode, detect and parse one file (a zip: each of its members). Raise InputError with a one-line reason.

    `text_column` (name, or 1-based number) picks the text of CSV/TSV/JSON Lines files;
    `field_map` names the columns of a table for any review field (see `tabular.FIELDS`).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    if format_name is not None:
        importer_named(format_name)  # an unknown name fails before anything is read
    if is_zip(data):

        def member(text: str, where: Path, siblings: Siblings, source: str) -> Parsed:
            return parse_text(text, where, format_name, text_column, field_map, siblings, source)

        return parse_zip(data, path, member)
    try:
        text, _encoding = decode(data)
    except NotText as error:
        raise InputError(path, str(error)) from None
    return parse_text(text, path, format_name, text_column, field_map, FolderSiblings(path.parent), str(path.resolve()))


def parse_text(
    text: str,
    path: Path,
    format_name: str | None,
    text_column: str | None,
    field_map: FieldMap | None,
    siblings: Siblings,
    source: str,
) -> Parsed:
    """Detect (unless `format_name` says) and parse decoded text; `path` may be a zip member's."""
    if format_name is not None:
        importer = importer_named(format_name)
    elif field_map and TABULAR.readable(text, text_column, field_map):
        importer = TABULAR  # a mapping is for tables: it says which columns are what
    else:
        importer = next(i for i in IMPORTERS if _sniff(i, text, path, text_column))
    try:
        if importer is TABULAR:
            return TABULAR.parse_with(text, path, text_column, field_map, source)
        if importer in SITES:
            return importer.parse_in(text, path, siblings, source)
        return importer.parse(text, path)
    except InputError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, csv.Error) as error:
        raise InputError(path, f"not valid {importer.name}: {error}") from None
