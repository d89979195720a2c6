"""A rating, a verdict and helpful votes as text: one place for the CLI, the list row, the
reading pane's head and the subjects view, so `★★★½☆ 3.5/5` reads the same everywhere.

Plain-terminal glyphs only (★ ☆ ½ ✓ ✗): one cell wide in every monospace font we tried.
"""

from __future__ import annotations

import math

from tui_reader.core.content.models import stars_of

FULL, HALF, EMPTY = "★", "½", "☆"
YES, NO = "✓ recommended", "✗ not recommended"


def half_up(value: float, places: int = 1) -> float:
    """`value` rounded as people round, halves away from zero: 4.25 -> 4.3 (Python's `round` and
    `:.1f` gave 4.2, the float and its even neighbour). One function for every rating and average
    shown rounded, so the subjects screen, `tui-reader subjects` and a review's head agree."""
    scale = 10**places
    return math.copysign(math.floor(abs(value) * scale + 0.5 + 1e-9) / scale, value)  # 1e-9: 1.15*10 is 11.4999…


def star_glyphs(stars: float) -> str:
    """Five cells: 3.5 stars is `★★★½☆` (rounded to the nearest half, a quarter up: 4.25 is `★★★★½`)."""
    halves = max(0, min(10, int(half_up(stars * 2, 0))))
    full, half = divmod(halves, 2)
    return FULL * full + HALF * half + EMPTY * (5 - full - half)


def number(value: float) -> str:
    """8.0 -> `8`, 3.5 -> `3.5`, 4.25 -> `4.25` (StoryGraph rates in quarters: `4.2` was not what
    it said), 7.333 -> `7.33`, rounded half up as every number shown."""
    return f"{half_up(value, 2):g}"


def rating_text(rating: float | None, rating_max: float | None) -> str:
    """`★★★★☆ 4/5`, `★★★★☆ 8/10`; `rating 8` when the scale is unknown; `` with no rating."""
    if rating is None:
        return ""
    stars = stars_of(rating, rating_max)
    if stars is None or rating_max is None:
        return f"rating {number(rating)}"
    return f"{star_glyphs(stars)} {number(rating)}/{number(rating_max)}"


def average_text(average: float | None) -> str:
    """A subject's average on 5 stars: `★★★★½ 4.3` for 4.25; `no rating` without one."""
    return f"{star_glyphs(average)} {half_up(average, 1):.1f}" if average is not None else "no rating"


def recommended_text(recommended: bool | None) -> str:
    return "" if recommended is None else YES if recommended else NO


POINTS_FORMATS = frozenset({"reddit", "hackernews", "hnpage"})  # a thread's score: votes up (and down)


def votes_text(votes: int | None, format_name: str | None, voters: int | None = None, *, short: bool = False) -> str:
    """`493 points` on a Reddit or Hacker News thread, `12 helpful` on a site's review (Amazon,
    Steam, Yelp): a story's points are no verdict on a review's helpfulness. `12 votes` when the
    format is not known (a list row of a catalog written before it was kept). With the voters known,
    `13 of 14 found this helpful` (`13/14 helpful`, `short`, for a list row): 0 of 14 is said,
    where 0 with nobody voting says nothing."""
    if voters and votes is not None and format_name not in POINTS_FORMATS:
        return f"{votes:,}/{voters:,} helpful" if short else f"{votes:,} of {voters:,} found this helpful"
    if not votes:
        return ""
    if format_name is None:
        return f"{votes:,} vote{'s' * (votes != 1)}"
    return f"{votes:,} {'point' + 's' * (votes != 1) if format_name in POINTS_FORMATS else 'helpful'}"


def score_text(score: int | None) -> str:
    """A comment's points as the thread and `show` say them (`15 pts`, `1 pt`)."""
    return "" if score is None else f"{score} pt" if abs(score) == 1 else f"{score} pts"
