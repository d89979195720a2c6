"""The review list: a line-drawn view over the library's catalog columns.

A ListView took ~50 s to paint 10k rows; this draws only the rows on screen, reading
each from `store.summary(i)` when drawn, so 100k reviews paint as fast as 10.
`order` maps rows to library positions (sorting and filtering never copy reviews).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from tui_reader.core.content.dates import relative_age
from tui_reader.core.content.ratings import star_glyphs
from tui_reader.core.content.text import visible
from tui_reader.ui.widgets.lines import LinePane, decorated, fit, fit_parts, strip
from tui_reader.ui.widgets.row_about import about_parts
from tui_reader.ui.widgets.wrap import wrap

if TYPE_CHECKING:
    from tui_reader.core.content.models import Summary
    from tui_reader.core.search import Hit

ROW_HEIGHT = 2
COUNT_CELLS, AGE_CELLS = 5, 7  # right-aligned columns: comments (` 202`), age (` 59 min`)
SPOILER_MARK = "⚠"
KIND_MARKS = {"body": "¶", "comment": "›", "note": "✎", "quote": "❝"}  # where a filter's snippet comes from


def count_text(count: int) -> str:
    """A comment count in at most four cells (`202`, `9999`, `12k`); `` for none."""
    if count <= 0:
        return ""
    return str(count) if count < 10_000 else f"{min(count // 1000, 999)}k"


class Marks(NamedTuple):
    """What the list draws beside a title; replaced whole when the user's data changes."""

    bookmarked: frozenset[str] = frozenset()  # the review itself: ★
    noted: frozenset[str] = frozenset()
    read: frozenset[str] = frozenset()
    comment_bookmarked: frozenset[str] = frozenset()  # one of its comments (the review not): ☆

    @property
    def with_bookmarks(self) -> frozenset[str]:
        """Reviews you bookmarked something in, the review or a comment: what `F` and `is:bookmarked` list."""
        return self.bookmarked | self.comment_bookmarked


