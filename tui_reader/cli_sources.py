"""Live source commands: follow a thread, subreddit, feed, blog or game, and refresh it.

tui-reader follow URL|NAME [--timeout S]       fetch it once and keep following it
tui-reader refresh [SOURCE...] [--timeout S]   fetch what changed; a line per source
tui-reader sources [--json] [--mark-seen]      each followed source: last refresh, counts, error
tui-reader unfollow SOURCE [--remove]          stop following (--remove: and remove what it brought)

Exit 1 when any source failed (each failure is one line on stderr), 0 otherwise.
See docs/SOURCES.md for what is sent to each site.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui_reader.core.content.dates import readable_date
from tui_reader.core.content.text import visible
from tui_reader.core.personal.export import json_text
from tui_reader.core.sources.names import ACCEPTED
from tui_reader.core.store import Store

if TYPE_CHECKING:
    from tui_reader.core.sources.fetch import Fetcher
    from tui_reader.core.sources.record import Source
    from tui_reader.core.sources.refresh import Outcome

PROG = "tui-reader"
DEFAULT_TIMEOUT_S = 20.0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add follow, refresh, sources and unfollow to the command line (`SOURCE_COMMANDS` runs them)."""
    follow = commands.add_parser("follow", parents=[common], help="follow a thread, subreddit, feed, blog or game")
    follow.add_argument("source", metavar="URL", help=ACCEPTED)
    _add_timeout(follow)
    refresh = commands.add_parser("refresh", parents=[common], help="fetch what is new from followed sources")
    refresh.add_argument("sources", nargs="*", metavar="SOURCE", help="the sources to refresh (default: all)")
    _add_timeout(refresh)
    sources = commands.add_parser("sources", parents=[common], help="the followed sources, their counts and errors")
    sources.add_argument("--json", action="store_true", help="JSON Lines, one source per line")
    sources.add_argument("--mark-seen", action="store_true", help="count everything fetched so far as seen")
    unfollow = commands.add_parser("unfollow", parents=[common], help="stop following a source (notes are kept)")
    unfollow.add_argument("source", metavar="SOURCE", help="as `tui-reader sources` names it")
    unfollow.add_argument("--remove", action="store_true", help="also remove the reviews it brought")


def _add_timeout(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=f"give up on a source after S seconds (default {DEFAULT_TIMEOUT_S:g})",
    )


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number <= 3600:
        raise argparse.ArgumentTypeError(f"not a number of seconds (0-3600): {value!r}")
    return number


def _fetcher(args: argparse.Namespace) -> Fetcher:
    from tui_reader.core.sources.fetch import Fetcher

    return Fetcher(timeout=args.timeout)


def _shown(text: str) -> str:
    return visible(text, single_line=True)


def _report(outcome: Outcome, prefix: str = "") -> None:
    """A success on stdout, a failure as one line on stderr."""
    if outcome.error is None:
        print(f"{prefix}{_shown(outcome.line)}")
    else:
        print(f"{PROG}: {prefix}{_shown(outcome.line)}", file=sys.stderr)


def cmd_follow(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.sources.refresh import AlreadyFollowed, follow
    from tui_reader.core.sources.said import followed

    try:
        with _fetcher(args) as fetcher:
            source, outcome = follow(store, args.source, fetcher)
    except ValueError as error:
        raise LookupError(str(error)) from None
    except AlreadyFollowed as error:
        raise LookupError(f"{error} (`{PROG} refresh {error.key}` fetches it)") from None
    if outcome.error is not None:
        _report(outcome)
        return 1
    print(_shown(followed(source, outcome, f" (`{PROG} refresh` fetches what is new)")))
    return 0


def cmd_refresh(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.sources.record import SourceBook
    from tui_reader.core.sources.refresh import refresh
    from tui_reader.core.sources.said import summary

    book = SourceBook(store.data_dir)
    followed = book.load()
    for problem in book.problems:  # a damaged sources.json, moved aside
        print(f"{PROG}: {_shown(problem)}", file=sys.stderr)
    total = len(args.sources) or len(followed)
    if total == 0:
        print(f"no sources followed (`{PROG} follow URL` adds one)")
        return 0
    done = 0

    def progress(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        _report(outcome, f"[{done}/{total}] ")

    with _fetcher(args) as fetcher:
        outcomes = refresh(store, fetcher, args.sources, progress)
    failed = sum(outcome.error is not None for outcome in outcomes)
    if len(outcomes) > 1:  # the app's status line says the same when its refresh ends
        print(summary(outcomes))
    if failed:
        print(
            f"{PROG}: {failed} of {len(outcomes)} sources failed; what they brought before is unchanged",
            file=sys.stderr,
        )
    return 1 if failed else 0


def cmd_sources(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.sources.record import SourceBook
    from tui_reader.core.sources.refresh import mark_seen_named

    book = SourceBook(store.data_dir)
    sources = mark_seen_named(store) if args.mark_seen else book.load()
    for problem in book.problems:
        print(f"{PROG}: {_shown(problem)}", file=sys.stderr)
    for source in sources:
        if args.json:
            sys.stdout.write(json_text(source_doc(source)))
        else:
            print(source_line(source))
    if not sources and not args.json:
        print(f"no sources followed (`{PROG} follow URL` adds one)")
    return 0


def source_doc(source: Source) -> dict[str, object]:
    """A source as `sources --json` shows it: the record without the seen keys."""
    from dataclasses import asdict

    doc = asdict(source)
    doc.pop("seen")
    doc["reviews"] = len(source.reviews)
    return doc


def source_line(source: Source) -> str:
    """`r/movies  12 reviews, 340 comments, 3 new  fetched 2024-08-02 10:00  failed 2024-08-02 11:00: not
    found (HTTP 404)`: when it last worked, and when and why the last try failed; each part made safe for
    the terminal (the key is a URL the user typed, the error a server's words)."""
    from tui_reader.core.sources.said import counts, failure

    new = source.new
    parts = [
        source.key,
        f"{counts(source)}, {new:,} new"
        + (f" ({source.new_replies:,} replying to your bookmarked comments)" if source.new_replies else ""),
        f"fetched {readable_date(source.last_ok)}" if source.last_ok else "never fetched",
    ]
    if source.error:
        parts.append(failure(source, when=f" {readable_date(source.last_refresh)}" if source.last_refresh else ""))
    return "  ".join(_shown(part) for part in parts)


def cmd_unfollow(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.pipeline.removal import describe
    from tui_reader.core.sources.refresh import unfollow
    from tui_reader.core.sources.said import unfollowed

    source, done = unfollow(store, args.source, remove=args.remove)
    if done is None:
        print(_shown(unfollowed(source, " (--remove removes {})")))
    else:
        print(f"unfollowed {_shown(source.key)}; removed {_shown(describe(done.plan, source.key))}")
    return 0


SOURCE_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "follow": cmd_follow,
    "refresh": cmd_refresh,
    "sources": cmd_sources,
    "unfollow": cmd_unfollow,
}
