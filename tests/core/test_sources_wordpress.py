"""A followed blog's refresh catches what its REST API dates in the past: late approvals, edits, removals."""

from __future__ import annotations

from typing import Any

from tests.core.sources_support import Reply, Site, json_reply
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import walk_comments
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.core.store import Store

WP = "/blog.example.org/wp-json/wp/v2/comments?per_page=100&orderby=date&order=desc"
WINDOW = f"{WP}&after=2024-04-17T10%3A05%3A00"  # two weeks before the newest comment fetched (10:05)
REVIEW = stable_id("wxr", "https://blog.example.org#10")


def comment(cid: int, parent: int, author: str, minute: int, text: str) -> dict[str, Any]:
    """As the REST API sends one (`date` the blog's time, `date_gmt` UTC; here the blog runs on UTC)."""
    date = f"2024-05-01T10:{minute:02d}:00"
    return {
        "id": cid,
        "post": 10,
        "parent": parent,
        "author_name": author,
        "date": date,
        "date_gmt": date,
        "content": {"rendered": f"<p>{text}</p>"},
        "link": f"https://blog.example.org/her-review/#comment-{cid}",
        "type": "comment",
    }


ANN = comment(1, 0, "Ann", 0, "First! Great review of Her.")
BEN = comment(2, 1, "Ben", 5, "Agree with Ann.")
CAT = comment(3, 0, "Cat", 2, "Held in moderation, approved now.")  # written at 10:02, approved after 10:05
DAN = comment(4, 2, "Dan", 10, "A reply to Ben.")


def thread(store: Store) -> list[tuple[int, str, str, str]]:
    review = store.library.get(REVIEW)
    assert review is not None
    return [(depth, c.author, c.body, c.gone_said) for depth, c in walk_comments(review.comments)]


def followed(site: Site, store: Store, fetcher: Fetcher) -> None:
    site.routes[WP] = json_reply([BEN, ANN])
    follow(store, "wp:blog.example.org", fetcher)


def test_a_comment_approved_late_and_an_edit_are_fetched(site: Site, store: Store) -> None:
    """A refresh asked `after=` the newest comment's date: Cat's (dated 10:02, approved later) never came,
    nor Ann's edit."""
    edited = {**ANN, "content": {"rendered": "<p>First! Great review of Her. (edited)</p>"}}
    with Fetcher(base_url=site.base) as fetcher:
        followed(site, store, fetcher)
        site.routes[WINDOW] = json_reply([DAN, BEN, CAT, edited])  # newest first, as the API orders them
        [outcome] = refresh(store, fetcher)
    assert outcome.line == "wp:https://blog.example.org: 0 new reviews, 1 updated, 2 new comments"
    assert thread(store) == [
        (0, "Ann", "First! Great review of Her. (edited)", ""),
        (1, "Ben", "Agree with Ann.", ""),
        (2, "Dan", "A reply to Ben.", ""),
        (0, "Cat", "Held in moderation, approved now.", ""),
    ]


def test_a_comment_the_blog_no_longer_lists_in_the_window_is_marked_and_kept(site: Site, store: Store) -> None:
    with Fetcher(base_url=site.base) as fetcher:
        followed(site, store, fetcher)
        site.routes[WINDOW] = json_reply([BEN])  # Ann's unapproved, spam or trash since
        refresh(store, fetcher)
    assert thread(store) == [
        (0, "Ann", "First! Great review of Her.", "no longer on the site, kept here"),
        (1, "Ben", "Agree with Ann.", ""),  # still under Ann
    ]


def test_a_full_page_asks_for_the_next_until_the_api_says_there_is_none(site: Site, store: Store) -> None:
    many = [comment(100 + n, 0, f"R{n}", 5, f"Comment {n}") for n in range(100)]
    with Fetcher(base_url=site.base) as fetcher:
        followed(site, store, fetcher)
        site.routes[WINDOW] = json_reply(many)
        site.routes[f"{WINDOW}&page=2"] = json_reply([BEN, ANN])  # the window's last page
        site.routes[f"{WINDOW}&page=3"] = Reply(400, b'{"code": "rest_comment_invalid_page_number"}')
        [outcome] = refresh(store, fetcher)
        assert outcome.error is None and outcome.new_comments == 100
        assert f"{WINDOW}&page=2" in site.paths() and f"{WINDOW}&page=3" not in site.paths()  # page 2 was short
        site.routes[f"{WINDOW}&page=2"] = json_reply([BEN, ANN, *many][:100])
        [outcome] = refresh(store, fetcher)  # page 2 full: page 3 asked, and answers HTTP 400: the end
    assert outcome.error is None and f"{WINDOW}&page=3" in site.paths()
    assert thread(store)[:2] == [(0, "Ann", "First! Great review of Her.", ""), (1, "Ben", "Agree with Ann.", "")]


def test_a_page_that_fails_is_said_and_nothing_is_marked_gone(site: Site, store: Store) -> None:
    many = [comment(100 + n, 0, f"R{n}", 5, f"Comment {n}") for n in range(100)]
    with Fetcher(base_url=site.base) as fetcher:
        followed(site, store, fetcher)
        site.routes[WINDOW] = json_reply(many)
        site.routes[f"{WINDOW}&page=2"] = Reply(500, b"oops")
        [outcome] = refresh(store, fetcher)
    assert outcome.error is None
    assert outcome.notes == (
        "comments past page 1 not fetched (HTTP 500 Internal Server Error): the next refresh asks again",
    )
    assert thread(store)[:2] == [(0, "Ann", "First! Great review of Her.", ""), (1, "Ben", "Agree with Ann.", "")]
