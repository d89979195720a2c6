"""The whole CPU of an import: `python bench/import_cpu.py FOLDER...` (e.g. IMDB's pos and neg).

Why: an import parses in worker processes started by a fork server, and `time` or
`getrusage` on the command sees only the main process (the workers are not its
children). Here the same import runs with the parsing in this one process, so this
process's CPU time is what the import costs in all, without the pickling between
processes. Prints one JSON object; run it interleaved against another checkout to compare.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from tui_reader.core.pipeline import parse_pool
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store


def main() -> int:
    folders = [Path(arg) for arg in sys.argv[1:]]
    if not folders:
        print("usage: import_cpu.py FOLDER...", file=sys.stderr)
        return 2
    parse_pool._pool = lambda workers: None  # no worker pool: every file is parsed here
    parse_pool.warm_up = lambda: None  # nor its fork server
    with tempfile.TemporaryDirectory(prefix="tui-reader-import-cpu-") as scratch:
        cpu, wall = time.process_time(), time.perf_counter()
        report = import_paths(Store(Path(scratch)), folders)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({"summary": report.summary_line(), "cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
