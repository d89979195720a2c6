"""How a rating, a verdict and a subject read on screen: one place for the list row, the
reading pane's header and the subjects view, so `★★★★☆ 4/5` means the same everywhere.

Only plain-terminal glyphs: ★ ☆ ½ ✓ ✗ ⚠ and the block elements ▁…█ are one cell wide
in every monospace font we tried; emoji (👍) are two cells, or none on a console.
Every string from the library goes through `visible` before it is returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui_reader.core.models import Subject, stars_of
from tui_reader.core.text import visible

FULL, HALF, EMPTY = "★", "½", "☆"
YES, NO, SPOILER = "✓ recommended", "✗ not recommended", "⚠ spoiler"
BARS = "▁▂▃▄▅▆▇█"
NONE_BAR = "·"
REF_CHARS = 40


def star_glyphs(stars: float) -> str:
    """Five cells: 3.5 stars is `★★★½☆` (rounded to the nearest half)."""
    halves = max(0, min(10, round(stars * 2)))
    full, half = divmod(halves, 2)
    return FULL * full + HALF * half + EMPTY * (5 - full - half)


def number(value: float) -> str:
    """8.0 -> `8`, 3.5 -> `3.5`, 7.25 -> `7.3`."""
    return f"{round(value, 1):g}"


def rating_text(rating: float | None, rating_max: float | None) -> str:
    """`★★★★☆ 4/5`, `★★★★☆ 8/10`; `rating 8` when the scale is unknown; `` with no rating."""
    if rating is None:
        return ""
    stars = stars_of(rating, rating_max)
    if stars is None or rating_max is None:
        return f"rating {number(rating)}"
    return f"{star_glyphs(stars)} {number(rating)}/{number(rating_max)}"


def average_text(average: float | None) -> str:
    """A subject's average on 5 stars: `★★★★☆ 4.2`; `no rating` without one."""
    return f"{star_glyphs(average)} {average:.1f}" if average is not None else "no rating"


def recommended_text(recommended: bool | None) -> str:
    return "" if recommended is None else YES if recommended else NO


def votes_text(votes: int | None) -> str:
    return f"{votes:,} helpful" if votes else ""


def histogram(counts: Sequence[int]) -> str:
    """One cell per star (1..5), the tallest count a full block; `·` for none."""
    tallest = max(counts, default=0)
    if tallest <= 0:
        return NONE_BAR * len(counts)
    return "".join(BARS[max(0, round(count / tallest * (len(BARS) - 1)))] if count else NONE_BAR for count in counts)


def short_ref(ref: str) -> str:
    """`letterboxd:https://boxd.it/abc` -> `letterboxd:boxd.it/abc`, cut to REF_CHARS."""
    text = visible(ref, single_line=True)
    for scheme in ("https://", "http://"):
        text = text.replace(scheme, "", 1)
    text = text.replace("www.", "", 1)
    return text if len(text) <= REF_CHARS else text[: REF_CHARS - 1] + "…"


def subject_line(subject: Subject) -> str:
    """`Her (2013) · film · by Spike Jonze · letterboxd:boxd.it/abc` (the reading pane's header)."""
    parts = [visible(subject.label, single_line=True)]
    if subject.kind:
        parts.append(visible(subject.kind, single_line=True))
    if subject.creator:
        parts.append("by " + visible(subject.creator, single_line=True))
    if subject.ref:
        parts.append(short_ref(subject.ref))
    return " · ".join(part for part in parts if part)


def verdict_parts(
    rating: float | None, rating_max: float | None, recommended: bool | None, votes: int | None
) -> list[str]:
    """The rating on its scale (when the scale is known), the recommendation, the helpful votes."""
    scaled = rating_text(rating, rating_max) if rating_max else ""
    return [part for part in (scaled, recommended_text(recommended), votes_text(votes)) if part]
