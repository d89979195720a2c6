"""WordPress WXR: real exports counted independently with ElementTree, and the breakages of real files."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.core.formats_support import expected_shape, max_depth, parse_text, shape, write
from tui_reader.core.content.models import walk_comments
from tui_reader.core.importers import InputError, parse_file

WXR_FILES = sorted((Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "wxr").glob("*.xml"))


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(f"{{*}}{tag}")
    return (found.text or "").strip() if found is not None else ""


def expected_from_xml(path: Path) -> list[tuple[str, list[tuple[int, str]]]]:
    """(title, thread shape) per published post/page, by the test's own reading of the spec."""
    root = ET.parse(path).getroot()
    people = {  # login: (display name, email); an author's comments made logged in show under that name
        _text(a, "author_login"): (
            _text(a, "author_display_name") or _text(a, "author_login"),
            _text(a, "author_email"),
        )
        for a in root.findall(".//{*}author")
    }
    ids_of: dict[str, set[str]] = {login: set() for login in people}
    for c in root.findall(".//{*}comment"):
        for login, (name, email) in people.items():
            if _text(c, "comment_user_id") not in ("", "0") and (
                _text(c, "comment_author") in (login, name) or (email and _text(c, "comment_author_email") == email)
            ):
                ids_of[login].add(_text(c, "comment_user_id"))
    out = []
    for item in root.iter("item"):
        kind, status = _text(item, "post_type") or "post", _text(item, "status") or "publish"
        if kind not in ("post", "page") or status != "publish":
            continue
        raw_parent: dict[str, str | None] = {}
        author: dict[str, str] = {}
        shown: list[str] = []
        for comment in item.findall("{*}comment"):
            cid = _text(comment, "comment_id")
            raw_parent[cid] = _text(comment, "comment_parent") or None
            creator = _text(item, "creator")
            mine = creator in people and _text(comment, "comment_user_id") in ids_of[creator]
            author[cid] = people[creator][0] if mine else _text(comment, "comment_author")
            approved = _text(comment, "comment_approved") == "1"
            if approved and _text(comment, "comment_type") not in ("pingback", "trackback"):
                shown.append(cid)
        if not _text(item, "encoded") and not shown:
            continue  # nothing to read: no text, no comment shown
        # WordPress shows a post's comments oldest first (by `comment_date_gmt`), whatever the file's order
        when = {_text(c, "comment_id"): _text(c, "comment_date_gmt") for c in item.findall("{*}comment")}
        if all(when[cid] for cid in shown):
            shown.sort(key=when.__getitem__)
        parent: dict[str, str | None] = {}
        for cid in shown:
            up = raw_parent[cid]
            while up is not None and up != "0" and up not in shown and up in raw_parent:
                up = raw_parent[up]
            parent[cid] = up if up in shown else None
        title = html.unescape(re.sub(r"<[^>]+>", "", _text(item, "title")))  # a title is HTML: its text
        out.append((title, expected_shape(shown, parent, author)))
    return out


@pytest.mark.corpora
@pytest.mark.parametrize("path", WXR_FILES, ids=[p.name.split("__")[0] for p in WXR_FILES])
def test_real_exports_match_an_independent_count(path: Path, corpora: Path) -> None:
    parsed = parse_file(path)
    assert parsed.format == "wxr"
    expected = expected_from_xml(path)
    assert len(parsed.reviews) == len(expected)
    for review, (title, thread) in zip(parsed.reviews, expected, strict=True):
        if title:  # odd spaces (NBSP) become plain spaces on import
            assert review.title.split() == title.split()
        assert shape(review.comments) == thread, review.title


@pytest.mark.corpora
def test_theme_unit_test_data_keeps_its_deep_thread(corpora: Path) -> None:
    parsed = parse_file(corpora / "wxr" / "themeunittestdata.wordpress.xml")
    deepest = max(parsed.reviews, key=max_depth)
    assert max_depth(deepest) >= 9  # the official test data nests ten levels
    reasons = " ".join(s.label for s in parsed.skipped)
    assert "pingback" in reasons and "trackback" in reasons and "attachment" in reasons


def wxr(items: str, *, declare: bool = True, version: str = "1.2") -> str:
    ns = (
        f' xmlns:wp="http://wordpress.org/export/{version}/" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        if declare
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"{ns}><channel><title>Blog</title>'
        f"<link>https://blog.example</link><wp:wxr_version>{version}</wp:wxr_version>{items}</channel></rss>"
    )


