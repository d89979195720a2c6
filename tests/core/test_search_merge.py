"""Index merges (issue 19, item 2): many small imports into a large library rewrite only the
newest small segments, never what a build wrote, and the index answers as a rebuilt one."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from bench.synth import review as synthetic
from tui_reader.core.search import build, merge
from tui_reader.core.search.index import SearchIndex
from tui_reader.core.search.merge import plan
from tui_reader.core.search.segment import positions_of
from tui_reader.core.store import Store

SEALED = 100  # reviews per segment of a build here (build.CHUNK), so 600 reviews make 6 sealed ones
WORDS = ("the", "film", "a", "was", "not", "story", "and", "it")


def _entries(*sizes: int) -> list[dict[str, Any]]:
    return [{"file": f"s{n}", "covers": [[0, size]]} for n, size in enumerate(sizes)]


def test_plan_merges_the_newest_of_a_tier_and_never_a_sealed_segment() -> None:
    assert plan(_entries(100, 100, *[5] * 7), SEALED) == 0  # 7 small: not yet
    assert plan(_entries(100, 100, *[5] * 8), SEALED) == 8
    assert plan(_entries(100, 40, 40, *[5] * 8), SEALED) == 8  # the smallest tier first
    assert plan(_entries(*[100] * 20), SEALED) == 0  # sealed ones stay as they are
    assert plan(_entries(*[40] * 7, 5), SEALED) == 8  # a tier and the ones below it


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(build, "CHUNK", SEALED)
    store = Store(tmp_path / "data")
    store.library.add([synthetic(n) for n in range(600)])
    build.refresh(store, store.library.folder / "index")
    return store


def _written(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Bytes of every segment written from now on, by who wrote it: "import" or "merge"."""
    written: dict[str, list[int]] = {"import": [], "merge": []}

    def counting(kind: str, real: Any) -> Any:
        def write(path: Path, *args: Any) -> None:
            real(path, *args)
            written[kind].append(path.stat().st_size)

        return write

    monkeypatch.setattr(build, "write_segment", counting("import", build.write_segment))
    monkeypatch.setattr(merge, "write_segment", counting("merge", merge.write_segment))
    return written


def _same_answers(store: Store) -> None:
    """Every word and prefix answers as an index built from scratch over the same library."""
    folder = store.library.folder / "index"
    scratch = store.library.folder.parent / "scratch-index"
    build.refresh(store, scratch)
    ours, rebuilt = SearchIndex(store, folder), SearchIndex(store, scratch)
    for word in WORDS:
        assert ours._lookup(word) == rebuilt._lookup(word), word
        assert ours._lookup(word[:2], prefix=True) == rebuilt._lookup(word[:2], prefix=True), word
    _positions_as_lookup(ours, rebuilt)


def _positions_as_lookup(ours: SearchIndex, rebuilt: SearchIndex) -> None:
    """Every term's position lists (`SegmentSet.positions`, a rare word's way) place each review
    where its bitset does: past removals, moved positions and reviews re-indexed in later segments."""
    terms = {term for entry in rebuilt.segments.now() for term, _ in entry.segment.every_term()}
    listed = 0
    for term in sorted(terms):
        positions = ours.segments.positions(term)
        if positions is not None:
            listed += 1
            assert positions == positions_of(ours._lookup(term)), term
    assert 0 < listed < len(terms)  # both kinds met: lists, and words some segment keeps as a bitmap


