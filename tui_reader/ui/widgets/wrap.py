"""A fast greedy word wrap by terminal cells.

Rich's and Textual's wrappers build styled objects per line; a thread of 1,000
comments must lay out in milliseconds, so comment bodies are wrapped here as
plain strings and styled only when a line is drawn.
"""

from __future__ import annotations

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
