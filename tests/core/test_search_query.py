"""The query language: what each piece means, and that bad input only ever raises QueryError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.text import fold
from tui_reader.core.search import QueryError, find_in_text, parse_query
from tui_reader.core.search.query import NoWordError, waits_for_a_word
from tui_reader.core.search.tokens import (
    AUTHOR,
    TITLE,
    cjk_grams,
    fast_fold,
    index_terms,
    is_cjk,
    review_terms,
    text_terms,
    token_pattern,
)


def test_words_phrases_and_exclusions() -> None:
    query = parse_query('Rain "Operating  System" -sequel')
    assert [(t.tokens, t.phrase, t.negated) for t in query.terms] == [
        (("rain",), False, False),
        (("operating", "system"), True, False),
        (("sequel",), False, True),
    ]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ("„", "“"), ("«", "»"), ("＂", "＂")])
@given(words=st.lists(st.text(alphabet="abzé ", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=3))
def test_curled_quotes_make_a_phrase_as_straight_ones_do(opening: str, closing: str, words: list[str]) -> None:
    """A phrase pasted from a document (“toy story”) was read as two words, silently."""
    phrase = " ".join(words)
    curled = parse_query(f"{opening}{phrase}{closing} -{opening}x y{closing} author:{opening}ann b{closing}")
    straight = parse_query(f'"{phrase}" -"x y" author:"ann b"')
    assert (curled.terms, curled.facets) == (straight.terms, straight.facets)
    assert curled.text.startswith(opening)  # what was typed is what is shown


def test_facets() -> None:
    query = parse_query('author:"Spike Jonze" is:unread has:notes -has:comments rating:>=7')
    by_name = {(f.name, f.negated): f for f in query.facets}
    assert by_name[("author", False)].value == "spike jonze"
    assert by_name[("is", False)].value == "unread"
    assert by_name[("has", False)].value == "note"
    assert by_name[("has", True)].value == "comments"
    rating = by_name[("rating", False)]
    assert [rating.accepts_rating(r) for r in (6.9, 7.0, 10.0, None)] == [False, True, True, False]


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [("rating:>7", [7.5], [7.0]), ("rating:<=3", [3.0, 0.0], [3.5]), ("rating:5..8", [5.0, 8.0], [4.9, 8.1])],
)
def test_rating_bounds(text: str, inside: list[float], outside: list[float]) -> None:
    facet = parse_query(text).facets[0]
    assert all(facet.accepts_rating(r) for r in inside)
    assert not any(facet.accepts_rating(r) for r in outside)


@pytest.mark.parametrize("text", ["ratng:5", "is:lovely", "has:", "rating:high", "rating:>=", "author:", "x" * 2000])
def test_bad_queries_say_why_in_one_line(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 120


def test_unfinished_input_is_forgiven() -> None:
    assert parse_query('"half a phr').terms[0].tokens == ("half", "a", "phr")
    blank = parse_query("   ")
    assert not blank.terms and not blank.facets  # as no query: every review
    assert parse_query("12:30").terms[0].tokens == ("12", "30")  # digits are not a facet name


def test_prefix_last_marks_only_an_unfinished_last_word() -> None:
    assert parse_query("good rel", prefix_last=True).terms[-1].prefix
    assert not parse_query("good rel ", prefix_last=True).terms[-1].prefix
    assert not parse_query("good rel").terms[-1].prefix
    assert parse_query("rel*").terms[0].prefix


def test_an_unclosed_phrase_being_typed_ends_in_a_prefix() -> None:
    """The app's filter listed nothing from `"operating s` to `"operating syste`: a phrase typed
    runs to the end, and its last word is still being typed, as an unquoted one is."""
    (live,) = parse_query('"operating sys', prefix_last=True).terms
    assert (live.tokens, live.phrase, live.prefix) == (("operating", "sys"), True, True)
    assert live.found_in("the operating system") and not live.found_in("operating on a system")
    assert not parse_query('"operating sys ', prefix_last=True).terms[0].prefix  # the word is finished
    assert not parse_query('"operating sys"', prefix_last=True).terms[0].prefix  # closed: as typed
    assert not parse_query('"operating sys').terms[0].prefix  # `tui-reader search`: whole words
    assert parse_query('-"operating sys', prefix_last=True).terms[0].negated
    for lone in ('"', '" ', '-"'):  # still a word to come, live or not
        with pytest.raises(NoWordError):
            parse_query(lone, prefix_last=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abzéßİ", min_size=1, max_size=6), min_size=1, max_size=4), st.data())
def test_a_phrase_being_typed_finds_what_it_will_find(words: list[str], data: st.DataObject) -> None:
    """Key by key, `"phrase` (unclosed) finds the text the finished phrase finds; the CLI reads
    it as the phrase closed at the end."""
    phrase = " ".join(words)
    typed = '"' + phrase[: data.draw(st.integers(1, len(phrase)), label="typed")]
    text = fast_fold(f"before, {phrase}. after")
    assert all(term.found_in(text) for term in parse_query(typed, prefix_last=True).terms)
    assert parse_query(typed).terms == parse_query(typed + '"').terms


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*'ab :"-*<>=.7é电影\t\n\x00\u202e', "is:", "has:", "rating:", "author:"])).map("".join)
)
def test_parser_raises_nothing_but_query_error(text: str) -> None:
    try:
        parse_query(text, prefix_last=True)
    except QueryError as error:
        assert "\n" not in str(error)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_on_any_text(text: str) -> None:
    with contextlib.suppress(QueryError):
        parse_query(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fast_fold_equals_fold(text: str) -> None:
    assert fast_fold(text) == fold(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8")) | st.text(alphabet=" \n.,'-_aZé\u0301\u00a8½电影好İß"))
def test_fast_terms_equal_the_tokeniser_on_folded_text(text: str) -> None:
    """The byte-table and `\\w+` shortcuts find exactly what the one tokeniser regex finds."""
    words = set(token_pattern().findall(fold(text)))
    expected = {gram for word in words for gram in (cjk_grams(word) if is_cjk(word) else [word])}
    assert text_terms(text) == expected


def test_accents_case_and_chinese_in_terms() -> None:
    assert {"cafe", "muller"} <= index_terms(fast_fold("Café MÜLLER"))
    terms = index_terms(fast_fold("这部电影很好看"))
    assert {"电", "电影", "好看"} <= terms and "电影很" not in terms


def test_find_in_text_spans_point_into_the_original_text() -> None:
    text = "A CAFÉ, a café and a Cafe\u0301 in Straße"
    spans = find_in_text(text, "cafe")
    assert [text[s:e].casefold() for s, e in spans] == ["café", "café", "cafe\u0301"]
    assert [text[s:e] for s, e in find_in_text(text, "strasse")] == ["Straße"]


def test_find_in_text_is_incremental_and_literal_on_bad_queries() -> None:
    assert find_in_text("relationships matter", "rel") == [(0, 3)]
    assert find_in_text("see foo:bar here", "foo:bar") == [(4, 11)]
    assert find_in_text("电影院的电影", "电影") == [(0, 2), (4, 6)]
    assert find_in_text("nothing", "") == []


TEXTS = st.text(alphabet=" \n.,'-_aZzé电ß\u2019") | st.text(alphabet="ab .\n", min_size=1)


@settings(max_examples=200, deadline=None)
@given(title=TEXTS, paragraphs=st.lists(TEXTS, max_size=5), bodies=st.lists(TEXTS, max_size=5))
def test_review_terms_are_each_texts_terms(title: str, paragraphs: list[str], bodies: list[str]) -> None:
    """Joining the ASCII texts for speed finds exactly the terms of each text tokenised alone."""
    comments = tuple(Comment(f"c{i}", body, f"user {i}") for i, body in enumerate(bodies))
    review = Review("r", title, "s", tuple(paragraphs), author="Ann Lee", comments=comments)
    words: set[str] = set().union(*map(text_terms, [title, *paragraphs, *bodies]))
    authors = text_terms("\n".join(["Ann Lee", *(c.author for c in comments)]))
    assert review_terms(review) == words | {TITLE + w for w in text_terms(title)} | {AUTHOR + a for a in authors}


@pytest.mark.parametrize("text", [".", "-", "*", '"', '""', "? !", "😀", '-"'])
def test_punctuation_alone_names_no_word(text: str) -> None:
    """It matched every review: `search -l . | xargs tui-reader remove` emptied a library."""
    with pytest.raises(NoWordError) as caught:
        parse_query(text)
    assert "\n" not in str(caught.value) and waits_for_a_word(text)
    assert not waits_for_a_word(text + " rain") and not waits_for_a_word("is:foo")


def test_signs_after_a_word_belong_to_it() -> None:
    (sharp,) = parse_query("C#").terms
    assert (sharp.tokens, sharp.signs, sharp.exact_in_index) == (("c",), "#", False)
    assert sharp.found_in("i like c# a lot") and sharp.found_in("(c#)") and not sharp.found_in("c++ or c")
    assert not sharp.found_in("c##")
    (plain,) = parse_query("c").terms
    assert plain.signs == "" and plain.exact_in_index and plain.found_in("c++")  # as the index has it
    assert parse_query('"C# tips"').terms[0].signs == ""  # a phrase keeps its words
