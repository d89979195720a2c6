"""Follow and refresh against a local server: exactly the new comments are new, nothing twice, notes kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.sources_support import (
    REDDIT,
    STORY_ID,
    Reply,
    Site,
    hn_comment,
    hn_story,
    json_reply,
    reddit_comment,
    reddit_listing,
    reddit_post,
    reddit_thread,
    serve_hn_thread,
)
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import follow, mark_seen_named, new_comments, refresh, unfollow
from tui_reader.core.store import Store

REVIEW = stable_id("hackernews", str(STORY_ID))


def thread(review: Review) -> list[str]:
    return [comment.body for _, comment in walk_comments(review.comments)]


def first_thread(site: Site) -> None:
    serve_hn_thread(
        site,
        [
            hn_story([101, 102], 3),
            hn_comment(101, STORY_ID, "First top comment", kids=[103]),
            hn_comment(102, STORY_ID, "Second top comment"),
            hn_comment(103, 101, "A reply to the first"),
        ],
    )


def grown_thread(site: Site) -> None:
    """Two replies more: one under an old comment, one new top-level; one old comment edited."""
    serve_hn_thread(
        site,
        [
            hn_story([101, 102, 105], 5),
            hn_comment(101, STORY_ID, "First top comment", kids=[103, 104]),
            hn_comment(102, STORY_ID, "Second top comment (edited)"),
            hn_comment(103, 101, "A reply to the first"),
            hn_comment(104, 101, "A new reply to the first"),
            hn_comment(105, STORY_ID, "A new top comment"),
        ],
    )


def test_refresh_adds_exactly_the_new_comments_marks_them_new_and_keeps_notes(site: Site, store: Store) -> None:
    first_thread(site)
    with Fetcher(base_url=site.base) as fetcher:
        source, outcome = follow(store, f"https://news.ycombinator.com/item?id={STORY_ID}", fetcher)
    assert outcome.error is None and source.key == f"hn:{STORY_ID}"
    review = store.library.get(REVIEW)
    assert review is not None
    assert thread(review) == ["First top comment", "A reply to the first", "Second top comment"]
    assert new_comments(source, review) == frozenset()  # a first visit: nothing is new
    reply = next(c for _, c in walk_comments(review.comments) if c.body == "A reply to the first")
    note = store.user.add_note(Anchor(REVIEW, comment_id=reply.id, offset=2, quoted="reply"), "my note")
    store.user.toggle_bookmark(REVIEW, reply.id)
    before = store.user.snapshot()

    grown_thread(site)
    with Fetcher(base_url=site.base) as fetcher:
        [outcome] = refresh(store, fetcher)
    assert outcome.error is None and outcome.new_comments == 2
    assert outcome.line == f"hn:{STORY_ID}: 0 new reviews, 1 updated, 2 new comments"  # a reply to 103: none
    review = store.library.get(REVIEW)
    assert review is not None
    bodies = thread(review)
    assert sorted(bodies) == sorted(
        [
            "First top comment",
            "A reply to the first",
            "A new reply to the first",
            "Second top comment (edited)",
            "A new top comment",
        ]
    )
    assert len(bodies) == len(set(bodies)) == 5  # nothing twice
    [saved] = SourceBook(store.data_dir).load()
    new = {c.body for _, c in walk_comments(review.comments) if c.id in new_comments(saved, review)}
    assert new == {"A new reply to the first", "A new top comment"}
    assert (saved.comments, saved.new_comments, saved.new_reviews) == (5, 2, 0)
    assert saved.new_in == {REVIEW: 2}  # per thread, for the review list
    after = store.user.snapshot()
    assert after.notes == before.notes and after.bookmarks == before.bookmarks
    assert after.notes[0].id == note.id and not after.notes[0].detached

    [seen] = mark_seen_named(store)
    assert seen.new_comments == 0 and new_comments(seen, review) == frozenset() and seen.new_in == {}


def test_an_unchanged_comment_count_still_finds_the_edit_the_deletion_and_the_new_reply(
    site: Site, store: Store
) -> None:
    """`descendants` stayed 3 (one deleted, one added): the refresh said `unchanged` and fetched nothing."""
    first_thread(site)
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
        serve_hn_thread(
            site,
            [
                hn_story([101, 102], 3),
                hn_comment(101, STORY_ID, "First top comment", kids=[103]),
                hn_comment(102, STORY_ID, "Second top comment, edited", kids=[104]),
                {"id": 103, "deleted": True, "parent": 101, "time": 1722520903, "type": "comment"},
                hn_comment(104, 102, "A reply where the count did not move"),
            ],
        )
        [outcome] = refresh(store, fetcher)
    assert outcome.line == f"hn:{STORY_ID}: 0 new reviews, 1 updated, 1 new comment"
    review = store.library.get(REVIEW)
    assert review is not None
    said = [(depth, c.body, c.gone_said) for depth, c in walk_comments(review.comments)]
    assert said == [  # HN's order kept; the deleted reply in its place, its text as fetched before
        (0, "First top comment", ""),
        (1, "A reply to the first", "deleted on the site, kept here"),
        (0, "Second top comment, edited", ""),
        (1, "A reply where the count did not move", ""),
    ]


def test_a_304_changes_nothing_and_sends_the_etag_back(site: Site, store: Store) -> None:
    thread_path = f"{REDDIT}/r/movies/comments/abc123/.json?limit=500"
    site.routes[thread_path] = json_reply(reddit_thread("abc123", [reddit_comment("c1", "Loved it")]), etag='"r1"')
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "https://www.reddit.com/r/movies/comments/abc123/discussion_thread/", fetcher)
        [outcome] = refresh(store, fetcher)
    assert outcome.line == "r/movies/comments/abc123: unchanged"
    assert site.requests[-1].headers["if-none-match"] == '"r1"'
    [saved] = SourceBook(store.data_dir).load()
    assert saved.error is None and saved.etag == '"r1"' and saved.comments == 1


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(404, b"{}"), "not found (HTTP 404)"),
        (Reply(429, b"", headers={"Retry-After": "60"}), "rate limited (HTTP 429, retry after 60 s)"),
        (Reply(200, b'[{"kind": "Listing", "da', length=900), "connection closed before the whole response arrived"),
        (Reply(200, b"<html>not json</html>"), "not valid Reddit JSON"),
    ],
)
def test_a_failing_refresh_is_one_line_and_touches_nothing_stored(
    site: Site, store: Store, reply: Reply, error: str
) -> None:
    thread_path = f"{REDDIT}/r/movies/comments/abc123/.json?limit=500"
    site.routes[thread_path] = json_reply(reddit_thread("abc123", [reddit_comment("c1", "Loved it")]))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/abc123", fetcher)
        stored = store.library.get(stable_id("reddit", "abc123"))
        site.routes[thread_path] = reply
        [outcome] = refresh(store, fetcher)
    assert outcome.error is not None and outcome.error.startswith(error.split(" (")[0])
    assert "\n" not in outcome.line and outcome.line.startswith("r/movies/comments/abc123: failed: ")
    assert store.library.get(stable_id("reddit", "abc123")) == stored
    [saved] = SourceBook(store.data_dir).load()
    assert saved.error == outcome.error.replace(", retry after 60 s", "") and saved.last_ok is not None


def test_after_a_429_the_site_is_not_asked_again_before_retry_after(site: Site, store: Store) -> None:
    path = f"{REDDIT}/r/movies/comments/abc123/.json?limit=500"
    site.routes[path] = json_reply(reddit_thread("abc123", []))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/abc123", fetcher)
        site.routes[path] = Reply(429, b"", headers={"Retry-After": "3600"})
        refresh(store, fetcher)
        asked = len(site.requests)
        [outcome] = refresh(store, fetcher)
    assert len(site.requests) == asked
    assert outcome.error is None and outcome.line.startswith(
        "r/movies/comments/abc123: waiting: rate limited (HTTP 429)"
    )


def test_a_failed_follow_keeps_nothing(site: Site, store: Store) -> None:
    with Fetcher(base_url=site.base) as fetcher:
        _, outcome = follow(store, "hn:999", fetcher)
    assert outcome.error == "not found (HTTP 404)"
    assert SourceBook(store.data_dir).load() == [] and len(store.library) == 0


def test_a_subreddit_brings_its_posts_and_later_ones_are_new(site: Site, store: Store) -> None:
    path = f"{REDDIT}/r/movies/hot/.json"
    site.routes[path] = json_reply(reddit_listing([reddit_post("p1", "Dune: Part Two"), reddit_post("p2", "Her")]))
    with Fetcher(base_url=site.base) as fetcher:
        source, _ = follow(store, "r/movies", fetcher)
        assert {store.library.get(rid).title for rid in source.reviews} == {"Dune: Part Two", "Her"}  # type: ignore[union-attr]
        site.routes[path] = json_reply(
            reddit_listing([reddit_post("p3", "Alien"), reddit_post("p1", "Dune: Part Two")])
        )
        [outcome] = refresh(store, fetcher)
    assert (outcome.new, outcome.updated) == (1, 0)
    [saved] = SourceBook(store.data_dir).load()
    assert saved.new_reviews == 1 and len(saved.reviews) == 3
    post = store.library.get(stable_id("reddit", "p1"))
    assert post is not None and post.paragraphs == ("What did you think & why?",)


def test_unfollow_keeps_or_removes_what_it_brought_and_always_the_notes(site: Site, store: Store) -> None:
    first_thread(site)
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
    store.user.add_note(Anchor(REVIEW, paragraph=0, quoted="Please"), "kept")
    _, done = unfollow(store, f"hn:{STORY_ID}")
    assert done is None and store.library.get(REVIEW) is not None and SourceBook(store.data_dir).load() == []
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
    _, done = unfollow(store, f"hn:{STORY_ID}", remove=True)
    assert done is not None and done.removed.ids == (REVIEW,)
    assert store.library.get(REVIEW) is None
    [note] = store.user.snapshot().notes
    assert note.text == "kept" and note.detached


def test_a_real_hn_thread_from_the_corpus_follows_whole(site: Site, store: Store, corpora: Path) -> None:
    import orjson

    saved = orjson.loads((corpora / "hackernews" / "202408_raw.json").read_bytes())
    serve_hn_thread(site, [saved["post"], *saved["comments"]])
    with Fetcher(base_url=site.base) as fetcher:
        source, outcome = follow(store, f"hn:{saved['post']['id']}", fetcher)
    assert outcome.error is None
    review = store.library.get(stable_id("hackernews", str(saved["post"]["id"])))
    assert review is not None
    kept = [c for c in saved["comments"] if not c.get("deleted") and not c.get("dead")]
    assert review.comment_count == len(kept) == source.comments


def test_new_replies_to_a_bookmarked_comment_are_called_out(site: Site, store: Store) -> None:
    first_thread(site)
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
        review = store.library.get(REVIEW)
        assert review is not None
        first = next(c for _, c in walk_comments(review.comments) if c.body == "First top comment")
        store.user.toggle_bookmark(REVIEW, first.id)
        grown_thread(site)
        [outcome] = refresh(store, fetcher)
    assert outcome.new_replies == 1  # 104 answers 101; 105 is top level
    assert outcome.line.endswith("2 new comments (1 reply to your bookmarked comments)")


def test_the_thread_view_marks_what_a_refresh_brought_until_the_thread_is_read(site: Site, store: Store) -> None:
    from tui_reader.core.sources.marks import SourceMarks

    first_thread(site)
    marks = SourceMarks(store.data_dir)
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, f"hn:{STORY_ID}", fetcher)
        review = store.library.get(REVIEW)
        assert review is not None and marks.new_ids(review) == frozenset()
        grown_thread(site)
        refresh(store, fetcher)
    review = store.library.get(REVIEW)
    assert review is not None
    new = {c.body for _, c in walk_comments(review.comments) if c.id in marks.new_ids(review)}
    assert new == {"A new reply to the first", "A new top comment"}
    counts = marks.new_counts()
    assert counts == {REVIEW: 2} and marks.new_counts() is counts  # one mapping while the file is unchanged
    marks.seen(store, review)
    assert marks.new_ids(review) == frozenset() and marks.new_counts() == {}
    [saved] = SourceBook(store.data_dir).load()
    assert saved.new_comments == 0
    other = Review("elsewhere", "Not followed", "file", ("x",))
    assert SourceMarks(store.data_dir).new_ids(other) == frozenset()
