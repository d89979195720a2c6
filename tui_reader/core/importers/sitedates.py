"""Dates as review sites and their scrapers write them, read into ISO 8601.

A site's own export is regular (`2020/05/20`, unix seconds, Amazon's `05 20, 2020`); a
scraper keeps the words the page shows around the date ("Reviewed in the United States on
March 3, 2021", "Avis écrit le 22 juin 2015", "Written 3 June 2019") in the page's
language. The date is found inside such a line, with month names in English, French,
Spanish, Portuguese, Italian, German and Dutch; a line with no date, or two, is kept as given.
"""

from __future__ import annotations

import re
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
_PATTERNS = ((_YMD, "ymd"), (_AMAZON, "mdy"), (_MONTH_FIRST, "Mdy"), (_DAY_FIRST, "dMy"))
_FORMS_BEFORE = re.compile(  # the forms read before scrapers' lines were (`named_date`)
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2} \d{1,2}, \d{4}"
    r"|(?P<first>[A-Za-z]{3,9})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?P<second>[A-Za-z]{3,9})\.?,?\s+\d{4}"
)
_IN_LINE = 120  # a longer text is not a date field with words around its date


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day, tzinfo=UTC).date().isoformat()
    except ValueError:
        return None


def _read(match: re.Match[str], order: str) -> str | None:
    parts = dict(zip(order, match.groups(), strict=True))
    month = MONTHS.get(parts["M"].lower()) if "M" in parts else int(parts["m"])
    return _ymd(int(parts["y"]), month, int(parts["d"])) if month is not None else None


def _numeric(match: re.Match[str]) -> str | None:
    """`22.06.2015` is day first; with slashes only a part over 12 says which is the day."""
    first, sep, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
    if sep == "." or (first > 12 >= second):
        return _ymd(year, second, first)
    if second > 12 >= first:
        return _ymd(year, first, second)
    return None  # 03/04/2015: March or April, the file does not say


def _in_line(text: str) -> str | None:
    """The one date inside a short line of words ("Reviewed in France on 3 May 2021")."""
    if len(text) > _IN_LINE:
        return None
    found: set[str] = set()
    for pattern, order in ((_YMD, "ymd"), (_MONTH_FIRST, "Mdy"), (_DAY_FIRST, "dMy")):
        for match in pattern.finditer(text):
            day = _read(match, order)
            if day is not None:
                found.add(day)
    for match in _NUMERIC.finditer(text):
        day = _numeric(match)
        if day is not None:
            found.add(day)
    return found.pop() if len(found) == 1 else None


def date_of(value: Any) -> str | None:
    """A date as ISO 8601: `2020-05-20` for a day, `2014-02-28T00:00:00Z` for a unix time.

    Unix seconds or milliseconds (numbers or digit strings), `2020/05/20`, `2020-05-20 10:00`,
    `May 20, 2020`, `20 May 2020`, Amazon's `05 20, 2020`, `31/10/2018`, and the one date in a
    scraper's line of words; other text is kept as given."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return epoch_date(int(value) // 1000 if abs(value) >= 10**11 else int(value))
    text = clean(as_str(value))
    if not text:
        return None
    if text.isdigit() and len(text) in (9, 10, 12, 13):
        return epoch_date(int(text) // (1000 if len(text) >= 12 else 1))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}.*", text):
        return iso_date(text)
    for pattern, order in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            day = _read(match, order)
            if day is not None:
                return day
    numeric = _NUMERIC.fullmatch(text)
    return (_numeric(numeric) if numeric else None) or _in_line(text) or iso_date(text)


def named_date(value: Any) -> str | None:
    """The date a row without an id is named by (`content_ids`): `date_of` for the forms read
    before scrapers' lines and other languages were, the words as written for the rest. A date
    read newly must not rename the row: re-imported, it would come in twice, the notes left on
    the first copy."""
    text = clean(as_str(value))
    if isinstance(value, int | float) or (text.isdigit() and len(text) in (9, 10, 12, 13)):
        return date_of(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}.*", text):
        return date_of(value)
    form = _FORMS_BEFORE.fullmatch(text)
    month = (form["first"] or form["second"] or "").lower() if form else ""
    if form and (not month or month in _READ_BEFORE.replace("/", " ").split()):
        return date_of(value)
    return iso_date(text) if text else None
