"""The catalog file: every column round-trips, cell by cell and whole; damage is caught on opening."""

from __future__ import annotations

import sys
from array import array
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.excerpts import EXCERPT_CHARS, excerpt_of
from tui_reader.core.content.models import Review
from tui_reader.core.store.atomic import StoreError
from tui_reader.core.store.catalog_file import StoredColumns
from tui_reader.core.store.catalog_write import encode as encode_into
from tui_reader.core.store.catalog_write import encode_grown
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import ADDED_LATER, COLUMNS

texts = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs",))))
# What the shards (orjson) can hold too: JSON has no infinities, orjson no integers past 64 bits.
json_ints = st.integers(-(2**63), 2**64 - 1)  # above 2**63 - 1: not an int64 column, a JSON one
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
cells = st.one_of(texts, json_ints, finite_floats, st.booleans())


def encode(schema: int, columns: dict[str, list[Any]], written: dict[str, Any] | None = None) -> bytes:
    return b"".join(encode_into(schema, columns, {} if written is None else written))


@st.composite
def column_sets(draw: st.DrawFn) -> dict[str, list[Any]]:
    rows = draw(st.integers(0, 30))
    kinds = [st.lists(texts, min_size=rows, max_size=rows), st.lists(cells, min_size=rows, max_size=rows)]
    kinds.append(st.lists(st.one_of(st.none(), json_ints), min_size=rows, max_size=rows))
    kinds.append(st.lists(st.one_of(st.none(), finite_floats), min_size=rows, max_size=rows))  # a float column
    return {name: draw(st.one_of(kinds)) for name in draw(st.lists(st.sampled_from("abcdef"), unique=True))}


@settings(max_examples=300, deadline=None)
@given(column_sets())
def test_every_column_comes_back_whole_and_cell_by_cell(columns: dict[str, list[Any]]) -> None:
    stored = StoredColumns(encode(2, columns), list(columns))
    for name, values in columns.items():
        assert stored.column(name) == values
        assert [type(v) for v in stored.column(name)] == [type(v) for v in values]
        assert [stored.cell(name, row) for row in range(len(values))] == values


NUMBER_CODES = {"int": "q", "float": "d"}


def _in_the_other_byte_order(data: bytes) -> bytes:
    """The same catalog as a machine of the other byte order writes it."""
    header_line, rest = data.split(b"\n", 1)
    header, body = orjson.loads(header_line), bytearray(rest)
    for spec in header["columns"].values():
        for key, typecode in (("starts", spec.get("offsets")), ("data", NUMBER_CODES.get(spec["kind"]))):
            if typecode and spec.get(key):
                start, length = spec[key]
                values = array(typecode, bytes(body[start : start + length]))
                values.byteswap()
                body[start : start + length] = values.tobytes()
    header["byteorder"] = "big" if sys.byteorder == "little" else "little"
    return orjson.dumps(header) + b"\n" + bytes(body)


@settings(max_examples=100, deadline=None)
@given(column_sets())
def test_a_catalog_of_the_other_byte_order_reads_the_same(columns: dict[str, list[Any]]) -> None:
    stored = StoredColumns(_in_the_other_byte_order(encode(2, columns)), list(columns))
    for name, values in columns.items():
        assert stored.column(name) == values
        assert [stored.cell(name, row) for row in range(len(values))] == values
        assert stored.raw(name) is None  # the writer re-encodes such a file rather than append to it


def test_text_with_nul_and_none_keeps_its_cells_apart() -> None:
    values = ["a\x00b", None, "", "ünï\x00", "c"]
    stored = StoredColumns(encode(2, {"t": values}), ["t"])
    assert stored.column("t") == values
    assert stored.cell("t", 3) == "ünï\x00"


def _catalog(rows: int = 5) -> bytes:
    return encode(2, {"id": [f"r{n}" for n in range(rows)], "n": list(range(rows))})


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) - 3],  # truncated body
        lambda data: data[: data.index(b"\n")],  # header only
        lambda data: data.replace(b'"count":5', b'"count":6'),
        lambda data: data.replace(b'"kind":"int"', b'"kind":"yaml"'),
        lambda data: b"[1,2]\n" + data.split(b"\n", 1)[1],
    ],
)
def test_damage_is_found_on_opening(damage: Any) -> None:
    with pytest.raises(ValueError):
        StoredColumns(damage(_catalog()), ["id", "n"])


