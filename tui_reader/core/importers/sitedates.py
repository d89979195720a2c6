"""Dates as review sites and their scrapers write them, read into ISO 8601.

A site's own export is regular (`2020/05/20`, unix seconds, Amazon's `05 20, 2020`); a
scraper keeps the words the page shows around the date ("Reviewed in the United States on
March 3, 2021", "Avis écrit le 22 juin 2015", "Written 3 June 2019") in the page's
language. The date is found inside such a line, with month names in English, French,
Spanish, Portuguese, Italian, German and Dutch; a line with no date, or two, is kept as given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tui_reader.core.importers.common import clean, epoch_date, iso_date
from tui_reader.core.importers.jsonutil import as_str

_MONTH_NAMES = (
    "jan/january/janv/janvier/ene/enero/janeiro/gen/gennaio/januar/jänner/jän/januari",
    "feb/february/fév/févr/février/fevr/fevrier/febrero/fev/fevereiro/febbraio/februar/februari",
    "mar/march/mars/marzo/março/marco/märz/maart/mrt",
    "apr/april/avr/avril/abr/abril/aprile",
    "may/mai/mayo/maio/mag/maggio/mei",
    "jun/june/juin/junio/junho/giu/giugno/juni",
    "jul/july/juil/juillet/julio/julho/lug/luglio/juli",
    "aug/august/aoû/août/aout/ago/agosto/augustus",
    "sep/sept/september/septembre/septiembre/setiembre/set/setembro/settembre",
    "oct/october/octobre/octubre/out/outubro/ott/ottobre/okt/oktober",
    "nov/november/novembre/noviembre/novembro",
    "dec/december/déc/décembre/decembre/dic/diciembre/dez/dezembro/dicembre/dezember",
)
_READ_BEFORE = "jan/january feb/february mar/march apr/april may jun/june jul/july aug/august sep/sept/september "
_READ_BEFORE += "oct/october nov/november dec/december"  # the month names read before scrapers' lines were
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split("/")}
_WORD = r"([^\W\d_]{3,10})"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_FIRST = re.compile(_WORD + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?" + _WORD + r"\.?,?\s+(?:de\s+)?(\d{4})")
_AMAZON = re.compile(r"(\d{1,2}) (\d{1,2}), (\d{4})")  # Amazon 2014's reviewTime: "02 28, 2014"
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")  # 31/10/2018, 10/31/2018, 22.06.2015
_Patterns = tuple[tuple[re.Pattern[str], str], ...]
_PATTERNS: _Patterns = ((_YMD, "ymd"), (_AMAZON, "mdy"), (_MONTH_FIRST, "Mdy"), (_DAY_FIRST, "dMy"))
# The forms and month names read before scrapers' lines were (`named_date`): English names only.
_MONTHS_BEFORE = {name: MONTHS[name] for name in _READ_BEFORE.replace("/", " ").split()}
_MONTH_FIRST_BEFORE = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST_BEFORE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_PATTERNS_BEFORE: _Patterns = (
    (_YMD, "ymd"),
    (_AMAZON, "mdy"),
    (_MONTH_FIRST_BEFORE, "Mdy"),
    (_DAY_FIRST_BEFORE, "dMy"),
)
_IN_LINE = 120  # a longer text is not a date field with words around its date
# What a date field says before a dotted date ("Bewertet am 22.06.2015", "Date: 22.06.2015"); any
# other words before it make it a number like another ("Version 2.1.2019").
_BEFORE_DOTTED = re.compile(
    r"(?:^|(?:\b(?:on|le|am|el|em|il|op|du|vom|den|del|dal|de|date|datum|data|fecha)\s*:?)|:)\s*$", re.I
)


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day, tzinfo=UTC).date().isoformat()
    except ValueError:
        return None


def _read(match: re.Match[str], order: str, months: dict[str, int] = MONTHS) -> str | None:
    parts = dict(zip(order, match.groups(), strict=True))
    month = months.get(parts["M"].lower()) if "M" in parts else int(parts["m"])
    return _ymd(int(parts["y"]), month, int(parts["d"])) if month is not None else None


def _numeric(match: re.Match[str], day_first: bool | None = None) -> str | None:
    """`22.06.2015` is day first; with slashes a part over 12 says which is the day, else the
    file's other dates do (`DayOrder`)."""
    first, sep, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
    if sep == "." or (first > 12 >= second):
        return _ymd(year, second, first)
    if second > 12 >= first:
        return _ymd(year, first, second)
    if day_first is None:
        return None  # 03/04/2015: March or April, the file does not say
    return _ymd(year, second, first) if day_first else _ymd(year, first, second)


