"""A row without an id is named by its date as the code of before (daa71d8) read it: `named_date`
must give exactly that for every input, or an upgrade re-imports the row as a new one (the notes
left on the old copy) and says the old one is no longer in its file."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.importers.common import clean, epoch_date, iso_date
from tui_reader.core.importers.jsonutil import as_str
from tui_reader.core.importers.sitedates import date_of, named_date

# ---- the reference: `sites.date_of` as it was at daa71d8, copied unchanged --------------------
_MONTH_NAMES = "jan/january feb/february mar/march apr/april may jun/june jul/july aug/august sep/sept/september "
_MONTHS = {
    name: number
    for number, names in enumerate((_MONTH_NAMES + "oct/october nov/november dec/december").split(), start=1)
    for name in names.split("/")
}
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_FIRST = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_AMAZON = re.compile(r"(\d{1,2}) (\d{1,2}), (\d{4})")


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day, tzinfo=UTC).date().isoformat()
    except ValueError:
        return None


def date_of_before(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return epoch_date(int(value) // 1000 if abs(value) >= 10**11 else int(value))
    text = clean(as_str(value))
    if not text:
        return None
    if text.isdigit() and len(text) in (9, 10, 12, 13):
        return epoch_date(int(text) // (1000 if len(text) >= 12 else 1))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}.*", text):
        return iso_date(text)
    for pattern, order in ((_YMD, "ymd"), (_AMAZON, "mdy"), (_MONTH_FIRST, "Mdy"), (_DAY_FIRST, "dMy")):
        match = pattern.fullmatch(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = _MONTHS.get(parts["M"].lower()) if "M" in parts else int(parts["m"])
        if month is not None:
            return _ymd(int(parts["y"]), month, int(parts["d"]))
    return iso_date(text)


# ---- the inputs: dates as files write them, impossible ones, and any text ----------------------
_WORDS = ["Feb", "feb.", "March", "Sept", "May", "mai", "juin", "Mär", "sept.", "Reviewed on", "Avis écrit le"]
_NUMBERS = st.integers(0, 40).map(str) | st.integers(0, 40).map(lambda n: f"{n:02d}") | st.integers(0, 3000).map(str)
_PIECES = st.sampled_from([*_WORDS, " ", ", ", "-", "/", ".", "st", "th", " 10:00", "T10:00Z", "1700000000"]) | _NUMBERS


@st.composite
def _written_dates(draw: st.DrawFn) -> str:
    year, month, day = draw(st.integers(0, 9999)), draw(st.integers(0, 14)), draw(st.integers(0, 33))
    name = draw(st.sampled_from(["", *_WORDS, "January", "dec", "Foo"]))
    forms = [
        f"{year:04d}-{month:02d}-{day:02d}",
        f"{year}/{month}/{day}",
        f"{month:02d} {day:02d}, {year}",
        f"{name} {day}, {year}",
        f"{day} {name} {year}",
        f"{day}/{month}/{year}",
        f"{day}.{month}.{year}",
    ]
    return draw(st.sampled_from(forms)) + draw(st.sampled_from(["", " ", " 10:00", "  "]))


@given(
    _written_dates()
    | st.lists(_PIECES, min_size=1, max_size=6).map("".join)
    | st.text(max_size=30)
    | st.integers(-(10**14), 10**14)
    | st.floats(-1e13, 1e13)
)
def test_a_row_is_named_by_the_date_as_read_before(value: Any) -> None:
    assert named_date(value) == date_of_before(value)


@pytest.mark.parametrize("written", ["2019-02-29", "Feb 30, 2020", "31 June 2020", "02 30, 2020", "2019/2/29"])
def test_an_impossible_day_names_its_row_by_nothing_as_before(written: str) -> None:
    """The reviewer's badday.csv: these rows were named with no date; named with their words,
    each came in again on upgrade and the old one was said to be no longer in the file."""
    assert named_date(written) is None


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -float("inf")])
def test_a_number_that_is_no_time_is_no_date(number: float) -> None:
    assert date_of(number) is None
    assert named_date(number) is None


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Version 2.1.2019", "Version 2.1.2019"),  # a version number, not the 2nd of January
        ("Build 2019.1.2 notes", "Build 2019.1.2 notes"),
        ("Bewertet am 22.06.2015", "2015-06-22"),  # where a date field says its date
        ("Date: 22.06.2015", "2015-06-22"),
        ("22.06.2015", "2015-06-22"),
        ("Reviewed Sept. 3, 2021", "2021-09-03"),  # a dot after a month's name is no dotted date
    ],
)
def test_a_dotted_date_is_read_only_where_a_date_field_puts_it(written: str, read: str) -> None:
    assert date_of(written) == read


@pytest.mark.parametrize("written", ["2019-02-29", "Feb 30, 2020", "31 June 2020", "30 février 2020"])
def test_an_impossible_day_is_no_date_as_before(written: str) -> None:
    """Stored with no date before the upgrade: kept so, or every such row reports 'updated'."""
    assert date_of(written) is None
