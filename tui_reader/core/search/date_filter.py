"""`date:`'s values and the stored dates as day numbers (20200314), so a filter compares numbers."""

from __future__ import annotations

import re

_DAY = r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
_DATE = re.compile(rf"(>=|<=|>|<|=)?\s*{_DAY}(?:\.\.{_DAY})?")
Span = tuple[float, float]


def day_number(date: str | None) -> float | None:
    """A stored date (`2020-03-01`, `2020-03-01T15:01:00Z`, `2020`) as 20200301; a year alone is
    20200000 and a month 20200300, so they fall inside their year's span and no month's or day's."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 0
    day = int(date[8:10]) if month and len(date) >= 10 and date[8:10].isdigit() else 0
    return int(date[:4]) * 10000 + month * 100 + day


def date_bounds(value: str) -> tuple[str | None, Span, Span | None]:
    """`2020`, `2020-03`, `2020-03-14`, `>=2019-06`, `2018..2020` as (comparison, span, span of a
    range's end): a year or month typed is every day in it. ValueError says what is wrong."""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        raise ValueError("is not a date (e.g. date:2020, date:2020-03, date:>=2019-06, date:2018..2020)")
    second = None if match.group(5) is None else _span(match.group(5, 6, 7))
    return match.group(1), _span(match.group(2, 3, 4)), second


def _span(parts: tuple[str | None, ...]) -> Span:
    """The first and last day numbers of a year, month or day typed."""
    year, month, day = (None if part is None else int(part) for part in parts)
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        raise ValueError("is not a date (months 1 to 12, days 1 to 31)")
    base = (year or 0) * 10000 + (month or 0) * 100 + (day or 0)
    if day is not None:
        return base, base
    if month is not None:
        return base, base + 99
    return base, base + 9999
