"""A thread followed as a user pastes it: a comment's link, a comment that fails, a post its subreddit also brings."""

from __future__ import annotations

import pytest

from tests.core.sources_support import (
    HN,
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
from tui_reader.core.content.models import walk_comments
from tui_reader.core.sources import harvest
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import AlreadyFollowed, follow, refresh
from tui_reader.core.sources.said import followed
from tui_reader.core.store import Store

REVIEW = stable_id("hackernews", str(STORY_ID))
THREAD = f"{REDDIT}/r/movies/comments/p1/.json?limit=500"
LISTING = f"{REDDIT}/r/movies/hot/.json"


def serve_thread(site: Site) -> None:
    serve_hn_thread(
        site,
        [
            hn_story([101, 102], 3),
            hn_comment(101, STORY_ID, "First top comment", kids=[103]),
            hn_comment(102, STORY_ID, "Second top comment"),
            hn_comment(103, 101, "A reply to the first"),
        ],
    )


def bodies(store: Store) -> list[str]:
    review = store.library.get(REVIEW)
    assert review is not None
    return [comment.body for _, comment in walk_comments(review.comments)]


@pytest.mark.parametrize("pasted", ["hn:103", "https://news.ycombinator.com/item?id=103"])
def test_following_a_comment_follows_its_story_and_says_so(site: Site, store: Store, pasted: str) -> None:
    """It made a one-comment "review" with no thread, and said nothing."""
    serve_thread(site)
    with Fetcher(base_url=site.base) as fetcher:
        source, outcome = follow(store, pasted, fetcher)
        assert outcome.error is None and source.key == f"hn:{STORY_ID}" and outcome.via == "hn:103"
        assert (
            followed(source, outcome)
            == f"hn:103 is a comment: following its story hn:{STORY_ID} (1 review, 3 comments)"
        )
        assert bodies(store) == ["First top comment", "A reply to the first", "Second top comment"]
        assert [s.key for s in SourceBook(store.data_dir).load()] == [f"hn:{STORY_ID}"]
        assert store.library.get(stable_id("hackernews", "103")) is None
        with pytest.raises(AlreadyFollowed) as caught:
            follow(store, "hn:101", fetcher)
    assert str(caught.value) == f"hn:101 is a comment: its story hn:{STORY_ID} is followed already"


def test_a_comment_too_far_below_its_story_is_one_line_and_keeps_nothing(
    site: Site, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_thread(site)
    monkeypatch.setattr(harvest, "HN_PARENT_STEPS", 1)  # 103 -> 101 -> the story: two steps
    with Fetcher(base_url=site.base) as fetcher:
        _, outcome = follow(store, "hn:103", fetcher)
    assert outcome.line == "hn:103: failed: hn:103 is a comment more than 1 replies below its story"
    assert SourceBook(store.data_dir).load() == [] and len(store.library) == 0


def test_a_comment_that_fails_is_left_out_said_and_fetched_by_the_next_refresh(site: Site, store: Store) -> None:
    """One comment answering HTTP 500 failed the whole follow (`hn:555: failed: HTTP 500`)."""
    serve_thread(site)
    site.routes[f"{HN}/item/102.json"] = Reply(500, b"oops")
    with Fetcher(base_url=site.base) as fetcher:
        source, outcome = follow(store, f"hn:{STORY_ID}", fetcher)
        assert outcome.error is None
        assert bodies(store) == ["First top comment", "A reply to the first"]
        unfetched = "1 comment could not be fetched (HTTP 500 Internal Server Error): the next refresh tries again"
        assert outcome.notes == (unfetched,)
        assert followed(source, outcome) == f"following hn:{STORY_ID}: 1 review, 2 comments; {unfetched}"
        serve_thread(site)  # the comment answers again; the story's comment count has not moved
        [again] = refresh(store, fetcher)
    assert again.line == f"hn:{STORY_ID}: 0 new reviews, 1 updated, 1 new comment"
    assert sorted(bodies(store)) == ["A reply to the first", "First top comment", "Second top comment"]


def test_a_thread_and_its_subreddit_keep_the_posts_points_and_stop_rewriting_each_other(
    site: Site, store: Store
) -> None:
    """The thread lost the post's points; with its subreddit followed too, each refresh set them
    120 -> None -> 120 ("1 updated" for both) and the subreddit was credited with the thread's comments."""
    comments = [reddit_comment("c1", "Loved it", [reddit_comment("c2", "Same")])]
    site.routes[THREAD] = json_reply(reddit_thread("p1", comments))
    site.routes[LISTING] = json_reply(
        reddit_listing([reddit_post("p1", "Discussion thread"), reddit_post("p2", "Her")])
    )
    post = stable_id("reddit", "p1")
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/p1", fetcher)
        assert store.library.get(post).votes == 120  # type: ignore[union-attr]
        subreddit, outcome = follow(store, "r/movies", fetcher)
        assert outcome.line == "r/movies: 1 new review, 0 updated"  # p1 is as the thread left it
        assert followed(subreddit, outcome) == "following r/movies: 2 reviews"
        for _ in range(2):
            lines = [outcome.line for outcome in refresh(store, fetcher)]
            assert lines == [
                "r/movies/comments/p1: 0 new reviews, 0 updated, 0 new comments",
                "r/movies: 0 new reviews, 0 updated",
            ]
        stored = store.library.get(post)
        assert stored is not None and stored.votes == 120 and stored.comment_count == 2
        unscored = reddit_post("p1", "Discussion thread")
        del unscored["data"]["score"]  # a listing that says nothing of the points erases none
        site.routes[LISTING] = json_reply(reddit_listing([unscored]))
        comments.append(reddit_comment("c3", "A new one"))
        site.routes[THREAD] = json_reply(reddit_thread("p1", comments))
        refresh(store, fetcher, ["r/movies"])
        assert store.library.get(post).votes == 120  # type: ignore[union-attr]
        [thread_line, listing_line] = [outcome.line for outcome in refresh(store, fetcher)]
    assert thread_line == "r/movies/comments/p1: 0 new reviews, 1 updated, 1 new comment"
    assert listing_line == "r/movies: 0 new reviews, 0 updated"
    thread, listing = SourceBook(store.data_dir).load()
    assert (thread.comments, thread.new_comments) == (3, 1)
    assert (listing.comments, listing.new_comments, listing.new_in) == (0, 0, {})  # posts only: no comments credited


def test_a_thread_followed_after_its_subreddit_marks_none_of_its_comments_new(site: Site, store: Store) -> None:
    """The subreddit, first in the file, counted the thread's comments as new (it never saw any)."""
    from tui_reader.core.sources.marks import SourceMarks

    site.routes[THREAD] = json_reply(reddit_thread("p1", [reddit_comment("c1", "Loved it")]))
    site.routes[LISTING] = json_reply(reddit_listing([reddit_post("p1", "Discussion thread")]))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies", fetcher)
        follow(store, "r/movies/comments/p1", fetcher)
    review = store.library.get(stable_id("reddit", "p1"))
    assert review is not None and review.comment_count == 1
    marks = SourceMarks(store.data_dir)
    assert marks.new_ids(review) == frozenset() and marks.new_counts() == {}
