"""`tui-reader export`: the library and the user's data as JSON or Markdown, to stdout, a file or a folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tui_reader.cli_library import PROG, UsageError
from tui_reader.cli_output import write_all, write_output
from tui_reader.core.content.text import visible
from tui_reader.core.store import Store, StoreError

if TYPE_CHECKING:
    import argparse

    from tui_reader.core.personal.export import Exported


def _format_for(output: str | None, notes_only: bool) -> str:
    """The export's format when not given: what the file's name says (`notes.md`), Markdown for a
    folder or `--notes-only` (only Markdown has them), else JSON."""
    suffix = Path(output).suffix.lower() if output is not None else ""
    if suffix in (".json", ".jsonl"):
        return "json"  # even with --notes-only: refused, rather than Markdown in a .json file
    folder = output is not None and _is_folder(output)
    return "markdown" if suffix in (".md", ".markdown") or folder or notes_only else "json"


def _is_folder(output: str) -> bool:
    """An existing folder, or a path ending in `/`: the Markdown export writes a file per review there."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def export(store: Store, args: argparse.Namespace) -> int:
    """Exit 1 when a review's text was missing: what there is is written all the same (the notes,
    kept in the user's file, always are), as a backup is needed most when the library is damaged,
    and a backup script learns it is not whole by the status as much as by the line said."""
    from tui_reader.core.personal.export import Exported, json_chunks
    from tui_reader.core.personal.export_markdown import markdown_chunks

    output = None if args.output == "-" else args.output  # `-o -`: standard output, as `note add ID -` reads it
    args.format = args.format or _format_for(output, args.notes_only)
    if args.format == "json" and args.notes_only:
        raise UsageError("--notes-only is for Markdown (the JSON export is the whole backup): --format markdown")
    exported = Exported()
    if output is not None and _is_folder(output):
        if args.format == "json":
            raise UsageError(f"{output} is a folder: the JSON export is one file (-o FILE)")
        _export_folder(store, Path(output), notes_only=args.notes_only, exported=exported)
        return _said(exported, output)
    chunks: Iterator[Any]
    if args.format == "json":
        chunks, binary = json_chunks(store, exported), True
    else:
        chunks = markdown_chunks(store, notes_only=args.notes_only, exported=_today(), counted=exported)
        binary = False
    if output is None:
        if sys.stdout.isatty():  # a terminal gets the same neutralised text as every other view
            chunks = (_for_terminal(chunk) for chunk in chunks)
        target: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        write_all(target, chunks)
        return _said(exported, None)
    write_output(Path(output), chunks, binary=binary)
    return _said(exported, output)


def _said(exported: Exported, output: str | None) -> int:
    """The export's lines on stderr: how many reviews went where, and any whose text was missing (1)."""
    if output is not None:
        print(exported.wrote_line(visible(output, single_line=True)), file=sys.stderr)
    line = exported.missing_line()
    if line is not None:
        print(f"{PROG}: {visible(line, single_line=True)}", file=sys.stderr)
    return 1 if line is not None else 0


def _export_folder(store: Store, folder: Path, *, notes_only: bool, exported: Exported) -> None:
    """One Markdown file per review, each with its own front matter (counted into `exported`)."""
    from tui_reader.core.personal.export_markdown import file_name, review_documents, review_file

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{folder}: cannot create the folder ({error.strerror})") from None
    taken: set[str] = set()
    for document in review_documents(store, notes_only=notes_only, exported=exported):
        write_output(folder / file_name(document, taken), [review_file(document)], binary=False)


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def _for_terminal(chunk: str | bytes) -> str | bytes:
    return visible(chunk.decode()).encode() if isinstance(chunk, bytes) else visible(chunk)