def test_damage_inside_text_bytes_never_raises_later() -> None:
    data = bytearray(_catalog())
    data[-12] = 0xFF  # an invalid UTF-8 byte inside the id text
    stored = StoredColumns(bytes(data), ["id", "n"])
    assert len(stored.column("id")) == 5
    assert all(isinstance(stored.cell("id", row), str) for row in range(5))


def test_a_schema_1_catalog_is_read_and_converted_on_the_next_write(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([Review(id=f"r{n}", title=f"Title {n}", source="t", paragraphs=("x",)) for n in range(3)])
    columns = {name: library.column(name) for name in COLUMNS if name not in ADDED_LATER}  # as schema 1 was
    library.catalog_path.unlink()
    library.legacy_path.write_bytes(orjson.dumps({"schema": 1, "columns": columns}))

    old = Library(tmp_path)
    assert [old.summary(n).title for n in range(3)] == ["Title 0", "Title 1", "Title 2"]
    assert not old.catalog_path.exists()  # reading alone changes nothing on disk
    old.add([Review(id="r3", title="Title 3", source="t", paragraphs=("x",))])

    assert old.catalog_path.exists() and not old.legacy_path.exists()
    assert [Library(tmp_path).summary(n).title for n in range(4)] == [f"Title {n}" for n in range(4)]


def test_opening_decodes_no_column_until_one_is_needed(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([Review(id=f"r{n}", title=f"Title {n}", source="t", paragraphs=("x",)) for n in range(3)])
    reopened = Library(tmp_path)
    assert reopened.summary(2).title == "Title 2" and reopened.get_at(1) is not None
    assert reopened._columns == {}  # rows and bodies came from cells, no column was built
    assert reopened.column("title") == ["Title 0", "Title 1", "Title 2"]


def test_a_catalog_from_before_a_column_existed_opens_with_that_column_empty(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([Review(id="r0", title="T", source="t", paragraphs=("Body words.",))])
    older = {name: library.column(name) for name in COLUMNS if name not in ADDED_LATER}
    library.catalog_path.write_bytes(encode(2, older))

    reopened = Library(tmp_path)
    assert reopened.problems == [] and reopened.summary(0).excerpt is None  # no rebuild, no warning
    reopened.add([Review(id="r0", title="T", source="t", paragraphs=("Other words.",))])
    assert Library(tmp_path).summary(0).excerpt == "Other words."


@pytest.mark.parametrize(
    ("title", "paragraphs", "expected"),
    [
        ("Her was a good film.", ("Her was a good film. I was  a bit\nwary.",), "I was a bit wary."),  # title glued
        ("A title", ("", "  ", "First\tbody line."), "First body line."),
        ("Same", ("Same",), None),
        ("T", (), None),
        ("T", ("x" * 500,), "x" * EXCERPT_CHARS),
    ],
)
def test_the_excerpt_is_the_body_start_without_the_title(
    title: str, paragraphs: tuple[str, ...], expected: str | None
) -> None:
    assert excerpt_of(title, paragraphs) == expected


@settings(max_examples=200, deadline=None)
@given(column_sets(), st.integers(0, 30))
def test_a_file_grown_from_another_files_bytes_is_the_file_of_all_its_rows(
    columns: dict[str, list[Any]], cut: int
) -> None:
    """A fold: the old file's rows as bytes, the new rows encoded after them (`encode_grown`)."""
    rows = len(next(iter(columns.values()), []))
    cut = min(cut, rows)
    base = StoredColumns(encode(2, {name: values[:cut] for name, values in columns.items()}), list(columns))
    added = {name: values[cut:] for name, values in columns.items()}
    grown = StoredColumns(b"".join(encode_grown(2, base, added, list(columns), "t")), list(columns))
    assert grown.count == (rows if columns else 0) and grown.token == "t"
    for name, values in columns.items():
        assert grown.column(name) == values
        assert [type(v) for v in grown.column(name)] == [type(v) for v in values]


@settings(max_examples=200, deadline=None)
@given(column_sets(), st.lists(st.integers(0, 30), max_size=5))
@example({"f": [None, 0.0, -0.0]}, [2])  # -0.0 beside an empty cell kept its sign only in a batch of its own
def test_saving_batch_by_batch_writes_what_one_save_of_everything_writes(
    columns: dict[str, list[Any]], cuts: list[int]
) -> None:
    written: dict[str, Any] = {}
    rows = len(next(iter(columns.values()), []))
    for cut in [*sorted(c for c in cuts if c <= rows), rows]:  # the library grows a batch at a time
        head = {name: values[:cut] for name, values in columns.items()}
        assert encode(2, head, written) == encode(2, head)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 12), texts, st.integers(0, 3)), min_size=1, max_size=6), max_size=5))
