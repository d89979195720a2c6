"""Line breaking in `wrap`: Chinese and Japanese have no spaces, so lines break between
ideographs, but never inside a Latin word or a number, never before closing punctuation
and never after opening punctuation (a cut `Roguelik|e` or `2|50` changes what is read)."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_reader.ui.widgets.wrap import _WITHOUT_SPACES, _without_spaces, line_offsets, wrap

CLOSING = "，。、！？）」』…"
OPENING = "（「『"
RUN = re.compile(r"[A-Za-z0-9]+")

IDEOGRAPHS = st.sampled_from("喜欢在模式里摸奖一般有以上再去感觉不过のはテスト한국어")
LATIN = st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True)
PIECES = st.one_of(IDEOGRAPHS, LATIN, st.sampled_from([*CLOSING, *OPENING, " ", "  ", "\n", ", ", "-", "/", "é", "👍"]))
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def _paragraph_lines(text: str, width: int) -> list[tuple[str, list[str]]]:
    """Each paragraph of `text` with the lines `wrap` made of it."""
    return [(paragraph, wrap(paragraph, width)) for paragraph in text.split("\n")]


@given(TEXTS, st.integers(2, 40))  # width 1 cannot hold a 2-cell character: see below
def test_wrapped_lines_give_back_the_text_and_fit(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines), lines
    assert len(line_offsets(text, lines)) == len(lines)
    rebuilt = []
    for paragraph, paragraph_lines in _paragraph_lines(text, width):
        collapsed = " ".join(paragraph.split())
        position = 0
        for line in paragraph_lines:  # each line is the next stretch of the text; a space may fall between
            line = " ".join(line.split())
            assert collapsed.startswith(line, position), (collapsed, paragraph_lines)
            position += len(line)
            position += collapsed.startswith(" ", position)
        assert position == len(collapsed)
        rebuilt += paragraph_lines
    assert rebuilt == lines


@given(TEXTS, st.integers(1, 40))
def test_a_latin_word_or_number_that_fits_a_line_is_never_cut(text: str, width: int) -> None:
    for paragraph, lines in _paragraph_lines(text, width):
        collapsed = " ".join(paragraph.split())
        position = 0
        for before, after in pairwise(lines):
            position = collapsed.index(before, position) + len(before)
            if not (RUN.search(before[-1:]) and RUN.match(after[:1])) or collapsed[position] == " ":
                continue
            start = position - len(_tail_run(before))
            run = RUN.match(collapsed, start)
            assert run is not None and cell_len(run.group()) > width, (run, lines)


def _tail_run(line: str) -> str:
    found = re.search(r"[A-Za-z0-9]+$", line)
    return found.group() if found else ""


# bracketed words and numbers between ideographs: each unbreakable stretch fits a line of 8
SENTENCE_PIECES = st.tuples(
    st.sampled_from(["", *OPENING]),
    st.one_of(IDEOGRAPHS, st.sampled_from(["ab", "250"])),
    st.sampled_from(["", *CLOSING]),
    IDEOGRAPHS,
).map("".join)


@given(st.lists(SENTENCE_PIECES, min_size=1, max_size=20).map("".join))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text: str) -> None:
    for width in (8, 9, 12, 20):
        lines = wrap(text, width)
        assert all(cell_len(line) <= width for line in lines)
        for before, after in pairwise(lines):
            assert after[0] not in CLOSING, lines
            assert before[-1] not in OPENING, lines


def test_the_steam_review_lines_the_tester_saw_break_between_ideographs() -> None:
    review = "我个人比较喜欢在Roguelike模式里摸奖，一般有250以上再去（感觉）！不过还是不错的游戏。"
    for width in range(10, 40):  # from where `Roguelike` fits
        lines = wrap(review, width)
        assert "Roguelike" in "\n".join(lines), (width, lines)
        assert not any(line.endswith("2") or line.startswith("50") for line in lines), (width, lines)
        assert not any(line[0] in CLOSING or line[-1] in OPENING for line in lines), (width, lines)
        assert "".join(lines) == review
        assert all(cell_len(line) <= width for line in lines)
    assert wrap(review, 20) == [
        *("我个人比较喜欢在", "Roguelike模式里摸", "奖，一般有250以上再"),
        *("去（感觉）！不过还是", "不错的游戏。"),
    ]


def test_english_still_breaks_at_spaces_and_long_words_are_cut() -> None:
    assert wrap("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap("（" + "a" * 9, 10) == ["（", "a" * 9]  # the word goes whole onto the next line


def test_a_wide_character_in_a_one_cell_line_overflows_instead_of_hanging() -> None:
    assert wrap("中文 xy", 1) == ["中", "文", "x", "y"]  # this looped forever: Rich chops "中" to "" at width 1
    assert wrap("（中）" * 3, 1) == ["（", "中", "）"] * 3


def test_text_written_with_spaces_does_not_load_the_line_breaker() -> None:
    """wcwidth's UAX #14 tables cost a start ~15 ms: a review with a curly quote or an é (most
    reviews) breaks at its spaces without them, and wraps as it did."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from tui_reader.ui.widgets.wrap import wrap\n"
        "assert wrap('A “curly” café — a well-known text', 12) == ['A “curly”', 'café — a', 'well-known', 'text']\n"
        "assert 'wcwidth' not in sys.modules\n"
        "assert wrap('喜欢在Roguelike模式里', 10)[0] == '喜欢在'\n"
        "assert 'wcwidth' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# What wrap.py compiled at import before its ranges were looked up by bisection (~3.6 ms a start).
WITHOUT_SPACES_CLASS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\ua4cf\uac00-\ud7af"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
EDGES = [code + step for first, last in _WITHOUT_SPACES for code in (first, last) for step in (-1, 0, 1)]
CHARACTERS = st.one_of(st.characters(), st.sampled_from(EDGES).map(chr))


@given(st.lists(CHARACTERS, max_size=20).map("".join))
def test_the_scripts_without_spaces_are_those_of_the_character_class(text: str) -> None:
    assert _without_spaces(text) == (WITHOUT_SPACES_CLASS.search(text) is not None)


def test_each_range_edge_is_where_the_character_class_puts_it() -> None:
    for code in EDGES:
        assert _without_spaces(f"a {chr(code)}") == (WITHOUT_SPACES_CLASS.search(chr(code)) is not None), hex(code)
