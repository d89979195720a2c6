"""The quote cursor without widgets: sentences, selection, and wrapped lines mapped back to the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.ui.state.quote import QuoteCursor
from tui_reader.ui.widgets.wrap import columns, line_offsets, wrap

UNITS = ["One. Two!  Three?", "Four is here. Five."]


def test_move_extend_and_text_across_units() -> None:
    quote = QuoteCursor.at_unit("reading", "r", UNITS, 1)
    assert quote.text() == "Four is here."
    quote.move(-1)
    assert quote.text() == "Three?"
    quote.move(1, extend=True)
    assert quote.text() == "Three?\n\nFour is here."
    assert quote.first() == (0, UNITS[0].index("Three"), "Three?")
    quote.move(-5, extend=True)  # clamped at the first sentence, selection from it to the anchor
    assert quote.text() == UNITS[0]
    quote.move(99)
    assert quote.text() == "Five." and quote.selected == range(4, 5)


def test_empty_units_have_no_selection() -> None:
    quote = QuoteCursor.at_unit("thread", "r", ["   "], 0, "c")
    assert quote.empty and quote.text() == "" and quote.first() is None
    quote.move(1)


def test_columns_follow_collapsed_whitespace() -> None:
    text = "Alpha   beta.\tGamma delta epsilon."
    lines = wrap(text, 12)
    offsets = line_offsets(text, lines)
    start = text.index("Gamma")
    end = text.index(" epsilon")
    picked = [
        line[c0:c1]
        for line, off in zip(lines, offsets, strict=True)
        if (span := columns(off, start, end))
        for c0, c1 in [span]
    ]
    assert " ".join(picked) == "Gamma delta"


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(" \t\n"), max_size=300),
    st.integers(min_value=3, max_value=40),
)
def test_every_drawn_character_maps_to_itself(text: str, width: int) -> None:
    lines = wrap(text, width)
    for line, offsets in zip(lines, line_offsets(text, lines), strict=True):
        assert len(offsets) == len(line) + 1
        assert offsets == sorted(offsets)
        for char, offset in zip(line, offsets, strict=False):
            if not char.isspace():
                assert text[offset] == char
