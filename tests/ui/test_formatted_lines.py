"""Formatted bodies as drawn lines: prefixes beside the text, styles on the right columns, URLs
cut after a separator rather than mid-word."""

from __future__ import annotations

from rich.style import Style

from tui_reader.core.content.formatting import MARKDOWN, PLAIN
from tui_reader.ui.widgets.lines import Styled, body_lines, prefix_of, styled_parts
from tui_reader.ui.widgets.wrap import wrap

URL = "https://www.reddit.com/r/AskHistorians/comments/abc123/why_did_the_roman_empire_fall/?utm_source=share"


def test_lines_carry_prefixes_and_styles() -> None:
    lines = body_lines("> a **strong** quote\n\n- first item here\n- second\n\n---\nend", MARKDOWN, 30)
    assert [(prefix_of(line), str(line)) for line in lines] == [
        ("│ ", "a strong quote"),
        ("", ""),
        ("• ", "first item here"),
        ("• ", "second"),
        ("", ""),
        ("─" * 30, ""),
        ("", ""),
        ("", "end"),
    ]
    first = lines[0]
    assert isinstance(first, Styled) and first.spans == ((2, 8, "strong"),)
    parts = styled_parts(first, Style(), [])
    assert [text for text, _ in parts] == ["│ ", "a ", "strong", " quote"]
    assert parts[2][1].bold


def test_a_long_item_wraps_under_its_text() -> None:
    lines = body_lines("- " + "word " * 12, MARKDOWN, 24)
    assert [prefix_of(line) for line in lines] == ["• ", "  ", "  "]
    assert all(len(prefix_of(line) + line) <= 24 for line in lines)


def test_a_link_split_over_lines_is_styled_on_each() -> None:
    lines = body_lines(f"see {URL} now", PLAIN, 40)
    linked = [line.spans for line in lines if isinstance(line, Styled) and line.spans]
    assert len(linked) >= 2 and all(spans[0][2] == "link" for spans in linked)


def test_long_urls_break_after_a_separator() -> None:
    lines = wrap(f"see {URL} here", 40)
    assert "".join(lines[1:-1]) + lines[-1].split()[0] == URL
    for line in lines[1:-1]:
        assert line[-1] in "/?&=#-_.,;", line
    assert all(len(line) <= 40 for line in lines)


def test_a_huge_word_is_still_cut_to_the_width() -> None:
    assert all(len(line) == 10 for line in wrap("x" * 1000, 10))
