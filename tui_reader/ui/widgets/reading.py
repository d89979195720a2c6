"""The reading pane: title, subtitle, meta line and paragraphs at a readable measure."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui_reader.core.models import Review
from tui_reader.core.text import visible

MEASURE = 80  # columns: long lines are hard to follow back to their start


def review_content(review: Review | None) -> Content:
    """The whole review as one Content: every string from the review goes through `visible`."""
    if review is None:
        return Content.styled("Nothing to read yet: import a file with `tui-reader import PATH`.", "italic")
    parts: list[str | tuple[str, str]] = [(visible(review.title, single_line=True) or "(untitled)", "bold $accent")]
    if review.subtitle:
        parts += ["\n", (visible(review.subtitle, single_line=True), "italic")]
    meta = [review.author, review.date, f"rating {review.rating:g}" if review.rating is not None else None]
    meta_line = " · ".join(visible(m, single_line=True) for m in (*meta, review.source) if m)
    parts += ["\n", (meta_line, "$text-muted")]
    count = review.comment_count
    if count:
        parts += ["\n", (f"{count} comment{'s' if count != 1 else ''}", "$text-muted")]
    for paragraph in review.paragraphs:
        parts += ["\n\n", visible(paragraph)]
    return Content.assemble(*parts)


class ReadingPane(VerticalScroll, inherit_bindings=False):
    """Scrolls the review; shows how far in you are as a percentage."""

    DEFAULT_CSS = f"""
    ReadingPane > #review-text {{ max-width: {MEASURE + 2}; padding: 0 1; }}
    """

    @dataclass
    class Step(Message):
        """J / K from the reading pane: open the next (1) or previous (-1) review."""

        direction: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.review: Review | None = None

    def compose(self) -> ComposeResult:
        yield Static(review_content(None), id="review-text")

    def show(self, review: Review | None, scroll_y: float = 0) -> None:
        self.review = review
        self.query_one("#review-text", Static).update(review_content(review))
        self.scroll_to(y=scroll_y, animate=False)
        self.call_after_refresh(self._show_percent)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_percent()

    def on_resize(self) -> None:
        self._show_percent()

    def _show_percent(self) -> None:
        if self.max_scroll_y <= 0:
            self.border_subtitle = "all" if self.review else ""
        else:
            self.border_subtitle = f"{round(100 * self.scroll_y / self.max_scroll_y)}%"

    # ---- pane commands -------------------------------------------------------------

    def pane_next(self) -> None:
        self.scroll_down(animate=False)

    def pane_previous(self) -> None:
        self.scroll_up(animate=False)

    def pane_top(self) -> None:
        self.scroll_home(animate=False)

    def pane_bottom(self) -> None:
        self.scroll_end(animate=False)

    def pane_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def pane_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def pane_next_sibling(self) -> None:
        self.post_message(self.Step(1))

    def pane_previous_sibling(self) -> None:
        self.post_message(self.Step(-1))
