"""`search` reads its plain arguments without argparse (`cli.plain_search`): what it reads must be
exactly what argparse reads, and anything else must be left to argparse (help, errors)."""

from __future__ import annotations

import contextlib
import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.process_support import last_line
from tui_reader.cli import _normalise, build_parser, main, plain_search, search_words

WORDS = ["search", "-l", "--ids", "-c", "--count", "--json", "--data-dir", "--data-dir=", "--data-dir=D", "D",
         "--", "-h", "--help", "-great", "-leonard", "--co", "word", "", "a b", "-", "--data", "-lc"]  # fmt: skip


def _argparse(words: list[str]) -> dict[str, object] | None:
    """What argparse reads, or None when it refuses (or prints help)."""
    command = _normalise(words)[1]
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return vars(build_parser(command).parse_args(words))
        except SystemExit:
            return None


@given(st.lists(st.sampled_from(WORDS), max_size=7))
def test_plain_arguments_are_read_as_argparse_reads_them(rest: list[str]) -> None:
    for before in ([], ["--data-dir", "X"]):
        words = search_words([*before, "search", *rest])
        plain = plain_search(words)
        if plain is not None:
            assert vars(plain) == _argparse(words)


def test_the_usual_calls_are_plain() -> None:
    for call in (["search", "film"], ["search", "-l", "film", "-great"], ["--data-dir", "D", "search", "--json", "x"]):
        assert plain_search(search_words(call)) is not None
    for call in (["search", "-l", "-c", "film"], ["search", "--help"], ["search"], ["search", "--data-dir"]):
        assert plain_search(search_words(call)) is None  # argparse answers these


# Review and Comment are dataclasses (`models`): with `inspect`, which `dataclasses` imports, ~17 ms of a search.
NO_DATACLASSES = ("dataclasses", "inspect")


@pytest.mark.parametrize(
    ("flags", "absent"),
    [
        ([], ("argparse", "shutil", "locale", "logging", "threading", "fcntl", "tui_reader.core.search.subjects")),
        (["-l"], ("tui_reader.core.search.hits", "tui_reader.core.content.formatting", *NO_DATACLASSES)),  # no snippet
        # a few hits' documents are read by the standard library: importing orjson imports dataclasses
        ([], ("orjson", *NO_DATACLASSES)),
    ],
)
def test_search_imports_nothing_it_does_not_use(
    tmp_path: Path, seeds: Path, flags: list[str], absent: tuple[str, ...]
) -> None:
    """The import diet of `search` (each of these cost ms at every run: `python -X importtime`), with
    a review to show (its snippet made, or its id alone)."""
    assert main(["--data-dir", str(tmp_path), "import", str(seeds)]) == 0
    absent += ("tui_reader.core.search.build", "tui_reader.core.pipeline", "tui_reader.core.content.models")
    code = (
        "import sys; from tui_reader.cli import main; "
        "main(['--data-dir', sys.argv[1], 'search', *sys.argv[2:], 'sappy']); "
        f"print(sorted(m for m in sys.modules if m.startswith({absent!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), *flags], capture_output=True, text=True, check=True
    )
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[-1] == "[]"  # the review found, then no module of those


def test_the_program_leaves_its_objects_out_of_the_collection_at_exit(tmp_path: Path, seeds: Path) -> None:
    """Run as the program, `main` freezes what it made (CPython's collection at exit walked it all:
    7-10 ms of a `search`); called with arguments (the tests, a script), it freezes nothing."""
    assert main(["--data-dir", str(tmp_path), "import", str(seeds)]) == 0
    assert gc.get_freeze_count() == 0
    code = (
        "import gc, sys; from tui_reader.cli import main; "
        "sys.argv = ['tui-reader', '--data-dir', sys.argv[1], 'search', 'sappy']; "
        "code = main(); print(code, gc.get_freeze_count() > 0)"
    )
    assert last_line(code, str(tmp_path)) == "0 True"
