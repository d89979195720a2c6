"""A Hacker News item page saved as HTML: the story and its thread, nested by indent, without the site's links.

The pages are written here in the shape of real ones (news.ycombinator.com's markup as
served in 2023-2026: the header's navigation, `fatitem`, `athing comtr` rows with
`td.ind indent=`, vote arrows, `[–]` togglers, `div.reply` links, the footer; and the
older shape with the spacer `<img width>` and `span.commtext` holding its reply link).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text, shape
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.importers.common import epoch_date
from tui_reader.core.importers.hnpage import HackerNewsPageImporter
from tui_reader.core.importers.threads import MAX_DEPTH

STORY = 40123456
HEADER = """<html lang="en" op="item"><head><meta name="referrer" content="origin">
<link rel="stylesheet" type="text/css" href="news.css?abc"><link rel="icon" href="y18.svg">
<title>Show HN: A reader for reviews | Hacker News</title></head><body><center>
<table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef">
<tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%" style="padding:2px"><tr>
<td style="width:18px;padding-right:4px"><a href="https://news.ycombinator.com"><img src="y18.svg" width="18"></a></td>
<td style="line-height:12pt; height:10px;"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b>
<a href="newest">new</a> | <a href="front">past</a> | <a href="newcomments">comments</a> | <a href="ask">ask</a>
| <a href="show">show</a> | <a href="jobs">jobs</a> | <a href="submit" rel="nofollow">submit</a></span></td>
<td style="text-align:right;padding-right:4px;"><span class="pagetop">
<a href="login?goto=item%3Fid%3D40123456">login</a>
</span></td></tr></table></td></tr>
<tr id="pagespace" title="Show HN: A reader for reviews" style="height:10px"></tr><tr><td>"""
FOOTER = """<br><br><center><a href="item?id=40123456&amp;p=2" class="morelink" rel="next">More</a></center>
</td></tr><tr><td><img src="s.gif" height="10" width="0"><table width="100%" cellspacing="0" cellpadding="1"><tr>
<td bgcolor="#ff6600"></td></tr></table><br><center><span class="yclinks"><a href="newsguidelines.html">Guidelines</a>
| <a href="newsfaq.html">FAQ</a> | <a href="lists">Lists</a> | <a href="security.html">Security</a>
| <a href="https://www.ycombinator.com/legal/">Legal</a> | <a href="login?goto=news">login</a></span><br><br>
<form method="get" action="//hn.algolia.com/">Search: <input type="text" name="q" size="17"></form></center>
</td></tr></table></center></body><script type="text/javascript" src="hn.js?xyz"></script></html>"""


def fatitem(toptext: str | None, url: str = "https://example.com/reader") -> str:
    text = f'<tr><td colspan="2"></td><td><div class="toptext">{toptext}</div></td></tr>' if toptext else ""
    return f"""<table class="fatitem" border="0"><tr class="athing submission" id="{STORY}">
