"""Hostile text imports, lists, shows, exports and is noted without crash or leak (core + CLI)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.hostile import FORBIDDEN_IN_OUTPUT, HOSTILE, write_hostile_corpus
from tui_reader.cli import main
from tui_reader.core.content.text import visible


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(output: str) -> None:
    for needle in FORBIDDEN_IN_OUTPUT:
        assert needle not in output, f"{needle!r} leaked"
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in output)


@pytest.mark.parametrize("text", HOSTILE)
def test_visible_neutralises_every_hostile_string(text: str) -> None:
    shown = visible(text)
    assert_clean(shown)
    assert all(not 0x80 <= ord(ch) < 0xA0 for ch in shown)


def test_hostile_corpus_through_every_cli_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    files = write_hostile_corpus(tmp_path / "corpus")
    code, out, _ = run(capsys, "--data-dir", data, "import", str(tmp_path / "corpus"))
    assert code == 0 and f"{len(files)} new" in out
    code, listing, _ = run(capsys, "--data-dir", data, "list")
    assert code == 0 and len(listing.splitlines()) == len(files)
    assert_clean(listing)
    ids = [orjson.loads(line)["id"] for line in run(capsys, "--data-dir", data, "list", "--json")[1].splitlines()]
    for review_id in ids:
        code, shown, _ = run(capsys, "--data-dir", data, "show", review_id)
        assert code == 0
        assert_clean(shown)
        run(capsys, "--data-dir", data, "note", "add", review_id, HOSTILE[ids.index(review_id) % len(HOSTILE)])
    code, notes, _ = run(capsys, "--data-dir", data, "notes")
    assert code == 0 and len(notes.splitlines()) == len(ids)
    assert_clean(notes)
    code, exported, _ = run(capsys, "--data-dir", data, "export")
    document = orjson.loads(exported)
    assert len(document["reviews"]) == len(files) and len(document["notes"]) == len(ids)
    code, markdown, _ = run(capsys, "--data-dir", data, "export", "--format", "markdown")
    assert code == 0 and markdown.count("\n---\n") == 1 and markdown.count("\n# ") >= len(files)


def test_markup_survives_as_literal_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "m.txt"
    source.write_text("[@click=app.quit]x[/] title\n\n[link=file:///etc/passwd]x[/link] body", encoding="utf-8")
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(source))
    document = orjson.loads(run(capsys, "--data-dir", data, "export")[1])
    assert document["reviews"][0]["title"] == "[@click=app.quit]x[/] title"
    assert document["reviews"][0]["body"] == "[link=file:///etc/passwd]x[/link] body"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core.importers import InputError, parse_file, registry

    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 1000, encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(InputError, match="MB limit") as caught:
        parse_file(big)
    assert str(big) in str(caught.value)
