"""Search state for the UI: matches in a pane (find, n / N) and the list's filter.

`PaneFind` holds one query's matches in the reading or comments pane and which one
is current; the panes draw them through their `decorators` hook. Matches are found
on the wrapped lines as drawn, and found again when the pane rewraps (a new width
or a new review), so highlights never point at stale text. `Typed` and `fresh` serve
the keys the screen catches for the bar while it opens (see `SearchActions.on_key`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.style import Style
from textual import events

from tui_reader.core.content.text import plural
from tui_reader.ui.widgets.lines import Decoration

if TYPE_CHECKING:  # the search package loads at the first search: the first paint need not wait for it
    from tui_reader.core.search import Hit, Query, SearchResult, Span

MATCH = Style(color="black", bgcolor="yellow")
CURRENT = Style(color="black", bgcolor="dark_orange", bold=True)

Finder = Callable[[str], "list[Span]"]
Row = tuple[Any, ...]  # (key, line, text) or (key, line, text, block): a pane's wrapped line
Typed = events.Key | events.Paste  # what the reader types: caught on its way to a pane, or held by the bar


def fresh(event: Typed) -> Typed:
    """A new event like `event`, to send again (the one caught was stopped, and stays so)."""
    if isinstance(event, events.Paste):
        return events.Paste(event.text)
    return events.Key(event.key, event.character)


def finder(text: str) -> Finder | None:
    """What the list's filter lights in the review it opened: the query's words and phrases; a query
    the parser rejects, literally."""
    if not text.strip():
        return None
    from tui_reader.core.search import Query, QueryError, find_in_text, parse_query

    try:
        query: Query | str = parse_query(text)
    except QueryError:
        query = text
    if isinstance(query, Query) and query.highlight is None:
        return None  # facets only: nothing to light up in text
    return lambda line: find_in_text(line, query)


class Match(NamedTuple):
    """Where one match of a pane search is: which row, and the span in its text."""

    key: int  # reading pane: line index; comments pane: comment node
    line: int  # comments pane: line of the comment's body; reading pane: 0
    start: int
    end: int


def phrase_finder(text: str) -> Finder | None:
    """What `/` typed in a pane looks for: the words as typed, a phrase (`core.search.pane_find`)."""
    from tui_reader.core.search.pane_find import phrase_finder as of_phrase

    return of_phrase(text)


class PaneFind:
    """One query's matches in one pane, in reading order, and the current one."""

    def __init__(self, text: str, lines: Callable[[], tuple[object, Sequence[Row]]], *, query: bool = False) -> None:
        """`lines()` returns (a token that changes when the pane rewraps, its (key, line, text[, block]) rows).
        `text` is a phrase typed in the pane, or (`query`) the list's filter lit in the review it opened."""
        self.text = text
        self.query = query
        self._finder = finder(text) if query else phrase_finder(text)
        self._lines = lines
        self._token: object = None
        self.matches: list[Match] = []
        self._by_line: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self.current = -1

    def refresh(self) -> list[Match]:
        """The matches, found again if the pane rewrapped since."""
        token, rows = self._lines()
        if token is not self._token or self._token is None:
            self._token = token
            self.matches, self._by_line = [], {}
            if self._finder is not None:
                for block in _blocks(rows):
                    self._find_in(block)
            self.current = min(self.current, len(self.matches) - 1)
        return self.matches

    def _find_in(self, block: list[Row]) -> None:
        """The matches in one paragraph or comment, its wrapped lines joined: a phrase that wrapped
        ("lets close / hospitals" in a narrow, deep comment) was found on no line. A match over two
        lines lights both parts; it is where its first part is."""
        joined, starts = _joined([row[2] for row in block])
        for start, end in self._finder(joined) if self._finder is not None else ():
            index, first = len(self.matches), True
            for row, at in zip(block, starts, strict=True):
                key, line, text = row[0], row[1], row[2]
                part = (max(start, at) - at, min(end, at + len(text)) - at)
                if part[0] < part[1]:
                    if first:
                        self.matches.append(Match(key, line, *part))
                        first = False
                    self._by_line.setdefault((key, line), []).append((*part, index))

    def decorations(self, key: int, line: int) -> list[Decoration]:
        self.refresh()
        return [
            (start, end, CURRENT if index == self.current else MATCH)
            for start, end, index in self._by_line.get((key, line), ())
        ]

    def first_from(self, key: int) -> Match | None:
        """Make the first match at or after `key` current (wrapping): where incremental search lands."""
        matches = self.refresh()
        if not matches:
            self.current = -1
            return None
        self.current = next((i for i, m in enumerate(matches) if m.key >= key), 0)
        return matches[self.current]

    def step(self, direction: int) -> Match | None:
        """The next (1) or previous (-1) match, wrapping around the pane."""
        matches = self.refresh()
        if not matches:
            return None
        if self.current < 0:
            self.current = 0 if direction > 0 else len(matches) - 1
        else:
            self.current = (self.current + direction) % len(matches)
        return matches[self.current]

    @property
    def counter(self) -> str:
        if not self.matches:
            return "no match"
        return (
            f"{self.current + 1}/{len(self.matches)}"
            if self.current >= 0
            else plural(len(self.matches), "match", "matches")
        )


def _blocks(rows: Sequence[Row]) -> list[list[Row]]:
    """Runs of rows of one block (a row's fourth value); a row without one is a block of its own."""
    blocks: list[list[Row]] = []
    for row in rows:
        if blocks and len(row) > 3 and len(blocks[-1][-1]) > 3 and blocks[-1][-1][3] == row[3]:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    """Wrapped lines as the text they were: a space where the wrap took one, none between CJK."""
    from tui_reader.core.search.tokens import is_cjk_char

    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for text in texts:
        if parts:
            glue = "" if parts[-1][-1:] and text[:1] and is_cjk_char(parts[-1][-1]) and is_cjk_char(text[0]) else " "
            parts.append(glue)
            at += len(glue)
        starts.append(at)
        parts.append(text)
        at += len(text)
    return "".join(parts), starts


def count_label(result: SearchResult) -> str:
    """'17 reviews', or 'at least 17 reviews' while some candidates were not checked (never listed)."""
    shown = len(result)
    about = "at least " if result.unchecked > 0 else ""
    return about + plural(shown, "review")


class ListFilter:
    """The list's filter: one query's result, with each listed review's hit found on demand."""

    def __init__(self, text: str, result: SearchResult) -> None:
        self.text = text
        self.result = result

    def hit(self, position: int) -> Hit | None:
        rank = self.result.rank(position)
        return self.result[rank] if rank is not None else None


def snippet_window(snippet: str, spans: Sequence[Span], width: int) -> tuple[str, list[Span]]:
    """Cut a hit's snippet to `width` characters so its first match shows (the list is narrow)."""
    if len(snippet) <= width or not spans or spans[0][1] <= width:
        return snippet[:width], [(s, min(e, width)) for s, e in spans if s < width]
    start = max(0, min(spans[0][0] - width // 4, len(snippet) - width + 1))
    shown = "…" + snippet[start : start + width - 1]
    return shown, [(s - start + 1, min(e - start + 1, width)) for s, e in spans if start <= s < start + width - 1]
