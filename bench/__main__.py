"""`make bench` (= `python -m bench [--quick] [--reviews N] [--only store,ui]`).

Each section is one function `Context -> SectionResult`, registered with
`@section(name)`; adding one (search, import corpora, ...) is one such function.
A full default run (100k reviews) writes bench/results/latest.json and the tables
in docs/BENCHMARKS.md; other sizes write bench/results/run-N.json (not committed).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import report, store_bench
from bench.common import REPO, BenchError, Context, Figures, Row, SectionResult, run_script
from bench.synth import DEFAULT_SEED

DEFAULT_REVIEWS = 100_000
QUICK_REVIEWS = 5_000
RESULTS = REPO / "bench" / "results"
DOCS = REPO / "docs" / "BENCHMARKS.md"
UNITS = {"_ms": "ms", "_s": "s", "_mb": "MB"}

SectionFn = Callable[[Context], SectionResult]
SECTIONS: dict[str, tuple[SectionFn, bool]] = {}


def section(name: str, default: bool = True) -> Callable[[SectionFn], SectionFn]:
    """Register a section; `default=False` ones run only when named in `--only`."""

    def register(fn: SectionFn) -> SectionFn:
        SECTIONS[name] = (fn, default)
        return fn

    return register


def rows_from_json(figures: Figures, prefix: str = "", unit: str = "") -> list[Row]:
    """A row per numeric leaf of another script's JSON; the unit is read off the key's suffix
    (or its parent's: `warm_median_ms: {"query": 0.2}`).

    A key `P_target_S` is the target of every sibling key `P..._S`
    (`open_1000_target_ms` of `open_1000_comments_cold_ms`), so pass/miss shows.
    """
    targets = {
        tuple(key.split("_target", 1)): float(value)
        for key, value in figures.items()
        if "_target" in key and isinstance(value, int | float) and not isinstance(value, bool)
    }
    rows: list[Row] = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        key_unit = next((u for suffix, u in UNITS.items() if key.endswith(suffix)), unit)
        if isinstance(value, dict):
            rows.extend(rows_from_json(value, f"{name}.", key_unit))
        elif isinstance(value, int | float) and not isinstance(value, bool) and "_target" not in key:
            target = next((t for (p, s), t in targets.items() if key.startswith(p) and key.endswith(s)), None)
            rows.append(Row(name, key_unit, float(value), target=target))
    return rows


@section("store")
def store_section(ctx: Context) -> SectionResult:
    return store_bench.run(ctx)


@section("ui")
def ui_section(ctx: Context) -> SectionResult:
    """First paint: the app in-process (bench/ui_paint.py) and the real command (bench/ui_command.py);
    pane focus changes (bench/ui_focus.py) and the list filter per key (bench/ui_filter.py) in the real
    command, over the same library."""
    script = REPO / "bench" / "ui_paint.py"
    if not script.exists():
        return SectionResult([], {"skipped": "bench/ui_paint.py not found"})
    args = ["--reviews", str(ctx.reviews)] if '"--reviews"' in script.read_text(encoding="utf-8") else []
    figures = run_script(script, args)
    # The real command on a pty, restarted with a remembered state over reviews with comments (issue 19).
    library = ["--reviews", str(ctx.reviews), "--data-dir", str(ctx.work / "ui-library")]  # built once, for both
    figures["command"] = run_script(REPO / "bench" / "ui_command.py", library)
    figures["focus"] = run_script(REPO / "bench" / "ui_focus.py", library)
    # Its first search builds the library's index (given apart, not in a key): 403 s at 1M.
    figures["filter"] = run_script(REPO / "bench" / "ui_filter.py", library, timeout=3600)
    return SectionResult(rows_from_json(figures), figures)


@section("search", default=False)
def search_section(ctx: Context) -> SectionResult:
    """The search engineer's bench/search_bench.py on its own synthetic library (no IMDB)."""
    script = REPO / "bench" / "search_bench.py"
    if not script.exists():
        return SectionResult([], {"skipped": "bench/search_bench.py not found"})
    figures = run_script(script, ["--reviews", str(ctx.reviews), "--no-imdb"], timeout=1800)
    return SectionResult(rows_from_json(figures), figures)


@section("imports")
def imports_section(ctx: Context) -> SectionResult:
    """The real corpora: IMDB's 25k files and each WXR file, beside just reading the files; and one small
    file imported by the real command into an N-review library (bench/import_one.py)."""
    figures = run_script(REPO / "bench" / "corpora_bench.py", [], timeout=900)
    # The ui section's library (imported into a copy of it; built here if that section did not run),
    # against the same import into an empty library (issue 19: <= 2 s at 1M).
    library = ["--reviews", str(ctx.reviews), "--data-dir", str(ctx.work / "ui-library")]
    figures["one_file"] = run_script(REPO / "bench" / "import_one.py", library, timeout=3600)
    return SectionResult(rows_from_json(figures), figures)


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "tinydb": metadata.version("tinydb"),
        "orjson": metadata.version("orjson"),
    }


