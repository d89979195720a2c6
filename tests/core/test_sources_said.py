"""What follow, refresh and the sources list say (`sources.said`): one wording for the command line and the app."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tui_reader.core.sources.names import parse_target
from tui_reader.core.sources.record import Source
from tui_reader.core.sources.refresh import Outcome
from tui_reader.core.sources.said import counts, failure, summary

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times said in the reader's zone: UTC here, so the test reads the same anywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_refresh_of_several_sources_ends_saying_what_came_as_each_line_does() -> None:
    """The app's sources view said "3 refreshed" where the command line said what came."""
    outcomes = [
        Outcome("hn:1", new_comments=2, updated=1, new_replies=1),
        Outcome("r/movies", new=1, brings_comments=False),
        Outcome("hn:2", changed=False),
        Outcome("hn:3", "not found (HTTP 404)"),
    ]
    assert outcomes[0].line == "hn:1: 0 new reviews, 1 updated, 2 new comments (1 reply to your bookmarked comments)"
    assert outcomes[1].line == "r/movies: 1 new review, 0 updated"
    assert summary(outcomes) == (
        "3 refreshed: 1 new review, 1 updated, 2 new comments (1 reply to your bookmarked comments); 1 failed"
    )
    assert summary([Outcome("hn:2", changed=False), Outcome("hn:4", changed=False)]) == "2 refreshed: nothing new"
    assert summary([Outcome("hn:3", "offline"), Outcome("hn:5", "offline")]) == "0 refreshed; 2 failed"
    more = Outcome("r/x/comments/p1", notes=("57 more comments not fetched: Reddit lists them only on the site",))
    assert summary([more]) == more.line  # one source: its own line, what was left out included


def test_a_source_that_brings_posts_only_is_never_credited_with_comments() -> None:
    listing = Source.from_target(parse_target("r/movies"), "")
    listing.reviews, listing.comments = ["a"], 7
    thread = Source.from_target(parse_target("hn:5"), "")
    thread.reviews, thread.comments = ["a", "b"], 1
    assert (counts(listing), counts(thread)) == ("1 review", "2 reviews, 1 comment")


@pytest.mark.usefixtures("utc")
def test_a_rate_limited_source_says_the_time_it_may_retry_at_and_nothing_once_it_passed() -> None:
    """It said "retry after 120 s" long after those seconds had passed."""
    source = Source.from_target(parse_target("r/movies"), "")
    source.error, source.retry_at = "rate limited (HTTP 429)", NOW.timestamp() + 120
    assert failure(source, NOW) == "failed: rate limited (HTTP 429); retry after 12:02"
    assert failure(source, datetime(2026, 6, 14, 23, 0, tzinfo=UTC)) == (
        "failed: rate limited (HTTP 429); retry after 2026-06-15 12:02"  # not today: the day too
    )
    assert failure(source, datetime(2026, 6, 15, 12, 3, tzinfo=UTC)) == "failed: rate limited (HTTP 429)"
    source.retry_at = 1e300  # a hand-edited file
    assert failure(source, NOW) == "failed: rate limited (HTTP 429)"
