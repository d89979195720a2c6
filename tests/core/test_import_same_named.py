"""Two files named alike in folders named alike are two reviews (IMDb's `train/neg/0_3.txt` and
`test/neg/0_3.txt`): the second was stored over the first, and a note on it went onto other words."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui_reader.core.content.user_records import Anchor
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.pipeline.same_named import NAMED_BY_FILE
from tui_reader.core.store import Store

TRAIN = "A terrific example of a film that earns its ending."
TEST = "I found it slow and smug, a pig of a film."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def texts(store: Store) -> set[str]:
    return {review.paragraphs[0] for review in store.library.iter_reviews()}


def test_two_files_named_alike_in_one_import_are_two_reviews(tmp_path: Path) -> None:
    root = tmp_path / "aclImdb"
    write(root / "train" / "neg" / "0_3.txt", TRAIN)
    write(root / "test" / "neg" / "0_3.txt", TEST)
    store = Store(tmp_path / "data")
    report = import_paths(store, [root])
    assert (report.new, report.updated) == (2, 0)
    assert texts(store) == {TRAIN, TEST}
    again = import_paths(store, [root])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_a_note_stays_on_its_words_when_a_file_named_alike_comes(tmp_path: Path) -> None:
    train = write(tmp_path / "aclImdb" / "train" / "neg" / "0_3.txt", TRAIN)
    test = write(tmp_path / "aclImdb" / "test" / "neg" / "0_3.txt", TEST)
    store = Store(tmp_path / "data")
    import_paths(store, [train])
    (first,) = list(store.library.iter_reviews())
    store.user.add_note(Anchor(first.id, paragraph=0, paragraph_text=TRAIN), "earned")
    report = import_paths(store, [test])
    assert (report.new, report.updated) == (1, 0)
    stored = store.library.get(first.id)
    assert stored is not None and stored.paragraphs == (TRAIN,)
    (note,) = store.user.snapshot().notes
    assert note.anchor.review_id == first.id and not note.detached
    both = import_paths(store, [tmp_path / "aclImdb"])
    assert (both.new, both.updated, both.unchanged) == (0, 0, 2)
    assert texts(store) == {TRAIN, TEST}


def test_a_moved_folder_and_an_edited_file_keep_their_ids(tmp_path: Path) -> None:
    """What `source_key` is for: the same words from a copied folder, and a file edited in place."""
    old = write(tmp_path / "old" / "films" / "her.txt", TRAIN)
    store = Store(tmp_path / "data")
    import_paths(store, [old])
    (review,) = list(store.library.iter_reviews())
    moved = tmp_path / "new" / "films" / "her.txt"
    moved.parent.mkdir(parents=True)
    shutil.copy(old, moved)
    assert import_paths(store, [moved]).new == 0
    write(moved, TRAIN + " Edited.")
    report = import_paths(store, [moved])
    assert (report.new, report.updated) == (0, 1)
    assert [r.id for r in store.library.iter_reviews()] == [review.id]


def test_a_dry_run_counts_them_as_the_import_would(tmp_path: Path) -> None:
    root = tmp_path / "aclImdb"
    write(root / "train" / "pos" / "1_9.txt", TRAIN)
    write(root / "test" / "pos" / "1_9.txt", TEST)
    store = Store(tmp_path / "data")
    assert import_paths(store, [root], dry_run=True).new == 2


def test_every_format_named_by_its_file_is_known() -> None:
    from tui_reader.core.importers import FORMATS

    names = {name for name, _ in FORMATS}
    assert names >= NAMED_BY_FILE
