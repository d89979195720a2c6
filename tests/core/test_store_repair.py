"""The library's repairs: a missing or damaged catalog rebuilt from the shards, a damaged shard set
aside, and no stored document ever written over by a write that does not know it."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import orjson
import pytest

from tui_reader.core.store import Store, StoreError
from tui_reader.core.store.atomic import locked
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import SHARD_SIZE

from .test_store import make_review


def shard_titles(folder: Path) -> dict[str, str]:
    """Every document in every shard: its doc id and title, as read from the files themselves."""
    titles = {}
    for path in sorted((folder / "shards").glob("*.json")):
        for doc_id, doc in orjson.loads(path.read_bytes())["reviews"].items():
            titles[f"{path.stem}/{doc_id}"] = doc["title"]
    return titles


def test_a_missing_catalog_is_rebuilt_and_the_next_import_keeps_every_review(tmp_path: Path) -> None:
    """Deleting `catalog.bin` made the library look empty, and the next import wrote its review
    over the first stored one's document: that review was gone for good."""
    library = Library(tmp_path)
    old = [make_review(n) for n in range(3)]
    library.add(old)
    library.catalog_path.unlink()
    reopened = Library(tmp_path)
    assert [reopened.summary(i).id for i in range(len(reopened))] == [review.id for review in old]
    (line,) = reopened.problems
    assert str(library.catalog_path) in line and "missing" in line and "rebuilt from the shards (3 reviews)" in line
    reopened.add([make_review(9)])
    assert sorted(shard_titles(tmp_path).values()) == ["Review 0", "Review 1", "Review 2", "Review 9"]
    assert [Library(tmp_path).get(review.id) for review in old] == old


