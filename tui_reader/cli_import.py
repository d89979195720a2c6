"""Import commands: `open` (the reader, importing PATHs first) and `import`, with their options."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.cli_library import PROG
from tui_reader.core.content.text import plural, visible
from tui_reader.core.importers import FORMAT_NAMES
from tui_reader.core.pipeline.limits import MAX_BYTES, MAX_REVIEWS
from tui_reader.core.store import Store

if TYPE_CHECKING:
    from tui_reader.core.importers import Skipped
    from tui_reader.core.pipeline.importing import ImportReport, Progress


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    open_ = commands.add_parser("open", parents=[common], help="open the reader (the default)")
    open_.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to import first")
    _add_format(open_)
    open_.add_argument("--refresh", action="store_true", help="refresh the followed sources once the reader is open")
    import_ = commands.add_parser("import", parents=[common], help="import files and folders (recursive)")
    import_.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_format(import_)
    import_.add_argument("--dry-run", action="store_true", help="show what would be imported, store nothing")


def _add_format(parser: argparse.ArgumentParser) -> None:
    names = list(FORMAT_NAMES)
    parser.add_argument("--format", dest="import_format", choices=names, help="skip detection, read as this format")
    parser.add_argument(
        "--text-column", metavar="NAME", help="CSV/TSV/JSON Lines: the column or key holding the text (or its number)"
    )
    parser.add_argument(
        "--map",
        dest="field_map",
        metavar="FIELD=COLUMN[,...]",
        action="append",
        type=_field_map,
        help="tables: which column is which field, e.g. subject=hotelName,rating=Stars,date=ratingDate",
    )
    parser.add_argument(
        "--max-reviews",
        type=_positive,
        default=MAX_REVIEWS,
        metavar="N",
        help=f"stop one import after N reviews (default {MAX_REVIEWS})",
    )
    parser.add_argument(
        "--max-bytes",
        type=_size,
        default=MAX_BYTES,
        metavar="SIZE",
        help=f"stop one import before reading more than SIZE of files, e.g. 500M, 4G (default {MAX_BYTES // 2**30}G)",
    )
    parser.add_argument("--follow-links", action="store_true", help="follow links that lead out of an imported folder")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def _size(value: str) -> int:
    """'4G', '500M', '1.5G', '1000000' (bytes)."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    unit = text[-1:] if text[-1:] in _UNITS else ""
    try:
        number = float(text[: len(text) - len(unit)]) * _UNITS[unit]
    except ValueError:
        number = 0
    if not 1 <= number < 2**63:
        raise argparse.ArgumentTypeError(f"not a size (like 500M or 4G): {value!r}")
    return int(number)


def cmd_open(store: Store, args: argparse.Namespace) -> int:
    paths = list(args.paths)
    if (
        not paths and store.first_run
    ):  # a new, empty library opens on the bundled seeds: once, never over the user's own
        from tui_reader.core.pipeline.importing import seed_if_first_run  # the pipeline loads only to import

        seed_if_first_run(store)
    limits = (args.max_reviews, args.max_bytes, args.follow_links) != (MAX_REVIEWS, MAX_BYTES, False)
    if paths and (args.text_column or args.field_map or limits):  # run_app takes none of these yet: import here first
        _print_report(_import(store, args, paths, None, dry_run=False))
        paths = []
    # No collections until the first frame (ReaderApp enables them once it is drawn): importing
    # Textual and the reader builds many objects and no garbage (start-up tuning kept: ~13 ms).
    gc.disable()
    from tui_reader.ui.app import run_app  # Textual loads only when the reader opens

    return run_app(store, paths, args.import_format, refresh=args.refresh)


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    with _progress_bar() as progress:
        report = _import(store, args, args.paths, progress, dry_run=args.dry_run)
    if args.dry_run:
        _print_dry_run(report)
    _print_report(report)
    return 0 if report.ok else 1


def _import(
    store: Store, args: argparse.Namespace, paths: list[Path], progress: Progress | None, *, dry_run: bool
) -> ImportReport:
    from tui_reader.core.pipeline.importing import import_paths

    return import_paths(
        store,
        paths,
        format_name=args.import_format,
        progress=progress,
        dry_run=dry_run,
        text_column=args.text_column,
        field_map=_merged_maps(args.field_map),
        max_reviews=args.max_reviews,
        max_bytes=args.max_bytes,
        follow_links=args.follow_links,
    )


