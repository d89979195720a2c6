"""Thread formats as other tools and years write them: what real exports not in the corpora showed.

Every fixture is written here, small, in the shape of a real file that went wrong:
- a WXR made by Disqus (`dsq:thread_identifier`, every page it knows, no text, comments in
  any order) and WordPress exports whose comments are not in the file in time order;
- Disqus threads of one page merged, their posts not in time order across the threads;
- Disqus's multi-line code (`<code>` with `<br>` inside) run into one line;
- Staticman comments whose `replying_to` is the place of the comment replied to (`'1'`), and
  the Jekyll comment files a Disqus migration wrote beside them (`post_id`, `id`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.formats_support import parse_text, shape
from tests.core.test_formats_disqus import disqus, post, thread
from tests.core.test_import_truth_threads import _yml, doc_shape, exported, pool_mode, run
from tui_reader.core.content.models import walk_comments
from tui_reader.core.importers.html import html_text

__all__ = ["pool_mode"]  # the fixture: each import in one process and in worker processes


def _disqus_wxr(items: str) -> str:
    """The WXR Disqus writes (its own namespace, no wxr_version, no post types or statuses)."""
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
        'xmlns:dsq="http://www.disqus.com/" xmlns:wp="http://wordpress.org/export/1.0/" version="2.0"><channel>'
        f"{items}</channel></rss>"
    )


def _page(slug: str, comments: str = "") -> str:
    return (
        f"<item><title>{slug.title()}</title><link>http://blog.example/{slug}/</link>"
        f"<content:encoded><![CDATA[]]></content:encoded><dsq:thread_identifier>{slug}</dsq:thread_identifier>"
        f"<wp:post_date_gmt></wp:post_date_gmt><wp:comment_status>open</wp:comment_status>{comments}</item>"
    )


def _dated(cid: int, when: str, parent: int = 0) -> str:
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>u{cid}</wp:comment_author>"
        f"<wp:comment_author_email>u{cid}@mail.example</wp:comment_author_email>"
        f"<wp:comment_author_IP>192.0.2.{cid}</wp:comment_author_IP><wp:comment_date_gmt>{when}</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[comment {cid}]]></wp:comment_content><wp:comment_approved>1"
        f"</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def test_a_wxr_thread_reads_oldest_first_whatever_the_files_order(tmp_path: Path) -> None:
    """WordPress shows comments oldest first; exports (Disqus's, and WordPress's own after an
    import) list them in any order: a thread of October came after one of November."""
    comments = _dated(7, "2017-02-02 20:44:59") + _dated(8, "2017-02-07 23:05:57", 7)
    comments += _dated(5, "2017-01-26 17:13:03") + _dated(6, "2017-01-27 05:56:30", 5)
    (review,) = parse_text(tmp_path, "disqus-wxr.xml", _disqus_wxr(_page("thoughts", comments))).reviews
    assert shape(review.comments) == [(0, "u5"), (1, "u6"), (0, "u7"), (1, "u8")]


def test_a_disqus_made_wxr_skips_pages_with_nothing_to_read_and_says_so(tmp_path: Path) -> None:
    """Disqus lists every page it ever saw, most with no comment: an empty review each was junk."""
    items = _page("hello-world") + _page("about", _dated(1, "2017-02-03 22:47:42")) + _page("tags")
    parsed = parse_text(tmp_path, "disqus-wxr.xml", _disqus_wxr(items))
    assert [(r.title, r.comment_count) for r in parsed.reviews] == [("About", 1)]
    assert "empty (no text, no comments) items not imported (2)" in {s.label for s in parsed.skipped}
    stored = repr(parsed.reviews)
    assert "mail.example" not in stored and "192.0.2." not in stored


def test_merged_disqus_threads_read_oldest_first(tmp_path: Path) -> None:
    """One page's threads merged: the second thread's posts, older, came after the first's."""
    body = thread("t1", "https://site.example/a/") + thread("t2", "http://site.example/a")
    body += post("p8", "t1") + post("p9", "t1", "p8") + post("p3", "t2") + post("p4", "t2")
    (review,) = parse_text(tmp_path, "d.xml", disqus(body)).reviews
    assert shape(review.comments) == [(0, "np3"), (0, "np4"), (0, "np8"), (1, "np9")]


def test_code_with_line_breaks_is_a_code_block_with_its_lines_and_indents() -> None:
    text = html_text('<p>Here:<br><code>  {<br>    "key": 1,<br>  }</code></p><p>after</p>', markdown=True)
    assert text == 'Here:\n\n```\n  {\n    "key": 1,\n  }\n```\n\nafter'
    assert html_text("<p>Use <code>a  b</code> now</p>", markdown=True) == "Use `a b` now"


