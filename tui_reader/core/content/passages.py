"""A passage — a stretch of what the reader sees of one body or of several — written out to paste.

Three ways, one selection: as it reads (what quote mode selects, what a quote keeps and a note's
anchor finds again), as `show` prints it (`y`: a link's address after its words), and as
Markdown that renders as the passage was drawn (`Y`, the Markdown export): emphasis, links, rules,
lists, quotes, code and hard line breaks kept, built from the formatter's blocks. The passage's
own characters are escaped (`markdown_text`): only the marks written here are structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from tui_reader.core.content.formatting import (
    CODE,
    CODE_BLOCK,
    EMPHASIS,
    HEADING,
    LINK,
    RULE,
    SPOILER,
    STRIKE,
    STRONG,
    Block,
    Span,
    joined,
    printed_text,
    separator,
)
from tui_reader.core.content.markdown_text import (
    autolink,
    code_fence,
    code_span,
    escaped,
    link,
    plain_markdown,
    text_line,
)
from tui_reader.core.content.sentences import sentence_ends
from tui_reader.core.content.text import shorten

Unit = Sequence[Block]  # one body (a paragraph, a comment) as the formatter laid it out
UNITS_APART = "\n\n"  # between two bodies in a selection that spans them (quote mode's `text()`)
_MARKS = {EMPHASIS: "*", STRONG: "**", HEADING: "**", STRIKE: "~~", SPOILER: ">!"}  # (a spoiler is Reddit's)
_CLOSING = {SPOILER: "!<"}
_OURS = ("*", "~", "[", "`", "<")  # a line's first character that is a mark written here (the text's are escaped)


class Passage(NamedTuple):
    text: str  # as it reads
    printed: str  # as `show` prints it: `y`
    markdown: str  # as Markdown: `Y` and the export


def passage(units: Sequence[Unit], spans: Mapping[int, tuple[int, int]]) -> Passage:
    """The passage `spans` selects: per unit, a (start, end) range of its text as it reads."""
    chosen = [_clipped(units[unit], start, end) for unit, (start, end) in sorted(spans.items())]
    return Passage(
        UNITS_APART.join(joined(found) for found in chosen),
        UNITS_APART.join(printed_text(found) for found in chosen),
        UNITS_APART.join(markdown for found in chosen if (markdown := _markdown(found))),
    )


def whole(units: Sequence[Unit]) -> Passage:
    """Every unit, all of it (a comment copied with `y`, a review selected in the list)."""
    return passage(units, {index: (0, len(joined(found))) for index, found in enumerate(units)})


def located(units: Iterable[Unit], text: str) -> Passage | None:
    """The passage whose text is `text`, starting in the first unit: a kept quote read again from
    its review (the export). None when the review no longer says it. Units are laid out only as
    far as the text can reach (a quote from a long review's first paragraph lays out one)."""
    texts: list[str] = []
    read: list[Unit] = []
    for unit in units:
        read.append(unit)
        texts.append(joined(unit))
        if sum(map(len, texts)) >= len(text) + len(texts[0]):
            break
    start = UNITS_APART.join(texts).find(text) if text else -1
    if start < 0 or start > len(texts[0]):
        return None
    spans: dict[int, tuple[int, int]] = {}
    at, end = 0, start + len(text)
    for index, unit_text in enumerate(texts):
        low, high = max(start, at), min(end, at + len(unit_text))
        if low < high:
            spans[index] = (low - at, high - at)
        at += len(unit_text) + len(UNITS_APART)
    return passage(read, spans)


def opening(unit: Unit, limit: int) -> Passage:
    """The start of a body, what a note on a whole paragraph or comment shows of it: its first
    whole sentences within about `limit` characters (`_sentences_end`); else cut at a word before
    `limit` and ended with `…`. Why sentences: a cut at a word quoted "…when he has them
    ruthlessly…", half a thought, where the sentence ended a few words later."""
    text = joined(unit)
    if len(text) <= limit:
        return whole([unit])
    end = _sentences_end(text, limit)
    if end is not None:
        return passage([unit], {0: (0, end)})
    kept = _clipped(unit, 0, len(shorten(text, limit)))
    if kept and kept[-1].kind != CODE_BLOCK and kept[-1].kind != RULE:
        kept[-1] = kept[-1]._replace(text=kept[-1].text + "…")
    else:
        kept.append(Block("…"))
    return passage([kept], {0: (0, len(joined(kept)))})


def _sentences_end(text: str, limit: int) -> int | None:
    """Where the opening sentences end: the last sentence end within `limit`; or, when that leaves
    less than half of `limit` (or none), the next one if it ends within half as much again. None
    when no sentence ends in reach (one long sentence: cut at a word instead)."""
    end = None
    for at in sentence_ends(text):
        if at <= limit:
            end = at
            continue
        if (end is None or end < limit // 2) and at <= limit * 3 // 2:
            end = at
        break
    return end


def plain(text: str) -> Passage:
    """Text with no body to read it from again (a quote whose review is gone): kept as it reads."""
    return Passage(text, text, plain_markdown(text))


def _clipped(found: Unit, start: int, end: int) -> list[Block]:
    """The blocks within [start, end) of the unit's text, each cut to it; a list item cut after
    its start loses its marker. A rule (no text) is in when the range reaches it."""
    kept: list[Block] = []
    at = 0
    for index, block in enumerate(found):
        if index:
            at += len(separator(found[index - 1], block))
        low, high = max(start, at), min(end, at + len(block.text))
        if low < high or (not block.text and start <= at <= end and start < end):
            spans = (
                span._replace(start=max(span.start, low - at) - (low - at), end=min(span.end, high - at) - (low - at))
                for span in block.spans
            )
            kept.append(
                block._replace(
                    text=block.text[low - at : high - at],
                    spans=tuple(span for span in spans if span.end > span.start),
                    marker=block.marker if low == at else "",
                )
            )
        at += len(block.text)
    return kept


def _markdown(found: Sequence[Block]) -> str:
    """The blocks as Markdown: a blank line between blocks (a line end between a list's items),
    lists nested by their own markers' widths, quotes by `>`."""
    lines: list[str] = []
    columns: list[int] = []  # where each open list item's content starts, outermost first
    previous: Block | None = None
    for block in found:
        tight = previous is not None and bool(block.marker and previous.indent and columns)
        if previous is not None and not (tight and previous.quote == block.quote):
            lines.append(_in_quote("", min(previous.quote, block.quote)))
        first, rest = _list_place(block, columns)
        for number, line in enumerate(_block_lines(block)):
            lines.append(_in_quote((rest if number else first) + line, block.quote))
        previous = block
    return "\n".join(lines)


def _in_quote(line: str, depth: int) -> str:
    return ("> " * depth + line).rstrip()


def _list_place(block: Block, columns: list[int]) -> tuple[str, str]:
    """(first line's lead, other lines' lead) of a block: a list item's marker at its parent's
    content column, a paragraph within an item at the item's. `columns` follows the open items."""
    if block.marker:
        depth = max(0, block.indent - len(block.marker)) // 2 + 1
        del columns[depth - 1 :]
        start = columns[-1] if columns else 0
        mark = "- " if block.marker == "• " else block.marker
        columns.append(start + len(mark))
        return " " * start + mark, " " * columns[-1]
    if block.indent:
        del columns[block.indent // 2 + 1 :]
        lead = " " * columns[-1] if columns else ""
        return lead, lead
    columns.clear()
    return "", ""


def _block_lines(block: Block) -> list[str]:
    if block.kind == RULE:
        return ["---"]
    if block.kind == CODE_BLOCK:
        fence = code_fence(block.text)
        return [fence, *block.text.split("\n"), fence]
    lines = [line.strip() for line in _inline(block).split("\n")]
    lines = [line if line.startswith(_OURS) else text_line(line) for line in lines]
    return [f"{line}\\" if after else line for line, after in zip(lines, [*lines[1:], ""], strict=True)]


def _inline(block: Block) -> str:
    """The block's text escaped, its styles and links as Markdown marks around it. Marks that
    meet close the inner one first; an emphasis leaves out the spaces at its edges (`* a*` is no
    emphasis); inline code is written as it is, in a fence of backticks of its own."""
    text = block.text
    events: list[tuple[int, int, int, int, str]] = []  # (place, 0 closing / 1 opening, nesting, order, mark)
    atoms: dict[int, tuple[int, str]] = {}  # start: (end, written) of text written whole, unescaped
    for order, span in enumerate(_merged(block.spans)):
        start, end = span.start, span.end
        if span.style == CODE:
            atoms[start] = (end, code_span(text[start:end].replace("\n", " ")))
            continue
        if span.style == LINK and text[start:end] == span.url and (written := autolink(span.url)):
            atoms[start] = (end, written)  # a bare address: said once
            continue
        if span.style == LINK and span.url:
            opening, closing = "[", link("", span.url)[1:]
        elif span.style in _MARKS:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            opening, closing = _MARKS[span.style], _CLOSING.get(span.style, _MARKS[span.style])
        else:
            continue
        if start < end:
            events += [(start, 1, -end, order, opening), (end, 0, -start, -order, closing)]
    events.sort()
    parts: list[str] = []
    at = index = 0
    while True:
        while index < len(events) and events[index][0] <= at:
            parts.append(events[index][-1])
            index += 1
        if at >= len(text):
            return "".join(parts)
        if at in atoms:
            at, written = atoms[at]
            parts.append(written)
            continue
        stops = [place for place, *_ in events[index : index + 1]] + [start for start in atoms if start > at]
        following = min([*stops, len(text)])
        parts.append(escaped(text[at:following]))
        at = following


def _merged(spans: Sequence[Span]) -> list[Span]:
    """Spans of one mark that meet made one (`*a**b*` reads as neither), and one within another of
    its mark left out (`**` then `*` over the same words read as strong): each draws as the other."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        mark = _MARKS.get(span.style)
        same = [i for i, kept in enumerate(merged) if mark and _MARKS.get(kept.style) == mark]
        if any(merged[i].start <= span.start and span.end <= merged[i].end for i in same):
            continue
        meeting = next((i for i in same if merged[i].end == span.start), None)
        if meeting is not None:
            merged[meeting] = merged[meeting]._replace(end=span.end)
        else:
            merged.append(span)
    return merged
