"""Tables read as what they are (#16): TSV line by line whatever its quotes, JSON Lines whatever
the length of a record."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import example, given, settings
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
@example(["<A>", "fine"])  # Hypothesis's find: a cell of markup alone reads as no text
def test_any_tsv_line_count_is_the_review_count(tmp_path_factory: object, cells: list[str]) -> None:
    folder = tmp_path_factory.mktemp("tsv")  # type: ignore[attr-defined]
    text = "review\tlabel\n" + "".join(f"{cell}\t1\n" for cell in cells)
    parsed = parse_file(write(folder, "corpus.tsv", text))
    # A cell that is only markup (`<A>`, `<br/>`) has no text to read: said as skipped, never lost unsaid.
    unread = sum(skipped.count for skipped in parsed.skipped if skipped.reason == "rows without text")
    assert len(parsed.reviews) + unread == len(cells)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(CELL, st.integers(0, 9000)), min_size=1, max_size=12))
def test_any_json_lines_records_round_trip_their_count_whatever_their_length(
    tmp_path_factory: object, records: list[tuple[str, int]]
) -> None:
    folder = tmp_path_factory.mktemp("jsonl")  # type: ignore[attr-defined]
    lines = [json.dumps({"text": text + " padding" * pad, "author": "a"}) for text, pad in records]
    parsed = parse_file(write(folder, "records.jsonl", "\n".join(lines) + "\n"))
    assert parsed.format == "table" and len(parsed.reviews) == len(records)


@settings(max_examples=40, deadline=None)
@given(
    paragraphs=st.lists(st.integers(1, 60), min_size=1, max_size=4),
    words=st.integers(1, 150),
)
def test_a_csv_of_long_reviews_of_many_paragraphs_is_a_table(
    tmp_path_factory: object, paragraphs: list[int], words: int
) -> None:
    """A first review of twelve paragraphs filled the layout's twenty lines with one quoted field:
    the table went unseen and the file was imported as one review of CSV text, without a word."""
    import csv
    import io

    folder = tmp_path_factory.mktemp("csv")  # type: ignore[attr-defined]
    out = io.StringIO()
    table = csv.writer(out)
    table.writerow(["title", "review", "rating"])
    bodies = ["\n\n".join([f"word{n} " * words] * count) for n, count in enumerate(paragraphs)]
    for number, body in enumerate(bodies):
        table.writerow([f"T{number}", body, number % 5 + 1])
    parsed = parse_file(write(folder, "reviews.csv", out.getvalue()))
    assert [review.title for review in parsed.reviews] == [f"T{n}" for n in range(len(bodies))]
    assert [review.rating for review in parsed.reviews] == [n % 5 + 1 for n in range(len(bodies))]
