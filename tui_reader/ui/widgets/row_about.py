"""A list row's second line: what the review is about, its verdict, who wrote it, how it begins.

Fitted to the row's cells by leaving things out rather than cutting them: only a real name and the
first words are ever cut. At 140x40 rows read `Amazon prod…1384719342`, `13/14 helpful · produ…`,
`✓ recommended · Steam a…646570` and `1 helpful · place · EZj…` (a Yelp user's id, cut): a cut id
means nothing, and a reviewer named only by an id is no name at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style

from tui_reader.core.content.about import name_ends_with_ref, named, subject_beyond_title
from tui_reader.core.content.ratings import recommended_text, votes_text
from tui_reader.core.content.text import visible
from tui_reader.ui.widgets.lines import cut

if TYPE_CHECKING:
    from tui_reader.core.content.models import Summary

SUBJECT_AT_LEAST = 6  # cells of a cut subject's name kept beside the votes (the reading pane has it whole)
WORDS_AT_LEAST = 12  # cells of the first words a reviewer's name leaves them (else the name goes)
WORDS_JOINER, JOINER = " — ", " · "
_YEAR = re.compile(r" \(\d{4}\)$")  # a subject's label ends with its year: `Her (2013)`


def cut_name(name: str, width: int, *, whole: bool = False) -> str:
    """A subject's name in at most `width` cells. Its year goes first (`Slay the Spire`, where
    `Slay …(2019)` kept the year and lost the name); then the name is cut at its end (`Hotel Dom
    Henri…`). With `whole` (a name made of the thing's id: `Amazon product 1384719342`) it is
    shown whole or not at all: `Amazon prod…1384719342` and `…4719342` were fragments."""
    if cell_len(name) <= width:
        return name
    if (year := _YEAR.search(name)) is not None and year.start() > 0:
        return cut_name(name[: year.start()], width, whole=whole)
    return "" if whole else cut(name, width)


class _Parts:
    """The line's parts as they are added, each with the joiner before it, and the cells left."""

    def __init__(self, room: int, style: Style) -> None:
        self.parts: list[tuple[str, Style]] = []
        self.left, self.style = room, style

    def cost(self, text: str, joiner: str = JOINER) -> int:
        """Cells `text` takes once added (its joiner too); 0 for nothing."""
        return cell_len(text) + (cell_len(joiner) if self.parts else 0) if text else 0

    def add(self, text: str, style: Style | None = None, *, keep: int = 0, joiner: str = JOINER) -> bool:
        """Add `text` whole when it fits with `keep` cells still left after it; whether it did."""
        cost = self.cost(text, joiner)
        if not text or cost + keep > self.left:
            return False
        self.parts += [(joiner, self.style)] if self.parts else []
        self.parts.append((text, style or self.style))
        self.left -= cost
        return True

    def add_cut(self, text: str, joiner: str) -> None:
        """Add `text`, cut to the cells left (when a few of its letters fit at all)."""
        room = self.left - (cell_len(joiner) if self.parts else 0)
        if text and room >= 2:
            self.add(cut(text, room), joiner=joiner)


def about_parts(summary: Summary, room: int, meta: Style, subject_style: Style) -> list[tuple[str, Style]]:
    """The second line in at most `room` cells: verdict, subject · kind, the votes; the reviewer,
    a rating of unknown scale, then the body's first words. The subject comes first and whole where
    it fits (cut, two hotels read `Hotel D… — Fantastic…` alike); the votes keep their room (sorted
    by votes, a row must say why it is where it is) unless the subject's name would keep fewer than
    SUBJECT_AT_LEAST cells; the reviewer's name is shown whole when the first words keep
    WORDS_AT_LEAST cells after it (the words say more than `brendanmc…` on every Letterboxd row)."""
    row = _Parts(room, meta)
    row.add(recommended_text(summary.recommended))
    votes = votes_text(summary.votes, summary.format, summary.voters, short=True)
    beside = cell_len(JOINER + votes) if votes else 0  # the votes' room, after the subject
    label = visible(subject_beyond_title(summary.subject, summary.title), single_line=True) if summary.subject else ""
    if label:
        left = row.left - (cell_len(JOINER) if row.parts else 0)
        keep_votes = bool(votes) and left - beside >= min(cell_len(label), SUBJECT_AT_LEAST)
        by_id = name_ends_with_ref(label, summary.subject_key if "|" not in (summary.subject_key or "|") else None)
        row.add(cut_name(label, left - (beside if keep_votes else 0), whole=by_id), subject_style)
    row.add(visible(summary.kind or "", single_line=True), keep=beside)  # nor may the kind take the votes' room
    row.add(votes)
    words = visible(summary.excerpt or "", single_line=True)
    rating = f"rating {summary.rating:g}" if summary.stars is None and summary.rating is not None else ""
    after = row.cost(rating) + (cell_len(WORDS_JOINER) + WORDS_AT_LEAST if words else 0)
    row.add(named(summary.author), keep=after)
    row.add(rating)  # the scaled ones are in the stars' column
    row.add_cut(words, WORDS_JOINER)
    return row.parts
