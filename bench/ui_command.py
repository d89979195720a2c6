"""First paint of the real command, as a user restarts it: `python bench/ui_command.py --reviews N`.

Why beside ui_paint.py: that one runs the app class in-process over one-line reviews
with nothing remembered, and reported 1.05-1.33x where the real `tui-reader` on a
100k library with comments, restarted with its state, measured 1.39-1.62x (issue 19,
item 6). Here every run is a fresh `tui-reader --data-dir D` (the installed entry
point, our code first on the path) on its own pseudo-terminal of 140x40, over the
synthetic library of the store bench (~10 comments a review), with a state file that
remembers a review deep in the list, the thread pane and (second figure) a title sort.
"Painted" is seen from outside: the remembered review's title appears in what the
process wrote to the terminal (escape sequences stripped). The baseline is an empty
Textual app whose one Static holds a marker, timed alike, interleaved run by run.

Prints JSON (`..._target_ratio` keys are the targets: issue 19, 1.3x with state;
1.5x at 1M with a title sort), then each figure against its target, PASS or MISS.
`--data-dir DIR` keeps the library there and reuses it while it holds `--reviews` reviews.
`--vs DIR` also runs the reader from another checkout's code (DIR first on the path), interleaved
run by run with ours and the empty app: an A/B of a change in one call, with paired ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SIZE = (140, 40)
BATCH = 2000
TIMEOUT_S = 60.0
STATE_TARGET, TITLE_SORT_TARGET = 1.3, 1.5  # issue 19: 100k with state; 1M with a title sort
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
EMPTY_MARKER = "empty app painted"
EMPTY_APP = f"""
from textual.app import App
from textual.widgets import Static
class Empty(App):
    def compose(self):
        yield Static({EMPTY_MARKER!r})
