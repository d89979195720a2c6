"""The JSON backup carries the followed sources: importing it into a new folder follows them again,
fetching nothing (`sources` said `no sources followed` after a whole backup was restored)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.core.test_cli import run
from tui_reader.core.sources.record import Source, SourceBook

FOLLOWED = Source(
    kind="wordpress",
    key="wp:http://127.0.0.1:9",  # the discard port: a fetch during the import would fail loudly
    url="http://127.0.0.1:9/wp-json/wp/v2/comments?per_page=100&orderby=date&order=desc",
    site="http://127.0.0.1:9",
    added="2026-12-07T20:26:54Z",
    last_refresh="2026-12-07T20:27:25Z",
    last_ok="2026-12-07T20:27:25Z",
    etag='"abc"',
    reviews=["048323cc6b544fc5"],
    comments=3,
    new_comments=2,
    seen={"048323cc6b544fc5": ["8171cd53"]},
)


def test_a_backup_follows_its_sources_again_without_fetching(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    SourceBook(first).save([FOLLOWED])
    backup = tmp_path / "all.json"
    assert run(capsys, "--data-dir", str(first), "export", "-o", str(backup))[0] == 0
    assert orjson.loads(backup.read_bytes())["sources"] == [
        {
            "kind": "wordpress",
            "key": FOLLOWED.key,
            "url": FOLLOWED.url,
            "site": FOLLOWED.site,
            "added": FOLLOWED.added,
            "reviews": FOLLOWED.reviews,
            "comments": 3,
            "seen": FOLLOWED.seen,
        }
    ]
    assert run(capsys, "--data-dir", str(second), "import", str(backup))[0] == 0
    (restored,) = SourceBook(second).load()
    assert (restored.kind, restored.key, restored.url, restored.site, restored.added) == (
        "wordpress",
        FOLLOWED.key,
        FOLLOWED.url,
        FOLLOWED.site,
        FOLLOWED.added,
    )
    assert (restored.reviews, restored.seen, restored.last_refresh, restored.etag) == (
        FOLLOWED.reviews,
        FOLLOWED.seen,
        None,
        None,
    )
    code, out, _ = run(capsys, "--data-dir", str(second), "sources")
    assert code == 0 and out.startswith(FOLLOWED.key) and "never fetched" in out
    again = tmp_path / "again.json"
    assert run(capsys, "--data-dir", str(second), "export", "-o", str(again))[0] == 0
    assert again.read_bytes() == backup.read_bytes()


def test_a_source_already_followed_is_kept_as_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    SourceBook(first).save([FOLLOWED])
    mine = Source(
        kind="wordpress", key=FOLLOWED.key, url=FOLLOWED.url, site=FOLLOWED.site, added="2027-01-01T00:00:00Z"
    )
    other = Source(kind="feed", key="http://127.0.0.1:9/feed.xml", url="http://127.0.0.1:9/feed.xml")
    SourceBook(second).save([other, mine])
    backup = tmp_path / "all.json"
    assert run(capsys, "--data-dir", str(first), "export", "-o", str(backup))[0] == 0
    assert run(capsys, "--data-dir", str(second), "import", str(backup))[0] == 0
    assert SourceBook(second).load() == [other, mine]


def test_a_backup_with_sources_not_a_list_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "all.json"
    backup.write_text('{"version": 1, "reviews": [], "sources": {"kind": "feed"}}', encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(backup))
    assert code == 1 and "sources is not a list" in err


def test_a_damaged_sources_file_is_left_as_it_is_by_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d"
    data.mkdir()
    (data / "sources.json").write_text('{"version": 1, "sources": [', encoding="utf-8")
    backup = tmp_path / "all.json"
    assert run(capsys, "--data-dir", str(data), "export", "-o", str(backup))[0] == 0
    assert orjson.loads(backup.read_bytes())["sources"] == []
    assert (data / "sources.json").read_text(encoding="utf-8") == '{"version": 1, "sources": ['
