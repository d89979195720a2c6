"""Folding and tokenising for search: one definition shared by the index and the query.

Latin-script (and any space-separated) text splits into words; Chinese and
Japanese have no spaces, so a CJK run is indexed as its characters and their
bigrams, and a CJK query matches as a substring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui_reader.core.models import Review, walk_comments
from tui_reader.core.text import fold

CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_TOKEN = re.compile(rf"[^\W{CJK}]+|[{CJK}]+")
_IS_CJK = re.compile(rf"[{CJK}]")
# What _TOKEN finds in folded ASCII text ([a-z0-9_]+), as one byte-table pass: every other
# byte becomes a space (30% faster than the regex on IMDB's reviews, which are mostly ASCII).
_TERM_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789_")
_ASCII_SPLIT = bytes(byte if byte in _TERM_BYTES else 32 for byte in range(128)) + b" " * 128
# What _TOKEN finds in text without CJK, found faster.
_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# Field marks kept in the same term list as words (they sort before any word).
TITLE = "\x01"
AUTHOR = "\x02"


def fast_fold(text: str) -> str:
    """`core.text.fold`, many times faster on real text: indexing folds hundreds of MB.

    Lowering first is safe (Unicode guarantees casefold(lower(x)) == casefold(x)),
    and what is left per character (NFKD, dropping marks) is done only on the
    non-ASCII runs, each distinct run once. A test checks the equivalence.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_fold_run, lowered)


_RUNS: dict[str, str] = {}


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    folded = _RUNS.get(run)
    if folded is None:
        folded = fold(run)
        if len(_RUNS) < 100_000:
            _RUNS[run] = folded
    return folded


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
        return set(folded.encode("ascii").translate(_ASCII_SPLIT).decode("ascii").split())
    if _IS_CJK.search(folded) is None:
        return set(_WORD.findall(folded))
    terms = set(_TOKEN.findall(folded))
    for run in [term for term in terms if _IS_CJK.match(term) and len(term) > 1]:
        terms.discard(run)
        terms.update(cjk_grams(run))
    return terms


def text_terms(text: str) -> set[str]:
    """The index terms of raw text: `index_terms(fast_fold(text))`.

    Kept as one named step because indexing calls it for every review: folding
    touches only the non-ASCII runs, so most text costs one `lower` and one
    regex pass. (A per-word cache was tried and dropped: real vocabularies, e.g.
    IMDB's 255k distinct words, thrash it, and it was slower even when warm.)
    """
    return index_terms(fast_fold(text))


def query_terms(token: str) -> list[str]:
    """Index terms that every text containing `token` (one raw token) must have."""
    if is_cjk(token) and len(token) > 2:
        return [token[i : i + 2] for i in range(len(token) - 1)]
    return [token]


def marked(mark: str, words: Iterable[str]) -> set[str]:
    return {mark + word for word in words}


def review_terms(review: Review) -> set[str]:
    """Every index term of a review: words of all its text, title words, author names.

    A review has ~20 texts: the ASCII ones are tokenised as one string, the others
    as another (two calls instead of twenty; the terms are the same, since a space
    ends every word and every non-ASCII run), so one curly quote does not send the
    whole review off the ASCII fast path.
    """
    title = text_terms(review.title)
    texts = [review.subtitle or "", *review.paragraphs]
    authors = {review.author or ""}
    for _, comment in walk_comments(review.comments):
        texts.append(comment.body)
        authors.add(comment.author)
    plain = " ".join([text for text in texts if text.isascii()])
    other = " ".join([text for text in texts if not text.isascii()])
    terms = title | text_terms(plain) | text_terms(other)
    terms |= marked(TITLE, title)
    terms |= marked(AUTHOR, text_terms("\n".join(authors)))
    return terms
