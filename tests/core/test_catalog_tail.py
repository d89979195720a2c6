"""The catalog's tail: new reviews appended without rewriting the catalog file (issue 19).

Counted in files replaced and bytes, never in seconds.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.store import library as library_module
from tui_reader.core.store.catalog_file import CatalogWithTail
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import COLUMNS, TAIL

from .test_store import _shard_parses, make_review


def inode(path: Path) -> int:
    return path.stat().st_ino


def contents(library: Library) -> dict[str, str]:
    """Every review by id, with its body, read back through the catalog and its shard."""
    found = {}
    for position in range(len(library)):
        review = library.get_at(position)
        assert review is not None and review.id == library.cell("id", position)
        found[review.id] = review.paragraphs[0]
    return found


def test_new_reviews_go_to_the_tail_and_the_catalog_file_is_left_alone(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(40)])
    catalog = library.catalog_path
    before = (inode(catalog), catalog.read_bytes())
    reopened = Library(tmp_path)
    reopened.add([make_review(40)])
    reopened.add([make_review(41), make_review(42)])
    assert (inode(catalog), catalog.read_bytes()) == before
    assert (tmp_path / TAIL).exists()
    fresh = Library(tmp_path)
    assert isinstance(fresh._stored, CatalogWithTail) and len(fresh) == 43
    assert set(contents(fresh)) == {make_review(n).id for n in range(43)}
    assert fresh.position(make_review(42).id) == 42 and fresh.summary(41).title == "Review 41"
    assert fresh.column("title")[-3:] == ["Review 40", "Review 41", "Review 42"]
    assert len(reopened) == 43 and reopened.position(make_review(41).id) == 41  # the writer's own view too


def test_appended_reviews_are_read_by_their_places_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    Library(tmp_path).add([make_review(40), make_review(41)])
    parsed = _shard_parses(monkeypatch)
    fresh = Library(tmp_path)
    assert set(contents(fresh)) == {make_review(n).id for n in range(42)}
    assert parsed == []  # every row's place in its shard is right, the old rows' included


def test_reimporting_what_is_there_writes_nothing(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    Library(tmp_path).add([make_review(40)])
    stamps = {path.name: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()}
    result = Library(tmp_path).add([make_review(3), make_review(40)])
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    assert stamps == {path.name: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()}


def test_a_full_tail_is_folded_into_the_catalog_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "TAIL_ROWS", 3)
    Library(tmp_path).add([make_review(n) for n in range(40)])
    catalog_inode = inode(tmp_path / "catalog.bin")
    for n in range(40, 43):
        Library(tmp_path).add([make_review(n)])
    assert inode(tmp_path / "catalog.bin") == catalog_inode and len(Library(tmp_path)) == 43
    Library(tmp_path).add([make_review(43)])  # a fourth row: the tail is folded in
    assert inode(tmp_path / "catalog.bin") != catalog_inode and not (tmp_path / TAIL).exists()
    assert set(contents(Library(tmp_path))) == {make_review(n).id for n in range(44)}


def test_a_changed_review_rewrites_the_catalog_with_the_tail_in_it(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    Library(tmp_path).add([make_review(40)])
    result = Library(tmp_path).add([make_review(40, text="edited"), make_review(41)])
    assert (result.new, result.updated) == (1, 1)
    assert not (tmp_path / TAIL).exists()
    found = contents(Library(tmp_path))
    assert len(found) == 42 and found[make_review(40).id] == "edited 40"


def test_a_tail_left_by_a_crash_after_a_fold_is_never_read(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    Library(tmp_path).add([make_review(40)])
    stale = (tmp_path / TAIL).read_bytes()
    Library(tmp_path).add([make_review(0, text="edited")])  # a rewrite: the tail is folded in
    (tmp_path / TAIL).write_bytes(stale)  # as if the crash came before its removal
    fresh = Library(tmp_path)
    assert len(fresh) == 41 and fresh.problems == []
    assert list(contents(fresh)).count(make_review(40).id) == 1
    Library(tmp_path).add([make_review(41)])
    assert set(contents(Library(tmp_path))) == {make_review(n).id for n in range(42)}


def test_a_damaged_tail_is_moved_aside_and_its_reviews_recovered(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    Library(tmp_path).add([make_review(40), make_review(41)])
    (tmp_path / TAIL).write_bytes(b'{"format":"tui-reader catalog","count":2}\ngarbage')
    fresh = Library(tmp_path)
    assert len(fresh.problems) == 1 and fresh.problems[0].startswith(str(tmp_path / TAIL))
    assert set(contents(fresh)) == {make_review(n).id for n in range(42)}  # rebuilt from the shards
    assert list(tmp_path.glob(TAIL + ".corrupt-*"))  # kept for the user


def test_two_writers_each_append_after_the_other(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    first, second = Library(tmp_path), Library(tmp_path)
    first.add([make_review(40)])
    second.add([make_review(41)])  # opened before the first's append: reads it under the lock
    first.add([make_review(42)])
    assert set(contents(Library(tmp_path))) == {make_review(n).id for n in range(43)}


def test_removing_a_review_of_the_tail(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(40)])
    Library(tmp_path).add([make_review(40), make_review(41)])
    removed = Library(tmp_path).remove([make_review(40).id, make_review(2).id])
    assert removed.positions == (2, 40)
    assert not (tmp_path / TAIL).exists()
    assert set(contents(Library(tmp_path))) == {make_review(n).id for n in range(42)} - {
        make_review(40).id,
        make_review(2).id,
    }


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 4)),
        st.tuples(st.just("edit"), st.integers(0, 200)),
        st.tuples(st.just("remove"), st.integers(0, 200)),
        st.tuples(st.just("reopen"), st.just(0)),
    ),
    max_size=14,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_any_sequence_of_writes_reads_back_as_written(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, operations: list[tuple[str, int]]
) -> None:
    """Appends, folds, edits and removals in any order, against a plain dict of what was written."""
    monkeypatch.setattr(library_module, "TAIL_ROWS", 5)
    folder = tmp_path_factory.mktemp("tail")
    library = Library(folder)
    expected = {make_review(n).id: f"body {n}" for n in range(24)}
    library.add([make_review(n) for n in range(24)])
    made = 24
    for operation, number in operations:
        ids = sorted(expected)
        if operation == "add":
            library.add([make_review(n) for n in range(made, made + number)])
            expected |= {make_review(n).id: f"body {n}" for n in range(made, made + number)}
            made += number
        elif operation == "edit" and ids:
            review_id = ids[number % len(ids)]
            n = next(n for n in range(made) if make_review(n).id == review_id)
            library.add([replace(make_review(n), paragraphs=(f"edited {n}",))])
            expected[review_id] = f"edited {n}"
        elif operation == "remove" and ids:
            library.remove([ids[number % len(ids)]])
            del expected[ids[number % len(ids)]]
        elif operation == "reopen":
            library = Library(folder)
    assert contents(library) == expected
    reopened = Library(folder)
    assert contents(reopened) == expected
    assert all(library.column(name) == reopened.column(name) for name in COLUMNS)  # the writer's view is the file's


def test_the_writers_own_decoded_columns_follow_its_appends(tmp_path: Path) -> None:
    Library(tmp_path).add([make_review(n) for n in range(200)])
    writer = Library(tmp_path)
    writer.column("title")  # decoded, as a sort does
    writer.add([make_review(n) for n in range(200, 210)])  # ten ids looked up: the id table is built
    writer.add([make_review(210)])
    assert isinstance(writer._stored, CatalogWithTail)  # both were appends
    assert writer.column("title")[-11:] == [f"Review {n}" for n in range(200, 211)]
    assert writer.position(make_review(210).id) == 210 and len(writer) == 211
    assert contents(writer) == contents(Library(tmp_path))


def test_an_add_after_a_rewrite_in_the_same_process_appends(tmp_path: Path) -> None:
    """An import adds in batches: once one batch folded the tail in (a whole rewrite), every later
    batch rewrote the whole catalog again (468 MB each at 1M reviews)."""
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(100)])  # a whole write
    written = library.catalog_path.stat()
    library.add([make_review(100)])
    assert library.catalog_path.stat().st_ino == written.st_ino, "the catalog file was rewritten"
    assert library.tail_path.is_file() and len(library) == 101
    assert [review.id for review in Library(tmp_path).iter_reviews()][-1] == make_review(100).id


def test_a_fold_of_new_reviews_copies_the_catalog_bytes_and_decodes_no_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folding the tail into 1M reviews decoded all 19 columns (2.2 GB, 5.6 s) to encode them again."""
    monkeypatch.setattr(library_module, "TAIL_ROWS", 3)
    Library(tmp_path).add([replace(make_review(n), rating=5) for n in range(40)])  # an int column
    Library(tmp_path).add([make_review(40)])
    catalog_inode = inode(tmp_path / "catalog.bin")

    def never(self: Library) -> None:
        raise AssertionError("every column decoded")

    writer = Library(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(Library, "_materialize", never)
        writer.add([replace(make_review(n), rating=4.5) for n in range(41, 45)])  # past the tail: folded
    assert inode(tmp_path / "catalog.bin") != catalog_inode and not (tmp_path / TAIL).exists()
    reopened = Library(tmp_path)
    assert set(contents(reopened)) == {make_review(n).id for n in range(45)}
    assert reopened.column("rating") == [5] * 40 + [None] + [4.5] * 4  # the new kind: the column written whole
    assert all(writer.column(name) == reopened.column(name) for name in COLUMNS)
    writer.add([make_review(45)])  # and the writer appends on, to a tail of the new file
    assert (tmp_path / TAIL).exists() and len(Library(tmp_path)) == 46


def test_many_cells_read_as_one_cell_each(tmp_path: Path) -> None:
    """`cells` decodes a whole column for many rows and reads cells for a few: the same values,
    from the catalog file and its tail alike (`search -l` prints a common word's ids with it)."""
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(40)])
    library.add([make_review(n) for n in range(40, 50)])  # these go to the tail
    reopened = Library(tmp_path)
    for name in ("id", "title", "comments"):
        few = [45, 3]  # fewer than one row in 32: a cell each
        every = list(range(len(reopened)))[::-1]
        assert reopened.cells(name, few) == [reopened.cell(name, position) for position in few]
        assert reopened.cells(name, every) == [reopened.cell(name, position) for position in every]


