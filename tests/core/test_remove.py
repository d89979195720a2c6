"""Removing what was imported (#16 item 5): `tui-reader remove`, the library, the index, the notes."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.export import json_chunks
from tui_reader.core.pipeline import removal
from tui_reader.core.search import SearchIndex
from tui_reader.core.search import build as index_build
from tui_reader.core.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_folder(folder: Path, word: str, count: int, comments: int = 2) -> list[Path]:
    """`count` plain-text reviews, each with `comments` numbered comments and the word `word`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"r{n}.txt"
        thread = "".join(f"  {c + 1}. comment {c} on {word}{n}\n" for c in range(comments))
        path.write_text(f"Title {word} {n}\n\nThe body of {word}{n} says zebra {word}.\n\n{thread}", encoding="utf-8")
        paths.append(path)
    return paths


def titles(store: Store) -> list[str]:
    return list(store.library.column("title"))


def found(data: Path, query: str) -> set[str]:
    """Titles the search finds, from a fresh store (as another run would)."""
    store = Store(data)
    return {store.library.summary(hit.position).title for hit in SearchIndex.open(store).search(query)}


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Three imports: `one/` (4 reviews), `two/` (3) and `three/` (5), each with 2 comments a review."""
    data = tmp_path / "d"
    for name, count in (("one", 4), ("two", 3), ("three", 5)):
        write_folder(tmp_path / "src" / name, name, count)
        assert run(capsys, "--data-dir", str(data), "import", str(tmp_path / "src" / name))[0] == 0
    return data


def test_remove_by_source_takes_exactly_that_import(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(library), "remove", "--source", str(tmp_path / "src" / "two"))
    assert code == 0 and err == ""
    assert out == f"removed 3 reviews (6 comments) from {tmp_path / 'src' / 'two'}\n"
    store = Store(library)
    assert len(store.library) == 9 and not [t for t in titles(store) if t.startswith("Title two")]
    assert found(library, "zebra") == {f"Title one {n}" for n in range(4)} | {f"Title three {n}" for n in range(5)}
    assert found(library, "two") == set()
    assert found(library, "three4") == {"Title three 4"}  # a review after the removed ones, moved up
    code, out, err = run(capsys, "--data-dir", str(library), "remove", "--source", str(tmp_path / "src" / "two"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "nothing in the library was imported from" in err


def test_remove_one_file_by_a_relative_path(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path / "src")
    code, out, _ = run(capsys, "--data-dir", str(library), "remove", "--source", "one/r2.txt")
    assert code == 0 and out.startswith("removed 1 review (2 comments) from ")
    assert "Title one 2" not in titles(Store(library)) and len(Store(library).library) == 11


def test_remove_by_id_prefixes_and_another_process_sees_it(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(library)
    ids = store.library.column("id")
    wanted = [ids[1], ids[5], ids[11]]  # one in each import
    old_index = SearchIndex.open(Store(library))  # open before: must see the removal too
    assert len(old_index.search("zebra")) == 12
    code, out, _ = run(capsys, "--data-dir", str(library), "remove", *(rid[:8] for rid in wanted))
    assert code == 0 and out == "removed 3 reviews (6 comments) from the library\n"
    gone = {"Title one 1", "Title two 1", "Title three 4"}
    script = (
        "import sys; from pathlib import Path; from tui_reader.core.store import Store;"
        "from tui_reader.core.search import SearchIndex;"
        "s = Store(Path(sys.argv[1])); hits = SearchIndex.open(s, refresh=False).search('zebra');"
        "print('\\n'.join(sorted(s.library.summary(h.position).title for h in hits)))"
    )
    other = subprocess.run([sys.executable, "-c", script, str(library)], capture_output=True, text=True, check=True)
    assert len(other.stdout.splitlines()) == 9 and not gone & set(other.stdout.splitlines())
    old_index.store.library.load()  # the app reloads the catalog when its stamp changes (the poll)
    hits = old_index.search("zebra")
    assert {old_index.store.library.summary(h.position).title for h in hits} == {
        t for t in titles(Store(library)) if t not in gone
    }
    assert len(hits) == 9
    code, _, err = run(capsys, "--data-dir", str(library), "remove", wanted[0][:8])
    assert code == 1 and "no review with id" in err and err.count("\n") == 1


def test_dry_run_changes_nothing(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(library)
    store.user.add_note(Anchor(store.library.column("id")[0]), "mine")
    files = sorted(p for p in library.rglob("*") if p.is_file() and not p.name.endswith(".lock"))
    before = {p: p.read_bytes() for p in files}
    code, out, _ = run(
        capsys, "--data-dir", str(library), "remove", "--source", str(tmp_path / "src" / "one"), "--dry-run"
    )
    assert (
        code == 0 and out == f"would remove 4 reviews (8 comments) from {tmp_path / 'src' / 'one'}; 1 note kept aside\n"
    )
    after = sorted(p for p in library.rglob("*") if p.is_file() and not p.name.endswith(".lock"))
    assert after == files and all(p.read_bytes() == before[p] for p in files)


def test_usage_is_one_of_ids_or_source(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(library), "remove")
    assert code == 2 and err.count("\n") == 1


def _review(rid: str, text: str) -> Review:
    comments = (Comment(id=f"{rid}-c", body=f"a comment quoting {text}"),)
    return Review(id=rid, title=f"T {rid}", source=f"/src/{rid}.txt", paragraphs=(text, "second"), comments=comments)


def test_notes_quotes_bookmarks_subjects_are_kept_aside_and_come_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    reviews = [_review("aa01", "first paragraph words"), _review("bb02", "other text")]
    store.library.add(reviews)
    note = store.user.add_note(Anchor("aa01", paragraph=0, offset=6, quoted="paragraph"), "on the paragraph")
    gone_note = store.user.add_note(Anchor("aa01", paragraph=1, quoted="vanished earlier"), "already detached")
    store.user.update_anchors({gone_note.id: (gone_note.anchor, True)})
    store.user.add_quote(Anchor("aa01", paragraph=0, quoted="first"), "first")
    store.user.toggle_bookmark("aa01")
    store.user.set_subject(["aa01"], Subject("Her", kind="film"))
    store.user.add_note(Anchor("bb02"), "untouched")

    plan = removal.plan_ids(store, ["aa"])
    assert (plan.ids, plan.notes, plan.quotes, plan.bookmarks) == (("aa01",), 2, 1, 1)
    done = removal.remove(store, plan)
    assert done.removed.ids == ("aa01",) and done.notes_detached == 1

    fresh = Store(tmp_path / "d")
    assert fresh.library.column("id") == ["bb02"]
    snapshot = fresh.user.snapshot()
    notes = {n.text: n for n in snapshot.notes}
    assert notes["on the paragraph"].detached and notes["on the paragraph"].anchor.quoted == "paragraph"
    assert notes["already detached"].detached and not notes["untouched"].detached
    assert [q.text for q in snapshot.quotes] == ["first"] and snapshot.bookmarked_reviews == {"aa01"}
    assert fresh.user.subjects()["aa01"].name == "Her"
    assert fresh.user.removed_titles() == {"aa01": "T aa01"}  # the title it had, for the notes screen
    exported = orjson.loads(b"".join(json_chunks(fresh)))
    assert {n["text"]: n["detached"] for n in exported["notes"]} == {
        "on the paragraph": True,
        "already detached": True,
        "untouched": False,
    }

    fresh.library.add([reviews[0]])  # imported again, same id
    back = {n.text: n for n in Store(tmp_path / "d").user.snapshot().notes}
    assert not back["on the paragraph"].detached and back["on the paragraph"].id == note.id
    assert back["already detached"].detached  # its text is still not there
    assert Store(tmp_path / "d").library.get("aa01") is not None


def test_reimport_through_the_cli_reattaches(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(library)
    rid = store.library.column("id")[4]  # "Title two 0"
    store.user.add_note(Anchor(rid, paragraph=0, quoted="zebra two"), "mine")
    run(capsys, "--data-dir", str(library), "remove", "--source", str(tmp_path / "src" / "two"))
    assert Store(library).user.snapshot().notes[0].detached
    code, out, _ = run(capsys, "--data-dir", str(library), "import", str(tmp_path / "src" / "two"))
    assert code == 0 and "3 new" in out
    (note,) = Store(library).user.snapshot().notes
    assert not note.detached and note.anchor.review_id == rid
    assert found(library, "two0") == {"Title two 0"}


def test_index_forgets_in_place_and_stays_right(tmp_path: Path) -> None:
    """Many imports (many segments), removals here and there: every word still finds exactly its reviews."""
    rng = random.Random(7)
    store = Store(tmp_path / "d")
    words = ["apple", "brook", "cedar", "dune", "ember"]
    expected: dict[str, str] = {}  # id -> its word
    for batch in range(8):
        reviews = []
        for n in range(rng.randint(3, 12)):
            rid = stable_id("batch", str(batch), str(n))
            word = rng.choice(words)
            expected[rid] = word
            reviews.append(Review(id=rid, title=f"b{batch} n{n}", source=f"/s/{batch}", paragraphs=(f"{word} text",)))
        store.library.add(reviews)
        SearchIndex.open(store)
        if batch % 3 == 2:  # remove a few, from anywhere
            ids = list(store.library.column("id"))
            chosen = rng.sample(ids, rng.randint(1, 5))
            removal.remove(store, removal.plan_ids(store, chosen))
            for rid in chosen:
                del expected[rid]
            assert not SearchIndex(store, store.library.folder / "index").is_stale()
            check(tmp_path / "d", expected, words)
    check(tmp_path / "d", expected, words)


def check(data: Path, expected: dict[str, str], words: list[str]) -> None:
    store = Store(data)
    index = SearchIndex.open(store, refresh=False)
    ids = store.library.column("id")
    for word in words:
        hits = {ids[h.position] for h in index.search(word)}
        assert hits == {rid for rid, w in expected.items() if w == word}, word


def test_a_removal_keeps_segments_after_it(tmp_path: Path) -> None:
    """Removing an early import shifts the later segments instead of indexing them again."""
    store = Store(tmp_path / "d")
    for batch in range(3):
        store.library.add(
            [
                Review(id=f"r{batch}-{n}", title=f"t{batch}", source=f"/s/{batch}", paragraphs=(f"w{batch}",))
                for n in range(4)
            ]
        )
        SearchIndex.open(store)
    folder = store.library.folder / "index"
    before = {e["file"] for e in index_build.Manifest.read(folder).segments}  # type: ignore[union-attr]
    done = removal.remove(store, removal.plan_source(store, Path("/s/0")))
    assert len(done.removed.ids) == 4
    manifest = index_build.Manifest.read(folder)
    assert manifest is not None
    assert [index_build.shift_of(e) for e in manifest.segments] == [4, 4]
    assert {e["file"] for e in manifest.segments} < before  # the two later files, kept
    assert orjson.loads((folder / index_build.MANIFEST).read_bytes())["schema"] == index_build.SHIFTED_SCHEMA
    index = SearchIndex.open(Store(tmp_path / "d"))
    assert [len(index.search(w)) for w in ("w0", "w1", "w2")] == [0, 4, 4]


def test_a_review_removed_from_inside_a_segment_is_cut_out_not_reindexed(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    reviews = [
        Review(id=f"r{n:03d}", title=f"t{n}", source="/s/x", paragraphs=(f"common w{n % 3}",)) for n in range(100)
    ]
    store.library.add(reviews)
    SearchIndex.open(store)
    folder = store.library.folder / "index"
    (only,) = index_build.Manifest.read(folder).segments  # type: ignore[union-attr]
    expected = {r.id: f"w{int(r.id[1:]) % 3}" for r in reviews}
    for rounds, chosen in enumerate((["r010"], ["r050", "r051", "r099"], ["r000"])):
        removal.remove(store, removal.plan_ids(store, chosen))
        for rid in chosen:
            del expected[rid]
        manifest = index_build.Manifest.read(folder)
        assert manifest is not None and [e["file"] for e in manifest.segments] == [only["file"]], rounds
        check(tmp_path / "d", expected, ["w0", "w1", "w2"])
        assert len(SearchIndex.open(Store(tmp_path / "d")).search("common")) == len(expected)
    many = [rid for rid in list(expected)[:40]]  # past MAX_GONE holes: indexed again instead
    removal.remove(store, removal.plan_ids(store, many))
    for rid in many:
        del expected[rid]
    manifest = index_build.Manifest.read(folder)
    assert manifest is not None and only["file"] not in [e["file"] for e in manifest.segments]
    check(tmp_path / "d", expected, ["w0", "w1", "w2"])
    assert len(SearchIndex.open(Store(tmp_path / "d")).search("common")) == len(expected)