def test_a_disqus_post_with_multi_line_code_keeps_its_lines(tmp_path: Path) -> None:
    message = '<p>Mine:<br><code>    {<br>        // a comment<br>        "args": ["."],<br>    },</code></p>'
    body = thread("t1", "https://site.example/a/") + post("p1", "t1").replace("<p>post p1 &amp; more</p>", message)
    (review,) = parse_text(tmp_path, "d.xml", disqus(body)).reviews
    (comment,) = [c for _, c in walk_comments(review.comments)]
    assert '```\n    {\n        // a comment\n        "args": ["."],\n    },\n```' in comment.body


def test_staticman_replies_by_place_nest_under_that_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    """`replying_to: '1'` is the first comment of the post, oldest first (the numbered replies of
    the Staticman setup Jekyll blogs copied); it was shown at top level as a reply to nothing."""
    folder = tmp_path / "blog" / "_data" / "comments" / "autumn"
    common = {"_parent": "/articles/autumn/", "email": "0" * 32}
    _yml(folder / "comment-3.yml", _id="c3", **common, name="Cy", message="Three", replying_to="", date="2018-11-14")
    _yml(folder / "comment-1.yml", _id="c1", **common, name="Al", message="One", replying_to="", date="2018-11-12")
    _yml(folder / "comment-2.yml", _id="c2", **common, name="Bo", message="Two", replying_to="1", date="2018-11-13")
    _yml(folder / "comment-4.yml", _id="c4", **common, name="Di", message="Four", replying_to="9", date="2018-11-15")
    data = tmp_path / "d"
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(folder))
    assert code == 0 and "4 comments" in out and "1 whose parent is not in the files" in out
    document, _ = exported(capsys, data)
    (review,) = document["reviews"]
    assert doc_shape(review["comments"]) == [(0, "Al"), (1, "Bo"), (0, "Cy"), (0, "Di")]


def test_jekyll_comments_migrated_from_disqus_are_read_beside_staticmans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    """`id`, `post_id`, `name`, `date`, `message`: refused as "YAML without review or comment text"."""
    folder = tmp_path / "blog" / "_data" / "comments" / "basics"
    _yml(folder / "comment-2014-02-10-040840.yml", id="comment-12", post_id="/basics", name="Ty", url="",
         message="Old and kind.", date="2014-02-10 04:08:40 +0000")  # fmt: skip
    _yml(folder / "comment-1421525588000.yml", _id="u1", _parent="/basics/", name="Ub", message="New.", date=1421525588)
    data = tmp_path / "d"
    code, out, err = run(capsys, "--data-dir", str(data), "import", str(folder))
    assert code == 0 and "1 new" in out and "2 comments" in out, (out, err)
    document, _ = exported(capsys, data)
    (review,) = document["reviews"]
    assert review["title"] == "Basics"
    assert doc_shape(review["comments"]) == [(0, "Ty"), (0, "Ub")]
    assert review["comments"][0]["body"] == "Old and kind."


def _hn(item_id: int, kind: str, **fields: object) -> dict[str, object]:
    return {"id": item_id, "type": kind, "by": f"u{item_id}", "time": 1204400000 + item_id, **fields}


_HN_DUMP = [
    _hn(10, "story", title="A story", url="https://a.example/", score=111, kids=[11, 12]),
    _hn(11, "comment", parent=10, text="On the story", kids=[13]),
    _hn(20, "poll", title="A poll?", text="", score=46, kids=[21], parts=[31, 30]),
    _hn(21, "comment", parent=20, text="On the poll"),
    _hn(30, "pollopt", poll=20, text="Yes &amp; no", score=335),
    _hn(31, "pollopt", poll=20, text="Never", score=2),
    _hn(40, "job", title="A job", text="Hiring", score=6),
    _hn(13, "comment", parent=11, text="A reply"),
    _hn(50, "comment", parent=49, text="Of a story not here"),
    _hn(60, "pollopt", poll=59, text="Of a poll not here", score=1),
]


