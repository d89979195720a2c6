"""What a table says only as a whole, read in a first pass over its rows: the order of its dates,
the site its ids and links name (`tablesites`), and the scale of its ratings.

A rating's scale is taken from what the file says when it says it, most particular first: the
row (`8/10`, `5.0 out of 5 stars`), the field map (`rating_max=10`), the column's name
(`Rating (out of 10)`, `rating_10`), the site (IMDb: 10; Amazon, Yelp: 5). Only when nothing
says it is it guessed from the values: TripAdvisor's bubbles written 10 to 50 in steps of 10
(as scrapers copy `bubble_50`) are 1 to 5 out of 5; else all up to 5 → 5, up to 10 → 10, up
to 100 → 100. Values all under 5 with nothing saying the scale may be out of 10: the import
says so, and how to say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.importers.base import Skipped
from tui_reader.core.importers.jsonutil import as_str
from tui_reader.core.importers.sitedates import DayOrder
from tui_reader.core.importers.tablesites import IMDB, IMDB_ID, Site, id_scope, imdb_link, norm, site_by_file_name

if TYPE_CHECKING:
    from tui_reader.core.importers.tablemap import Columns

# A rating written with its scale, as a page shows it: `8/10`, `5.0 out of 5 stars`, `4,5 sur 5`.
_RATED = re.compile(
    r"(\d{1,3}(?:[.,]\d+)?)\s*(?:/|out\s+of|of|sur|de|von|su|van)\s*(\d{1,3}(?:[.,]\d+)?)(?:\s+\D*)?", re.IGNORECASE
)
_BUBBLE = re.compile(r"(?:.*\s)?bubble_(\d{1,2})", re.IGNORECASE)  # TripAdvisor's `ui_bubble_rating bubble_45`
# `Rating out of 5`, `Rating (out of 10)`, `Stars (1-5)`, `score/10`, `Note /20`, `rating_10`
_SCALED = re.compile(
    r"(?:rating|stars?|score|note|grade)[\s_-]*\(?\s*(?:out\s+of|of|/|[01]\s*[-–]|[01]\s+to)?\s*(\d{1,3})\s*\)?",
    re.IGNORECASE,
)
_BUBBLES = frozenset((10.0, 20.0, 30.0, 40.0, 50.0))
COUNT_DIGITS = 6  # an id of at most this many digits may be a file's own count of its rows (1, 2, 3...)


def rating_number(value: Any) -> float | None:
    """A rating cell's number: `4`, `4,5`, `8/10`, `5.0 out of 5 stars`, `bubble_40`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value == value else None
    text = as_str(value).strip()
    rated = _RATED.fullmatch(text)
    bubble = _BUBBLE.fullmatch(text) if not rated else None
    try:
        return float((rated[1] if rated else bubble[1] if bubble else text.split("/", 1)[0]).replace(",", "."))
    except ValueError:
        return None


def out_of(value: Any) -> float | None:
    """The `10` of a `8/10` rating, the `5` of `5.0 out of 5 stars`."""
    rated = _RATED.fullmatch(as_str(value).strip())
    return rating_number(rated[2]) if rated else None


def scaled_rating(names: list[str]) -> tuple[str, float] | None:
    """The rating column whose name says its scale, and the scale (a scraper names its columns
    for people: `Rating out of 5`)."""
    for name in names:
        match = _SCALED.fullmatch(name.strip())
        if match and int(match[1]) in (5, 10, 20, 50, 100):
            return name, float(match[1])
    return None


class Scale(NamedTuple):
    """The scale a file's ratings are on, where no row or column says its own."""

    top: float | None
    unit: float = 1.0  # the file's step: 10 for bubbles written 10-50 (50 is 5/5)
    note: str | None = None  # what the summary says of a guess that may be wrong


