"""CSV, TSV and JSON Lines: the real headerless CSV counted with the csv module, and the edge cases."""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text, write
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store


@pytest.mark.corpora
def test_headerless_chinese_csv_matches_the_csv_module(corpora: Path) -> None:
    path = corpora / "csv" / "ChnSentiCorp_htl_all.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [html.unescape(row[1].strip()) for row in csv.reader(handle) if len(row) > 1 and row[1].strip()]
    parsed = parse_file(path)
    assert parsed.format == "table"
    assert [review.body for review in parsed.reviews] == texts
    assert len({review.id for review in parsed.reviews}) == len(texts)
    assert '"' in texts[0] and '""' not in parsed.reviews[0].body  # doubled quotes unescaped


def test_header_names_the_columns_and_optional_fields_are_read(tmp_path: Path) -> None:
    text = "id,Title,Review Text,Stars,Author,Date\r\n"
    text += '7,Good,"nice, ""really""\r\n\r\nsecond para",4.5,ann,2021-03-04 05:06:07\r\n'
    text += "8,,,3,bob,\r\n"
    parsed = parse_text(tmp_path, "r.csv", text)
    (review,) = parsed.reviews
    assert review.title == "Good"
    assert review.paragraphs == ('nice, "really"', "second para")
    assert (review.rating, review.author, review.date) == (4.5, "ann", "2021-03-04T05:06:07")
    assert "rows without text (1)" in {s.label for s in parsed.skipped}


def test_tsv_and_a_json_file_that_is_json_lines(tmp_path: Path) -> None:
    tsv = parse_text(tmp_path, "r.tsv", "rating\tcomment\n5\tloved it\n1\thated it\n")
    assert [r.body for r in tsv.reviews] == ["loved it", "hated it"]
    lines = [json.dumps({"text": "first one", "user": "a", "score": 2}), "", "not json", json.dumps({"body": "b"})]
    jsonl = parse_text(tmp_path, "data.json", "\n".join(lines))
    assert jsonl.format == "table"
    assert [(r.body, r.author, r.rating) for r in jsonl.reviews] == [("first one", "a", 2.0), ("b", None, None)]
    assert "lines that are not JSON objects (1)" in {s.label for s in jsonl.skipped}


def test_text_column_override_by_name_and_number(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", "kind,opinion\na,This is what I think.\nb,And this too.\nc,Third.\n")
    assert parse_file(path, text_column="opinion").reviews[0].body == "This is what I think."
    assert parse_file(path, text_column="2").reviews[1].body == "And this too."
    assert parse_file(path, "table", "1").reviews[0].body == "a"
    with pytest.raises(InputError, match="no text column"):
        parse_file(path, "table", "nope")


def test_text_column_reaches_the_import(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", "kind,opinion\na,This is what I think.\nb,And this too.\n")
    store = Store(tmp_path / "data")
    report = import_paths(store, [path], text_column="opinion")
    assert report.new == 2
    assert sorted(store.library.column("title")) == ["And this too.", "This is what I think."]


@pytest.mark.parametrize(
    "prose",
    [
        "Great film, really.\nI liked it, a lot.\nBut the end, meh.\nSo so, yes.\n",
        # one IMDB line: a comma-split cell that reads "content" is not a header
        "An experience like As it is in Heaven: Happy, content, fulfilled. To say it moved me is too little.",
    ],
)
def test_prose_with_commas_stays_plain_text(tmp_path: Path, prose: str) -> None:
    assert parse_text(tmp_path, "review.txt", prose).format == "text"


def test_row_ids_are_stable(tmp_path: Path) -> None:
    text = "review,rating\nfirst,4\nsecond,5\n"
    first = parse_text(tmp_path, "a.csv", text)
    assert first.format == "table" and len(first.reviews) == 2
    assert [r.id for r in first.reviews] == [r.id for r in parse_text(tmp_path, "a.csv", text).reviews]


def test_rows_wrapped_in_an_object_are_rows_and_a_row_with_a_list_stays_a_row(tmp_path: Path) -> None:
    """`{"reviews": [{"title": …, "text": …}]}`, as a hand-made or scraped file wraps its rows, was
    read as one JSON Lines row and refused ("no rows with text in this JSON Lines file"); pretty
    printed, it was "JSON without review or comment text". A row holding its own text and a list
    (its comments) is still one row, not a wrapper of rows."""
    one_line = json.dumps({"source": "scrape", "reviews": [{"title": "A", "text": "Good film.", "stars": 4}]})
    pretty = json.dumps(
        {"reviews": [{"title": "B", "review": "Pretty printed."}, {"title": "C", "review": "Two."}]}, indent=2
    )
    for name, text, titles in (("a.json", one_line, ["A"]), ("b.json", pretty, ["B", "C"])):
        parsed = parse_text(tmp_path, name, text)
        assert parsed.format == "table" and [r.title for r in parsed.reviews] == titles
    assert parse_text(tmp_path, "a.json", one_line).reviews[0].rating == 4
    row = json.dumps({"text": "A row with comments", "comments": [{"body": "c"}]})
    [review] = parse_text(tmp_path, "row.jsonl", row).reviews
    assert review.title == "A row with comments"
    # Its text under a name only --text-column gives: still the row, not its replies.
    named = json.dumps({"opinion": "Loved it", "replies": [{"opinion": "agree"}]})
    [review] = parse_file(write(tmp_path, "named.jsonl", named), text_column="opinion").reviews
    assert review.body == "Loved it"
