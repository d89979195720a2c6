"""One measurement in a fresh process: `python -m bench.child '<spec as JSON>'`.

A fresh process per figure keeps them honest: nothing is warm in memory (the page
cache is, for every contender alike), and peak RSS is this process's own. Time is
counted from `spawned`, a CLOCK_MONOTONIC stamp (system-wide on Linux) the parent
takes just before starting us, so "from process start" includes the interpreter.

Only the stdlib is imported up here: whatever a measurement needs is imported in
its own step, so that a `"imports_only": true` run of the same kind is the honest
baseline "interpreter and imports" to subtract.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCREENFUL = 60  # rows of the review list on a tall terminal
NOTE_TEXT = "A thought on this paragraph, long enough to be a real note about the review. " * 2

Result = dict[str, Any]


def _since_spawn(spec: Result) -> float:
    return (time.monotonic_ns() - int(spec["spawned"])) / 1e9


def peak_rss_mb() -> float:
    """This process's own peak: VmHWM on Linux.

    Not `ru_maxrss`: Linux carries the parent's high-water mark across fork/vfork
    and exec, so a child of a 300 MB parent reports at least 300 MB.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# ---- opening: from process start until the list's data is ready -------------------------


def open_ours(spec: Result) -> Result:
    import tui_reader.core.store as store_module

    imported = _since_spawn(spec)
    if spec.get("imports_only"):
        return {"imported_s": imported}
    store = store_module.Store(Path(spec["data_dir"]))
    library = store.library
    count = len(library)
    rows = [library.summary(i) for i in range(min(count, SCREENFUL))]
    ready = _since_spawn(spec)
    return {"imported_s": imported, "ready_s": ready, "count": count, "first_title": rows[0].title if rows else None}


def open_naive(spec: Result) -> Result:
    from tinydb import TinyDB

    imported = _since_spawn(spec)
    if spec.get("imports_only"):
        return {"imported_s": imported}
    db = TinyDB(spec["path"])  # the default JSONStorage: one JSON file, stdlib json
    docs = db.all()
    count = len(docs)
    titles = [doc["title"] for doc in docs[:SCREENFUL]]
    ready = _since_spawn(spec)
    return {"imported_s": imported, "ready_s": ready, "count": count, "first_title": titles[0] if titles else None}


def open_floor(spec: Result) -> Result:
    """With the cyclic GC off: at 100k reviews it otherwise triples orjson's time (7 s, not 2)."""
    import orjson

    imported = _since_spawn(spec)
    if spec.get("imports_only"):
        return {"imported_s": imported}
    gc.disable()
    tables = orjson.loads(Path(spec["path"]).read_bytes())
    docs = tables["_default"]
    count = len(docs)
    titles = [docs[str(i + 1)]["title"] for i in range(min(count, SCREENFUL))]
    ready = _since_spawn(spec)
    return {"imported_s": imported, "ready_s": ready, "count": count, "first_title": titles[0] if titles else None}


# ---- importing: storing already-parsed reviews ------------------------------------------

BATCH = 2000


def import_ours(spec: Result) -> Result:
    """`Library.add` in batches of BATCH (about what one parsing batch of `import_paths` holds);
    generating them is not timed."""
    from bench import synth
    from tui_reader.core.store import Store

    store = Store(Path(spec["data_dir"]))
    spent = 0.0
    for batch in synth.batches(spec["reviews"], BATCH, spec["seed"]):
        start = time.perf_counter()
        store.library.add(batch)
        spent += time.perf_counter() - start
    return {"import_s": spent, "count": len(store.library), "batch": BATCH}


def _docs(spec: Result) -> list[dict[str, Any]]:
    from bench import synth

    return [review.to_doc() for review in synth.reviews(spec["reviews"], spec["seed"])]


def import_naive(spec: Result) -> Result:
    """All reviews into one TinyDB file in one call (one call per review would be quadratic)."""
    from tinydb import TinyDB

    docs = _docs(spec)
    start = time.perf_counter()
    db = TinyDB(spec["path"])
    db.insert_multiple(docs)
    db.close()
    return {"import_s": time.perf_counter() - start, "count": len(docs)}


def import_floor(spec: Result) -> Result:
    """The least any one-file design can do: orjson.dumps of everything and one write."""
    import orjson

    docs = _docs(spec)
    gc.disable()
    start = time.perf_counter()
    data = orjson.dumps({"_default": {str(i + 1): doc for i, doc in enumerate(docs)}})
    Path(spec["path"]).write_bytes(data)
    return {"import_s": time.perf_counter() - start, "count": len(docs)}


# ---- one user-data write (bookmark or note) ---------------------------------------------


def write_ours(spec: Result) -> Result:
    """Alternating notes and bookmark toggles, each a locked, fsynced, atomic write."""
    import statistics

    from tui_reader.core.content.user_records import Anchor
    from tui_reader.core.store import Store

    store = Store(Path(spec["data_dir"]))
    ids = store.library.column("id")
    times = []
    for index in range(spec["writes"]):
        review_id = ids[(index * 7919) % len(ids)]
        start = time.perf_counter()
        if index % 2:
            store.user.toggle_bookmark(review_id)
        else:
            store.user.add_note(Anchor(review_id, paragraph=0, offset=0, quoted="x"), NOTE_TEXT)
        times.append(time.perf_counter() - start)
    return {"write_s": statistics.median(times), "write_max_s": max(times), "writes": len(times)}


