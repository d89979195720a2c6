"""The importers in detection order (made from `importers.FORMATS`), the folder walk and `parse_file`
(loaded on the first import).

Importers are tried in `IMPORTERS` order by sniffing the decoded text; plain text
is the fallback and matches anything, but what is no text (`unclaimed`: a JSON
document, a file named JSON that is not, a file named CSV without a text column,
XML no format reads) is refused. `--format` picks one by name.
"""

from __future__ import annotations

import csv
import errno
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Protocol, cast

from tui_reader.core.importers import FORMATS, bigfile
from tui_reader.core.importers.archive import is_zip, parse_zip, unread_archive
from tui_reader.core.importers.base import Importer, InputError, Parsed, Skipped
from tui_reader.core.importers.bigfile import LineStreaming, TooBig, decoding_notes
from tui_reader.core.importers.decode import NotText, decode_text
from tui_reader.core.importers.labels import FORMAT_LABELS
from tui_reader.core.importers.sites import FolderSiblings, Siblings
from tui_reader.core.importers.tabular import TabularImporter
from tui_reader.core.importers.unclaimed import headerless_table, refusal

# Largest single file read into memory: beyond this a clear message beats a swap storm.
MAX_FILE_BYTES = 100 * 1024 * 1024


class SiteImporter(Importer, Protocol):
    """A review site's export: recognised by its headers and keys, read as far as it takes (not a
    4 KB head), and given the files beside the one parsed (a profile, a business list, product titles)."""

    def parse_in(self, text: str, path: Path, siblings: Siblings, source: str) -> Parsed: ...


class StreamingImporter(Importer, Protocol):
    """A format of files too big to make every review at once (SNAP's Amazon dumps): its reviews
    come in chunks, each made when the import asks for it, as a table's do (`stream_text`)."""

    def stream(self, text: str, path: Path, source: str) -> Iterator[Parsed]: ...


def _importer(name: str, where: str) -> Importer:
    module, class_name = where.split(".")
    importer: Importer = getattr(import_module(f"tui_reader.core.importers.{module}"), class_name)()
    if importer.name != name:
        raise RuntimeError(f"FORMATS says {where} reads {name!r}, the class says {importer.name!r}")
    return importer


# Most specific first (see `FORMATS`): our export and the JSON APIs before the sites' files,
# those before generic tables (JSON Lines, CSV), tables before plain text.
IMPORTERS: list[Importer] = [_importer(name, where) for name, where in FORMATS]
TABULAR = next(importer for importer in IMPORTERS if isinstance(importer, TabularImporter))
SITES: list[SiteImporter] = [cast(SiteImporter, i) for i in IMPORTERS if hasattr(i, "parse_in")]


_SITE_BY_ID = {id(site): site for site in SITES}
_STREAMING = {id(i): cast(StreamingImporter, i) for i in IMPORTERS if i is not TABULAR and hasattr(i, "stream")}
_LINE_STREAMING = {id(i): cast(LineStreaming, i) for i in IMPORTERS if hasattr(i, "stream_lines")}
_BY_LINES = [i for i in IMPORTERS if id(i) in _LINE_STREAMING]  # the formats a file over the limit may be


def _site(importer: Importer) -> SiteImporter | None:
    """The importer as a site's, or None: asked for every file parsed (a dict, not a walk of SITES)."""
    return _SITE_BY_ID.get(id(importer))


# The importers whose `sniff` sees the whole text (see `_sniff`), by identity: asked for each
# importer for each file, so looked up once here.
_SNIFF_WHOLE = frozenset(id(i) for i in IMPORTERS if _site(i) is not None or getattr(i, "reads_whole", False))


def importer_named(name: str) -> Importer:
    for importer in IMPORTERS:
        if importer.name == name:
            return importer
    known = ", ".join(i.name for i in IMPORTERS)
    raise ValueError(f"unknown format {name!r} (known: {known})")


def expand(paths: Iterable[Path], *, follow_links: bool = False) -> Iterator[Path | Skipped]:
    """Files in the order given, folders recursively in name order; hidden entries skipped.

    Inside a folder, a link to a file in that folder is read; a link that leads out
    of it is skipped with a reason unless `follow_links` (then linked folders are
    walked too, each once); a link loop or a broken link is skipped with a reason.
    """
    for path in paths:
        if path.is_dir():
            root = str(path.resolve())  # resolved once: children come out absolute and real
            found = False
            for found_here in _walk(root, _Walk(root, follow_links, set())):
                found = True
                yield found_here
            if not found:
                yield Skipped(str(path), "no files in this folder (hidden ones are left out)")
        elif path.is_file():
            yield path
        elif os.path.islink(path):
            yield Skipped(str(path), _broken_link(path))
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or folder")


@dataclass(slots=True)
class _Walk:
    root: str  # the folder asked for, resolved: links may lead anywhere inside it
    follow_links: bool
    seen: set[tuple[int, int]]  # with follow_links, folders walked (device, inode): each is walked once


