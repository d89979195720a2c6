"""A table re-saved by a spreadsheet is the same table: `;` (Excel in a comma-decimal locale), tab
("Text (Tab delimited)", its cells quoted as Excel quotes them) or `|`, with a BOM and CRLF, gives
the reviews and the ids the comma file gives, for every importer that reads a header-led CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import write
from tui_reader.core.content.models import Review
from tui_reader.core.importers import parse_file

HEADER = ["Book Id", "Title", "Author", "ISBN", "ISBN13", "My Rating", "Date Read", "Date Added"]
HEADER += ["Bookshelves", "Exclusive Shelf", "My Review", "Spoiler", "Original Publication Year"]
BOOKS = [
    ["2767052", "The Hunger Games (The Hunger Games, #1)", "Suzanne Collins", '="0439023483"', '="9780439023481"',
     "4", "2019/03/14", "2019/02/01", "", "read", 'Gripping; "tense".<br/><br/>Second para.', "", "2008"],
    ["5907", "The Hobbit", "J.R.R. Tolkien", '="0618260307"', '="9780618260300"', "0", "", "2018/11/02",
     "fantasy, favorites", "read", "Unrated | but reviewed.", "", "1937"],
    ["11", "The Hitchhiker's Guide", "Douglas Adams", '=""', '=""', "5", "2017/01/05", "2016/12/20",
     "to-read, sci-fi", "to-read", "Has [spoiler]the answer is 42[/spoiler] in it.", "true", "1979"],
    ["22", "No Review Book", "Someone", "", "", "3", "", "2016/12/20", "", "read", "", "", "2001"],
]  # fmt: skip
SAVED_AS = [(",", "", "\n"), (";", "\ufeff", "\r\n"), ("\t", "\ufeff", "\r\n"), ("|", "", "\n")]


def saved(rows: list[list[str]], delimiter: str, bom: str = "", end: str = "\n") -> str:
    """The rows as a spreadsheet saves them: cells quoted when they must be (Excel's rule, tabs too)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=end).writerows(rows)
    return bom + out.getvalue()


def seen(review: Review) -> tuple[object, ...]:
    return (review.id, review.title, review.author, review.date, review.rating, review.rating_max, review.subject,
            review.paragraphs, review.spoiler, review.tags, review.format)  # fmt: skip


@pytest.mark.parametrize(("delimiter", "bom", "end"), SAVED_AS)
def test_a_goodreads_export_re_saved_is_the_same_export(tmp_path: Path, delimiter: str, bom: str, end: str) -> None:
    """Was read as a generic table: no rating, no date, the book's author as the reviewer, the
    subject "Book Id 2767052", `[spoiler]` raw, and ids apart from the comma file's."""
    comma = parse_file(write(tmp_path, "goodreads_library_export.csv", saved([HEADER, *BOOKS], ",")))
    again = parse_file(write(tmp_path, "goodreads_library_export.csv", saved([HEADER, *BOOKS], delimiter, bom, end)))
    assert again.format == "goodreads"
    assert [seen(review) for review in again.reviews] == [seen(review) for review in comma.reviews]
    games = again.reviews[0]
    assert (games.author, games.rating, games.date) == (None, 4, "2019-03-14")
    assert games.paragraphs == ('Gripping; "tense".', "Second para.")
    assert games.subject == ("The Hunger Games (The Hunger Games, #1)", "book", 2008, "Suzanne Collins",
                             "isbn:9780439023481")  # fmt: skip
    assert again.reviews[2].spoiler and "[spoiler]" not in again.reviews[2].body
    assert [(s.reason, s.count) for s in again.skipped] == [("books without a written review", 1)]


LETTERBOXD = [
    ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags", "Watched Date"],
    ["2023-01-02", "Parasite", "2019", "https://boxd.it/a1", "4.5", "Yes", "Still <b>brilliant</b>; again.", "", ""],
    [
        "2023-01-03",
        "Crouching Tiger, Hidden Dragon",
        "2000",
        "https://boxd.it/a2",
        "3",
        "",
        'Line\n\n"New".',
        "a, b",
        "",
    ],
]


@pytest.mark.parametrize(("delimiter", "bom", "end"), SAVED_AS)
def test_a_letterboxd_file_re_saved_is_the_same_file(tmp_path: Path, delimiter: str, bom: str, end: str) -> None:
    comma = parse_file(write(tmp_path, "reviews.csv", saved(LETTERBOXD, ",")))
    again = parse_file(write(tmp_path, "reviews.csv", saved(LETTERBOXD, delimiter, bom, end)))
    assert again.format == "letterboxd"
    assert [seen(review) for review in again.reviews] == [seen(review) for review in comma.reviews]
    assert again.reviews[1].paragraphs == ("Line", '"New".')
    diary = [row[:6] + row[7:] for row in LETTERBOXD]  # no Review column: the diary
    assert [s.reason for s in parse_file(write(tmp_path, "diary.csv", saved(diary, delimiter))).skipped] == [
        "Letterboxd diary: not reviews"
    ]


@pytest.mark.parametrize(("delimiter", "bom", "end"), SAVED_AS)
def test_a_steam_csv_dump_re_saved_is_the_same_dump(tmp_path: Path, delimiter: str, bom: str, end: str) -> None:
    rows = [
        ["app_id", "app_name", "review_text", "review_score", "review_votes"],
        ["10", "Counter-Strike", "Ruined; my life.", "1", "0"],
    ]
    comma = parse_file(write(tmp_path, "steam.csv", saved(rows, ",")))
    again = parse_file(write(tmp_path, "steam.csv", saved(rows, delimiter, bom, end)))
    assert again.format == comma.format == "steam"
    assert [seen(review) for review in again.reviews] == [seen(review) for review in comma.reviews]


def test_a_tab_export_quoted_far_down_is_read_quoted(tmp_path: Path) -> None:
    """Excel quotes only the cells that need it: the first may come after the head's rows."""
    rows = [["review", "stars"]] + [[f"Plain review {n}.", "4"] for n in range(60)]
    rows.append(['She said "no".\n\nThen left.', "2"])
    parsed = parse_file(write(tmp_path, "reviews.tsv", saved(rows, "\t")))
    assert len(parsed.reviews) == 61
    assert parsed.reviews[-1].paragraphs == ('She said "no".', "Then left.")


CELL = st.text(st.sampled_from("abcXYZ019 ,.;:|'\"!?-éü中\n\t"), min_size=1, max_size=25).filter(
    lambda s: any(ch.isalnum() for ch in s)
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(CELL, CELL, st.integers(1, 5), CELL), min_size=1, max_size=12),
    st.sampled_from(SAVED_AS[1:]),
    st.booleans(),
)
def test_the_same_rows_under_any_delimiter_give_the_same_reviews(
    tmp_path: Path, rows: list[tuple[str, str, int, str]], saving: tuple[str, str, str], with_id: bool
) -> None:
    header = ["hotelName", "review", "rating", "username"] + (["id"] * with_id)
    table = [header] + [[*map(str, row)] + ([str(n)] * with_id) for n, row in enumerate(rows)]
    comma = parse_file(write(tmp_path, "hotels.csv", saved(table, ",")))
    again = parse_file(write(tmp_path, "hotels.csv", saved(table, *saving)))
    assert again.format == comma.format == "table"
    assert [seen(review) for review in again.reviews] == [seen(review) for review in comma.reviews]
    goodreads = [HEADER] + [[str(n), title, "Ann", "", "", str(stars), "2020/01/02", "", "", "read", text, "", ""]
                            for n, (title, text, stars, _) in enumerate(rows)]  # fmt: skip
    comma = parse_file(write(tmp_path, "goodreads_library_export.csv", saved(goodreads, ",")))
    again = parse_file(write(tmp_path, "goodreads_library_export.csv", saved(goodreads, *saving)))
    assert again.format == comma.format == "goodreads"
    assert [seen(review) for review in again.reviews] == [seen(review) for review in comma.reviews]
