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

from tui_reader.core.content.dates import readable_date
from tui_reader.core.content.text import visible


class LinePane(ScrollView):
    """A pane that draws itself a line at a time (`render_line`) on `frame_style`.

    Textual works `rich_style` out from every ancestor's styles on each call (~40 µs);
    a frame draws up to a hundred lines a pane, so it is worked out once a frame.
    """

    _frame_style: Style | None = None

    @property
    def frame_style(self) -> Style:
        """The pane's own style (colours, background) as this frame draws it."""
        if self._frame_style is None:
            self._frame_style = self.rich_style
        return self._frame_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = self.rich_style
        return super().render_lines(crop)


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


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


def meta_text(author: str | None, date: str | None, rating: float | None, source: str | None = None) -> str:
    """Author · date · rating (· source): the reading pane's meta line and the list row's second line."""
    parts = (
        author,
        readable_date(date) if date else None,
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
