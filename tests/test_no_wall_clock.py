"""Guard: tests assert behaviour, never how long something took.

A test that fails because the machine is busy blocks landings and teaches everyone to ignore
red; speed figures live in bench/, against baselines measured in the same run.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent
# A timer read to compute a duration: waiting with a deadline (monotonic) is allowed, measuring is not.
MEASURING = re.compile(r"perf_counter|process_time|assert .*(elapsed|took|duration|seconds)[^=\n]*[<>]=? *[0-9.]+")


def test_no_test_bounds_wall_clock_time() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MEASURING.search(line)
    ]
    assert offenders == []
