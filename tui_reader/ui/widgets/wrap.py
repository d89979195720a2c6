"""A fast greedy word wrap by terminal cells.

Rich's and Textual's wrappers build styled objects per line; a thread of 1,000
comments must lay out in milliseconds, so comment bodies are wrapped here as
plain strings and styled only when a line is drawn. `line_offsets` and `columns` map a
wrapped line back to its text, where `wrap` collapsed whitespace: the styled spans of a
paragraph and the quote cursor are placed with them.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.cells import cell_len, chop_cells


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells; paragraphs (newlines) kept, long words cut."""
    width = max(width, 1)
    measure = len if text.isascii() else cell_len  # most review text: no wide characters
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if measure(paragraph) <= width:
            lines.append(paragraph.rstrip())
            continue
        line: list[str] = []
        used = 0
        for word in paragraph.split():
            size = measure(word)
            if size > width:  # a URL or a 1 MB "word": cut it into full lines
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0
                pieces = _pieces(word, width)
                lines.extend(pieces[:-1])
                word = pieces[-1]
                size = measure(word)
            if line and used + 1 + size > width:
                lines.append(" ".join(line))
                line, used = [], 0
            used += size + (1 if line else 0)
            line.append(word)
        lines.append(" ".join(line))
    return lines


_BREAKS = ("/?&=#", "-_.,;")  # a URL splits after one of these rather than mid-word


def _pieces(word: str, width: int) -> list[str]:
    """A word wider than `width` as lines, each cut after a URL separator in its second half
    (`example.com/` | `some-long-path`), else at the width."""
    if len(word) > 20 * width:  # a 1 MB "word": no separators worth looking for
        return chop_cells(word, width)
    pieces: list[str] = []
    while cell_len(word) > width:
        head = chop_cells(word, width)[0]
        for breaks in _BREAKS:  # between path parts first, inside a slug only when none fits
            cut = max(head.rfind(char) for char in breaks) + 1
            if cut > len(head) // 2:
                head = head[:cut]
                break
        pieces.append(head)
        word = word[len(head) :]
    return [*pieces, word]


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