@pytest.mark.parametrize("lines", [False, True], ids=["array", "JSON Lines"])
def test_a_dump_of_hacker_news_items_is_a_review_per_story_job_and_poll(tmp_path: Path, lines: bool) -> None:
    """The API's own example items in one file: the job, the poll and another story's comment all
    became comments of the first story; JSON Lines (a dump, an item a line) were refused."""
    text = "\n".join(json.dumps(i) for i in _HN_DUMP) if lines else json.dumps(_HN_DUMP)
    parsed = parse_text(tmp_path, "items.json", text)
    by_title = {r.title: r for r in parsed.reviews}
    assert list(by_title) == ["A story", "A poll?", "A job"]
    assert shape(by_title["A story"].comments) == [(0, "u11"), (1, "u13")]
    assert shape(by_title["A poll?"].comments) == [(0, "u21")]
    assert by_title["A poll?"].paragraphs == ("- Never (2 points)\n- Yes & no (335 points)",)
    assert (by_title["A job"].comments, by_title["A job"].votes) == ((), 6)
    labels = {s.label for s in parsed.skipped}
    assert {"comments whose story is not in the file (1)", "poll options whose poll is not in the file (1)"} <= labels


def test_comments_of_one_story_fetched_in_part_stay_with_it(tmp_path: Path) -> None:
    """One story in the file: a comment whose parent was not fetched is still its comment."""
    items = [_hn(10, "story", title="Only", kids=[11]), _hn(11, "comment", parent=10, text="a"),
             _hn(12, "comment", parent=99, text="b")]  # fmt: skip
    (review,) = parse_text(tmp_path, "items.json", json.dumps(items)).reviews
    assert shape(review.comments) == [(0, "u11"), (0, "u12")]


def _entry(entry_id: str, kind: str, extra: str = "", *, title: str = "", text: str = "") -> str:
    return (
        f"<entry><id>tag:blogger.com,1999:blog-7.{entry_id}</id><published>2012-03-0{entry_id[-1]}T10:00:00.000+08:00"
        "</published><category scheme='http://schemas.google.com/g/2005#kind' "
        f"term='http://schemas.google.com/blogger/2008/kind#{kind}'/><title type='text'>{title}</title>"
        f"<content type='html'>{text}</content><author><name>A {entry_id}</name><email>a@mail.example</email>"
        f"</author>{extra}</entry>"
    )


def _reply(post: str, parent: str = "") -> str:
    related = (
        f"<link rel='related' href='http://www.blogger.com/feeds/7/1/comments/default/{parent}'/>" if parent else ""
    )
    return f"<thr:in-reply-to ref='tag:blogger.com,1999:blog-7.{post}' type='text/html'/>{related}"


def test_a_blogger_backup_is_its_posts_and_pages_with_their_threads(tmp_path: Path) -> None:
    """A Blogger backup was refused as "an Atom feed: follow it", its comments out of reach."""
    draft = "<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>"
    label = "<category scheme='http://www.blogger.com/atom/ns#' term='travel'/>"
    entries = _entry("settings.BLOG_NAME", "settings", text="x") + _entry("layout", "template", text="&lt;b:skin/&gt;")
    entries += _entry("post-1", "post", label + "<link rel='alternate' href='https://b.example/p1.html'/>",
                      title="Trip", text="&lt;p&gt;Day &amp;amp; night&lt;/p&gt;&lt;br /&gt;more")  # fmt: skip
    entries += _entry("post-5", "comment", _reply("post-1"), text="Nice!")
    entries += _entry("post-4", "comment", _reply("post-1", "5"), text="Thanks")
    entries += _entry("post-3", "comment", _reply("post-1"), text="First")
    entries += _entry("post-2", "page", title="About", text="Me")
    entries += _entry("post-6", "post", draft, title="Draft", text="wip")
    entries += _entry("post-8", "comment", _reply("post-9"), text="On a post not here")
    feed = (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-7.archive</id>"
        f"<link rel='self' type='application/atom+xml' href='http://www.blogger.com/feeds/7/archive'/>{entries}</feed>"
    )
    parsed = parse_text(tmp_path, "blog-03-06-2012.xml", feed)
    assert parsed.format == "blogger"
    trip, about = parsed.reviews
    assert (trip.title, trip.paragraphs, trip.tags, trip.url) == ("Trip", ("Day & night", "more"), ("travel",),
                                                                  "https://b.example/p1.html")  # fmt: skip
    assert (trip.author, trip.date) == ("A post-1", "2012-03-01T10:00:00+08:00")
    assert shape(trip.comments) == [(0, "A post-3"), (0, "A post-5"), (1, "A post-4")]
    assert (about.title, about.comments) == ("About", ())
    labels = {s.label for s in parsed.skipped}
    assert {
        "drafts not imported (1)",
        "settings entries not imported (1)",
        "template entries not imported (1)",
    } <= labels
    assert "comments on posts not in the file (1)" in labels
    assert "mail.example" not in repr(parsed.reviews)
