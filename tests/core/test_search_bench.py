"""bench/search_bench.py runs end to end on a tiny library: it broke once unnoticed (a changed hook)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "search_bench.py"


def test_the_search_bench_reports_every_figure() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--reviews", "150", "--no-imdb"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout)["synthetic"]
    assert figures["reviews"] == 150 and figures["first_query_matches"] == 150  # "velonka" is in every review
    for key in ("import_s", "import_with_index_s", "rebuild_s", "rss_extra_index_mb", "warm_median_of_medians_ms"):
        assert isinstance(figures[key], float | int), key
    assert figures["import_with_index_ratio"] > 0 and figures["index_mb"] > 0
    assert figures["matches"]['"velonka marisu"'] <= figures["matches"]["velonka marisu"]
    peer = figures["fts5_peer"]  # the SQLite FTS5 peer over the same texts
    assert peer["word"]["fts5_matches"] == peer["word"]["ours_matches"] == 150
    assert peer["phrase"]["ours_unchecked"] == 0  # compared whole and exact, as FTS5 answers
    assert peer["fts5_mb"] > 0 and peer["command"]["grep_ril_ms"] > 0
