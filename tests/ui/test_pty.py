"""The real app in a real pseudo-terminal: no escape sequence from review text reaches it.

Pilot tests check what widgets draw; this reads the bytes the process actually writes
to its terminal while it shows, scrolls and opens the hostile corpus.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile import write_hostile_corpus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

# Byte sequences that only the hostile content could have produced, were it passed through.
LEAKS = {
    "OSC 52 clipboard write": b"\x1b]52;c;aGFja2Vk",
    "window title change": b"\x1b]0;owned",
    "OSC 8 link from content": b"\x1b]8;;https://evil.example",
    "C1 CSI (U+009B)": "\u009b".encode(),
    "C1 OSC (U+009D)": "\u009d".encode(),
    "right-to-left override": "\u202e".encode(),
    "bidi isolate": "\u2066".encode(),
}


def drain(fd: int, seconds: float) -> bytes:
    chunks = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


@contextlib.contextmanager
def on_a_pty(args: list[str]) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`tui-reader ARGS` on a pseudo-terminal of 140x40 in a session of its own, and the master side;
    killed if still running when the block ends."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "140", "LINES": "40"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield proc, master
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def test_hostile_corpus_never_writes_its_escapes_to_the_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_hostile_corpus(corpus, huge_line_bytes=200_000)
    with on_a_pty(["--data-dir", str(tmp_path / "data"), str(corpus)]) as (proc, master):
        output = drain(master, 6.0)  # start, import the corpus in the worker, first paint
        for keys in ["j", "j", "\r", "\t", "j", "G", "\t", "j", "l", "1", "G", "\r", "2", "G", "k"]:
            os.write(master, keys.encode())
            output += drain(master, 0.25)
        os.write(master, b"q")
        output += read_until(master, b"\x1b[?1049l")  # the app's screen left: it quit
        proc.wait(timeout=60)
    assert len(output) > 10_000, "the app drew almost nothing: did it start?"
    assert b"Traceback" not in output
    leaked = [name for name, needle in LEAKS.items() if needle in output]
    assert leaked == []
    assert proc.returncode == 0


def read_until(fd: int, wanted: bytes, seconds: float = 60.0) -> bytes:
    """What the process writes until `wanted` shows (a liveness deadline, not a speed bound)."""
    output = b""
    deadline = time.monotonic() + seconds
    while wanted not in output and time.monotonic() < deadline:
        output += drain(fd, 0.1)
    return output


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_signal_quits_as_q_does(tmp_path: Path, seeds: Path, signal_name: str) -> None:
    """`kill` and a closed terminal window (SIGHUP) remember where the reader was and put the
    terminal back; Python's default ended the process mid-screen, the place forgotten."""
    import signal

    from tui_reader.cli import main
    from tui_reader.core.store import Store
    from tui_reader.ui.state.remembered import load_state

    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(seeds)]) == 0
    with on_a_pty(["--data-dir", str(data)]) as (proc, master):
        output = read_until(master, b"Reviews")
        os.write(master, b"j")  # the second review: its preview paints a word of its second paragraph
        output += read_until(master, b"Twombly")  # the `j` was handled before the signal comes
        assert b"Twombly" in output
        os.killpg(proc.pid, getattr(signal, signal_name))
        output += read_until(master, b"\x1b[?1049l")  # the app's screen left
        proc.wait(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in output
    assert b"\x1b[?1049l" in output  # the terminal's own screen back
    assert load_state(Store(data).state_path).list_row == 1
