"""Rendering defects met in real content (Reddit, WordPress, Steam, Disqus, Amazon), each as a reader met it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tests.core.test_cli import run
from tests.core.test_formats_wxr import item, wxr
from tui_reader.core.content.formatting import (
    HTML,
    MARKDOWN,
    SPOILER,
    SPOILER_MARKDOWN,
    Link,
    blocks,
    body_kind,
    links,
    plain_text,
)
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.importers.html import html_text
from tui_reader.core.store import Store


def test_show_marks_a_quote_as_a_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Reddit reply quoting its parent printed "• mhornberger: I suspect social media…": the
    quoted words read as the replier's. The reader draws them behind `│`; `show` now prints `> `."""
    body = "> I suspect social media overall has an isolating effect.\n\nUnless it has the opposite."
    thread = Review("rq1", "Quoted", "x", ("Post.",), format="reddit", comments=(Comment("c1", body, "mh"),))
    Store(tmp_path).library.add([thread])
    _, out, _ = run(capsys, "--data-dir", str(tmp_path), "show", "rq1")
    assert "• mh: > I suspect social media overall has an isolating effect." in out
    assert "  Unless it has the opposite." in out


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        ("1. one\n2. two\n   - inner\n3. three", "1. one\n2. two\n  • inner\n3. three"),
        ("- a\n- b", "• a\n• b"),
        ("> a\n>\n> > deeper", "> a\n\n> > deeper"),
        ("> - quoted item", "> • quoted item"),
    ],
)
def test_show_prints_list_markers_and_quote_bars_as_drawn(body: str, printed: str) -> None:
    """`show` dropped list numbers and bullets (a Steam `[olist]`, WordPress's nested lists)."""
    assert plain_text(body, MARKDOWN, printed=True) == printed


def test_a_copy_keeps_only_the_words() -> None:
    """What quotes anchor in and copies carry is the text as drawn, without the gutter."""
    assert plain_text("> a\n\n1. b", MARKDOWN) == "a\n\nb"


def test_reddit_superscript_is_raised_and_its_citation_links_kept() -> None:
    """A Reddit citation read "fermentation^(12)^(,)^(44)." and its links went missing in `show`."""
    body = "fermentation[^(12)](https://x.org/a#ref12)^(,)[^(44)](https://x.org/b)."
    found = blocks(body, body_kind("reddit"))
    assert [block.text for block in found] == ["fermentation¹²,⁴⁴."]
    assert links(found) == [Link("¹²", "https://x.org/a#ref12"), Link("⁴⁴", "https://x.org/b")]
    printed = plain_text(body, body_kind("reddit"), printed=True)
    assert printed == "fermentation¹² (https://x.org/a#ref12),⁴⁴ (https://x.org/b)."


@pytest.mark.parametrize(
    ("body", "read"),
    [
        ("2^10 bytes", "2¹⁰ bytes"),
        ("^(small words) after", "small words after"),
        ("^(a *stressed* aside) then", "a stressed aside then"),
        ("a ^word and ^^nested", "a word and nested"),
        ("`x^(2)` stays code", "x^(2) stays code"),
        ("a lone ^ caret", "a lone ^ caret"),
    ],
)
def test_reddit_superscript_forms(body: str, read: str) -> None:
    assert plain_text(body, body_kind("reddit")) == read


@given(st.text(alphabet="^()ab1 *[]\n`", max_size=40))
def test_superscript_never_raises_and_only_reddit_reads_it(body: str) -> None:
    """Other Markdown (WordPress, HN) has no superscript: a `^` there is the writer's."""
    plain_text(body, body_kind("reddit"))
    assert plain_text(body.replace("^", ""), body_kind("reddit")) == plain_text(body.replace("^", ""), MARKDOWN)
    assert "^" in plain_text("x^2", MARKDOWN)


def test_many_open_superscripts_in_one_post_are_read_not_a_recursion_error() -> None:
    """Each `^(` left open recursed twice: ~600 of them (3.5k characters, a Reddit post may hold
    10k) ended `show` with RecursionError."""
    assert plain_text("Body ^((a)" * 2000, body_kind("reddit")).startswith("Body (aBody (a")


NESTED = (
    '<ol start="8"><li>eight<ol><li>one<ol reversed="reversed"><li>a</li><li>b</li><li>c</li></ol></li>'
    "<li>two</li></ol></li><li>nine</li></ol>"
)
NESTED_READ = "8. eight\n  1. one\n    3. a\n    2. b\n    1. c\n  2. two\n9. nine"


