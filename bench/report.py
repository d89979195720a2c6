"""The table (the same Markdown for the terminal and docs/BENCHMARKS.md) and the results files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bench.common import Row

HEADER = ("figure", "ours", "naive (TinyDB)", "floor (orjson)", "ours/naive", "target", "pass/miss")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if not unit and float(value).is_integer():
        return f"{int(value):,}"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2 if abs(value) >= 1 else 3
    return f"{value:,.{digits}f} {unit}"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return f"{ratio:.3g}" if abs(ratio) >= 0.001 else f"{ratio:.1e}"


def table(rows: list[Row]) -> str:
    lines = [HEADER]
    for row in rows:
        target = f"≤ {_value(row.target, row.unit)}" if row.target is not None else ""
        lines.append(
            (
                row.figure,
                _value(row.ours, row.unit),
                _value(row.naive, row.unit),
                _value(row.floor, row.unit),
                _ratio(row.ratio),
                target,
                row.verdict,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    out = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) + " |" for line in lines
    ]
    out.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(out)


def save_json(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def update_docs(path: Path, block: str) -> None:
    """Replace what sits between the bench markers; the prose around them is hand-written."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    path.write_text(pattern.sub(lambda _: f"{BEGIN}\n{block.strip()}\n{END}", text), encoding="utf-8")
