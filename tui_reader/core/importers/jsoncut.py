"""A JSON document cut short (a download stopped, a disk filled) read up to its last whole record.

A dump is a collection of records: a JSON array of objects (Amazon's, a Steam API answer's
`reviews`, a thread's comments), or an object keyed by id whose values are objects (a Steam dump,
a Reddit scrape). Where a file ends early, the record it was writing is half a record: it is left
out whole, never kept in part (a review without its end, a comment without its text), and what
holds the collection is closed around the records before it. The collection is the innermost
container at the cut whose whole elements so far are all objects: in a nested thread that is the
replies being written, or the comments around them when that reply was the first. A file cut after
its records, in the fields around them, keeps the fields before the cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson

# A whole string (skipped: its brackets and commas are text), a bracket or a comma, or a lone quote:
# a string the file ends inside.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]|"', re.DOTALL)
ENDS_EARLY = "unexpected end of data"  # what orjson says of a document cut short, wherever it is cut


class _Open:
    """A container the cut falls in: where its last whole element ends, and what those were."""

    __slots__ = ("closed_child", "closer", "end", "holds", "mixed", "whole")

    def __init__(self, opener: str, end: int) -> None:
        self.closer = "]" if opener == "[" else "}"
        self.end = end  # after its last whole element (or its opening bracket)
        self.whole = 0  # whole elements (an object's members)
        self.mixed = False  # one of them was not an object: no collection of records
        self.closed_child: str | None = None  # the closer of a child container that ended the last element
        self.holds = False  # a whole element of it is (or holds) a collection of records

    @property
    def collection(self) -> bool:
        return self.whole > 0 and not self.mixed


def records_before_the_cut(text: str, error: orjson.JSONDecodeError) -> Any | None:
    """The document as far as its last whole record, when `error` says it ends early; else None (not
    cut short, no collection found, or not one whole record before the cut)."""
    if error.msg != ENDS_EARLY:
        return None
    closed = closed_at_last_record(text)
    if closed is None:
        return None
    try:
        return orjson.loads(closed)
    except orjson.JSONDecodeError:
        return None


def closed_at_last_record(text: str) -> str | None:
    """The text of a document cut short, ended after the last whole record of the innermost
    collection at the cut and closed (`]`, `}`); None when there is none."""
    stack: list[_Open] = []
    for token in _TOKEN.finditer(text):
        mark = token[0]
        if mark in "[{":
            stack.append(_Open(mark, token.end()))
        elif mark in "]}":
            if not stack:
                return None
            child = stack.pop()
            if not stack:
                return None  # the document is whole: nothing was cut
            parent = stack[-1]
            parent.end, parent.closed_child = token.end(), child.closer
            parent.whole += 1
            parent.mixed |= child.closer != "}"
            parent.holds |= child.holds or child.collection
        elif mark == ",":
            if stack:
                current = stack[-1]
                if current.closed_child is None:  # the element before the comma was a string, a number
                    current.whole += 1
                    current.mixed = True
                current.end, current.closed_child = token.start(), None
        elif len(mark) == 1:  # a lone quote: the file ends inside a string
            break
    depth = _innermost(stack, lambda found: found.collection)
    if depth is None:  # cut after the records, in the fields around them (a Steam answer's `cursor`)
        depth = _innermost(stack, lambda found: found.holds)
    if depth is None:
        return None
    kept = stack[: depth + 1]
    return text[: kept[-1].end] + "".join(container.closer for container in reversed(kept))


def _innermost(stack: list[_Open], wanted: Callable[[_Open], bool]) -> int | None:
    return next((depth for depth in range(len(stack) - 1, -1, -1) if wanted(stack[depth])), None)
