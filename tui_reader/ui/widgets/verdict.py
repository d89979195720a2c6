"""How a verdict, a ref and a histogram read on screen (ratings: `core/content/ratings.py`; the subject
line: `core/content/about.py`): one place for the list row, the reading pane's header and the
subjects view, so `★★★★☆ 4/5` means the same everywhere.

Only plain-terminal glyphs: ★ ☆ ½ ✓ ✗ ⚠ and the block elements ▁…█ are one cell wide
in every monospace font we tried; emoji (👍) are two cells, or none on a console.
Every string from the library goes through `visible` before it is returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui_reader.core.content.models import Review
from tui_reader.core.content.ratings import rating_text, recommended_text, votes_text
from tui_reader.core.content.text import visible

SPOILER = "⚠ spoiler"
BARS = "▁▂▃▄▅▆▇█"
NONE_BAR = "·"
REF_CHARS = 40


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


def verdict_parts(review: Review) -> list[str]:
    """The rating on its scale (when the scale is known), the recommendation, the votes."""
    scaled = rating_text(review.rating, review.rating_max) if review.rating_max else ""
    votes = votes_text(review.votes, review.format, review.voters)
    return [part for part in (scaled, recommended_text(review.recommended), votes) if part]