def test_an_ordered_list_keeps_its_start_and_direction() -> None:
    """WordPress's "List item one -start at 8" was numbered 1. and its `reversed` list counted up;
    stored as Markdown (as WordPress imports are) or read as HTML, it reads as the browser shows it."""
    stored = html_text(NESTED, markdown=True)
    assert plain_text(stored, MARKDOWN, printed=True) == NESTED_READ
    assert plain_text(NESTED, HTML, printed=True) == NESTED_READ


@pytest.mark.parametrize(
    ("fragment", "numbers"),
    [
        ("<ol reversed><li>a</li><li>b</li><li>c</li><li>d</li></ol>", ["4.", "3.", "2.", "1."]),
        ('<ol start="0"><li>a</li><li>b</li></ol>', ["0.", "1."]),
        ('<ol start="3" reversed><li>a</li><li>b</li></ol>', ["3.", "2."]),
        ('<ol start="x"><li>a</li><li>b</li></ol>', ["1.", "2."]),
        ("<ol><li>a</li><li>b</li></ol>", ["1.", "2."]),
    ],
)
def test_list_numbering_forms(fragment: str, numbers: list[str]) -> None:
    for text in (
        plain_text(html_text(fragment, markdown=True), MARKDOWN, printed=True),
        plain_text(fragment, HTML, printed=True),
    ):
        assert [line.split()[0] for line in text.splitlines()] == numbers


def test_markdown_written_one_one_one_still_counts_up() -> None:
    """Only a second item written one below the first turns a list downwards."""
    assert plain_text("1. a\n1. b\n1. c", MARKDOWN, printed=True) == "1. a\n2. b\n3. c"
    assert plain_text("5. a\n7. b", MARKDOWN, printed=True) == "5. a\n6. b"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Markup: Title &lt;em&gt;With&lt;/em&gt; &lt;b&gt;Mark&lt;sup&gt;up&lt;/sup&gt;&lt;/b&gt;",
            "Markup: Title With Markup",
        ),
        ("Tom &amp;amp; Jerry &amp;#8220;quoted&amp;#8221;", "Tom & Jerry “quoted”"),
        ("<![CDATA[Line <br/> break   and <script>x()</script>5 < 6]]>", "Line break and 5 < 6"),
    ],
)
def test_a_wordpress_title_is_one_line_of_its_text(tmp_path: Path, raw: str, title: str) -> None:
    """Titles are HTML: the list, the reading pane and `show` printed "Title <em>With</em>"."""
    body = wxr(item(1).replace("<title>Post 1</title>", f"<title>{raw}</title>"))
    (review,) = parse_text(tmp_path, "blog.xml", body).reviews
    assert review.title == title


def attachment(post_id: int, parent: int, url: str) -> str:
    return (
        f"<item><title>a{post_id}</title><wp:post_id>{post_id}</wp:post_id><wp:post_parent>{parent}</wp:post_parent>"
        f"<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
        f"<wp:attachment_url>{url}</wp:attachment_url></item>"
    )


@pytest.mark.parametrize(
    ("shortcode", "read"),
    [
        (
            '[gallery type="rectangular" columns="4" ids="755,757,758,760,766,763" orderby="rand"]',
            "[gallery: 6 images]",
        ),
        ("[gallery columns=2 ids='770']", "[gallery: 1 image]"),
        ('[gallery columns="9"]', "[gallery: 2 images]"),  # the post's attached images (not its PDF)
        ("[audio https://x.example/blues.mp3]", "audio: https://x.example/blues.mp3"),
        ('[video width="640" mp4="https://x.example/v.mp4"][/video]', "video: https://x.example/v.mp4"),
        ("[embed]https://x.example/watch?v=1&amp;t=2[/embed]", "embed: https://x.example/watch?v=1&t=2"),
        ("[audio]", "[audio]"),
    ],
)
def test_wordpress_gallery_and_media_shortcodes_read_as_the_page_shows_them(
    tmp_path: Path, shortcode: str, read: str
) -> None:
    """`[gallery columns="9"]` and `[audio https://….mp3]` were shown as typed."""
    items = item(1, body=f"Before.\n\n{shortcode}\n\nAfter.")
    items += attachment(2, 1, "https://x.example/a.jpg") + attachment(3, 1, "https://x.example/b.PNG")
    items += attachment(4, 1, "https://x.example/c.pdf") + attachment(5, 9, "https://x.example/d.jpg")
    (review,) = parse_text(tmp_path, "blog.xml", wxr(items)).reviews
    shown = plain_text("\n\n".join(review.paragraphs), MARKDOWN, printed=True)
    assert shown == f"Before.\n\n{read}\n\nAfter."
    if read.startswith(("audio:", "video:", "embed:")):
        assert [link.url for link in links(blocks(review.paragraphs[1], MARKDOWN))] == [read.split(": ", 1)[1]]


