"""Spans of matches in original text: the fast character map equals the reference one
(every character folded on its own), a field's spans are found whatever its script, and
the fast fold that skips the fields before a hit agrees with folding every field."""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.text import fold
from tui_reader.core.search import hits
from tui_reader.core.search.folding import folded_text
from tui_reader.core.search.hits import _fold_mapped, locate, spans_of
from tui_reader.core.search.query import parse_query
from tui_reader.core.search.tokens import fast_fold

TEXT = st.text(alphabet=st.sampled_from(list("aBc é,É.ßİ\u0301Kﬁ电影 x_1")) | st.characters(), max_size=40)


def reference_map(text: str) -> tuple[str, list[int]]:
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char < "\x80" else fold(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_the_character_map_is_the_reference_one(text: str) -> None:
    folded, origin = _fold_mapped(text)
    expected, expected_origin = reference_map(text)
    assert folded == expected
    assert (origin or list(range(len(text)))) == expected_origin
    assert origin is not None or len(folded) == len(text)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["cafe", "e", "ss", "i", '"a b"', "电影", "x_1", "fi"]))
def test_spans_cover_what_the_pattern_finds_in_the_folded_text(text: str, query: str) -> None:
    pattern = parse_query(query).locator
    assert pattern is not None
    spans = spans_of(pattern, text)
    folded, _ = reference_map(text)
    assert bool(spans) == bool(pattern.search(folded))
    assert all(0 <= start < end <= len(text) for start, end in spans)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab c_1é电影,x")), max_size=30),
    st.sampled_from(["a", "ab", "b*", "电影", "影", '"a b"', '"a a"', '"ab ab"', "c_1", "a 电", "ab a", "b ab c"]),
)
def test_whole_words_find_what_the_lookaround_pattern_finds(folded: str, query: str) -> None:
    parsed = parse_query(query)
    locator = parsed.locator
    assert locator is not None
    one_regex = re.compile("|".join(f"(?:{term.pattern().pattern})" for term in parsed.positive))
    assert (locator.search(folded) is None) == (one_regex.search(folded) is None)
    if len(parsed.positive) == 1:
        assert [m.span() for m in locator.finditer(folded)] == [m.span() for m in one_regex.finditer(folded)]
    starts = [m.start() for m in locator.finditer(folded)]
    assert starts == sorted(set(starts))


FOLD_TEXT = st.text(
    alphabet=st.sampled_from(list("aBc é,É.ßİ\u0301Kﬁ电影 x_1ΣσΑ\x1f\x00ÆæøŁ™①\u212aµ¼’—ẞ")) | st.characters(),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(FOLD_TEXT)
def test_the_encoder_fold_is_fast_fold(text: str) -> None:
    """`folded_text` (runs folded by the ASCII encoder's handler) is `fast_fold`, byte for byte."""
    assert folded_text(text) == fast_fold(text)


FIELD = st.text(alphabet=st.sampled_from(list("drisatel DRÉ éïß\u0301 ,.-*[]电影Σ\x1f’µ")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    title=FIELD,
    paragraphs=st.lists(FIELD, max_size=5),
    comments=st.lists(FIELD, max_size=8),
    query=st.sampled_from(["drisatel", "dre", '"e i"', "ss", "电影", "dri*", "Σ", "e -i", "ï"]),
    form=st.sampled_from(["text", "markdown", "reddit"]),
)
def test_the_hit_is_the_one_every_field_folded_in_turn_gives(
    title: str, paragraphs: list[str], comments: list[str], query: str, form: str
) -> None:
    """The fields skipped by the grouped search (folded by the encoder) hold no match: the hit is
    the one found by folding and searching every field in turn, from the title."""
    review = Review(
        "r",
        title,
        "x",
        tuple(paragraphs),
        format=form,
        comments=tuple(Comment(f"c{i}", body, "a") for i, body in enumerate(comments)),
    )
    parsed = parse_query(query)
    hit = locate(review, 0, 1, parsed, [], [])
    with patch.object(hits, "_first_candidate", lambda pattern, texts, start=0: start):
        assert locate(review, 0, 1, parsed, [], []) == hit


def test_the_encoder_fold_is_fast_fold_for_every_character() -> None:
    """Each character alone (the Latin-1 table, the handler's runs, the folds put back), and
    each after an uppercase ASCII letter and before a combining accent."""
    for code in range(0x20000):
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        assert folded_text(char) == fast_fold(char), hex(code)
        assert folded_text(f"A{char}\u0301") == fast_fold(f"A{char}\u0301"), hex(code)
