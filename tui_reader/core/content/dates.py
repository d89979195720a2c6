"""Dates as a reader reads them: `2012-07-11`, `2012-09-03 17:14`, `3 h`, never a raw ISO timestamp.

Importers store ISO 8601 (`2012-07-11T00:00:00Z`, `2012-09-03T17:14:52+00:00`, `2020-06-06`),
exact and sortable; what is shown drops what carries nothing (a midnight time, seconds) and
puts a time with a zone into the reader's own zone.
"""

from __future__ import annotations

from datetime import UTC, datetime

MINUTE, HOUR, DAY = 60, 3600, 86400
MONTH_DAYS, YEAR_DAYS = 30, 365


def current_time() -> datetime:
    """Now, zoned: one place a test can replace to make every age repeatable."""
    return datetime.now(UTC)


def parsed_date(stored: str) -> datetime | None:
    """`stored` as a zoned moment (a zoneless one is the reader's local time), or None."""
    text = stored.strip()
    if len(text) < 10 or not text[:4].isdigit():
        return None
    try:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo is not None else moment.astimezone()
    except (ValueError, OverflowError, OSError):  # not a date; a year the platform cannot place
        return None


def relative_age(stored: str | None, now: datetime | None = None) -> str:
    """How long ago, in the fewest cells a list column can give it: `5 min`, `3 h`, `2 d`,
    `5 mo`, `2 y`; `now` for under a minute or the future; `` for what is not a date."""
    moment = parsed_date(stored) if stored else None
    if moment is None:
        return ""
    try:
        seconds = ((now or current_time()) - moment).total_seconds()
    except OverflowError:
        return ""
    if seconds < MINUTE:
        return "now"
    if seconds < HOUR:
        return f"{int(seconds // MINUTE)} min"
    if seconds < DAY:
        return f"{int(seconds // HOUR)} h"
    days = int(seconds // DAY)
    if days < MONTH_DAYS + 1:
        return f"{days} d"
    if days < YEAR_DAYS:
        return f"{max(1, days // MONTH_DAYS)} mo"
    return f"{days // YEAR_DAYS} y"


def readable_date(stored: str) -> str:
    """`stored` for the eye; text that is not an ISO date is shown as it is."""
    text = stored.strip()
    if len(text) < 10 or not text[:4].isdigit():
        return stored
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return stored
    if len(text) == 10:  # a date alone
        return moment.strftime("%Y-%m-%d")
    if moment.tzinfo is not None:
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):  # a day-only source (unix day)
            return moment.strftime("%Y-%m-%d")
        moment = moment.astimezone()
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M")


def full_date(stored: str) -> str:
    """`stored` as the reading pane spells it out: `Thursday 1 November 2018, 14:05` in the
    reader's zone (no time when the source gives a day only); text that is not ISO as it is."""
    short = readable_date(stored)
    try:
        moment = datetime.fromisoformat(short)
    except ValueError:
        return stored
    day = f"{moment:%A} {moment.day} {moment:%B %Y}"
    return f"{day}, {moment:%H:%M}" if len(short) > 10 else day
