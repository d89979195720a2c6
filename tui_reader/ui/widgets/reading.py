"""The reading pane: title, subtitle, the head (subject, rating, meta) and paragraphs at a readable measure.

Line-drawn like the other panes: a Static wrapping one 1 MB paragraph (a real
export's worst case) took seconds; here the text is wrapped once per width by
`reading_layout` and each line styled only when drawn. Each line remembers its paragraph,
which is what notes and quotes will anchor to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.style import Style
from textual.geometry import Region, Size
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip

from tui_reader.core.content.formatting import Link, blocks, body_kind, links
from tui_reader.core.content.models import Review
from tui_reader.core.content.pages import page_of
from tui_reader.ui.widgets.lines import Decoration, LinePane, prefix_of, strip, styled_parts
from tui_reader.ui.widgets.reading_layout import BODY, EMPTY_HINT, MEASURE, Line, hides_text, layout, paragraph_spans

MARGIN = 1


class ReadingPane(LinePane, can_focus=True, inherit_bindings=False):
    """Scrolls the review; shows how far in you are as a percentage."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading--title",
        "reading--subtitle",
        "reading--meta",
        "reading--subject",
        "reading--verdict",
        "reading--warning",
        "reading--aside",
        "reading--cursor",
    }
    DEFAULT_CSS = """
    ReadingPane { background: $background; }
    ReadingPane > .reading--title { color: $accent; text-style: bold; }
    ReadingPane > .reading--subtitle { text-style: italic; }
    ReadingPane > .reading--meta { color: $text-muted; }
    ReadingPane > .reading--subject { text-style: bold; }
    ReadingPane > .reading--verdict { color: $warning; }
    ReadingPane > .reading--warning { color: $error; text-style: bold; }
    ReadingPane > .reading--aside { color: $warning; }
    ReadingPane > .reading--cursor { color: $accent; }
    """

    class Step(Message):
        """J / K from the reading pane: open the next (1) or previous (-1) review."""

        def __init__(self, direction: int) -> None:
            self.direction = direction
            super().__init__()

    class EndShown(Message):
        """The end of `review_id` is on screen (scrolled to the bottom, or it all fits): it counts as read."""

        def __init__(self, review_id: str) -> None:
            self.review_id = review_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.review: Review | None = None
        self.empty = EMPTY_HINT  # what the pane says with no review (the screen knows why)
        self.lines: list[Line] = []
        self._width = 0
        # Per-line decorations (search matches, quote selection): f(line index, 0) -> spans of line.text.
        self.decorators: list[Callable[[int, int], Sequence[Decoration]]] = []
        self._rescroll: float | None = None  # a fraction to scroll back to once rewrapped
        self._pending_scroll: float | None = None  # a line to scroll to once the pane has a size
        self.cursor = 0  # the paragraph notes and copies act on: j/k move it, the margin shows it
        self._spans: list[range] = []  # per paragraph, its line indexes in the current layout
        self.noted: frozenset[tuple[str, int]] = frozenset()  # (review id, paragraph) with a note: ✎ in the margin
        self.aside: Mapping[str, tuple[str, ...]] = {}  # review id -> a line for each note whose place is gone
        self.revealed: set[str] = set()  # reviews all spoiler whose text Enter showed (this session)

    def show(self, review: Review | None, scroll_y: float = 0, *, empty: str = EMPTY_HINT) -> None:
        self.review, self.empty = review, empty
        self.cursor = 0
        self._layout(force=True)
        # Not laid out yet (at start-up, restoring where the reader was): a scroll now would be
        # clamped to nothing, so it waits for the first real width.
        self._pending_scroll = scroll_y if scroll_y and not self.scrollable_content_region.height else None
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self._show_percent()
        self.refresh()

    def set_aside(self, aside: Mapping[str, tuple[str, ...]]) -> None:
        """The notes whose place is gone, by review: laid out again when the open review's changed."""
        review_id = self.review.id if self.review is not None else ""
        changed, self.aside = self.aside.get(review_id, ()) != aside.get(review_id, ()), aside
        if changed:
            self._layout(force=True)
            self.refresh()

    def _layout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if not force and width == self._width:
            return
        self._width = width
        aside = self.aside.get(self.review.id, ()) if self.review is not None else ()
        measure = max(10, min(MEASURE, width - 2 * MARGIN))
        self.lines = layout(self.review, measure, self.empty, aside, hidden=self.hiding)
        self.virtual_size = Size(width, len(self.lines))
        self._spans = paragraph_spans(self.lines)

    def on_resize(self) -> None:
        if self._pending_scroll is not None:
            self._layout()
            self.call_after_refresh(self._scroll_pending)
        elif self.scrollable_content_region.width != self._width:
            self._rescroll = self.scroll_y / self.max_scroll_y if self.max_scroll_y else 0
            self._layout()
            self.call_after_refresh(self._keep_ratio)
        self._show_percent()

    def _scroll_pending(self) -> None:
        """The remembered place, once the pane has its size (`show` before the first layout)."""
        if self._pending_scroll is not None:
            self.scroll_to(y=self._pending_scroll, animate=False, immediate=True)
            self._pending_scroll = None

    def _keep_ratio(self) -> None:
        """After a rewrap: the same place, as a fraction (unless a `reveal` has moved on since)."""
        if self._rescroll is not None:
            self.scroll_to(y=round(self._rescroll * self.max_scroll_y), animate=False)  # whole lines
            self._rescroll = None

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._follow_view()
        self._show_percent()

    def _show_percent(self) -> None:
        if self.review is None:
            self.border_subtitle = ""
        elif self.max_scroll_y <= 0:
            self.border_subtitle = "all"
        else:
            self.border_subtitle = f"{round(100 * self.scroll_y / self.max_scroll_y)}%"
        if self.review is not None and self.scroll_y >= self.max_scroll_y and self.size.height and not self.hiding:
            self.post_message(self.EndShown(self.review.id))

    def reveal(self, index: int) -> None:
        """Scroll so line `index` is on screen, a third of the way down when it was not;
        the paragraph cursor goes to its paragraph."""
        self._rescroll = None
        if 0 <= index < len(self.lines) and self.lines[index].paragraph >= 0:
            self.cursor = self.lines[index].paragraph
        height = self.scrollable_content_region.height
        if not self.scroll_y <= index < self.scroll_y + height:
            self.scroll_to(y=max(0, index - height // 3), animate=False, immediate=True)
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # A scrollbar that appears (or goes) narrows the text without a resize event: rewrap.
        if self.scrollable_content_region.width != self._width:
            self.on_resize()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        index = int(self.scroll_y) + y
        base = self.frame_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        style = Style() if line.kind == BODY else self.get_component_rich_style(f"reading--{line.kind}", partial=True)
        decorations = [d for decorator in self.decorators for d in decorator(index, 0)]
        decorations += self._mouse_selection(index, len(line.text), MARGIN + len(prefix_of(line.text)))
        parts = [self._margin(index, line), *styled_parts(line.text, style, decorations)]
        return strip(parts, width, base).apply_offsets(0, index)  # offsets: Textual's mouse selection

    # ---- mouse selection (Textual's): offsets count from the margin, as drawn --------

    def _mouse_selection(self, index: int, length: int, lead: int) -> list[Decoration]:
        """`lead`: the cells drawn before the line's text (margin, quote bars, list marker)."""
        selection = self.text_selection
        if selection is None or (span := selection.get_span(index)) is None:
            return []
        start, end = span
        end = length + lead if end == -1 else end
        style = self.screen.get_component_rich_style("screen--selection")
        return [(max(0, start - lead), max(0, end - lead), style)]

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join(" " * MARGIN + prefix_of(line.text) + line.text for line in self.lines)
        picked = selection.extract(text).split("\n")
        return "\n".join(part.removeprefix(" " * MARGIN) for part in picked), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def _margin(self, index: int, line: Line) -> tuple[str, Style]:
        """A note mark on the first line of a paragraph that has notes; while the pane has the
        focus, a bar beside the paragraph under the cursor."""
        first = line.paragraph >= 0 and (index == 0 or self.lines[index - 1].paragraph != line.paragraph)
        on_cursor = self.has_focus and line.paragraph >= 0 and line.paragraph == self.cursor
        style = self.get_component_rich_style("reading--cursor", partial=True) if on_cursor else Style()
        if first and self.review is not None and (self.review.id, line.paragraph) in self.noted:
            return "✎".ljust(MARGIN), style
        return ("▌" if on_cursor else " ").ljust(MARGIN), style

    def paragraph_lines(self, paragraph: int) -> range:
        """The line indexes of one paragraph (empty when it has none)."""
        return self._spans[paragraph] if 0 <= paragraph < len(self._spans) else range(0)

    def top_paragraph(self) -> int | None:
        """The paragraph under the cursor: what `a`, `y` and quote mode act on."""
        return self.cursor if self._spans else None

    # ---- the paragraph cursor ----------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()  # the cursor's bar takes the accent colour

    def on_blur(self) -> None:
        self.refresh()

    def _view(self) -> range:
        return range(int(self.scroll_y), int(self.scroll_y) + max(1, self.scrollable_content_region.height))

    def _follow_view(self) -> None:
        """After a scroll by page, mouse or g/G: a cursor left off screen moves onto it."""
        if not self._spans or not self.scrollable_content_region.height:
            return
        view = self._view()
        lines = self._spans[min(self.cursor, len(self._spans) - 1)]
        if lines.start < view.stop and lines.stop > view.start:
            return
        shown = [p for p, span in enumerate(self._spans) if span.start < view.stop and span.stop > view.start]
        if shown:
            self.cursor = shown[0] if lines.stop <= view.start else shown[-1]
            self.refresh()

    def _step(self, direction: int) -> None:
        """j/k: read on through a paragraph taller than the view, else the cursor moves to the
        next (previous) paragraph and the view scrolls to show it."""
        if not self._spans:
            self.scroll_to(y=self.scroll_y + direction, animate=False, immediate=True)
            return
        view, lines = self._view(), self._spans[self.cursor]
        if direction > 0 and lines.stop > view.stop:  # the paragraph goes on below the view
            self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)
        elif direction < 0 and lines.start < view.start:  # it started above the view
            self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)
        elif 0 <= self.cursor + direction < len(self._spans):
            self.cursor += direction
            lines = self._spans[self.cursor]
            if lines.start < view.start:
                self.scroll_to(y=lines.start, animate=False, immediate=True)
            elif lines.start >= view.stop or (lines.stop > view.stop and len(lines) <= len(view)):
                self.scroll_to(y=min(lines.start, lines.stop - len(view)), animate=False, immediate=True)
        elif direction < 0:
            self.scroll_to(y=0, animate=False, immediate=True)  # above the first paragraph: the head
        self.refresh()

    @property
    def hiding(self) -> bool:
        """The open review is all spoiler and its text not shown yet (`hides_text`)."""
        return self.review is not None and self.review.id not in self.revealed and hides_text(self.review)

    def pane_activate(self) -> None:
        """Enter: show the text of a review that is all spoiler, or hide it again. Elsewhere it says
        nothing (a notice on every Enter in an ordinary review was noise), but in a review flagged
        a spoiler whose spoilers are set apart in its text, where hidden text may be looked for."""
        review = self.review
        if review is None or not hides_text(review):
            if review is not None and review.spoiler:
                self.notify("Nothing is hidden here: this review's spoilers are set apart in its text", timeout=2)
            return
        self.revealed ^= {review.id}
        self.cursor = 0
        self._layout(force=True)
        self.refresh()
        self._show_percent()

    def show_text(self) -> None:
        """Show the hidden text: a match the list's filter found in it was opened (Enter on its row)."""
        if self.hiding:
            self.pane_activate()

    # ---- links ----------------------------------------------------------------------

    def pane_links(self) -> None:
        review = self.review
        if review is None:
            return
        kind = body_kind(review.format)
        found = links([block for paragraph in review.paragraphs for block in blocks(paragraph, kind)])
        page = page_of(review)
        if page is not None and all(link.url != page.url for link in found):
            found.insert(0, Link(page.label, page.url))  # what `O` opens, so `o` then `c` copies it
        from tui_reader.ui.screens.links import show_links  # screens opened by a key load on first use

        show_links(self, review.title, found)

    def pane_open_page(self) -> None:
        """O: the page the head names (the review's own, else the thing's: `page_of`)."""
        if self.review is None:
            return
        page = page_of(self.review)
        if page is None:
            live = self.review.source.startswith(("http://", "https://"))  # a followed source's, not a file's
            self.notify("This review has no web page" + ("" if live else ": it came from a file"), timeout=3)
            return
        from tui_reader.ui.screens.links import open_in_browser

        open_in_browser(self, page.url)

    # ---- pane commands -------------------------------------------------------------

    def pane_next(self) -> None:
        self._step(1)

    def pane_previous(self) -> None:
        self._step(-1)

    def pane_top(self) -> None:
        """g: the head, and the cursor on the first paragraph (a review that fits does not scroll)."""
        self.cursor = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def pane_bottom(self) -> None:
        """G: the end, and the cursor on the last paragraph, so `G y` copies the last one."""
        self.cursor = max(0, len(self._spans) - 1)
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self.refresh()

    def pane_page_down(self) -> None:
        self.scroll_to(
            y=self.scroll_y + max(1, self.scrollable_content_region.height - 1), animate=False, immediate=True
        )

    def pane_page_up(self) -> None:
        self.scroll_to(
            y=self.scroll_y - max(1, self.scrollable_content_region.height - 1), animate=False, immediate=True
        )

    def pane_next_sibling(self) -> None:
        self.post_message(self.Step(1))

    def pane_previous_sibling(self) -> None:
        self.post_message(self.Step(-1))