def item(post_id: int, comments: str = "", *, kind: str = "post", status: str = "publish", body: str = "Body") -> str:
    return (
        f"<item><title>Post {post_id}</title><link>https://blog.example/?p={post_id}</link>"
        f"<dc:creator><![CDATA[ann]]></dc:creator><content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2020-01-02 03:04:05</wp:post_date_gmt>"
        f"<wp:post_type>{kind}</wp:post_type><wp:status>{status}</wp:status>{comments}</item>"
    )


def comment(cid: int, parent: int = 0, *, approved: str = "1", kind: str = "", author: str = "", text: str = "") -> str:
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[{author or f'u{cid}'}]]>"
        f"</wp:comment_author><wp:comment_content><![CDATA[{text or f'comment {cid}'}]]></wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def test_pingbacks_unapproved_and_spam_are_skipped_and_replies_move_up(tmp_path: Path) -> None:
    comments = (
        comment(1)
        + comment(2, kind="pingback")
        + comment(3, 1, approved="0")
        + comment(4, 3)  # reply to an unapproved comment: hangs under comment 1
        + comment(5, approved="spam")
        + comment(6, kind="trackback")
        + comment(7, 99)  # parent nowhere in the file: top level
    )
    parsed = parse_text(tmp_path, "blog.xml", wxr(item(1, comments)))
    (review,) = parsed.reviews
    assert shape(review.comments) == [(0, "u1"), (1, "u4"), (0, "u7")]
    reasons = {s.label for s in parsed.skipped}
    assert {"pingback comments skipped (1)", "trackback comments skipped (1)", "spam comments skipped (1)"} <= reasons
    assert "unapproved comments skipped (1)" in reasons
    assert "replies to missing comments shown at top level (1)" in reasons


def test_only_published_posts_and_pages_become_reviews(tmp_path: Path) -> None:
    items = item(1) + item(2, kind="page") + item(3, kind="attachment") + item(4, status="draft")
    items += item(5, kind="nav_menu_item")
    parsed = parse_text(tmp_path, "blog.xml", wxr(items))
    assert [r.title for r in parsed.reviews] == ["Post 1", "Post 2"]
    review = parsed.reviews[0]
    assert (review.author, review.date, review.url) == ("ann", "2020-01-02T03:04:05Z", "https://blog.example/?p=1")


def test_depth_fourteen_is_kept_exactly(tmp_path: Path) -> None:
    comments = comment(1) + "".join(comment(n, n - 1) for n in range(2, 16)) + comment(16, 1)
    (review,) = parse_text(tmp_path, "deep.xml", wxr(item(1, comments))).reviews
    assert max_depth(review) == 14
    assert [depth for depth, _ in walk_comments(review.comments)] == [*range(15), 1]


def test_crlf_nul_in_cdata_and_undeclared_prefixes_are_recovered(tmp_path: Path) -> None:
    body = "First line\nsecond\n\nNext\x00 paragraph &amp; <a href='https://x.example/a'>a link</a>"
    text = wxr(item(7, comment(1, text="hi\x00 there\n\nbye"), body=body), declare=False).replace("\n", "\r\n")
    assert "\r\n\r\n" in text
    parsed = parse_text(tmp_path, "broken.xml", text)
    (review,) = parsed.reviews
    assert review.paragraphs == ("First line\\\nsecond", "Next paragraph & [a link](https://x.example/a)")
    assert review.comments[0].body == "hi there\n\nbye"
    assert any("repaired" in s.label for s in parsed.skipped)


def test_html_entities_and_bare_ampersands_outside_cdata(tmp_path: Path) -> None:
    text = wxr(item(1)).replace("<title>Post 1</title>", "<title>Q&A &nbsp;caf&eacute;</title>")
    (review,) = parse_text(tmp_path, "amp.xml", text).reviews
    assert review.title == "Q&A  café"


def test_double_encoded_utf8_is_repaired(tmp_path: Path) -> None:
    mojibake = "Caf\u00e9 \u2014 na\u00efve".encode().decode("cp1252")
    (review,) = parse_text(tmp_path, "moji.xml", wxr(item(1, comment(1, author=mojibake), body=mojibake))).reviews
    assert review.paragraphs == ("Café — naïve",)
    assert review.comments[0].author == "Café — naïve"


def test_old_wxr_versions_and_a_txt_name_are_detected_by_content(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "export.txt", wxr(item(1, comment(1)), version="1.0"))
    assert parsed.format == "wxr"
    assert parsed.reviews[0].comment_count == 1


