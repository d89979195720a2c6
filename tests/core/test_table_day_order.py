"""A table's slashed dates are read in the order its unambiguous ones say (10/31/2018 in a file
makes its 03/04/2015 March 4), for the whole file at once; a row's id stays what it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers.content_ids import row_id, row_parts
from tui_reader.core.importers.sitedates import DayOrder, date_of


def _dates(tmp_path: Path, rows: list[str]) -> list[str | None]:
    text = "text,date\n" + "".join(f"Row {n},{written}\n" for n, written in enumerate(rows))
    return [review.date for review in parse_text(tmp_path, "reviews.csv", text).reviews]


def test_a_us_file_reads_every_date_month_first(tmp_path: Path) -> None:
    """The reviewer's us.csv: its two ambiguous dates were kept as text beside ISO ones."""
    dates = _dates(tmp_path, ["10/31/2018", "03/04/2015", "12/25/2019", "01/05/2020"])
    assert dates == ["2018-10-31", "2015-03-04", "2019-12-25", "2020-01-05"]


def test_a_european_file_reads_them_day_first_whichever_row_says_so(tmp_path: Path) -> None:
    assert _dates(tmp_path, ["03/04/2015", "Reviewed on 01/05/2020", "31/10/2018"]) == [
        "2015-04-03",
        "2020-05-01",
        "2018-10-31",
    ]


@pytest.mark.parametrize("rows", [["03/04/2015", "01/05/2020"], ["03/04/2015", "31/10/2018", "10/31/2018"]])
def test_a_file_that_does_not_say_or_says_both_keeps_them_as_written(tmp_path: Path, rows: list[str]) -> None:
    assert _dates(tmp_path, rows)[0] == "03/04/2015"


def test_the_order_read_does_not_rename_a_row(tmp_path: Path) -> None:
    (first, second) = parse_text(tmp_path, "us.csv", "text,date\nOne,10/31/2018\nTwo,03/04/2015\n").reviews
    assert second.date == "2015-03-04"
    assert second.id == row_id({}, "", row_parts("", None, "03/04/2015", None, "Two"))
    assert first.id == row_id({}, "", row_parts("", None, "10/31/2018", None, "One"))


def test_day_order_alone() -> None:
    order = DayOrder()
    assert order.day_first is None
    order.see("12/25/2019")
    assert order.day_first is False
    assert date_of("03/04/2015", order.day_first) == "2015-03-04"
    assert date_of("22.06.2015", order.day_first) == "2015-06-22"  # dots are day first in any file
    order.see("25/12/2019")
    assert order.day_first is None


GOODREADS = "Book Id,Title,Author,My Rating,Date Read,Date Added,My Review\n"


@pytest.mark.parametrize(
    ("read", "added", "expected"),
    [
        # Day first (a UK export re-saved): 14/03/2019 says so, 02/11/2018 and 05/01/2017 follow it.
        (
            ["14/03/2019", "", "05/01/2017"],
            ["01/02/2019", "02/11/2018", "2016/12/20"],
            ["2019-03-14", "2018-11-02", "2017-01-05"],
        ),
        # Excel's US dates: 3/14/2019 says month first, 11/2/2018 and 1/5/2017 follow it.
        (
            ["3/14/2019", "", "1/5/2017"],
            ["2/1/2019", "11/2/2018", "12/20/2016"],
            ["2019-03-14", "2018-11-02", "2017-01-05"],
        ),
        # Nothing says: kept as written.
        (["03/04/2019", "", ""], ["", "02/11/2018", "2016/12/20"], ["03/04/2019", "02/11/2018", "2016-12-20"]),
    ],
)
def test_goodreads_reads_its_dates_in_the_files_order(
    tmp_path: Path, read: list[str], added: list[str], expected: list[str]
) -> None:
    """Each date was read on its own: 14/03/2019 read, 02/11/2018 beside it kept raw."""
    rows = "".join(
        f"{n},Book {n},Ann,4,{r},{a},Review {n}.\n" for n, (r, a) in enumerate(zip(read, added, strict=True))
    )
    parsed = parse_text(tmp_path, "goodreads_library_export.csv", GOODREADS + rows)
    assert parsed.format == "goodreads"
    assert [review.date for review in parsed.reviews] == expected


def test_letterboxd_reads_its_dates_in_the_files_order_and_keeps_its_ids(tmp_path: Path) -> None:
    header = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
    rows = "02/01/2023,Her,2013,,4,,So good.,,01/01/2023\n25/01/2023,Jaws,1975,https://boxd.it/r2,3,,Sharp.,,\n"
    her, jaws = parse_text(tmp_path, "reviews.csv", header + rows).reviews
    assert (her.date, jaws.date) == ("2023-01-01", "2023-01-25")
    assert her.id == stable_id("letterboxd", "Her", "2013", "01/01/2023")  # named as before: a re-import keeps it
