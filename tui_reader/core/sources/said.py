"""What follow, refresh and the sources list say: one wording for the command line and the app.

Counts use the project's plural (`1 review`, never `1 reviews`). A source that brings posts
only (a subreddit, an HN list, a feed, a game's reviews) is not credited with comments:
the comments of a post it shares with a followed thread are the thread's. A rate-limited
source says the time it may be asked again, never a number of seconds that went stale
while it sat in the sources file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tui_reader.core.content import dates
from tui_reader.core.content.text import plural

if TYPE_CHECKING:
    from tui_reader.core.sources.record import Source
    from tui_reader.core.sources.refresh import Outcome


def counts(source: Source) -> str:
    """`12 reviews, 340 comments`; `25 reviews` for a source that brings no comments."""
    reviews = plural(len(source.reviews), "review")
    return f"{reviews}, {plural(source.comments, 'comment')}" if source.brings_comments else reviews


def came(new: int, updated: int, new_comments: int, new_replies: int, *, comments: bool = True) -> str:
    """`1 new review, 2 updated, 12 new comments (1 reply to your bookmarked comments)`: what a refresh brought."""
    line = f"{plural(new, 'new review')}, {updated:,} updated"
    if comments:
        line += f", {plural(new_comments, 'new comment')}"
    if new_replies:
        line += f" ({plural(new_replies, 'reply', 'replies')} to your bookmarked comments)"
    return line


def summary(outcomes: Sequence[Outcome]) -> str:
    """The line after refreshing several sources: `3 refreshed: 0 new reviews, 1 updated, 2 new comments
    (1 reply to your bookmarked comments); 1 waiting until 23:48; 1 failed`, for the app's status line and
    the command line's last. A source waiting out its site's Retry-After was not asked: it did not fail.
    One source: its own line (what was left out included)."""
    if len(outcomes) == 1:
        return outcomes[0].line
    done = [outcome for outcome in outcomes if outcome.error is None and outcome.retry_at is None]
    until = sorted({clock(o.retry_at) for o in outcomes if o.error is None and o.retry_at is not None} - {""})
    failed = sum(outcome.error is not None for outcome in outcomes)
    parts = [f"{len(done)} refreshed"]
    if done:
        totals = [sum(getattr(o, name) for o in done) for name in ("new", "updated", "new_comments", "new_replies")]
        parts[0] += ": " + (
            came(*totals, comments=any(o.brings_comments for o in done)) if any(totals) else "nothing new"
        )
    if until:
        count = sum(o.error is None and o.retry_at is not None for o in outcomes)
        parts.append(f"{count:,} waiting until {', '.join(until[:3])}")
    if failed:
        parts.append(f"{failed:,} failed")
    return "; ".join(parts)


def followed(source: Source, outcome: Outcome, hint: str = "") -> str:
    """`following r/movies: 25 reviews`, or for a Hacker News comment `hn:1000 is a comment: following
    its story hn:999 (1 review, 40 comments)`; then what was left out (`57 more comments not fetched…`)."""
    if outcome.via is None:
        line = f"following {source.key}: {counts(source)}{hint}"
    else:
        line = f"{outcome.via} is a comment: following its story {source.key} ({counts(source)}){hint}"
    return line + "".join(f"; {note}" for note in outcome.notes)


def unfollowed(source: Source, hint: str = "") -> str:
    """`unfollowed r/movies; the 25 reviews it brought stay`, `hint` after it with `{}` for `it` or `them`."""
    count = len(source.reviews)
    if not count:
        return f"unfollowed {source.key}"
    kept = "the review it brought stays" if count == 1 else f"the {plural(count, 'review')} it brought stay"
    return f"unfollowed {source.key}; {kept}{hint.format('it' if count == 1 else 'them')}"


def failure(source: Source, now: datetime | None = None, when: str = "") -> str:
    """`failed: rate limited (HTTP 429); retry after 14:05`: the time said only while it is ahead;
    `when` (` just now`, ` 2024-08-02 10:00`) says when it failed, after `failed`."""
    if not source.error:
        return ""
    return f"failed{when}: {source.error}{waiting(source.retry_at, now)}"


def waiting(retry_at: float | None, now: datetime | None = None) -> str:
    """`; retry after 14:05` (a date too when not today): before then a refresh does not ask the site;
    '' once that time has passed."""
    said = clock(retry_at, now)
    return f"; retry after {said}" if said else ""


def clock(retry_at: float | None, now: datetime | None = None) -> str:
    """`14:05`, or `2024-08-02 14:05` when not today; '' once that time has passed (or for none)."""
    moment = now or dates.current_time()
    if retry_at is None or retry_at <= moment.timestamp():
        return ""
    try:
        when = datetime.fromtimestamp(retry_at, UTC).astimezone()
    except (OverflowError, OSError, ValueError):  # a sources file edited by hand: no time to say
        return ""
    today = moment.astimezone().date() == when.date()
    return when.strftime("%H:%M" if today else "%Y-%m-%d %H:%M")
