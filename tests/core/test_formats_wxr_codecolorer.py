"""WordPress CodeColorer shortcodes (`[cc]`, `[cce lang="diff"]`, `[cc_php]`, `[ccnLe_php]`, `[cci]`): code
blocks (inline code for its inline mode) through the same mapping as SyntaxHighlighter's, as the plugin
shows them: an escaped one's entities read once, any other's shown as typed. The reader saw `[ccnLe_php]`,
`[/cce]` and the code's lines run together as prose (spotthevuln's ~100 blocks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tests.core.test_formats_wxr import comment, item, wxr
from tests.core.test_formats_wxr_code import _WORD, _body, _shown, assert_block_and_words_kept
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.html import html_paragraphs
from tui_reader.core.importers.wxr import shortcodes_as_html


def _paragraphs(fragment: str) -> list[str]:
    return list(html_paragraphs(shortcodes_as_html(fragment), newlines=True, markdown=True))


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("cc", "cc"),
        ('cc lang="php"', "cc"),
        ("cc_php", "cc_php"),
        ('cce lang="diff"', "cce"),
        ("ccnLe_php", "ccnLe_php"),
        ("ccnLe_java", "ccnLe_java"),
        ("cc_c++", "cc_c++"),
        ('ccW_ruby tab_size="4"', "ccW_ruby"),
        ("CC_PHP", "cc_php"),  # CodeColorer reads its names in any case
    ],
)
def test_a_codecolorer_shortcode_is_a_code_block_with_its_indentation(
    tmp_path: Path, opening: str, closing: str
) -> None:
    body = f"<p>Example:</p>\n\n[{opening}]\n\nif (a) {{\n    call(b);\n}}\n\n[/{closing}]\n\n<p>After.</p>"
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, body=body))).reviews
    assert review.paragraphs == ("Example:", "```\nif (a) {\n    call(b);\n}\n```", "After.")


@pytest.mark.parametrize(
    ("opening", "closing", "shown"),
    [
        ("cce", "cce", "if (a && b < c) echo '&#038;';"),  # escaped: entities read once
        ("ccnLe_php", "ccnLe_php", "if (a && b < c) echo '&#038;';"),
        ('cc escaped="true"', "cc", "if (a && b < c) echo '&#038;';"),
        ("cc", "cc", "if (a &amp;&amp; b &lt; c) echo '&amp;#038;';"),  # not escaped: shown as typed
        ("ccE_php", "ccE_php", "if (a &amp;&amp; b &lt; c) echo '&amp;#038;';"),
        ('ccE escaped="true"', "ccE", "if (a &amp;&amp; b &lt; c) echo '&amp;#038;';"),  # the mode wins
    ],
)
def test_an_escaped_block_is_read_one_level_and_any_other_as_typed(opening: str, closing: str, shown: str) -> None:
    typed = "if (a &amp;&amp; b &lt; c) echo '&amp;#038;';"
    assert _paragraphs(f"[{opening}]{typed}[/{closing}]") == [f"```\n{shown}\n```"]


def test_tags_inside_a_block_are_code_not_markup() -> None:
    """What a visual editor left inside the code (`<div id="_mcePaste">`, `<p>`) is shown, as the blog shows it."""
    typed = '[cce lang="diff"]\n<div id="_mcePaste">try {</div>\n&lt;b&gt;x&lt;/b&gt;\n[/cce]'
    assert _paragraphs(typed) == ['```\n<div id="_mcePaste">try {</div>\n<b>x</b>\n```']


@pytest.mark.parametrize(
    "typed",
    [
        "Call [cci]$a-&gt;b()[/cci] now.",
        "Call [ccie_php]$a->b()[/ccie_php] now.",
        'Call [cc inline="true"]$a->b()[/cc] now.',
    ],
)
def test_an_inline_one_is_inline_code(typed: str) -> None:
    shown = "$a-&gt;b()" if "[cci]" in typed else "$a->b()"
    assert _paragraphs(f"<p>{typed}</p>") == [f"Call `{shown}` now."]


def test_an_inline_mode_turned_off_is_a_block() -> None:
    assert _paragraphs('[ccI inline="true"]x = 1[/ccI]') == ["```\nx = 1\n```"]


@pytest.mark.parametrize(
    "prose",
    [
        "A hash in brackets: [ccb753a36c97b8a039149c7e995dd662] stays.",
        "Not its modes: [ccfoo]x[/ccfoo] and [cc-by]y[/cc-by] stay.",
        "A mismatched pair: [cce]x[/cc] stays.",
        "Nothing closed: [cc_php]echo 1; stays.",
        "Only a closing: [/cce] stays.",
    ],
)
def test_brackets_that_are_not_a_closed_codecolorer_shortcode_stay_as_typed(prose: str) -> None:
    assert _shown(f"<p>{prose}</p>") == prose


def test_doubled_brackets_do_not_escape_it() -> None:
    """CodeColorer reads its shortcodes before WordPress does: `[[cc]x[/cc]]` is a block between brackets."""
    assert _paragraphs("[[cc]x[/cc]]") == ["\\[", "```\nx\n```", "\\]"]


def test_a_comment_with_a_codecolorer_shortcode_is_a_code_block(tmp_path: Path) -> None:
    reply = "Try:\n\n[cce_bash]\nfor f in *; do\n    echo &quot;$f&quot; &gt; out\ndone\n[/cce_bash]"
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, comment(2, text=reply)))).reviews
    assert '```\nfor f in *; do\n    echo "$f" > out\ndone\n```' in review.comments[0].body


_MODES = st.text(alphabet="eEsSnNbBwWlLI", max_size=4)
_LANGUAGE = st.sampled_from(["", "_php", "_java", "_diff", "_c++"])
_MARKER = st.sampled_from(["[cc]", "[/cc]", "[cce]", "[/cce]", "[ccnLe_php]", "[[cc]", "[/cc]]", "[cci]", "[", "]"])


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(st.one_of(_WORD, _MARKER), max_size=6),
    modes=_MODES,
    language=_LANGUAGE,
    code=st.lists(st.tuples(st.integers(0, 8), _WORD), min_size=1, max_size=5),
    after=st.lists(st.one_of(_WORD, _MARKER), max_size=6),
)
def test_text_around_and_inside_the_markers_is_never_lost(
    before: list[str], modes: str, language: str, code: list[tuple[int, str]], after: list[str]
) -> None:
    """Whatever surrounds a closed CodeColorer shortcode, its lines come out as code (indentation kept) and
    the words around it are still there; nothing raises."""
    assert_block_and_words_kept(f"cc{modes}{language}", before, code, after)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), _MARKER, st.sampled_from(["&amp;lt;", "&#91;", "&lt;", "\n", "</p>", "_php]"]))))
def test_any_text_with_markers_never_raises(parts: list[str]) -> None:
    _shown("".join(parts))


@pytest.mark.corpora
def test_spotthevulns_codecolorer_blocks_read_as_the_blog_shows_them(corpora: Path) -> None:
    """Its ~100 `[cce lang="diff"]`, `[ccnLe_php]`, `[ccnLe_java]`, `[cc lang="diff"]` blocks are code blocks."""
    reviews = parse_file(corpora / "wxr" / "bhardin+spotthevuln__wordpress.xml").reviews
    marker = re.compile(r"\[/?cc[eEiIsSnNbBwWlL]*(?:_[^\s\]]*)?(?:\s[^\]]*)?\]", re.IGNORECASE)
    assert not [review.title for review in reviews if marker.search(_body(review))]
    (vulnerable,) = [_body(review) for review in reviews if review.title == "These Pipes are Clean"]
    (fixed,) = [_body(review) for review in reviews if review.title == "These Pipes are Clean - CRLF"]
    assert vulnerable.count("```") == 2 and fixed.count("```") == 2
    assert "if ( strpos($url, ':') === false &&\n" in vulnerable  # `[ccnLe_php]`, escaped: read once
    assert "if ( strpos($url, ':') === false &amp;&amp;\n" in fixed  # `[cc lang="diff"]`: as the blog showed it
    # `[ccnLe_php]` and `[cce lang="diff"]` holding `&amp;#8217;` ("Expands"): the code's own entity, read once
    expands = [line for review in reviews for line in _body(review).split("\n") if "wp_die( __( 'Cheatin" in line]
    assert expands == ["\twp_die( __( 'Cheatin&#8217; uh?' ) );"] * 2