DISQUS = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
<thread dsq:id="1"><link>https://blog.example/p</link><title>P</title><message><![CDATA[<p>Post</p>]]></message>
<createdAt>2014-01-01T00:00:00Z</createdAt></thread>
<post dsq:id="10"><message><![CDATA[{message}]]></message><createdAt>2014-01-02T00:00:00Z</createdAt>
<author><name>ann</name></author><thread dsq:id="1"/></post>
</disqus>"""


@pytest.mark.parametrize(
    ("message", "read"),
    [
        ("<p>if __name__ == &amp;#039__main__&amp;#039:</p>", "if __name__ == '__main__':"),
        ("<p>a &#039quoted&#39; &amp;#x27;b&amp;#x27; &#8212;</p>", "a 'quoted' 'b' —"),
        ("<p>fish &amp;amp; chips &amp;lt;3</p>", "fish &amp; chips &lt;3"),  # only references escaped twice
    ],
)
def test_a_disqus_reference_escaped_twice_or_without_semicolon_is_its_character(
    tmp_path: Path, message: str, read: str
) -> None:
    """Disqus showed `if __name__ == &#039__main__&#039:`: a browser reads `&#039` as `'`."""
    (review,) = parse_text(tmp_path, "d.xml", DISQUS.format(message=message), "disqus").reviews
    assert plain_text(review.comments[0].body, MARKDOWN) == read


def test_a_relative_reddit_link_is_on_reddit() -> None:
    """AutoModerator's "[contact the moderators](/message/compose/?to=/r/science)" was missing from `o`."""
    body = "Please [contact the moderators](/message/compose/?to=/r/science) or see [x](//elsewhere.example/a)."
    assert links(blocks(body, body_kind("reddit"))) == [
        Link("contact the moderators", "https://www.reddit.com/message/compose/?to=/r/science")
    ]
    assert links(blocks("[a](/r/science)", MARKDOWN)) == []  # elsewhere a path has no site to be on


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("1. 这游戏真的很好玩。\n2. 画面很美。", "这游戏真的很好玩。"),
        ("[olist][*]Great deck builder. Really.[*]Two[/olist]", "Great deck builder."),
        ("2) Short. Then more.", "Short."),
        ("3.5 hours in. Fun.", "3.5 hours in."),
    ],
)
def test_a_review_opening_with_a_numbered_list_is_not_titled_by_its_number(
    tmp_path: Path, text: str, title: str
) -> None:
    """A Steam review whose text starts `1. 这游戏真的很好玩。` was titled "1." in the list, its sort and search."""
    data = {"success": 1, "reviews": [{"recommendationid": "7", "review": text, "voted_up": True}]}
    (review,) = parse_text(tmp_path, "review_646570.json", json.dumps(data)).reviews
    assert review.title == title


def test_a_steam_spoiler_is_marked(tmp_path: Path) -> None:
    """Steam's `[spoiler]` words looked like the rest: the head warned, but not where. They are a
    SPOILER span (drawn apart), `[spoiler: …]` in `show`, and still no part of the title."""
    text = "Boss fight is great. [spoiler]The king dies[/spoiler]. Then [b][spoiler] more[/spoiler][/b]."
    data = {"success": 1, "reviews": [{"recommendationid": "7", "review": text, "voted_up": True}]}
    (review,) = parse_text(tmp_path, "review_646570.json", json.dumps(data)).reviews
    (block,) = blocks(review.paragraphs[0], body_kind(review.format))
    hidden = [block.text[span.start : span.end] for span in block.spans if span.style == SPOILER]
    assert hidden == ["The king dies", "more"]
    printed = plain_text(review.paragraphs[0], body_kind(review.format), printed=True)
    assert printed == "Boss fight is great. [spoiler: The king dies]. Then [spoiler: more]."
    assert (
        plain_text(review.paragraphs[0], body_kind(review.format)) == "Boss fight is great. The king dies. Then more."
    )
    assert review.title == "Boss fight is great." and review.spoiler


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        ("a >!b!< c", "a [spoiler: b] c"),
        ("a >! b !< c", "a >! b !< c"),  # Reddit's rule: no space inside either end
        ("x!< and >!y", "x!< and >!y"),  # no pair: text
        ("> quoted >!z!<", "> quoted [spoiler: z]"),
    ],
)
def test_spoiler_syntax(body: str, printed: str) -> None:
    assert plain_text(body, SPOILER_MARKDOWN, printed=True) == printed
    # Only Reddit and Steam have spoilers: elsewhere `>!` is what its writer typed (a Disqus comment's
    # `1&gt;!1!&lt;` read "11")
    assert plain_text(body, MARKDOWN, printed=True) == body
