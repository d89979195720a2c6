"""Text laid out for the width it is drawn at: lines that hang under a column, a header cut to one line.

Textual wraps a `Content` to its widget's width from column 0: a key's description in help
went on under the keys, a long review title in the notes screen took a whole header over five
lines and pushed its date off. `Fitted` asks its own layout for each width it is drawn at (an
option of a list, a `Static`), so the choice of what to cut or where to hang is made there.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

WIDE = 10_000  # the width a `Fitted` is read at as text (`str`): nothing wraps


class Fitted(Visual):
    """The `Content` that `lay(width)` gives for the width it is drawn at; each of its lines fits it."""

    def __init__(self, lay: Callable[[int], Content]) -> None:
        self._lay = lay
        self._laid: tuple[int, Content] | None = None  # the last width asked, and its layout

    def at(self, width: int) -> Content:
        width = max(1, width)
        if self._laid is None or self._laid[0] != width:
            self._laid = (width, self._lay(width))
        return self._laid[1]

    def __str__(self) -> str:
        return self.at(WIDE).plain

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.at(container_width).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.at(width).get_height(rules, width)


def hanging(head: Content, body: Content, indent: int, width: int) -> list[Content]:
    """`head` in a column of `indent` cells, `body` wrapped beside it, its further lines under its
    first (not at column 0). A head that fills the column stands on a line of its own, the body
    under the column: one space after it read as one phrase (`TripAdvisor, any table a CSV/TSV…`)."""
    room = max(1, width - indent)
    margin = Content(" " * indent)
    pad = indent - head.cell_length
    if pad < 2:
        return [head, *(margin + line for line in body.wrap(room))]
    first, *_ = body.wrap(room) or [Content("")]
    rest = body[len(first.plain) :] if body.plain.startswith(first.plain) else Content("")
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
    lines = rest.wrap(room) if rest.cell_length else []
    return [head + Content(" " * pad) + first, *(margin + line for line in lines)]