def command(argv: list[str] | None) -> str:
    given = sys.argv[1:] if argv is None else argv
    return f"make bench ARGS={shlex.quote(shlex.join(given))}" if given else "make bench"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, help=f"library size (default {DEFAULT_REVIEWS:,})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REVIEWS:,} reviews, for a fast look")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per fast figure (median)")
    parser.add_argument("--only", help=f"comma-separated sections out of: {', '.join(SECTIONS)}")
    parser.add_argument("--keep", action="store_true", help="keep the generated data in bench/.data/")
    parser.add_argument("--no-save", action="store_true", help="print only; write no results file")
    return parser.parse_args(argv)


def chosen_sections(only: str | None) -> list[str]:
    if not only:
        return [name for name, (_, default) in SECTIONS.items() if default]
    names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    return names


def run(ctx: Context, names: list[str]) -> dict[str, Any]:
    """Run the sections in order; a failing one is reported and the others still run."""
    out: dict[str, Any] = {}
    for name in names:
        print(f"[bench] {name} ({ctx.reviews:,} reviews) ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            result = SECTIONS[name][0](ctx)
        except (BenchError, OSError, ValueError) as error:
            out[name] = {"error": str(error)}
            print(f"[bench] {name} failed: {error}", file=sys.stderr)
            continue
        out[name] = {
            "seconds": round(time.perf_counter() - start, 1),
            "rows": [row.to_json() for row in result.rows],
            "figures": result.figures,
            "table": report.table(result.rows) if result.rows else "",
        }
    return out


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Command: `{results['command']}` — {results['date']}, {results['reviews']:,} reviews "
        f"(seed {results['seed']}), {m['cpus']} cores, {m['platform']}, Python {m['python']}, "
        f"TinyDB {m['tinydb']}, orjson {m['orjson']}.",
    ]
    for name, section_out in results["sections"].items():
        lines += ["", f"### {name}", ""]
        if "error" in section_out:
            lines.append(f"Failed: `{section_out['error'].splitlines()[0]}`")
        elif section_out["table"]:
            lines += [section_out["table"], "", f"Section time: {section_out['seconds']} s."]
        else:
            lines.append(f"Skipped: {section_out['figures'].get('skipped', 'no figures')}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    reviews = args.reviews or (QUICK_REVIEWS if args.quick else DEFAULT_REVIEWS)
    names = chosen_sections(args.only)
    scratch = REPO / "bench" / ".data"
    scratch.mkdir(parents=True, exist_ok=True)
    ctx = Context(reviews, args.seed, Path(tempfile.mkdtemp(prefix="run-", dir=scratch)), args.repeat)
    started = time.perf_counter()
    try:
        sections = run(ctx, names)
    finally:
        if not args.keep:
            shutil.rmtree(ctx.work, ignore_errors=True)
    results = {
        "command": command(argv),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "reviews": reviews,
        "seed": args.seed,
        "machine": machine(),
        "total_seconds": round(time.perf_counter() - started, 1),
        "sections": sections,
    }
    for name, section_out in sections.items():
        print(f"\n## {name}\n")
        print(section_out.get("table") or section_out.get("error") or section_out["figures"])
    print(f"\n{results['total_seconds']} s in all", file=sys.stderr)
    if not args.no_save:
        full = reviews == DEFAULT_REVIEWS and "store" in sections
        path = RESULTS / ("latest.json" if full else f"run-{reviews}.json")
        report.save_json(path, results)
        if full:
            report.update_docs(DOCS, markdown(results))
        print(f"saved {path.relative_to(REPO)}" + (" and docs/BENCHMARKS.md" if full else ""), file=sys.stderr)
    return 1 if any("error" in out for out in sections.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
