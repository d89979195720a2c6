"""Attacks on importing (issue #14): a small file of millions of rows, symlink loops, character
references XML forbids, and the summary line after a repair."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli import main
from tui_reader.core.importers import InputError, Skipped, parse_file, registry, tabular
from tui_reader.core.pipeline import importing, parse_pool
from tui_reader.core.pipeline.importing import ImportReport, import_paths
from tui_reader.core.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows_bomb(folder: Path, rows: int = 50_000) -> Path:
    """rows_bomb.sh, smaller: a header and `rows` tiny rows of text."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rows.csv"
    path.write_text("t,review\n" + "a,b\n" * rows)
    return path


# Item 7: small files, huge cost.


def test_a_table_of_many_tiny_rows_stops_at_the_review_limit_and_says_how_to_raise_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = rows_bomb(tmp_path / "in")
    data = str(tmp_path / "d")
    code, out, err = run(capsys, "--data-dir", data, "import", str(path), "--max-reviews", "12000")
    assert code == 0
    assert out.startswith("imported 12,000 new, 0 updated, 0 unchanged reviews with 0 comments from 1 file;")
    assert "stopped after 12,000 reviews (the limit for one import)" in out
    assert f"{path}: stopped after 12,000 reviews (the limit for one import); use --max-reviews N to raise it" in err
    assert len(err.strip().splitlines()) == 1
    assert len(Store(Path(data)).library) == 12000
    code, out, _ = run(capsys, "--data-dir", data, "search", "b")  # the index holds exactly what was stored
    assert code == 0 and len(out.splitlines()) == 12000


def test_the_limit_is_far_above_real_imports() -> None:
    assert importing.MAX_REVIEWS >= 200_000  # IMDB's 25k files, the 100k-review benchmark


def test_a_table_is_parsed_lazily_a_chunk_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming: asking for the first chunk makes only that chunk's reviews, not the table's."""
    path = rows_bomb(tmp_path / "in")
    made = 0
    review = tabular.row_review

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal made
        made += 1
        return review(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tabular, "row_review", counting)
    chunks = registry.parse_stream(path)
    first = next(chunks)
    assert len(first.reviews) == tabular.CHUNK_REVIEWS and made == tabular.CHUNK_REVIEWS
    chunks.close()
    assert made == tabular.CHUNK_REVIEWS


def test_an_import_stops_parsing_at_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = rows_bomb(tmp_path / "in")
    made = 0
    review = tabular.row_review

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal made
        made += 1
        return review(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tabular, "row_review", counting)
    report = import_paths(Store(tmp_path / "d"), [path], max_reviews=7000)
    assert report.new == 7000 and report.stopped is not None and report.stopped.where == str(path)
    # the in-process look gives up on the file after two chunks, the stream stops in the limit's chunk
    assert made <= 4 * tabular.CHUNK_REVIEWS


def test_a_worker_leaves_a_big_table_to_be_streamed(tmp_path: Path) -> None:
    big = rows_bomb(tmp_path / "in", tabular.CHUNK_REVIEWS + 1)
    small = tmp_path / "in" / "small.txt"
    small.write_text("A small one\n\nWith its body.")
    batch = parse_pool._parse_batch([small, big], None, None, None, True)
    assert [(f.path, f.stream, f.parsed is None) for f in batch.files] == [(small, False, False), (big, True, True)]
    assert batch.postings is None  # made when the batch is split around the streamed file


def test_streamed_tables_among_other_files_import_in_order_with_their_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the worker processes, in several batches: every row, in file order, each findable."""
    monkeypatch.setattr(parse_pool, "MIN_BYTES", 0)
    monkeypatch.setattr(parse_pool, "BATCH_BYTES", 100)
    folder = tmp_path / "in"
    folder.mkdir()
    sizes = {"1b.csv": 3, "2b.csv": tabular.CHUNK_REVIEWS + 7, "3b.csv": 0}
    for n, name in enumerate(sizes, start=1):
        (folder / f"{n}a.txt").write_text(f"Plain {n}\n\nA review called plainword{n}.")
        rows = "".join(f"{row},row{row} tableword{n}x{row}\n" for row in range(sizes[name]))
        (folder / name).write_text("id,review\n" + rows + "x,\n")  # and a row without text
    store = Store(tmp_path / "d")
    report = import_paths(store, [folder])
    expected = 3 + sum(sizes.values())
    assert (report.new, report.files, report.failed_files) == (expected, 6, 1)  # 3b.csv: no rows with text
    titles = [store.library.summary(i).title for i in range(len(store.library))]
    assert titles[:5] == ["Plain 1", "row0 tableword1x0", "row1 tableword1x1", "row2 tableword1x2", "Plain 2"]
    assert titles[5 : 5 + sizes["2b.csv"]] == [f"row{row} tableword2x{row}" for row in range(sizes["2b.csv"])]
    assert titles[-1] == "Plain 3"
    skipped = sorted((Path(s.where).name, s.reason, s.count) for s in report.skipped)
    assert skipped[:2] == [("1b.csv", "rows without text", 1), ("2b.csv", "rows without text", 1)]
    data = str(tmp_path / "d")
    for word in ("tableword2x0", f"tableword2x{sizes['2b.csv'] - 1}", "plainword3", "tableword1x2"):
        code, out, _ = run(capsys, "--data-dir", data, "search", word)
        assert code == 0 and len(out.splitlines()) == 1, word