class ReviewList(LinePane, can_focus=True, inherit_bindings=False):
    """Rows of two lines: marks, title, a spoiler mark, `+N new` (a followed thread's new comments)
    and the comment count in a right-aligned column; then what the review is about (subject,
    kind), its verdict, author and first words, with the stars and the age in right-aligned
    columns. The title takes the width there is."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "review-list--cursor",
        "review-list--meta",
        "review-list--mark",
        "review-list--count",
        "review-list--match",
        "review-list--subject",
        "review-list--stars",
        "review-list--spoiler",
        "review-list--new",
    }
    DEFAULT_CSS = """
    ReviewList { background: $surface; padding: 0 1 0 0; overflow-x: hidden; }
    ReviewList > .review-list--cursor { background: $block-cursor-blurred-background; }
    ReviewList:focus > .review-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ReviewList > .review-list--meta { color: $text-muted; }
    ReviewList > .review-list--mark { color: $accent; }
    ReviewList > .review-list--count { color: $text-muted; }
    ReviewList > .review-list--match { color: $text; background: $warning 40%; text-style: bold; }
    ReviewList > .review-list--subject { color: $text; }
    ReviewList > .review-list--stars { color: $warning; }
    ReviewList > .review-list--spoiler { color: $warning; }
    ReviewList > .review-list--new { color: $accent; text-style: bold; }
    """

    class Highlighted(Message):
        """The cursor moved to the review at library `position`."""

        def __init__(self, position: int) -> None:
            self.position = position
            super().__init__()

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReviewList.Highlighted)

    class Opened(Message):
        """Enter (or a click on the selected row) on the review at library `position`."""

        def __init__(self, position: int, focus: bool = True) -> None:
            self.position = position
            self.focus = focus  # move on to the reading pane (J / K open in place)
            super().__init__()

    def __init__(self, summary: Callable[[int], Summary], count: int = 0, *, id: str | None = None) -> None:
        """`summary(position)` is what a row shows (the store's: the user's subjects applied)."""
        super().__init__(id=id)
        self.summary = summary
        self._frame_rows: dict[int, Summary] | None = None  # while a frame is drawn
        self.order: Sequence[int] = range(count)
        self.cursor = 0
        self.moves = 0  # the cursor's announced moves: a command can tell one not yet settled (`ListController`)
        self.marks = Marks()
        self.new_counts: Mapping[str, int] = {}  # review id -> new comments a refresh of a followed source brought
        self.hits: Callable[[int], Hit | None] | None = None  # while filtered: where each review matched
        self.empty = ""  # what the pane says when it lists nothing: why, and the key that helps

    # ---- data ----------------------------------------------------------------------

    @property
    def position(self) -> int | None:
        """The library position under the cursor (None when the list is empty)."""
        return self.order[self.cursor] if 0 <= self.cursor < len(self.order) else None

    def set_order(self, order: Sequence[int], keep: int | None = None, near: int | None = None) -> None:
        """Show these library positions; keep the cursor on `keep` when it is among them.

        `near`: the row `keep` is likely on (the cursor's, or the one remembered from the last
        run), looked at first: finding it in a 1M-row order otherwise scans it (~20 ms)."""
        row = self.cursor if near is None else near
        self.order = order
        self.cursor = 0
        if keep is not None:
            if 0 <= row < len(order) and order[row] == keep:
                self.cursor = row
            else:
                with contextlib.suppress(ValueError):
                    self.cursor = order.index(keep)
        self._size_rows()
        self._show_cursor()
        self.refresh()

    def set_marks(self, marks: Marks) -> None:
        self.marks = marks
        self.refresh()

    def set_new_counts(self, counts: Mapping[str, int]) -> None:
        """The followed threads' new comments (`+N new` beside the count); redrawn only when another mapping."""
        if counts is not self.new_counts:
            self.new_counts = counts
            self.refresh()

    def select_position(self, position: int) -> bool:
        """Move the cursor to a library position, if it is listed."""
        try:
            row = self.order.index(position)
        except ValueError:
            return False
        self.move_to(row)
        return True

    # ---- pane commands (called by the screen) -------------------------------------

    def move_to(self, row: int, announce: bool = True) -> None:
        if not self.order:
            return
        row = max(0, min(row, len(self.order) - 1))
        if row != self.cursor:
            old = self.cursor
            self.cursor = row
            self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
            self.refresh_lines(row * ROW_HEIGHT, ROW_HEIGHT)
            if announce:
                self.announce()
        self._show_cursor()

    def announce(self) -> None:
        """Say the cursor's review changed (`Highlighted`), counted in `moves`."""
        if (position := self.position) is not None:
            self.moves += 1
            self.post_message(self.Highlighted(position))

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)

    def pane_next(self) -> None:
        self.move_to(self.cursor + 1)

    def pane_previous(self) -> None:
        self.move_to(self.cursor - 1)

    def pane_top(self) -> None:
        self.move_to(0)

    def pane_bottom(self) -> None:
        self.move_to(len(self.order) - 1)

    def pane_page_down(self) -> None:
        self.move_to(self.cursor + self.page)

    def pane_page_up(self) -> None:
        self.move_to(self.cursor - self.page)

    def pane_activate(self, focus: bool = True) -> None:
        if (position := self.position) is not None:
            self.post_message(self.Opened(position, focus))

    def pane_next_sibling(self) -> None:
        self.move_to(self.cursor + 1, announce=False)
        self.pane_activate(focus=False)

    def pane_previous_sibling(self) -> None:
        self.move_to(self.cursor - 1, announce=False)
        self.pane_activate(focus=False)

    def _show_cursor(self) -> None:
        """Scroll the cursor's row into view. `force`: Textual refuses a scroll while its last layout
        drew no scrollbar, and a list just grown from a filter's few rows (Esc) had none yet: the
        cursor sat on row 1,300 with the list shown from the top."""
        top = self.cursor * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif height and top + ROW_HEIGHT > self.scroll_y + height:
            lowest = top + ROW_HEIGHT - height  # the cursor's row on the bottom line, rounded up to a row
            self.scroll_to(y=-(-lowest // ROW_HEIGHT) * ROW_HEIGHT, animate=False, immediate=True, force=True)

    def _size_rows(self) -> None:
        """No width to scroll across (rows are cut to the pane), and one blank line under the last
        row when the pane's height is odd, so even the bottom scroll starts on a whole row."""
        height = len(self.order) * ROW_HEIGHT
        self.virtual_size = Size(0, height + self.scrollable_content_region.height % ROW_HEIGHT)

    def validate_scroll_y(self, value: float) -> float:
        """Scrolled to whole rows only (wheel, drag, keys): never half a row at the top."""
        return float(int(super().validate_scroll_y(value)) // ROW_HEIGHT * ROW_HEIGHT)

    # ---- drawing -------------------------------------------------------------------

    def on_mount(self) -> None:
        self._size_rows()

    def on_resize(self) -> None:
        self._size_rows()
        self._show_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        # A row's two lines share its summary: read once a frame (each read stats the user's files).
        self._frame_rows = {}
        try:
            return super().render_lines(crop)
        finally:
            self._frame_rows = None

    def _row_summary(self, position: int) -> Summary:
        rows = self._frame_rows
        if rows is None:
            return self.summary(position)
        if (summary := rows.get(position)) is None:
            summary = rows[position] = self.summary(position)
        return summary

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        line = int(self.scroll_y) + y
        row, part = divmod(line, ROW_HEIGHT)
        base = self.frame_style
        if row >= len(self.order):
            return self._empty_line(line, width, base) if not self.order else Strip.blank(width, base)
        if row == self.cursor:
            base = base + self.get_component_rich_style("review-list--cursor")
        summary = self._row_summary(self.order[row])
        meta_style = self.get_component_rich_style("review-list--meta", partial=True)
        hit = self.hits(self.order[row]) if part == 1 and self.hits is not None else None
        if hit is not None and hit.kind in KIND_MARKS and hit.snippet:
            return self._snippet_line(hit, width, base, meta_style)
        if part == 1:
            stars, age = summary.stars, relative_age(summary.date)
            columns = (f" {star_glyphs(stars)}" if stars is not None else "") + (
                f"{age:>{AGE_CELLS}}" if age or stars is not None else ""  # blank: the stars stay in line
            )
            room = width - 4 - len(columns)
            subject_style = self.get_component_rich_style("review-list--subject", partial=True)
            about = fit_parts(about_parts(summary, room, meta_style, subject_style), room)
            stars_style = self.get_component_rich_style("review-list--stars", partial=True)
            return strip(
                [("    ", Style()), *about, (columns[: len(columns) - len(age)], stars_style), (age, meta_style)],
                width,
                base,
            )
        marks = self.marks
        unread = summary.id not in marks.read
        mark = (
            ("★" if summary.id in marks.bookmarked else "☆" if summary.id in marks.comment_bookmarked else " ")
            + ("✎" if summary.id in marks.noted else " ")
            + ("•" if unread else " ")
        )
        spoiler = f" {SPOILER_MARK}" if summary.spoiler else ""
        columns = f"{count_text(summary.comment_count):>{COUNT_CELLS}}" if summary.comment_count else ""
        new = self.new_counts.get(summary.id, 0)
        new_text = f" +{count_text(new)} new" if new else ""
        title = visible(summary.title, single_line=True) or "(untitled)"
        title_style = Style(bold=unread)
        return strip(
            [
                (mark + " ", self.get_component_rich_style("review-list--mark", partial=True)),
                (fit(title, width - 4 - len(spoiler) - len(new_text) - len(columns)), title_style),
                (spoiler, self.get_component_rich_style("review-list--spoiler", partial=True)),
                (new_text, self.get_component_rich_style("review-list--new", partial=True)),
                (columns, self.get_component_rich_style("review-list--count", partial=True)),
            ],
            width,
            base,
        )

    def _empty_line(self, line: int, width: int, base: Style) -> Strip:
        """A line of `empty`, wrapped to the pane: a blank pane said nothing of why (`F` with no
        bookmarks, a filter whose no-match notice had gone)."""
        said = wrap(self.empty, max(1, width - 2)) if self.empty else []
        text = said[line] if line < len(said) else ""
        return strip([("  " + text, self.get_component_rich_style("review-list--meta", partial=True))], width, base)

    def _snippet_line(self, hit: Hit, width: int, base: Style, meta_style: Style) -> Strip:
        from tui_reader.ui.state.search_state import snippet_window

        text, spans = snippet_window(hit.snippet, hit.spans, max(1, width - 5))
        match = self.get_component_rich_style("review-list--match", partial=True)
        parts = [
            ("  " + KIND_MARKS[hit.kind] + " ", meta_style),
            *decorated(text, meta_style, [(s, e, match) for s, e in spans]),
        ]
        return strip(parts, width, base)

    def on_click(self, event: events.Click) -> None:
        row = (event.y + int(self.scroll_y)) // ROW_HEIGHT
        if row < len(self.order):
            if row == self.cursor:
                self.pane_activate()
            else:
                self.move_to(row)
