"""Every import tells the truth (#16): the summary says what became what, a dry run says
"would import" and which columns it would read, and a JSON document without reviews is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_dry_run_says_would_and_counts_as_the_import_would(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", data, "import", "--dry-run", str(seeds))
    assert code == 0 and "would import 2 new, 0 updated, 0 unchanged reviews with 3 comments from 2 files" in out
    run(capsys, "--data-dir", data, "import", str(seeds))
    edited = tmp_path / "copy" / seeds.name  # ids come from the folder and file names: the same reviews
    edited.mkdir(parents=True)
    for path in sorted(seeds.iterdir()):
        extra = "\n\nOne more line." if path.name.startswith("000_") else ""
        (edited / path.name).write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    _, out, _ = run(capsys, "--data-dir", data, "import", "--dry-run", str(edited))
    # one edited; one moved, whose words did not change: unchanged (its source follows it all the same)
    assert "would import 0 new, 1 updated, 1 unchanged reviews" in out
    _, again, _ = run(capsys, "--data-dir", data, "import", str(edited))
    assert "imported 0 new, 1 updated, 1 unchanged reviews" in again  # what the dry run said
    _, out, _ = run(capsys, "--data-dir", data, "import", "--dry-run", str(edited))
    assert "would import 0 new, 0 updated, 2 unchanged reviews" in out


def test_a_dry_run_shows_the_columns_a_table_would_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "hotels.csv"
    table.write_text("hotelName,Stars,ratingDate,content\nHotel A,4,2020-01-02,Lovely stay.\n")
    _, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", "--dry-run", str(table))
    assert "columns: " in out and "subject=hotelName" in out and "text=content" in out
    _, out, _ = run(
        capsys,
        "--data-dir",
        str(tmp_path / "d"),
        "import",
        "--dry-run",
        "--map",
        "rating=Stars,rating_max=10",
        str(table),
    )
    assert "rating=Stars" in out and "would import 1 new" in out


def test_singular_counts_read_as_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.txt"
    one.write_text("A title\n\nA body.\n\n  1. someone: a comment\n")
    _, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(one))
    assert "with 1 comment from 1 file" in out


@pytest.mark.parametrize(
    "document",
    [
        {"name": "x", "version": "1.0.0", "dependencies": {"a": "^1"}},  # a package.json
        [1, 2, 3],
        {},
    ],
)
def test_json_without_reviews_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: object
) -> None:
    path = tmp_path / "package.json"
    path.write_text(json.dumps(document))
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(path))
    assert code == 1 and "JSON without review or comment text" in err and str(path) in err
    _, listed, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "list", "--json")
    assert str(path) not in listed  # nothing of it stored


def test_many_files_skipped_for_one_reason_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "export"
    (folder / "config").mkdir(parents=True)
    for n in range(6):
        (folder / "config" / f"c{n}.json").write_text(json.dumps({"setting": n}))
    (folder / "review.txt").write_text("A title\n\nA body.")
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    assert code == 0 and "imported 1 new" in out
    lines = err.splitlines()
    assert len(lines) == 1 and "skipped 6 in" in lines[0] and str(folder / "config") in lines[0]
    assert "JSON without review or comment text" in lines[0]


def test_the_summary_names_three_reasons_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.json").write_text("{}")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.yml").write_text("setting: 1\n")
    (folder / "d.bin").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "review.txt").write_text("A title\n\nA body.")
    _, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    summary = out.splitlines()[0]
    assert "skipped 4 (" in summary and "1 for 1 other reason" in summary


def test_the_summary_says_when_bytes_could_not_be_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "hotels"
    folder.mkdir()
    review = "房间很干净，服务很好。早餐种类丰富，位置方便，交通便利。下次还会再来。"
    for n in range(3):
        (folder / f"{n}.txt").write_bytes(review.encode("gbk") + b"\r\r\n" + "前台".encode("gbk")[:1])  # cut
    (folder / "clean.txt").write_text("A title\n\nA body.")
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    assert code == 0 and "imported 4 new" in out
    assert "undecodable bytes replaced in 3 files" in out.splitlines()[0]
    assert "clean.txt" not in err


def test_many_missing_paths_relative_and_absolute_are_said_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", "a", "b", "c", str(tmp_path / "x" / "nope"))
    assert code == 1 and "Traceback" not in err and "no such file or folder" in err


def test_an_empty_folder_is_said_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It said "from 0 files" and exited 0, as if something had been looked at and found wanting."""
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / ".hidden" / "x.txt").write_text("a review nobody asked for", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(empty))
    assert code == 1 and "0 new" in out
    assert err.strip() == f"skipped {empty}: no files in this folder (hidden ones are left out)"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x1f\x8b\x08\x00", "a gzip-compressed file"),
        (b"BZh91AY", "a bzip2-compressed file"),
        (b"\xfd7zXZ\x00\x00", "an xz-compressed file"),
        (b"7z\xbc\xaf\x27\x1c\x00", "a 7-Zip archive"),
        (b"review.txt".ljust(257, b"\x00") + b"ustar\x0000", "a tar archive"),
    ],
)
def test_an_archive_we_do_not_open_is_named_not_called_binary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], head: bytes, kind: str
) -> None:
    archive = tmp_path / "export.bin"
    archive.write_bytes(head + bytes(range(256)) * 4)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(archive))
    assert code == 1 and err.strip().startswith(f"skipped {archive}: {kind}") and "unpack it" in err


def test_a_path_that_is_no_file_is_not_counted_as_a_file_read(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import /nonexistent.csv` said "from 1 file; skipped 1 (no such file or folder: 1)": nothing was read."""
    data = str(tmp_path / "d")
    (tmp_path / "empty").mkdir()
    missing, empty = str(tmp_path / "nonexistent.csv"), str(tmp_path / "empty")
    code, out, err = run(capsys, "--data-dir", data, "import", missing, empty)
    assert code == 1 and out.startswith("imported 0 new, 0 updated, 0 unchanged reviews with 0 comments from 0 files;")
    assert "skipped 2 (no such file or folder: 1, no files in this folder: 1)" in out and "no such file" in err
    code, out, _ = run(capsys, "--data-dir", data, "import", missing, str(seeds))
    assert code == 0 and "reviews with 3 comments from 2 files; skipped 1 (no such file or folder: 1)" in out


@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("SOURCES.md", True),
        ("CONTRIBUTING.md", True),
        ("code_of_conduct.txt", True),
        ("AUTHORS", True),
        ("README.rst", True),
        ("LICENSE", True),
        ("sources.csv", False),  # a table may be called so: its rows are read
        ("Sources of the Nile.md", False),
        ("my-sources-review.txt", False),
    ],
)
def test_a_folders_own_notes_are_skipped_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, skipped: bool
) -> None:
    """Importing the corpora folder turned its SOURCES.md into a review; README, LICENSE and
    CHANGELOG were already skipped. Named on the command line, such a file is read as any."""
    folder = tmp_path / "corpora"
    folder.mkdir()
    (folder / "review.txt").write_text("A fine hotel.\n\nThe rooms were clean and quiet.", encoding="utf-8")
    (folder / name).write_text("review,rating\nA table of one long enough review,5\n", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    said = "skipped 1 (the folder's own README, LICENSE or other notes, not a review: 1)"
    assert code == 0 and out.startswith(f"imported {1 if skipped else 2} new") and (said in out) == skipped
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d2"), "import", str(folder / name))
    assert code == 0 and out.startswith("imported 1 new")
