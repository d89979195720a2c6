"""WordPress code shortcodes (SyntaxHighlighter Evolved, WordPress.com's `[sourcecode]`): every language's
own shortcode (`[csharp]…[/csharp]`) is a code block as the blog shows it, its lines and indentation kept.
The reader saw `[csharp]`, `[DataContract]`, …, `[/csharp]` run together as prose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tests.core.test_formats_wxr import comment, item, wxr
from tui_reader.core.content.models import Review
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.html import html_paragraphs, read_text
from tui_reader.core.importers.wxr import shortcodes_as_html

_NAMES = ["csharp", "javascript", "c", "bash", "php", "html", "css", "python", "c-sharp", "sourcecode", "source"]


def _body(review: Review) -> str:
    return "\n".join(review.paragraphs)


def _shown(fragment: str) -> str:
    """The text a reader sees of a WordPress body (as the importer reads it)."""
    return read_text(html_paragraphs(shortcodes_as_html(fragment), newlines=True, markdown=True))


@pytest.mark.parametrize("name", [*_NAMES, "code lang=js", 'sourcecode language="php"', "csharp light=true"])
def test_a_language_shortcode_is_a_code_block_with_its_indentation(tmp_path: Path, name: str) -> None:
    closing = name.split()[0]
    body = f"<p>Example:</p>\n\n[{name}]\nif (a) {{\n    call(b);\n}}\n[/{closing}]\n\n<p>After.</p>"
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, body=body))).reviews
    text = _body(review)
    assert f"[{closing}" not in text and f"[/{closing}]" not in text
    assert "```\nif (a) {\n    call(b);\n}\n```" in text  # one fenced block, its lines as typed
    assert review.paragraphs[0] == "Example:" and review.paragraphs[-1] == "After."


def test_introducing_servicestacks_blocks_read_as_the_blog_shows_them(tmp_path: Path) -> None:
    """The shapes of the real post: a C# block whose `[DataContract]` stays code, a JavaScript block's
    indentation, and a block whose `<` and `>` were escaped twice beside quotes escaped once."""
    body = (
        "[csharp]\n[DataContract] \npublic class GetFactorial \n{ \n    [DataMember] public long N { get; set; } \n}"
        "\n[/csharp]\n\n"
        "[javascript]\nclient.get(&quot;F&quot;, request, \n    function(e) { \n        $(&quot;#r&quot;).html(e);"
        " \n    }); \n[/javascript]\n\n"
        "[csharp]\nvar c = new XmlServiceClient(\n&quot;http://x/&quot;);\n"
        "var response = serviceClient.Send&amp;lt;GetFactorialResponse&amp;gt;(request); \n[/csharp]"
    )
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, body=body))).reviews
    lines = [line.rstrip() for line in _body(review).split("\n")]
    assert "[DataContract]" in lines and "    [DataMember] public long N { get; set; }" in lines
    assert "    function(e) {" in lines and '        $("#r").html(e);' in lines
    assert "var response = serviceClient.Send<GetFactorialResponse>(request);" in lines
    assert '"http://x/");' in lines
    assert not any(re.search(r"\[/?(csharp|javascript)\]", line) for line in lines)


def test_quotes_escaped_at_both_levels_are_code_that_writes_entities(tmp_path: Path) -> None:
    """`&quot;` beside `&amp;quot;` is a string that writes `&quot;`: the block is read once, as before."""
    body = "[php]\n$s = str_replace(&quot;\\&quot;&quot;, &quot;&amp;quot;&quot;, $s);\n[/php]"
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, body=body))).reviews
    assert '$s = str_replace("\\"", "&quot;", $s);' in _body(review)


@pytest.mark.parametrize(
    "prose",
    [
        "Written in [c] and [html], nothing closed.",
        "A mismatched pair: [c]int x;[/php] stays.",
        "Case counts, as in WordPress: [C]int x;[/C] stays.",
        "Not a code shortcode: [r]x[/r] stays, nor an unclosed [latex].",
        "Names end at a word: [cfoo]x[/cfoo] and [php-x]y[/php-x] stay.",
        "Self-closing: [code /] and a later [/code] stay.",
    ],
)
def test_brackets_that_are_not_a_closed_code_shortcode_stay_as_typed(prose: str) -> None:
    assert _shown(f"<p>{prose}</p>") == prose


def test_an_escaped_shortcode_is_shown_as_typed() -> None:
    """`[[php]…[/php]]` is how a post shows a shortcode itself (WordPress drops the outer brackets)."""
    assert _shown("<p>Write [[php]echo 1;[/php]] to get a block.</p>") == "Write [php]echo 1;[/php] to get a block."


def test_a_comment_with_a_language_shortcode_is_a_code_block(tmp_path: Path) -> None:
    reply = "Try:\n\n[bash]\nfor f in *; do\n    echo &quot;$f&quot;\ndone\n[/bash]"
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, comment(2, text=reply)))).reviews
    assert '```\nfor f in *; do\n    echo "$f"\ndone\n```' in review.comments[0].body


_WORD = st.text(st.characters(codec="utf-8", exclude_characters="[]<>&\\`*_~|#\x00", exclude_categories=["Cs", "Cc"]))
_MARKER = st.sampled_from(["[c]", "[/c]", "[html]", "[/php]", "[code lang=x]", "[[bash]", "[/bash]]", "[", "]"])


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(st.one_of(_WORD, _MARKER), max_size=6),
    name=st.sampled_from(_NAMES),
    code=st.lists(st.tuples(st.integers(0, 8), _WORD), min_size=1, max_size=5),
    after=st.lists(st.one_of(_WORD, _MARKER), max_size=6),
)
def test_text_around_and_inside_the_markers_is_never_lost(
    before: list[str], name: str, code: list[tuple[int, str]], after: list[str]
) -> None:
    """Whatever surrounds a closed code shortcode, its lines come out as code (indentation kept) and the
    words around it are still there; nothing raises. (Inside `[[bash]…[/bash]]` it is that shortcode's
    text, shown as typed, as WordPress shows it.)"""
    assume(not ("[[bash]" in before and "[/bash]]" in after))
    assert_block_and_words_kept(name, before, code, after)


def assert_block_and_words_kept(name: str, before: list[str], code: list[tuple[int, str]], after: list[str]) -> None:
    """`[name]` and its `code` lines (indent, words) between paragraphs of `before` and `after`: the lines
    come out as code, indentation kept, and every word around them is still there."""
    lines = [" " * indent + words.strip() for indent, words in code]
    block = f"[{name}]\n" + "\n".join(lines) + f"\n[/{name}]"
    shown = _shown(f"<p>{' '.join(before)}</p>\n\n{block}\n\n<p>{' '.join(after)}</p>")
    shown_lines = [line.rstrip() for line in shown.split("\n")]
    for line in lines:
        if line.strip():
            assert line.rstrip() in shown_lines
    flat = " ".join(shown.split())
    for words in [*before, *after]:
        if words.strip() and "[" not in words and "]" not in words:
            assert " ".join(words.split()) in flat


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), _MARKER, st.sampled_from(["&amp;lt;", "&quot;", "&lt;", "\n", "</p>"]))))
def test_any_text_with_markers_never_raises(parts: list[str]) -> None:
    _shown("".join(parts))


@pytest.mark.corpora
def test_real_exports_show_no_closed_code_shortcode(corpora: Path) -> None:
    """The 25 posts of three real exports that showed `[csharp]`, `[bash]`, `[c]`… now show code blocks."""
    names = "|".join(map(re.escape, ["csharp", "javascript", "c", "bash", "php", "html", "css", "patch"]))
    pair = re.compile(rf"\[({names})\].*?\[/\1\]", re.DOTALL)
    files = ["ServiceStackV3+mythz_blog__wordpress-export.xml", "DavidSouther+davidsouther.github.com__wordpress.xml"]
    files.append("dedy-purwanto+blog__wordpress.xml")
    reviews = [review for name in files for review in parse_file(corpora / "wxr" / name).reviews]
    assert not [review.title for review in reviews if pair.search(_body(review))]
    (post,) = [review for review in reviews if review.title == "Introducing ServiceStack"]
    lines = [line.rstrip() for line in _body(post).split("\n")]
    assert "    function(e) {" in lines and "    [DataMember] public long ForNumber { get; set; }" in lines
    assert "var response = serviceClient.Send<GetFactorialResponse>(request);" in lines
    assert _body(post).count("```") == 8  # its four blocks
