"""A file over the in-memory limit (`registry.MAX_FILE_BYTES`), read a block at a time by a format
whose reviews need nothing but their own lines: SNAP's Amazon dumps (`finefoods.txt` is 354 MB, the
2013 dumps by category up to gigabytes). Each block ends at a line end and is decoded on its own
evidence, as a whole file is (`decode`); the reviews come in chunks as the import asks for them, so
memory holds a block and a chunk, never the file. Any other format over the limit is refused, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from tui_reader.core.importers.base import Importer, InputError, Parsed, Skipped
from tui_reader.core.importers.decode import Decoded, NotText, decode_text

BLOCK_BYTES = 16 * 2**20  # read and decoded at a time
HEAD_BYTES = 64 * 2**10  # what the format is told from
MAX_LINE_BYTES = 100 * 2**20  # a "line" longer than this is no dump of reviews a line each


class LineStreaming(Importer, Protocol):
    """A format read line by line: its reviews in chunks, from the lines of a text or of a big file."""

    def stream_lines(self, lines: Iterator[str], path: Path, source: str) -> Iterator[Parsed]: ...


class TooBig(InputError):
    """A file over the in-memory limit: refused, unless a `LineStreaming` format reads it in blocks."""


def text_lines(text: str) -> Iterator[str]:
    """The text's lines one at a time: a list of a big dump's lines would hold it twice over."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end
        yield text[start:end]
        start = end + 1


def head_text(path: Path) -> str | None:
    """The file's first bytes as text, to tell its format from; None when they are no text or in
    an encoding a block cannot be read in alone (UTF-16 and UTF-32: only the first block has a mark)."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    head = head[: head.rfind(b"\n") + 1] or head
    try:
        decoded = decode_text(head)
    except NotText:
        return None
    return None if decoded.encoding.startswith(("utf-16", "utf-32")) else decoded.text


def streamed(importer: LineStreaming, path: Path) -> Iterator[Parsed]:
    """The big file's reviews in chunks; how it was decoded (a weak guess, bytes replaced) said with the last."""
    notes: dict[str, Skipped] = {}
    chunks = importer.stream_lines(file_lines(path, notes), path, str(path.resolve()))
    held = next(chunks)
    for chunk in chunks:
        yield held
        held = chunk
    held.skipped.extend(notes.values())
    yield held


def file_lines(path: Path, notes: dict[str, Skipped]) -> Iterator[str]:
    """The file's lines, a block at a time; `notes` gets what its decoding should say, once each."""
    with open(path, "rb") as handle:
        rest, read = b"", 0
        while True:
            block = handle.read(BLOCK_BYTES)
            data = rest + block
            end = len(data) if not block else data.rfind(b"\n") + 1
            if block and not end:  # no line end in the block: read on, within reason
                if len(data) > MAX_LINE_BYTES:
                    raise InputError(path, f"a line longer than {MAX_LINE_BYTES // 2**20} MB: no dump of reviews")
                rest = data
                continue
            data, rest = data[:end], data[end:]
            if data.strip():
                try:
                    decoded = decode_text(data)
                except NotText as error:
                    raise InputError(path, f"{error}, after its first {read:,} bytes") from None
                for note in decoding_notes(decoded, path):
                    notes.setdefault(note.reason, note)
                yield from text_lines(decoded.text)
            read += end
            if not block:
                return


def decoding_notes(decoded: Decoded, path: Path) -> list[Skipped]:
    """What the summary should say of how a file was decoded: a weak guess, bytes replaced."""
    notes = []
    if decoded.weak:
        notes.append(Skipped(str(path), f"encoding a weak guess ({decoded.encoding})", 0))
    if decoded.replaced:
        notes.append(Skipped(str(path), "undecodable bytes replaced", 0))
    return notes