def test_a_dry_run_of_a_streamed_table_lists_it_once(tmp_path: Path) -> None:
    path = rows_bomb(tmp_path / "in", 2 * tabular.CHUNK_REVIEWS + 3)
    report = import_paths(Store(tmp_path / "d"), [path], dry_run=True)
    assert report.stopped is None and report.files == 1 and report.new == 2 * tabular.CHUNK_REVIEWS + 3
    assert [len(parsed.reviews) for parsed in report.per_file] == [2 * tabular.CHUNK_REVIEWS + 3]


def test_rows_without_text_are_not_reviews_and_do_not_count_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("t,review\n" + "a,\n" * 5000 + "a,real text\n" * 3)
    report = import_paths(Store(tmp_path / "d"), [path], max_reviews=3)
    assert report.new == 3 and report.stopped is None
    assert [(s.reason, s.count) for s in report.skipped] == [("rows without text", 5000)]


def test_an_import_stops_before_the_file_that_passes_the_byte_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 1000)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(f"Title {n}\n\n" + "word " * 40)  # 210 bytes each
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder), "--max-bytes", "500")
    assert code == 0 and out.startswith("imported 2 new") and "from 2 files;" in out
    assert f"{folder / '2.txt'}: stopped before this file" in err and "use --max-bytes SIZE to raise it" in err


# Item 8: one symlink loop aborted a whole folder import.


