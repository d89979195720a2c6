"""`/` in a pane finds the words as typed, as a phrase: in "Page Markup And Formatting" (WordPress's
theme test post) `/Two roads diverged` said `1/13` and went to `Header two`, each word lit on its
own; the poem was found only with quotes nobody is told to type."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tui_reader.core.search.pane_find import phrase_finder

POST = "Header two\n• List item two\nTwo roads diverged in a yellow wood,\nAnd sorry I could not travel both"


def found(typed: str, text: str) -> list[str]:
    finder = phrase_finder(typed)
    assert finder is not None
    return [text[start:end] for start, end in finder(text)]


def test_the_words_are_found_together_not_each_on_its_own() -> None:
    assert found("Two roads diverged", POST) == ["Two roads diverged"]
    assert found('"Two roads diverged"', POST) == ["Two roads diverged"]  # the list's quotes: the same phrase
    assert found("two", POST) == ["two", "two", "Two"]


def test_case_accents_and_the_space_between_words_do_not_count() -> None:
    assert found("cafe creme", "Un CAFÉ\n  crème, merci") == ["CAFÉ\n  crème"]
    assert found("ROADS  DIVERGED", POST) == ["roads diverged"]


def test_everything_else_is_matched_as_typed() -> None:
    assert found("C#", "C, C# and C++") == ["C#"]
    assert found("roads, diverged", POST) == []  # no comma in the text: not this phrase
    assert found("author:", "the author: Frost") == ["author:"]  # no facet here, just text
    assert found("don't", "I don’t know, don't ask") == ["don’t", "don't"]  # an apostrophe finds a curled one


def test_nothing_typed_finds_nothing() -> None:
    assert phrase_finder("") is None and phrase_finder("   ") is None


WORD = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8)


@given(st.lists(WORD, min_size=1, max_size=5), st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \n "]), min_size=4))
@example(["Two", "roads", "diverged"], ["\n", "  "])
def test_words_typed_with_single_spaces_find_them_whatever_the_space_between(
    words: list[str], spaces: list[str]
) -> None:
    text = "".join(word + space for word, space in zip(words, [*spaces, *[" "] * len(words)], strict=False))
    written = text.rstrip()
    finder = phrase_finder(" ".join(words).upper())
    assert finder is not None
    assert (0, len(written)) in finder(written)
