"""WordPress REST comments (`/wp-json/wp/v2/comments`) as threads: the one mapping of that format.

Each comment names its post (`post`) and parent (`parent`, 0 = top level); the comments of
one post are one review, built with the shared thread builder through `thread_merge`
fragments. The review id is the WXR importer's (`stable_id("wxr", "SITE#POST")`), so a
site's WXR export and its live comments are one review, merged. The posts themselves
(`/wp-json/wp/v2/posts?include=...`) give the heads; without them a placeholder names the post.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.jsonutil import as_dict, as_list, as_str
from tui_reader.core.importers.thread_merge import Fragment, Head, with_own_threads
from tui_reader.core.importers.threads import Record

POSTS = "/wp-json/wp/v2/posts?include={}&per_page=100&_fields=id,title,link,date_gmt,content,excerpt"
PER_PAGE = 100  # the source's URL asks `per_page=100`, the most the API gives
WP_PAGES = 10  # a refresh's pages at most: 1,000 comments in the window
# How far before the newest comment fetched a refresh asks again. The API dates a comment when it
# was written and keeps no date of its approval or its last edit (`after` is the only filter a
# comment has: posts have `modified_after`, comments no such field), so a comment held for
# moderation and approved later, or edited, comes back only by asking for its days again. Most
# blogs clear their queue within days; two weeks is one page for most of them.
WP_WINDOW = timedelta(days=14)


def window(cursor: str) -> str:
    """The `after` of a refresh: `WP_WINDOW` before the newest comment fetched (the blog's local time,
    as the API's `date` and `after` are); the cursor itself when it is not a date."""
    try:
        newest = datetime.fromisoformat(cursor)
    except ValueError:
        return cursor
    return (newest - WP_WINDOW).isoformat(timespec="seconds")


def listed_from(cursor: str) -> str:
    """From when a refresh's answer lists every comment still approved, as the comments' stored dates
    (UTC) say it: a day after `window` (the blog's clock is at most 14 hours from UTC), so a stored
    comment dated then or later and missing from the answer is no longer on the blog."""
    start = window(cursor)
    try:
        return (datetime.fromisoformat(start).replace(tzinfo=None) + timedelta(days=1)).isoformat(timespec="seconds")
    except ValueError:
        return "9999"  # no date to go by: no comment is said gone


def comment_posts(comments: Any) -> list[str]:
    """The post ids the comments are on, in the order met."""
    return list(dict.fromkeys(as_str(as_dict(c).get("post")) for c in as_list(comments) if as_dict(c).get("post")))


def _date(item: dict[str, Any]) -> str | None:
    gmt = iso_date(as_str(item.get("date_gmt")))
    if gmt is not None:
        return gmt + "Z" if gmt[-1].isdigit() else gmt
    return iso_date(as_str(item.get("date")))


def _rendered(value: Any) -> str:
    return as_str(as_dict(value).get("rendered"))


def _head(post: dict[str, Any], post_id: str) -> Head:
    paragraphs = tuple(html_paragraphs(_rendered(post.get("content")) or _rendered(post.get("excerpt")), markdown=True))
    title = clean(html_text(_rendered(post.get("title"))))
    return Head(
        title=title or title_from(read_text(paragraphs), f"WordPress post {post_id}"),
        paragraphs=paragraphs,
        date=_date(post),
        url=as_str(post.get("link")) or None,
    )


def parse_comments(comments: Any, posts: Any, site: str, source: str) -> Parsed:
    """The comments (a decoded JSON list) as one review per post; `posts` (a list, maybe empty) gives heads."""
    if not isinstance(comments, list):
        raise InputError(source, "not WordPress comments (expected a JSON list)")
    heads = {as_str(as_dict(p).get("id")): as_dict(p) for p in as_list(posts)}
    parsed = Parsed(path=source, format="wxr")
    threads: dict[str, Fragment] = {}
    other = 0
    for value in comments:
        comment = as_dict(value)
        post_id, comment_id = as_str(comment.get("post")), as_str(comment.get("id"))
        if not post_id or not comment_id or as_str(comment.get("type") or "comment") != "comment":
            other += 1
            continue
        thread = threads.get(post_id)
        if thread is None:
            thread = threads[post_id] = Fragment(key=("wxr", f"{site}#{post_id}"), format="wxr", source=source)
            if post_id in heads:
                thread.head = _head(heads[post_id], post_id)
            link = as_str(comment.get("link")).split("#", 1)[0] or None
            thread.placeholder = Head(title=f"Comments on {link or f'post {post_id}'}", paragraphs=(), url=link)
        parent = as_str(comment.get("parent"))
        thread.records.append(
            Record(
                native_id=comment_id,
                parent=None if parent in ("", "0") else parent,
                body=html_text(_rendered(comment.get("content")), markdown=True),
                author=clean(as_str(comment.get("author_name"))),
                date=_date(comment),
            )
        )
    parsed.fragments = list(threads.values())
    if other:
        parsed.skipped.append(Skipped(source, "items that are not comments on a post", other))
    return _parents_kept(with_own_threads(parsed))


def _parents_kept(parsed: Parsed) -> Parsed:
    """A reply whose parent is not in this answer (older than the newest 100, or before `after`)
    sits at the top level, but keeps its parent's id: merged with the stored thread, which has
    that parent, it goes back under it (`thread_merge.with_stored` places comments by `parent`)."""
    meant = {
        stable_id(review_id, record.native_id): stable_id(review_id, record.parent)
        for fragment in parsed.fragments
        for review_id in (stable_id(*fragment.key),)
        for record in fragment.records
        if record.parent is not None
    }
    parsed.reviews = [
        replace(
            review,
            comments=tuple(
                replace(c, parent=meant[c.id]) if c.parent is None and c.id in meant else c for c in review.comments
            ),
        )
        for review in parsed.reviews
    ]
    return parsed