Empty().run()
"""


def build(data: Path, count: int) -> None:
    from bench.synth import batches
    from tui_reader.core.store import Store

    store = Store(data)
    for batch in batches(count, BATCH):
        store.library.add(batch)


def library_size(data: Path) -> int:
    """Reviews already in `data` (0 when there is no library), so a kept library is built once."""
    if not data.exists():
        return 0
    from tui_reader.core.store import Store

    return len(Store(data).library)


def remember(data: Path, sort: str) -> str:
    """A state file as the reader writes it on quit: a review deep in the list, the thread pane."""
    from tui_reader.core.store import Store
    from tui_reader.ui.state.ordering import ordered
    from tui_reader.ui.state.remembered import UiState, save_state

    store = Store(data)
    position = len(store.library) * 2 // 3
    summary = store.library.summary(position)
    row = ordered(store, sort).index(position)  # the cursor's row, as the reader remembers it
    state = UiState(review_id=summary.id, pane="thread", list_scroll=float(row), list_row=row, sort=sort)
    problem = save_state(store.state_path, state)
    if problem:
        raise SystemExit(problem)
    return str(summary.title)[:24]


class Terminal:
    """A command on its own pseudo-terminal of SIZE: what it writes is read as it comes, keys are written to it.

    The one pty harness of the ui benches (bench/ui_focus.py presses keys through it too).
    """

    def __init__(self, command: list[str], code: Path = REPO) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "PYTHONPATH": str(code)}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.written = bytearray()

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout` seconds; False when nothing came."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the process ended
            return False
        self.written.extend(chunk)
        return bool(chunk)

    def text(self) -> str:
        """Everything written so far, escape sequences stripped."""
        return ESCAPES.sub(b"", self.written).decode(errors="replace")

    def wait_for(self, marker: str) -> float:
        """Seconds from spawn until `marker` shows in what the process wrote."""
        wanted = marker.encode()
        while time.perf_counter() - self.started < TIMEOUT_S:
            if self._read(0.5) and wanted in ESCAPES.sub(b"", self.written):
                return time.perf_counter() - self.started
            if self.process.poll() is not None and not self._read(0):
                break
        raise SystemExit(f"never painted {marker!r}:\n{self.text()[-1500:]}")

    def quiet(self, quiet_s: float, first_s: float = 0.0) -> float | None:
        """Read until nothing has come for `quiet_s` (waiting up to `first_s` for the first output): the time
        (perf_counter) of the last output, None if none came."""
        last = None
        while self._read(max(quiet_s, first_s) if last is None else quiet_s):
            last = time.perf_counter()
        return last

    def press(self, key: bytes) -> float:
        """Write a key as the terminal would send it; the time it was written."""
        os.write(self.master, key)
        return time.perf_counter()

    def cpu_s(self) -> float:
        """The process's CPU time so far (user + system, all its threads), from /proc."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # it may have ended on its own (ui_instructions.py)
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def painted_after(command: list[str], marker: str, code: Path = REPO) -> float:
    """Seconds from spawn until `marker` shows in what the process wrote to its terminal (`code`: whose
    `tui_reader` it runs)."""
    with Terminal(command, code) as terminal:
        return terminal.wait_for(marker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure (the median is kept)")
    parser.add_argument(
        "--data-dir", type=Path, help="keep the library here and reuse it when it already holds --reviews reviews"
    )
    parser.add_argument("--vs", type=Path, metavar="DIR", help="also run the reader from DIR's code, interleaved")
    args = parser.parse_args()
    # As `make run`: bytecode for our modules (this machine sets PYTHONDONTWRITEBYTECODE).
    for code in (REPO, *([args.vs] if args.vs else [])):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "tui_reader")], check=False)
    reader = [str(Path(sys.executable).with_name("tui-reader")), "--data-dir"]
    empty = [sys.executable, "-c", EMPTY_APP]
    with tempfile.TemporaryDirectory(prefix="ui-command-") as tmp:
        data = args.data_dir or Path(tmp, "data")
        started = time.perf_counter()
        if library_size(data) != args.reviews:
            build(data, args.reviews)
        build_s = time.perf_counter() - started
        keys = ("empty", "state", "title_sort", "vs_state", "vs_title_sort")
        times: dict[str, list[float]] = {key: [] for key in keys}
        for _ in range(args.runs):  # interleaved: load on the shared cores hits all alike
            times["empty"].append(painted_after(empty, EMPTY_MARKER))
            for sort, key in (("imported", "state"), ("title", "title_sort")):
                marker = remember(data, sort)
                times[key].append(painted_after([*reader, str(data)], marker))
                if args.vs:
                    times[f"vs_{key}"].append(painted_after([*reader, str(data)], marker, args.vs))
    empty_s, state_s, title_s = (statistics.median(times[key]) for key in ("empty", "state", "title_sort"))
    state_ratio, title_ratio = state_s / empty_s, title_s / empty_s
    print(
        json.dumps(
            {
                **(_versus(times, empty_s) if args.vs else {}),
                "reviews": args.reviews,
                "build_library_s": round(build_s, 1),
                "empty_app_paint_s": round(empty_s, 3),
                "command_restart_with_state_s": round(state_s, 3),
                "command_restart_title_sort_s": round(title_s, 3),
                "state_ratio": round(state_ratio, 3),
                "state_target_ratio": STATE_TARGET,
                "title_sort_ratio": round(title_ratio, 3),
                "title_sort_target_ratio": TITLE_SORT_TARGET,
                "runs": args.runs,
            },
            indent=2,
        )
    )
    # The verdicts on stderr: stdout is the one JSON object `make bench` reads.
    print(verdict("first paint, restart with state", state_ratio, STATE_TARGET), file=sys.stderr)
    title_note = "" if args.reviews >= 1_000_000 else f" (target set at 1M; measured at {args.reviews:,})"
    print(
        verdict("first paint, restart with a title sort", title_ratio, TITLE_SORT_TARGET) + title_note, file=sys.stderr
    )


def _versus(times: dict[str, list[float]], empty_s: float) -> dict[str, float]:
    """The other checkout's figures, and ours over its run by run (the median of the paired ratios)."""
    figures: dict[str, float] = {}
    for key in ("state", "title_sort"):
        theirs = statistics.median(times[f"vs_{key}"])
        figures[f"vs_restart_{key}_s"] = round(theirs, 3)
        figures[f"vs_{key}_ratio"] = round(theirs / empty_s, 3)
        paired = [ours / other for ours, other in zip(times[key], times[f"vs_{key}"], strict=True)]
        figures[f"{key}_over_vs_paired"] = round(statistics.median(paired), 3)
    return figures


def verdict(figure: str, ratio: float, target: float) -> str:
    return f"{figure}: {ratio:.2f}x the empty app, target <= {target}x: {'PASS' if ratio <= target else 'MISS'}"


if __name__ == "__main__":
    main()
