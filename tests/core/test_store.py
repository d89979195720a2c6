"""The library: catalog + shards, re-imports, repairs after corruption."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.importers import registry
from tui_reader.core.importers.base import Skipped
from tui_reader.core.pipeline.importing import import_paths, seed_if_first_run
from tui_reader.core.store import Store
from tui_reader.core.store.atomic import TEMP_MARK, clean_stale_temps
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import SCHEMA_VERSION, SHARD_SIZE


def make_review(n: int, comments: int = 2, text: str = "body") -> Review:
    review_id = stable_id("test", str(n))
    thread = tuple(
        Comment(id=stable_id(review_id, str(c)), body=f"comment {c} of {n}", author=f"user{c}") for c in range(comments)
    )
    return Review(id=review_id, title=f"Review {n}", source=f"test/{n}", paragraphs=(f"{text} {n}",), comments=thread)


def test_add_get_and_reload(tmp_path: Path) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(SHARD_SIZE + 10)]
    result = library.add(reviews)
    assert (result.new, result.updated, result.unchanged) == (len(reviews), 0, 0)
    reopened = Library(tmp_path)
    assert len(reopened) == len(reviews)
    assert [reopened.summary(i).title for i in (0, SHARD_SIZE + 9)] == ["Review 0", f"Review {SHARD_SIZE + 9}"]
    assert reopened.get(reviews[-1].id) == reviews[-1]
    assert reopened.summary(3).comment_count == 2
    assert len(list((tmp_path / "shards").glob("*.json"))) == 2


def test_reimport_of_the_same_reviews_writes_nothing(tmp_path: Path) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(20)]
    library.add(reviews)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.json")}
    result = library.add(reviews)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 20)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.json")} == before


def test_changed_review_keeps_its_place_and_id(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(5)])
    changed = make_review(2, comments=4, text="edited")
    result = library.add([changed])
    assert (result.new, result.updated) == (0, 1)
    assert library.position(changed.id) == 2
    assert Library(tmp_path).get(changed.id) == changed
    assert len(Library(tmp_path)) == 5


def test_resolve_unique_prefix(tmp_path: Path) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(40)]
    library.add(reviews)
    target = reviews[7].id
    unique = next(target[:k] for k in range(1, 17) if sum(r.id.startswith(target[:k]) for r in reviews) == 1)
    assert library.resolve(unique) == target
    with pytest.raises(LookupError, match="no review"):
        library.resolve("zzzz")
    first_chars = [r.id[0] for r in reviews]
    shared = next(ch for ch in first_chars if first_chars.count(ch) > 1)
    with pytest.raises(LookupError, match="ambiguous"):
        library.resolve(shared)


def test_a_whole_id_is_itself_and_is_found_without_a_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hand-made ids can be the start of a longer one; and `xargs tui-reader remove` of thousands of
    ids from `search -l` must not scan every id for each."""
    library = Library(tmp_path)
    library.add([replace(make_review(1), id="abc"), replace(make_review(2), id="abcd"), make_review(3)])
    reopened = Library(tmp_path)
    assert reopened.resolve("abc") == "abc" and reopened.resolve("ABCD ") == "abcd"
    with pytest.raises(LookupError, match="ambiguous"):
        reopened.resolve("ab")
    many = Library(tmp_path / "many")
    reviews = [make_review(n) for n in range(60)]
    many.add(reviews)
    scans: list[str] = []
    real_column = Library.column
    monkeypatch.setattr(Library, "column", lambda self, name: scans.append(name) or real_column(self, name))
    assert [many.resolve(review.id) for review in reviews] == [review.id for review in reviews]
    assert len(scans) <= 1  # a table of positions made once, not every id scanned for each


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[1, 2, 3]", b'{"schema": 1, "columns": {"id": 5}}'])
def test_corrupt_catalog_is_moved_aside_and_rebuilt_from_shards(tmp_path: Path, garbage: bytes) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(12)]
    library.add(reviews)
    library.catalog_path.write_bytes(garbage)
    reopened = Library(tmp_path)
    assert [reopened.summary(i).id for i in range(len(reopened))] == [r.id for r in reviews]
    assert len(reopened.problems) == 1 and library.catalog_path.name in reopened.problems[0]
    kept = list(tmp_path.glob(library.catalog_path.name + ".corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == garbage


def test_corrupt_shard_loses_only_its_bodies_and_reimport_restores(tmp_path: Path) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(5)]
    library.add(reviews)
    shard = next((tmp_path / "shards").glob("*.json"))
    shard.write_bytes(b"\x00garbage")
    reopened = Library(tmp_path)
    assert len(reopened) == 5
    assert reopened.get(reviews[0].id) is None
    assert reopened.problems and str(shard) in reopened.problems[0]


def test_another_process_import_is_seen(tmp_path: Path) -> None:
    first = Library(tmp_path)
    first.add([make_review(0)])
    second = Library(tmp_path)
    second.add([make_review(1)])
    assert first.changed_on_disk()
    first.add([make_review(2)])  # re-reads under the lock: nothing of the other process is lost
    assert [Library(tmp_path).summary(i).title for i in range(3)] == ["Review 0", "Review 1", "Review 2"]


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    dead_pid = 2**22 + 12345
    stale = tmp_path / f"catalog.json{TEMP_MARK}{dead_pid}-1"
    stale.write_bytes(b"half")
    nested = tmp_path / "library" / "shards" / f"3.json{TEMP_MARK}{dead_pid}-2"
    nested.parent.mkdir(parents=True)
    nested.write_bytes(b"half a shard")
    live = tmp_path / f"catalog.json{TEMP_MARK}{os.getppid()}-1"
    live.write_bytes(b"in progress")
    assert clean_stale_temps(tmp_path) == 2
    assert not stale.exists() and not nested.exists() and live.exists()
    assert clean_stale_temps(tmp_path / "absent") == 0


def test_store_records_schema_version(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.library.add([make_review(0)])
    store.user.toggle_bookmark(make_review(0).id)
    header = store.library.catalog_path.read_bytes().split(b"\n", 1)[0]
    assert orjson.loads(header)["schema"] == SCHEMA_VERSION == 3
    assert orjson.loads(store.user.path.read_bytes())["meta"]["1"]["schema"] == 1


def test_first_run_imports_the_embedded_seeds_once(tmp_path: Path) -> None:
    store = Store(tmp_path)
    report = seed_if_first_run(store)
    assert report is not None and report.new == 2
    assert {store.library.summary(i).title for i in range(2)} == {"her", "Her was a good film."}
    assert seed_if_first_run(Store(tmp_path)) is None


def test_the_seeds_are_two_reviews_of_her_on_a_new_librarys_first_screen(tmp_path: Path) -> None:
    """Both seeds review *Her*, and their plain text does not say it: a new user's first screen
    showed two reviews of nothing. They come as reviews of the film, a subject the user can change."""
    from tui_reader.core.search.subjects import reviews_of_the_same

    store = Store(tmp_path)
    seed_if_first_run(store)
    ids = [store.library.cell("id", position) for position in range(2)]
    her = Subject("Her", kind="film", year=2013, creator="Spike Jonze", ref="imdb:tt1798709")
    assert [store.subject_of(review_id) for review_id in ids] == [her, her]
    assert sorted(reviews_of_the_same(store, ids[0])) == sorted(ids)
    store.set_subject(ids[:1], None)  # the user's to change: cleared, it is no review of anything
    assert store.subject_of(ids[0]) is None


def test_folders_are_walked_depth_first_in_name_order_without_hidden_entries_or_linked_folders(
    tmp_path: Path,
) -> None:
    root = tmp_path / "in"
    files = ["a/z.txt", "a/b/c.txt", "a.txt", "B.txt", "m/.secret.txt", ".hidden/x.txt", "n/.git/config"]
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("text")
    (root / "link-to-a").symlink_to(root / "a")  # a folder reached twice would import twice
    (root / "link-to-file.txt").symlink_to(root / "a.txt")
    found = [path.relative_to(root).as_posix() for path in registry.expand([root]) if isinstance(path, Path)]
    # depth first, a folder's entries in code-point order ("B" < "a"), as Path ordering sorts them
    assert found == ["B.txt", "a/b/c.txt", "a/z.txt", "a.txt", "link-to-file.txt"]


def test_a_walked_file_is_the_path_its_folder_entry_names(tmp_path: Path) -> None:
    """The walk joins each name to its folder's Path (`here / name`): the same Path as the entry's
    whole string parsed, whatever the name holds."""
    names = ["a b.txt", "ünï cödé.txt", "-dash.txt", "a...txt", "x\\y.txt", "tab\there.txt", "電影.txt"]
    root = tmp_path / "in//deep/"
    root.mkdir(parents=True)
    for name in names:
        (root / name).write_text("text")
    found = [path for path in registry.expand([root]) if isinstance(path, Path)]
    with os.scandir(root.resolve()) as listing:
        expected = sorted((entry.name, Path(entry.path)) for entry in listing)
    assert [(path.name, path) for path in found] == expected
    assert [str(path) for path in found] == [str(path) for _, path in expected]


def test_an_unreadable_folder_is_reported_and_the_rest_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.txt").write_text("x")
    (root / "open.txt").write_text("y")
    scandir = os.scandir

    def refusing(path: str) -> object:
        if path.endswith("locked"):  # as chmod 000 would, for a user who is not root
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(registry.os, "scandir", refusing)
    entries = list(registry.expand([root]))
    assert [e for e in entries if isinstance(e, Path)] == [(root / "open.txt").resolve()]
    skipped = [e for e in entries if isinstance(e, Skipped)]
    assert len(skipped) == 1 and skipped[0].where.endswith("locked") and "not readable" in skipped[0].reason


def test_import_report_counts_and_skips(tmp_path: Path, seeds: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "blob.bin").write_bytes(b"\x00\x01\x02binary")
    (inputs / ".hidden.txt").write_text("Hidden\n\nnever imported")
    store = Store(tmp_path / "data")
    report = import_paths(store, [seeds, inputs, tmp_path / "missing"])
    assert (report.new, report.comments, report.files) == (2, 3, 5)
    assert sorted(s.reason.split(" (")[0] for s in report.skipped) == [
        "binary file",
        "empty file",
        "no such file or folder",
    ]
    assert report.ok
    assert "2 new" in report.summary_line() and "skipped 3" in report.summary_line()
    failing = import_paths(store, [inputs / "empty.txt"])
    assert not failing.ok


def _shard_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every whole-shard parse from now on (the fallback when a review's place is unknown)."""
    from tui_reader.core.store import library_read as library_module  # where reviews are read

    parsed: list[Path] = []
    real = library_module.read_shard_table

    def counting(path: Path, stamp: tuple[int, int]) -> object:
        parsed.append(path)
        return real.__wrapped__(path, stamp)

    monkeypatch.setattr(library_module, "read_shard_table", counting)
    return parsed


def test_opening_a_review_reads_its_document_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(30)]
    library.add(reviews[:20])
    library.add(reviews[20:])  # the same shard written again: earlier documents keep their place
    library.add([make_review(3, text="a much longer body than before, moving every later document")])
    library.remove([reviews[5].id])  # later documents move up: their places are recorded again
    parsed = _shard_parses(monkeypatch)
    reopened = Library(tmp_path)
    assert reopened.get(reviews[29].id) == reviews[29] and reopened.get(reviews[4].id) == reviews[4]
    assert reopened.get(reviews[3].id) == make_review(
        3, text="a much longer body than before, moving every later document"
    )
    assert reopened.get(reviews[5].id) is None
    assert parsed == []
    from tinydb import TinyDB  # an older tui-reader reads the shard as it always did

    with TinyDB(next((tmp_path / "shards").glob("*.json"))) as db:
        assert len(db.table("reviews")) == 29


def test_a_stale_place_falls_back_to_the_shard_never_to_another_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(10)]
    library.add(reviews)
    catalog = (tmp_path / "catalog.bin").read_bytes()
    library.add([make_review(0, text="longer now, so every other document moves")])
    (tmp_path / "catalog.bin").write_bytes(catalog)  # a crash after the shard, before the catalog
    parsed = _shard_parses(monkeypatch)
    reopened = Library(tmp_path)
    assert [reopened.get(r.id) for r in reviews[1:]] == reviews[1:]
    assert parsed  # the places were stale: read through the whole shard, and right


def test_a_library_without_places_is_read_and_gets_them_at_the_next_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(10)]
    library.add(reviews)
    columns = library._columns
    columns["shard_at"] = [None] * len(reviews)  # as an older tui-reader wrote it
    library._written = {}
    library._save_catalog()
    parsed = _shard_parses(monkeypatch)
    assert Library(tmp_path).get(reviews[7].id) == reviews[7] and parsed
    Library(tmp_path).add([make_review(10)])
    parsed.clear()
    assert Library(tmp_path).get(reviews[7].id) == reviews[7] and parsed == []