def test_ids_are_stable_across_reimports_and_copies(tmp_path: Path) -> None:
    text = wxr(item(1, comment(1) + comment(2, 1)))
    first = parse_file(write(tmp_path, "a.xml", text)).reviews[0]
    (tmp_path / "elsewhere").mkdir()
    second = parse_file(write(tmp_path / "elsewhere", "b.xml", text)).reviews[0]
    assert first.id == second.id
    assert [c.id for _, c in walk_comments(first.comments)] == [c.id for _, c in walk_comments(second.comments)]
    assert first.comments[0].replies[0].parent == first.comments[0].id


BOMB = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>'


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (BOMB, "unsafe"),
        (wxr(item(1)).replace("</channel>", ""), "not well-formed"),
        (wxr(item(1, kind="attachment")), "no published posts"),
    ],
)
def test_unsafe_or_hopeless_files_raise_the_clear_error(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_text(tmp_path, "bad.xml", text, "wxr")


def test_values_padded_with_whitespace_are_read(tmp_path: Path) -> None:
    padded = comment(1) + comment(2, 1).replace("<wp:comment_parent>1<", "<wp:comment_parent>\n  1  \n<")
    padded = padded.replace("<wp:comment_approved>1<", "<wp:comment_approved> 1 <")
    text = wxr(item(1, padded)).replace("<wp:post_type>post<", "<wp:post_type>\n\tpost\n<")
    text = text.replace("<wp:status>publish<", "<wp:status> publish <").replace("<title>Post 1<", "<title>  Post 1\n<")
    (review,) = parse_text(tmp_path, "padded.xml", text).reviews
    assert review.title == "Post 1"
    assert shape(review.comments) == [(0, "u1"), (1, "u2")]


def _author_entry(login: str, name: str, user_id: str = "", email: str = "") -> str:
    known = f"<wp:author_id>{user_id}</wp:author_id>" if user_id else ""
    return (
        f"<wp:author>{known}<wp:author_login>{login}</wp:author_login><wp:author_email>{email}</wp:author_email>"
        f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>"
    )


def _as_user(text: str, user_id: str, email: str = "") -> str:
    return text.replace("</wp:comment>", f"<wp:comment_user_id>{user_id}</wp:comment_user_id>"
                        f"<wp:comment_author_email>{email}</wp:comment_author_email></wp:comment>")  # fmt: skip


def test_the_post_authors_comments_show_under_the_post_authors_name(tmp_path: Path) -> None:
    comments = (
        _as_user(comment(1, author="Ann Smith"), "42")  # the author's user id (wp:author_id)
        + _as_user(comment(2, author="Ann"), "0")  # typed by anyone: never matched by id
        + _as_user(comment(3, author="Bob"), "7")
    )
    text = wxr(_author_entry("ann", "Ann", "42") + item(1, comments))
    (review,) = parse_text(tmp_path, "a.xml", text).reviews
    assert review.author == "Ann"
    assert [c.author for c in review.comments] == ["Ann", "Ann", "Bob"]


def test_without_author_ids_the_id_is_learnt_from_the_authors_logged_in_comments(tmp_path: Path) -> None:
    comments = _as_user(comment(1, author="Ann"), "99") + _as_user(comment(2, author="A. Smith"), "99")
    comments += _as_user(comment(3, author="Impostor", text="x"), "0", email="ann@x.example")
    text = wxr(_author_entry("ann", "Ann", email="ann@x.example") + item(1, comments))
    (review,) = parse_text(tmp_path, "b.xml", text).reviews
    assert [c.author for c in review.comments] == ["Ann", "Ann", "Impostor"]


@pytest.mark.corpora
def test_a_real_blogs_author_comments_are_the_posts_author(corpora: Path) -> None:
    path = corpora / "wxr" / "albal+blog.tsew.com__wordpress.xml"
    if not path.exists():
        pytest.skip("corpus file absent")
    reviews = parse_file(path).reviews
    assert {r.author for r in reviews} == {"Al"}  # the login albal21's display name
    names = [c.author for r in reviews for _, c in walk_comments(r.comments)]
    assert "Al West" not in names and names.count("Al") == 9  # 8 as "Al" and 1 as "Al West", one user id


def test_wordpress_shortcodes_read_as_the_page_shows_them(tmp_path: Path) -> None:
    """`[caption]` keeps its image and text; `[sourcecode]` (any spelling of its options) is a code block whose
    tags are code. The reader saw `[caption id="attachment_906" …]` and `[/sourcecode]` in the text."""
    body = (
        '[caption id="attachment_906" align="aligncenter" width="580"]<img src="a.jpg" alt="Sea" /> '
        "A calm sea.[/caption]\n\nThen code:\n\n"
        "[sourcecode language='php']\nif ($a &lt; 2) { echo '<abbr>x</abbr>'; }\n[/sourcecode]\n\n"
        "[sourcecode='html']\n<b>bold</b>\n[/sourcecode]"
    )
    reply = "See [code]<i>here</i>[/code]."
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, comment(2, text=reply), body=body))).reviews
    text = "\n".join(review.paragraphs)
    assert "[caption" not in text and "[/caption]" not in text and "A calm sea." in text
    assert "sourcecode" not in text
    assert "if ($a < 2) { echo '<abbr>x</abbr>'; }" in text and "<b>bold</b>" in text
    assert "```" in text or "    <b>bold</b>" in text  # a code block, however the Markdown marks it
    assert "[code]" not in review.comments[0].body and "<i>here</i>" in review.comments[0].body


