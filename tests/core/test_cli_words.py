"""What the command line says: a mistyped command is named (it opened the reader to import it),
counts are said in the singular for one and with thousands separators throughout a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_cli import run
from tui_reader.core.importers import Skipped
from tui_reader.core.pipeline.importing import ImportReport


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """The paths the reader was opened on, one list per opening (the reader itself never runs)."""
    import tui_reader.ui.app as app

    calls: list[list[Path]] = []
    monkeypatch.setattr(app, "run_app", lambda store, paths, fmt, refresh=False: calls.append(list(paths)) or 0)
    return calls


@pytest.mark.parametrize(
    ("word", "hint"),
    [("lsit", "(did you mean list?)"), ("exprot", "(did you mean export?)"), ("xyzzy", "(commands: open, import, ")],
)
def test_a_mistyped_command_is_named_and_the_reader_stays_closed(
    word: str,
    hint: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[list[Path]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), word)
    assert (code, out, opened) == (2, "", [])
    assert err.startswith(f"tui-reader: no such command or file: '{word}' {hint}") and err.count("\n") == 1
    assert not (tmp_path / "d").exists()  # nothing was made or imported


def test_an_existing_file_of_that_name_still_opens_the_reader_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[list[Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("lsit").write_text("A title\n\nA review.", encoding="utf-8")
    Path("folder").mkdir()
    assert run(capsys, "--data-dir", str(tmp_path / "d"), "lsit", "folder")[0] == 0
    assert opened == [[Path("lsit"), Path("folder")]]


def test_one_is_said_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "two.csv"
    table.write_text("title,review\na,first review\nb,second review\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(table), "--max-reviews", "1")
    assert code == 0 and "; stopped after 1 review (the limit for one import)" in out
    assert (
        err
        == f"tui-reader: {table}: stopped after 1 review (the limit for one import); use --max-reviews N to raise it\n"
    )


def test_the_import_summary_says_every_number_alike() -> None:
    """It said `imported 10930 new, … from 10,001 files`."""
    skipped = [Skipped(f"f{n}", "not a review file: empty file", 1000) for n in range(3)]
    skipped += [Skipped(f"g{n}", f"reason {n}", 1500) for n in range(4)]
    report = ImportReport(files=10_001, new=10_930, updated=1_200, unchanged=4_000, comments=25_000, skipped=skipped)
    line = report.summary_line()
    assert line.startswith(
        "imported 10,930 new, 1,200 updated, 4,000 unchanged reviews with 25,000 comments from 10,001 files;"
        " skipped 9,000 ("
    )
    assert "empty file: 3,000, reason 0: 1,500, reason 1: 1,500, 3,000 for 2 other reasons)" in line


def test_items_left_out_of_an_imported_file_are_not_said_as_a_skipped_file() -> None:
    """`skipped blog.xml: pingback comments skipped (1)` read as if the whole file was skipped."""
    from tui_reader.cli_import import _skip_lines

    lines = list(
        _skip_lines(
            [
                Skipped("blog.xml", "pingback comments skipped", 1),
                Skipped("site.xml", "deleted posts", 2),
                Skipped("profile.csv", "Letterboxd profile: personal data, not reviews"),
                *(Skipped(f"/d/part{n}.json", "lines that are not JSON", 3) for n in range(5)),
            ]
        )
    )
    assert lines == [
        "  left out of blog.xml: pingback comments (1)",
        "  left out of site.xml: deleted posts (2)",
        "  skipped profile.csv: Letterboxd profile: personal data, not reviews",
        "  left out of 5 files in /d: lines that are not JSON (15)",
    ]