def _print_report(report: ImportReport) -> None:
    print(visible(report.summary_line(), single_line=True))  # reasons and names carry a file's words
    for line in _skip_lines(report.skipped):
        print(line, file=sys.stderr)
    stop = report.stopped
    if stop is not None:
        where = visible(stop.where, single_line=True)
        print(f"{PROG}: {where}: {stop.reason}; use {stop.option} to raise it", file=sys.stderr)


SKIPS_SHOWN = 3  # more entries of one reason than this are said in one line, with where they are


def _skip_lines(skipped: list[Skipped]) -> Iterator[str]:
    """One line per skip or note; many of one reason (a Letterboxd export's 48 deleted files) in one."""
    groups: dict[tuple[bool, str], list[Skipped]] = {}
    for entry in skipped:
        groups.setdefault((entry.is_note, entry.label), []).append(entry)
    for (is_note, label), entries in groups.items():
        said = visible(_left_out(entries[0]) if entries[0].count else label, single_line=True)
        verb = "" if is_note else "left out of " if entries[0].count else "skipped "
        folder = _common_folder([entry.where for entry in entries])
        if len(entries) > SKIPS_SHOWN and folder not in ("", os.sep):
            counted = plural(len(entries), "file") if entries[0].count else str(len(entries))
            if entries[0].count:  # each file's count, summed
                said = visible(_left_out(replace(entries[0], count=sum(e.items for e in entries))), single_line=True)
            yield f"  {verb}{counted} in {visible(folder, single_line=True)}: {said}"
            continue
        for entry in entries:
            yield f"  {verb}{visible(entry.where, single_line=True)}: {said}"


def _left_out(entry: Skipped) -> str:
    """Items left out of a file that was imported ("pingback comments (3)"): said as such, where
    "skipped FILE" read as if the whole file was."""
    return f"{entry.reason.removesuffix(' skipped').removesuffix(' not imported')} ({entry.count})"


def _common_folder(paths: list[str]) -> str:
    """The folder the paths share, '' when none (absolute beside relative, or nothing in common)."""
    try:
        return os.path.commonpath([os.path.abspath(path) for path in paths])
    except ValueError:  # paths on different drives
        return ""


def _print_dry_run(report: ImportReport) -> None:
    for parsed in report.per_file:
        if not parsed.reviews:  # what it skipped is said with the summary
            continue
        comments = sum(review.comment_count for review in parsed.reviews)
        where = visible(parsed.path, single_line=True)
        skipped = "; ".join(visible(s.reason, single_line=True) for s in parsed.skipped)
        tail = f"; skipped: {skipped}" if skipped else ""
        print(f"{where}: {parsed.format}, {plural(len(parsed.reviews), 'review')}, {plural(comments, 'comment')}{tail}")
        if parsed.mapping:  # which column would become which field (--map changes it)
            columns = ", ".join(f"{name}={column}" for name, column in parsed.mapping.items())
            print(f"  columns: {visible(columns, single_line=True)}")


@contextmanager
def _progress_bar() -> Iterator[Progress | None]:
    """A progress bar on stderr, only when stderr is a terminal (scripts get clean output)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    with RichProgress(
        BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("import", total=None)

        def advance(done: int, total: int, _path: str) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _field_map(value: str) -> dict[str, str]:
    """`subject=hotelName,rating=Stars`: one --map's pairs (argparse turns a ValueError into one line)."""
    pairs = [pair.partition("=") for pair in value.split(",") if pair.strip()]
    if not pairs or any(not sep or not field.strip() or not column.strip() for field, sep, column in pairs):
        raise argparse.ArgumentTypeError(f"{value!r} is not FIELD=COLUMN[,FIELD=COLUMN...]")
    return {field.strip(): column.strip() for field, _, column in pairs}


def _merged_maps(maps: list[dict[str, str]] | None) -> dict[str, str] | None:
    return {field: column for one in maps for field, column in one.items()} if maps else None


IMPORT_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {"open": cmd_open, "import": cmd_import}
