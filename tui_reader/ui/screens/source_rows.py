"""The sources view's rows: each source in one line of the view's width, never wrapped.

A row is the source's key, its counts, what is new, how long ago it was last fetched (`2 h ago`:
a date and time cost a third of an 80-column row) and, when the last try failed, why
(`✗ not found (HTTP 404)`: a failed try is not a fetch, and the row kept saying `just now`
after one). The columns are as wide as the widest value among the sources shown; the key gives
way first (cut with an ellipsis), so the rest always fits. A failed source's reason is cut to
the room left; the whole of it, and when it failed, is read below the list (`#sources-reason`).

Keys are URLs users typed and errors are servers' words: every cell is `visible` text in Content.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from tui_reader.core.content.dates import relative_age
from tui_reader.core.content.text import visible
from tui_reader.core.sources.record import Source
from tui_reader.core.sources.said import counts, failure
from tui_reader.ui.widgets.lines import cut, fit

KEY_MIN = 12
GAP = "  "


def new_text(source: Source) -> str:
    new = source.new
    return f"{new:,} new" + (f" ↩{source.new_replies:,}" if source.new_replies else "")


def when_text(source: Source) -> str:
    """`2 h ago`, `just now`, `never`: when it was last fetched, in the fewest cells (a failed try since
    is said by the reason). Without an error the last try is the last fetch (a file from before `last_ok`)."""
    return ago(source.last_ok or (None if source.error else source.last_refresh))


def ago(moment: str | None) -> str:
    """`2 h ago`, `just now`, `never` for an ISO time (or none)."""
    if not moment:
        return "never"
    age = relative_age(moment)
    return "just now" if age == "now" else f"{age} ago" if age else visible(moment, single_line=True)


def reason_text(source: Source) -> str:
    """`✗ not found (HTTP 404)`: the last try failed, and why (red and marked; the row's room is for the
    why, its time is said below the list); '' when the last try worked."""
    return "✗ " + visible(failure(source).removeprefix("failed: "), single_line=True) if source.error else ""


def tried(source: Source) -> str:
    """` just now`: when the last try was, for `failure`'s `when` ('' when unknown)."""
    return f" {ago(source.last_refresh)}" if source.last_refresh else ""


class Columns:
    """The widths of the columns for `sources` in `width` cells."""

    def __init__(self, sources: list[Source], width: int) -> None:
        self.width = width
        self.counts = max((cell_len(counts(source)) for source in sources), default=0)
        self.new = max((cell_len(new_text(source)) for source in sources), default=0)
        self.when = max((cell_len(when_text(source)) for source in sources), default=0)
        room = width - self.counts - self.new - self.when - 3 * len(GAP)  # for the key and a reason
        reason = max((cell_len(len(GAP) * " " + reason_text(source)) for source in sources), default=0)
        longest = max((cell_len(visible(source.key, single_line=True)) for source in sources), default=0)
        # The key whole when the reasons leave room for it; else the two share what is left.
        self.key = min(longest, max(KEY_MIN, room - reason, room // 2))


def row(source: Source, columns: Columns) -> Content:
    """One source in at most `columns.width` cells: key, counts, new, when refreshed, why it failed."""
    new = source.new
    parts: list[tuple[str, str]] = [
        (fit(visible(source.key, single_line=True), columns.key), "bold"),
        (GAP + fit(counts(source), columns.counts), ""),
        (GAP + new_text(source).rjust(columns.new), "$accent bold" if new else "$text-muted"),
        (GAP + when_text(source).rjust(columns.when), "$text-muted"),
    ]
    if source.error:
        parts.append((GAP + reason_text(source), "$error"))
    room = columns.width
    kept: list[tuple[str, str]] = []
    for text, style in parts:  # too narrow for all: the last cells are cut, never wrapped to a second line
        shown = cut(text, room)
        kept.append((shown, style))
        room -= cell_len(shown)
    return Content.assemble(*kept)
