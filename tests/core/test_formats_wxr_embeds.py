"""WordPress embeds read as the page shows them: a line naming what is embedded, and its link.

Testers' finds in the real exports: `[youtube http://www.youtube.com/watch?v=jK3Oed_dPrM&w=560&h=315]`
(chrisjrob), `[youtube=http://www.youtube.com/watch?v=KmFVjhnxvHM]` (dedy-purwanto) and one in albal
appeared raw, where `[audio]` read `audio: URL`; the other exports had `[gist id=… file=…]`,
`[jsfiddle url=…]`, `[digg=URL]` and `[latex]…[/latex]` raw, and the theme unit test's YouTube and
WordPress.tv posts are an address alone on a line, which WordPress embeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tests.core.test_formats_wxr import comment, item, wxr
from tui_reader.core.content.formatting import MARKDOWN, blocks, links, plain_text
from tui_reader.core.content.models import walk_comments
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.html import html_paragraphs
from tui_reader.core.importers.wxr import shortcodes_as_html


def _read(fragment: str) -> tuple[list[str], list[str]]:
    """What `show` prints of a WordPress body, a paragraph each, and the addresses `o` lists."""
    paragraphs = list(html_paragraphs(shortcodes_as_html(fragment), newlines=True, markdown=True))
    printed = [plain_text(paragraph, MARKDOWN, printed=True) for paragraph in paragraphs]
    return printed, [link.url for paragraph in paragraphs for link in links(blocks(paragraph, MARKDOWN))]


@pytest.mark.parametrize(
    ("shortcode", "said"),
    [
        (
            "[youtube http://www.youtube.com/watch?v=jK3Oed_dPrM&amp;w=560&amp;h=315]",
            "http://www.youtube.com/watch?v=jK3Oed_dPrM",
        ),
        ("[youtube=http://www.youtube.com/watch?v=KmFVjhnxvHM]", "http://www.youtube.com/watch?v=KmFVjhnxvHM"),
        ("[youtube https://youtu.be/x1?t=30&amp;w=640]", "https://youtu.be/x1?t=30"),
        ("[vimeo https://vimeo.com/12345 w=400 h=300]", "https://vimeo.com/12345"),
        ("[vimeo 12345]", "https://vimeo.com/12345"),
        ('[video width="640" mp4="https://x.example/v.mp4"][/video]', "https://x.example/v.mp4"),
        (
            "[embed]https://www.youtube.com/watch?v=SQEQr7c0-dw&amp;width=500[/embed]",
            "https://www.youtube.com/watch?v=SQEQr7c0-dw",
        ),
        ("https://www.youtube.com/watch?v=SQEQr7c0-dw", "https://www.youtube.com/watch?v=SQEQr7c0-dw"),
        ("<p>https://wordpress.tv/2009/03/16/anatomy/</p>", "https://wordpress.tv/2009/03/16/anatomy/"),
    ],
)
def test_videos_read_video_and_their_address_without_the_players_size(shortcode: str, said: str) -> None:
    assert _read(f"Before:\n\n{shortcode}\n\nAfter.") == (["Before:", f"video: {said}", "After."], [said])


@pytest.mark.parametrize(
    ("shortcode", "said"),
    [
        ("[gist id=5035560 file=canvas.js]", "gist: https://gist.github.com/5035560#file-canvas-js"),
        ("[gist]https://gist.github.com/ann/1[/gist]", "gist: https://gist.github.com/ann/1"),
        (
            '[jsfiddle url="http://jsfiddle.net/southerd/TseUq/" height="210px"]',
            "jsfiddle: http://jsfiddle.net/southerd/TseUq/",
        ),
        ("[digg=http://digg.com/programming/Story]", "digg: http://digg.com/programming/Story"),
        ("[embed]https://x.example/watch?v=1&amp;w=2[/embed]", "embed: https://x.example/watch?v=1&w=2"),
        ('[soundcloud url="https://soundcloud.com/a/b"]', "audio: https://soundcloud.com/a/b"),
    ],
)
def test_other_embeds_name_what_they_embed(shortcode: str, said: str) -> None:
    """An address that is no video's keeps its every parameter: `w=` may be the page's own."""
    assert _read(shortcode) == ([said], [said.split(": ", 1)[1]])


def test_an_embed_in_a_sentence_stays_in_it_and_an_escaped_one_reads_as_typed() -> None:
    assert _read("Put [digg=http://digg.com/x] where it goes.")[0] == ["Put digg: http://digg.com/x where it goes."]
    assert _read("Write [[youtube http://youtu.be/x]] to embed.")[0] == ["Write [youtube http://youtu.be/x] to embed."]


def test_a_formula_is_code_without_its_markers() -> None:
    paragraphs = list(
        html_paragraphs(shortcodes_as_html("is [latex]s^2 = -(c{\\Delta}t)^2[/latex] here"), markdown=True)
    )
    assert paragraphs == ["is `s^2 = -(c{\\Delta}t)^2` here"]


def test_addresses_alone_that_are_no_video_or_in_code_stay_as_written() -> None:
    assert _read("https://github.com/ServiceStack/\n\nmore")[0] == ["https://github.com/ServiceStack/", "more"]
    assert _read("<pre>https://youtu.be/x\n</pre>")[0] == ["https://youtu.be/x"]


def test_a_comment_embeds_as_a_post_does(tmp_path: Path) -> None:
    body = item(1, comment(5, text="Watch [youtube=http://www.youtube.com/watch?v=KmFVjhnxvHM]"))
    (review,) = parse_text(tmp_path, "blog.xml", wxr(body)).reviews
    assert plain_text(review.comments[0].body, MARKDOWN) == "Watch video: http://www.youtube.com/watch?v=KmFVjhnxvHM"


@pytest.mark.corpora
def test_no_embed_shortcode_is_left_raw_in_the_real_exports(corpora: Path) -> None:
    """The eight real exports: no `[youtube`, `[vimeo`, `[gist`, `[jsfiddle`, `[digg`, `[latex]` shown; the
    videos read `video: URL`. Shortcodes written so as to show them stay: albal's BBCode (`&#091;video`
    in `<code>`), dedy-purwanto's how-to (`<code>[</code><code>digg=http://digg.com/url_to/…]`)."""
    reviews = [review for path in sorted((corpora / "wxr").glob("*.xml")) for review in parse_file(path).reviews]
    bodies = [
        body
        for review in reviews
        for body in (*review.paragraphs, *(c.body for _, c in walk_comments(review.comments)))
    ]
    lines = {line for body in bodies for line in plain_text(body, MARKDOWN, printed=True).split("\n")}
    for raw in ("[youtube", "[vimeo", "[gist ", "[jsfiddle", "[digg=", "[latex]"):
        assert not [line for line in lines if raw in line and "url_to/story_on_digg" not in line], raw
    videos = {line for line in lines if line.startswith("video: ")}
    for video in ("jK3Oed_dPrM", "KmFVjhnxvHM", "oMdcWHnbhsw", "YaGJ6nH36uI", "SQEQr7c0-dw", "tak2JxBsjLM"):
        assert [line for line in videos if line.endswith(video) or f"v={video}?" in line], video
    assert (
        "video: https://wordpress.tv/2009/03/16/anatomy-of-a-wordpress-theme-exploring-the-files-behind-your-theme/"
        in videos
    )


_PIECES = st.sampled_from(["[youtube", "[vimeo", "[gist", "[embed]", "[/embed]", "[latex]", "[/latex]", "]", "[", "="])


@given(st.lists(st.one_of(st.text(max_size=8), _PIECES, st.sampled_from(["https://youtu.be/x", "\n", "<p>", "</p>"]))))
def test_any_text_with_embed_markers_never_raises(parts: list[str]) -> None:
    _read("".join(parts))
