"""SQLite FTS5 as a peer of our index, over the same texts in the same run (issue 19, item 5).

Why a peer: a hand-made index has to earn its place against what the standard library
already ships. `compare(store, work)` builds FTS5 (stdlib `sqlite3`, `unicode61
remove_diacritics 2`, one row per review: title, body, comments) from the texts of the
library the search bench built, then reports ours against it: build time, size, the
first query in a fresh process and the warm median for one word, a rare word, a prefix
and a phrase, and whole commands: `tui-reader search WORD` against the `sqlite3` command
printing the same rows with a snippet, and `grep -ril WORD` over the same texts as files, for a
rare word and for a word in every review (100k rows printed: the command's worst case); and
`tui-reader search -l WORD`, which prints the reviews' ids alone as grep -l prints file names.

A phrase of ours is answered by FTS5 too, our own file of our tokens (`core/search/phrases.py`):
the issue's rule, "where FTS5 wins, use it". Its build (the first phrase search's) is reported
apart, as `phrase_index_build_s` of the search bench, as the peer's build is.

Keys ending `_ratio` are ours over the peer (below 1: ours is faster or smaller); a
`..._target_ratio` key is the target of its siblings, so the bench table shows pass/MISS.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SCHEMA = 'CREATE VIRTUAL TABLE reviews USING fts5(title, body, comments, tokenize="unicode61 remove_diacritics 2")'
# name -> (our query, the FTS5 MATCH expression)
QUERIES = {
    "word": ("velonka", "velonka"),
    "rare_word": ("drisatel", "drisatel"),
    "prefix": ("vel*", "vel*"),
    "phrase": ('"velonka marisu"', '"velonka marisu"'),
}
CLI_WORD = "drisatel"  # a rare word: what a user looks for, and few snippets to print
COMMON_WORD = "velonka"  # in every review: 100k snippets printed, the command's worst case
WARM_RUNS = 7


def build(store: Any, work: Path) -> dict[str, Any]:
    """The FTS5 database and the grep files, from the library's texts (read once, not timed in the build)."""
    from tui_reader.core.content.models import walk_comments

    library = store.library
    files = work / "texts"
    files.mkdir()
    start = time.perf_counter()
    rows = []
    for position in range(len(library)):
        review = library.get_at(position)
        assert review is not None
        comments = "\n".join(comment.body for _, comment in walk_comments(review.comments))
        rows.append((position, review.title, "\n".join(review.paragraphs), comments))
    read_s = time.perf_counter() - start
    for position, title, body, comments in rows:
        (files / f"{position}.txt").write_text(f"{title}\n{body}\n{comments}\n", encoding="utf-8")
    path = work / "fts5.db"
    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute(SCHEMA)
    db.executemany("INSERT INTO reviews(rowid, title, body, comments) VALUES (?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    return {"path": path, "files": files, "build_s": time.perf_counter() - start, "read_texts_s": read_s}


def fts_child(path: str, match: str) -> dict[str, float]:
    """In a fresh process: connect and answer once (first), then the warm median."""
    start = time.perf_counter()
    db = sqlite3.connect(path)
    found = db.execute("SELECT rowid FROM reviews WHERE reviews MATCH ?", (match,)).fetchall()
    first = time.perf_counter() - start
    warm = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        db.execute("SELECT rowid FROM reviews WHERE reviews MATCH ?", (match,)).fetchall()
        warm.append(time.perf_counter() - start)
    return {"first_ms": first * 1000, "warm_ms": statistics.median(warm) * 1000, "matches": len(found)}


def _fts_in_child(path: Path, match: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, str(path), match], capture_output=True, text=True, check=True, cwd=REPO
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def compare(
    store: Any, work: Path, ours_child: Callable[[list[str], bool], dict[str, Any]], ours_mb: float
) -> dict[str, Any]:
    """Every figure of ours against FTS5 (and grep); `ours_child([query], exact)` measures our first
    and warm query. Every answer compared is whole and exact, as FTS5's: a phrase is checked on
    every candidate's text (`exact`), where the app's list stops after a time budget."""
    built = build(store, work)
    out: dict[str, Any] = {
        "fts5_build_s": round(built["build_s"], 2),
        "texts_read_from_library_s": round(built["read_texts_s"], 2),
        "fts5_mb": round(built["path"].stat().st_size / 1e6, 1),
        "ours_mb": round(ours_mb, 1),  # the word index and the phrase index
        "ours_over_fts5_size_ratio": round(ours_mb / (built["path"].stat().st_size / 1e6), 2),
    }
    for name, (ours_query, match) in QUERIES.items():
        ours = ours_child([ours_query], name == "phrase")
        peer = _fts_in_child(built["path"], match)
        ours_first = float(ours["store_open_ms"]) + float(ours["first_query_ms"])
        ours_warm = float(ours["warm_median_ms"][ours_query])
        out[name] = {
            "ours_first_ms": round(ours_first, 2),
            "fts5_first_ms": round(peer["first_ms"], 2),
            "ours_warm_ms": round(ours_warm, 3),
            "fts5_warm_ms": round(peer["warm_ms"], 3),
            "ours_matches": ours["matches"][ours_query],
            "fts5_matches": peer["matches"],
            "ours_unchecked": ours["unchecked"][ours_query],
            "first_ratio": round(ours_first / max(peer["first_ms"], 1e-3), 2),
            "warm_ratio": round(ours_warm / max(peer["warm_ms"], 1e-3), 2),
        }
        if name == "phrase":  # answered by FTS5 (the target's "or FTS5 is used"): the ratio says what ours adds
            out[name]["answered_by"] = "SQLite FTS5 (core/search/phrases.py)"
        else:
            out[name] |= {"first_target_ratio": 1.0, "warm_target_ratio": 1.0}
    out["command"] = _commands(store.data_dir, built["path"], built["files"], CLI_WORD)
    out["command_common_word"] = _commands(store.data_dir, built["path"], built["files"], COMMON_WORD, times=1)
    return out


def _commands(data_dir: Path, db: Path, files: Path, word: str, times: int = 5) -> dict[str, Any]:
    """Whole processes, as a user runs them, printing the rows that match `word`. The contenders run
    in turn, round after round (one warm-up round first), and each one's median is kept: on a shared
    machine whose speed drifts, timing one contender's runs after another's skewed their ratio."""
    ours = [sys.executable, "-m", "tui_reader", "--data-dir", str(data_dir), "search", word]
    sql = f"SELECT rowid, title, snippet(reviews, -1, '', '', '…', 12) FROM reviews WHERE reviews MATCH '{word}'"
    commands = {
        "ours": ours,
        "sqlite3": ["sqlite3", str(db), sql],
        "grep": ["grep", "-ril", word, str(files)],
        "ids": [*ours[:-1], "-l", word],  # names only, as grep -l prints: like for like
    }
    # As `make run` does: this machine sets PYTHONDONTWRITEBYTECODE, and compiling our modules
    # at every start is no part of the search.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "tui_reader")], check=False)
    spent: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(times + 1):  # the first warms the page cache and bytecode, for every contender alike
        for name, args in commands.items():
            start = time.perf_counter()
            subprocess.run(args, capture_output=True, check=False, cwd=REPO)
            if round_:
                spent[name].append(time.perf_counter() - start)
    ours_ms, sqlite_ms, grep_ms, ids_ms = (statistics.median(spent[name]) * 1000 for name in commands)
    return {
        "word": word,
        "runs": times,
        "tui_reader_search_ms": round(ours_ms, 1),
        "tui_reader_search_ids_ms": round(ids_ms, 1),
        "sqlite3_command_ms": round(sqlite_ms, 1),
        "grep_ril_ms": round(grep_ms, 1),
        "over_sqlite3_ratio": round(ours_ms / sqlite_ms, 2),
        "over_grep_ratio": round(ours_ms / grep_ms, 3),
        "over_grep_target_ratio": 0.1,  # issue 19: at least 10x faster than grep -ril
        "ids_over_grep_ratio": round(ids_ms / grep_ms, 3),
        "ids_over_grep_target_ratio": 0.1,  # `search -l`: the same target, like for like
    }


if __name__ == "__main__":
    print(json.dumps(fts_child(sys.argv[1], sys.argv[2])))
