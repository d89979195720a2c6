"""Quote mode: a sentence cursor over the text of a review or a comment, and its selection.

Kept free of widgets so it can be tested directly. A `QuoteCursor` holds the units it
moves over (the review's paragraphs, or one comment's body), as the exact text the
pane wrapped, and every sentence in them; `j`/`k` move the cursor, `J`/`K` extend the
selection from where it started. The panes ask `wrap.columns()` which part of a wrapped
line to highlight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from tui_reader.core.content.sentences import sentence_spans


class Sentence(NamedTuple):
    unit: int  # paragraph index, or 0 for a comment body
    start: int
    end: int


@dataclass(slots=True)
class QuoteCursor:
    """The sentence cursor and the selection (from `anchor` to `cursor`, inclusive)."""

    pane: str  # "reading" or "thread"
    review_id: str
    units: list[str]
    comment_id: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    cursor: int = 0
    anchor: int = 0

    def __post_init__(self) -> None:
        self.sentences = [
            Sentence(unit, start, end) for unit, text in enumerate(self.units) for start, end in sentence_spans(text)
        ]

    @classmethod
    def at_unit(
        cls, pane: str, review_id: str, units: list[str], unit: int, comment_id: str | None = None
    ) -> QuoteCursor:
        """Start on the first sentence of `unit` (or the nearest one after it)."""
        quote = cls(pane, review_id, units, comment_id)
        for index, sentence in enumerate(quote.sentences):
            if sentence.unit >= unit:
                quote.cursor = quote.anchor = index
                break
        return quote

    @property
    def empty(self) -> bool:
        return not self.sentences

    @property
    def selected(self) -> range:
        low, high = sorted((self.anchor, self.cursor))
        return range(low, high + 1)

    def move(self, step: int, extend: bool = False) -> None:
        if self.empty:
            return
        self.cursor = max(0, min(self.cursor + step, len(self.sentences) - 1))
        if not extend:
            self.anchor = self.cursor

    def spans(self) -> dict[int, tuple[int, int]]:
        """Selected (start, end) offsets per unit."""
        result: dict[int, tuple[int, int]] = {}
        for index in self.selected if not self.empty else ():
            sentence = self.sentences[index]
            start, _ = result.get(sentence.unit, (sentence.start, sentence.end))
            result[sentence.unit] = (start, sentence.end)
        return result

    def text(self) -> str:
        """The selected text; paragraphs joined by a blank line."""
        return "\n\n".join(self.units[unit][start:end] for unit, (start, end) in sorted(self.spans().items()))

    def first(self) -> tuple[int, int, str] | None:
        """(unit, offset, text) of the selection's first unit: what an anchor points at."""
        spans = self.spans()
        if not spans:
            return None
        unit = min(spans)
        start, end = spans[unit]
        return unit, start, self.units[unit][start:end]
