"""A body's text as read with its spoilers' words hidden: what a list row's excerpt and a search
snippet show, where the words cannot be set apart as the reading pane sets them (a row is one line
of plain text; `search` prints to a pipe).

Why one place: the excerpt and the snippet showed a Goodreads or Steam spoiler's words as any
other ("Has the answer is 42 in it."), while `show` said `[spoiler: …]`. A spoiler is `[spoiler]`
here; words a search matched inside one are shown, and only they (`[spoiler: …answer…]`): the
reader asked for them, not for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tui_reader.core.content.formatting import (
    REDDIT_MARKDOWN,
    SPOILER,
    SPOILER_MARKDOWN,
    blocks,
    plain_text,
    separator,
)

Span = tuple[int, int]
HIDDEN = "[spoiler]"  # a spoiler none of whose words are shown
SHOWN_OPEN, SHOWN_CLOSE = "[spoiler: ", "]"  # around the words of a spoiler a search matched
GAP = "…"  # a spoiler's words left out between those shown
# Where a spoiler starts and ends in `marked` text: controls, which no block's text holds (`visible`).
_START, _END = "\x02", "\x03"
_EDGE = re.compile(f"[{_START}{_END}]")


def may_hide(text: str, kind: str) -> bool:
    """Whether a body stored as `kind` may hold a spoiler (Reddit's `>!…!<`, as Goodreads' and
    Steam's are stored): the others are read as they were, no layout made."""
    return kind in (SPOILER_MARKDOWN, REDDIT_MARKDOWN) and ">!" in text


def all_hidden(spoiler: bool, paragraphs: Sequence[str], kind: str) -> bool:
    """Whether the whole review is a spoiler: its source flags it one (Goodreads' and Letterboxd's
    "Spoiler" column, a table's) and hides none of its words apart (a flag that marked spoilers
    explain, Steam's or Goodreads' `[spoiler]`, hides those only)."""
    return spoiler and not any(may_hide(paragraph, kind) for paragraph in paragraphs)


def marked(text: str, kind: str) -> str:
    """`plain_text(text, kind)` with each spoiler's words between two marks (`spoiler_ranges` reads
    them); the plain text itself when it holds none."""
    if not may_hide(text, kind):
        return plain_text(text, kind)
    found = blocks(text, kind)
    parts: list[str] = []
    for index, block in enumerate(found):
        if index:
            parts.append(separator(found[index - 1], block))
        at = 0
        for span in sorted((s for s in block.spans if s.style == SPOILER), key=lambda s: s.start):
            if span.start < at:  # (spoilers do not nest: the outer one holds it)
                continue
            parts += [block.text[at : span.start], _START, block.text[span.start : span.end], _END]
            at = span.end
        parts.append(block.text[at:])
    return "".join(parts)


def spoiler_ranges(text: str) -> tuple[str, tuple[Span, ...]]:
    """`marked` text (whitespace collapsed or not) without its marks, and where its spoilers are."""
    if _START not in text:
        return text, ()
    parts: list[str] = []
    ranges: list[Span] = []
    size, at, start = 0, 0, 0
    for edge in _EDGE.finditer(text):
        parts.append(text[at : edge.start()])
        size += edge.start() - at
        if edge.group() == _START:
            start = size
        elif size > start:
            ranges.append((start, size))
        at = edge.end()
    parts.append(text[at:])
    return "".join(parts), tuple(ranges)


def masked(text: str, hidden: Sequence[Span], shown: Sequence[Span] = ()) -> tuple[str, tuple[Span, ...]]:
    """`text` with each range of `hidden` (its spoilers) replaced: by `[spoiler]`, or by the words
    `shown` (a search's matches) picks in it, `[spoiler: …answer…]`. The spans of `shown` are given
    back in the new text (one that crosses a spoiler's edge covers the mark there too); those in
    no word shown are dropped."""
    if not hidden:
        return text, tuple(shown)
    parts: list[str] = []
    moved: list[tuple[Span, Span]] = []  # (a stretch of `text`, where it went) for the spans kept
    size = at = 0

    def keep(start: int, end: int) -> None:
        nonlocal size
        parts.append(text[start:end])
        moved.append(((start, end), (size, size + end - start)))
        size += end - start

    def put(words: str) -> None:
        nonlocal size
        parts.append(words)
        size += len(words)

    for start, end in hidden:
        keep(at, start)
        inside = _merged((max(s, start), min(e, end)) for s, e in shown if s < end and e > start)
        if not inside:
            put(HIDDEN)
        else:
            put(SHOWN_OPEN + (GAP if inside[0][0] > start else ""))
            for number, (s, e) in enumerate(inside):
                put(GAP if number else "")
                keep(s, e)
            put((GAP if inside[-1][1] < end else "") + SHOWN_CLOSE)
        at = end
    keep(at, len(text))
    return "".join(parts), tuple(_moved(shown, moved))


def _merged(spans: Iterable[Span]) -> list[Span]:
    """The spans in order, those that overlap or touch made one."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _moved(spans: Sequence[Span], moved: Sequence[tuple[Span, Span]]) -> list[Span]:
    """Each span's part in a kept stretch, where that stretch went; spans wholly hidden are dropped."""
    out: list[Span] = []
    for start, end in spans:
        pieces = [
            (new + max(start, old) - old, new + min(end, old_end) - old)
            for (old, old_end), (new, _) in moved
            if max(start, old) < min(end, old_end)
        ]
        if pieces:
            out.append((pieces[0][0], pieces[-1][1]))
    return out


def hidden_plain(text: str, kind: str) -> str:
    """The body as read with every spoiler `[spoiler]`: a list row's excerpt."""
    return masked(*spoiler_ranges(marked(text, kind)))[0]
