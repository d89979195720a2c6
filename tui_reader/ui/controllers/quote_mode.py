"""Quote mode (`v`): the sentence cursor over the open review or comment, drawn in the panes.

Owned by the personal controller. It puts its decorators on the reading and comments panes
once, and draws only while a `QuoteCursor` is on; the cursor model is `state/quote.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style

from tui_reader.core.content.formatting import blocks, body_kind, plain_text
from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.ui.widgets.lines import Decoration
from tui_reader.ui.widgets.reading_layout import paragraph_texts
from tui_reader.ui.widgets.wrap import columns, line_offsets

if TYPE_CHECKING:
    from tui_reader.core.content.passages import Passage
    from tui_reader.ui.state.quote import QuoteCursor
    from tui_reader.ui.widgets.reading import ReadingPane
    from tui_reader.ui.widgets.thread import ThreadView

QUOTING = " · quote mode, Esc leaves"  # (fits the pane at 140 columns; the keys are in its notice and `?`)
STEPS = {"next": (1, False), "previous": (-1, False), "next_sibling": (1, True), "previous_sibling": (-1, True)}


class QuoteMode:
    """The quote cursor, if on, and how it is drawn."""

    def __init__(self, reading: ReadingPane, thread: ThreadView) -> None:
        self.reading = reading
        self.thread = thread
        self.cursor: QuoteCursor | None = None
        self._offsets: dict[int, list[list[int]]] = {}  # unit -> line_offsets, for the layout in `_offsets_token`
        self._offsets_token: object = None
        self._node: int | None = None
        reading.decorators.append(self._decorate_reading)
        thread.decorators.append(self._decorate_thread)

    def start(self, review: Review, pane: str) -> bool:
        """Quote mode on the paragraph at the top of the reading pane, or on the current comment; False when empty."""
        from tui_reader.ui.state.quote import QuoteCursor  # loads on first use (sentence spans, ~4 ms at start)

        if pane == "reading":
            if self.reading.hiding:  # a spoiler review's text, not shown yet: nothing on screen to quote
                return False
            units = paragraph_texts(review)
            quote = QuoteCursor.at_unit("reading", review.id, units, self.reading.top_paragraph() or 0)
        else:
            comment, node = self.thread.current, self.thread.current_node
            if comment is None or node is None:
                return False
            units = [plain_text(comment.body, self.thread.body_kind) or "(empty)"]
            quote = QuoteCursor.at_unit("thread", review.id, units, 0, comment.id)
            self._node = node
        if quote.empty:
            return False
        self.cursor = quote
        self._offsets, self._offsets_token = {}, None
        self._said_in_title(on=True)
        self._show()
        return True

    def leave(self) -> bool:
        if self.cursor is None:
            return False
        self._said_in_title(on=False)
        self.cursor = None
        self.reading.refresh()
        self.thread.refresh()
        return True

    def _said_in_title(self, *, on: bool) -> None:
        """The quoted pane's title says the mode while it is on: its notice fades in seconds, and
        the footer's keys are the panes' (a tester pressed `q` to leave it)."""
        assert self.cursor is not None
        pane = self.reading if self.cursor.pane == "reading" else self.thread
        title = str(pane.border_title or "").removesuffix(QUOTING)
        pane.border_title = title + QUOTING if on else title

    def key(self, verb: str, review: Review | None, pane: str) -> bool:
        """j/k/J/K move the sentence cursor; True when the key was used. Leaving the quoted pane leaves the mode."""
        quote = self.cursor
        if quote is None:
            return False
        if review is None or quote.review_id != review.id or pane != quote.pane:
            self.leave()
            return False
        if verb not in STEPS:
            return False
        quote.move(*STEPS[verb])
        self._show()
        return True

    def anchor(self, review: Review | None, pane: str) -> tuple[Anchor, str] | None:
        """The selection as an anchor (with the quoted text) and its text, when quote mode is on in `pane`."""
        quote = self.cursor
        if quote is None or review is None or quote.review_id != review.id or pane != quote.pane:
            return None
        first = quote.first()
        if first is None:
            return None
        unit, offset, text = first
        if quote.pane == "reading":
            found = review.paragraphs[unit].find(text)
            return Anchor(review.id, paragraph=unit, offset=found if found >= 0 else offset, quoted=text), quote.text()
        comment = self.thread.current
        found = comment.body.find(text) if comment is not None and comment.id == quote.comment_id else -1
        anchor = Anchor(review.id, comment_id=quote.comment_id, offset=found if found >= 0 else offset, quoted=text)
        return anchor, quote.text()

    def selection(self, review: Review | None, pane: str) -> tuple[Anchor, Passage] | None:
        """The selection's anchor and its passage (as it reads, as printed, as Markdown), when quote
        mode is on in `pane`."""
        found = self.anchor(review, pane)
        quote = self.cursor
        if found is None or quote is None or review is None:
            return None
        if quote.pane == "reading":
            bodies = [blocks(paragraph, body_kind(review.format)) for paragraph in review.paragraphs]
        else:
            comment = self.thread.current
            bodies = [blocks(comment.body if comment is not None else "", self.thread.body_kind)]
        from tui_reader.core.content.passages import passage  # loaded on first use

        return found[0], passage(bodies, quote.spans())

    # ---- drawing ----------------------------------------------------------------------

    def _show(self) -> None:
        quote = self.cursor
        if quote is None:
            return
        sentence = quote.sentences[quote.cursor]
        if quote.pane == "reading":
            lines = self.reading.paragraph_lines(sentence.unit)
            offsets = self._unit_offsets(sentence.unit, [self.reading.lines[i].text for i in lines], self.reading.lines)
            row = next((n for n, line in enumerate(offsets) if line[-1] > sentence.start), 0)
            if lines:
                self.reading.reveal(lines.start + row)
        else:
            self.thread.refresh()

    def _unit_offsets(self, unit: int, lines: list[str], token: object) -> list[list[int]]:
        """Cached per layout (`token` is replaced when the pane rewraps): a 1 MB paragraph is walked once."""
        if token is not self._offsets_token:
            self._offsets, self._offsets_token = {}, token
        cached = self._offsets.get(unit)
        if cached is None and self.cursor is not None:
            cached = self._offsets[unit] = line_offsets(self.cursor.units[unit], lines)
        return cached or []

    def _decorate(self, unit: int, row: int, lines: list[str], token: object) -> list[Decoration]:
        quote = self.cursor
        if quote is None or (span := quote.spans().get(unit)) is None:
            return []
        offsets = self._unit_offsets(unit, lines, token)
        found = columns(offsets[row], *span) if row < len(offsets) else None
        return [(*found, self.selection_style())] if found else []

    def selection_style(self) -> Style:
        return self.reading.screen.get_component_rich_style("screen--selection", partial=True) or Style(reverse=True)

    def _decorate_reading(self, index: int, _unused: int) -> list[Decoration]:
        quote, review = self.cursor, self.reading.review
        if quote is None or quote.pane != "reading" or review is None or review.id != quote.review_id:
            return []
        paragraph = self.reading.lines[index].paragraph
        if paragraph < 0 or paragraph not in quote.spans():
            return []
        lines = self.reading.paragraph_lines(paragraph)
        texts = [self.reading.lines[i].text for i in lines]
        return self._decorate(paragraph, index - lines.start, texts, self.reading.lines)

    def _decorate_thread(self, node: int, row: int) -> list[Decoration]:
        quote, review = self.cursor, self.reading.review
        if quote is None or quote.pane != "thread" or node != self._node or review is None or row < 0:
            return []  # row < 0: the header (find lights its author), never quoted
        if review.id != quote.review_id:
            return []
        return self._decorate(0, row, self.thread.body_lines(node), self.thread.wrap_token)
