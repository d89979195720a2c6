"""The command line: a thin shell over the core. Stable: scripts and tests rely on it.

tui-reader [PATH...]            open the reader, importing PATHs first
tui-reader import PATH...       import files and folders
tui-reader list [--json]        the library
tui-reader show ID... [--json]  reviews (a unique id prefix is enough)
tui-reader search QUERY...      find reviews
tui-reader export [--format json|markdown] [-o FILE|DIR]
tui-reader bookmark ID... / note add|edit|delete / notes / quotes   your own layer
tui-reader subjects [--json]    what the reviews are reviews of
tui-reader subject set ID NAME [--kind K] [--year Y] [--creator C] [--ref R] / subject clear ID
tui-reader remove ID... | --source PATH | --gone PATH [--dry-run]   notes on removed reviews are kept aside

Each group of commands lives in its own module with an `add_parsers(commands, common)` and a
name -> function table; `COMMAND_GROUPS` below is the one place they are registered, by name:
a command imports only its own group.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from importlib import import_module
from itertools import islice
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from tui_reader import __version__
from tui_reader.cli_library import PROG, SEARCH_FLAGS, UsageError
from tui_reader.core.content.text import visible
from tui_reader.core.store import Store, StoreError, default_data_dir

if TYPE_CHECKING:  # argparse is imported when a parser is built: `search` reads its plain words without it
    import argparse

Command = Callable[[Store, "argparse.Namespace"], int]
AddParsers = Callable[[Any, "argparse.ArgumentParser"], None]


class Group(NamedTuple):
    """A group of commands: its module, the names there of its parser adder and of its
    name -> function table, and its commands' names (a test checks they match the table)."""

    module: str
    add_parsers: str
    table: str
    names: tuple[str, ...]

    def load(self) -> tuple[AddParsers, dict[str, Command]]:
        module = import_module(self.module)
        return getattr(module, self.add_parsers), getattr(module, self.table)


# Every command group, the one place they are registered (a new group is one line here). Named,
# not imported: a command imports only its own group (`search` skipped the import pipeline and
# the exporters, 40-50 ms of its 100 ms before the query: `python -X importtime`).
COMMAND_GROUPS: tuple[Group, ...] = (
    Group("tui_reader.cli_import", "add_parsers", "IMPORT_COMMANDS", ("open", "import")),
    Group("tui_reader.cli_library", "add_parsers", "LIBRARY_COMMANDS", ("list", "show", "export", "search", "remove")),
    Group("tui_reader.cli_personal", "add_parsers", "PERSONAL_COMMANDS", ("bookmark", "note", "notes", "quotes")),
    Group("tui_reader.cli_subjects", "add_parsers", "SUBJECT_COMMANDS", ("subjects", "subject")),
    Group("tui_reader.cli_sources", "register", "SOURCE_COMMANDS", ("follow", "refresh", "sources", "unfollow")),
)
COMMANDS: dict[str, Group] = {name: group for group in COMMAND_GROUPS for name in group.names}
# Commands that only read: on a new folder they say the library is empty (on stderr: their output stays
# clean for scripts) and never import the seeds; `show` says it in its error.
SAY_EMPTY = frozenset({"list", "search", "export", "subjects"})
# Commands that print the core's repair lines themselves (`say=`): logging is not imported for them.
SAY_THEIR_OWN = frozenset({"search"})
EMPTY = f"the library is empty: `{PROG} import PATH` adds reviews"
# Commands that only read: a data folder that does not exist is said (a mistyped `--data-dir` looked
# like an empty library, exit 0), and not made. The others (import, follow, note add, bookmark...) make it.
READ_ONLY = frozenset({"list", "show", "search", "notes", "quotes", "subjects", "sources", "export"})


def _common() -> argparse.ArgumentParser:
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the library and your notes live (default: $TUI_READER_HOME, else the user data folder)",
    )
    return common


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with `command` only of its group (the others not imported)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A keyboard-first terminal reader for reviews and their comment threads.",
        epilog=f"Run without a command to open the reader. Commands: {', '.join(COMMANDS)}. "
        f"`{PROG} COMMAND --help` for one command's options.",
        parents=[_common()],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS if command is None else (COMMANDS[command],):
        group.load()[0](commands, _common())
    return parser


def _after_options(argv: list[str]) -> int:
    """Where the command (or the first path) stands: past `--data-dir DIR`, which may come first."""
    index = 0
    while index < len(argv) and (argv[index] == "--data-dir" or argv[index].startswith("--data-dir=")):
        index += 2 if argv[index] == "--data-dir" else 1
    return min(index, len(argv))


def _normalise(argv: list[str]) -> tuple[list[str], str | None]:
    """`tui-reader [opts] PATH...` means `tui-reader open PATH...`; and the command run (None: help).
    A first word that is neither a command nor an existing file is a UsageError."""
    index = _after_options(argv)
    token = argv[index] if index < len(argv) else None
    if token in ("-h", "--help", "--version"):
        return argv, None
    if token in COMMANDS:
        return argv, token
    if token is not None and not token.startswith("-") and not os.path.lexists(token):
        raise UsageError(_no_such(token))  # a mistyped command opened the reader to import it
    return [*argv[:index], "open", *argv[index:]], "open"


def _no_such(word: str) -> str:
    """`no such command or file: 'lsit' (did you mean list?)`, else the commands listed."""
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f"did you mean {close[0]}?" if close else f"commands: {', '.join(COMMANDS)}"
    return f"no such command or file: {visible(word, single_line=True)!r} ({hint})"


