"""Search figures for issue 5, as JSON on stdout: `python bench/search_bench.py [--reviews N]`.

Standalone on purpose (the bench runner calls it by file name): it builds its own
deterministic synthetic library, so it depends on no other benchmark's code.

- import: `import_paths` of our own export files with the index (as users run it:
  postings made by the parsing workers, segments adopted) vs `index=False`; and a
  full rebuild of the index from the shards, in a fresh process (its time and peak RSS);
- memory: RSS of a fresh process holding the opened library, before and after opening
  the index (`SearchIndex.open`, as the app does) and answering every query;
- queries: first query in a fresh process (open + answer), warm median per query;
- IMDB (25k files, when the corpus is present): one-word query vs `grep -ril WORD`;
- the SQLite FTS5 peer over the same texts (`fts_peer`): build, size, first and warm
  queries, and the whole `tui-reader search` command against `sqlite3` and `grep -ril`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import fts_peer  # noqa: E402
from tui_reader.core.content.models import Comment, Review  # noqa: E402
from tui_reader.core.store import Store  # noqa: E402

IMDB_TAR = REPO.parent / "shared" / "corpora" / "imdb" / "aclImdb-train.tar.gz"
BATCH = 2000
QUERIES = [
    "velonka",  # a common word
    "drisatel",  # a rare word
    "velonka marisu",  # two words (AND)
    '"velonka marisu"',  # a phrase: candidates checked on the text
    "marisu -velonka",
    "café",  # accent-insensitive
    "电影",  # CJK
    "has:comments rating:>=7",
    "author:user17 velonka",
    "vel*",
]
SYLLABLES = [
    "ka",
    "ri",
    "su",
    "mo",
    "ne",
    "ta",
    "lo",
    "vi",
    "ra",
    "de",
    "on",
    "ul",
    "sa",
    "pe",
    "mi",
    "ko",
    "lu",
    "ga",
    "tel",
    "dris",
    "ve",
    "lon",
    "is",
    "ar",
]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = {"velonka", "marisu", "drisatel", "café", "naïve"}
    ordered = ["velonka", "marisu", "café", "naïve"]
    while len(ordered) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in words:
            words.add(word)
            ordered.append(word)
    ordered.insert(size // 2, "drisatel")
    return ordered


def synthetic(count: int, seed: int = 5) -> list[Review]:
    """`count` reviews averaging 10 comments each, Zipf-distributed words, some accents and Chinese."""
    rng = random.Random(seed)
    words = vocabulary(rng, 30_000)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    cumulative: list[float] = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)

    def text(n: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=n))

    reviews = []
    for number in range(count):
        paragraphs = [text(rng.randint(30, 60)).capitalize() + "." for _ in range(rng.randint(2, 5))]
        if number % 20 == 0:
            paragraphs.append("这部电影很好看，我很喜欢。")
        comments = []
        for c in range(rng.randint(0, 20)):
            replies = tuple(
                Comment(f"c{number}-{c}-{r}", text(rng.randint(5, 25)), f"user{rng.randint(0, 999)}")
                for r in range(rng.randint(0, 1))
            )
            comments.append(
                Comment(f"c{number}-{c}", text(rng.randint(8, 30)), f"user{rng.randint(0, 999)}", replies=replies)
            )
        reviews.append(
            Review(
                id=f"{number:016x}",
                title=text(rng.randint(2, 6)).title(),
                source=f"synthetic/{number}",
                paragraphs=tuple(paragraphs),
                author=f"critic{number % 500}",
                date=f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                rating=float(number % 11) if number % 3 else None,
                comments=tuple(comments),
            )
        )
    return reviews


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(data_dir: str, queries: list[str], exact: bool = False) -> dict[str, object]:
    """Run in a fresh process: what the app pays to open, then per query.

    Queries are answered as the app's list answers them (a phrase's text checks stop after
    `CHECK_BUDGET_S`, the rest only counted); `exact` answers them whole, as the CLI does
    (3 warm runs, not 7: an exact common phrase takes seconds)."""
    from tui_reader.core.search import SearchIndex

    start = time.perf_counter()
    store = Store(Path(data_dir))
    opened = time.perf_counter()
    before = rss_mb()
    index = SearchIndex.open(store)  # as the app does: checks freshness (a fresh index is not rebuilt)
    budget = {"check_budget": None} if exact else {}
    found = index.search(queries[0], **budget)
    first = time.perf_counter() - opened
    after_first = rss_mb()
    warm: dict[str, float] = {}
    counts: dict[str, int] = {}
    unchecked: dict[str, int] = {}
    for query in queries:
        index.search(query, **budget)
        times = []
        for _ in range(3 if exact else 7):
            t0 = time.perf_counter()
            result = index.search(query, **budget)
            times.append(time.perf_counter() - t0)
        warm[query] = round(statistics.median(times) * 1000, 2)
        counts[query] = len(result)
        unchecked[query] = result.unchecked
    hits_shown = time.perf_counter()
    _ = [hit.snippet for hit in index.search(queries[0])[:30]]
    return {
        "store_open_ms": round((opened - start) * 1000, 1),
        "first_query_ms": round(first * 1000, 1),
        "first_query_matches": len(found),
        "warm_median_ms": warm,
        "warm_median_of_medians_ms": round(statistics.median(warm.values()), 2),
        "matches": counts,
        "unchecked": unchecked,  # candidates a budgeted phrase check left (counted, never listed)
        "thirty_snippets_ms": round((time.perf_counter() - hits_shown) * 1000, 1),
        "rss_store_mb": round(before, 1),
        "rss_extra_first_query_mb": round(after_first - before, 1),
        "rss_extra_index_mb": round(rss_mb() - before, 1),
    }


def build_child(data_dir: str) -> dict[str, object]:
    """Run in a fresh process: rebuild the whole index from the shards, its time and peak RSS; then
    the phrase index (SQLite FTS5 over our tokens, built by the first phrase search), its time and size."""
    from tui_reader.core.search import SearchIndex

    store = Store(Path(data_dir))
    folder = store.library.folder / "index"
    shutil.rmtree(folder, ignore_errors=True)
    before = rss_mb()
    t0 = time.perf_counter()
    index = SearchIndex(store, folder)
    index.refresh()
    seconds = time.perf_counter() - t0
    peak = peak_rss_mb()
    t0 = time.perf_counter()
    index.phrases.ready()  # what the first phrase search (or the app's worker) does once
    phrases_s = time.perf_counter() - t0
    return {
        "rebuild_s": round(seconds, 2),
        "rebuild_peak_rss_mb": round(peak, 1),
        "rebuild_peak_extra_rss_mb": round(peak - before, 1),
        "phrase_index_build_s": round(phrases_s, 2),
        "phrase_index_mb": round(folder_bytes(folder, "phrases.sqlite3*") / 1e6, 1),
    }


def peak_rss_mb() -> float:
    """This process's own high-water mark (VmHWM; ru_maxrss would carry the parent's across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_child(data_dir: Path, queries: list[str] | None, exact: bool = False) -> dict[str, object]:
    """Queries (or, with None, a rebuild) measured in a fresh process."""
    args = ["--child", str(data_dir)] + (["--queries", json.dumps(queries)] if queries is not None else [])
    args += ["--exact"] if exact else []
    output = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    result: dict[str, object] = json.loads(output)
    return result


