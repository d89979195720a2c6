"""The byte-table tokeniser finds exactly the terms of the reference definition:
`token_pattern()` over `core.text.fold`, CJK runs as characters and bigrams."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.text import fold
from tui_reader.core.search.tokens import (
    AUTHOR,
    CJK,
    TITLE,
    _split_bytes,
    _tables,
    cjk_grams,
    is_cjk,
    is_cjk_char,
    is_wordish,
    raw_tokens,
    review_terms,
    text_terms,
    token_pattern,
)


def reference_terms(text: str) -> set[str]:
    words = set(token_pattern().findall(fold(text)))
    return {gram for word in words for gram in (cjk_grams(word) if is_cjk(word) else [word])}


def code_page(codec: str) -> str:
    """Every character of a code page: what its byte table covers."""
    return bytes(range(256)).decode(codec, errors="ignore")


CODE_PAGE = "".join(sorted(set().union(*(code_page(codec) for codec, _ in _tables().code_pages))))
MIXED = CODE_PAGE + "\u0301\u0308İΣσς电影好\u2019\u00a0\ufb01ǅ"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_per_character(text: str) -> None:
    """What the byte tables rely on: a text folds as its characters, each alone."""
    assert fold(text) == "".join(map(fold, text))


def test_each_code_page_character_between_letters() -> None:
    """Exhaustively: alone, inside a word, between words, in capitals."""
    for char in CODE_PAGE:
        for text in (char, f"ab{char}cd", f"Ab {char} Cd", f"{char}{char}x", f"x{char.upper()}y"):
            assert text_terms(text) == reference_terms(text), repr(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CODE_PAGE) | st.text(alphabet=MIXED) | st.text(alphabet="aZ ._-ßæ½™’…éÉï\u0301"))
def test_text_terms_equal_the_reference(text: str) -> None:
    assert text_terms(text) == reference_terms(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=code_page("latin-1")) | st.text(alphabet=code_page("cp1252")))
def test_the_table_takes_code_page_text_unless_a_word_character_folds_outside_ascii(text: str) -> None:
    """The fast path is taken for the texts it is meant for, not silently skipped."""
    split = _split_bytes(text)
    assert (split is None) == any(not ch.isascii() and token_pattern().match(ch) for ch in fold(text))


TEXTS = st.text(alphabet=" \n.,'-_aZzé电ß\u2019æ½™…") | st.text(alphabet="ab .\nÉï", min_size=1)


@settings(max_examples=200, deadline=None)
@given(title=TEXTS, paragraphs=st.lists(TEXTS, max_size=5), bodies=st.lists(TEXTS, max_size=5))
def test_review_terms_are_the_reference_terms_of_each_text(
    title: str, paragraphs: list[str], bodies: list[str]
) -> None:
    comments = tuple(Comment(f"c{i}", body, f"Üser {i}") for i, body in enumerate(bodies))
    review = Review("r", title, "s", tuple(paragraphs), author="Ann Lee", comments=comments)
    words: set[str] = set().union(*map(reference_terms, [title, *paragraphs, *bodies]))
    authors = reference_terms("\n".join(["Ann Lee", *(c.author for c in comments)]))
    assert review_terms(review) == words | {TITLE + w for w in reference_terms(title)} | {AUTHOR + a for a in authors}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=30) | st.text(alphabet="a_1 电ぁ〇\U00020001é", max_size=10))
def test_the_character_tests_agree_with_the_token_pattern(text: str) -> None:
    cjk = re.compile(f"[{CJK}]")
    wordish = re.compile(rf"[^\W{CJK}]")
    for char in text:
        assert is_cjk_char(char) == bool(cjk.match(char))
        assert is_wordish(char) == bool(wordish.match(char))
    assert raw_tokens(text) == token_pattern().findall(text)
