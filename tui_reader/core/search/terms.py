"""What a query's words match: whole words over folded text, a phrase's words in order,
a prefix, and a word written with its signs (`C#`). `query.py` parses; this finds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from tui_reader.core.search.tokens import CJK, is_cjk, is_wordish, query_terms


class Term(NamedTuple):
    """A word or phrase, folded; `prefix` matches any word starting with the last token.

    A NamedTuple, as the project's small records (`models`): `search` imports no dataclasses."""

    tokens: tuple[str, ...]
    phrase: bool = False
    negated: bool = False
    prefix: bool = False
    signs: str = ""  # written right after the one word, matched as written: `C#`, `C++`, `F#`

    @property
    def lookups(self) -> list[str]:
        """Index terms every matching review must contain (the candidate filter)."""
        found: list[str] = []
        for token in self.tokens[:-1] if self.prefix else self.tokens:
            found.extend(query_terms(token))
        return found

    @property
    def exact_in_index(self) -> bool:
        """True when the index alone decides a match; else candidates are checked on the text."""
        if len(self.tokens) != 1 or self.signs:  # the index keeps words: `c` for `C#`, `C++` and `C`
            return False
        return not (is_cjk(self.tokens[0]) and len(self.tokens[0]) > 2)

    @property
    def side_by_side(self) -> bool:
        """Several words, no CJK run, no prefix: a phrase the phrase index answers exactly (`phrases.py`)."""
        return len(self.tokens) > 1 and not self.prefix and not any(map(is_cjk, self.tokens))

    def pattern(self, whole_words: bool = True) -> re.Pattern[str]:
        """A regex over folded text: tokens in order, separated by anything but word characters."""
        body = self._core().pattern
        if whole_words:
            if not is_cjk(self.tokens[0]):
                body = _WORD_START + body
            if not is_cjk(self.tokens[-1]) and not self.prefix:
                body += _WORD_END
        return re.compile(body)

    def _core(self) -> re.Pattern[str]:
        return _core_of(self.tokens, self.signs)

    def found_in(self, folded: str) -> bool:
        """Whether folded text holds this term as whole words."""
        return next(self.matches(folded), None) is not None

    def matches(self, folded: str) -> Iterator[re.Match[str]]:
        """This term's whole-word matches in folded text: those of `pattern()`.

        Many times faster on long texts, as a pattern that starts with a literal lets `re`
        skip ahead and a lookbehind does not; and it compiles no class of the CJK ranges.
        """
        start_free = is_cjk(self.tokens[0])
        end_free = is_cjk(self.tokens[-1]) or self.prefix
        signs_end = _SIGNS_AFTER if self.signs else ""  # `C#` is not in `C##`; `c` is in `c++`, as indexed
        core = self._core()
        at = 0
        while (match := core.search(folded, at)) is not None:
            start, end = match.span()
            if (start_free or start == 0 or not is_wordish(folded[start - 1])) and (
                end_free or end == len(folded) or not (is_wordish(folded[end]) or folded[end] in signs_end)
            ):
                yield match
                at = max(end, start + 1)
            else:  # a match refused may overlap one to accept ("bye bye" in "goodbye bye bye")
                at = start + 1


_WORD_START = rf"(?<![^\W{CJK}])"
_WORD_END = rf"(?![^\W{CJK}])"


class WholeWords:
    """Several terms as whole words, with the `search` and `finditer` of a compiled pattern.

    Why not one pattern with lookarounds: each class of the CJK ranges in it takes ~3 ms to
    compile (`re` walks its 29k code points), which every `tui-reader search` paid for its
    snippets. Matches come in order; one overlapping an earlier match is left out, as a
    pattern's alternatives would leave it.
    """

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        if len(self.terms) == 1:
            yield from self.terms[0].matches(folded)
            return
        found = sorted(
            (match for term in self.terms for match in term.matches(folded)), key=lambda m: (m.start(), -m.end())
        )
        end = -1
        for match in found:
            if match.start() >= end:
                yield match
                end = max(match.end(), match.start() + 1)

    def search(self, folded: str) -> re.Match[str] | None:
        return next(self.finditer(folded), None)


Matcher = re.Pattern[str] | WholeWords  # what finds spans in folded text (`hits.spans_of`)


@lru_cache(maxsize=256)
def _core_of(tokens: tuple[str, ...], signs: str = "") -> re.Pattern[str]:
    """A term's tokens in order, separated by anything but word characters (between CJK: or nothing),
    and the signs written after its word (`c` then `#`).

    Cached by tokens: a hit's snippet asks for it once per field tried."""
    parts: list[str] = []
    for index, token in enumerate(tokens):
        if index:
            cjk_join = is_cjk(token) or is_cjk(tokens[index - 1])
            parts.append(r"\W*" if cjk_join else r"\W+")
        parts.append(re.escape(token))
    return re.compile("".join(parts) + re.escape(signs))


# Signs that belong to the word they follow (`C#`, `C++`): `c` followed by one is not `c` alone,
# and a word typed with them is matched with them, on the text (the index keeps the word).
_SIGNS_AFTER = "#+"
WORD_AND_SIGNS = re.compile(r"(\w+)([#+]+)")