def test_thirty_small_imports_rewrite_only_small_segments(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = store.library.folder / "index"
    sealed = {entry["file"] for entry in build.Manifest.read(folder).segments}  # type: ignore[union-attr]
    assert len(sealed) == 6
    written = _written(monkeypatch)
    for batch in range(30):
        store.library.add([synthetic(1000 + 5 * batch + n) for n in range(5)])
        build.refresh(store, folder)
        listed = {entry["file"] for entry in build.Manifest.read(folder).segments}  # type: ignore[union-attr]
        assert sealed <= listed, f"import {batch} rewrote a segment of the build"
    own, merged = sum(written["import"]), sum(written["merge"])
    assert len(written["import"]) == 30 and merged > 0
    assert merged <= 2 * own  # each review rewritten about once per tier: here one tier
    assert len(build.Manifest.read(folder).segments) < 6 + 2 * merge.FACTOR  # type: ignore[union-attr]
    _same_answers(store)


def test_merges_keep_changed_and_removed_reviews_right(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = store.library.folder / "index"
    for batch in range(20):
        changed = synthetic(7 * batch)  # an old review imported again with other text
        paragraphs = (*changed.paragraphs, f"zebra{batch} appears only now")
        store.library.add([dataclasses.replace(changed, paragraphs=paragraphs), synthetic(2000 + batch)])
        build.refresh(store, folder)
        if batch in (5, 12):
            ids = [store.library.column("id")[p] for p in (3, 450, len(store.library) - 1)]
            build.forget(store, folder, store.library.remove(ids))
    _same_answers(store)
    index = SearchIndex(store, folder)
    assert index._lookup("zebra3").bit_count() == 1 and index._lookup("zebra", prefix=True).bit_count() >= 18


def test_an_import_appends_its_digests_instead_of_rewriting_them(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each refresh rewrote the whole digests file (17 MB at 1M reviews) for a few new reviews;
    now new digests are appended, across folds too (an edit or a removal still rewrites it)."""
    from tui_reader.core.search import manifest as manifest_module

    folder = store.library.folder / "index"
    whole: list[str] = []

    def counting(path: Path, data: Any) -> None:
        if path.name.startswith(manifest_module.DIGESTS_PREFIX):
            whole.append(path.name)
        real_write(path, data)

    real_write = manifest_module.atomic_write
    monkeypatch.setattr(manifest_module, "atomic_write", counting)
    catalogs = set()
    for batch in range(30):
        before = build.Manifest.read(folder)
        assert before is not None
        store.library.add([synthetic(3000 + 5 * batch + n) for n in range(5)])
        catalogs.add(store.library.catalog_path.stat().st_ino)
        build.refresh(store, folder)
        after = build.Manifest.read(folder)
        assert after is not None and after.count == len(store.library)
        assert after.digests == store.library.column("digest")
    assert len(catalogs) > 1, "the tail was folded into new catalog files"
    assert whole == [], "a fold keeps the rows in place (the new file names the one it grew from)"
    _same_answers(store)


def test_a_cut_short_append_is_never_read(store: Store) -> None:
    folder = store.library.folder / "index"
    manifest = build.Manifest.read(folder)
    assert manifest is not None and manifest.on_file()
    with open(folder / manifest._digests_path.name, "ab") as digests:  # type: ignore[union-attr]
        digests.write(b"\nhalf-written" * 40)  # an append a crash stopped before the manifest named it
    assert build.Manifest.read(folder).digests == store.library.column("digest")  # type: ignore[union-attr]
    store.library.add([synthetic(5000 + n) for n in range(3)])
    build.refresh(store, folder)
    assert build.Manifest.read(folder).digests == store.library.column("digest")  # type: ignore[union-attr]
    assert b"half-written" not in (folder / manifest._digests_path.name).read_bytes()  # type: ignore[union-attr]
    _same_answers(store)


def test_a_review_imported_again_is_found_by_its_new_words_only(store: Store) -> None:
    """Its old segment still holds its old words: the later segment's cover masks them (`live`)."""
    folder = store.library.folder / "index"
    old = synthetic(5)
    store.library.add([dataclasses.replace(old, title="Fresh", paragraphs=("quokka only now",), comments=())])
    build.refresh(store, folder)
    _same_answers(store)
    index = SearchIndex(store, folder)
    assert [hit.review_id for hit in index.search("quokka")] == [old.id]
