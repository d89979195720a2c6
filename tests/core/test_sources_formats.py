"""Each kind of source read from a local server: HN lists, Steam pages, WordPress comments, feeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.sources_support import HN, STORY_ID, Reply, Site, hn_comment, hn_story, json_reply, serve_hn_thread
from tui_reader.core.content.ids import stable_id
from tui_reader.core.importers.base import InputError
from tui_reader.core.sources.feeds import parse_feed
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.core.sources.wordpress import parse_comments
from tui_reader.core.store import Store

STEAM = "/store.steampowered.com/appreviews/646570?json=1&filter=recent&language=all&num_per_page=100"
WP = "/blog.example.org/wp-json/wp/v2/comments?per_page=100&orderby=date&order=desc"


def test_the_front_page_brings_stories_and_never_empties_a_followed_thread(site: Site, store: Store) -> None:
    serve_hn_thread(site, [hn_story([101], 1), hn_comment(101, STORY_ID, "Only comment")])
    other = {"by": "pg", "id": 7, "score": 5, "time": 1_700_000_000, "title": "Other story", "type": "story"}
    site.routes[f"{HN}/item/7.json"] = json_reply({**other, "url": "https://example.com/"})
    site.routes[f"{HN}/topstories.json"] = json_reply([STORY_ID, 7, 999])  # 999: the API has no such item
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
        _, outcome = follow(store, "front", fetcher)
    assert outcome.error is None and (outcome.new, outcome.updated) == (1, 0)
    thread = store.library.get(stable_id("hackernews", str(STORY_ID)))
    assert thread is not None and thread.comment_count == 1
    assert f"{HN}/item/101.json" not in site.paths()[4:]  # the list fetched no comments
    story = store.library.get(stable_id("hackernews", "7"))
    assert story is not None and story.title == "Other story" and story.paragraphs == ("https://example.com/",)


def steam_page(ids: list[str], cursor: str) -> dict[str, Any]:
    reviews = [
        {
            "recommendationid": rid,
            "author": {"steamid": f"7656{rid}", "playtime_at_review": 600},
            "language": "english",
            "review": f"[b]Review {rid}[/b] great deck builder",
            "timestamp_created": 1_722_500_000 + int(rid),
            "voted_up": True,
            "votes_up": 2,
        }
        for rid in ids
    ]
    return {"success": 1, "query_summary": {"num_reviews": len(ids)}, "reviews": reviews, "cursor": cursor}


def test_steam_pages_follow_the_cursor_until_a_known_review(site: Site, store: Store) -> None:
    site.routes[STEAM] = json_reply(steam_page(["3", "2"], "AoJ4"))
    site.routes[f"{STEAM}&cursor=AoJ4"] = json_reply(steam_page(["1"], "AoJ5"))
    site.routes[f"{STEAM}&cursor=AoJ5"] = json_reply(steam_page([], "AoJ5"))
    with Fetcher(base_url=site.base) as fetcher:
        source, _ = follow(store, "store.steampowered.com/app/646570", fetcher)
        assert len(source.reviews) == 3
        review = store.library.get(stable_id("steam", "3"))
        assert review is not None and review.subject is not None and review.subject.ref == "steam:646570"
        assert review.paragraphs == ("**Review 3** great deck builder",) and review.recommended
        site.routes[STEAM] = json_reply(steam_page(["4", "3"], "AoJ6"))
        site.requests.clear()
        [outcome] = refresh(store, fetcher)
    assert (outcome.new, outcome.updated) == (1, 0)
    assert site.paths() == [STEAM]  # review 3 is known: no second page


def test_wordpress_comments_become_threads_under_their_posts(site: Site, store: Store) -> None:
    def comment(cid: int, parent: int, text: str) -> dict[str, Any]:
        return {
            "id": cid,
            "post": 5,
            "parent": parent,
            "author_name": f"Reader {cid}",
            "date_gmt": f"2024-08-0{cid}T10:00:00",
            "date": f"2024-08-0{cid}T12:00:00",
            "content": {"rendered": f"<p>{text}</p>\n"},
            "link": f"https://blog.example.org/2024/a-review/#comment-{cid}",
            "type": "comment",
        }

    site.routes[WP] = json_reply([comment(2, 1, "I disagree &amp; here is why"), comment(1, 0, "Great review")])
    post = {"id": 5, "title": {"rendered": "Review: <em>Her</em>"}, "link": "https://blog.example.org/2024/a-review/"}
    site.routes[
        "/blog.example.org/wp-json/wp/v2/posts?include=5&per_page=100&_fields=id,title,link,date_gmt,content,excerpt"
    ] = json_reply(
        [{**post, "content": {"rendered": "<p>A film about a voice.</p>"}, "date_gmt": "2024-07-30T09:00:00"}]
    )
    with Fetcher(base_url=site.base) as fetcher:
        _, outcome = follow(store, "wp:blog.example.org", fetcher)
    assert outcome.error is None
    review = store.library.get(stable_id("wxr", "https://blog.example.org#5"))  # the WXR importer's id
    assert review is not None and review.title == "Review: Her" and review.paragraphs == ("A film about a voice.",)
    [top] = review.comments
    assert top.body == "Great review" and [reply.body for reply in top.replies] == ["I disagree & here is why"]

    later = {**comment(3, 1, "A third voice"), "date": "2024-08-03T12:00:00"}
    window = [later, comment(2, 1, "I disagree &amp; here is why"), comment(1, 0, "Great review")]
    site.routes[f"{WP}&after=2024-07-19T12%3A00%3A00"] = json_reply(window)  # two weeks before the newest
    with Fetcher(base_url=site.base) as fetcher:
        [outcome] = refresh(store, fetcher)
    assert outcome.line == "wp:https://blog.example.org: 0 new reviews, 1 updated, 1 new comment"
    review = store.library.get(stable_id("wxr", "https://blog.example.org#5"))
    assert review is not None and review.title == "Review: Her"  # the post kept
    [top] = review.comments
    assert [reply.body for reply in top.replies] == ["I disagree & here is why", "A third voice"]


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:letterboxd="https://letterboxd.com" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Letterboxd - someone</title><link>https://letterboxd.com/someone/</link>
<item>
  <title>Her, 2013 - \xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85</title>
  <link>https://letterboxd.com/someone/film/her/</link>
  <guid isPermaLink="false">letterboxd-review-1</guid>
  <pubDate>Thu, 01 Aug 2024 10:00:00 +0000</pubDate>
  <letterboxd:watchedDate>2024-07-30</letterboxd:watchedDate>
  <letterboxd:rewatch>Yes</letterboxd:rewatch>
  <letterboxd:filmTitle>Her</letterboxd:filmTitle>
  <letterboxd:filmYear>2013</letterboxd:filmYear>
  <letterboxd:memberRating>4.0</letterboxd:memberRating>
  <description><![CDATA[<p><img src="https://a.ltrbxd.com/resized/film-poster/1/1/her.jpg"/></p>
 <p>A voice in the dark.</p><p>Second thought.</p>]]></description>
  <dc:creator>someone</dc:creator>
</item>
</channel></rss>"""


