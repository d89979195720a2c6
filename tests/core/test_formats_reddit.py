"""Reddit: the nested-by-id scrape walked directly with json, and hand-made API listings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.core.formats_support import parse_text, shape
from tui_reader.core.importers import InputError, parse_file


def scrape_shape(comments: dict[str, Any], depth: int = 0) -> list[tuple[int, str]]:
    """(depth, author) depth first; an empty comment left out, its replies one level up; a `[deleted]` or
    `[removed]` one a nameless placeholder when a reply is still there under it, else left out."""
    out: list[tuple[int, str]] = []
    for comment in comments.values():
        body, replies = comment["body"].strip(), comment.get("replies") or {}
        if not body:
            out += scrape_shape(replies, depth)
            continue
        below = scrape_shape(replies, depth + 1)
        if body not in ("[deleted]", "[removed]") or below:
            out.append((depth, "" if body in ("[deleted]", "[removed]") else comment["author"]))
        out += below
    return out


@pytest.mark.corpora
@pytest.mark.parametrize("name", ["reddit_comments.json", "reddit_comments_past.json"])
def test_scrape_threads_match_a_direct_walk(corpora: Path, name: str) -> None:
    path = corpora / "reddit" / name
    posts = json.loads(path.read_text(encoding="utf-8"))
    parsed = parse_file(path)
    assert parsed.format == "reddit"
    assert [r.title for r in parsed.reviews] == [p["title"].strip() for p in posts.values()]
    for review, post in zip(parsed.reviews, posts.values(), strict=True):
        assert shape(review.comments) == scrape_shape(post["comments"] or {})


def listing(children: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "Listing", "data": {"children": children}}


def t1(cid: str, body: str, replies: list[dict[str, Any]] | None = None, author: str = "") -> dict[str, Any]:
    data = {"id": cid, "author": author or f"u{cid}", "body": body, "created_utc": 1700000000.0}
    data["replies"] = listing(replies) if replies else ""
    return {"kind": "t1", "data": data}


def api(comments: list[dict[str, Any]]) -> str:
    post = {"kind": "t3", "data": {"id": "abc", "title": "A &amp; B?", "selftext": "Body\n\nmore", "author": "op",
                                   "permalink": "/r/x/comments/abc/a_b/", "created_utc": 1700000000}}  # fmt: skip
    return json.dumps([listing([post]), listing(comments)])


def test_api_listing_keeps_nesting_order_and_a_deleted_comments_place_for_its_replies(tmp_path: Path) -> None:
    """A `[deleted]` comment with replies stays, a placeholder, the replies under it as Reddit shows them
    (they were lifted to the comment above, out of their context); one without replies is left out, counted."""
    more = {"kind": "more", "data": {"count": 12, "children": ["x", "y"]}}
    deleted = t1("b", "[deleted]", [t1("c", "deep")], author="[deleted]")
    comments = [t1("a", "x &gt; y &amp; z", [deleted, t1("e", "[removed]")]), t1("d", "second"), more]
    parsed = parse_text(tmp_path, "thread.json", api(comments))
    (review,) = parsed.reviews
    assert shape(review.comments) == [(0, "ua"), (1, ""), (2, "uc"), (0, "ud")]
    assert review.comments[0].body == "x > y & z"
    placeholder = review.comments[0].replies[0]
    assert (placeholder.body, placeholder.gone, placeholder.replies[0].body) == ("", "deleted", "deep")
    assert sorted(parsed.gone.values()) == ["deleted", "removed"]  # for a refresh to mark its stored copies
    assert any(s.reason == "deleted, removed or empty Reddit comments" and s.count == 1 for s in parsed.skipped)
    assert review.url == "https://www.reddit.com/r/x/comments/abc/a_b/"
    assert review.paragraphs == ("Body", "more")
    assert review.title == "A & B?"
    assert review.comments[0].date == "2023-11-14T22:13:20Z"
    assert any("more comments" in s.reason and "(12)" in s.label for s in parsed.skipped)


def test_depth_fourteen_in_a_listing(tmp_path: Path) -> None:
    node = t1("n14", "leaf")
    for level in range(13, -1, -1):
        node = t1(f"n{level}", f"level {level}", [node])
    (review,) = parse_text(tmp_path, "deep.json", api([node])).reviews
    assert [depth for depth, _ in shape(review.comments)] == list(range(15))


def test_scrape_placeholder_body_is_not_text_and_ids_are_stable(tmp_path: Path) -> None:
    reply = {"author": "y", "body": "yo", "replies": {}}
    comments = {"c1": {"author": "x", "body": "hi", "replies": {"c2": reply}}}
    data = {"p1": {"title": "T", "body": "Empty.", "author": "a", "url": "https://r.example/p1", "comments": comments}}
    one = parse_text(tmp_path, "a.json", json.dumps(data)).reviews[0]
    two = parse_text(tmp_path, "b.json", json.dumps(data, indent=2)).reviews[0]
    assert one.paragraphs == ()
    assert one.id == two.id and one.comments[0].replies[0].id == two.comments[0].replies[0].id


def test_a_listing_without_a_post_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        parse_text(tmp_path, "x.json", json.dumps([listing([]), listing([])]), "reddit")


def test_a_link_post_shows_what_it_links_to_and_a_text_post_does_not(tmp_path: Path) -> None:
    """A link post's `url` (an image, an article) is what the thread is about: its first paragraph,
    before any text of its own; a text post's `url` is the thread itself, never shown so."""
    permalink = "/r/pics/comments/vtvuk/a_picture/"
    link = {"id": "vtvuk", "title": "A picture", "selftext": "", "author": "op", "is_self": False,
            "url": "http://imgur.com/R8l90", "permalink": permalink, "created_utc": 1341031500}  # fmt: skip
    own = {**link, "id": "self1", "is_self": True, "selftext": "Words", "url": f"https://www.reddit.com{permalink}"}
    said = {**link, "id": "both", "selftext": "Look at this &amp; that", "url": "https://example.org/a?b=1&amp;c=2"}
    for post, paragraphs in (
        (link, ("http://imgur.com/R8l90",)),
        (own, ("Words",)),
        (said, ("https://example.org/a?b=1&c=2", "Look at this & that")),
    ):
        text = json.dumps([listing([{"kind": "t3", "data": post}]), listing([])])
        (review,) = parse_text(tmp_path, f"{post['id']}.json", text).reviews
        assert review.paragraphs == paragraphs
        assert review.url == f"https://www.reddit.com{permalink}"
