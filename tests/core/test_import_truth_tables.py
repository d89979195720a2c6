"""Tables read as what they are (#16): TSV line by line whatever its quotes, JSON Lines whatever
the length of a record."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, write
from tui_reader.core.importers import parse_file

# Text a comment corpus holds: quotes of every kind, no tab or line end (those are the format's).
CELL = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\t\n\r\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")


def test_a_tsv_line_opening_a_quote_never_swallows_the_rows_after_it(tmp_path: Path) -> None:
    rows = ['"I loved it, said nobody', 'plain "quoted" words', '""', 'last one"']
    text = "text\tlabel\n" + "".join(f"{row}\t{n % 2}\n" for n, row in enumerate(rows))
    parsed = parse_text(tmp_path, "comments.tsv", text)
    assert [review.body for review in parsed.reviews] == rows  # every quote kept, one review a line


@settings(max_examples=60, deadline=None)
@given(st.lists(CELL, min_size=1, max_size=40))
def test_any_tsv_line_count_is_the_review_count(tmp_path_factory: object, cells: list[str]) -> None:
    folder = tmp_path_factory.mktemp("tsv")  # type: ignore[attr-defined]
    text = "review\tlabel\n" + "".join(f"{cell}\t1\n" for cell in cells)
    parsed = parse_file(write(folder, "corpus.tsv", text))
    assert len(parsed.reviews) == len(cells)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(CELL, st.integers(0, 9000)), min_size=1, max_size=12))
def test_any_json_lines_records_round_trip_their_count_whatever_their_length(
    tmp_path_factory: object, records: list[tuple[str, int]]
) -> None:
    folder = tmp_path_factory.mktemp("jsonl")  # type: ignore[attr-defined]
    lines = [json.dumps({"text": text + " padding" * pad, "author": "a"}) for text, pad in records]
    parsed = parse_file(write(folder, "records.jsonl", "\n".join(lines) + "\n"))
    assert parsed.format == "table" and len(parsed.reviews) == len(records)
