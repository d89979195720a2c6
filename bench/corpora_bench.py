"""Importing the real corpora (../shared/corpora): IMDB's 25k files and each WordPress export.

Prints one JSON object. Every import runs as the user runs it, `tui-reader import` in a
fresh process (parsing, storing, and the search index), next to the time to just read
the same files in a fresh process. Skips, saying why, when the corpora are absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
IMPORT_VS_READ_TARGET = 5.0  # issue 19: importing IMDB's 25k files within 5x the time to just read them
READ_ALL = "import sys, pathlib\nfor p in pathlib.Path(sys.argv[1]).rglob('*.txt'): p.read_bytes()\n"


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def import_seconds(paths: list[Path], data: Path) -> float:
    return timed([sys.executable, "-m", "tui_reader", "--data-dir", str(data), "import", *map(str, paths)])


def imdb(work: Path) -> dict[str, float | str]:
    tarball = CORPORA / "imdb" / "aclImdb-train.tar.gz"
    with tarfile.open(tarball) as archive:
        archive.extractall(work / "imdb", filter="data")
    folders = [p for p in (work / "imdb").rglob("*") if p.is_dir() and p.name in ("pos", "neg")]
    files = sum(1 for folder in folders for _ in folder.glob("*.txt"))
    read_s = min(timed([sys.executable, "-c", READ_ALL, str(work / "imdb")]) for _ in range(3))
    import_s = import_seconds(folders, work / "imdb-data")
    ratio = import_s / read_s
    return {
        "files": files,
        "read_only_s": read_s,
        "import_s": import_s,
        "import_vs_read": round(ratio, 1),
        "import_vs_read_target": IMPORT_VS_READ_TARGET,
        "verdict": "PASS" if ratio <= IMPORT_VS_READ_TARGET else "MISS",
    }


def wxr(work: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    for index, path in enumerate(sorted((CORPORA / "wxr").glob("*.xml"))):
        figures[f"{path.name.split('__')[0][:28]}_s"] = import_seconds([path], work / f"wxr-{index}")
    figures["slowest_s"] = max(figures.values())
    figures["slowest_target_s"] = 1.0
    return figures


def main() -> int:
    if not CORPORA.is_dir():
        print(json.dumps({"skipped": f"no corpora at {CORPORA}"}))
        return 0
    with tempfile.TemporaryDirectory(prefix="tui-reader-corpora-") as scratch:
        work = Path(scratch)
        print(json.dumps({"imdb": imdb(work), "wxr": wxr(work)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