<td align="right" valign="top" class="title"><span class="rank"></span></td><td valign="top" class="votelinks"><center>
<a id="up_{STORY}" href="vote?id={STORY}&amp;how=up&amp;goto=item%3Fid%3D{STORY}"><div class="votearrow" title="upvote">
</div></a></center></td><td class="title"><span class="titleline"><a href="{url}">Show HN: A reader for reviews</a>
<span class="sitebit comhead"> (<a href="from?site=example.com"><span class="sitestr">example.com</span></a>)</span>
</span></td></tr><tr><td colspan="2"></td><td class="subtext"><span class="subline">
<span class="score" id="score_{STORY}">369 points</span> by <a href="user?id=poster" class="hnuser">poster</a>
<span class="age" title="2024-05-01T10:20:30 1714558830"><a href="item?id={STORY}">3 hours ago</a></span>
<span id="unv_{STORY}"></span> | <a href="hide?id={STORY}&amp;goto=item%3Fid%3D{STORY}">hide</a> |
<a href="https://hn.algolia.com/?query=reader&type=story" class="hnpast">past</a> |
<a href="fave?id={STORY}&amp;auth=0f">favorite</a> | <a href="item?id={STORY}">115&nbsp;comments</a></span></td></tr>
{text}<tr style="height:6px"/><tr><td colspan="2"></td><td><form action="comment" method="post">
<input type="hidden" name="parent" value="{STORY}"><textarea name="text" rows="8" cols="80"></textarea><br><br>
<input type="submit" value="add comment"></form></td></tr></table><br>"""


def comment(cid: int, indent: int, author: str | None, text: str, *, old: bool = False) -> str:
    """One `athing comtr` row as HN serves it; `old`: the spacer image only, `span.commtext`, the reply inside."""
    ind = f'<td class="ind"><img src="s.gif" height="1" width="{40 * indent}"></td>'
    if not old:
        ind = f'<td class="ind" indent="{indent}"><img src="s.gif" height="1" width="{40 * indent}"></td>'
    user = f'<a href="user?id={author}" class="hnuser">{author}</a> ' if author else ""
    reply = (
        f'<div class="reply"><p><font size="1"><u><a href="reply?id={cid}&amp;goto=item%3Fid%3D{STORY}%23{cid}"'
        ' rel="nofollow">reply</a></u></font></div>'
    )
    if text in ("[deleted]", "[flagged]"):
        body = f'<div class="comment">{text}<div class="reply"></div></div>'
    elif old:
        body = f'<span class="commtext c00">{text}<span> </span>{reply}</span>'
    else:
        body = f'<div class="comment"><div class="commtext c00">{text}</div>{reply}</div>'
    return f"""<tr class="athing comtr" id="{cid}"><td><table border="0"><tr>{ind}<td valign="top" class="votelinks">
