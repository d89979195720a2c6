"""Markdown and HTML bodies as blocks of plain text with styled spans: what is shown, and that
nothing hostile survives (markup stays text, no control character reaches a block)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile import ESCAPES, FORBIDDEN_IN_OUTPUT, HOSTILE, MARKUP
from tui_reader.core.content.formatting import (
    CODE,
    CODE_BLOCK,
    EMPHASIS,
    HEADING,
    HTML,
    LINK,
    MARKDOWN,
    PLAIN,
    REDDIT_MARKDOWN,
    RULE,
    STRIKE,
    STRONG,
    Block,
    blocks,
    body_kind,
    links,
    plain_text,
)

REDDIT = """**Bold** and *em* and ~~gone~~, see [the rules]( https://www.reddit.com/r/science/wiki/rules) or https://example.com/a

> quoted *text*
> on two lines

- one
- two
  1. nested

```
code  kept
```

---
# A heading
`[bold]` and [x](javascript:alert(1))"""


def styled(block: Block, style: str) -> list[str]:
    return [block.text[s.start : s.end] for s in block.spans if s.style == style]


def test_reddit_markdown_shows_no_markdown_signs() -> None:
    found = blocks(REDDIT, MARKDOWN)
    text = plain_text(REDDIT, MARKDOWN)
    assert "**" not in text and "](http" not in text and "---" not in text and "```" not in text
    first = found[0]
    assert first.text == "Bold and em and gone, see the rules or https://example.com/a"
    assert styled(first, STRONG) == ["Bold"] and styled(first, EMPHASIS) == ["em"] and styled(first, STRIKE) == ["gone"]
    assert styled(first, LINK) == ["the rules", "https://example.com/a"]


def test_blocks_keep_their_structure() -> None:
    found = blocks(REDDIT, MARKDOWN)
    quote = found[1]
    assert (quote.text, quote.quote) == ("quoted text on two lines", 1)
    items = [(b.text, b.marker, b.indent) for b in found if b.marker]
    assert items == [("one", "• ", 2), ("two", "• ", 2), ("nested", "1. ", 5)]
    code = next(b for b in found if b.kind == CODE_BLOCK)
    assert code.text == "code  kept" and styled(code, CODE) == ["code  kept"]
    assert any(b.kind == RULE for b in found)
    assert [b.text for b in found if styled(b, HEADING)] == ["A heading"]


def test_links_in_order_with_only_safe_urls() -> None:
    found = links(blocks(REDDIT, MARKDOWN))
    assert [link.url for link in found] == ["https://www.reddit.com/r/science/wiki/rules", "https://example.com/a"]
    assert found[0].text == "the rules"
    last = blocks(REDDIT, MARKDOWN)[-1]
    assert last.text.startswith("[bold] and ")  # a code span: markup shown as text
    assert "javascript" in last.text and not styled(last, LINK)  # a script link is left as text


def test_html_bodies() -> None:
    html = (
        '<p>Hi <b>there</b>, <i>you</i> <a href="https://x.example/z">read this</a></p>'
        "<blockquote>quoted<br>twice</blockquote><ul><li>a</li><li>b</li></ul><pre>x\n  y</pre><hr>tail"
        "<script>alert(1)</script>"
    )
    found = blocks(html, HTML)
    assert found[0].text == "Hi there, you read this"
    assert styled(found[0], STRONG) == ["there"] and styled(found[0], LINK) == ["read this"]
    assert (found[1].text, found[1].quote) == ("quoted\ntwice", 1)
    assert [(b.text, b.marker) for b in found[2:4]] == [("a", "• "), ("b", "• ")]
    assert found[4].kind == CODE_BLOCK and found[4].text == "x\n  y"
    assert found[5].kind == RULE and found[6].text == "tail"
    assert "alert" not in plain_text(html, HTML)


def test_plain_text_links_bare_urls_and_keeps_the_text() -> None:
    text = "see (https://x.example/a_b?c=d). *not emphasis*"
    found = blocks(text, PLAIN)
    assert found[0].text == text
    assert [link.url for link in links(found)] == ["https://x.example/a_b?c=d"]


def test_which_bodies_are_markdown() -> None:
    assert body_kind("reddit") == REDDIT_MARKDOWN  # Markdown with its superscript
    assert body_kind("text") == PLAIN and body_kind("wxr") == MARKDOWN  # HTML importers store a Markdown subset


def test_hostile_markup_and_escapes_are_text_in_every_place() -> None:
    for payload in HOSTILE:
        for kind, body in (
            (MARKDOWN, f"[{payload}](https://x.example/{payload}) `{payload}` **{payload}**\n\n> {payload}"),
            (MARKDOWN, f"```\n{payload}\n```\n- {payload}"),
            (HTML, f'<a href="https://x.example/{payload}">{payload}</a><code>{payload}</code><p>{payload}</p>'),
            (PLAIN, f"{payload} https://x.example/{payload}"),
        ):
            found = blocks(body, kind)
            for block in found:
                assert not any(bad in block.text for bad in FORBIDDEN_IN_OUTPUT), (payload, block)
                assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", block.text)
            for link in links(found):
                assert not any(bad in link.url + link.text for bad in FORBIDDEN_IN_OUTPUT)
    for payload in MARKUP:
        assert payload.strip("[]/") in plain_text(f"`{payload}`", MARKDOWN)


def test_an_escape_in_a_link_target_makes_no_link() -> None:
    for escape in ESCAPES:
        found = links(blocks(f"[x](https://x.example/{escape})", MARKDOWN))
        assert all(" " not in link.url and "\x1b" not in link.url for link in found)


PIECES = [*"ab *_`[]()<>#>-+1.!~\n\\|&;:/h", "http://x.y/", "\x1b[2J", "[@click=app.quit]", "<p>", "</a>", "\t"]
PIECES += ["<td>", "</td>", "<th>", "</th>", "<tr>", "</tr>", "<table>", "</table>", "|---|", "| a |"]
text_strategy = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text_strategy, st.sampled_from([MARKDOWN, HTML, PLAIN]))
def test_never_raises_and_spans_stay_inside_their_text(body: str, kind: str) -> None:
    found = blocks(body, kind)
    for block in found:
        for span in block.spans:
            assert 0 <= span.start < span.end <= len(block.text)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", block.text)
    assert plain_text(body, kind).replace("\n", "") == "".join(b.text for b in found).replace("\n", "")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_prose_without_markdown_signs_is_its_own_plain_text(body: str) -> None:
    words = " ".join(re.sub(r"[^a-zA-Z0-9 ,]", " ", body).split())
    words = re.sub(r"^\d+[.)]?", "", words).strip()  # "1." would start a list
    assert plain_text(words, MARKDOWN) == words
    assert plain_text(words, PLAIN) == words
    assert plain_text(words, HTML) == words


def test_plain_text_conventions_quotes_and_items() -> None:
    found = blocks("> quoted\n> more https://x.example/z\n\n• one\n• two\n\nplain - text\n* not all", PLAIN)
    assert [(b.text, b.quote, b.marker) for b in found] == [
        ("quoted\nmore https://x.example/z", 1, ""),
        ("one", 0, "• "),
        ("two", 0, "• "),
        ("plain - text\n* not all", 0, ""),
    ]
    assert [link.url for link in links(found)] == ["https://x.example/z"]


def test_html_block_quotes_are_kept_as_quote_lines_at_import() -> None:
    from tui_reader.core.importers.html import html_paragraphs

    paragraphs = html_paragraphs("<p>a</p><blockquote><p>q1</p><p>q2<br>q3</p></blockquote><p>b</p>")
    assert paragraphs == ["a", "> q1", "> q2\n> q3", "b"]
    shown = [block for paragraph in paragraphs for block in blocks(paragraph, PLAIN)]
    assert [(b.text, b.quote) for b in shown] == [("a", 0), ("q1", 1), ("q2\nq3", 1), ("b", 0)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab ,.!?'\"()/:;\t\u3000é", "\n", "\n\n", "\n \n", "  ", "1", "#"]), max_size=40).map(
        "".join
    )
)
def test_the_prose_shortcut_reads_as_the_parser_does(body: str) -> None:
    """Bodies with no sign of Markdown skip the parser: they must come out the same."""
    from tui_reader.core.content.formatting import _may_be_markdown, _prose_blocks
    from tui_reader.core.content.formatting_markdown import markdown_blocks as _markdown_blocks

    if not _may_be_markdown(body):
        assert [b.text for b in _prose_blocks(body)] == [b.text for b in _markdown_blocks(body)]


TABLE_MD = "Scores:\n\n| Film | Stars |\n|---|---|\n| Her | *4.5* |\n|  | 3 |\n\nThe end."
TABLE_HTML = "<p>Scores:</p><table><caption>Ratings</caption><tr><th>Film</th><th>Stars </th></tr>"
TABLE_HTML += "<tr><td>Her</td><td><em>4.5</em></td></tr><tr><td></td><td>3</td></tr></table><p>The end.</p>"


def test_a_table_is_one_block_a_row_a_line_with_its_cells_apart() -> None:
    """Cells ran together ("FilmStars" from HTML) or became a paragraph each (Markdown): a table is
    one block now, a row a line, cells apart, header cells strong, an empty cell kept in its place."""
    for body, kind in ((TABLE_MD, "markdown"), (TABLE_HTML, "html")):
        found = blocks(body, kind)
        texts = [block.text for block in found if block.text != "Ratings"]  # HTML's caption: its own line
        assert texts == ["Scores:", "Film │ Stars\nHer │ 4.5\n │ 3", "The end."], kind
        table = found[-2]
        styled_parts = [(table.text[span.start : span.end], span.style) for span in table.spans]
        assert styled_parts == [("Film", STRONG), ("Stars", STRONG), ("4.5", EMPHASIS)], kind
