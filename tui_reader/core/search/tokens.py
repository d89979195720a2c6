"""Folding and tokenising for search: one definition shared by the index and the query.

Latin-script (and any space-separated) text splits into words; Chinese and
Japanese have no spaces, so a CJK run is indexed as its characters and their
bigrams, and a CJK query matches as a substring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui_reader.core.text import fold

CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_TOKEN = re.compile(rf"[^\W{CJK}]+|[{CJK}]+")
_IS_CJK = re.compile(rf"[{CJK}]")
# What _TOKEN finds in lowered ASCII, and in text without CJK, found faster.
_ASCII_TOKEN = re.compile(r"[a-z0-9_]+")
_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")

# Field marks kept in the same term list as words (they sort before any word).
TITLE = "\x01"
AUTHOR = "\x02"


def fast_fold(text: str) -> str:
    """`core.text.fold`, with ASCII runs lowered in C: indexing folds hundreds of MB.

    Equivalent because casefold and NFKD act per character (marks reorder only
    among themselves, and every mark is non-ASCII, so sits in one run).
    """
    if text.isascii():
        return text.lower()
    parts = _NON_ASCII.split(text)
    parts[0::2] = [part.lower() for part in parts[0::2]]
    parts[1::2] = [fold(part) for part in parts[1::2]]
    return "".join(parts)


def is_cjk(token: str) -> bool:
    return _IS_CJK.match(token) is not None


def raw_tokens(folded: str) -> list[str]:
    """Words and whole CJK runs of already folded text, in order."""
    return _TOKEN.findall(folded)


def cjk_grams(run: str) -> list[str]:
    """What a CJK run is indexed as: each character and each adjacent pair."""
    return list(run) + [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(folded: str) -> set[str]:
    """The distinct terms of folded text, as stored in the index."""
    if folded.isascii():
        return set(_ASCII_TOKEN.findall(folded))
    if _IS_CJK.search(folded) is None:
        return set(_WORD.findall(folded))
    terms = set(_TOKEN.findall(folded))
    for run in [term for term in terms if _IS_CJK.match(term) and len(term) > 1]:
        terms.discard(run)
        terms.update(cjk_grams(run))
    return terms


def query_terms(token: str) -> list[str]:
    """Index terms that every text containing `token` (one raw token) must have."""
    if is_cjk(token) and len(token) > 2:
        return [token[i : i + 2] for i in range(len(token) - 1)]
    return [token]


def marked(mark: str, words: Iterable[str]) -> set[str]:
    return {mark + word for word in words}
