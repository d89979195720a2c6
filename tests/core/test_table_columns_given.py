"""A column the user names or numbers is read in a table of any length; one that is not there
is an error saying how many columns there are.

`--text-column 2` worked only with three rows or more (the number went through the guess that
weighs rows' lengths): on a header and one row it said "no column '2' (a, b)", as if the table
had no second column, and a `.txt` table of two lines was imported as plain text, its CSV
syntax the review. `--map text=2` failed at any length, `--map author=a --text-column 2` on two
rows said "no text column found".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import write
from tui_reader.cli import main
from tui_reader.core.importers import InputError, parse_file

TWO = 'a,b\nx,"one review here"\n'


@pytest.mark.parametrize("rows", [1, 2, 3, 5])
@pytest.mark.parametrize("name", ["two.csv", "two.txt", "two.tsv"])
def test_a_numbered_column_is_read_from_one_row_on(tmp_path: Path, rows: int, name: str) -> None:
    delimiter = "\t" if name.endswith(".tsv") else ","
    text = f"a{delimiter}b\n" + "".join(f"x{n}{delimiter}review number {n} here\n" for n in range(rows))
    parsed = parse_file(write(tmp_path, name, text), text_column="2")
    assert (parsed.format, [r.body for r in parsed.reviews]) == (
        "table",
        [f"review number {n} here" for n in range(rows)],
    )


@pytest.mark.parametrize(
    "options",
    [["--text-column", "2"], ["--map", "text=2"], ["--map", "text=b"], ["--map", "author=a", "--text-column", "2"]],
)
def test_the_brief_case_header_and_one_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    path = write(tmp_path, "two.csv", TWO)
    assert main(["--data-dir", str(tmp_path / "lib"), "import", *options, str(path)]) == 0
    assert "imported 1 new" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path / "lib"), "search", "-c", "review"]) == 0
    assert capsys.readouterr().out.split()[-1] == "1"


def test_a_mapped_column_by_number_in_a_longer_table(tmp_path: Path) -> None:
    text = "who,words\nann,first review text\nbob,second review text\ncyd,third review text\n"
    parsed = parse_file(write(tmp_path, "t.csv", text), field_map={"text": "2", "author": "1"})
    assert [(r.author, r.body) for r in parsed.reviews[:2]] == [
        ("ann", "first review text"),
        ("bob", "second review text"),
    ]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--text-column", "3"], "no column '3' (2 columns: a, b)"),
        (["--map", "text=3"], "no column '3' for text (2 columns: a, b)"),
        (["--map", "text=c"], "no column 'c' for text (2 columns: a, b)"),
        (["--map", "author=a", "--text-column", "5"], "no column '5' for text (2 columns: a, b)"),
        (["--map", "text=b,rating=zz"], "no column 'zz' for rating (2 columns: a, b)"),
    ],
)
def test_a_column_that_is_not_there_says_how_many_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    path = write(tmp_path, "two.csv", TWO)
    assert main(["--data-dir", str(tmp_path / "lib"), "import", *options, str(path)]) == 1
    assert f"two.csv: {said}" in capsys.readouterr().err


def test_a_number_that_is_not_a_plain_one_is_a_name(tmp_path: Path) -> None:
    """`²` is a digit to Python (`int` refuses it) and 4,300 digits are past `int`'s limit: no crash."""
    path = write(tmp_path, "two.csv", TWO)
    for given in ("²", "9" * 5000):
        with pytest.raises(InputError, match=r"\(2 columns: a, b\)"):
            parse_file(path, text_column=given)
