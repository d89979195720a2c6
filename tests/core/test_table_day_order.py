"""A table's slashed dates are read in the order its unambiguous ones say (10/31/2018 in a file
makes its 03/04/2015 March 4), for the whole file at once; a row's id stays what it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
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
