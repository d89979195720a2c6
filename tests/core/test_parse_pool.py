"""Parsing on every core, and the index postings the parsing workers make on the way.

The pool must change nothing but the time: the same reviews in the same order, the
same failures, and an index that answers exactly as one rebuilt from the shards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui_reader.core.content.models import Review
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.pipeline import importing, parse_pool
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.search import SearchIndex
from tui_reader.core.search.build import MANIFEST, refresh
from tui_reader.core.search.fresh import PREFIX, STALE_AFTER_S, FreshPostings
from tui_reader.core.search.segment import positions_of
from tui_reader.core.search.tokens import review_terms
from tui_reader.core.store import Store

REPO = Path(__file__).resolve().parents[2]
WORDS = ["amber", "basalt", "cobalt", "dune", "ember", "fjord", "glacier", "harbour", "indigo", "juniper"]


def write_corpus(folder: Path, count: int, filler: int = 0) -> list[Path]:
    """`count` plain-text reviews, each with its own word and a few shared ones; every 7th has
    comments, one file is empty and one binary (both must fail the same way in the pool)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        shared = " ".join(WORDS[k] for k in range(len(WORDS)) if n % (k + 2) == 0)
        text = f"Headline {n}\n\nUnique{n} word here. Shared words: {shared}.\n" + "Padding text. " * filler
        if n % 7 == 0:
            text += f"\n  1. first comment on {n} mentioning zeppelin{n}\n    2. a reply\n"
        path = folder / f"{n:04d}_{n % 10}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return sorted(folder.iterdir())


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every import goes through worker processes, in many batches."""
    monkeypatch.setattr(parse_pool, "MIN_BYTES", 0)
    monkeypatch.setattr(parse_pool, "BATCH_BYTES", 600)


def outcome(path: Path) -> tuple[Path, list[Review] | None, str | None]:
    try:
        return path, parse_file(path).reviews, None
    except InputError as error:
        return path, None, error.reason


def test_the_pool_parses_like_one_process(tmp_path: Path, small_batches: None) -> None:
    paths = write_corpus(tmp_path / "in", 40)
    batches = list(parse_pool.parse_batches(paths, None, None, with_postings=False))
    assert len(batches) > 2  # really several tasks
    got = [
        (f.path, f.parsed.reviews if f.parsed else None, f.failed.reason if f.failed else None)
        for batch in batches
        for f in batch.files
    ]
    assert got == [outcome(path) for path in paths]
    assert sum(1 for _, reviews, _ in got if reviews is None) == 2


def test_an_import_that_warms_the_workers_up_stores_what_one_that_does_not_stores(
    tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big import starts the workers' server while it lists the files: nothing else changes."""
    write_corpus(tmp_path / "in", 30)
    stored = []
    for warm_up_after in (10**9, 5):
        monkeypatch.setattr(importing, "WARM_UP_AFTER", warm_up_after)
        store = Store(tmp_path / f"data-{warm_up_after}")
        report = import_paths(store, [tmp_path / "in"])
        stored.append((report.summary_line(), list(store.library.iter_reviews())))
    parse_pool.warm_up()  # again, with the server running: harmless
    assert stored[0] == stored[1]
    assert stored[0][1]


def test_postings_list_exactly_the_reviews_holding_each_term(tmp_path: Path, small_batches: None) -> None:
    paths = write_corpus(tmp_path / "in", 30)
    for batch in parse_pool.parse_batches(paths, None, None, with_postings=True):
        assert batch.postings is not None
        expected: dict[str, set[int]] = {}
        for index, review in enumerate(batch.reviews):
            for term in review_terms(review):
                expected.setdefault(term, set()).add(index)
        got = {
            term: set(positions_of(found) if isinstance(found, int) else found)
            for term, found in batch.postings.items()
        }
        assert got == expected


