"""A file where the search index's folder goes: kept aside, the index made again, one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_where_the_index_folder_goes_is_kept_aside_and_the_index_made_again(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`search film` said ".../index/manifest.json: Not a directory", exit 1."""
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    index = tmp_path / "d" / "library" / "index"
    for path in index.iterdir():
        path.unlink()
    index.rmdir()
    index.write_bytes(b"not a folder")
    code, out, err = run(capsys, "--data-dir", data, "search", "film")
    assert code == 0 and len(out.splitlines()) == 2
    (kept,) = index.parent.glob("index.corrupt-*")
    assert kept.read_bytes() == b"not a folder" and index.is_dir()
    assert err.count("\n") == 1 and f"{index} was a file, not a folder; moved to {kept.name}" in err
    code, out, err = run(capsys, "--data-dir", data, "search", "film")
    assert code == 0 and len(out.splitlines()) == 2 and err == ""
