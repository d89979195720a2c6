"""The command line over a damaged data folder: what it says, what it exports, what it exits with."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store
from tui_reader.core.store.library_read import SHARD_SIZE

from .test_store import make_review


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def damaged(tmp_path: Path, reviews: int = 2) -> tuple[Path, Store]:
    """A library of `reviews` with a note on the first, its first shard then overwritten with garbage."""
    data = tmp_path / "d"
    store = Store(data)
    store.library.add([make_review(n) for n in range(reviews)])
    store.user.add_note(Anchor(make_review(0).id), "precious note")
    (data / "library" / "shards" / "000000.json").write_bytes(b"garbage\n")
    return data, store


def test_the_json_export_counts_what_it_wrote_and_says_what_it_could_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "wrote 2 reviews", exit 0, over `"reviews": []`."""
    data, _ = damaged(tmp_path, reviews=SHARD_SIZE + 1)  # the one in the second shard is whole
    out = tmp_path / "r.json"
    code, _, err = run(capsys, "--data-dir", str(data), "export", "-o", str(out))
    document = orjson.loads(out.read_bytes())
    assert code == 1 and [review["title"] for review in document["reviews"]] == [f"Review {SHARD_SIZE}"]
    assert [note["text"] for note in document["notes"]] == ["precious note"]
    lines = err.splitlines()
    assert lines[0] == f"wrote 1 review to {out}"
    assert f"{SHARD_SIZE} reviews ({make_review(0).id[:10]}, " in lines[1] and "000000.json" in lines[1]
    assert "moved to 000000.json.corrupt-" in lines[2] and len(lines) == 3


def test_the_markdown_export_keeps_the_notes_of_a_review_whose_text_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "wrote 0 reviews", exit 0, and the note was not in the file."""
    data, _ = damaged(tmp_path)
    out = tmp_path / "r.md"
    code, _, err = run(capsys, "--data-dir", str(data), "export", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert code == 1 and err.startswith(f"wrote 0 reviews to {out}\n") and "exported without their text" in err
    assert "# Review 0 (text missing: re-import its source)\n" in text and "- text_missing: yes" in text
    assert "precious note" in text
    code, _, _ = run(capsys, "--data-dir", str(data), "export", "--notes-only", "-o", str(tmp_path / "n.md"))
    notes = (tmp_path / "n.md").read_text(encoding="utf-8")
    assert code == 1 and "precious note" in notes and "Review 1" not in notes  # only what the user made
    code, _, err = run(capsys, "--data-dir", str(data), "export", "-o", f"{tmp_path / 'vault'}/")
    assert code == 1 and err.startswith("wrote 0 reviews")
    assert any("precious note" in path.read_text(encoding="utf-8") for path in (tmp_path / "vault").iterdir())


def test_an_export_to_stdout_says_it_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = damaged(tmp_path)
    code, out, err = run(capsys, "--data-dir", str(data), "export")
    assert code == 1 and orjson.loads(out)["reviews"] == [] and "exported without their text" in err


def test_a_whole_library_exports_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    Store(data).library.add([make_review(n) for n in range(3)])
    code, _, err = run(capsys, "--data-dir", str(data), "export", "-o", str(tmp_path / "r.md"))
    assert code == 0 and err == f"wrote 3 reviews to {tmp_path / 'r.md'}\n"


def test_show_says_the_shard_moved_aside_and_a_reimport_restores_the_text(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    (tmp_path / "d" / "library" / "shards" / "000000.json").write_bytes(b"garbage\n")
    review_id = Store(tmp_path / "d").library.column("id")[1]
    code, _, err = run(capsys, "--data-dir", data, "show", review_id)
    assert code == 1 and "moved to 000000.json.corrupt-" in err and "text is missing" in err
    code, out, _ = run(capsys, "--data-dir", data, "import", str(seeds))
    assert code == 0 and "0 new, 2 updated, 0 unchanged" in out  # it said "2 unchanged", and nothing came back
    code, out, _ = run(capsys, "--data-dir", data, "show", review_id)
    assert code == 0 and out.startswith("her\n")


def test_a_missing_catalog_lists_the_library_and_says_it_was_rebuilt(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list` said "the library is empty"."""
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    (tmp_path / "d" / "library" / "catalog.bin").unlink()
    code, out, err = run(capsys, "--data-dir", data, "list")
    assert code == 0 and len(out.splitlines()) == 2
    assert err.count("\n") == 1 and "catalog.bin: missing" in err and "rebuilt from the shards (2 reviews)" in err


def test_a_document_of_the_wrong_shape_is_said_not_a_traceback_and_a_reimport_restores_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid JSON, wrong shape (`"paragraphs": 5`): show, export and search ended in a TypeError."""
    data = tmp_path / "d"
    store = Store(data)
    review = make_review(0)
    store.library.add([review, make_review(1)])
    shard = data / "library" / "shards" / "000000.json"
    table = orjson.loads(shard.read_bytes())
    (key,) = [k for k, doc in table["reviews"].items() if doc["id"] == review.id]
    table["reviews"][key]["paragraphs"] = 5
    shard.write_bytes(orjson.dumps(table))
    code, _, err = run(capsys, "--data-dir", str(data), "show", review.id)
    assert code == 1 and "Traceback" not in err and "is not one this version reads" in err
    code, _, err = run(capsys, "--data-dir", str(data), "export", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "Traceback" not in err
    assert Store(data).library.get(make_review(1).id) is not None  # the shard's other review reads
    assert Store(data).library.add([review]).updated == 1  # imported again: written whole
    assert Store(data).library.get(review.id) == review