<center><a id="up_{cid}" href="vote?id={cid}&amp;how=up&amp;goto=item%3Fid%3D{STORY}"><div class="votearrow"
title="upvote"></div></a><a href="vote?for={cid}&amp;dir=up&amp;whence=item">up</a></center></td><td class="default">
<div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">{user}<span class="age"
title="2024-05-01T11:{cid % 60:02d}:00 1714561200"><a href="item?id={cid}">2 hours ago</a></span>
<span id="unv_{cid}"></span><span class="navs"> | <a href="#{cid + 1}" class="clicky" aria-hidden="true">next</a>
<a class="togg clicky" id="{cid}" n="3" href="javascript:void(0)">[–]</a><span class="onstory"></span></span></span>
</div><br>{body}</td></tr></table></td></tr>"""


def page(rows: Sequence[str], toptext: str | None = None, *, more: bool = False) -> str:
    tree = f'<table border="0" class="comment-tree">{"".join(rows)}</table>'
    footer = FOOTER if more else FOOTER.replace('class="morelink"', 'class="x"').replace(">More<", "><")
    return HEADER + fatitem(toptext) + tree + footer


def read(tmp_path: Path, text: str, name: str = "item.html") -> Review:
    parsed = parse_text(tmp_path, name, text)
    assert parsed.format == "hnpage"
    (review,) = parsed.reviews
    return review


NAV = ("vote?for=", "vote?id=", "reply?id=", "hide", "past", "login", "favorite", "[–]", "upvote", "next", "comments")


def all_text(review: Review) -> str:
    return "\n".join([*review.paragraphs, *(c.body for _, c in walk_comments(review.comments))])


def test_the_story_and_a_thread_nested_by_indent(tmp_path: Path) -> None:
    indents = [0, 1, 2, 1, 0, 1, 0]
    rows = [
        comment(100 + n, depth, f"u{n}", f"Comment {n} &amp; more<p>Second paragraph")
        for n, depth in enumerate(indents)
    ]
    review = read(tmp_path, page(rows, toptext=None))
    assert review.title == "Show HN: A reader for reviews"
    assert review.author == "poster"
    assert review.votes == 369
    assert review.date == "2024-05-01T10:20:30Z"
    assert review.url == f"https://news.ycombinator.com/item?id={STORY}"
    assert review.paragraphs == ("https://example.com/reader",)  # no text: a line with the link
    assert review.id == stable_id("hackernews", str(STORY))  # the JSON importer's id: one review either way
    assert shape(review.comments) == [(depth, f"u{n}") for n, depth in enumerate(indents)]
    first = review.comments[0]
    assert first.body == "Comment 0 & more\n\nSecond paragraph"
    assert first.id == stable_id(review.id, "100")
    assert first.date == "2024-05-01T11:40:00Z"
    assert first.replies[0].parent == first.id


def test_no_vote_reply_or_navigation_text_anywhere(tmp_path: Path) -> None:
    rows = [comment(200 + n, n % 3, f"u{n}", f"Plain words {n}") for n in range(6)]
    review = read(tmp_path, page(rows, toptext='Ask text<p>with a <a href="https://x.example/a">link</a>'))
    assert review.paragraphs == ("Ask text", "with a [link](https://x.example/a)")
    text = all_text(review)
    for word in NAV:
        assert word not in text, word
    assert [c.body for _, c in walk_comments(review.comments)] == [f"Plain words {n}" for n in range(6)]


def test_comment_markup_becomes_readable_text(tmp_path: Path) -> None:
    text = (
        'See <a href="https:&#x2F;&#x2F;example.org&#x2F;a-very-long-path" rel="nofollow">https:&#x2F;&#x2F;'
        "example.org&#x2F;a-very-long...</a> and <i>this</i><p><pre><code>  x = 1\n  y = 2\n</code></pre>"
        "<p>&gt; quoted"
    )
    review = read(tmp_path, page([comment(300, 0, "coder", text)]))
    assert review.comments[0].body == (
        "See https://example.org/a-very-long-path and *this*\n\n```\n  x = 1\n  y = 2\n```\n\n> quoted"
    )


def test_deleted_and_flagged_comments_skipped_and_their_replies_kept(tmp_path: Path) -> None:
    rows = [
        comment(1, 0, "a", "top"),
        comment(2, 1, None, "[deleted]"),
        comment(3, 2, "c", "reply to the deleted one"),
        comment(4, 3, "d", "deeper"),
        comment(5, 0, None, "[flagged]"),
        comment(6, 1, "f", "reply to the flagged one"),
        comment(7, 0, "g", "last"),
    ]
    parsed = parse_text(tmp_path, "item.html", page(rows))
    (review,) = parsed.reviews
    assert shape(review.comments) == [(0, "a"), (1, "c"), (2, "d"), (0, "f"), (0, "g")]
    assert "[deleted]" not in all_text(review) and "[flagged]" not in all_text(review)
    assert {s.label for s in parsed.skipped} == {"deleted comments skipped (1)", "flagged comments skipped (1)"}


def test_dead_mark_in_the_comment_head_skips_it(tmp_path: Path) -> None:
    dead = comment(2, 1, "b", "shown with showdead").replace('<span class="navs">', '[dead] <span class="navs">')
    review = read(tmp_path, page([comment(1, 0, "a", "top"), dead, comment(3, 2, "c", "under the dead one")]))
    assert shape(review.comments) == [(0, "a"), (1, "c")]


def test_older_pages_indent_by_spacer_width_with_the_reply_inside_the_text(tmp_path: Path) -> None:
    indents = [0, 1, 1, 2, 3, 0, 1]
    rows = [comment(500 + n, depth, f"o{n}", f"old {n}<p>more", old=True) for n, depth in enumerate(indents)]
    review = read(tmp_path, page(rows))
    assert shape(review.comments) == [(depth, f"o{n}") for n, depth in enumerate(indents)]
    assert review.comments[0].body == "old 0\n\nmore"
    assert "reply" not in all_text(review)


def test_a_thousand_comments_all_stored_at_their_depths(tmp_path: Path) -> None:
    indents = [0]
    for n in range(1, 1000):
        indents.append(min(indents[-1] + 1, 10) if n % 13 else (n * 7) % (indents[-1] + 1))
    rows = [
        comment(10_000 + n, depth, f"user{n}", f"Comment number {n}<p>{'words ' * 40}")
        for n, depth in enumerate(indents)
    ]
    text = page(rows, more=True)
    assert len(text) > 1_000_000 * 0.9
    parsed = parse_text(tmp_path, "big.html", text)
    (review,) = parsed.reviews
    assert review.comment_count == 1000
    assert shape(review.comments) == [(depth, f"user{n}") for n, depth in enumerate(indents)]
    assert max(indents) == 10
    assert [s.label for s in parsed.skipped] == [
        "part of a longer thread: its later pages, HN's 'More' link, are not in this file"
    ]


def clipped(indents: Sequence[int]) -> list[int]:
    """What the page means: a row can be at most one level below the row above it."""
    out: list[int] = []
    for indent in indents:
        out.append(min(max(indent, 0), out[-1] + 1 if out else 0))
    return [min(depth, MAX_DEPTH) for depth in out]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-2, max_value=80), max_size=60), st.booleans())
def test_any_indent_sequence_builds_the_forest_of_the_clipped_indents(indents: list[int], old: bool) -> None:
    rows = [comment(1000 + n, depth, f"u{n}", f"text {n}", old=old) for n, depth in enumerate(indents)]
    parsed = HackerNewsPageImporter().parse(page(rows), Path("item.html"))
    (review,) = parsed.reviews
    assert shape(review.comments) == [(depth, f"u{n}") for n, depth in enumerate(clipped(indents))]


@given(st.text(max_size=200))
@settings(max_examples=80, deadline=None)
def test_any_comment_text_imports_without_the_sites_links(words: str) -> None:
    escaped = html.escape(words)
    parsed = HackerNewsPageImporter().parse(
        page([comment(1, 0, "a", escaped), comment(2, 1, "b", "x")]), Path("p.html")
    )
    (review,) = parsed.reviews
    assert "reply?id=" not in all_text(review) and "vote?" not in all_text(review)


def test_ask_hn_text_is_the_body_and_its_own_link_is_not_repeated(tmp_path: Path) -> None:
    text = page([], toptext="I wonder <i>why</i>.<p>Second").replace(
        'href="https://example.com/reader"', f'href="item?id={STORY}"'
    )
    review = read(tmp_path, text)
    assert review.paragraphs == ("I wonder *why*.", "Second")
    assert review.comments == ()


def test_a_comments_own_page_is_the_comment_with_its_replies(tmp_path: Path) -> None:
    head = f"""<table class="fatitem" border="0"><tr class="athing" id="{STORY}"><td class="ind"></td>
