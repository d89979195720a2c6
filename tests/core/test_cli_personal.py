"""bookmark, note add, notes: the personal layer from scripts, seen by export."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "d")
    run(capsys, "--data-dir", folder, "import", str(seeds))
    return folder


def her_id(data: str, capsys: pytest.CaptureFixture[str]) -> str:
    rows = [orjson.loads(line) for line in run(capsys, "--data-dir", data, "list", "--json")[1].splitlines()]
    return str(next(row["id"] for row in rows if row["title"] == "her"))


def test_bookmark_toggles_and_export_carries_it(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    assert run(capsys, "--data-dir", data, "bookmark", review_id[:5])[1] == f"bookmarked {review_id}\n"
    exported = orjson.loads(run(capsys, "--data-dir", data, "export")[1])
    assert [b["review_id"] for b in exported["bookmarks"]] == [review_id]
    assert run(capsys, "--data-dir", data, "bookmark", review_id)[1].startswith("unbookmarked")
    assert orjson.loads(run(capsys, "--data-dir", data, "export")[1])["bookmarks"] == []


def test_note_add_lists_and_exports_as_markdown(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    review_id = her_id(data, capsys)
    code, out, _ = run(capsys, "--data-dir", data, "note", "add", review_id[:6], "Loved the [bold]score[/]")
    assert code == 0 and out.startswith("added note ")
    code, out, _ = run(capsys, "--data-dir", data, "notes")
    assert code == 0 and "her" in out and "Loved the [bold]score[/]" in out
    notes = [orjson.loads(line) for line in run(capsys, "--data-dir", data, "notes", "--json")[1].splitlines()]
    assert [(n["anchor"]["review_id"], n["text"]) for n in notes] == [(review_id, "Loved the [bold]score[/]")]
    _, markdown, _ = run(capsys, "--data-dir", data, "export", "--format", "markdown", "--notes-only")
    assert markdown.count("\n# ") == 1 and "# her" in markdown
    assert "**Note:** Loved the [bold]score[/]" in markdown


def test_note_on_unknown_review_is_one_line(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", data, "note", "add", "ffff0000", "text")
    assert code == 1 and err == "tui-reader: no review with id 'ffff0000'\n"
