"""Review ids as a script hands them over (`search -l | xargs tui-reader show|bookmark|remove`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui_reader.core.content.text import visible

if TYPE_CHECKING:
    from tui_reader.core.store.library_read import LibraryReader

PROG = "tui-reader"  # as `cli_library.PROG`: this module imports nothing of the commands


def each_id(library: LibraryReader, prefixes: Iterable[str]) -> tuple[list[str], bool]:
    """The whole id each prefix names, in order and once each, and whether all were found. One
    that names no review (or several) is said in a line on stderr and left out: the others are
    still done, as `rm a b` removes `a` when `b` is not there; the caller exits 1."""
    found: dict[str, None] = {}
    every = True
    for prefix in prefixes:
        try:
            found[library.resolve(prefix)] = None
        except LookupError as error:
            print(f"{PROG}: {visible(str(error.args[0]), single_line=True)}", file=sys.stderr)
            every = False
    return list(found), every
