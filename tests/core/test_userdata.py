"""Bookmarks, notes, quotes and read state: atomic, locked, never silently lost."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store.userdata import UserData


def test_bookmark_toggle_notes_quotes_and_read(tmp_path: Path) -> None:
    user = UserData(tmp_path / "userdata.json")
    assert user.toggle_bookmark("r1") is True
    assert user.toggle_bookmark("r1", "c1") is True
    assert user.toggle_bookmark("r1") is False
    note = user.add_note(Anchor("r1", paragraph=2, offset=10, quoted="a phrase"), "my thought")
    user.add_quote(Anchor("r1", comment_id="c1"), "quoted words", attribution="— ann, Title")
    user.set_read("r1")
    user.set_read("r2")
    user.set_read("r2", False)
    snap = UserData(tmp_path / "userdata.json").snapshot()
    assert snap.bookmarked_reviews == frozenset()
    assert snap.bookmarked_comments == {"c1"}
    assert [n.text for n in snap.notes] == ["my thought"] and snap.notes[0].anchor.quoted == "a phrase"
    assert [q.text for q in snap.quotes] == ["quoted words"]
    assert snap.read == {"r1"}
    assert user.update_note(note, "changed") == "saved" and user.snapshot().notes[0].text == "changed"
    assert user.delete_note(note.id) and user.snapshot().notes == ()
    assert not user.delete_note(note.id)


def test_detached_notes_are_kept(tmp_path: Path) -> None:
    user = UserData(tmp_path / "userdata.json")
    note = user.add_note(Anchor("r1", quoted="gone now"), "still mine")
    user.update_anchors({note.id: (note.anchor, True)})
    kept = user.snapshot().notes
    assert len(kept) == 1 and kept[0].detached and kept[0].text == "still mine"


@pytest.mark.parametrize("garbage", [b"{trunc", b"\x00\x00", b"[]"])
def test_corrupt_user_file_is_moved_aside_never_deleted(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "userdata.json"
    path.write_bytes(garbage)
    user = UserData(path)
    assert len(user.problems) == 1 and "userdata.json" in user.problems[0] and "kept as" in user.problems[0]
    aside = list(tmp_path.glob("userdata.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    user.toggle_bookmark("r1")
    assert user.snapshot().bookmarked_reviews == {"r1"}


def _writer(path: str, tag: str, count: int) -> None:
    user = UserData(Path(path))
    for n in range(count):
        user.add_note(Anchor(f"{tag}-{n}"), f"{tag} note {n}")
        user.toggle_bookmark(f"{tag}-{n}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), tag, 25)) for tag in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    snap = UserData(path).snapshot()
    assert len(snap.notes) == 50
    assert snap.bookmarked_reviews == {f"{t}-{n}" for t in "ab" for n in range(25)}


_KILL_TARGET = """
import os
import sys
from pathlib import Path
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store.userdata import UserData
user = UserData(Path(sys.argv[1]))
n = 0
while True:
    user.add_note(Anchor("r"), f"note {n}")
    os.write(1, f"{n}\n".encode())  # one write: a kill cannot cut it
    n += 1
