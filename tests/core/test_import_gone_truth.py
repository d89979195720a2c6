""" "N reviews no longer in FILE (kept)" is acted on by `remove --gone FILE`: it is said only when
true. Not for a review the importer now skips (an older version stored it), not for a file's
rows read under another name of it (a link), never with a file name's control sequences; and it
follows an export saved again under another name (`All (1).csv`)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from tui_reader.cli import main
from tui_reader.core.importers import steam
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store
from tui_reader.core.store.read_files import FILE_NAME


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hotels(rows: list[int]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["hotelName", "title", "content"])
    writer.writerows(["Hotel A", f"Stay {n}", f"Review number {n}, with its words."] for n in rows)
    return out.getvalue()


STEAM = [
    {"recommendationid": "1", "review": "Great game, loved it", "voted_up": True, "timestamp_created": 1600000000},
    {"recommendationid": "2", "review": "(Review text hidden)", "voted_up": False, "timestamp_created": 1600000001},
]


@pytest.fixture
def older_steam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, Path]:
    """A library an older version filled: it stored the hidden review this one skips."""
    dump = tmp_path / "review_646570.json"
    dump.write_text(json.dumps(STEAM))
    store = Store(tmp_path / "d")
    with monkeypatch.context() as older:
        older.setattr(steam, "HIDDEN", "(not a text any review has)")
        assert import_paths(store, [dump]).new == 2
    return store, dump


def test_a_review_the_importer_now_skips_is_not_said_gone_after_an_upgrade(older_steam: tuple[Store, Path]) -> None:
    store, dump = older_steam
    (store.data_dir / FILE_NAME).unlink()  # the older version kept no record of what the file held
    for _ in range(2):
        line = import_paths(store, [dump]).summary_line()
        assert "skipped 1" in line and "no longer" not in line


def test_a_review_the_importer_now_skips_in_unchanged_bytes_is_not_said_gone(older_steam: tuple[Store, Path]) -> None:
    store, dump = older_steam
    assert "no longer" not in import_paths(store, [dump]).summary_line()


def test_a_changed_file_that_skips_more_than_before_says_nothing_new(older_steam: tuple[Store, Path]) -> None:
    store, dump = older_steam
    os.utime(dump, ns=(1, 1))  # other bytes, as far as a stat tells: the skip may be the missing review
    assert "no longer" not in import_paths(store, [dump]).summary_line()
    assert len(store.library) == 2  # kept all the same


def test_a_table_reached_by_a_link_is_its_own_name_and_says_only_what_it_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "dir" / "a.csv"
    table.parent.mkdir()
    table.write_text("id,text,rating\n1,alpha review text,4\n2,beta review text,3\n")
    link = tmp_path / "link.csv"
    link.symlink_to(table)
    data = str(tmp_path / "d")
    spelled_otherwise = os.path.join(str(tmp_path), "dir", ".", "a.csv")
    for path in (table, link, table, link, Path(spelled_otherwise)):
        code, out, _ = run(capsys, "--data-dir", data, "import", str(path))
        assert code == 0 and "no longer" not in out
    table.write_text("id,text,rating\n1,alpha review text,4\n")
    _, out, _ = run(capsys, "--data-dir", data, "import", str(table))
    assert out.rstrip().endswith("; 1 review no longer in a.csv (kept)")
    _, out, _ = run(capsys, "--data-dir", data, "remove", "--gone", str(table), "--dry-run")
    assert out.startswith("would remove 1 review (0 comments)") and "beta review text" in out


def test_no_file_name_reaches_the_terminal_as_control_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "x\x1b]0;pwn\a[b]\x1b[31m.csv"
    table.write_text(hotels([1, 2, 3]))
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(table))
    table.write_text(hotels([1, 2]))
    code, out, err = run(capsys, "--data-dir", data, "import", str(table))
    assert code == 0 and "1 review no longer in x" in out
    code, listed, _ = run(capsys, "--data-dir", data, "remove", "--gone", str(table), "--dry-run")
    assert code == 0 and "Stay 3" in listed
    for said in (out, err, listed):
        assert "\x1b" not in said and "\a" not in said


def test_the_same_export_saved_under_another_name_is_unchanged_and_says_what_it_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "All.csv", tmp_path / "All (1).csv"
    first.write_text(hotels(list(range(6))))
    second.write_text(hotels([0, 1, 2, 5]))  # a newer download: rows 3 and 4 deleted
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(first))
    _, out, _ = run(capsys, "--data-dir", data, "import", "--dry-run", str(second))
    assert "would import 0 new, 0 updated, 4 unchanged" in out
    _, out, _ = run(capsys, "--data-dir", data, "import", str(second))
    assert "imported 0 new, 0 updated, 4 unchanged" in out
    assert out.rstrip().endswith("; 2 reviews no longer in All (1).csv (kept)")
    _, out, _ = run(capsys, "--data-dir", data, "remove", "--gone", str(second), "--dry-run")
    assert out.startswith("would remove 2 reviews") and "Stay 3" in out and "Stay 4" in out
    run(capsys, "--data-dir", data, "import", str(first))  # the older file, which still holds them
    code, _, err = run(capsys, "--data-dir", data, "remove", "--gone", str(second))
    assert code == 1 and "now read from another file" in err


def test_remove_gone_for_a_file_never_imported_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "onecol.csv"
    table.write_text(hotels([1]))
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "remove", "--gone", str(table))
    assert code == 1 and err.count("\n") == 1 and "nothing in the library was imported from" in err


def test_a_folder_names_the_files_and_the_dry_run_lists_what_it_would_remove(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.csv").write_text(hotels([1, 2, 3]))
    (folder / "b.csv").write_text(hotels([7, 8]))
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(folder))
    (folder / "a.csv").write_text(hotels([1]))
    (folder / "b.csv").write_text(hotels([8]))
    _, out, _ = run(capsys, "--data-dir", data, "import", "--dry-run", str(folder))
    assert out.rstrip().endswith("; 3 reviews no longer in a.csv, b.csv (kept)")
    _, out, _ = run(capsys, "--data-dir", data, "remove", "--gone", str(folder), "--dry-run")
    lines = out.splitlines()
    assert lines[0].startswith("would remove 3 reviews")
    listed = sorted(line.split("  ", 2)[2] for line in lines[1:])
    assert listed == ["Stay 2  — a.csv", "Stay 3  — a.csv", "Stay 7  — b.csv"]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"version": 1, "files": {"x": {"held": 3}}}', b"[]"])
def test_a_damaged_record_says_nothing_and_is_written_again(tmp_path: Path, damage: bytes) -> None:
    table = tmp_path / "a.csv"
    table.write_text(hotels([1, 2, 3]))
    store = Store(tmp_path / "d")
    import_paths(store, [table])
    (store.data_dir / FILE_NAME).write_bytes(damage)
    table.write_text(hotels([1, 2]))
    assert "no longer" not in import_paths(store, [table]).summary_line()
    table.write_text(hotels([1]))
    assert import_paths(store, [table]).summary_line().endswith("; 1 review no longer in a.csv (kept)")


def test_a_part_cut_out_of_an_export_takes_nothing_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`part1.csv`, the first half of the rows of `gr.csv`, said the other half "no longer in
    part1.csv", and `remove --gone part1.csv` removed 50 reviews still in `gr.csv`."""
    whole, part = tmp_path / "gr.csv", tmp_path / "part1.csv"
    whole.write_text(hotels(list(range(10))))
    part.write_text(hotels(list(range(5))))
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(whole))
    _, out, _ = run(capsys, "--data-dir", data, "import", str(part))
    assert "no longer" not in out
    code, _, err = run(capsys, "--data-dir", data, "remove", "--gone", str(part))
    assert code == 1 and "would remove" not in err
    _, out, _ = run(capsys, "--data-dir", data, "list")
    assert len(out.splitlines()) == 10


def test_records_that_cannot_be_written_leave_the_import_standing(tmp_path: Path) -> None:
    """`read_files.json` as a folder failed an import whose reviews were all stored (exit 1, no summary)."""
    table = tmp_path / "a.csv"
    table.write_text(hotels([1, 2, 3]))
    store = Store(tmp_path / "d")
    (store.data_dir / FILE_NAME).mkdir(parents=True)
    line = import_paths(store, [table]).summary_line()
    assert line.startswith("imported 3 new") and "cannot write" in line and "once it can be recorded" in line
    assert len(store.library) == 3
