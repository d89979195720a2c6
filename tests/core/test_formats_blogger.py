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