def write_export_files(reviews: list[Review], folder: Path) -> None:
    """The library as files of our own JSON export, so the baseline is a real `import`."""
    from tui_reader.core.personal.export import EXPORT_VERSION, review_to_export

    folder.mkdir(parents=True)
    for start in range(0, len(reviews), BATCH):
        doc = {
            "version": EXPORT_VERSION,
            "reviews": [review_to_export(review) for review in reviews[start : start + BATCH]],
            "bookmarks": [],
            "notes": [],
            "quotes": [],
            "read": [],
        }
        (folder / f"part-{start // BATCH:04d}.json").write_bytes(orjson.dumps(doc))


def timed_import(store: Store, paths: list[Path], *, index: bool) -> float:
    """Seconds for `import_paths`; `index=False` is the baseline: no postings made, no index written."""
    from tui_reader.core.pipeline.importing import import_paths

    t0 = time.perf_counter()
    import_paths(store, paths, index=index)
    return time.perf_counter() - t0


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def bench_synthetic(count: int, work: Path) -> dict[str, object]:
    reviews = synthetic(count)
    comments = sum(review.comment_count for review in reviews)
    raw = Store(work / "storage-only")
    t0 = time.perf_counter()
    for start in range(0, len(reviews), BATCH):
        raw.library.add(reviews[start : start + BATCH])
    storage_only = time.perf_counter() - t0
    shutil.rmtree(work / "storage-only")
    write_export_files(reviews, work / "files")
    del reviews
    plain = Store(work / "plain")
    imported = timed_import(plain, [work / "files"], index=False)
    assert not (plain.library.folder / "index").exists(), "index=False wrote an index"
    shutil.rmtree(work / "plain")
    store = Store(work / "synthetic")
    with_index = timed_import(store, [work / "files"], index=True)
    index_folder = store.library.folder / "index"
    assert not list(index_folder.glob("fresh-*")), "fresh segments left behind"
    rebuilt = run_child(store.data_dir, None)  # and the phrase index, as the first phrase search builds it
    queried = run_child(store.data_dir, QUERIES)
    phrases_mb = folder_bytes(index_folder, "phrases.sqlite3*") / 1e6
    index_mb = folder_bytes(index_folder) / 1e6 - phrases_mb  # the words' segments, manifest and digests
    search_mb = index_mb + phrases_mb  # everything a search reads, against FTS5's one file
    peer = fts_peer.compare(store, work, lambda queries, exact: run_child(store.data_dir, queries, exact), search_mb)
    return {
        "reviews": count,
        "comments": comments,
        "import_s": round(imported, 2),
        "import_with_index_s": round(with_index, 2),
        "import_with_index_ratio": round(with_index / imported, 2),
        **rebuilt,
        "import_then_rebuild_ratio": round((imported + float(rebuilt["rebuild_s"])) / imported, 2),  # type: ignore[arg-type]
        "library_add_only_s": round(storage_only, 2),
        "index_mb": round(index_mb, 1),
        "library_mb": round((folder_bytes(store.library.folder) - folder_bytes(index_folder)) / 1e6, 1),
        **queried,
        "fts5_peer": peer,
    }


