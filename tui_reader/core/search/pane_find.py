"""What `/` finds in the reading or comments pane: the words as typed, one after another, as a
browser's find bar and `less` find them.

Why not the list's query language: there `Two roads diverged` is three words anywhere in a
review, which is right for choosing reviews; inside one text it lit every `two` on its own
(`1/13` in a WordPress test post, the cursor on `Header two`), and the poem was found only by
someone who knew to add quotes. Here case and accents do not count (`cafe` finds `Café`), nor
how much space or which line break lies between two words; everything else is matched as typed
(`C#`, `don't`, `author:` are text). A whole find in quotes, the habit the list teaches, is the
phrase inside them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui_reader.core.search.hits import Span, spans_of
from tui_reader.core.search.tokens import fast_fold

_QUOTES = ('"', '"'), ("“", "”"), ("„", "“"), ("«", "»"), ("＂", "＂")
# Characters typed one way and printed another: a typed apostrophe finds a curled one, and so on.
_SAME = {"'": "'’‘ʼ", "’": "'’‘ʼ", '"': '"“”„', "“": '"“”„', "”": '"“”„'}


def phrase_pattern(typed: str) -> re.Pattern[str] | None:
    """A pattern over folded text (`spans_of`) for `typed` as a phrase; None when nothing is typed."""
    words = fast_fold(_unquoted(typed.strip())).split()
    if not words:
        return None
    return re.compile(r"\s+".join("".join(map(_char, word)) for word in words))


def phrase_finder(typed: str) -> Callable[[str], list[Span]] | None:
    """Where `typed` is in a text, as spans of that text itself; None when nothing is typed."""
    pattern = phrase_pattern(typed)
    if pattern is None:
        return None
    return lambda text: spans_of(pattern, text)


def _unquoted(typed: str) -> str:
    for opening, closing in _QUOTES:
        if len(typed) > 2 and typed.startswith(opening) and typed.endswith(closing):
            return typed[1:-1]
    return typed


def _char(char: str) -> str:
    same = _SAME.get(char)
    return f"[{same}]" if same else re.escape(char)