def write_naive(spec: Result) -> Result:
    """One bookmark inserted into the one big TinyDB file (it re-reads and rewrites all of it)."""
    from tinydb import TinyDB

    db = TinyDB(spec["path"])
    start = time.perf_counter()
    db.table("bookmarks").insert({"review_id": "0", "created": "2025-01-01T00:00:00+00:00"})
    spent = time.perf_counter() - start
    db.close()
    return {"write_s": spent, "writes": 1}


def write_floor(spec: Result) -> Result:
    """The one-file design done as fast as it goes: orjson.dumps of everything, one write."""
    import orjson

    gc.disable()
    tables = orjson.loads(Path(spec["path"]).read_bytes())
    start = time.perf_counter()
    tables.setdefault("bookmarks", {})["1"] = {"review_id": "0", "created": "2025-01-01T00:00:00+00:00"}
    Path(spec["scratch"]).write_bytes(orjson.dumps(tables))
    spent = time.perf_counter() - start
    os.unlink(spec["scratch"])
    return {"write_s": spent, "writes": 1}


def write_marked(spec: Result) -> Result:
    """One user-data write with every review of the library marked read (issue 19, item 3).

    `design`: "ours" (the user file and its read-marks log), "tinydb" (the design before it:
    read marks as records of the one TinyDB user file, a bookmark toggle = TinyDB remove +
    insert) or "floor" (one fsynced line appended to a file: the least a durable write costs).
    Marking everything read is set-up, not timed."""
    import statistics

    from tui_reader.core.content.user_records import Anchor
    from tui_reader.core.store import Store
    from tui_reader.core.store.userdata import UserData

    ids = list(Store(Path(spec["data_dir"])).library.column("id"))
    path = Path(spec["path"])
    path.parent.mkdir(parents=True, exist_ok=True)
    design, times = spec["design"], []
    if design == "ours":
        user = UserData(path)
        user.restore([], [], [], read=ids)
        writes: list[Callable[[int], object]] = [
            lambda n: user.set_read(ids[n], False),
            lambda n: user.set_read(ids[n], True),
            lambda n: user.toggle_bookmark(ids[n]),
            lambda n: user.add_note(Anchor(ids[n], paragraph=0, offset=0, quoted="x"), NOTE_TEXT),
        ]
    elif design == "tinydb":
        from tui_reader.core.store.tinydb_files import open_db

        db = open_db(path)
        db.table("read").insert_multiple({"review_id": rid, "read": True, "at": "2025-01-01T00:00:00"} for rid in ids)
        bookmarks = db.table("bookmarks")
        writes = [lambda n: bookmarks.remove(doc_ids=[1]) if bookmarks.contains(doc_id=1) else bookmarks.insert({})]
    else:
        writes = [lambda n: _append_line(path, f"+{ids[n]}\n".encode())]
    for index in range(spec["writes"]):
        start = time.perf_counter()
        writes[index % len(writes)]((index * 7919) % len(ids))
        times.append(time.perf_counter() - start)
    return {"write_s": statistics.median(times), "write_max_s": max(times), "writes": len(times)}


def open_review(spec: Result) -> Result:
    """Opening one review (issue 19, item 1), each in another shard so no cache helps.

    `design`: "ours" (`library.get_at`: its document read and decoded alone), "shard" (the
    design before it: its whole shard parsed, then the review made from its document) or
    "floor" (the document's bytes read and parsed, no review made of them)."""
    import statistics

    from tui_reader.core.content.models import Review
    from tui_reader.core.store import Store
    from tui_reader.core.store.library_read import SHARD_SIZE
    from tui_reader.core.store.shards import read_document, read_shard_table, stamp_of

    library = Store(Path(spec["data_dir"])).library
    count = len(library)
    positions = [(n * 7919 * SHARD_SIZE + n) % count for n in range(spec["opens"])]
    times = []
    for position in positions:
        start = time.perf_counter()
        if spec["design"] == "ours":
            review = library.get_at(position)
        elif spec["design"] == "floor":  # the document's bytes read and parsed, no review made
            seq, hint = library.column("seq")[position], library.column("shard_at")[position]
            review = read_document(library._shard_path(seq), hint, seq, library.column("id")[position])
        else:
            seq = library.column("seq")[position]
            path = library._shard_path(seq)
            review = Review.from_doc(read_shard_table.__wrapped__(path, stamp_of(path))[str(seq + 1)])
        times.append(time.perf_counter() - start)
        assert review is not None
    return {"open_s": statistics.median(times), "open_max_s": max(times), "opens": len(times)}


def _append_line(path: Path, line: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


KINDS: dict[str, Callable[[Result], Result]] = {
    f.__name__: f
    for f in (
        open_ours,
        open_naive,
        open_floor,
        import_ours,
        import_naive,
        import_floor,
        write_ours,
        write_naive,
        write_floor,
        write_marked,
        open_review,
    )
}


def main() -> None:
    spec = json.loads(sys.argv[1])
    result = KINDS[spec["kind"]](spec)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
