"""SIGKILL in the middle of writes, many times: everything that reported success is there.

The quick variants run in `make test`; the long ones (hundreds of kills) carry the
`slow` marker and run in `make test-long`, which CI runs too.
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

from tui_reader.core.store import Store
from tui_reader.core.store.atomic import TEMP_MARK

_WRITER = """
import os
import sys
from pathlib import Path
from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store
store = Store(Path(sys.argv[1]))
n = int(sys.argv[2])
while True:
    rid = stable_id("kill", str(n))
    comments = tuple(Comment(id=stable_id(rid, str(c)), body="c" * 200) for c in range(20))
    store.library.add([Review(id=rid, title=f"t{n}", source="s", paragraphs=("p" * 2000,), comments=comments)])
    store.user.add_note(Anchor(rid), f"note {n}")
    os.write(1, f"{n}\n".encode())  # one write: a kill cannot cut it
    n += 1
"""


def kill_rounds(data: Path, rounds: int, seed: int) -> int:
    """Run the writer, SIGKILL it at a random moment, check, repeat. Returns kills survived."""
    rng = random.Random(seed)
    confirmed: set[int] = set()
    next_n = 0
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(data), str(next_n)], stdout=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0.3, 0.9))  # start-up is ~0.25 s: the kill lands mid-write at a random point
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        confirmed.update(int(line) for line in out[: out.rfind("\n") + 1].split())
        store = Store(data)
        assert store.problems == [], store.problems
        positions = {title: i for i, title in enumerate(store.library.column("title"))}
        notes = {note.text for note in store.user.snapshot().notes}
        for n in confirmed:
            assert f"t{n}" in positions and f"note {n}" in notes
        for n in confirmed & set(range(next_n, next_n + 1000)):  # this round's reviews load in full
            review = store.library.get(store.library.column("id")[positions[f"t{n}"]])
            assert review is not None and len(review.comments) == 20
        next_n = max(confirmed, default=next_n - 1) + 1 + 1000  # fresh ids each round
        assert not list(data.rglob(f"*{TEMP_MARK}*")), "stale temp files must be cleaned at start"
    return rounds


def test_kill_during_imports_and_notes_quick(tmp_path: Path) -> None:
    assert kill_rounds(tmp_path / "d", rounds=6, seed=1) == 6


@pytest.mark.slow
def test_kill_during_imports_and_notes_hundreds_of_times(tmp_path: Path) -> None:
    assert kill_rounds(tmp_path / "d", rounds=200, seed=2) == 200
