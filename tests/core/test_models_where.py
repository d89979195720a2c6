"""Where a review is cited from: its URL, else its file's name, never this machine's folders."""

from __future__ import annotations

from tui_reader.core.content.models import Review


def test_a_review_is_cited_by_its_url_else_its_file_name() -> None:
    local = Review("a", "T", "/home/someone/private/exports/reddit_comments.json", ("p",))
    assert local.where == "reddit_comments.json"
    linked = Review("b", "T", "/home/someone/x.json", ("p",), url="https://example.org/r/1")
    assert linked.where == "https://example.org/r/1"
    assert Review("c", "T", "letterboxd", ("p",)).where == "letterboxd"