def search_words(words: list[str]) -> list[str]:
    """`search`'s arguments with its query words after `--`: a word left out (`-great`) is no option.
    argparse refused `search film -great`, and read `-leonard` as `-l eonard`. What stays an option:
    search's own flags, help and `--data-dir`; a literal `--` already ends them."""
    flags = {flag for names in SEARCH_FLAGS for flag in names} | {"-h", "--help"}
    start = _after_options(words) + 1  # past `search` (`--data-dir search` is a folder named so)
    options = words[:start]
    query: list[str] = []
    rest = iter(words[start:])
    for word in rest:
        if word == "--":
            query += rest
        elif word in flags or word.startswith("--data-dir="):
            options.append(word)
        elif word == "--data-dir":
            options += [word, *islice(rest, 1)]  # none after it: argparse says it expects one
        else:
            query.append(word)
    return [*options, "--", *query] if query else options


# `search`'s flags by the attribute argparse gives each (`--ids` and `-l`: `ids`).
_SEARCH_DESTS = {flag: next(n for n in names if n.startswith("--"))[2:] for names in SEARCH_FLAGS for flag in names}


def plain_search(words: list[str]) -> argparse.Namespace | None:
    """`search`'s arguments (as `search_words` put them) read as argparse reads them, without it, when
    they are plain: `search`, at most one of its flags, `--data-dir DIR` at most once, then `--` and the
    query's words. None for anything else (help, two flags, a missing value, no words): argparse's to
    read and to answer. Why: argparse, with the `shutil` and `locale` its help and messages import, was
    ~10 ms of a ~80 ms `search -l`."""
    if "--" not in words:
        return None  # no query word: argparse says what is missing
    split = words.index("--")
    found: dict[str, Any] = {
        "command": "search",
        "query": words[split + 1 :],
        **dict.fromkeys(_SEARCH_DESTS.values(), False),
    }
    flags, commands, dirs = set(), 0, 0
    rest = iter(words[:split])
    for word in rest:
        if word == "search":
            commands += 1
        elif word in _SEARCH_DESTS:
            flags.add(_SEARCH_DESTS[word])
        elif word.startswith("--data-dir="):
            found["data_dir"], dirs = word.partition("=")[2], dirs + 1
        elif word == "--data-dir":
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            found["data_dir"], dirs = value, dirs + 1
        else:
            return None
    if commands != 1 or dirs > 1 or len(flags) > 1 or not found["query"]:
        return None
    found.update(dict.fromkeys(flags, True))
    return cast("argparse.Namespace", SimpleNamespace(**found))


def _parse(parser: argparse.ArgumentParser, words: list[str]) -> argparse.Namespace:
    """`parser.parse_args`, but a word left over is refused by the (sub)command it was given to:
    argparse said it with the top-level usage (`usage: tui-reader [-h] ...`), not the command's."""
    args, extra = parser.parse_known_args(words)
    if extra:
        _innermost(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _innermost(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the command run (`note add`'s own, under `note`'s), found by the names chosen."""
    import argparse

    while True:
        chosen = [
            action.choices[getattr(args, action.dest)]
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction) and getattr(args, action.dest, None) in action.choices
        ]
        if not chosen:
            return parser
        parser = chosen[0]


def _one_line_errors() -> tuple[type[Exception], ...]:
    """The errors said in one line. `InputError` only once the importers were imported: only they
    raise it, and importing them would cost every command ~40 ms."""
    importers = sys.modules.get("tui_reader.core.importers.base")
    return (StoreError, LookupError, UsageError, *((importers.InputError,) if importers is not None else ()))


def _say_problems(store: Store, said: frozenset[str]) -> frozenset[str]:
    """The store's repairs not `said` yet, a line each; returns every one said."""
    problems = store.problems
    for problem in problems:
        if problem not in said:
            print(f"{PROG}: {visible(problem, single_line=True)}", file=sys.stderr)
    return said | frozenset(problems)


def main(argv: list[str] | None = None) -> int:
    """The program, or one command of it for a caller passing `argv` (the tests).

    Run as the program, it leaves Python's collection at exit nothing to walk: CPython collects
    every object it tracks as it shuts down, 7-10 ms of a 70-140 ms `search` (measured paired),
    spent on objects that go with the process anyway. Files are closed and flushed by their
    own `with` blocks, never by a collection."""
    code = _command(argv)
    if argv is None:
        gc.freeze()
    return code


def _command(argv: list[str] | None) -> int:
    try:
        words, command = _normalise(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    if command not in SAY_THEIR_OWN:
        # Repairs the core makes on its own (a damaged index segment re-indexed) are logged as
        # warnings: on stderr they read like every other line of ours.
        import logging

        logging.basicConfig(format=f"{PROG}: %(message)s", level=logging.WARNING)
    if command == "search":
        words = search_words(words)
        args = plain_search(words) or _parse(build_parser(command), words)
    else:
        args = _parse(build_parser(command), words)
    try:
        folder = default_data_dir(getattr(args, "data_dir", None))
        if args.command in READ_ONLY and not folder.exists():  # a file there: the store says so
            raise StoreError(f"no library at {folder} (the folder does not exist)")
        store = Store(folder)
        said = _say_problems(store, frozenset())
        if args.command in SAY_EMPTY and not len(store.library):
            print(f"{PROG}: {EMPTY}", file=sys.stderr)
        try:
            return COMMANDS[args.command].load()[1][args.command](store, args)
        finally:  # repairs made while the command ran (a damaged shard moved aside as it was read)
            _say_problems(store, said)
    except _one_line_errors() as error:
        message = error.args[0] if isinstance(error, LookupError) and error.args else str(error)
        print(f"{PROG}: {visible(message, single_line=True)}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except BrokenPipeError:  # `tui-reader list | head`
        sys.stderr.close()
        return 0
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{PROG}: {visible(where + str(error.strerror or error), single_line=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