<td valign="top" class="votelinks"><center><a id="up_{STORY}" href="vote?id={STORY}&amp;how=up"><div class="votearrow">
</div></a></center></td><td class="default"><div style="margin-top:2px;"><span class="comhead">
<a href="user?id=Imnimo" class="hnuser">Imnimo</a> <span class="age" title="2023-03-14T17:49:15.000000Z">
<a href="item?id={STORY}">on March 14, 2023</a></span><span class="navs"> | <a href="item?id=1">parent</a> |
<a href="item?id=1#{STORY}" rel="nofollow">context</a><span class="onstory"> |  on:
<a href="item?id=1" title="GPT-4 &amp; friends">GPT-4 &amp; fr...</a></span></span></span></div><br>
<div class="comment"><div class="commtext c00">A class of problem.<p>More.</div><div class="reply"></div></div>
</td></tr></table><br>"""
    text = HEADER + head + f'<table class="comment-tree">{comment(9, 0, "jsheard", "A reply")}</table>' + FOOTER
    review = read(tmp_path, text)
    assert review.title == "A class of problem."
    assert review.subtitle == "on: GPT-4 & friends"
    assert review.paragraphs == ("A class of problem.", "More.")
    assert review.date == "2023-03-14T17:49:15Z"
    assert shape(review.comments) == [(0, "jsheard")]


def test_a_front_page_is_refused_with_a_reason(tmp_path: Path) -> None:
    rows = "".join(
        f"""<tr class="athing submission" id="{n}"><td align="right" valign="top" class="title">
