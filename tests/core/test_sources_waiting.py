"""A site that asked to wait (Retry-After) is said as what it was, and waiting out its time is no failure."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from tests.core.sources_support import (
    STORY_ID,
    THREAD,
    Reply,
    Site,
    hn_story,
    json_reply,
    reddit_thread,
    serve_hn_thread,
)
from tests.core.sources_support import cli_site as cli_site  # a fixture: the alias says it is used
from tui_reader.cli_sources import SOURCE_COMMANDS, register
from tui_reader.core.sources.fetch import Fetcher
from tui_reader.core.sources.record import SourceBook
from tui_reader.core.sources.refresh import follow, refresh
from tui_reader.core.sources.said import summary
from tui_reader.core.store import Store

CLOCK = r"(\d{4}-\d\d-\d\d )?\d\d:\d\d"  # when it may be asked again, local time (a date when not today)


def test_a_503_is_said_as_the_site_unavailable_and_then_as_waiting_not_a_rate_limit(site: Site, store: Store) -> None:
    """After `HTTP 503` with `Retry-After: 600`, the next refresh said `failed: rate limited; retry after …`."""
    site.routes[THREAD] = json_reply(reddit_thread("abc123", []))
    serve_hn_thread(site, [hn_story([], 0)])
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/abc123", fetcher)
        follow(store, f"hn:{STORY_ID}", fetcher)
        site.routes[THREAD] = Reply(503, b"", headers={"Retry-After": "600"})
        failed, _ = refresh(store, fetcher)
        assert failed.line == "r/movies/comments/abc123: failed: the site was unavailable (HTTP 503, retry after 600 s)"
        tried = SourceBook(store.data_dir).load()[0].last_refresh
        asked = len(site.requests)
        waiting, done = refresh(store, fetcher)
    assert len(site.requests) == asked + 1  # the HN story only: Reddit was not asked
    assert waiting.error is None  # nothing was asked, so nothing failed
    assert re.fullmatch(
        rf"r/movies/comments/abc123: waiting: the site was unavailable \(HTTP 503\); retry after {CLOCK} as it asked",
        waiting.line,
    )
    assert re.fullmatch(rf"1 refreshed: nothing new; 1 waiting until {CLOCK}", summary([waiting, done]))
    saved = SourceBook(store.data_dir).load()[0]
    assert saved.last_refresh == tried  # no try was made
    assert saved.error == "the site was unavailable (HTTP 503)"


def test_a_429_waits_as_a_rate_limit(site: Site, store: Store) -> None:
    site.routes[THREAD] = json_reply(reddit_thread("abc123", []))
    with Fetcher(base_url=site.base) as fetcher:
        follow(store, "r/movies/comments/abc123", fetcher)
        site.routes[THREAD] = Reply(429, b"", headers={"Retry-After": "60"})
        refresh(store, fetcher)
        [waiting] = refresh(store, fetcher)
    assert re.fullmatch(
        rf"r/movies/comments/abc123: waiting: rate limited \(HTTP 429\); retry after {CLOCK} as it asked", waiting.line
    )


def test_the_command_line_says_a_waiting_source_on_stdout_and_exits_0(
    cli_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser(prog="tui-reader")
    register(parser.add_subparsers(dest="command"), common)

    def run(*argv: str) -> int:
        return SOURCE_COMMANDS[argv[0]](Store(tmp_path / "data"), parser.parse_args(list(argv)))

    cli_site.routes[THREAD] = json_reply(reddit_thread("abc123", []))
    assert run("follow", "r/movies/comments/abc123") == 0
    cli_site.routes[THREAD] = Reply(503, b"", headers={"Retry-After": "600"})
    assert run("refresh") == 1
    capsys.readouterr()
    assert run("refresh") == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "[1/1] r/movies/comments/abc123: waiting: the site was unavailable" in captured.out
    assert run("sources") == 0
    line = capsys.readouterr().out
    assert re.search(rf"  fetched .*  failed .*: the site was unavailable \(HTTP 503\); retry after {CLOCK}$", line)
