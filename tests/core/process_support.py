"""A fresh interpreter for what one process alone shows: which modules a command imported, what it
did at exit. The tests' own process has imported everything already."""

from __future__ import annotations

import subprocess
import sys


def last_line(code: str, *args: str) -> str:
    """The last line `python -c code ARGS...` printed (it must exit 0)."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]
