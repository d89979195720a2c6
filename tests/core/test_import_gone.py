"""Rows deleted from a file read again are kept, and said: "3 reviews no longer in X (kept)".

Only a whole re-read of the same source says so: a folder's other files, a zip member left out,
our own export (which names other files as its reviews' sources), an import stopped at a limit
and a file read in parts that did not all arrive say nothing."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import tabular
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

HEADER = ["Book Id", "Title", "Author", "My Rating", "Date Added", "Exclusive Shelf", "My Review"]


def goodreads(rows: range) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([str(n), f"Book {n}", "Ann", "4", "2020/05/20", "read", f"Review number {n}."] for n in rows)
    return out.getvalue()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "in"
    made.mkdir()
    (made / "goodreads_library_export.csv").write_text(goodreads(range(5)))
    (made / "other.txt").write_text("Another review\n\nIts words.")
    return made


def test_rows_deleted_from_a_file_are_kept_and_said(folder: Path, tmp_path: Path) -> None:
    export = folder / "goodreads_library_export.csv"
    store = Store(tmp_path / "d")
    import_paths(store, [folder])
    first = store.library.column("id")[0]
    store.user.add_note(Anchor(first), "mine")
    export.write_text(goodreads(range(1, 3)))  # rows 0, 3 and 4 deleted
    report = import_paths(store, [export])
    assert report.summary_line().endswith("; 3 reviews no longer in goodreads_library_export.csv (kept)")
    assert len(store.library) == 6 and [n.text for n in store.user.snapshot().notes] == ["mine"]
    again = import_paths(store, [folder])  # the folder read whole: the same three, the text file says nothing
    assert again.summary_line().endswith("; 3 reviews no longer in goodreads_library_export.csv (kept)")
    titles = {review_id: store.library.summary(n).title for n, review_id in enumerate(store.library.column("id"))}
    assert sorted(titles[review_id] for review_id in again.gone.ids) == ["Book 0", "Book 3", "Book 4"]


def test_an_unchanged_file_a_part_of_a_folder_and_a_new_file_say_nothing(folder: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    assert "no longer" not in import_paths(store, [folder]).summary_line()
    assert "no longer" not in import_paths(store, [folder]).summary_line()
    (folder / "other.txt").unlink()  # a file gone from the folder: its review is not claimed gone
    assert "no longer" not in import_paths(store, [folder]).summary_line()
    assert "no longer" not in import_paths(store, [folder / "goodreads_library_export.csv"]).summary_line()


def test_a_zip_member_says_what_it_lost_and_a_member_left_out_says_nothing(folder: Path, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("a/goodreads_library_export.csv", goodreads(range(4)))
        made.writestr("b/goodreads_library_export.csv", goodreads(range(10, 13)))
    store = Store(tmp_path / "d")
    import_paths(store, [archive])
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("a/goodreads_library_export.csv", goodreads(range(3)))  # one row fewer; b/ left out
    line = import_paths(store, [archive]).summary_line()
    assert line.endswith("; 1 review no longer in goodreads_library_export.csv (kept)")


def test_an_import_stopped_at_a_limit_says_nothing(folder: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    import_paths(store, [folder])
    report = import_paths(store, [folder / "goodreads_library_export.csv"], max_reviews=2)
    assert report.stopped is not None and "no longer" not in report.summary_line()


def test_a_table_read_in_parts_counts_every_part(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "CHUNK_REVIEWS", 3)
    table = folder / "big.csv"
    table.write_text("id,review\n" + "".join(f"{n},row {n} words\n" for n in range(10)))
    store = Store(tmp_path / "d")
    import_paths(store, [table])
    table.write_text("id,review\n" + "".join(f"{n},row {n} words\n" for n in range(10) if n != 7))
    report = import_paths(store, [table])
    assert report.summary_line().endswith("; 1 review no longer in big.csv (kept)")


def test_our_own_export_read_back_says_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export names the files its reviews came from: reading it is no re-read of them."""
    store = Store(tmp_path / "d")
    import_paths(store, [folder])
    backup = tmp_path / "backup.json"
    document = orjson.loads(run(capsys, "--data-dir", str(tmp_path / "d"), "export")[1])
    document["reviews"] = document["reviews"][:2]
    backup.write_bytes(orjson.dumps(document))
    assert "no longer" not in import_paths(store, [backup]).summary_line()


def test_remove_gone_takes_out_exactly_those_and_keeps_their_notes(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = folder / "goodreads_library_export.csv"
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "import", str(folder))[0] == 0
    store = Store(tmp_path / "d")
    titles = {store.library.summary(n).title: review_id for n, review_id in enumerate(store.library.column("id"))}
    gone_one = titles["Book 0"]
    store.user.add_note(Anchor(gone_one), "on a row deleted since")
    export.write_text(goodreads(range(1, 5)))
    code, out, _ = run(capsys, "--data-dir", data, "import", str(export))
    assert code == 0 and out.rstrip().endswith("; 1 review no longer in goodreads_library_export.csv (kept)")
    code, out, _ = run(capsys, "--data-dir", data, "remove", "--gone", str(export), "--dry-run")
    assert code == 0 and out.startswith("would remove 1 review (0 comments)") and "1 note kept aside" in out
    assert run(capsys, "--data-dir", data, "remove", "--gone", str(export))[0] == 0
    store = Store(tmp_path / "d")
    assert store.library.position(gone_one) is None and len(store.library) == 5
    assert [(n.text, n.detached) for n in store.user.snapshot().notes] == [("on a row deleted since", True)]
    code, _, err = run(capsys, "--data-dir", data, "remove", "--gone", str(export))
    assert code == 1 and err.count("\n") == 1 and "still in it" in err
    code, _, err = run(capsys, "--data-dir", data, "remove", "--gone", str(folder / "missing.csv"))
    assert code == 1 and err.count("\n") == 1 and "missing.csv: no such file" in err