<span class="rank">{n}.</span></td><td class="title"><span class="titleline">
<a href="https://s{n}.example">Story {n}</a></span></td></tr><tr><td colspan="2"></td><td class="subtext">
<span class="subline"><span class="score">{n} points</span>
by <a href="user?id=u{n}" class="hnuser">u{n}</a> | <a href="item?id={n}">{n}&nbsp;comments</a></span></td></tr>"""
        for n in range(1, 31)
    )
    text = HEADER.replace('op="item"', 'op="news"') + f'<table border="0" class="itemlist">{rows}</table>' + FOOTER
    with pytest.raises(InputError, match=r"story list \(30 stories, no text or comments\), not an item page"):
        parse_text(tmp_path, "news.html", text)


def test_comments_without_their_story_are_refused(tmp_path: Path) -> None:
    text = HEADER + f'<table class="comment-tree">{comment(1, 0, "a", "x")}</table>' + FOOTER
    with pytest.raises(InputError, match="comments without their story"):
        parse_text(tmp_path, "threads.html", text)


def test_other_html_pages_are_not_taken_for_hn(tmp_path: Path) -> None:
    blog = "<!DOCTYPE html><html><head><title>Hacker News is great</title></head><body><p>I read it.</p></body></html>"
    assert parse_text(tmp_path, "blog.html", blog).format == "html"


def rendered(data: dict[str, Any]) -> str:
    """A saved thread from the API rendered as HN renders its item page: the same items, in `kids` order."""
    items = {item["id"]: item for item in data["comments"]}
    post = data["post"]
    rows: list[str] = []
    stack = [(kid, 0) for kid in reversed(post.get("kids", []))]
    while stack:
        iid, depth = stack.pop()
        if iid not in items:
            continue
        item = items[iid]
        mark = "[deleted]" if item.get("deleted") else "[flagged]" if item.get("dead") else None
        row = comment(iid, depth, None if mark else item["by"], mark or item.get("text", ""))
        when = epoch_date(item["time"]) or ""
        rows.append(re.sub(r'title="2024-05-01T[^"]*"', f'title="{when.removesuffix("Z")} {item["time"]}"', row))
        stack += [(kid, depth + 1) for kid in reversed(item.get("kids", []))]
    story = fatitem(post.get("text")).replace(str(STORY), str(post["id"]))
    story = story.replace("Show HN: A reader for reviews", html.escape(post["title"]))
    story = story.replace("369 points", f"{post['score']} points").replace("user?id=poster", f"user?id={post['by']}")
    story = story.replace(">poster<", f">{post['by']}<")
    story = story.replace("2024-05-01T10:20:30 1714558830", f"{epoch_date(post['time'])} {post['time']}")
    return HEADER + story + f'<table border="0" class="comment-tree">{"".join(rows)}</table>' + FOOTER


@pytest.mark.corpora
@pytest.mark.parametrize("name", ["hn_comments_202407.json", "202408_raw.json"])
def test_a_real_thread_as_a_page_is_the_same_review_as_from_the_api(corpora: Path, tmp_path: Path, name: str) -> None:
    data = json.loads((corpora / "hackernews" / name).read_text(encoding="utf-8"))
    api = parse_file(corpora / "hackernews" / name).reviews[0]
    review = read(tmp_path, rendered(data))
    reachable = {c.id for _, c in walk_comments(review.comments)}
    assert reachable and review.comment_count == len(reachable) > 250
    assert review.id == api.id and review.title == api.title and review.author == api.author
    assert review.date == api.date and review.paragraphs == api.paragraphs
    assert review.votes == data["post"]["score"]
    # the API's file may hold items no `kids` list names (shown at top level there); a page never does
    api_tree = [
        (d, c.id, c.author, c.body, c.date, c.parent) for d, c in walk_comments(api.comments) if c.id in reachable
    ]
    assert [(d, c.id, c.author, c.body, c.date, c.parent) for d, c in walk_comments(review.comments)] == api_tree


def test_pages_as_browsers_save_them(tmp_path: Path) -> None:
    """Firefox writes absolute links and `<tbody>`; Chrome puts a `saved from` comment first."""
    rows = [comment(1, 0, "a", "top"), comment(2, 1, "b", "an answer"), comment(3, 0, "c", "another")]
    text = page(rows, toptext="Body")
    for relative in ("vote?", "reply?", "hide?", "fave?", "item?", "user?", "login?", "from?", "news.css", "s.gif"):
        text = text.replace(f'href="{relative}', f'href="https://news.ycombinator.com/{relative}')
        text = text.replace(f'src="{relative}', f'src="https://news.ycombinator.com/{relative}')
    firefox = "<!DOCTYPE html>\n" + re.sub(r"(<table[^>]*>)", r"\1<tbody>", text).replace(
        "</table>", "</tbody></table>"
    )
    chrome = f"<!-- saved from url=(0045)https://news.ycombinator.com/item?id={STORY} -->\n" + text
    for name, saved in (("firefox.html", firefox), ("chrome.htm", chrome)):
        review = read(tmp_path, saved, name)
        assert shape(review.comments) == [(0, "a"), (1, "b"), (0, "c")], name
        assert review.paragraphs == ("Body",)
        assert all(word not in all_text(review) for word in NAV)


def test_detection_needs_hn_markup_not_just_words(tmp_path: Path) -> None:
    breathing = (
        "<!DOCTYPE html><html><head><title>Breathing and bathing | Hacker News digest</title></head>"
        "<body><p>Loathing nothing.</p></body></html>"
    )
    assert parse_text(tmp_path, "digest.html", breathing).format == "html"
    stripped = page([comment(1, 0, "a", "x")]).split("<table class=", 1)[1]  # no header: fatitem and athing say it
    assert read(tmp_path, "<html><body><table><table class=" + stripped).comment_count == 1


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    text = page([comment(1, 0, "a", "one<p>two"), comment(2, 1, None, "[deleted]"), comment(3, 2, "c", "three")], "Top")
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 40))
        text = (
            text[:at]
            + draw(st.sampled_from(["", "<", ">", '"', "</table>", "<tr class='athing comtr'>", "&"]))
            + text[at + cut :]
        )
    return text


@settings(max_examples=80, deadline=None)
@given(mutated_page())
def test_a_damaged_page_imports_or_is_refused_with_a_reason(text: str) -> None:
    try:
        parsed = HackerNewsPageImporter().parse(text, Path("damaged.html"))
    except InputError:
        return
    (review,) = parsed.reviews
    assert review.title
    assert "reply?id=" not in all_text(review) and "vote?" not in all_text(review)


def test_a_reply_link_a_damaged_page_turned_into_text_is_not_the_comments_words() -> None:
    """`<div class="comment">` holds the comment's `commtext` and the site's reply link: only the first is read.
    (Hypothesis found `<>a href="reply?id=3…">reply</a>`, a tag made text, shown as the comment's.)"""
    text = page([comment(1, 0, "a", "three")], "Top").replace(
        '<div class="reply"><p><font size="1"><u><a href="reply', '<>a href="reply'
    )
    assert '<>a href="reply' in text
    (review,) = HackerNewsPageImporter().parse(text, Path("damaged.html")).reviews
    (only,) = review.comments
    assert only.body == "three" and "reply?id=" not in all_text(review)
