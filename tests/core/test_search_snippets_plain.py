"""Search snippets show the words as read: no Markdown signs from Reddit or converted HTML."""

from __future__ import annotations

from tui_reader.core.content.models import Comment, Review
from tui_reader.core.search.hits import locate
from tui_reader.core.search.query import parse_query


def test_a_body_snippet_has_no_markdown_signs() -> None:
    review = Review(
        "r", "A post", "x", ("See **Redis** and the [docs](https://redis.io/docs) for more.",), format="reddit"
    )
    hit = locate(review, 0, 1, parse_query("redis"), [], [])
    assert hit.kind == "body" and "Redis" in hit.snippet
    assert "**" not in hit.snippet and "](" not in hit.snippet
    start, end = hit.spans[0]
    assert hit.snippet[start:end].lower() == "redis"


def test_a_comment_snippet_from_converted_html_is_plain_and_a_match_only_in_an_address_is_not_shown() -> None:
    comments = (
        Comment("c1", "a link: [elsewhere](https://example.org/kettle)", "ann"),
        Comment("c2", "the *kettle* boiled", "bob"),
    )
    review = Review("w", "Post", "x", ("Nothing here.",), format="wxr", comments=comments)
    hit = locate(review, 0, 1, parse_query("kettle"), [], [])
    assert hit.kind == "comment" and hit.comment_id == "c2"
    assert hit.snippet.startswith("the kettle boiled")


def test_plain_text_reviews_keep_their_text() -> None:
    review = Review("p", "T", "x", ("2 * 3 = 6 and **not** markdown here",), format="plaintext")
    hit = locate(review, 0, 1, parse_query("markdown"), [], [])
    assert "**not**" in hit.snippet