def bench_imdb(work: Path, word: str = "wonderful") -> dict[str, object]:
    if not IMDB_TAR.is_file():
        return {"skipped": f"{IMDB_TAR} not found"}

    corpus = work / "imdb"
    with tarfile.open(IMDB_TAR) as archive:
        archive.extractall(corpus, filter="data")
    folders = [p for p in corpus.rglob("*") if p.is_dir() and p.name in ("pos", "neg")]
    files = [f for folder in folders for f in folder.glob("*.txt")]
    imported = timed_import(Store(work / "imdb-plain"), folders, index=False)
    shutil.rmtree(work / "imdb-plain")
    store = Store(work / "imdb-store")
    with_index = timed_import(store, folders, index=True)
    grep = ["grep", "-ril", word, *map(str, folders)]
    subprocess.run(grep, capture_output=True, check=False)  # warm the page cache, as the index is
    t0 = time.perf_counter()
    grepped = subprocess.run(grep, capture_output=True, check=False).stdout.decode().count("\n")
    grep_s = time.perf_counter() - t0
    measured = run_child(store.data_dir, [word])
    cli = [sys.executable, "-m", "tui_reader", "--data-dir", str(store.data_dir), "search", word]
    t0 = time.perf_counter()
    subprocess.run(cli, capture_output=True, check=False, cwd=REPO)
    cli_s = time.perf_counter() - t0
    first_ms = float(measured["first_query_ms"])  # type: ignore[arg-type]
    return {
        "files": len(files),
        "word": word,
        "import_s": round(imported, 2),
        "import_with_index_s": round(with_index, 2),
        "import_with_index_ratio": round(with_index / imported, 2),
        "grep_ms": round(grep_s * 1000, 1),
        "grep_files": grepped,
        "first_query_ms": first_ms,
        "warm_query_ms": measured["warm_median_ms"],
        "matches": measured["first_query_matches"],
        "speedup_first_query_vs_grep": round(grep_s * 1000 / max(first_ms, 0.01), 1),
        "cli_wall_ms_including_python_start": round(cli_s * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--no-imdb", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    parser.add_argument("--exact", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        queries = json.loads(args.queries) if args.queries else None
        print(json.dumps(child(args.child, queries, args.exact) if queries is not None else build_child(args.child)))
        return
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        figures = {"synthetic": bench_synthetic(args.reviews, work)}
        if not args.no_imdb:
            figures["imdb"] = bench_imdb(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
