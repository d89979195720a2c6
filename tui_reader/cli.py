"""The command line: a thin shell over the core. Stable: scripts and tests rely on it.

tui-reader [PATH...]            open the reader, importing PATHs first
tui-reader import PATH...       import files and folders
tui-reader list [--json]        the library
tui-reader show ID [--json]     one review (a unique id prefix is enough)
tui-reader export [--format json|markdown] [-o FILE]
tui-reader subjects [--json]    what the reviews are reviews of
tui-reader subject set ID NAME [--kind K] [--year Y] [--creator C] [--ref R] / subject clear ID
tui-reader remove ID... | --source PATH [--dry-run]   notes on removed reviews are kept aside
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from tui_reader import __version__
from tui_reader.cli_personal import PERSONAL_COMMANDS, json_text
from tui_reader.cli_personal import add_parsers as add_personal_parsers
from tui_reader.cli_subjects import SUBJECT_COMMANDS
from tui_reader.cli_subjects import add_parsers as add_subject_parsers
from tui_reader.core.content.dates import readable_date
from tui_reader.core.content.models import Review, Subject, Summary, walk_comments
from tui_reader.core.content.text import visible
from tui_reader.core.importers import FORMAT_NAMES, InputError, Skipped
from tui_reader.core.personal.export import json_chunks, markdown_chunks, review_to_export
from tui_reader.core.pipeline.importing import (
    MAX_BYTES,
    MAX_REVIEWS,
    ImportReport,
    Progress,
    import_paths,
    seed_if_first_run,
)
from tui_reader.core.store import Store, StoreError, default_data_dir

PROG = "tui-reader"


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the library and your notes live (default: $TUI_READER_HOME, else the user data folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A keyboard-first terminal reader for reviews and their comment threads.",
        epilog="Run without a command to open the reader. "
        "Commands: import, list, show, export, search, subjects, remove.",
        parents=[_common()],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    open_ = commands.add_parser("open", parents=[_common()], help="open the reader (the default)")
    open_.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to import first")
    _add_format(open_)
    import_ = commands.add_parser("import", parents=[_common()], help="import files and folders (recursive)")
    import_.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_format(import_)
    import_.add_argument("--dry-run", action="store_true", help="show what would be imported, store nothing")
    list_ = commands.add_parser("list", parents=[_common()], help="list the reviews")
    list_.add_argument("--json", action="store_true", help="JSON Lines, one review summary per line")
    show = commands.add_parser("show", parents=[_common()], help="print one review and its comments")
    show.add_argument("id", help="review id or a unique prefix of it")
    show.add_argument("--json", action="store_true")
    export = commands.add_parser("export", parents=[_common()], help="export reviews, bookmarks, notes and quotes")
    export.add_argument("--format", choices=("json", "markdown"), default="json")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    export.add_argument("--notes-only", action="store_true", help="only reviews with notes or quotes")
    search = commands.add_parser("search", parents=[_common()], help="find reviews (-- before a leading -word)")
    search.add_argument("query", nargs="+", help='words, "a phrase", -word, author:NAME, is:unread, rating:>=7')
    search.add_argument("--json", action="store_true", help="JSON Lines, one hit per line")
    add_personal_parsers(commands, _common())
    add_subject_parsers(commands, _common())
    _add_remove_parser(commands)
    return parser


def _add_remove_parser(commands: Any) -> None:
    remove = commands.add_parser(
        "remove", parents=[_common()], help="remove reviews, or everything one import brought in (notes are kept)"
    )
    remove.add_argument("ids", nargs="*", metavar="ID", help="review ids or unique prefixes of them")
    remove.add_argument("--source", type=Path, metavar="PATH", help="every review imported from this file or folder")
    remove.add_argument("--dry-run", action="store_true", help="say what would be removed, change nothing")


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


def _normalise(argv: list[str]) -> list[str]:
    """`tui-reader [opts] PATH...` means `tui-reader open PATH...`."""
    known = {"open", "import", "list", "show", "export", "search", "remove", *PERSONAL_COMMANDS, *SUBJECT_COMMANDS}
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--data-dir":
            index += 2
            continue
        if token.startswith("--data-dir="):
            index += 1
            continue
        if token in ("-h", "--help", "--version") or token in known:
            return argv
        return [*argv[:index], "open", *argv[index:]]
    return [*argv, "open"]


def main(argv: list[str] | None = None) -> int:
    # Repairs the core makes on its own (a damaged index segment re-indexed) are logged as
    # warnings: on stderr they read like every other line of ours.
    logging.basicConfig(format=f"{PROG}: %(message)s", level=logging.WARNING)
    args = build_parser().parse_args(_normalise(list(sys.argv[1:] if argv is None else argv)))
    try:
        store = Store(default_data_dir(getattr(args, "data_dir", None)))
        for problem in store.problems:
            print(f"{PROG}: {visible(problem, single_line=True)}", file=sys.stderr)
        if args.command != "import":  # an explicit import is the user's own library, not the default one
            seed_if_first_run(store)
        return COMMANDS[args.command](store, args)
    except (InputError, StoreError, LookupError, UsageError) as error:
        message = error.args[0] if isinstance(error, LookupError) and error.args else str(error)
        print(f"{PROG}: {visible(message, single_line=True)}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except BrokenPipeError:  # `tui-reader list | head`
        sys.stderr.close()
        return 0
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{PROG}: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def cmd_open(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.ui.app import run_app  # Textual loads only when the reader opens

    paths = list(args.paths)
    limits = (args.max_reviews, args.max_bytes, args.follow_links) != (MAX_REVIEWS, MAX_BYTES, False)
    if paths and (args.text_column or args.field_map or limits):  # run_app takes none of these yet: import here first
        _print_report(_import(store, args, paths, None, dry_run=False))
        paths = []
    return run_app(store, paths, args.import_format)


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
    print(report.summary_line())
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
        said = visible(label, single_line=True)
        folder = _common_folder([entry.where for entry in entries])
        if len(entries) > SKIPS_SHOWN and folder not in ("", os.sep):
            yield f"  {'' if is_note else 'skipped '}{len(entries)} in {visible(folder, single_line=True)}: {said}"
            continue
        for entry in entries:
            where = visible(entry.where, single_line=True)
            yield f"  {where}: {said}" if is_note else f"  skipped {where}: {said}"


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
        print(f"{where}: {parsed.format}, {len(parsed.reviews)} reviews, {comments} comments{tail}")
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


def cmd_list(store: Store, args: argparse.Namespace) -> int:
    library = store.library
    out = sys.stdout
    overrides = store.subject_overrides()  # read once, not a stat of the user file a row
    for position in range(len(library)):
        summary = library.summary(position)
        if summary.id in overrides:
            summary = store.summary(position)
        if args.json:
            out.write(json_text(_summary_doc(store, position, summary)))
        else:
            title = visible(summary.title, single_line=True)
            about = "  ".join(visible(part, single_line=True) for part in _about_summary(summary))
            tail = f"  · {about}" if about else ""
            out.write(f"{summary.id[:10]}  {summary.comment_count:>4}  {title}{tail}\n")
    return 0


def _summary_doc(store: Store, position: int, summary: Summary) -> dict[str, Any]:
    """A `list --json` line: the row, with the effective subject as an object and the tags,
    all from the catalog (no shard is opened)."""
    doc = summary._asdict()
    del doc["subject_key"], doc["kind"]
    library = store.library
    subject = store.subject_overrides().get(summary.id) or library.subject_at(position)
    doc["subject"] = subject.to_doc() if subject is not None else None
    doc["tags"] = list(library.tags_at(position))
    return doc


def _about_summary(summary: Summary) -> list[str]:
    return _about(summary.subject, summary.rating, summary.rating_max, summary.recommended)


def _about(subject: str | None, rating: float | None, rating_max: float | None, recommended: bool | None) -> list[str]:
    """What a review is about and what it says of it, compactly: `Her (2013)`, `★★★★☆ 4/5`, `recommended`."""
    from tui_reader.core.content.ratings import rating_text, recommended_text

    parts = [subject, rating_text(rating, rating_max), recommended_text(recommended)]
    return [part for part in parts if part]


def cmd_show(store: Store, args: argparse.Namespace) -> int:
    review_id = store.library.resolve(args.id)
    review = store.library.get(review_id)
    if review is None:
        raise LookupError(f"review {review_id} is listed but its text is missing; re-import its source")
    override = store.subject_overrides().get(review_id)
    if args.json:
        sys.stdout.write(json_text(review_to_export(review, override), indent=True))
        return 0
    lines = [review.title]
    if review.subtitle:
        lines.append(f"“{review.subtitle}”")
    lines += [_show_meta(review, override or review.subject), ""]
    for paragraph in review.paragraphs:
        lines += [paragraph, ""]
    if review.comments:
        lines += [f"── {review.comment_count} comments ──", ""]
        for depth, comment in walk_comments(review.comments):
            author = f"{comment.author}: " if comment.author else ""
            when = f" ({readable_date(comment.date)})" if comment.date else ""
            body = comment.body.replace("\n", "\n" + "  " * depth + "  ")  # later paragraphs stay indented
            lines.append(f"{'  ' * depth}• {author}{body}{when}")
    sys.stdout.write(visible("\n".join(lines)) + "\n")
    return 0


def _show_meta(review: Review, subject: Subject | None) -> str:
    """`Her (2013) · film · ★★★★☆ 4/5 · recommended · 12 votes · spoilers · author · date · source`."""
    about = _about(subject.label if subject else None, review.rating, review.rating_max, review.recommended)
    if subject is not None:
        about[1:1] = [part for part in (subject.kind, f"by {subject.creator}" if subject.creator else None) if part]
    extra = [f"{review.votes} vote{'s' * (review.votes != 1)}" if review.votes is not None else None]
    extra += [
        "spoilers" if review.spoiler else None,
        review.author,
        readable_date(review.date) if review.date else None,
    ]
    tags = [f"#{tag}" for tag in review.tags]
    return " · ".join([*about, *(e for e in extra if e), review.where, *tags])


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    if args.format == "json":
        if args.notes_only:
            raise UsageError("--notes-only goes with --format markdown")
        chunks: Iterator[Any] = json_chunks(store)
        binary = True
    else:
        chunks = markdown_chunks(store, notes_only=args.notes_only)
        binary = False
    if args.output is None:
        if sys.stdout.isatty():  # a terminal gets the same neutralised text as every other view
            chunks = (_for_terminal(chunk) for chunk in chunks)
        target: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        _write_all(target, chunks)
        return 0
    tmp = args.output.with_name(args.output.name + ".partial")
    try:
        with open(tmp, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            _write_all(handle, chunks)
        tmp.replace(args.output)
    except OSError as error:
        raise StoreError(f"{args.output}: cannot write ({error.strerror})") from None
    return 0


def _for_terminal(chunk: str | bytes) -> str | bytes:
    return visible(chunk.decode()).encode() if isinstance(chunk, bytes) else visible(chunk)


def _write_all(handle: IO[Any], chunks: Iterator[Any]) -> None:
    for chunk in chunks:
        handle.write(chunk)
    handle.flush()


def cmd_search(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.search import QueryError, SearchIndex

    try:
        hits = SearchIndex.open(store).search(" ".join(args.query), check_budget=None)
    except QueryError as error:
        raise UsageError(str(error)) from None
    library, out = store.library, sys.stdout
    for hit in hits:
        summary = library.summary(hit.position)
        if args.json:
            doc = {"id": hit.review_id, "title": summary.title, "comments": summary.comment_count, **asdict(hit)}
            out.write(json_text(doc))
        else:
            title = visible(summary.title, single_line=True)
            out.write(f"{hit.review_id[:10]}  {summary.comment_count:>4}  {title}  — {hit.snippet}\n")
    if not hits:  # said on stderr, so scripts reading stdout still get nothing
        print(f"{PROG}: no review matches {visible(' '.join(args.query), single_line=True)}", file=sys.stderr)
    return 0 if hits else 1  # as grep: scripts can test for "found"


def cmd_remove(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.pipeline import removal

    if bool(args.ids) == (args.source is not None):
        raise UsageError("remove takes review ids or --source PATH (one of the two)")
    if args.source is not None:
        plan = removal.plan_source(store, args.source)
        where = visible(removal.source_names(args.source)[0], single_line=True)
        if not plan.ids:
            raise LookupError(f"nothing in the library was imported from {where}")
    else:
        plan = removal.plan_ids(store, args.ids)
        where = "the library"
    if args.dry_run:
        print(f"would remove {removal.describe(plan, where)}")
        return 0
    done = removal.remove(store, plan)
    plan = plan._replace(ids=done.removed.ids, comments=done.removed.comments)  # another process may have been first
    print(f"removed {removal.describe(plan, where)}")
    return 0


COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "open": cmd_open,
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "export": cmd_export,
    "search": cmd_search,
    "remove": cmd_remove,
    **PERSONAL_COMMANDS,
    **SUBJECT_COMMANDS,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
