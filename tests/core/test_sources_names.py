"""What the user types to follow a source: short names and the sites' own URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.sources.names import parse_target
from tui_reader.core.sources.record import Source, SourceBook, find

HN_ITEM = "https://hacker-news.firebaseio.com/v0/item/41129813.json"


@pytest.mark.parametrize(
    ("typed", "kind", "key", "url"),
    [
        ("news.ycombinator.com/item?id=41129813", "hn-item", "hn:41129813", HN_ITEM),
        ("https://news.ycombinator.com/item?id=41129813&p=2", "hn-item", "hn:41129813", HN_ITEM),
        ("hn:41129813", "hn-item", "hn:41129813", HN_ITEM),
        ("front", "hn-list", "hn:front", "https://hacker-news.firebaseio.com/v0/topstories.json"),
        ("hn:best", "hn-list", "hn:best", "https://hacker-news.firebaseio.com/v0/beststories.json"),
        (
            "https://news.ycombinator.com/best",
            "hn-list",
            "hn:best",
            "https://hacker-news.firebaseio.com/v0/beststories.json",
        ),
        ("r/movies", "reddit-listing", "r/movies", "https://www.reddit.com/r/movies/hot/.json"),
        ("/r/books/top", "reddit-listing", "r/books/top", "https://www.reddit.com/r/books/top/.json?t=week"),
        (
            "https://old.reddit.com/r/movies/comments/1ABC23/official_discussion/",
            "reddit-thread",
            "r/movies/comments/1abc23",
            "https://www.reddit.com/r/movies/comments/1abc23/.json?limit=500",
        ),
        (
            "store.steampowered.com/app/646570/Slay_the_Spire/",
            "steam",
            "steam:646570",
            "https://store.steampowered.com/appreviews/646570?json=1&filter=recent&language=all&num_per_page=100",
        ),
        (
            "wp:blog.example.org",
            "wordpress",
            "wp:https://blog.example.org",
            "https://blog.example.org/wp-json/wp/v2/comments?per_page=100&orderby=date&order=desc",
        ),
        (
            "https://blog.example.org/wp-json/wp/v2/comments?post=5",
            "wordpress",
            "wp:https://blog.example.org",
            "https://blog.example.org/wp-json/wp/v2/comments?per_page=100&orderby=date&order=desc",
        ),
        ("https://letterboxd.com/someone/rss/", "feed", "https://letterboxd.com/someone/rss/", None),
        ("example.com/feed.xml", "feed", "https://example.com/feed.xml", None),
    ],
)
def test_names_and_urls(typed: str, kind: str, key: str, url: str | None) -> None:
    target = parse_target(typed)
    assert (target.kind, target.key, target.url) == (kind, key, url or key)


NOT_SOURCES = ["", "movies", "r/", "r/a b", "hn:abc", "r/movies/sideways", "steam:x1", "\x1b[2J", "https://"]
NOT_SOURCES += ["http://a b/c"]


@pytest.mark.parametrize("typed", NOT_SOURCES)
def test_what_is_not_a_source_is_one_line(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_target(typed)
    assert "\n" not in str(caught.value)


@given(st.text(max_size=80))
def test_any_text_is_a_target_or_a_value_error(typed: str) -> None:
    try:
        target = parse_target(typed)
    except ValueError:
        return
    assert target.url.startswith(("https://", "http://")) and target.key


def test_the_sources_file_keeps_what_fits_and_moves_a_corrupt_one_aside(tmp_path: Path) -> None:
    book = SourceBook(tmp_path)
    book.save([Source.from_target(parse_target("r/movies"), "2024-08-01T00:00:00Z")])
    [loaded] = book.load()
    assert loaded.key == "r/movies" and loaded.added == "2024-08-01T00:00:00Z"
    assert find([loaded], "/r/movies").key == "r/movies" and find([loaded], "r/mo").key == "r/movies"
    with pytest.raises(LookupError):
        find([loaded], "r/books")
    book.path.write_text('{"sources": [{"kind": "feed", "key": "k", "url": "u", "comments": "many"}, {"kind": "x"}]}')
    [odd] = book.load()
    assert odd.comments == 0
    counts = '{"a": 2, "b": -1, "c": true, "d": "3", "e": 0}'
    book.path.write_text(f'{{"sources": [{{"kind": "feed", "key": "k", "url": "u", "new_in": {counts}}}]}}')
    [edited] = book.load()
    assert edited.new_in == {"a": 2}  # a hand-edited count that is not one is left out
    book.path.write_text("{not json")
    assert book.load() == [] and "moved aside" in book.problems[0]
    assert list(tmp_path.glob("sources.json.corrupt-*"))
