"""Where sentences end: one reading for the title made of a review's first sentence and for
quote mode's sentence cursor.

Why one: the two read sentences apart (titles learnt that "Dr." and "J. K." end no sentence;
quote mode still split "Mr. Smith" in two), and a reader sees both.

A sentence ends at . ! ? … (a run of them: "Wait..." "Really?!") with its closing quotes and
brackets, before a space or the end; a CJK full stop ends one with no space after it. A full
stop after an abbreviation ("Mr.", "St.", "etc.") or an initial ("J. K.", "e.g.") ends none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A CJK run of marks with its closers, or a run of . ! ? … with its quotes before a space or the end:
# `END_PLAIN`, written to open with one class of every mark (each branch then checks which kind it
# began with) because `re` skips ahead to such a class in C but tries a `+` or a choice at every
# position: finding IMDB reviews' first sentences took 8x as long (a test holds the two equal).
END_PLAIN = r"[。！？]+[”’」』）]*|[.!?…]+[\"”’)\]]*(?=\s|$)"
_END = re.compile(r"[。！？.!?…](?:(?<=[。！？])[。！？]*[”’」』）]*|(?<=[.!?…])[.!?…]*[\"”’)\]]*(?=\s|$))")
_WORD_BEFORE = re.compile(r"(?:^|[\s(\"“‘.])(\w+)$")  # a whole word (not the "s" of "B's")
_ABBREVIATED = "mr mrs ms mx dr st jr sr prof rev fr mt ave blvd vs etc inc ltd corp dept gen col lt sgt capt approx"
_ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_LONGEST = max(map(len, _ABBREVIATIONS))


def sentence_ends(text: str) -> Iterator[int]:
    """The offset just past each sentence's end mark (and its closing quotes), in order."""
    for match in _END.finditer(text):
        if match.group()[0] == "." and match.group()[1:2] != "." and _abbreviated(text, match.start()):
            continue
        yield match.end()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, in order: every word in exactly one, no span
    starting or ending with a space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in (*sentence_ends(text), len(text)):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + len(piece) - len(piece.lstrip())
            spans.append((first, first + len(stripped)))
        start = end
    return spans


def first_sentence_end(text: str) -> int:
    """Where the first sentence of `text` ends (its length when it has one sentence)."""
    return next(sentence_ends(text), len(text))


def _abbreviated(text: str, stop: int) -> bool:
    """Whether the word just before the full stop at `stop` is an abbreviation or an initial."""
    before = text[max(0, stop - _LONGEST - 2) : stop]  # what could hold one: no copy of all before it
    word = _WORD_BEFORE.search(before)
    if word is None or len(word.group(1)) > _LONGEST:  # (a word cut by the slice is longer than any)
        return False
    name = word.group(1)
    return (len(name) == 1 and name.isalpha()) or name.lower() in _ABBREVIATIONS
