"""Folding and tokenising for search: one definition shared by the index and the query.

Latin-script (and any space-separated) text splits into words; Chinese and
Japanese have no spaces, so a CJK run is indexed as its characters and their
bigrams, and a CJK query matches as a substring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from tui_reader.core.content.text import fold

if TYPE_CHECKING:  # `search` imports the tokenizer and no models (`library_read`)
    from tui_reader.core.content.models import Review

CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"


@cache
def token_pattern() -> re.Pattern[str]:
    """A word (word characters but CJK) or a CJK run. Compiled when first needed, never for an
    ASCII query: a class of the CJK ranges costs ~3 ms to compile (`re` walks its 29k code
    points), and `tui-reader search` compiled six of them (20 ms, cProfile)."""
    return re.compile(rf"[^\W{CJK}]+|[{CJK}]+")


@cache
def _cjk_pattern() -> re.Pattern[str]:
    return re.compile(rf"[{CJK}]")


def _bounds(ranges: str) -> list[int]:
    """`CJK` ("a-b" triples) as sorted half-open bounds: a code point inside one has an odd `bisect_right`."""
    bounds: list[int] = []
    for at in range(0, len(ranges), 3):
        low, high = ord(ranges[at]), ord(ranges[at + 2]) + 1
        if bounds and bounds[-1] == low:
            bounds[-1] = high  # adjacent ranges join
        else:
            bounds += [low, high]
    return bounds


_CJK_BOUNDS = _bounds(CJK)


def is_cjk_char(char: str) -> bool:
    return bisect_right(_CJK_BOUNDS, ord(char)) % 2 == 1


def is_wordish(char: str) -> bool:
    """A word character that is not CJK (`[^\\W{CJK}]`: `\\w` is `isalnum()` or "_")."""
    return (char.isalnum() or char == "_") and not is_cjk_char(char)


# What token_pattern() finds in text without CJK, found faster.
_WORD = re.compile(r"\w+")

# Field marks kept in the same term list as words (they sort before any word).
TITLE = "\x01"
AUTHOR = "\x02"


def fast_fold(text: str) -> str:
    """`core.text.fold`, many times faster on real text: indexing folds hundreds of MB.

    Lowering first is safe (Unicode guarantees casefold(lower(x)) == casefold(x)),
    and what is left per character (NFKD, dropping marks) is done only on the
    non-ASCII runs, each distinct run once. A test checks the equivalence.
    """
    return fold_lowered(text.lower())


def fold_lowered(lowered: str) -> str:
    """`fast_fold` of text already lowered (`text.lower()`): its non-ASCII runs folded.

    The runs are split out (one C call) and looked up, not replaced by a callback each."""
    if lowered.isascii():
        return lowered
    parts = _NON_ASCII_RUN.split(lowered)  # text, run, text, run, ..., text
    known = _RUNS.get
    for at in range(1, len(parts), 2):
        run = parts[at]
        folded = known(run)
        if folded is None:
            folded = fold(run)
            if len(_RUNS) < 100_000:
                _RUNS[run] = folded
        parts[at] = folded
    return "".join(parts)


_NON_ASCII_RUN = re.compile(r"([^\x00-\x7f]+)")
_RUNS: dict[str, str] = {}


def is_cjk(token: str) -> bool:
    return bool(token) and is_cjk_char(token[0])


def raw_tokens(folded: str) -> list[str]:
    """Words and whole CJK runs of already folded text, in order."""
    return _WORD.findall(folded) if folded.isascii() else token_pattern().findall(folded)


def cjk_grams(run: str) -> list[str]:
    """What a CJK run is indexed as: each character and each adjacent pair."""
    return list(run) + [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(folded: str) -> set[str]:
    """The distinct terms of folded text, as stored in the index."""
    if folded.isascii():
        return _words(folded.encode("ascii").translate(_tables().latin1))
    if _cjk_pattern().search(folded) is None:
        return set(_WORD.findall(folded))
    terms = set(token_pattern().findall(folded))
    for run in [term for term in terms if is_cjk(term) and len(term) > 1]:
        terms.discard(run)
        terms.update(cjk_grams(run))
    return terms


def text_terms(text: str) -> set[str]:
    """The index terms of raw text: `index_terms(fast_fold(text))`.

    Kept as one named step because indexing calls it for every review: text in a
    one-byte code page (most Western text) is folded and split in one byte-table
    pass (`_split_bytes`), anything else folds only its non-ASCII runs. (A per-word
    cache was tried and dropped: real vocabularies, e.g. IMDB's 255k distinct
    words, thrash it, and it was slower even when warm.)
    """
    split = _split_bytes(text)
    return index_terms(fast_fold(text)) if split is None else _words(split)


def token_stream(text: str) -> str:
    """The tokens of `text` (`raw_tokens(fast_fold(text))`) separated by spaces, in one table pass
    where the code page allows: what the phrase index (`phrases.py`) stores."""
    split = _split_bytes(text)
    return split.decode("ascii") if split is not None else " ".join(raw_tokens(fast_fold(text)))


def _words(split: bytes) -> set[str]:
    """The distinct words of `_split_bytes` output (ASCII word characters and spaces)."""
    return set(split.decode("ascii").split())


def _split_bytes(text: str) -> bytes | None:
    """`text` folded and tokenised as ASCII word characters and spaces; None when it cannot be.

    Why: folding run by run (`fast_fold`) and then splitting costs ~50 ns a character
    on accented text, one byte-table pass ~2 ns. A text that Latin-1 or cp1252 can
    encode goes through the table of its code page; characters that fold to several
    word characters (ß -> ss) are replaced first; one that folds to a word character
    outside ASCII (æ, œ) leaves a non-ASCII byte, and the caller takes the general path.
    """
    tables = _tables()
    if text.isascii():
        return text.encode("ascii").translate(tables.latin1)
    for char, replacement in tables.expansions.items():
        if char in text:
            text = text.replace(char, replacement)
    for codec, table in tables.code_pages:
        try:
            split = text.encode(codec).translate(table)
        except UnicodeEncodeError:
            continue
        return split if split.isascii() else None
    return None


def _split_form(char: str) -> str | None:
    """What `char` amounts to once folded, for tokenising: its word characters, a space for
    each character that only ends a word; None when it folds to another word character
    (or to nothing: the caller cannot tell that apart from a space)."""
    folded = fold(char)
    if not folded:
        return None
    form = []
    for ch in folded:
        if ch in _ASCII_WORD:
            form.append(ch)
        elif token_pattern().match(ch) is None:
            form.append(" ")
        else:
            return None
    return " " if all(ch == " " for ch in form) else "".join(form)


def _code_page(codec: str) -> tuple[bytes, dict[str, str]]:
    """The byte table of one code page: each byte -> its `_split_form` when that is one
    character, else the byte itself (non-ASCII: what a lookup cannot fold); and the
    characters whose form is several (ß -> "ss", ½ -> "1 2"), replaced before the lookup."""
    table = bytearray(range(256))
    expansions: dict[str, str] = {}
    for byte, char in enumerate(bytes(range(256)).decode(codec, errors="replace")):
        form = _split_form(char) if char != "\ufffd" else None  # unassigned: never produced by encoding
        if form is not None and len(form) == 1:
            table[byte] = ord(form)
        elif form is not None:
            expansions[char] = form
        elif byte < 128:  # pragma: no cover - every ASCII character folds to itself or lower case
            raise AssertionError(f"ASCII {byte} has no one-byte form")
    return bytes(table), expansions


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")  # what token_pattern() finds in folded ASCII


class _Tables(NamedTuple):
    latin1: bytes  # the Latin-1 byte table (ASCII text goes through it too)
    code_pages: list[tuple[str, bytes]]
    expansions: dict[str, str]


@cache
def _tables() -> _Tables:
    """The code pages' byte tables, made at the first indexing: not at import, where they cost
    ~7 ms of every `tui-reader search`, which only parses a query (`python -X importtime`)."""
    latin1, latin1_expansions = _code_page("latin-1")
    cp1252, cp1252_expansions = _code_page("cp1252")
    # Latin-1 first: its encoder is a copy; cp1252 (curly quotes, dashes, euro) takes ~4 ns a character.
    return _Tables(latin1, [("latin-1", latin1), ("cp1252", cp1252)], latin1_expansions | cp1252_expansions)


def query_terms(token: str) -> list[str]:
    """Index terms that every text containing `token` (one raw token) must have."""
    if is_cjk(token) and len(token) > 2:
        return [token[i : i + 2] for i in range(len(token) - 1)]
    return [token]


def marked(mark: str, words: Iterable[str]) -> set[str]:
    return {mark + word for word in words}


def review_terms(review: Review) -> set[str]:
    """Every index term of a review: words of all its text (with its subject's name and
    creator, and its tags), title words, author names.

    A review has ~20 texts, tokenised as one string (the terms are the same, since a
    space ends every word and every non-ASCII run); when the byte table cannot take
    them all (Chinese, say), those it can are still one string and the rest another.
    """
    title = text_terms(review.title)
    texts = [review.subtitle or "", *review.paragraphs, *review.tags]
    if review.subject is not None:
        texts += [review.subject.name, review.subject.creator or ""]
    authors = {review.author or ""}
    if review.comments:  # (most reviews have none: no walk)
        from tui_reader.core.content.models import walk_comments

        for _, comment in walk_comments(review.comments):
            texts.append(comment.body)
            authors.add(comment.author)
    terms = _many_terms(texts)
    terms |= title
    terms |= marked(TITLE, title)
    if authors != {""}:  # (no author, as for any plain text: no author terms)
        terms |= marked(AUTHOR, text_terms("\n".join(authors)))
    return terms


def _many_terms(texts: list[str]) -> set[str]:
    """`text_terms` of each text, united: in one table pass when every text allows it."""
    split = _split_bytes(" ".join(texts))
    if split is not None:
        return _words(split)
    splits = [(text, _split_bytes(text)) for text in texts]
    fast = b" ".join([split for _, split in splits if split is not None])
    slow = " ".join([text for text, split in splits if split is None])
    return _words(fast) | index_terms(fast_fold(slow))