class FileFacts:
    """A first pass's findings: every row seen once, none kept."""

    __slots__ = ("bubbles", "clashes", "counted", "films", "ids", "imdb", "named", "order", "path", "top", "unscaled")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.order = DayOrder()
        self.top = 0.0  # the highest rating whose row says no scale of its own
        self.unscaled = 0  # how many such ratings
        self.bubbles = True  # every such rating is 10, 20, 30, 40 or 50
        self.imdb = False  # an IMDb id or link is in the file
        self.counted = False  # an id column's value looks like a count of the file's rows
        self.ids: set[int] = set()  # the id column's values, hashed
        self.named: set[int] = set()  # (id, text) pairs, hashed: more of them than ids is an id on two texts
        self.clashes = 0  # rows whose id an earlier row with other text had
        self.films: bool | None = None  # every id is an IMDb film's (`tt7737786`): the subject's, not the review's

    def see(self, row: Mapping[str, Any], cols: Columns) -> None:
        self.order.see(cols.get(row, "date"))
        if not self.counted:
            native = as_str(cols.get(row, "id")).strip()
            self.counted = native.isdigit() and len(native) <= COUNT_DIGITS
        self._see_id(as_str(cols.get(row, "id")).strip(), as_str(cols.get(row, "text")))
        if not self.imdb:
            ref, url = as_str(cols.get(row, "subject_ref")).strip(), as_str(cols.get(row, "url")).strip()
            self.imdb = IMDB_ID.fullmatch(ref) is not None or imdb_link(url)
        raw = cols.get(row, "rating")
        number = rating_number(raw)
        if number is None:
            return
        if out_of(raw) is None and cols.get(row, "rating_max") in (None, ""):
            self.top = max(self.top, number)
            self.unscaled += 1
            self.bubbles = self.bubbles and number in _BUBBLES

    def _see_id(self, native: str, text: str) -> None:
        if not native:
            return
        pairs = len(self.named)
        self.named.add(hash((native, text)))
        if len(self.named) > pairs and hash(native) in self.ids:
            self.clashes += 1
        self.ids.add(hash(native))
        self.films = self.films is not False and IMDB_ID.fullmatch(native) is not None

    def columns(self, cols: Columns) -> Columns:
        """The columns as the whole file shows them: an id column of IMDb film ids is the film's ref
        (a scrape of one film's reviews: every row `tt7737786`); one whose ids name rows of other
        text is no review's id (the rows are named by their words: none merged into another)."""
        column = cols.by_field.get("id")
        if column is None or cols.ids is not None or not (self.films or self.clashes):
            return cols
        by_field = {**cols.by_field, "id": None}
        if self.films and by_field.get("subject_ref") is None:
            by_field["subject_ref"] = column
            former = None if self.clashes else column  # one row per film: older versions' ids are kept
            return replace(
                cols, by_field=by_field, site=cols.site or IMDB, kind=cols.kind or IMDB.kind, former_id=former
            )
        return replace(cols, by_field=by_field)

    def id_notes(self, cols: Columns) -> list[Skipped]:
        """What the summary says of an id column read as no review's id."""
        column = cols.by_field.get("id")
        if column is None or not self.clashes or cols.ids is not None or self.films:
            return []
        why = f"rows whose {column!r} an earlier row of other text has: kept apart, named by their words"
        return [Skipped(str(self.path), why, self.clashes)]

    @property
    def day_first(self) -> bool | None:
        return self.order.day_first

    def site(self, cols: Columns) -> Site | None:
        """The site the columns say, else the values, else the file's name."""
        return cols.site or (IMDB if self.imdb else None) or site_by_file_name(self.path)

    def id_scope(self, cols: Columns) -> str | None:
        """Whose ids the id column holds: a site's (Yelp's `review_id`, Steam's `recommendationid`,
        a scrape's `reviewId`), so the same review is one whichever file or folder holds it; None when
        they are the file's own (`1`, `2`, `3`: two tables both count from 1). Never from the file's
        name, which a copy may change."""
        column = cols.by_field.get("id")
        if cols.ids is not None or column is None:
            return cols.ids
        if self.counted:
            return None
        return id_scope(cols.site or (IMDB if self.imdb else None), norm(column))

    def scale(self, cols: Columns) -> Scale:
        """The scale of the ratings that do not say theirs (see the module's docstring)."""
        if cols.rating_max == 50:  # `Rating (/50)`: TripAdvisor's bubbles, 45 is 4.5 of 5
            return Scale(5.0, 10.0)
        if cols.rating_max is not None:
            return Scale(cols.rating_max)
        top = self.top
        site = self.site(cols)
        if site is not None and top <= site.scale:
            return Scale(site.scale)
        if self.unscaled and self.bubbles:
            return Scale(5.0, 10.0)
        for scale in (5.0, 10.0, 100.0):
            if top <= scale:
                return Scale(scale, note=self._guess_note(top) if scale == 5 and self.unscaled else None)
        return Scale(None)

    def _guess_note(self, top: float) -> str | None:
        if top >= 5:
            return None
        return (
            f"ratings read as out of 5 (none is above {top:g} and the file does not say its scale; "
            "--map rating_max=10 reads them out of 10)"
        )

    def notes(self, scales: list[Scale]) -> list[Skipped]:
        """What the summary says of the scales the file's rows were read on."""
        return [Skipped(str(self.path), note, 0) for note in dict.fromkeys(scale.note for scale in scales) if note]
