"""The command line: a thin shell over the core. Stable: scripts and tests rely on it.

tui-reader [PATH...]            open the reader, importing PATHs first
tui-reader import PATH...       import files and folders
tui-reader list [--json]        the library
tui-reader show ID [--json]     one review (a unique id prefix is enough)
tui-reader search QUERY...      find reviews
tui-reader export [--format json|markdown] [-o FILE|DIR]
tui-reader bookmark ID / note add ID TEXT / notes     your own layer
tui-reader subjects [--json]    what the reviews are reviews of
tui-reader subject set ID NAME [--kind K] [--year Y] [--creator C] [--ref R] / subject clear ID
tui-reader remove ID... | --source PATH [--dry-run]   notes on removed reviews are kept aside

Each group of commands lives in its own module with an `add_parsers(commands, common)` and a
name -> function table; `COMMAND_GROUPS` below is the one place they are registered.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import Any

from tui_reader import __version__, cli_import, cli_library, cli_personal, cli_sources, cli_subjects
from tui_reader.cli_library import PROG, UsageError
from tui_reader.core.content.text import visible
from tui_reader.core.importers import InputError
from tui_reader.core.store import Store, StoreError, default_data_dir

Command = Callable[[Store, argparse.Namespace], int]
AddParsers = Callable[[Any, argparse.ArgumentParser], None]

# Every command group: (how it adds its subcommands, its name -> function table). A new group
# (e.g. sources: follow, refresh) is one line here.
COMMAND_GROUPS: list[tuple[AddParsers, dict[str, Command]]] = [
    (cli_import.add_parsers, cli_import.IMPORT_COMMANDS),
    (cli_library.add_parsers, cli_library.LIBRARY_COMMANDS),
    (cli_personal.add_parsers, cli_personal.PERSONAL_COMMANDS),
    (cli_subjects.add_parsers, cli_subjects.SUBJECT_COMMANDS),
    (cli_sources.register, cli_sources.SOURCE_COMMANDS),
]
COMMANDS: dict[str, Command] = {name: command for _, table in COMMAND_GROUPS for name, command in table.items()}
# Commands that only read: on a new folder they say the library is empty (on stderr: their output stays
# clean for scripts) and never import the seeds; `show` says it in its error.
SAY_EMPTY = frozenset({"list", "search", "export", "subjects"})
EMPTY = f"the library is empty: `{PROG} import PATH` adds reviews"


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
        epilog=f"Run without a command to open the reader. Commands: {', '.join(COMMANDS)}. "
        f"`{PROG} COMMAND --help` for one command's options.",
        parents=[_common()],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add_parsers, _ in COMMAND_GROUPS:
        add_parsers(commands, _common())
    return parser


def _normalise(argv: list[str]) -> list[str]:
    """`tui-reader [opts] PATH...` means `tui-reader open PATH...`."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--data-dir":
            index += 2
            continue
        if token.startswith("--data-dir="):
            index += 1
            continue
        if token in ("-h", "--help", "--version") or token in COMMANDS:
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
        if args.command in SAY_EMPTY and not len(store.library):
            print(f"{PROG}: {EMPTY}", file=sys.stderr)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