def test_a_library_written_in_batches_with_updates_reopens_as_it_was(
    tmp_path_factory: pytest.TempPathFactory, batches: list[list[tuple[int, str | None, int]]]
) -> None:
    folder = tmp_path_factory.mktemp("lib")
    library = Library(folder)
    for batch in batches:  # new ids and changed ones (an update in place), each batch saved
        reviews = {n: Review(f"r{n}", title or "", "t", ("x" * size,), author=title) for n, title, size in batch}
        library.add(reviews.values())
        library = Library(folder) if len(batch) % 2 else library  # sometimes reopened: appends to a mapped file
    reopened = Library(folder)
    assert {name: reopened.column(name) for name in COLUMNS} == {name: library.column(name) for name in COLUMNS}


def test_find_a_row_in_the_stored_bytes_without_decoding_the_column(tmp_path: Path) -> None:
    """A remembered review's position at start: found in the id bytes, edge cases included."""
    ids = ["abc", "ab", "b", "abcd", "x\x00y", "ünï", "c"]
    library = Library(tmp_path)
    library.add([Review(id=i, title=i, source="s", paragraphs=("p",)) for i in ids if "\x00" not in i])
    reopened = Library(tmp_path)
    stored = reopened._stored
    assert stored is not None
    for position, review_id in enumerate(reopened.column("id")):
        assert stored.find("id", review_id) == position
    for missing in ("a", "bc", "abcde", "", "zz"):
        assert stored.find("id", missing) is None
    fresh = Library(tmp_path)
    assert [fresh.position(i) for i in ("ünï", "c", "nope")] == [4, 5, None] and "id" not in fresh._columns


def test_a_catalog_of_a_newer_schema_is_refused_never_rebuilt(tmp_path: Path) -> None:
    """A newer tui-reader's catalog may hold kinds this one does not know: not damage, so the
    file stays where it is and opening says why, in one line."""
    Library(tmp_path).add([Review(id="r0", title="Title 0", source="t", paragraphs=("x",), rating=7.5)])
    data = (tmp_path / "catalog.bin").read_bytes()
    newer = data.replace(b'"schema":3', b'"schema":99', 1).replace(b'"kind":"float"', b'"kind":"decimal"', 1)
    (tmp_path / "catalog.bin").write_bytes(newer)
    names = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StoreError, match="newer tui-reader"):
        Library(tmp_path)
    assert (tmp_path / "catalog.bin").read_bytes() == newer  # not moved aside, not rebuilt
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_ratings_are_a_float_column_read_cell_by_cell(tmp_path: Path) -> None:
    ratings = [7.5, None, 3.0]
    Library(tmp_path).add(
        [Review(id=f"r{n}", title="t", source="t", paragraphs=("x",), rating=r) for n, r in enumerate(ratings)]
    )
    header = orjson.loads((tmp_path / "catalog.bin").read_bytes().split(b"\n", 1)[0])
    assert header["columns"]["rating"]["kind"] == "float"
    library = Library(tmp_path)
    assert [library.summary(n).rating for n in range(3)] == ratings
