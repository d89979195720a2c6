"""How fast the reader paints: `python bench/ui_paint.py --reviews 100000`.

Self-contained: builds a synthetic library of N small reviews (plus two with 1,000
comments each) in a temp folder, then measures in fresh processes, each on its own
pseudo-terminal so the real escape-sequence output is produced and written:

- first paint of an empty Textual app, from process start (the floor);
- first paint of the reader on the N-review library, from process start;
- the same on a 100-review library: what the app itself costs, whatever the library size;
- open-to-painted time of a 1,000-comment review (cold, then the median of warm opens).

Prints JSON. Targets (issue 3): reader first paint <= 1.3x the empty app; 1,000
comments <= 150 ms. "Painted" means the frame was written to the terminal.
"""

from __future__ import annotations

import argparse
import fcntl
import gc
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SIZE = (140, 40)
BATCH = 10_000
OPENS = 5
SMALL = 100  # reviews in the library that shows the app's own start-up cost


# ---- the library ---------------------------------------------------------------------


def build_library(folder: Path, count: int) -> None:
    from tui_reader.core.content.models import Comment, Review
    from tui_reader.core.store import Store

    def thread(prefix: str, shape: tuple[int, ...], depth: int = 0) -> tuple[Comment, ...]:
        if depth == len(shape):
            return ()
        body = "A reply with a few sentences of text, long enough to wrap over two or three lines. " * 2
        return tuple(
            Comment(f"{prefix}.{n}", body, f"user{depth}{n}", replies=thread(f"{prefix}.{n}", shape, depth + 1))
            for n in range(shape[depth])
        )

    big = [
        Review(f"big{n}", f"A thousand comments {n}", "bench", ("Body.",), comments=thread(f"b{n}", (10, 9, 10)))
        for n in range(2)
    ]
    store = Store(folder)
    for start in range(0, count, BATCH):
        store.library.add(
            Review(
                id=f"r{i:07d}",
                title=f"Review number {i} about a film with a reasonably long title",
                source="bench",
                paragraphs=(f"Body of review {i}.",),
                author=f"author{i % 977}",
                date=f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            )
            for i in range(start, min(start + BATCH, count))
        )
    store.library.add(big)  # last: the reader opens the first review at start, a typical small one


# ---- children: one figure per fresh process --------------------------------------------


def child(kind: str, data: str, out: str, spawned: int) -> None:
    sys.path.insert(0, str(REPO))
    if kind != "empty":
        gc.disable()  # as `tui-reader` starts the reader (cli_import.cmd_open): no collections until the first frame
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    result: dict[str, Any] = {}

    def since_spawn() -> float:
        return (time.monotonic_ns() - spawned) / 1e9

    def finish(app: App[None]) -> None:
        Path(out).write_text(json.dumps(result), encoding="utf-8")
        app.exit()

    if kind == "empty":

        class Empty(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("")

            def _display(self, screen: Screen[Any], renderable: Any) -> None:
                super()._display(screen, renderable)
                if renderable is not None and "first_paint_s" not in result:
                    result["first_paint_s"] = since_spawn()
                    self.call_later(finish, self)

        Empty().run()
        return

    from tui_reader.core.store import Store
    from tui_reader.ui.app import ReaderApp

    class Reader(ReaderApp):
        opening = 0.0
        opens: list[float] = []  # noqa: RUF012 (one instance per process)

        def _display(self, screen: Screen[Any], renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is None or screen is not self.main:
                return
            if "first_paint_s" not in result:
                result["first_paint_s"] = since_spawn()
                result["reviews"] = len(self.store.library)
                self.call_later(self.open_big)
            elif self.opening:
                self.opens.append(time.perf_counter() - self.opening)
                self.opening = 0.0
                self.call_later(self.open_big)

        def open_big(self) -> None:
            if len(self.opens) > OPENS:
                result["open_1000_cold_ms"] = self.opens[0] * 1000
                result["open_1000_warm_ms"] = statistics.median(self.opens[1:]) * 1000
                finish(self)
                return
            self.opening = time.perf_counter()
            big = len(self.store.library) - 1 - len(self.opens) % 2  # alternate the two big reviews
            self.main.open_position(big)
            self.main.refresh()

    Reader(Store(Path(data))).run()


def run_child(kind: str, data: Path, out: Path) -> dict[str, Any]:
    """Run one child on a pseudo-terminal of SIZE, drain its output, return its figures."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "PYTHONPATH": str(REPO)}
    command = [sys.executable, __file__, "--child", kind, str(data), str(out)]
    spawned = time.monotonic_ns()
    process = subprocess.Popen([*command, str(spawned)], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    written = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            written.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        process.wait(timeout=120)
    finally:
        reader.join(timeout=5)
        os.close(master)
    if not out.exists():
        raise SystemExit(f"{kind} child failed:\n{written.decode(errors='replace')[-2000:]}")
    figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    figures["bytes_written"] = len(written)
    out.unlink()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per figure (the median is kept)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, data, out, spawned = args.child
        child(kind, data, out, int(spawned))
        return
    # The empty app's Textual was compiled to bytecode when pip installed it; do the same for
    # ours (an editable install has none, and PYTHONDONTWRITEBYTECODE would keep it so).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "tui_reader")], check=False)
    with tempfile.TemporaryDirectory(prefix="ui-paint-") as tmp:
        data, small = Path(tmp, "data"), Path(tmp, "small")
        started = time.perf_counter()
        build_library(data, args.reviews)
        build_s = time.perf_counter() - started
        build_library(small, SMALL)
        out = Path(tmp, "result.json")
        empty, reader, reader_small = [], [], []
        for _ in range(args.runs):  # interleaved: a burst of load on the shared cores hits all three alike
            empty.append(run_child("empty", data, out))
            reader.append(run_child("reader", data, out))
            reader_small.append(run_child("reader", small, out))

    def median(runs: list[dict[str, Any]], key: str) -> float:
        return round(statistics.median(run[key] for run in runs), 4)

    empty_s, reader_s = median(empty, "first_paint_s"), median(reader, "first_paint_s")
    small_s = median(reader_small, "first_paint_s")
    report = {
        "reviews": reader[0]["reviews"],
        "terminal": f"{SIZE[0]}x{SIZE[1]}",
        "build_library_s": round(build_s, 1),
        "empty_app_first_paint_s": empty_s,
        "reader_first_paint_s": reader_s,
        "first_paint_ratio": round(reader_s / empty_s, 3),
        "first_paint_target_ratio": 1.3,
        f"reader_first_paint_{SMALL}_reviews_s": small_s,
        f"first_paint_{args.reviews // 1000}k_vs_{SMALL}_reviews": round(reader_s / small_s, 3),
        "open_1000_comments_cold_ms": round(median(reader, "open_1000_cold_ms"), 1),
        "open_1000_comments_warm_ms": round(median(reader, "open_1000_warm_ms"), 1),
        "open_1000_target_ms": 150,
        "runs": args.runs,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
