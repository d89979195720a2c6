"""A field map that numbers its columns (`--map recommended=1,text=2`) on a table without a
header row reads every row as data, as `--text-column 2` does.

ChnSentiCorp's CSV (`label,review`, no header) lost its first review under `--map recommended=1`:
the first row's label `1` equals the map's column number, and a row holding a mapped name was
taken as the header, so the summary said 7,764 where plain import said 7,765.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import write
from tui_reader.cli import main
from tui_reader.core.importers import parse_file

WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=20, max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(st.sampled_from("01"), WORDS.filter(lambda t: t.strip())), min_size=1, max_size=6),
    field_map=st.sampled_from([{"recommended": "1", "text": "2"}, {"text": "2"}, {"recommended": "1"}]),
)
def test_every_row_of_a_headerless_table_mapped_by_number_is_a_review(
    tmp_path: Path, rows: list[tuple[str, str]], field_map: dict[str, str]
) -> None:
    rows = [("1", "a long first review, with a comma in it"), *rows]
    text = "".join(f'{label},"{words.replace(chr(34), chr(34) * 2)}"\n' for label, words in rows)
    parsed = parse_file(write(tmp_path, "labels.csv", text), field_map=field_map)
    bodies = [review.body for review in parsed.reviews]
    assert len(bodies) + sum(s.count for s in parsed.skipped) == len(rows)
    assert bodies[0] == "a long first review, with a comma in it"


def test_the_tester_case_search_finds_the_first_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        '1,"距离川沙公路较近,但是公交指示不对,如果是""蔡陆线""的话,会非常麻烦."\n'
        "1,商务大床房，房间很大，床有2M宽，整体感觉经济实惠不错!\n"
        "0,早餐太差，无论去多少人，那边也不加食品的。酒店应该重视一下这个问题了。\n"
    )
    path = write(tmp_path, "htl.csv", text)
    library = str(tmp_path / "lib")
    assert main(["--data-dir", library, "import", "--map", "recommended=1,text=2", str(path)]) == 0
    assert capsys.readouterr().out.startswith("imported 3 new")
    assert main(["--data-dir", library, "search", "-c", "蔡陆线"]) == 0
    assert capsys.readouterr().out.split()[-1] == "1"


def test_a_header_named_by_the_map_is_still_a_header(tmp_path: Path) -> None:
    text = "label,words\n1,first review text here\n0,second review text here\n"
    parsed = parse_file(write(tmp_path, "t.csv", text), field_map={"recommended": "label", "text": "words"})
    assert [(r.recommended, r.body) for r in parsed.reviews] == [
        (True, "first review text here"),
        (False, "second review text here"),
    ]


@pytest.mark.parametrize("options", [["--map", "text=2"], ["--text-column", "2"], ["--map", "author=1,text=2"]])
def test_a_header_taken_where_columns_were_counted_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    """Counting columns says the table may have no header: one guessed is named in the summary."""
    path = write(tmp_path, "t.csv", "who,words\nann,first review text\nbob,second review text\n")
    assert main(["--data-dir", str(tmp_path / "lib"), "import", *options, str(path)]) == 0
    assert capsys.readouterr().out.startswith(
        "imported 2 new, 0 updated, 0 unchanged reviews with 0 comments from 1 file"
        " (first row read as the header: who, words)"
    )


def test_a_header_found_by_its_names_alone_is_not_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "t.csv", "who,review\nann,first review text\nbob,second review text\n")
    assert main(["--data-dir", str(tmp_path / "lib"), "import", "--map", "author=who", str(path)]) == 0
    assert capsys.readouterr().out == ("imported 2 new, 0 updated, 0 unchanged reviews with 0 comments from 1 file\n")