def test_a_code_block_escaped_twice_reads_as_its_author_wrote_it(tmp_path: Path) -> None:
    """A visual editor that saved a `[sourcecode]` block twice left `RegisterClassEx(&amp;amp;wc)`;
    a block escaped once keeps what its code writes (`&amp;type=` in a PHP string, `&nbsp;`)."""
    twice = "[sourcecode language='cpp']\nRegisterClassEx(&amp;amp;wc);\nif (a &amp;lt; b &amp;amp;&amp;amp; c) {}\n"
    twice += "[/sourcecode]"
    once = (
        "[sourcecode language='php']\necho '&lt;a href=&quot;?d=1&amp;amp;type=2&quot;&gt;&amp;nbsp;x';\n[/sourcecode]"
    )
    (review,) = parse_text(tmp_path, "blog.xml", wxr(item(1, body=f"{twice}\n\nThen:\n\n{once}"))).reviews
    text = "\n".join(review.paragraphs)
    assert "RegisterClassEx(&wc);" in text and "if (a < b && c) {}" in text
    assert """echo '<a href="?d=1&amp;type=2">&nbsp;x';""" in text
    amps = '[code]\nif ($k &amp;&amp; $v) $u = "a.php?x=1&amp;amp;type=2";\n[/code]'  # once: `&&` is `&amp;&amp;`
    (review,) = parse_text(tmp_path, "blog2.xml", wxr(item(2, body=amps))).reviews
    assert 'if ($k && $v) $u = "a.php?x=1&amp;type=2";' in "\n".join(review.paragraphs)


def test_an_item_without_a_date_is_dated_by_the_day_its_permalink_names(tmp_path: Path) -> None:
    """A WXR written by Duoshuo from a static blog leaves `post_date_gmt` empty: the threads had no date."""
    dated = item(1).replace("<wp:post_date_gmt>2020-01-02 03:04:05</wp:post_date_gmt>", "<wp:post_date_gmt/>")
    by_link = dated.replace("https://blog.example/?p=1", "http://blog.example/2017/01/24/为什么/")
    bad_day = item(2).replace("2020-01-02 03:04:05", "").replace("?p=2", "2017/02/31/x/")
    parsed = parse_text(
        tmp_path, "disqus.xml", wxr(dated + by_link.replace("<wp:post_id>1<", "<wp:post_id>3<") + bad_day)
    )
    assert [review.date for review in parsed.reviews] == [None, "2017-01-24", None]


def test_a_block_editor_posts_newlines_are_spaces_as_wordpress_shows_them(tmp_path: Path) -> None:
    """WordPress adds no line breaks to a post written in the block editor (no `wpautop`): its
    `<p>Calculate a+b\\nand output…</p>` reads as one flowing paragraph; a classic post's single
    newline is still a line break, as WordPress shows it."""
    blocks = "<!-- wp:paragraph -->\n<p>Calculate a+b\nand output the sum.</p>\n<!-- /wp:paragraph -->"
    blocks += "\n\n<!-- wp:code -->\n<pre class='wp-block-code'><code>int a;\nint b;</code></pre>\n<!-- /wp:code -->"
    classic = "First line\nsecond line\n\nNext paragraph"
    block_post, classic_post = parse_text(tmp_path, "w.xml", wxr(item(1, body=blocks) + item(2, body=classic))).reviews
    assert block_post.paragraphs[0] == "Calculate a+b and output the sum."
    assert "int a;\nint b;" in block_post.paragraphs[1]
    assert classic_post.paragraphs == ("First line\\\nsecond line", "Next paragraph")
