"""What the line-drawn panes share: their base class, fitting text into cells, styled segments."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.core.content.dates import full_date, readable_date
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
    block_prefixes,
    blocks,
)
from tui_reader.core.content.text import visible
from tui_reader.ui.widgets.wrap import columns, line_offsets, wrap


class LinePane(ScrollView):
    """A pane that draws itself a line at a time (`render_line`) on `frame_style`, `text_width` wide.

    Textual works `rich_style` out from every ancestor's styles on each call (~40 µs), and
    `scrollable_content_region` finds the pane's region through the screen (~10 µs); a frame
    draws up to a hundred lines a pane, so both are worked out once a frame.
    """

    _frame_style: Style | None = None
    _frame_width: int | None = None  # while a frame is drawn

    @property
    def frame_style(self) -> Style:
        """The pane's own style (colours, background) as this frame draws it."""
        if self._frame_style is None:
            self._frame_style = self.rich_style
        return self._frame_style

    @property
    def text_width(self) -> int:
        """Cells a line has, the scrollbar's aside (as this frame draws it)."""
        if self._frame_width is None:
            return self.scrollable_content_region.width
        return self._frame_width

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = self.rich_style
        self._frame_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._frame_width = None


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    return set_cell_size(cut(text, width), max(width, 0))


def strip(parts: list[tuple[str, Style]], width: int, base: Style) -> Strip:
    """One line from (text, style) parts, cut or padded to `width` cells on `base`."""
    segments = [Segment(text, base + style) for text, style in parts if text]
    return Strip(segments).adjust_cell_length(width, base)


def fit_parts(parts: list[tuple[str, Style]], width: int) -> list[tuple[str, Style]]:
    """Parts in exactly `width` cells (as `fit` does one text): padded in the last part's style,
    or cut with an ellipsis where the room runs out."""
    fitted: list[tuple[str, Style]] = []
    room = width
    for text, style in parts:
        size = cell_len(text)
        if size <= room:
            fitted.append((text, style))
            room -= size
            continue
        if room > 0:
            fitted.append((set_cell_size(text, room - 1) + "…", style))
        elif fitted:  # no room left: put the ellipsis on what is already there
            last, last_style = fitted[-1]
            fitted[-1] = (set_cell_size(last, max(0, cell_len(last) - 1)) + "…", last_style)
        return fitted
    if room > 0 and fitted:
        last, last_style = fitted[-1]
        fitted[-1] = (last + " " * room, last_style)
    return fitted


def meta_text(
    author: str | None, date: str | None, rating: float | None, source: str | None = None, *, full: bool = False
) -> str:
    """Author · date · rating (· source): the reading pane's meta line (`full`: the date spelt
    out) and the list row's second line."""
    parts = (
        author,
        (full_date(date) if full else readable_date(date)) if date else None,
        f"rating {rating:g}" if rating is not None else None,
        source,
    )
    return " · ".join(visible(part, single_line=True) for part in parts if part)


Decoration = tuple[int, int, Style]  # start, end in a line's text, and the style laid over it


def decorated(text: str, style: Style, decorations: Sequence[Decoration]) -> list[tuple[str, Style]]:
    """`text` as parts, with each decoration's style added over its span (later ones on top).

    The hook both in-pane search (match highlights) and quote mode (selection) use.
    """
    if not decorations:
        return [(text, style)]
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s, e, _ in decorations for p in (s, e))})
    parts: list[tuple[str, Style]] = []
    for start, end in pairwise(cuts):
        piece_style = style
        for s, e, extra in decorations:
            if s <= start and end <= e:
                piece_style = piece_style + extra
        parts.append((text[start:end], piece_style))
    return parts


# ---- formatted text (Markdown, HTML): blocks from the core, drawn as styled parts -------

SPAN_STYLES = {
    EMPHASIS: Style(italic=True),
    STRONG: Style(bold=True),
    CODE: Style(color="cyan"),
    LINK: Style(underline=True, color="bright_blue"),
    STRIKE: Style(strike=True),
    HEADING: Style(bold=True, underline=True),
    SPOILER: Style(reverse=True, dim=True),  # hidden words (Steam's [spoiler]): set apart, still readable
}
QUOTE_BAR = "│ "
RULE_WIDTH = 40
_PREFIX_STYLE = Style(dim=True)


class Styled(str):
    """A wrapped line of formatted text. The string is the text itself (what search, quotes and
    mouse selection see); `prefix` (quote bars, list marker, indentation) is drawn before it and
    `spans` are (start, end, style name) over it."""

    prefix: str
    spans: tuple[tuple[int, int, str], ...]

    def __new__(cls, text: str, prefix: str = "", spans: tuple[tuple[int, int, str], ...] = ()) -> Styled:
        line = super().__new__(cls, text)
        line.prefix, line.spans = prefix, spans
        return line


def formatted_lines(found: Sequence[Block], width: int) -> list[str]:
    """Blocks wrapped to `width` cells (prefix included); list items and a block's own lines
    follow each other, other blocks are one blank line apart."""
    lines: list[str] = []  # of Styled: typed as the plain lines search and quotes read
    previous: Block | None = None
    for block in found:
        if previous is not None and not (block.indent and previous.indent):
            lines.append(Styled(""))
        previous = block
        first, rest = block_prefixes(block, QUOTE_BAR)
        if block.kind == RULE:
            lines.append(Styled("", rest + "─" * max(1, min(RULE_WIDTH, width - len(rest)))))
            continue
        wrapped = wrap(block.text, max(10, width - cell_len(rest)), hanging=block.kind == CODE_BLOCK)
        if not block.spans:  # most text: no styles to place, so no need to map columns back
            lines += [Styled(text, first if row == 0 else rest) for row, text in enumerate(wrapped)]
            continue
        for row, (text, offsets) in enumerate(zip(wrapped, line_offsets(block.text, wrapped), strict=True)):
            spans = tuple(
                (*found_columns, span.style)
                for span in block.spans
                if (found_columns := columns(offsets, span.start, span.end)) is not None
            )
            lines.append(Styled(text, first if row == 0 else rest, spans))
    return lines


def body_lines(text: str, kind: str, width: int) -> list[str]:
    """A body (review paragraph or comment) as drawn: the one function both panes use."""
    return formatted_lines(blocks(text, kind), width) or [Styled("(empty)")]


def styled_parts(text: str, style: Style, decorations: Sequence[Decoration]) -> list[tuple[str, Style]]:
    """A line's prefix and text in its own styles, with search and quote decorations on top."""
    if not isinstance(text, Styled):
        return decorated(text, style, decorations)
    own = [(start, end, SPAN_STYLES.get(name, Style())) for start, end, name in text.spans]
    parts = decorated(str(text), style, [*own, *decorations])
    return [(text.prefix, style + _PREFIX_STYLE), *parts] if text.prefix else parts


def prefix_of(text: str) -> str:
    """What is drawn before a line's text (nothing for a plain line)."""
    return text.prefix if isinstance(text, Styled) else ""