"""


def test_sigkill_during_writes_keeps_every_reported_write(tmp_path: Path) -> None:
    """A write that printed its number had returned: after SIGKILL it must be on disk."""
    path = tmp_path / "userdata.json"
    stored_before = 0
    for round_ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", _KILL_TARGET, str(path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        reported = 0
        deadline = time.monotonic() + 0.4 + 0.05 * round_
        while time.monotonic() < deadline and proc.stdout.readline():
            reported += 1
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        user = UserData(path)
        stored = len(user.snapshot().notes)
        assert not user.problems
        assert stored >= stored_before + reported
        stored_before = stored


def test_old_read_marks_are_moved_to_their_log_without_loss(tmp_path: Path) -> None:
    import orjson

    path = tmp_path / "userdata.json"
    meta = {"1": {"schema": 1, "created": "2026-01-01T00:00:00+00:00"}}
    read = {str(n): {"review_id": f"r{n}", "read": n % 3 != 0, "at": "x"} for n in range(1, 301)}
    note = {"id": "n1", "anchor": {"review_id": "r1"}, "text": "kept", "created": "x", "updated": "x"}
    path.write_bytes(orjson.dumps({"meta": meta, "read": read, "notes": {"1": note}}))
    expected = {f"r{n}" for n in range(1, 301) if n % 3 != 0}
    user = UserData(path)
    assert user.problems == []
    assert "read" not in orjson.loads(path.read_bytes())  # moved out of the JSON document
    assert user.snapshot().read == expected and [n.text for n in user.snapshot().notes] == ["kept"]
    assert UserData(path).snapshot().read == expected


def test_a_change_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    user = UserData(path)
    note = user.add_note(Anchor("r1"), "x")
    user.set_read("r1")
    before = (path.stat().st_ino, path.stat().st_mtime_ns, user.read_marks.path.stat().st_size)
    assert not user.delete_note("no such note")
    assert user.update_note(note, "x") == "saved"  # the text as it was
    user.set_read("r1")  # already read
    user.set_read("r2", False)  # already unread
    assert (path.stat().st_ino, path.stat().st_mtime_ns, user.read_marks.path.stat().st_size) == before


def test_read_log_skips_a_line_a_kill_cut_and_compacts(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    user = UserData(path)
    user.set_read("r1")
    with open(user.read_marks.path, "ab") as handle:
        handle.write(b'+"r9')  # a kill in the middle of an append
    user.set_read("r2")
    assert UserData(path).snapshot().read == {"r1", "r2"}
    for n in range(3000):  # far more lines than live marks: the log is rewritten, never grows without end
        user.set_read("r3", n % 2 == 0)
    assert user.read_marks.path.stat().st_size < 8_000  # 3,000 lines would be 18 KB
    other = UserData(path)
    assert other.snapshot().read == {"r1", "r2"} == user.snapshot().read
    assert other.problems == []


def _marker(path: str, tag: str, count: int) -> None:
    user = UserData(Path(path))
    for n in range(count):
        user.set_read(f"{tag}-{n}")
        if n % 2:
            user.toggle_bookmark(f"{tag}-{n}")


def test_two_processes_marking_read_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_marker, args=(str(path), tag, 40)) for tag in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    snap = UserData(path).snapshot()
    assert snap.read == {f"{t}-{n}" for t in "ab" for n in range(40)}
    assert snap.bookmarked_reviews == {f"{t}-{n}" for t in "ab" for n in range(1, 40, 2)}


@pytest.mark.parametrize(
    "log",
    [
        b'+"a"\n+"b"\n-"a"\n+"c"\n',
        b'+"a"\n+"\n+"b"\n',  # a line cut right after its quote
        b'+"a\\"q"\n+"b"\n-"b"\n',  # an escaped id
        b'-"x"\n+"a"\n+"a"\n+"b"\n-"b"\n+"b"\n',
    ],
)
def test_read_log_fast_and_line_by_line_reading_agree(tmp_path: Path, log: bytes) -> None:
    from tui_reader.core.store.userdata_read import ReadMarks, _header

    path = tmp_path / "userdata.read"
    path.write_bytes(_header() + log)
    expected: set[str] = set()
    import orjson

    for line in log.split(b"\n")[:-1]:
        try:
            review_id = orjson.loads(line[1:])
        except orjson.JSONDecodeError:
            continue
        if line[:1] == b"+":
            expected.add(review_id)
        else:
            expected.discard(review_id)
    assert ReadMarks(path, []).ids() == expected


def test_an_edit_over_another_windows_change_or_delete_keeps_both(tmp_path: Path) -> None:
    """Two windows on one library: the second save of a note overwrote the first without a word,
    and a save after the other window deleted the note was lost. Every word typed is kept."""
    here, there = UserData(tmp_path / "userdata.json"), UserData(tmp_path / "userdata.json")
    note = here.add_note(Anchor("r1", paragraph=2), "first")
    (opened_there,) = there.snapshot().notes
    assert here.update_note(note, "mine") == "saved"
    assert there.update_note(opened_there, "theirs") == "changed elsewhere"
    texts = sorted(n.text for n in here.snapshot().notes)
    assert texts == ["mine", "theirs"] and {n.anchor for n in here.snapshot().notes} == {note.anchor}
    (mine,) = [n for n in here.snapshot().notes if n.text == "mine"]
    assert here.delete_note(mine.id)
    assert there.update_note(mine, "typed while it was deleted") == "deleted elsewhere"
    assert sorted(n.text for n in here.snapshot().notes) == ["theirs", "typed while it was deleted"]


def test_a_quote_is_deleted_alone_and_another_windows_writes_are_kept(tmp_path: Path) -> None:
    """Deleting a quote is one locked read-change-write: what another window wrote meanwhile stays."""
    here, there = UserData(tmp_path / "userdata.json"), UserData(tmp_path / "userdata.json")
    gone = here.add_quote(Anchor("r1", paragraph=0), "copied once")
    kept = here.add_quote(Anchor("r1", paragraph=1), "copied twice")
    there.add_note(Anchor("r1"), "their note")
    theirs = there.add_quote(Anchor("r2", comment_id="c1"), "their quote")
    assert here.delete_quote(gone.id)
    assert not there.delete_quote(gone.id)  # already gone: nothing else touched
    snap = there.snapshot()
    assert {q.id for q in snap.quotes} == {kept.id, theirs.id} and [n.text for n in snap.notes] == ["their note"]
    assert here.add_quote(gone.anchor, gone.text).id != gone.id  # copied again: kept again


def test_an_old_note_without_an_updated_stamp_is_edited_in_place(tmp_path: Path) -> None:
    """A note written before `updated` existed was read with `created` in its place: every edit of
    it made a copy and said "changed in another window"."""
    path = tmp_path / "userdata.json"
    UserData(path).add_note(Anchor("r1"), "old")
    document = orjson.loads(path.read_bytes())
    for record in document["notes"].values():
        del record["updated"]
    path.write_bytes(orjson.dumps(document))
    user = UserData(path)
    (note,) = user.snapshot().notes
    assert user.update_note(note, "edited") == "saved"
    assert [n.text for n in user.snapshot().notes] == ["edited"]


def test_a_file_cut_short_keeps_every_record_before_the_cut(tmp_path: Path) -> None:
    """A user file cut short (a disk full, an interrupted copy) was moved aside whole and the notes
    started empty: the records whole before the cut now come back, the damaged file still kept."""
    path = tmp_path / "userdata.json"
    user = UserData(path)
    notes = [user.add_note(Anchor("r1", paragraph=n), f"note {n}") for n in range(6)]
    whole = path.read_bytes()
    cut = whole.index(b'"note 4"')  # inside the fifth note
    path.write_bytes(whole[:cut])
    reopened = UserData(path)
    assert [n.text for n in reopened.snapshot().notes] == ["note 0", "note 1", "note 2", "note 3"]
    assert {n.id for n in reopened.snapshot().notes} <= {n.id for n in notes}
    (problem,) = reopened.problems
    assert "4 records recovered" in problem and "kept as userdata.json.corrupt-" in problem
    (kept,) = tmp_path.glob("userdata.json.corrupt-*")
    assert kept.read_bytes() == whole[:cut]
    assert UserData(path).problems == [] and len(UserData(path).snapshot().notes) == 4  # written back whole


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.text(max_size=30), max_size=6),
    bookmarks=st.lists(st.text(min_size=1, max_size=10), max_size=3),
    data=st.data(),
)
def test_salvage_reads_a_prefix_of_the_records(texts: list[str], bookmarks: list[str], data: st.DataObject) -> None:
    """Whatever the records and wherever the file is cut, what is salvaged is records of the file,
    as they were, and more of them the later the cut; the whole file gives them all."""
    from tui_reader.core.store.userdata_shape import salvaged

    document = {
        "meta": {"1": {"schema": 3}},
        "notes": {str(n): {"id": f"n{n}", "text": text} for n, text in enumerate(texts, 1)},
        "bookmarks": {str(n): {"review_id": review} for n, review in enumerate(bookmarks, 1)},
    }
    whole = orjson.dumps(document, option=data.draw(st.sampled_from([0, orjson.OPT_INDENT_2])))
    assert salvaged(whole) == document
    cuts = sorted(data.draw(st.lists(st.integers(0, len(whole)), min_size=2, max_size=4)))
    counts = []
    for cut in cuts:
        found = salvaged(whole[:cut])
        for name, table in found.items():
            assert all(document[name][key] == record for key, record in table.items())
        counts.append(sum(len(table) for table in found.values()))
    assert counts == sorted(counts)


def test_one_record_recovered_is_said_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "userdata.json"
    user = UserData(path)
    for n in range(2):
        user.add_note(Anchor("r1", paragraph=n), f"note {n}")
    whole = path.read_bytes()
    path.write_bytes(whole[: whole.index(b'"note 1"')])
    (problem,) = UserData(path).problems
    assert "1 record recovered" in problem
