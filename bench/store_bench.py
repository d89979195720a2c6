"""The store section: our library against plain TinyDB (one JSON file) and orjson (the floor).

Every figure comes from a fresh child process (`bench.child`). The three contenders
hold the same reviews (the synthetic library regenerated in each child from the
same seed). "Ready beyond interpreter and imports" is the median time from
process start until the list's data is ready, minus the median time of the same
child stopped right after its imports, as issue 2 section 6 asks.
"""

from __future__ import annotations

import statistics

from bench.common import Context, Figures, Row, SectionResult, folder_bytes, run_child

READY_TARGET_S = 0.25
RSS_TARGET_MB = 250.0
WRITE_TARGET_MS = 20.0
OPEN_REVIEW_TARGET_MS = 3.0  # issue 19: opening one review, at any size
MARKED_WRITE_TARGET_MS = 10.0  # issue 19: one write with every review marked read
OURS_WRITES = 20
SLOW_ABOVE = 20_000  # above this many reviews the naive contender is measured once


def _median(runs: list[Figures], key: str) -> float:
    return statistics.median(float(run[key]) for run in runs)


def _open(kind: str, target: Figures, repeat: int) -> Figures:
    """Baseline (imports only) and full runs, interleaved so that noise hits both alike."""
    baselines, fulls = [], []
    run_child({"kind": kind, "imports_only": True, **target})  # warm-up: bytecode caches, page cache
    for _ in range(repeat):
        baselines.append(run_child({"kind": kind, "imports_only": True, **target}))
        fulls.append(run_child({"kind": kind, **target}))
    imports = _median(baselines, "imported_s")
    ready = _median(fulls, "ready_s")
    return {
        "runs": repeat,
        "interpreter_and_imports_s": imports,
        "ready_from_start_s": ready,
        "ready_beyond_imports_s": ready - imports,
        "ready_beyond_imports_in_process_s": statistics.median(
            float(run["ready_s"]) - float(run["imported_s"]) for run in fulls
        ),
        "peak_rss_mb": max(float(run["peak_rss_mb"]) for run in fulls),
        "baseline_peak_rss_mb": max(float(run["peak_rss_mb"]) for run in baselines),
        "count": fulls[0]["count"],
        "first_title": fulls[0]["first_title"],
    }


def run(ctx: Context) -> SectionResult:
    data_dir = ctx.work / "ours"
    naive_path = ctx.work / "naive.json"
    floor_path = ctx.work / "floor.json"
    size = {"reviews": ctx.reviews, "seed": ctx.seed}
    slow_repeat = 1 if ctx.reviews > SLOW_ABOVE else min(3, ctx.repeat)

    imported = {
        "ours": run_child({"kind": "import_ours", "data_dir": str(data_dir), **size}),
        "naive": run_child({"kind": "import_naive", "path": str(naive_path), **size}),
        "floor": run_child({"kind": "import_floor", "path": str(floor_path), **size}),
    }
    disk_mb = {
        "ours": folder_bytes(data_dir / "library") / 1e6,
        "naive": folder_bytes(naive_path) / 1e6,
        "floor": folder_bytes(floor_path) / 1e6,
    }
    floor_path.unlink()  # the floor reads the naive file: the same data, the same bytes
    opened = {
        "ours": _open("open_ours", {"data_dir": str(data_dir)}, ctx.repeat),
        "naive": _open("open_naive", {"path": str(naive_path)}, slow_repeat),
        "floor": _open("open_floor", {"path": str(naive_path)}, min(3, ctx.repeat)),
    }
    written = {
        "ours": run_child({"kind": "write_ours", "data_dir": str(data_dir), "writes": OURS_WRITES}),
        "floor": run_child({"kind": "write_floor", "path": str(naive_path), "scratch": str(floor_path)}),
        "naive": run_child({"kind": "write_naive", "path": str(naive_path)}),  # last: it changes the file
    }
    marked = {
        name: run_child(
            {
                "kind": "write_marked",
                "design": design,
                "data_dir": str(data_dir),
                "path": str(ctx.work / f"marked-{design}" / "userdata.json"),
                "writes": writes,
            }
        )
        for name, design, writes in (("ours", "ours", OURS_WRITES), ("naive", "tinydb", 3), ("floor", "floor", 20))
    }
    opened_review = {
        name: run_child({"kind": "open_review", "design": design, "data_dir": str(data_dir), "opens": 20})
        for name, design in (("ours", "ours"), ("naive", "shard"), ("floor", "floor"))
    }
    ctx.artifacts["library"] = data_dir

    def row(figure: str, unit: str, values: dict[str, float], target: float | None = None) -> Row:
        return Row(figure, unit, values["ours"], values["naive"], values["floor"], target)

    def pick(source: dict[str, Figures], key: str, scale: float = 1.0) -> dict[str, float]:
        return {name: float(figures[key]) * scale for name, figures in source.items()}

    rows = [
        row(f"import {ctx.reviews:,} parsed reviews", "s", pick(imported, "import_s")),
        row("interpreter and imports", "s", pick(opened, "interpreter_and_imports_s")),
        row("list ready, from process start", "s", pick(opened, "ready_from_start_s")),
        row("list ready, beyond interpreter and imports", "s", pick(opened, "ready_beyond_imports_s"), READY_TARGET_S),
        row("peak RSS, opening the list", "MB", pick(opened, "peak_rss_mb"), RSS_TARGET_MB),
        row("one bookmark/note write", "ms", pick(written, "write_s", 1000), WRITE_TARGET_MS),
        row(
            "open one review (naive: parse its whole shard, as before)",
            "ms",
            pick(opened_review, "open_s", 1000),
            OPEN_REVIEW_TARGET_MS,
        ),
        row(
            f"one bookmark/note/read write, {ctx.reviews:,} marked read (naive: old TinyDB user file)",
            "ms",
            pick(marked, "write_s", 1000),
            MARKED_WRITE_TARGET_MS,
        ),
        row("peak RSS, importing (incl. generated data)", "MB", pick(imported, "peak_rss_mb")),
        row("data on disk", "MB", disk_mb),
    ]
    figures = {
        "imported": imported,
        "opened": opened,
        "written": written,
        "marked": marked,
        "open_review": opened_review,
        "disk_mb": disk_mb,
    }
    return SectionResult(rows, figures)
