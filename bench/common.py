"""What every section shares: the run context, a row of the table, and running children."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

Figures = dict[str, Any]


@dataclass
class Context:
    """One run: its size, its seed, and a scratch folder removed at the end."""

    reviews: int
    seed: int
    work: Path
    repeat: int = 5
    artifacts: dict[str, Path] = field(default_factory=dict)  # e.g. "library": a data dir later sections may reuse


@dataclass(frozen=True)
class Row:
    """One line of the table. Values are in `unit`; None where a column does not apply."""

    figure: str
    unit: str
    ours: float | None
    naive: float | None = None
    floor: float | None = None
    target: float | None = None  # ours must be <= target

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.naive:
            return None
        return self.ours / self.naive

    @property
    def verdict(self) -> str:
        if self.target is None or self.ours is None:
            return ""
        return "pass" if self.ours <= self.target else "MISS"

    def to_json(self) -> Figures:
        return {
            "figure": self.figure,
            "unit": self.unit,
            "ours": self.ours,
            "naive": self.naive,
            "floor": self.floor,
            "ours_over_naive": self.ratio,
            "target": self.target,
            "verdict": self.verdict,
        }


@dataclass
class SectionResult:
    rows: list[Row]
    figures: Figures


class BenchError(RuntimeError):
    """A child failed: its stderr is in the message."""


def run_child(spec: Figures) -> Figures:
    """Run one `bench.child` measurement in a fresh interpreter and return its JSON."""
    spec = {**spec, "spawned": time.monotonic_ns()}  # as late as possible before the fork
    done = subprocess.run(
        [sys.executable, "-m", "bench.child", json.dumps(spec)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"bench child {spec['kind']} failed:\n{done.stderr.strip()}")
    result: Figures = json.loads(done.stdout)
    return result


def run_script(script: Path, args: list[str], timeout: float = 900) -> Figures:
    """Another engineer's standalone benchmark script that prints one JSON object."""
    done = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise BenchError(f"{script.name} failed:\n{done.stderr.strip()[-2000:]}")
    result: Figures = json.loads(done.stdout)
    return result


def folder_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
