"""Blogger backups: what a post's id and text decide (the threads themselves: test_import_truth_threads_real)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.formats_support import parse_text
from tui_reader.core.importers import InputError

_KIND = (
    "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#{}'/>"
)


def _feed(*entries: str) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-1</id>"
        + "".join(entries)
        + "</feed>"
    )


def _post(entry_id: str, text: str, kind: str = "post", extra: str = "") -> str:
    body = f"<title>T</title><content type='html'>{text}</content>"
    return f"<entry><id>{entry_id}</id>{_KIND.format(kind)}{body}{extra}</entry>"


def test_posts_sharing_an_id_or_without_one_are_counted_not_collapsed(tmp_path: Path) -> None:
    """Four posts came in as two (the second of an id overwrote the first), and nothing said so."""
    post = "tag:blogger.com,1999:blog-1.post-1"
    feed = _feed(_post(post, "first"), _post(post, "second same id"), _post("", "empty id a"), _post("", "b"))
    parsed = parse_text(tmp_path, "blog.xml", feed)
    assert [review.paragraphs for review in parsed.reviews] == [("first",)]
    counted = {s.reason: s.count for s in parsed.skipped}
    assert counted["posts repeating an earlier post's id not imported"] == 1
    assert counted["posts without an id not imported"] == 2


def test_a_post_with_nothing_to_read_is_skipped_as_wordpress_skips_it(tmp_path: Path) -> None:
    reply = "<thr:in-reply-to ref='tag:blogger.com,1999:blog-1.post-3'/>"
    feed = _feed(
        _post("tag:blogger.com,1999:blog-1.post-1", ""),
        _post("tag:blogger.com,1999:blog-1.post-2", "body"),
        _post("tag:blogger.com,1999:blog-1.post-3", "   "),  # no text, but a comment: kept
        _post("tag:blogger.com,1999:blog-1.post-4", "Nice", "comment", reply),
    )
    parsed = parse_text(tmp_path, "blog.xml", feed)
    assert [review.paragraphs for review in parsed.reviews] == [("body",), ()]
    assert parsed.reviews[1].comment_count == 1
    assert {s.reason: s.count for s in parsed.skipped}["empty posts (no text, no comments) not imported"] == 1
    with pytest.raises(InputError, match=r"no published posts or pages in this Blogger export \(2 empty\)"):
        parse_text(
            tmp_path, "empty.xml", _feed(_post("tag:blogger.com,1999:blog-1.post-1", ""), _post("x.post-2", " "))
        )


def _takeout(entry_id: str, kind: str, status: str = "LIVE", inner: str = "") -> str:
    """An entry in Takeout's schema (2018): its kind, status and post in `blogger:` elements."""
    return (
        f"<entry><id>tag:blogger.com,1999:blog-9.post-{entry_id}</id><blogger:type>{kind}</blogger:type>"
        f"<blogger:status>{status}</blogger:status><author><name>n{entry_id}</name></author>"
        f"<content type='html'>&lt;p&gt;text {entry_id}&lt;/p&gt;</content>"
        f"<published>2022-12-0{entry_id[-1]}T05:10:00Z</published>{inner}<blogger:trashed/></entry>"
    )


def test_takeouts_schema_posts_comments_labels_drafts_and_trash(tmp_path: Path) -> None:
    """A backup in Takeout's schema lost its labels; its comments (no `kind` category) would each
    have been a post, and its drafts and trashed posts published."""
    post = "tag:blogger.com,1999:blog-9.post-1"
    label = "<category scheme='tag:blogger.com,1999:blog-9' term='{}'/>"
    entries = [
        _takeout("1", "POST", inner=label.format("Paper Review") + label.format("NLP") + "<title>Fast Text</title>"),
        _takeout("2", "POST", "DRAFT", "<title>Draft</title>"),
        _takeout("3", "POST", "SOFT_TRASHED", "<title>Gone</title>"),
        _takeout("4", "COMMENT", inner=f"<blogger:parent>{post}</blogger:parent><blogger:inReplyTo/>"),
        _takeout(
            "5",
            "COMMENT",
            inner=f"<blogger:parent>{post}</blogger:parent>"
            "<blogger:inReplyTo>tag:blogger.com,1999:blog-9.post-4</blogger:inReplyTo>",
        ),
    ]
    feed = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:blogger='http://schemas.google.com/blogger/2018'><id>tag:blogger.com,1999:blog-9</id>"
        + "".join(entries)
        + "</feed>"
    )
    parsed = parse_text(tmp_path, "feed.atom", feed)
    (review,) = parsed.reviews
    assert (review.title, review.tags, review.author) == ("Fast Text", ("Paper Review", "NLP"), "n1")
    (comment,) = review.comments
    assert (comment.author, comment.body, [reply.author for reply in comment.replies]) == ("n4", "text 4", ["n5"])
    said = {s.reason: s.count for s in parsed.skipped}
    assert said == {"drafts not imported": 1, "trashed entries not imported": 1}
