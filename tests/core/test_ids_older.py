"""Notes stay on their text through re-imports, in libraries stored with the older ids too.

Tables without an id column were stored under line numbers, plain-text comments under their
place in the thread (`test_ids_by_content`). A library stored then holds those ids, with the
user's notes and bookmarks: reading the same file again must neither duplicate every review
nor detach a note, and reading an edited one must keep each note on the text it was written on
(or keep it aside, detached), never move it to another review or comment.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from tests.core.formats_support import write
from tui_reader.cli import main
from tui_reader.core.content.ids import source_key, stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.importers import parse_file
from tui_reader.core.importers.tableids import line_id
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store


def table(texts: list[str]) -> str:
    """Rows with a subject, an author, a date and a title: all part of what a row says."""
    rows = [["hotelName", "author", "date", "title", "review"]]
    rows += [["Hotel des Patients", "ann", "2024-01-02", text[:14], text] for text in texts]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def stored_as_before(store: Store, path: Path) -> list[Review]:
    """The file as older versions stored it: each row (one line each here) under its line number."""
    reviews = parse_file(path).reviews
    older = [review.with_id(line_id(source_key(path), line)) for line, review in enumerate(reviews, start=2)]
    store.library.add(older)
    return older


def note_each(store: Store) -> None:
    for review in store.library.iter_reviews():
        store.user.add_note(Anchor(review.id), review.body)  # the note says which text it was written on
        store.user.toggle_bookmark(review.id)


def assert_notes_on_their_text(store: Store) -> None:
    user = store.user.snapshot()
    for note in user.notes:
        review = store.library.get(note.anchor.review_id)
        assert review is not None and review.body == note.text and not note.detached
    bodies = {review.id: review.body for review in store.library.iter_reviews()}
    assert sorted(bodies[bookmark.review_id] for bookmark in user.bookmarks) == sorted(n.text for n in user.notes)


def counts(store: Store, path: Path) -> tuple[int, int, int]:
    report = import_paths(store, [path], index=False)
    return report.new, report.updated, report.unchanged


def test_older_ids_are_the_ones_older_versions_gave() -> None:
    """Pinned: what the code before this change stored for `t.csv` in `fix-ids-small` (Alpha, Beta)."""
    assert line_id("fix-ids-small/t.csv", 2) == "6d006e8f311d9356"
    assert line_id("fix-ids-small/t.csv", 3) == "996b4598d9b21f55"
    assert positional_ids("e84d440dec8ef2ec", 3) == ["53ed705358b2591e", "69d75d87f90c64d5", "3c865486034cf394"]


TEXTS = [f"Review number {n}: the room was fine." for n in range(8)]


def test_the_same_file_read_again_after_the_upgrade_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "lib")
    path = write(tmp_path, "All.csv", table(TEXTS))
    older = stored_as_before(store, path)
    note_each(store)
    dry = import_paths(store, [path], index=False, dry_run=True)
    assert (dry.new, dry.updated, dry.unchanged) == (0, 0, len(TEXTS))
    assert counts(store, path) == (0, 0, len(TEXTS))
    assert sorted(r.id for r in store.library.iter_reviews()) == sorted(r.id for r in older)
    assert_notes_on_their_text(store)


def test_then_a_row_deleted_above_or_rows_added_at_the_top_keep_every_note_on_its_text(tmp_path: Path) -> None:
    store = Store(tmp_path / "lib")
    path = write(tmp_path, "All.csv", table(TEXTS))
    stored_as_before(store, path)
    note_each(store)
    assert counts(store, path) == (0, 0, len(TEXTS))
    write(tmp_path, "All.csv", table(TEXTS[:1] + TEXTS[2:]))  # the second row deleted: all below move up
    assert counts(store, path) == (0, 0, len(TEXTS) - 1)
    assert len(store.library) == len(TEXTS)  # the deleted row's review stays, as it always did
    write(tmp_path, "All.csv", table(["Newest review at the top.", *TEXTS]))  # a newer export, newest first
    assert counts(store, path) == (1, 0, len(TEXTS))
    assert_notes_on_their_text(store)


def test_a_title_older_versions_made_from_the_text_still_finds_its_row(tmp_path: Path) -> None:
    """No title column: older versions titled `1. Dirty rooms. 2. Rude staff.` "1." and this one
    "Dirty rooms.": the stored row was taken for another review and imported again beside it, the
    user's note left on the stale copy. A row is found by what it says, not by a title made of it."""
    rows = (
        "hotel,author,date,review\n"
        "Hotel A,ann,2024-01-02,1. Dirty rooms. 2. Rude staff.\n"
        "Hotel B,bob,2024-01-03,- great value. cheap.\n"
    )
    path = write(tmp_path, "t.csv", rows)
    store = Store(tmp_path / "lib")
    read = parse_file(path).reviews
    as_stored = [replace(r, title=r.body.split()[0]) for r in read]  # "1." and "-", as the older title_from made
    store.library.add([r.with_id(line_id(source_key(path), line)) for line, r in enumerate(as_stored, start=2)])
    note_each(store)
    new, _, _ = counts(store, path)
    assert new == 0 and len(store.library) == 2
    assert sorted(r.title for r in store.library.iter_reviews()) == ["Dirty rooms.", "great value."]
    assert_notes_on_their_text(store)


