"""A fast greedy word wrap by terminal cells, breaking where Unicode line breaking allows.

Rich's and Textual's wrappers build styled objects per line; a thread of 1,000
comments must lay out in milliseconds, so comment bodies are wrapped here as
plain strings and styled only when a line is drawn. `line_offsets` and `columns` map a
wrapped line back to its text, where `wrap` collapsed whitespace: the styled spans of a
paragraph and the quote cursor are placed with them.

Text in scripts written with spaces breaks at spaces. Text holding a script written without
them takes its break opportunities from UAX #14 (wcwidth's `iter_line_breaks`): Chinese and
Japanese break between ideographs but never inside `Roguelike` or `250`, never before
`，。！）」…` nor after `（「`. wcwidth is imported then only: it costs a start ~15 ms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from rich.cells import cell_len, chop_cells, get_character_cell_size


def wrap(text: str, width: int, *, hanging: bool = False) -> list[str]:
    """Lines of at most `width` cells; paragraphs (newlines) kept, long words cut.

    A paragraph's leading spaces stay before its first line, wrapped or not (a code block's
    `  * endlessly…` lost them only when it was too long for one line); with `hanging` (code)
    every line the paragraph wraps to starts with them too, while the rest leaves room."""
    width = max(width, 1)
    measure = len if text.isascii() else cell_len  # most review text: no wide characters
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if measure(paragraph) <= width:
            lines.append(paragraph.rstrip())
            continue
        words = " ".join(paragraph.split())
        indent = " " * (len(paragraph) - len(paragraph.lstrip(" ")))
        if hanging and indent and width - len(indent) >= _HANGING_ROOM:
            start = len(lines)
            _fill(words, width - len(indent), lines)
            lines[start:] = [indent + line for line in lines[start:]]
        else:
            _fill(indent + words, width, lines)
    return lines


_HANGING_ROOM = 10  # cells a hanging indent leaves at least; deeper, the wrapped lines start at the margin


class _Layout(NamedTuple):
    """A paragraph cut where a line may break: where each segment starts (and the end), and the
    cells up to each segment's end without and with its trailing space."""

    starts: list[int]
    visible: list[int]
    full: list[int]


@lru_cache(maxsize=4096)  # as `blocks`: each pane lays a body out again at every width and repaint
def _layout(paragraph: str) -> _Layout:
    if paragraph.isascii() or not _without_spaces(paragraph):  # spaces are the breaks
        ends = [match.end() for match in _WORD.finditer(paragraph)]
    else:
        from wcwidth import iter_line_breaks

        # no break after a hyphen, as in ASCII text: `well-known` stays whole whatever else the paragraph holds
        ends = [opportunity.index for opportunity in iter_line_breaks(paragraph, hyphens=False)]
    starts = [0, *ends]
    if paragraph.isascii():
        full = ends
    elif "\u200d" in paragraph or "\ufe0f" in paragraph:  # joined emoji: widths add up per segment only
        full = list(accumulate(cell_len(paragraph[start:end]) for start, end in pairwise(starts)))
    else:  # per character, in one C-level pass
        cells = [0, *accumulate(map(get_character_cell_size, paragraph))]
        full = [cells[end] for end in ends]
    visible = [total - (paragraph[end - 1] == " ") for total, end in zip(full, ends, strict=True)]
    return _Layout(starts, visible, full)


_WORD = re.compile(r"\S+ ?")
# Scripts written without spaces between words, (first, last) code points: Thai, Lao, Myanmar, Khmer;
# CJK (radicals to Yi, Hangul, compatibility ideographs and forms, fullwidth forms, the supplementary
# ideographs). Not a regex character class: compiling one over these ranges cost every start ~4 ms.
_WITHOUT_SPACES = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x2E80, 0xA4CF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)
_WITHOUT_SPACES_FIRSTS = [first for first, _ in _WITHOUT_SPACES]