def _walk(folder: str, walk: _Walk) -> Iterator[Path | Skipped]:
    """A folder's files depth first in name order, hidden ones left out, links as `_link` says.

    `scandir` knows each entry's type without a `stat`, and a hidden folder is never
    entered: for IMDB's 25k files this is ~5x faster than sorting `rglob("*")`, and the
    workers wait for it before parsing starts.
    """
    try:
        if walk.follow_links:  # links may lead back to a folder already walked (or being walked)
            status = os.stat(folder)
            if (status.st_dev, status.st_ino) in walk.seen:
                return
            walk.seen.add((status.st_dev, status.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(folder, f"folder not readable: {error.strerror or error}")
        return
    here = Path(folder)  # each file's Path made from it: `here / name` costs a quarter of `Path(entry.path)`
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            yield from _link(entry, walk)
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, walk)
        elif entry.is_file(follow_symlinks=False) and _about_the_folder(entry.name):
            yield Skipped(entry.path, FOLDER_NOTE)
        elif entry.is_file(follow_symlinks=False):
            yield here / entry.name


def _about_the_folder(name: str) -> bool:
    """A README, LICENSE, CHANGELOG or a repository's other housekeeping (`SOURCES.md`, `CONTRIBUTING.md`)
    met in a folder walk, as text (no extension, or a text one: a `sources.csv` may hold rows): it
    describes the folder (IMDB's dataset has one, the corpora folder its SOURCES.md), it is no review.
    Named on the command line, it is imported as any file."""
    stem, dot, extension = name.partition(".")
    return stem.upper() in _FOLDER_NOTES and (not dot or extension.lower() in _TEXT_EXTENSIONS)


FOLDER_NOTE = "the folder's own README, LICENSE or other notes, not a review"
_FOLDER_NOTES = frozenset(
    (
        *("README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "NOTICE", "AUTHORS", "CONTRIBUTORS"),
        *("CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "SOURCES", "CITATION"),
    )
)
_TEXT_EXTENSIONS = frozenset(("md", "markdown", "txt", "text", "rst", "adoc", "org", "html", "htm", "cff"))


def _link(entry: os.DirEntry[str], walk: _Walk) -> Iterator[Path | Skipped]:
    """A link met in a folder walk: read when it stays inside the folder, else skipped and said why."""
    try:
        target = os.path.realpath(entry.path, strict=True)
        is_dir = os.path.isdir(target)
    except OSError:
        yield Skipped(entry.path, _broken_link(Path(entry.path)))
        return
    inside = os.path.commonpath([walk.root, target]) == walk.root
    if not inside and not walk.follow_links:
        kind = "folder" if is_dir else "file"
        yield Skipped(entry.path, f"link to a {kind} outside the imported folder (--follow-links follows it)")
    elif not is_dir:
        if os.path.isfile(target):
            yield Path(entry.path)
    elif not inside:  # followed; a linked folder inside is left out: it is walked as itself
        yield from _walk(entry.path, walk)


def _broken_link(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"broken link ({error.strerror or error})"
    return "link not readable"


# The formats that claim only a structure: text opening with `{`, `[` or `<` (after spaces and a
# BOM), or a table or SNAP's blocks of fields, which are never one line. One line that opens none (each
# of IMDB's 25k files is one line, breaks as <br /> tags) is asked only of the others, which look at its
# words: half the sniffs, a third of the parsing's CPU there. A property test checks both pick the same format.
_STRUCTURE_ONLY = frozenset(
    ("tui-reader", "reddit", "hackernews", "amazon", "yelp", "amazon-text", "table", "hnpage", "html")
)
_FOR_A_PROSE_LINE = [importer for importer in IMPORTERS if importer.name not in _STRUCTURE_ONLY]
_OPENS_STRUCTURE = re.compile(r"[\s\ufeff]*[\[{<]")


def detect(text: str, path: Path, text_column: str | None) -> Importer:
    """The first format in `IMPORTERS` whose sniff claims the text (plain text claims anything)."""
    one_line = "\n" not in text.rstrip("\r\n")
    candidates = _FOR_A_PROSE_LINE if one_line and _OPENS_STRUCTURE.match(text) is None else IMPORTERS
    return next(importer for importer in candidates if _sniff(importer, text, path, text_column))


def _sniff(importer: Importer, text: str, path: Path, text_column: str | None) -> bool:
    """`--text-column` lets a table whose text column has an unusual name be recognised.
    The sites' importers, and any marked `reads_whole`, see the whole text (a header or first
    record may be long)."""
    if importer is TABULAR:
        return TABULAR.sniff_with(text, path, text_column)
    if id(importer) in _SNIFF_WHOLE:
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
    return _whole(parse_stream(path, format_name, text_column, field_map))


def parse_stream(
    path: Path, format_name: str | None = None, text_column: str | None = None, field_map: FieldMap | None = None
) -> Iterator[Parsed]:
    """`parse_file` as the import uses it: a table's reviews come in chunks, each made when it is
    asked for (a small file can hold millions of rows), and a `StreamingImporter`'s; any other
    format comes in one piece.
    Every chunk is a `Parsed` of the file; what was skipped comes with the last."""
    if format_name is not None:
        importer_named(format_name)  # an unknown name fails before anything is read
    try:
        data = _read(path)
    except TooBig as refused:
        yield from _big(path, format_name, refused)
        return
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    if is_zip(data):

        def member(text: str, where: Path, siblings: Siblings, source: str) -> Parsed:
            return _whole(stream_text(text, where, format_name, text_column, field_map, siblings, source))

        yield parse_zip(data, path, member)
        return
    if (archive := unread_archive(data)) is not None:
        raise InputError(path, archive)
    try:
        decoded = decode_text(data)
    except NotText as error:
        raise InputError(path, str(error)) from None
    chunks = stream_text(decoded.text, path, format_name, text_column, field_map, None, None)
    first = next(chunks)
    first.skipped.extend(decoding_notes(decoded, path))
    yield first
    yield from chunks


def _read(path: Path) -> bytes:
    """The file's bytes, refused over MAX_FILE_BYTES before any is read. One open, one `fstat` and
    one read for most files (`stat` then `read_bytes` opened, looked and read through a buffer)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_FILE_BYTES:
            raise TooBig(path, f"file is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
        data = os.read(fd, size + 1)
        if len(data) > size:  # it grew since: read on to its end, as `read_bytes` does
            parts = [data]
            while more := os.read(fd, 2**20):
                parts.append(more)
            data = b"".join(parts)
        return data
    finally:
        os.close(fd)


def _big(path: Path, format_name: str | None, refused: TooBig) -> Iterator[Parsed]:
    """A file over the limit, read in blocks when its format reads lines (`bigfile`); else refused."""
    try:
        head = bigfile.head_text(path)
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    if head is not None:
        for importer in [importer_named(format_name)] if format_name else _BY_LINES:
            if (by_lines := _LINE_STREAMING.get(id(importer))) is not None and by_lines.sniff(head, path):
                try:
                    yield from bigfile.streamed(by_lines, path)
                except OSError as error:
                    raise InputError(path, error.strerror or str(error)) from None
                return
    raise refused


def stream_text(
    text: str,
    path: Path,
    format_name: str | None,
    text_column: str | None,
    field_map: FieldMap | None,
    siblings: Siblings | None,
    source: str | None,
) -> Iterator[Parsed]:
    """Detect (unless `format_name` says) and parse decoded text; `path` may be a zip member's.
    `source` None: the file's resolved path, made only for the formats that record it (plain text
    does not: resolving cost ~38 µs a file, ~1 s of CPU over IMDB's 25k files). `siblings` None:
    the files of the path's folder, looked at only by the sites' formats."""
    if format_name is not None:
        importer = importer_named(format_name)
    elif field_map and TABULAR.readable(text, text_column, field_map):
        importer = TABULAR  # a mapping is for tables: it says which columns are what
    else:
        importer = detect(text, path, text_column)
        if importer.name == "text" and (why := refusal(text, path, text_column)) is not None:
            raise InputError(path, why)  # what no format claimed and is no text (`unclaimed`)
    forced = format_name is not None
    try:
        if importer is TABULAR:
            yield from TABULAR.stream_with(text, path, text_column, field_map, source or str(path.resolve()))
            return
        if (streaming := _STREAMING.get(id(importer))) is not None:
            yield from streaming.stream(text, path, source or str(path.resolve()))
            return
        if (site := _site(importer)) is not None:
            beside = siblings if siblings is not None else FolderSiblings(path.parent)
            parsed = site.parse_in(text, path, beside, source or str(path.resolve()))
        else:
            parsed = importer.parse(text, path)
    except InputError:
        if forced and (why := _not_this(importer, text, path, text_column)) is not None:
            raise InputError(path, why) from None
        raise
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, csv.Error) as error:
        why = _not_this(importer, text, path, text_column) if forced else None
        raise InputError(path, why or f"not valid {importer.name}: {error}") from None
    if forced and not parsed.reviews and (why := _not_this(importer, text, path, text_column)) is not None:
        raise InputError(path, why)  # `--format steam` on a Goodreads export: "1,197 Steam reviews without text"
    yield parsed


def _not_this(importer: Importer, text: str, path: Path, text_column: str | None) -> str | None:
    """Why a file read as the format forced on it gave nothing: it is not one, and looks like another
    (`not a Steam export (it looks like a Goodreads export)`). None when the format claims it: its
    own reason, or what it skipped, says more. Asked only once the forced format found no review:
    a format forced on a file its sniff misses, but that it reads, is what `--format` is for. A
    table's own reason is kept: it names the columns looked for, and `--text-column`."""
    if importer is TABULAR or _sniff(importer, text, path, text_column):
        return None
    looks = detect(text, path, text_column)
    label = FORMAT_LABELS[looks.name]
    if looks.name == "text" and headerless_table(text):
        label = "a table without its header row"
    return f"not {FORMAT_LABELS[importer.name]} (it looks like {label})"


def _whole(chunks: Iterator[Parsed]) -> Parsed:
    """A streamed file's chunks as one `Parsed`."""
    parsed = next(chunks)
    for more in chunks:
        parsed.reviews.extend(more.reviews)
        parsed.skipped.extend(more.skipped)
        parsed.older_ids.update(more.older_ids)
    return parsed