def queries_for(count: int) -> list[str]:
    return [
        *WORDS,
        *(f"unique{n}" for n in range(0, count, 3)),
        *(f"zeppelin{n}" for n in range(0, count, 7)),
        "headline",
        '"shared words"',
        "amber -basalt",
        "has:comments",
        "glac*",
    ]


def test_an_import_through_the_pool_answers_like_an_index_rebuilt_from_the_shards(
    tmp_path: Path, small_batches: None
) -> None:
    paths = write_corpus(tmp_path / "in", 60)
    pooled = Store(tmp_path / "pooled")
    import_paths(pooled, paths)
    index_folder = pooled.library.folder / "index"
    assert (index_folder / MANIFEST).is_file()
    assert not list(index_folder.glob(f"{PREFIX}*"))  # every fresh segment adopted or removed

    rebuilt = Store(tmp_path / "rebuilt")
    import_paths(rebuilt, paths, index=False)
    assert not (rebuilt.library.folder / "index" / MANIFEST).exists()

    ours, theirs = SearchIndex.open(pooled, refresh=False), SearchIndex.open(rebuilt)
    assert not ours.is_stale()
    for query in queries_for(60):
        assert {h.review_id for h in ours.search(query)} == {h.review_id for h in theirs.search(query)}, query
    assert len(ours.search("amber")) == sum(1 for n in range(60) if n % 2 == 0)


def test_a_fresh_segment_is_not_adopted_when_a_review_changed_since(tmp_path: Path) -> None:
    """Another process re-imported a review between our store and our index: its old words must go."""
    store = Store(tmp_path / "data")
    reviews = [Review(f"r{n}", f"Title {n}", "x", (f"oldword{n} common",)) for n in range(5)]
    store.library.add(reviews)
    fresh = FreshPostings(store.library.folder / "index")
    postings = parse_pool._postings(reviews)
    fresh.add_block(0, store.library.column("digest")[0:5], postings)
    store.library.add([Review("r2", "Title 2", "x", ("newword common",))])  # the other process

    segments = fresh.finish()
    assert len(segments) == 1 and segments[0].path.is_file()
    refresh(store, store.library.folder / "index", fresh=segments)
    assert not segments[0].path.exists()
    index = SearchIndex.open(store, refresh=False)
    assert {h.review_id for h in index.search("oldword2")} == set()
    assert {h.review_id for h in index.search("newword")} == {"r2"}
    assert {h.review_id for h in index.search("common")} == {f"r{n}" for n in range(5)}


def test_fresh_files_left_by_a_crashed_import_are_removed_and_recent_ones_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    store.library.add([Review("r0", "Title", "x", ("body",))])
    folder = store.library.folder / "index"
    folder.mkdir(parents=True)
    old, recent = folder / f"{PREFIX}old.bin", folder / f"{PREFIX}recent.bin"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    past = time.time() - STALE_AFTER_S - 60
    os.utime(old, (past, past))
    refresh(store, folder)
    assert not old.exists()
    assert recent.exists()  # may belong to an import still running in another process


def test_the_command_line_import_of_a_large_folder_uses_the_pool(tmp_path: Path) -> None:
    """A real `tui-reader import` above the pool's threshold: worker processes start from the CLI
    (the `__main__` guard), and the result is complete and searchable."""
    count = 400
    folder = tmp_path / "big"
    write_corpus(folder, count, filler=int(parse_pool.MIN_BYTES / count / 14) + 20)
    assert sum(p.stat().st_size for p in folder.iterdir()) > parse_pool.MIN_BYTES
    data = tmp_path / "data"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-m", "tui_reader", "--data-dir", str(data), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)

    done = cli("import", str(folder))
    assert done.returncode == 0, done.stderr
    assert f"imported {count} new" in done.stdout + done.stderr
    found = cli("search", "zeppelin21")
    assert found.returncode == 0 and "Headline 21" in found.stdout
    assert not list((data / "library" / "index").glob(f"{PREFIX}*"))
