"""Small field helpers every structured importer shares: clean a value, read a date, title a body.

Values from exports are padded, double-encoded and full of odd spaces; `clean()`
is the one place that repairs them, so every format reads the same way.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from tui_reader.core.content.sentences import first_sentence_end
from tui_reader.core.content.text import repair, shorten

TITLE_LIMIT = 80

# UTF-8 read as cp1252/latin-1 leaves a lead byte (Ã Â â Ð ...) before a continuation
# character; ftfy runs only where this shows, so clean text pays a regex, not ftfy.
_CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022"
_MOJIBAKE_HINT = re.compile(
    f"[ÂÃÄÅÆÇÐÑØÙâãäåæçèéêëìíîï][\u0080-\u00bf{_CP1252_HIGH}\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def clean(value: Any) -> str:
    """A text field as the reader should see it: mojibake fixed, repaired, stripped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if _MOJIBAKE_HINT.search(text):
        import ftfy  # only for text that shows mojibake: ~70 ms to import (wcwidth 0.9 with it)

        text = ftfy.fix_encoding(text)
    return repair(text).strip()


def clean_or_none(value: Any) -> str | None:
    text = clean(value)
    return text or None


def title_from(body: str, fallback: str) -> str:
    """A title for an untitled item: its first sentence, cut to TITLE_LIMIT."""
    first = body.strip().split("\n", 1)[0].strip()
    return first_sentence(first) if first else fallback


# A list item's marker at a text's start ("1. ", "2) ", "3、", "• "): a review opening with a numbered
# list was titled "1.". Not "3.5 stars" nor a letter ("J. K. Rowling").
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}(?:[.)](?!\d)|、)|[•*\-–—](?=\s))\s*")


def first_sentence(text: str) -> str:
    """The first sentence of `text`, cut to TITLE_LIMIT: what titles an untitled review; a list
    marker it opens with is not its first sentence.

    A full stop after an abbreviation or an initial goes on ("at Mr. B's.", "Dr. Lee",
    "J. K. Rowling", "e.g. this"): Yelp reviews were titled "We see Dr." and "…food in St."."""
    text = _LIST_MARKER.sub("", text, count=1) or text
    sentence = text[: first_sentence_end(text)]
    return sentence if len(sentence) <= TITLE_LIMIT else shorten(sentence, TITLE_LIMIT - 1) + "…"


def epoch_date(value: Any) -> str | None:
    """Unix seconds (int or digit string) as ISO 8601 UTC; None when not a sane time."""
    if isinstance(value, bool):
        return None
    try:
        seconds = int(value)
        return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def iso_date(value: Any) -> str | None:
    """A date string kept as given but normalised to `YYYY-MM-DDTHH:MM:SS[Z]` where it looks like one."""
    text = clean(value)
    if not text or text.startswith("0000-00-00"):
        return None
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?", text)
    if match:
        return f"{match[1]}T{match[2]}{match[4] or ''}"
    return text[:40]
