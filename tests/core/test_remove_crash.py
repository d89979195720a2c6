"""SIGKILL in the middle of removals: the library is the old one or the new one, never half.

A writer imports a batch, removes the batch before it, and so on, until killed. After
each kill every batch is there whole (catalog rows and bodies) or not at all, a removal
that reported success is complete, the search index agrees with the library, and notes
on removed reviews are still there. Modelled on `test_crash_safety.py`.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui_reader.core.search import SearchIndex
from tui_reader.core.store import Store
from tui_reader.core.store.atomic import TEMP_MARK

BATCH = 5

_WRITER = """
import os
import sys
from pathlib import Path
from tui_reader.core.pipeline import removal
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.search.index import refresh_index
from tui_reader.core.store import Store
store = Store(Path(sys.argv[1]))
BATCH = int(sys.argv[3])
n = first = int(sys.argv[2])
while True:
    reviews = [
        Review(
            id=f"b{n}-{i}",
            title=f"t{n}-{i}",
            source=f"/src/{n}",
            paragraphs=(f"tok{n} " + "p" * 2000,),
            comments=tuple(Comment(id=f"b{n}-{i}-{c}", body="c" * 200) for c in range(10)),
        )
        for i in range(BATCH)
    ]
    store.library.add(reviews)
    refresh_index(store)
    store.user.add_note(Anchor(f"b{n}-0"), f"note {n}")
    os.write(1, f"a {n}\n".encode())
    if n > first:
        removal.remove(store, removal.plan_source(store, Path(f"/src/{n - 1}")))
        os.write(1, f"r {n - 1}\n".encode())
    n += 1
"""


def complete_lines(out: str) -> list[str]:
    """The writer's reports, without one the kill cut short.

    Each report is one `os.write` of a whole line (a pipe write that small is atomic), so
    only the last line can be unfinished; `print` would write the pieces separately where
    PYTHONUNBUFFERED is set, and a kill between them left a lone "a" that broke CI.
    """
    return out[: out.rfind("\n") + 1].splitlines()


def kill_rounds(data: Path, rounds: int, seed: int) -> int:
    rng = random.Random(seed)
    added: set[int] = set()
    removed: set[int] = set()
    in_flight: set[int] = set()
    next_n = 0
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(data), str(next_n), str(BATCH)], stdout=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0.4, 1.2))  # start-up is ~0.3 s: the kill lands in a random write
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        this_round: set[int] = set()
        for line in complete_lines(out):
            kind, number = line.split()
            (this_round if kind == "a" else removed).add(int(number))
        added |= this_round
        store = Store(data)
        assert store.problems == [], store.problems
        ids = set(store.library.column("id"))
        batches = {int(rid[1:].split("-")[0]) for rid in ids}
        for batch in batches:
            members = [f"b{batch}-{i}" for i in range(BATCH)]
            assert all(rid in ids for rid in members), f"batch {batch} is half there"
            assert all(store.library.get(rid) is not None for rid in members)
        assert not batches & removed, "a removal that reported success must be complete"
        if this_round:
            in_flight.add(max(this_round) - 1)  # its removal may have been under way (or done, unsaid)
        assert (added - removed) - batches <= in_flight, "only a batch whose removal was under way may be missing"
        index = SearchIndex.open(store)
        for batch in batches | removed:
            hits = {store.library.column("id")[hit.position] for hit in index.search(f"tok{batch}")}
            assert hits == ({f"b{batch}-{i}" for i in range(BATCH)} if batch in batches else set()), batch
        notes = {note.text: note for note in store.user.snapshot().notes}
        assert all(f"note {n}" in notes for n in added), "notes on removed reviews are kept"
        assert all(notes[f"note {n}"].detached for n in removed)
        assert not list(data.rglob(f"*{TEMP_MARK}*")), "stale temp files must be cleaned at start"
        next_n = max(added | removed, default=next_n - 1) + 1000  # fresh batch numbers each round
    return rounds


def test_kill_during_removals_quick(tmp_path: Path) -> None:
    assert kill_rounds(tmp_path / "d", rounds=4, seed=3) == 4


@pytest.mark.slow
def test_kill_during_removals_many_times(tmp_path: Path) -> None:
    assert kill_rounds(tmp_path / "d", rounds=100, seed=4) == 100