def linked_folder(tmp_path: Path) -> Path:
    """symlink_loop_folder, plus links inside and out."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A good review\n\nIt is fine.")
    (folder / "loop1").symlink_to("loop2")
    (folder / "loop2").symlink_to("loop1")
    (folder / "inside.txt").symlink_to("good.txt")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "far.txt").write_text("Far away\n\nFrom the folder.")
    (outside / "back").symlink_to(outside)  # a loop through a folder
    (folder / "out.txt").symlink_to(outside / "far.txt")
    (folder / "outdir").symlink_to(outside)
    return folder


def test_a_symlink_loop_is_skipped_with_a_reason_and_the_rest_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = linked_folder(tmp_path)
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(folder))
    assert code == 0 and out.startswith("imported 2 new")  # good.txt, and inside.txt linking to it
    assert "symbolic link loop: 2" in out
    assert f"skipped {folder / 'loop1'}: symbolic link loop" in err
    assert f"skipped {folder / 'out.txt'}: link to a file outside the imported folder" in err
    assert f"skipped {folder / 'outdir'}: link to a folder outside the imported folder" in err


def test_links_out_of_the_folder_are_followed_when_asked_each_folder_once(tmp_path: Path) -> None:
    folder = linked_folder(tmp_path)
    entries = list(registry.expand([folder], follow_links=True))
    found = sorted(str(e.relative_to(folder)) for e in entries if isinstance(e, Path))
    assert found == ["good.txt", "inside.txt", "out.txt", "outdir/far.txt"]
    assert sorted((Path(s.where).name, s.reason) for s in entries if isinstance(s, Skipped)) == [
        ("loop1", "symbolic link loop"),
        ("loop2", "symbolic link loop"),
    ]


def test_a_link_loop_given_by_name_is_skipped(tmp_path: Path) -> None:
    folder = linked_folder(tmp_path)
    report = import_paths(Store(tmp_path / "d"), [folder / "loop1", folder / "good.txt"])
    assert report.new == 1 and [s.reason for s in report.skipped] == ["symbolic link loop"]


def test_a_link_to_a_linked_folder_inside_is_not_walked_twice(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "x.txt").write_text("x")
    (folder / "again").symlink_to(folder / "a")
    for follow in (False, True):
        found = [e for e in registry.expand([folder], follow_links=follow) if isinstance(e, Path)]
        assert found == [folder.resolve() / "a" / "x.txt"]


# Item 11: one &#27; made a whole WXR file refused.


def wxr(title: str, body: str = "body") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>s</title>\n'
        f"<item><title>{title}</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        f"<wp:status>publish</wp:status><content:encoded>{body}</content:encoded></item>\n"
        "<item><title>Fine post</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status><content:encoded>body 2</content:encoded></item>\n"
        "</channel></rss>"
    )


@pytest.mark.parametrize(
    "reference", ["&#27;", "&#x1b;", "&#0;", "&#x0;", "&#7;", "&#xFFFE;", "&#xD800;", "&#99999999999;"]
)
def test_a_reference_to_a_forbidden_character_is_repaired_not_refused(tmp_path: Path, reference: str) -> None:
    path = tmp_path / "blog.xml"
    path.write_text(wxr(f"Title with{reference} escape", f"x{reference}y &#x20AC; <![CDATA[&#27;]]>"))
    parsed = parse_file(path)
    assert [review.title for review in parsed.reviews] == ["Title with escape", "Fine post"]
    assert parsed.reviews[0].body.startswith("xy €")
    assert [(s.reason, s.count) for s in parsed.skipped] == [("repaired (XML was not well-formed)", 0)]


@settings(max_examples=200, deadline=None)
@given(code=st.integers(min_value=0, max_value=0x10FFFF), hexadecimal=st.booleans())
def test_any_character_reference_never_refuses_the_file(
    tmp_path_factory: pytest.TempPathFactory, code: int, hexadecimal: bool
) -> None:
    reference = f"&#x{code:x};" if hexadecimal else f"&#{code};"
    path = tmp_path_factory.mktemp("wxr") / "blog.xml"
    path.write_text(wxr(f"a{reference}b"), encoding="utf-8")
    parsed = parse_file(path)
    assert len(parsed.reviews) == 2 and parsed.reviews[1].title == "Fine post"


# Item 13: "skipped 0 ()" after a repair.


def test_a_repair_is_a_note_in_the_summary_never_a_skip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blog.xml"
    path.write_text(wxr("Fish & chips"))  # a bare ampersand: repaired
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(path))
    assert code == 0
    assert out == (
        "imported 2 new, 0 updated, 0 unchanged reviews with 0 comments from 1 file"
        " (repaired: XML was not well-formed)\n"
    )
    assert "skipped" not in err and "(0)" not in err


@given(
    counts=st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=5)), max_size=6),
    files=st.integers(min_value=0, max_value=3),
)
def test_the_summary_never_has_an_empty_or_zero_skipped_clause(counts: list[int | None], files: int) -> None:
    report = ImportReport(files=files)
    report.skipped = [
        Skipped(f"f{n}", "repaired (XML was not well-formed)" if c == 0 else f"why {n}", c)
        for n, c in enumerate(counts)
    ]
    line = report.summary_line()
    assert "skipped 0" not in line and "()" not in line
    assert ("; skipped " in line) == any(c != 0 for c in counts)
    assert ("(repaired: XML was not well-formed" in line) == (0 in counts)


def test_the_folder_walk_survives_an_entry_that_vanishes(tmp_path: Path) -> None:
    """A dangling link (its target gone) is a reason, not an abort."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "ok.txt").write_text("ok")
    entries = list(registry.expand([folder]))
    assert [e for e in entries if isinstance(e, Path)] == [folder / "ok.txt"]
    assert [s.reason.split(" (")[0] for s in entries if isinstance(s, Skipped)] == ["broken link"]
    assert os.path.islink(folder / "gone.txt")


def test_a_table_failing_midway_keeps_what_was_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = rows_bomb(tmp_path / "in", 3 * tabular.CHUNK_REVIEWS)
    real = tabular.row_review
    made = 0

    def failing(*args: object, **kwargs: object) -> object:
        """As if the file changed between the first look (two chunks) and the stream."""
        nonlocal made
        made += 1
        if made == 3 * tabular.CHUNK_REVIEWS + 5:
            raise InputError(path, "not valid CSV (broke)")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tabular, "row_review", failing)
    report = import_paths(Store(tmp_path / "d"), [path])
    assert report.new == tabular.CHUNK_REVIEWS and report.files == 1 and report.failed_files == 0
    assert [s.reason for s in report.skipped] == ["not valid CSV (broke)"]
