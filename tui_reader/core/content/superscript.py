"""Reddit's superscript (`^(12)`, `^word`) as a reader sees it.

Reddit draws `^(...)` and `^word` raised and small; shown as typed, a citation read
"fermentation^(12)^(,)^(44)". A terminal has no small type: a group all of whose characters
have a Unicode superscript (footnote numbers) is written in those, any other group as its
plain words, and the `^` and parentheses are gone either way.
"""

from __future__ import annotations

import re

_RAISED = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_HAS_RAISED = frozenset("0123456789+-=()")
# `^(group)` closed in this run of text, `^(` left open (it closes in a later run, past a link or
# emphasis), or `^word` up to the next space; `^^word` (nested) is raised once.
_GROUP = re.compile(r"\^+\(([^()\n]*)\)|\^+\(|\^+([^\s^()]+)")


def raised(words: str) -> str:
    """The words in superscript characters when every one has one, else as they are."""
    return words.translate(_RAISED) if words and set(words) <= _HAS_RAISED else words


def superscripts(text: str, open_group: bool) -> tuple[str, bool]:
    """`text` with its superscript marks read, and whether a `^(` is still open at its end.
    `open_group`: a `^(` opened in an earlier run: this run's first `)` closes it.

    A loop, not recursion: each `^(` left open had recursed twice, and a post of ~600 of them
    (`^((a)` repeated, well inside Reddit's 10,000 characters) ended `show` with RecursionError."""
    parts: list[str] = []
    at = 0
    while True:
        if open_group:
            close = text.find(")", at)
            if close < 0:
                parts.append(text[at:])
                return "".join(parts), True
            parts.append(text[at:close])
            at, open_group = close + 1, False
        if "^" not in text[at:]:
            parts.append(text[at:])
            return "".join(parts), False
        for match in _GROUP.finditer(text, at):
            parts.append(text[at : match.start()])
            at = match.end()
            if match[0].endswith("(") and match[1] is None:  # `^(` with no `)` in this run
                open_group = True
                break
            parts.append(raised(match[1] if match[1] is not None else match[2]))
        else:
            parts.append(text[at:])
            return "".join(parts), False