def test_a_feed_entry_is_a_review_with_its_film_and_rating(site: Site, store: Store) -> None:
    site.routes["/letterboxd.com/someone/rss/"] = Reply(200, RSS, headers={"Content-Type": "application/rss+xml"})
    with Fetcher(base_url=site.base) as fetcher:
        source, outcome = follow(store, "https://letterboxd.com/someone/rss/", fetcher)
    assert outcome.error is None
    review = store.library.get(stable_id("feed", "letterboxd-review-1"))
    assert review is not None and review.paragraphs == ("A voice in the dark.", "Second thought.")
    assert review.subject is not None and (review.subject.name, review.subject.year) == ("Her", 2013)
    assert (review.rating, review.rating_max, review.author) == (4.0, 5.0, "someone")
    assert review.source == source.url
    # As the CSV export's row of the same review reads: the film as title, the day watched, the rewatch.
    assert (review.title, review.date, review.tags) == ("Her", "2024-07-30", ("rewatch",))


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"just some text, not a feed", "text that is not XML"),
        (b"<!DOCTYPE html><html><head></head><body>hi</body></html>", "a web page (HTML)"),
        (b'{"error": "nope"}', "JSON"),
        (b"", "the answer was empty"),
    ],
)
def test_a_page_that_is_no_feed_is_one_line_saying_what_it_is(site: Site, store: Store, body: bytes, said: str) -> None:
    """It said the parser's own error: `not a feed (<unknown>:2:0: syntax error)`."""
    site.routes["/example.com/page"] = Reply(200, body)
    with Fetcher(base_url=site.base) as fetcher:
        _, outcome = follow(store, "https://example.com/page", fetcher)
    assert outcome.error is not None and outcome.error.startswith(f"not an RSS or Atom feed: {said}")
    assert "\n" not in outcome.error and "<unknown>" not in outcome.error
    assert len(store.library) == 0


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
_COMMENT = st.fixed_dictionaries(
    {"id": _JSON, "post": _JSON, "parent": _JSON, "content": _JSON, "author_name": _JSON, "date_gmt": _JSON}
)


@given(st.lists(_COMMENT | _JSON, max_size=6), _JSON)
def test_wordpress_comments_of_any_shape_read_or_fail_in_one_line(comments: Any, posts: Any) -> None:
    try:
        parsed = parse_comments(comments, posts, "https://blog.example.org", "https://blog.example.org/wp-json/x")
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert all(review.format == "wxr" for review in parsed.reviews)


