"""Finding in the reading or the comments pane: the matches, lit and stepped through (`n` / `N`).

What `/` typed in a pane finds is the words as typed, a phrase (as a browser's find bar); what the
list's filter lights in the review Enter opened is the filter's query, its words anywhere.
Owned by the search controller; one `PaneFind` per pane at most, dropped when another
review opens. It draws through the panes' `decorators` and moves them with `reveal`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui_reader.ui.state.search_state import PaneFind
from tui_reader.ui.widgets.thread import HEADER

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review
    from tui_reader.ui.widgets.reading import ReadingPane
    from tui_reader.ui.widgets.thread import ThreadView

FIND_PANES = ("reading", "thread")
HIDDEN_FIND = "not in what is shown: the text is hidden (spoiler); Enter in the pane shows it"


class PaneFinds:
    """The finds of the reading and comments panes."""

    def __init__(self, reading: ReadingPane, thread: ThreadView) -> None:
        self.reading = reading
        self.thread = thread
        self.active: dict[str, PaneFind] = {}
        self.found_in = ""  # " · in a note" when the list's match was in a note or quote, not in the text

    def _pane(self, mode: str) -> ReadingPane | ThreadView:
        return self.reading if mode == "reading" else self.thread

    def find(self, mode: str, text: str, *, query: bool = False) -> PaneFind | None:
        """Light `text` in `mode`'s pane and go to the first match from where the reader is: the words
        typed, as a phrase; with `query`, the list's filter's words and phrases (the review it opened)."""
        self.drop(mode)
        if not text.strip():
            return None
        find = PaneFind(text, self._rows_reading if mode == "reading" else self._rows_thread, query=query)
        self.active[mode] = find
        pane = self._pane(mode)
        pane.decorators.append(find.decorations)
        start = int(self.reading.scroll_y) if mode == "reading" else self.thread.current_node or 0
        if find.first_from(start) is not None:
            self.reveal(mode)
        pane.refresh()
        return find

    def said(self, mode: str, find: PaneFind) -> str:
        """What the bar says of a find: its count, or, where nothing is found in a review whose text
        is hidden (all spoiler), that it is hidden and how to show it: "no match" misled."""
        if not find.matches and mode == "reading" and self.reading.hiding:
            return HIDDEN_FIND
        return find.counter

    def drop(self, mode: str) -> None:
        find = self.active.pop(mode, None)
        if find is not None:
            pane = self._pane(mode)
            if find.decorations in pane.decorators:
                pane.decorators.remove(find.decorations)
            pane.refresh()

    def drop_all(self) -> None:
        for mode in list(self.active):
            self.drop(mode)

    def _rows_reading(self) -> tuple[object, list[tuple[int, int, str, tuple[str, int]]]]:
        lines = self.reading.lines  # a paragraph's lines (or the title's) are one block: phrases wrap
        return lines, [(index, 0, line.text, (line.kind, line.paragraph)) for index, line in enumerate(lines)]

    def _rows_thread(self) -> tuple[object, list[tuple[int, int, str, object]]]:
        """Each comment's author as its header shows it (a block of its own: no phrase runs on
        into the body), then its body's lines: `/Danny_III` found no match where Danny_III wrote."""
        thread = self.thread
        rows: list[tuple[int, int, str, object]] = []
        for node in range(len(thread.model)):
            rows.append((node, HEADER, thread.author_text(node), (node, HEADER)))
            rows += [(node, number, text, node) for number, text in enumerate(thread.body_lines(node))]
        return thread.wrap_token, rows

    def reveal(self, mode: str) -> None:
        find = self.active.get(mode)
        if find is None or find.current < 0:
            return
        match = find.matches[find.current]
        if mode == "reading":
            self.reading.reveal(match.key)
        else:
            self.thread.reveal(match.key, match.line)

    def step(self, mode: str, direction: int) -> PaneFind | None:
        """`n` / `N`: the next or previous match in `mode`'s pane; None when nothing is found there."""
        find = self.active.get(mode)
        if find is None:
            return None
        if find.step(direction) is not None:
            self.reveal(mode)
        self._pane(mode).refresh()
        return find

    def land_in_comment(self, text: str, comment_id: str) -> PaneFind | None:
        """Find the list's filter `text` in the comments and go to its first match in `comment_id`
        (or to that comment)."""
        find = self.find("thread", text, query=True)
        node = self.thread.model.index_of(comment_id)
        if find is not None and node is not None:
            find.current = next((i for i, m in enumerate(find.matches) if m.key == node), find.current)
        if node is not None:
            self.thread.reveal(node, find.matches[find.current].line if find and find.current >= 0 else 0)
        return find

    def land_reading(
        self,
        review: Review | None,
        paragraph: int | None,
        current: Callable[[], Review | None],
        status: Callable[[str], None],
        tries: int = 20,
    ) -> None:
        """Go to the first match in `paragraph` (or the paragraph itself: a note's text is not in it).

        `current` says which review is open now: another one opened before this one was laid out
        stops the landing; `status` shows the count in the bar."""
        if current() is not review:
            return
        if not self.reading.size.width and tries:  # one pane at a time: not laid out (nor wrapped) yet
            self.reading.set_timer(0.05, lambda: self.land_reading(review, paragraph, current, status, tries - 1))
            return
        if paragraph is not None:
            self.reading.show_text()  # (a spoiler review's hidden text: the match opened is in it)
        find, lines = self.active.get("reading"), self.reading.lines
        if find is not None:
            matches = find.refresh()
            find.current = next(
                (i for i, m in enumerate(matches) if paragraph is None or lines[m.key].paragraph == paragraph), -1
            )
            status(self.landed(find))
            if find.current >= 0:
                self.reveal("reading")
                return
        if paragraph is not None:
            index = next((i for i, line in enumerate(lines) if line.paragraph == paragraph), None)
            if index is not None:
                self.reading.reveal(index)

    def landed(self, find: PaneFind) -> str:
        if self.found_in and not find.matches:
            return "found" + self.found_in  # the words are in the note, not in the text
        return find.counter + self.found_in