def test_a_row_s_id_does_not_hang_on_a_title_made_from_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same words titled otherwise by a future `title_from` must keep their id: only a title the
    row writes is part of what it says."""
    import tui_reader.core.importers.tablemap as tablemap

    path = write(tmp_path, "t.csv", "hotel,author,review\nHotel A,ann,A plain review of the room.\n")
    first = parse_file(path).reviews[0].id
    monkeypatch.setattr(tablemap, "title_from", lambda text, fallback: "another making")
    again = parse_file(path).reviews[0]
    assert again.title == "another making" and again.id == first


@settings(max_examples=25, deadline=None)
@given(
    before=st.lists(st.integers(0, 25), min_size=1, max_size=10, unique=True),
    after=st.lists(st.integers(0, 25), min_size=1, max_size=10, unique=True),
    upgrade_first=st.booleans(),
)
def test_any_edit_keeps_each_note_on_its_rows_text(
    tmp_path_factory: pytest.TempPathFactory, before: list[int], after: list[int], upgrade_first: bool
) -> None:
    """Rows deleted, added, moved anywhere, read first as stored before or after one unchanged
    re-import: every note is on its text, and no text is stored twice."""
    folder = tmp_path_factory.mktemp("t")
    store = Store(folder / "lib")
    path = write(folder, "All.csv", table([TEXTS[0] + str(n) for n in before]))
    stored_as_before(store, path)
    note_each(store)
    if upgrade_first:
        assert counts(store, path) == (0, 0, len(before))
    write(folder, "All.csv", table([TEXTS[0] + str(n) for n in after]))
    assert counts(store, path)[0] == len(set(after) - set(before))
    bodies = [review.body for review in store.library.iter_reviews()]
    assert sorted(bodies) == sorted({TEXTS[0] + str(n) for n in [*before, *after]})
    assert_notes_on_their_text(store)


def test_the_brief_case_note_and_bookmark_stay_on_beta_and_there_is_one_gamma(tmp_path: Path) -> None:
    data = str(tmp_path / "lib")
    rows = "author,review\nann,Alpha is a review\nbob,Beta is a review\ncyd,Gamma is a review\n"
    path = write(tmp_path, "t.csv", rows)
    assert main(["--data-dir", data, "import", str(path)]) == 0
    store = Store(tmp_path / "lib")
    beta = next(r for r in store.library.iter_reviews() if r.body.startswith("Beta"))
    store.user.add_note(Anchor(beta.id), "on Beta")
    store.user.toggle_bookmark(beta.id)
    write(tmp_path, "t.csv", rows.replace("ann,Alpha is a review\n", ""))
    assert main(["--data-dir", data, "import", str(path)]) == 0
    store = Store(tmp_path / "lib")
    bodies = sorted(review.body for review in store.library.iter_reviews())
    assert bodies == ["Alpha is a review", "Beta is a review", "Gamma is a review"]
    (note,) = store.user.snapshot().notes
    (bookmark,) = store.user.snapshot().bookmarks
    on = store.library.get(note.anchor.review_id)
    assert on is not None and on.body == "Beta is a review" and bookmark.review_id == on.id


# ---- plain-text comments ------------------------------------------------------------

HEAD = "her“Are human emotions just a trick of the code?”\n\nA film about love.\n\n"
BODIES = ["Good review. It is honest.", "I agree with your assertions.", "A faultless movie in many ways."]


def thread(bodies: list[str]) -> str:
    return HEAD + "".join(f"  {n}. {body}\n" for n, body in enumerate(bodies, start=1))


def positional_ids(review_id: str, count: int) -> list[str]:
    return [stable_id(review_id, str(n)) for n in range(1, count + 1)]


def stored_thread_as_before(store: Store, path: Path) -> Review:
    """The file as older versions stored it: each comment (a flat thread here) under its place."""
    (review,) = parse_file(path).reviews
    ids = positional_ids(review.id, len(review.comments))
    older = replace(review, comments=tuple(replace(c, id=i) for i, c in zip(ids, review.comments, strict=True)))
    store.library.add([older])
    return older


def comment_notes(store: Store, review: Review) -> dict[str, str]:
    for comment in review.comments:
        store.user.add_note(Anchor(review.id, comment_id=comment.id), comment.body)
    store.user.toggle_bookmark(review.id, review.comments[2].id)
    return {comment.body: comment.id for comment in review.comments}


def test_a_thread_stored_before_keeps_its_comment_ids_and_notes(tmp_path: Path) -> None:
    store = Store(tmp_path / "lib")
    path = write(tmp_path, "003_her.txt", thread(BODIES))
    older = stored_thread_as_before(store, path)
    ids = comment_notes(store, older)
    assert counts(store, path) == (0, 0, 1)  # the same file: nothing changed, nothing detached
    write(tmp_path, "003_her.txt", thread([BODIES[0], BODIES[2]]))  # `2. I agree…` deleted
    assert counts(store, path) == (0, 1, 0)
    review = store.library.get(older.id)
    assert review is not None
    assert {c.body: c.id for c in review.comments} == {BODIES[0]: ids[BODIES[0]], BODIES[2]: ids[BODIES[2]]}
    user = store.user.snapshot()
    by_text = {note.text: note for note in user.notes}
    assert by_text[BODIES[1]].detached  # kept aside: its comment is gone
    for body in (BODIES[0], BODIES[2]):
        assert not by_text[body].detached and by_text[body].anchor.comment_id == ids[body]
    assert [bookmark.comment_id for bookmark in user.bookmarks] == [ids[BODIES[2]]]


def test_the_brief_case_the_note_on_i_agree_never_shows_under_a_faultless_movie(tmp_path: Path) -> None:
    """The seed itself, imported, noted, `2. I agree…` deleted, read again: that note is kept
    aside, the note on the next comment stays on it."""
    seed = next(SEEDS.glob("003_*.txt"))
    path = write(tmp_path, seed.name, seed.read_bytes())
    store = Store(tmp_path / "lib")
    import_paths(store, [path], index=False)
    (review,) = store.library.iter_reviews()
    agree, faultless = (next(c for c in review.comments if c.body.startswith(s)) for s in ("I agree", "A faultless"))
    store.user.add_note(Anchor(review.id, comment_id=agree.id), "on I agree")
    store.user.add_note(Anchor(review.id, comment_id=faultless.id), "on faultless")
    lines = seed.read_text(encoding="utf-8").split("\n")
    write(tmp_path, seed.name, "\n".join(line for line in lines if not line.lstrip().startswith("2. I agree")))
    assert counts(store, path) == (0, 1, 0)
    now = store.library.get(review.id)
    assert now is not None and [c.id for c in now.comments] == [review.comments[0].id, faultless.id]
    notes = {note.text: note for note in store.user.snapshot().notes}
    assert notes["on I agree"].detached and notes["on I agree"].anchor.comment_id == agree.id
    assert not notes["on faultless"].detached and notes["on faultless"].anchor.comment_id == faultless.id


@settings(max_examples=25, deadline=None)
@given(
    before=st.lists(st.integers(0, 12), min_size=1, max_size=6, unique=True),
    after=st.lists(st.integers(0, 12), min_size=1, max_size=6, unique=True),
    upgrade_first=st.booleans(),
)
def test_any_edit_of_a_thread_stored_before_keeps_each_note_on_its_comment_or_aside(
    tmp_path_factory: pytest.TempPathFactory, before: list[int], after: list[int], upgrade_first: bool
) -> None:
    folder = tmp_path_factory.mktemp("c")
    store = Store(folder / "lib")
    path = write(folder, "003_her.txt", thread([f"Comment {n} says so." for n in before]))
    older = stored_thread_as_before(store, path)
    for comment in older.comments:
        store.user.add_note(Anchor(older.id, comment_id=comment.id), comment.body)
    if upgrade_first:
        assert counts(store, path) == (0, 0, 1)
    write(folder, "003_her.txt", thread([f"Comment {n} says so." for n in after]))
    import_paths(store, [path], index=False)
    review = store.library.get(older.id)
    assert review is not None
    bodies = {comment.id: comment.body for comment in review.comments}
    for note in store.user.snapshot().notes:
        if note.detached:  # kept aside: its comment is gone from the file
            assert note.text not in bodies.values() and note.anchor.comment_id not in bodies
        else:
            assert bodies[note.anchor.comment_id or ""] == note.text
    assert sum(not note.detached for note in store.user.snapshot().notes) == len(set(before) & set(after))