def test_an_empty_catalog_beside_shards_is_kept_aside_and_rebuilt(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([make_review(n) for n in range(2)])
    library.catalog_path.write_bytes(b"")
    reopened = Library(tmp_path)
    assert len(reopened) == 2 and "an empty file" in reopened.problems[0]
    assert [path.stat().st_size for path in tmp_path.glob("catalog.bin.corrupt-*")] == [0]


def test_a_new_folder_is_no_repair(tmp_path: Path) -> None:
    """No catalog and no shards: a new library, nothing said, nothing written."""
    library = Library(tmp_path / "new")
    assert len(library) == 0 and library.problems == [] and not (tmp_path / "new").exists()


def test_a_store_whose_catalog_is_missing_is_not_seeded_anew(tmp_path: Path) -> None:
    """The app imported the seeds into it as into a new, empty library."""
    from tui_reader.core.pipeline.importing import seed_if_first_run

    store = Store(tmp_path)
    store.library.add([make_review(n) for n in range(4)])
    store.library.catalog_path.unlink()
    reopened = Store(tmp_path)
    assert seed_if_first_run(reopened) is None and len(reopened.library) == 4


def test_a_library_whose_every_shard_was_damaged_is_not_seeded_either(tmp_path: Path) -> None:
    from tui_reader.core.pipeline.importing import seed_if_first_run

    store = Store(tmp_path)
    store.library.add([make_review(0)])
    store.library.catalog_path.unlink()
    (tmp_path / "library" / "shards" / "000000.json").write_bytes(b"garbage\n")
    reopened = Store(tmp_path)
    assert seed_if_first_run(reopened) is None and len(reopened.library) == 0
    assert [line.split(": ")[0] for line in reopened.problems] == [
        str(tmp_path / "library" / "shards" / "000000.json"),
        str(tmp_path / "library" / "catalog.bin"),
    ]


def test_a_reload_inside_a_write_repairs_without_waiting_on_its_own_lock(tmp_path: Path) -> None:
    """A write that finds the catalog gone (another process, a user) reloads holding the lock:
    the repair must not take it a second time and wait for itself."""
    library = Library(tmp_path)
    library.add([make_review(0)])
    library.catalog_path.unlink()
    result = library.add([make_review(1)])
    assert result.new == 1 and [Library(tmp_path).summary(i).title for i in range(2)] == ["Review 0", "Review 1"]


def test_documents_a_catalog_does_not_list_are_never_written_over(tmp_path: Path) -> None:
    """An older catalog (restored from a copy, or rows lost) lists fewer reviews than the shards
    hold: new reviews take the seqs after those documents, which stay for a rebuild to list."""
    library = Library(tmp_path)
    library.add([make_review(0)])
    older = tmp_path / "older.bin"
    shutil.copyfile(library.catalog_path, older)
    library.add([make_review(1), make_review(2)])
    shutil.copyfile(older, library.catalog_path)
    library.tail_path.unlink(missing_ok=True)  # the rows added since are listed nowhere (the tail held them)
    stale = Library(tmp_path)
    assert len(stale) == 1
    stale.add([make_review(3)])
    assert sorted(shard_titles(tmp_path).values()) == ["Review 0", "Review 1", "Review 2", "Review 3"]
    assert Library(tmp_path).get(make_review(3).id) == make_review(3)
    library.catalog_path.unlink()
    assert sorted(Library(tmp_path).column("title")) == ["Review 0", "Review 1", "Review 2", "Review 3"]


def test_free_seqs_are_found_past_a_shard_filled_by_unlisted_documents(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.add([make_review(0)])
    older = tmp_path / "older.bin"
    shutil.copyfile(library.catalog_path, older)
    library.add([make_review(n) for n in range(1, SHARD_SIZE + 3)])  # into the second shard
    shutil.copyfile(older, library.catalog_path)
    library.tail_path.unlink(missing_ok=True)
    stale = Library(tmp_path)
    assert len(stale) == 1
    stale.add([make_review(SHARD_SIZE + 10)])
    assert len(shard_titles(tmp_path)) == SHARD_SIZE + 4
    assert Library(tmp_path).get(make_review(SHARD_SIZE + 10).id) == make_review(SHARD_SIZE + 10)


def test_a_slot_holding_another_review_is_refused_not_written_over(tmp_path: Path) -> None:
    library = Library(tmp_path)
    first, second = make_review(0), make_review(1)
    library.add([first, second])
    shard = tmp_path / "shards" / "000000.json"
    tables = orjson.loads(shard.read_bytes())
    tables["reviews"]["2"] = {**make_review(7).to_doc(), "seq": 1}  # the catalog says seq 1 is `second`
    shard.write_bytes(orjson.dumps(tables))
    before = shard.read_bytes()
    with pytest.raises(StoreError, match="not writing over it"):
        Library(tmp_path).add([make_review(1, text="changed")])
    assert shard.read_bytes() == before


def test_reading_a_damaged_shard_moves_it_aside_once_and_says_so(tmp_path: Path) -> None:
    """It was said "re-import to restore it" at every start, and left where it was."""
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(3)]
    library.add(reviews)
    shard = tmp_path / "shards" / "000000.json"
    shard.write_bytes(b"garbage\n")
    reopened = Library(tmp_path)
    assert [reopened.get(review.id) for review in reviews] == [None, None, None]
    (line,) = reopened.problems
    (kept,) = tmp_path.glob("shards/000000.json.corrupt-*")
    assert str(shard) in line and kept.name in line and kept.read_bytes() == b"garbage\n"
    assert not shard.exists()


def test_a_damaged_shard_is_left_in_place_while_a_write_holds_the_lock(tmp_path: Path) -> None:
    """A reader never waits for an import: it says the shard is damaged, and moves it later."""
    library = Library(tmp_path)
    library.add([make_review(0)])
    shard = tmp_path / "shards" / "000000.json"
    shard.write_bytes(b"garbage\n")
    reopened = Library(tmp_path)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locked(reopened.lock_path):
            held.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    try:
        assert reopened.get(make_review(0).id) is None
    finally:
        release.set()
        holder.join()
    assert shard.read_bytes() == b"garbage\n" and not list(shard.parent.glob("*.corrupt-*"))
    assert reopened.problems == [f"{shard}: damaged; its reviews' text is missing until their source is imported again"]


@pytest.mark.parametrize("how", ["garbage", "gone"])
def test_a_reimport_writes_again_a_review_whose_text_is_missing(tmp_path: Path, how: str) -> None:
    """ "2 unchanged": the catalog's digest matched, so the text the app said to re-import for never
    came back. Now the document must be there for a review to count as unchanged."""
    library = Library(tmp_path)
    reviews = [make_review(n) for n in range(SHARD_SIZE + 5)]  # two shards: the damaged one is not the last
    library.add(reviews)
    shard = tmp_path / "shards" / "000000.json"
    if how == "garbage":
        shard.write_bytes(b"garbage\n")
    else:
        shard.unlink()
    reopened = Library(tmp_path)
    result = reopened.add(reviews)
    assert (result.new, result.updated, result.unchanged) == (0, SHARD_SIZE, 5)
    again = Library(tmp_path)
    assert [again.get(review.id) for review in reviews] == reviews
    assert len(list(tmp_path.glob("shards/000000.json.corrupt-*"))) == (how == "garbage")
    assert again.add(reviews).unchanged == len(reviews)  # and once whole, unchanged again
