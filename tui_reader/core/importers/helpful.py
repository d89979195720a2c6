"""Who found a review helpful, as the sources say it: one reader for every importer.

Amazon's 2014 schema says `"helpful": [13, 14]`, IMDb's pages and many scraped tables
`13 out of 14 found this helpful` or `13 of 14`, others a bare count (`12`, `"1,234"`,
`12 people found this helpful`, Amazon's `One person found this helpful`). The second number is
kept (`Review.voters`) when someone voted: 0 of 14 is a verdict, 0 of 0 is nobody voting, stored
as no voters as it always was. A pair that cannot be (13 of 12) keeps its count only.
"""

from __future__ import annotations

import re
from typing import Any

from tui_reader.core.importers.sites import int_of

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"  # 14, 1,234
# `13 of 14`, `13 out of 14 found this helpful`, `13/14`, `[13, 14]` (a list written as text)
_PAIR = re.compile(rf"\[?\s*{_NUMBER}\s*(?:out\s+of|of|/|,\s*(?=\d+\s*\]))\s*{_NUMBER}\s*\]?(?:\s+\D.*)?", re.I | re.S)
# `12 people found this helpful`, `12 votes`, `One person found this helpful`
_COUNT = re.compile(rf"({_NUMBER}|one)\s+[^\W\d].*", re.S | re.I)
_MOST = 2**62  # what an int column of the catalog holds


def helpful_of(value: Any) -> tuple[int | None, int | None]:
    """(how many found it helpful, how many voted at all): `(13, 14)`, `(12, None)`, `(None, None)`."""
    if isinstance(value, list | tuple):
        return _pair(int_of(value[0]) if value else None, int_of(value[1]) if len(value) > 1 else None)
    if isinstance(value, str):
        text = value.strip()
        if match := _PAIR.fullmatch(text):
            return _pair(_whole(match[1]), _whole(match[2]))
        if match := _COUNT.fullmatch(text):
            return _pair(_whole(match[2]) if match[2] else 1, None)
    return _pair(int_of(value), None)


def _whole(digits: str) -> int:
    return int(digits.replace(",", ""))


def _pair(votes: int | None, voters: int | None) -> tuple[int | None, int | None]:
    """A count alone as it came (a table's net score may be below 0); voters only when someone
    voted and the count can be theirs."""
    if votes is None or abs(votes) >= _MOST:
        return None, None
    return votes, voters if voters is not None and 0 <= votes <= voters < _MOST and voters > 0 else None