def test_an_imports_batches_into_a_small_catalog_go_to_the_tail_not_a_fold_each(tmp_path: Path) -> None:
    """Batches as big as the catalog itself (an import into a new library): the tail holds up to
    TAIL_ADDS of them, where an eighth of the file made nearly every batch rewrite the whole file."""
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(100)])
    catalog = library.catalog_path
    folds = 0
    for start in range(100, 1100, 100):
        before = inode(catalog)
        library.add([make_review(n) for n in range(start, start + 100)])
        folds += inode(catalog) != before
        base = library._stored_base()
        assert base is not None and len(library) - base.count <= library_module.TAIL_ADDS * 100
    assert folds == 2  # 8 with the eighth alone
    fresh = Library(tmp_path)
    assert set(contents(fresh)) == {make_review(n).id for n in range(1100)}
    assert fresh.column("title") == [f"Review {n}" for n in range(1100)]


def test_a_one_review_add_keeps_the_tail_small(tmp_path: Path) -> None:
    """A review at a time (a followed feed's refresh) folds at an eighth of the file, as before."""
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(80)])
    for n in range(80, 100):
        library.add([make_review(n)])
        base = library._stored_base()
        assert base is not None and len(library) - base.count <= max(base.count // 8, library_module.TAIL_ADDS)
    assert set(contents(Library(tmp_path))) == {make_review(n).id for n in range(100)}
