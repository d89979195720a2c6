"""A dump over the in-memory limit (SNAP's `finefoods.txt` is 354 MB) is read a block at a time by
the format that reads it line by line, each block decoded on its own evidence; any other file over
the limit is refused as before. Limits are made small here, as the other limit tests make them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_formats_amazon_text import block
from tui_reader.cli import main
from tui_reader.core.importers import InputError, amazon_text, bigfile, registry
from tui_reader.core.importers.amazon_text import AmazonTextImporter
from tui_reader.core.importers.registry import parse_stream


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(bigfile, "BLOCK_BYTES", 700)  # blocks end inside reviews, between lines
    monkeypatch.setattr(bigfile, "HEAD_BYTES", 500)
    monkeypatch.setattr(amazon_text, "CHUNK_REVIEWS", 4)


def dump(count: int) -> bytes:
    """A dump of `count` reviews, one of them in Latin-1 (as SNAP's files are), the rest ASCII."""
    texts = [
        block(f"B{n:09d}", f"A{n}", f"Words of review {n}.<br /><br />Its second paragraph.") for n in range(count)
    ]
    texts[count // 2] = block("B000000XYZ", "A99", "Crème brûlée, très bien.", name="Zoë")
    return "".join(texts).encode("latin-1")


def test_a_dump_over_the_limit_gives_every_review_it_would_give_whole(tmp_path: Path, small_limits: None) -> None:
    path = tmp_path / "finefoods.txt"
    path.write_bytes(dump(15))
    chunks = list(parse_stream(path))
    assert [len(chunk.reviews) for chunk in chunks] == [4, 4, 4, 3]  # made as they are asked for
    read = [review for chunk in chunks for review in chunk.reviews]
    whole = AmazonTextImporter().parse(path.read_bytes().decode("latin-1"), path).reviews
    assert [r.to_doc() for r in read] == [r.to_doc() for r in whole]
    assert read[7].paragraphs == ("Crème brûlée, très bien.",) and read[7].author == "Zoë"


def test_a_dump_over_the_limit_imports_from_the_command_line(
    tmp_path: Path, small_limits: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Grocery.txt"
    path.write_bytes(dump(12))
    assert main(["--data-dir", str(tmp_path / "lib"), "import", str(path)]) == 0
    assert capsys.readouterr().out.startswith("imported 12 new, 0 updated, 0 unchanged reviews")


def test_any_other_file_over_the_limit_is_still_refused(tmp_path: Path, small_limits: None) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + "word " * 1000)
    with pytest.raises(InputError, match="over the 0 MB limit"):
        list(parse_stream(path))
    forced = tmp_path / "forced.txt"
    forced.write_bytes(dump(6))
    with pytest.raises(InputError, match="over the 0 MB limit"):
        list(parse_stream(forced, "text"))  # a format that holds the file whole is still bounded
    assert sum(len(chunk.reviews) for chunk in parse_stream(forced, "amazon-text")) == 6


def test_a_binary_block_in_a_big_dump_is_said_in_one_line(tmp_path: Path, small_limits: None) -> None:
    path = tmp_path / "movies.txt"
    path.write_bytes(dump(6) + b"\x00\x01\x02" * 400 + b"\n")
    with pytest.raises(InputError, match=r"binary file \(contains NUL bytes\), after its first [\d,]+ bytes"):
        list(parse_stream(path))


def test_an_import_over_max_bytes_stops_before_a_big_dump(
    tmp_path: Path, small_limits: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """One file now may pass `--max-bytes` alone: its size is looked at (it was taken to be under
    the in-memory limit, so one file could never pass 2 GB)."""
    path = tmp_path / "Books.txt"
    path.write_bytes(dump(12))
    code = main(["--data-dir", str(tmp_path / "lib"), "import", str(path), "--max-bytes", "2000"])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("imported 0 new") and "stopped before this file" in err
