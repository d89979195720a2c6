"""What a pane focus change (`1`/`2`/`3`, Tab) costs in the real app: a measurement, not a test.

Runs the app headless at 140x40 over 2,000 reviews and one threaded review, presses the
focus keys 48 times and prints the main thread's CPU time from each key to the screen
being idle again (CPU time, not wall time: the machine may be shared), beside a key bound
to nothing (what the harness itself costs). `--profile` adds the cProfile top 35.

    python scripts/profile_focus.py [--profile]
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from textual.pilot import Pilot  # noqa: E402

from tests.ui.conftest import synthetic, threaded  # noqa: E402
from tui_reader.core.store import Store  # noqa: E402
from tui_reader.ui.app import ReaderApp  # noqa: E402

FOCUS_KEYS = ["2", "3", "1", "tab", "tab", "tab"] * 8


async def cost_of(pilot: Pilot[None], key: str, profile: cProfile.Profile | None = None) -> float:
    """Milliseconds of CPU from pressing `key` to the screen idle after its refresh."""
    await pilot.pause(0.05)
    if profile is not None:
        profile.enable()
    start = time.thread_time()
    await pilot.press(key)
    await pilot.pause(0)
    await pilot.wait_for_scheduled_animations()
    spent = (time.thread_time() - start) * 1000
    if profile is not None:
        profile.disable()
    return spent


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


async def main(with_profile: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="profile-focus-"))
    Store(folder).library.add([threaded("t", (5, 3, 2)), *synthetic(2000)])
    app = ReaderApp(Store(folder), [])
    profile = cProfile.Profile() if with_profile else None
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause(0.5)
        focus = [await cost_of(pilot, key, profile) for key in FOCUS_KEYS]
        idle = [await cost_of(pilot, "x") for _ in range(20)]
    print(f"focus change: median {median(focus):.1f} ms CPU, max {max(focus):.1f} ms (n={len(focus)})")
    print(f"unbound key (the harness): median {median(idle):.1f} ms CPU")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    asyncio.run(main("--profile" in sys.argv))