class DayOrder:
    """Whether a file writes its slashed dates day first (31/10/2018) or month first (10/31/2018),
    as its dates that can be read only one way say: a US file's 03/04/2015 is March 4, read so
    beside its 10/31/2018 rather than kept as text (the date sort mixed both). Undecided when no
    date or both orders say so."""

    __slots__ = ("day_first_seen", "month_first_seen")

    def __init__(self) -> None:
        self.day_first_seen = self.month_first_seen = False

    def see(self, value: Any) -> None:
        text = clean(as_str(value))
        if len(text) > _IN_LINE:
            return
        for match in _NUMERIC.finditer(text):
            first, second = int(match[1]), int(match[3])
            if match[2] == "/" and first > 12 >= second:
                self.day_first_seen = True
            elif match[2] == "/" and second > 12 >= first:
                self.month_first_seen = True

    @property
    def day_first(self) -> bool | None:
        return None if self.day_first_seen == self.month_first_seen else self.day_first_seen


def day_first_of(values: Iterable[Any]) -> bool | None:
    """How a file writes its slashed dates, from all of them (`DayOrder`): what a site's export
    (Goodreads, Letterboxd) re-saved by a spreadsheet in the reader's locale says as a whole."""
    order = DayOrder()
    for value in values:
        order.see(value)
    return order.day_first


def _in_line(text: str, day_first: bool | None) -> str | None:
    """The one date inside a short line of words ("Reviewed in France on 3 May 2021")."""
    if len(text) > _IN_LINE:
        return None
    found: set[str] = set()
    for pattern, order in ((_YMD, "ymd"), (_MONTH_FIRST, "Mdy"), (_DAY_FIRST, "dMy"), (_NUMERIC, "")):
        for match in pattern.finditer(text):
            if order in ("ymd", "") and "." in match[0] and not _BEFORE_DOTTED.search(text, 0, match.start()):
                continue  # "Version 2.1.2019": not where a date field puts its date
            day = _read(match, order) if order else _numeric(match, day_first)
            if day is not None:
                found.add(day)
    return found.pop() if len(found) == 1 else None


def _time(value: Any, text: str) -> tuple[bool, str | None]:
    """(True, ISO text) for unix seconds or milliseconds (a number or digits) and an ISO date and
    time; (True, None) for a number that is no time (NaN, infinity); (False, None) for the rest."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            return True, None
        return True, epoch_date(int(value) // 1000 if abs(value) >= 10**11 else int(value))
    if text.isdigit() and len(text) in (9, 10, 12, 13):
        return True, epoch_date(int(text) // (1000 if len(text) >= 12 else 1))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}.*", text):
        return True, iso_date(text)
    return False, None


def _whole_form(text: str, patterns: _Patterns, months: dict[str, int]) -> tuple[bool, str | None]:
    """(True, the day) when all of `text` is one of `patterns` with a month in `months`; the day is
    None when it cannot be (Feb 30): such a field says no date, as it always did."""
    for pattern, order in patterns:
        match = pattern.fullmatch(text)
        if match and ("M" not in order or match[order.index("M") + 1].lower() in months):
            return True, _read(match, order, months)
    return False, None


def date_of(value: Any, day_first: bool | None = None) -> str | None:
    """A date as ISO 8601: `2020-05-20` for a day, `2014-02-28T00:00:00Z` for a unix time.

    Unix seconds or milliseconds (numbers or digit strings), `2020/05/20`, `2020-05-20 10:00`,
    `May 20, 2020`, `20 May 2020`, Amazon's `05 20, 2020`, `31/10/2018`, and the one date in a
    scraper's line of words; other text is kept as given. `day_first`: how the file writes a
    slashed date that could be either (`DayOrder`)."""
    text = clean(as_str(value))
    timed, stamp = _time(value, text)
    if timed or not text:
        return stamp
    read, day = _whole_form(text, _PATTERNS, MONTHS)
    if read:
        return day
    numeric = _NUMERIC.fullmatch(text)
    return (_numeric(numeric, day_first) if numeric else None) or _in_line(text, day_first) or iso_date(text)


def named_date(value: Any) -> str | None:
    """The date a row without an id is named by (`content_ids`): exactly what `date_of` gave before
    scrapers' lines, other languages and day/month orders were read — an impossible day (Feb 30)
    named it by nothing, other text by its words. A date read newly must not rename the row:
    re-imported, it would come in twice, the notes left on the first copy."""
    text = clean(as_str(value))
    timed, stamp = _time(value, text)
    if timed or not text:
        return stamp
    read, day = _whole_form(text, _PATTERNS_BEFORE, _MONTHS_BEFORE)
    return day if read else iso_date(text)
