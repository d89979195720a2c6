"""Properties: the plain-text parser's short cuts give what the general reading gives.

- `repair` skips its regexes for text that is printable but for tabs and line ends;
- a text of one line (each of IMDB's files) is split at its <br /> tags straight into
  paragraphs, with a first block of one line and no comments, as its lines would give.
"""

from __future__ import annotations

import os
import re
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui_reader.core.content import text as text_module
from tui_reader.core.importers import plaintext

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "A film.",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "<br />",
    "<BR>",
    "<br/>",
    "1. The acting",
    "  1. a reply",
    "é",
    "\u0096",  # a cp1252 dash read as a C1 control
    "\u0081",  # unassigned in cp1252
    "\x07",
    "\x0b",
    "\u00a0",
    "\u2009",
    "\u3000",
    "\u2028",
    "\u200b",
    "e\u0301",  # not NFC
    "Title“A tagline of some words”",
    "Mr. Smith",
]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.text(max_size=200))


def plain_repair(text: str) -> str:
    """`repair` as first written: every regex on every text that is not ASCII."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text_module._ESC_SEQUENCE.sub("", text)  # a terminal sequence whole, not only its ESC
    if text.isascii():
        return text.encode("ascii").translate(None, text_module._C0_BYTES).decode("ascii")
    text = text_module._C1.sub(text_module._c1_to_cp1252, text_module._C0.sub("", text))
    if text_module._ODD_SPACE.search(text) is not None:
        text = text.translate(text_module._ODD_SPACES)
    return unicodedata.normalize("NFC", text)


@SETTINGS
@given(TEXTS)
@example("caf\u00e9\u0096ok\tthen\nnext")
@example("\u00a0é")
def test_repair_of_printable_text_is_the_full_repair(text: str) -> None:
    assert text_module.repair(text) == plain_repair(text)


def lines_of(line: str) -> list[str]:
    """What `PlainTextImporter.parse` makes lines of, for a text of several."""
    return [each.rstrip() for each in plaintext._BR.sub("\n\n", line).split("\n")]


@SETTINGS
@given(TEXTS.map(lambda text: text.replace("\n", " ").replace("\r", " ")))
@example("Title<br /><br />  1. one<br />2. two")
@example("a  b<br/>\tc")
def test_a_line_split_at_its_tags_gives_the_paragraphs_its_lines_give(line: str) -> None:
    lines = lines_of(line)
    paragraphs = plaintext._one_line_paragraphs(line)
    assert paragraphs == plaintext._paragraphs(lines)
    if paragraphs:
        assert plaintext._first_block_lines(lines) == 1
    if plaintext._BR.search(line) is None:  # (tags make the body's own list, never comments)
        assert plaintext._split_comment_section(lines) == (lines, [])


def test_the_break_tag_pattern_has_no_group() -> None:
    """`_BR.split` would put a group's text among the pieces."""
    assert re.compile(plaintext._BR.pattern).groups == 0