@settings(max_examples=60)
@given(st.binary(max_size=300) | st.builds(lambda t: RSS.replace(b"Her", t.encode()), st.text(max_size=30)))
def test_any_bytes_are_a_feed_or_one_line(body: bytes) -> None:
    try:
        parsed = parse_feed(body, "https://example.com/feed")
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert all(review.source == "https://example.com/feed" for review in parsed.reviews)


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A review blog</title><id>urn:blog</id>
<updated>2024-08-01T10:00:00Z</updated>
<entry><title type="html">Dune &lt;i&gt;Part Two&lt;/i&gt;</title><id>tag:blog,2024:1</id>
<link href="https://blog.example.org/dune"/><updated>2024-08-01T10:00:00Z</updated>
<author><name>Critic</name></author>
<content type="html">&lt;p&gt;Sand.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;
&lt;p&gt;More sand.&lt;/p&gt;</content></entry>
</feed>"""

GOODREADS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Shelf</title>
<item><guid>https://www.goodreads.com/review/show/42</guid><title>Dune</title>
<link>https://www.goodreads.com/review/show/42</link><book_id>234225</book_id><author_name>Frank Herbert</author_name>
<isbn13>9780441013593</isbn13><user_rating>5</user_rating><book_title>Dune</book_title>
<description><![CDATA[A classic.]]></description><pubDate>Thu, 01 Aug 2024 10:00:00 +0000</pubDate></item>
</channel></rss>"""


def test_atom_entries_and_a_goodreads_shelf_feed() -> None:
    [atom] = parse_feed(ATOM, "https://blog.example.org/atom").reviews
    assert (atom.title, atom.author, atom.url) == ("Dune Part Two", "Critic", "https://blog.example.org/dune")
    assert atom.paragraphs == ("Sand.", "More sand.") and atom.date == "2024-08-01T10:00:00Z"
    [book] = parse_feed(GOODREADS, "https://www.goodreads.com/review/list_rss/1").reviews
    assert book.subject is not None
    subject = (book.subject.name, book.subject.creator, book.subject.ref)
    assert subject == ("Dune", "Frank Herbert", "isbn:9780441013593")
    assert (book.rating, book.rating_max, book.author) == (5.0, 5.0, None)  # author_name is the book's author


UNREVIEWED = RSS.replace(
    b"</channel>",
    b"""<item>
  <title>Alien, 1979</title><link>https://letterboxd.com/someone/film/alien/</link>
  <guid isPermaLink="false">letterboxd-watch-2</guid>
  <pubDate>Sun, 04 Aug 2024 20:00:00 +0000</pubDate>
  <letterboxd:watchedDate>2024-08-04</letterboxd:watchedDate>
  <letterboxd:filmTitle>Alien</letterboxd:filmTitle><letterboxd:filmYear>1979</letterboxd:filmYear>
  <description><![CDATA[ <p><img src="https://a.ltrbxd.com/resized/film-poster/2/alien.jpg"/></p>
 <p>Watched on Sunday August 4, 2024.</p> ]]></description>
</item></channel>""",
)


def test_a_letterboxd_diary_entry_without_review_text_is_skipped_and_said_as_the_csv_import_says_it(
    site: Site, store: Store
) -> None:
    """It became a review reading "Watched on Sunday August 4, 2024." (the poster dropped)."""
    from tui_reader.core.importers.letterboxd import NO_REVIEW_TEXT
    from tui_reader.core.sources.said import followed

    site.routes["/letterboxd.com/someone/rss/"] = Reply(200, UNREVIEWED)
    with Fetcher(base_url=site.base) as fetcher:
        source, outcome = follow(store, "https://letterboxd.com/someone/rss/", fetcher)
        assert [store.library.get(rid).title for rid in source.reviews] == ["Her"]  # type: ignore[union-attr]
        assert store.library.get(stable_id("feed", "letterboxd-watch-2")) is None
        said = f"skipped {NO_REVIEW_TEXT} (1)"  # the CSV import's reason and count: "... (1)"
        assert followed(source, outcome) == f"following {source.key}: 1 review; {said}"
        site.routes["/letterboxd.com/someone/rss/"] = Reply(200, UNREVIEWED.replace(b"Second", b"Third"))
        [again] = refresh(store, fetcher)
    assert again.line == f"{source.key}: 0 new reviews, 1 updated; {said}"


def test_a_followed_steam_review_links_to_its_own_page_and_says_where_it_is(site: Site, store: Store) -> None:
    """Its reading pane said `646570?json=1&filter=recent&…` as its source, and `O` found no page."""
    page = steam_page(["3", "2"], "AoJ4")
    del page["reviews"][1]["author"]["steamid"]  # without its author's id: the game's page
    site.routes[STEAM] = json_reply(page)
    site.routes[f"{STEAM}&cursor=AoJ4"] = json_reply(steam_page([], "AoJ4"))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "steam:646570", fetcher)
    review = store.library.get(stable_id("steam", "3"))
    assert review is not None and review.url == "https://steamcommunity.com/profiles/76563/recommended/646570/"
    assert review.where == review.url
    other = store.library.get(stable_id("steam", "2"))
    assert other is not None and other.where == "https://store.steampowered.com/app/646570/"


def test_the_real_steam_api_dump_gives_each_review_its_page(corpora: Path) -> None:
    from tui_reader.core.importers import parse_file

    parsed = parse_file(corpora / "reviews" / "steam-review_646570.json")
    assert parsed.reviews and all(
        review.url and review.url.startswith("https://steamcommunity.com/profiles/7656") for review in parsed.reviews
    )
    assert parsed.reviews[0].url is not None and parsed.reviews[0].url.endswith("/recommended/646570/")
