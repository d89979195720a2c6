"""follow, refresh, sources and unfollow on the command line, against a local server."""

from __future__ import annotations

import argparse
from pathlib import Path

import orjson
import pytest

from tests.core.sources_support import (
    STORY_ID,
    THREAD,
    Reply,
    Site,
    hn_comment,
    hn_story,
    json_reply,
    reddit_comment,
    reddit_thread,
    serve_hn_thread,
)
from tests.core.sources_support import cli_site as cli_site  # a fixture: the alias says it is used
from tui_reader import cli
from tui_reader.cli_sources import SOURCE_COMMANDS, register
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store


def run(data: Path, *argv: str) -> int:
    """The commands as `cli.main` runs them once it registers them: a LookupError is one line, exit 1."""
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser(prog="tui-reader")
    register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(list(argv))
    try:
        return SOURCE_COMMANDS[args.command](Store(data), args)
    except LookupError as error:
        print(f"tui-reader: {error.args[0]}")
        return 1


def test_follow_refresh_sources_unfollow(cli_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    serve_hn_thread(cli_site, [hn_story([101], 1), hn_comment(101, STORY_ID, "First")])
    cli_site.routes[THREAD] = json_reply(reddit_thread("abc123", [reddit_comment("c1", "Loved it")]))
    assert run(data, "follow", f"news.ycombinator.com/item?id={STORY_ID}") == 0
    assert run(data, "follow", "r/movies/comments/abc123") == 0
    out = capsys.readouterr().out
    assert f"following hn:{STORY_ID}: 1 review, 1 comment" in out
    assert "following r/movies/comments/abc123: 1 review, 1 comment" in out

    serve_hn_thread(
        cli_site, [hn_story([101, 102], 2), hn_comment(101, STORY_ID, "First"), hn_comment(102, STORY_ID, "New")]
    )
    cli_site.routes[THREAD] = Reply(404, b"{}")
    assert run(data, "refresh") == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"[1/2] hn:{STORY_ID}: 0 new reviews, 1 updated, 1 new comment",
        "1 refreshed: 0 new reviews, 1 updated, 1 new comment; 1 failed",  # as the app's sources view ends
    ]
    assert captured.err.splitlines() == [
        "tui-reader: [2/2] r/movies/comments/abc123: failed: not found (HTTP 404)",
        "tui-reader: 1 of 2 sources failed; what they brought before is unchanged",
    ]

    assert run(data, "sources") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"hn:{STORY_ID}  1 review, 2 comments, 1 new  fetched ")
    [key, _, fetched, tried] = lines[1].split("  ")
    assert key == "r/movies/comments/abc123" and fetched.startswith("fetched ")  # when it last worked
    assert tried.startswith("failed ")  # and when it failed: "refreshed" said the failed try's time alone
    assert lines[1].endswith(": not found (HTTP 404)")
    assert run(data, "sources", "--json", "--mark-seen") == 0
    docs = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(doc["key"], doc["new_comments"], doc["reviews"]) for doc in docs] == [
        (f"hn:{STORY_ID}", 0, 1),
        ("r/movies/comments/abc123", 0, 1),
    ]
    assert "seen" not in docs[0]

    Store(data).user.add_note(Anchor(stable_id("reddit", "abc123"), paragraph=0, quoted="What"), "mine")
    assert run(data, "unfollow", "r/movies/comments/abc123", "--remove") == 0
    assert "removed 1 review (1 comment) from r/movies/comments/abc123; 1 note kept aside" in capsys.readouterr().out
    assert run(data, "unfollow", "hn:1") == 1
    assert "no followed source 'hn:1'" in capsys.readouterr().out
    store = Store(data)
    assert len(store.library) == 1 and store.user.snapshot().notes[0].text == "mine"


def test_a_failed_follow_exits_1_with_one_line(
    cli_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "data", "follow", "hn:5") == 1
    assert capsys.readouterr().err == "tui-reader: hn:5: failed: not found (HTTP 404)\n"
    assert run(tmp_path / "data", "follow", "not a source") == 1
    assert "not a source" in capsys.readouterr().out


def test_refresh_with_nothing_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path / "data", "refresh") == 0
    assert capsys.readouterr().out == "no sources followed (`tui-reader follow URL` adds one)\n"
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "sources.json").write_bytes(b"\x00garbage")
    assert run(tmp_path / "data", "refresh") == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("tui-reader: ") and "moved aside to sources.json.corrupt-" in captured.err


@pytest.mark.skipif("follow" not in cli.COMMANDS, reason="cli.py does not register the source commands yet")
def test_the_real_command_line_runs_them(cli_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serve_hn_thread(cli_site, [hn_story([], 0)])
    assert cli.main(["follow", f"hn:{STORY_ID}", "--data-dir", str(tmp_path / "data")]) == 0
    assert cli.main(["refresh", "--data-dir", str(tmp_path / "data")]) == 0
    assert f"hn:{STORY_ID}: 0 new reviews, 0 updated, 0 new comments" in capsys.readouterr().out


def test_reddits_more_comments_are_said_by_follow_and_refresh(
    cli_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A thread whose `more` stub holds 57 comments printed "1 review, 2 comments" and nothing else."""
    more = {"kind": "more", "data": {"count": 57, "children": ["x1", "x2"], "id": "x1"}}
    comments = [reddit_comment("c1", "Loved it", [reddit_comment("c2", "Same")]), more]
    cli_site.routes[THREAD] = json_reply(reddit_thread("abc123", comments))
    said = "57 more comments not fetched: Reddit lists them only on the site"
    assert run(tmp_path / "data", "follow", "r/movies/comments/abc123") == 0
    assert capsys.readouterr().out == (
        f"following r/movies/comments/abc123: 1 review, 2 comments (`tui-reader refresh` fetches what is new); {said}\n"
    )
    assert run(tmp_path / "data", "refresh") == 0
    assert (
        capsys.readouterr().out == f"[1/1] r/movies/comments/abc123: 0 new reviews, 0 updated, 0 new comments; {said}\n"
    )


def test_follow_help_and_a_refused_name_list_every_kind_of_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`wp:SITE` was left out of both; the app's follow line lists the same (`names.ACCEPTED`)."""
    from tui_reader.core.sources.names import ACCEPTED

    assert "wp:SITE" in ACCEPTED
    assert run(tmp_path / "data", "follow", "not a source") == 1
    assert f"({ACCEPTED})" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run(tmp_path / "data", "follow", "--help")
    assert " ".join(ACCEPTED.split()) in " ".join(capsys.readouterr().out.split())


def test_unfollow_says_what_stays_in_words_that_agree(
    cli_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "its 1 review stay"."""
    cli_site.routes[THREAD] = json_reply(reddit_thread("abc123", [reddit_comment("c1", "Loved it")]))
    assert run(tmp_path / "data", "follow", "r/movies/comments/abc123") == 0
    assert run(tmp_path / "data", "unfollow", "r/movies/comments/abc123") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "unfollowed r/movies/comments/abc123; the review it brought stays (--remove removes it)"
    )
