"""Sentences: one reading for a title made of the first sentence and for quote mode's cursor."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from tui_reader.core.content.sentences import _END, END_PLAIN, first_sentence_end, sentence_spans
from tui_reader.core.importers.common import first_sentence


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_sentence_spans_on_review_text() -> None:
    text = "Her was a good film. Is it weird? “Yes,” he said… Then more 2.5 stars"
    assert _sentences(text) == ["Her was a good film.", "Is it weird?", "“Yes,” he said…", "Then more 2.5 stars"]


def test_chinese_sentences() -> None:
    assert _sentences("这部电影很好。演员很自然！") == ["这部电影很好。", "演员很自然！"]


def test_abbreviations_and_initials_end_no_sentence_in_quote_mode_either() -> None:
    """Quote mode cut "Mr." off its name where titles already went on past it."""
    text = "We saw Mr. Smith at St. Mark's. J. K. Rowling was there, e.g. at noon. Wait... Really?! Yes etc. Fine."
    assert _sentences(text) == [
        "We saw Mr. Smith at St. Mark's.",
        "J. K. Rowling was there, e.g. at noon.",
        "Wait...",
        "Really?!",
        "Yes etc. Fine.",
    ]
    assert first_sentence(text) == "We saw Mr. Smith at St. Mark's."


_TEXT = st.text(alphabet=st.sampled_from(list('ab Mr.St?!…。\n"”) J')), max_size=120) | st.text(max_size=200)


@given(_TEXT)
@example("Mr. ")
@example(" a. b")
def test_sentences_cover_every_word_once_in_order(text: str) -> None:
    spans = sentence_spans(text)
    gaps = zip((0, *(b for _, b in spans)), (*(a for a, _ in spans), len(text)), strict=True)
    assert all(not text[b:a].strip() for b, a in gaps)  # every character not in a span is a space
    assert all(a < b for a, b in spans) and all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


@given(_TEXT)
def test_the_title_is_the_first_of_quote_modes_sentences(text: str) -> None:
    """One reading: the first sentence a title is made of is the first the quote cursor stops on."""
    spans = sentence_spans(text)
    first = text[: first_sentence_end(text)].strip()
    assert first == (text[spans[0][0] : spans[0][1]] if spans else "")


_MARKS_AND_QUOTES = st.text(alphabet='。！？.!?…”’」』）"”)]“ \n\tab.', max_size=40)


@given(st.one_of(_MARKS_AND_QUOTES, st.text(max_size=60)))
@example("Wait... Really?! 好。。」x")
@example("..x ?”) end.")
def test_the_fast_end_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    """`_END` opens with one class of every mark (fast to search for); `END_PLAIN` says what it finds."""
    plain = re.compile(END_PLAIN)
    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in plain.finditer(text)]
