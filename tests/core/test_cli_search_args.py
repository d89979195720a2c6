"""`search` reads its plain arguments without argparse (`cli.plain_search`): what it reads must be
exactly what argparse reads, and anything else must be left to argparse (help, errors)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.cli import _normalise, build_parser, plain_search, search_words

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


def test_search_imports_neither_argparse_nor_what_the_snippets_do_not_need(tmp_path: Path) -> None:
    """The import diet of `search` (each of these cost ms at every run: `python -X importtime`)."""
    heavy = ("argparse", "shutil", "locale", "logging", "tui_reader.core.search.build", "tui_reader.core.pipeline")
    code = (
        "import sys; from tui_reader.cli import main; main(['--data-dir', sys.argv[1], 'search', 'word']); "
        f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    )
    for _ in range(2):  # the first builds the index (an empty library's): the second is a search alone
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
