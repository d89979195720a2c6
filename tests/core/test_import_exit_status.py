"""`import` exits 1 when no input gave a review and one was skipped or refused; a re-import whose
reviews are all unchanged is a success. A Yelp business file alone (`imported 0 new … skipped 1`)
and a folder of only unreadable files exited 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_cli import run

BUSINESS = '{"business_id": "b1", "name": "Tacos Place", "city": "Tucson", "state": "AZ", "stars": 4.5}\n'
REVIEWS = (
    '{"review_id": "r1", "user_id": "u1", "business_id": "b1", "stars": 4.0, "text": "Great tacos.",'
    ' "date": "2020-01-01 10:00:00"}\n'
)


def _import(capsys: pytest.CaptureFixture[str], data: Path, *paths: Path) -> tuple[int, str]:
    code, out, _ = run(capsys, "--data-dir", str(data), "import", *map(str, paths))
    return code, out


def test_a_file_that_is_skipped_whole_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    business = tmp_path / "yelp_academic_dataset_business.json"
    business.write_text(BUSINESS, encoding="utf-8")
    code, out = _import(capsys, tmp_path / "d", business)
    assert code == 1 and out.startswith("imported 0 new, 0 updated, 0 unchanged") and "skipped 1" in out
    assert run(capsys, "--data-dir", str(tmp_path / "d"), "import", "--dry-run", str(business))[0] == 1


def test_a_folder_of_only_bad_files_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "corrupt.json").write_text('{"a": [1, 2', encoding="utf-8")
    (bad / "yelp_academic_dataset_business.json").write_text(BUSINESS, encoding="utf-8")
    assert _import(capsys, tmp_path / "d", bad)[0] == 1


def test_reviews_beside_what_is_skipped_and_an_unchanged_reimport_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "yelp"
    folder.mkdir()
    (folder / "yelp_academic_dataset_business.json").write_text(BUSINESS, encoding="utf-8")
    (folder / "yelp_academic_dataset_review.json").write_text(REVIEWS, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    code, out = _import(capsys, tmp_path / "d", folder)
    assert code == 0 and out.startswith("imported 1 new"), out
    code, out = _import(capsys, tmp_path / "d", folder)
    assert code == 0 and out.startswith("imported 0 new, 0 updated, 1 unchanged"), out


def test_a_backup_with_notes_and_no_review_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "notes.json"
    backup.write_text(
        '{"version": 1, "reviews": [], "notes": [{"id": "n1", "anchor": {"review_id": "r1"}, "text": "kept"}]}',
        encoding="utf-8",
    )
    assert _import(capsys, tmp_path / "d", backup)[0] == 0