def _without_spaces(paragraph: str) -> bool:
    """Whether `paragraph` holds a character of a script written without spaces (each distinct one looked up)."""
    for char in set(paragraph):
        index = bisect_right(_WITHOUT_SPACES_FIRSTS, ord(char)) - 1
        if index >= 0 and ord(char) <= _WITHOUT_SPACES[index][1]:
            return True
    return False


def _fill(paragraph: str, width: int, lines: list[str]) -> None:
    """Greedy fill of one paragraph (whitespace collapsed): each line ends at the last break
    whose text (trailing space aside) fits, found by bisection rather than word by word."""
    starts, visible, full = _layout(paragraph)
    if not visible:
        lines.append("")
    index, start, before = 0, 0, 0  # the line's first segment, its first character, the cells before it
    while index < len(visible):
        last = bisect_right(visible, before + width, index) - 1
        if last < index:  # a URL or a 1 MB "word": cut it into full lines, its tail begins the next
            word = paragraph[start : starts[index + 1]].rstrip(" ")
            pieces = _pieces(word, width)
            if len(pieces) > 1:
                lines.extend(pieces[:-1])
                start += len(word) - len(pieces[-1])
                before = visible[index] - cell_len(pieces[-1])
                continue
            last = index  # one character wider than the line (2 cells at width 1): it overflows
        lines.append(paragraph[start : starts[last + 1]].rstrip(" "))
        index, start, before = last + 1, starts[last + 1], full[last]


_BREAKS = ("/?&=#", "-_.,;")  # a URL splits after one of these rather than mid-word


def _pieces(word: str, width: int) -> list[str]:
    """A word wider than `width` as lines, each cut after a URL separator in its second half
    (`example.com/` | `some-long-path`), else before a run of letters and digits that a line
    can hold (`（` | `Roguelike`), else at the width."""
    if len(word) > 20 * width:  # a 1 MB "word": no separators worth looking for
        return [piece for piece in chop_cells(word, width) if piece]
    pieces: list[str] = []
    while cell_len(word) > width and len(word) > 1:
        head = chop_cells(word, width)[0] or word[0]  # a 2-cell character in a 1-cell line overflows (was: looped)
        for breaks in _BREAKS:  # between path parts first, inside a slug only when none fits
            cut = max(head.rfind(char) for char in breaks) + 1
            if cut > len(head) // 2:
                head = head[:cut]
                break
        else:
            head = head[: _run_start(word, len(head), width)]
        pieces.append(head)
        word = word[len(head) :]
    return [*pieces, word]


def _run_start(word: str, cut: int, width: int) -> int:
    """`cut`, or the start of the letter-and-digit run it would split when that run fits a line."""
    if not (_in_run(word[cut - 1]) and cut < len(word) and _in_run(word[cut])):
        return cut
    start, end = cut, cut
    while start > 0 and _in_run(word[start - 1]):
        start -= 1
    while end < len(word) and _in_run(word[end]):
        end += 1
    return start if start > 0 and cell_len(word[start:end]) <= width else cut


def _in_run(char: str) -> bool:
    """A letter or digit of an alphabetic script (Latin, Greek, Cyrillic…), not an ideograph."""
    return char.isalnum() and char < "\u1100"


def line_offsets(text: str, lines: list[str]) -> list[list[int]]:
    """For each wrapped line, the offset in `text` of each of its characters (plus its end).

    `wrap` keeps every non-space character in order and only drops or collapses
    whitespace, so one walk along `text` lines the two up.
    """
    result: list[list[int]] = []
    position, size = 0, len(text)
    for line in lines:
        offsets: list[int] = []
        for char in line:
            if char.isspace():
                offsets.append(position)
                if position < size and text[position].isspace():
                    position += 1
                continue
            while position < size and text[position] != char and text[position].isspace():
                position += 1
            offsets.append(position)
            position += 1
        offsets.append(position)
        result.append(offsets)
    return result


def columns(offsets: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The characters of one line that fall in [start, end), or None."""
    first = bisect_left(offsets, start, 0, len(offsets) - 1)
    last = bisect_left(offsets, end, 0, len(offsets) - 1)
    return (first, last) if last > first else None
