"""The attack stage of `make test-long`: the data-safety promises, attacked through the real CLI.

Three attacks, each printed as cases / failures / lost, and a non-zero exit if any fails:

- kill loop: `tui-reader note add` and `tui-reader import` SIGKILLed at random moments; every
  note whose command reported "added note" must still be there, and the library must open clean;
- concurrent writers: several `note add` processes on one library at once; every note they
  reported must be there (no write may overwrite another's);
- import fuzz: mutated files of every format we import; each import must end with exit 0 or 1,
  at most one stderr line per file and never a traceback, and the library must still list.

Why through the CLI and not the store's API: that is what a user runs, with its start-up, its
locks and its error handling; the pytest suite already attacks the API directly.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass
class Tally:
    name: str
    cases: int = 0
    failures: int = 0
    reported: int = 0  # writes that said they were saved, each checked afterwards
    lost: int = 0

    def fail(self, why: str) -> None:
        self.failures += 1
        print(f"  {self.name}: {why}", file=sys.stderr)


def cli(data: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("tui-reader")), "--data-dir", str(data), *args]


def run(data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(data, *args), capture_output=True, text=True, input=stdin, timeout=300)


def note_texts(data: Path, tally: Tally) -> set[str]:
    """Every note's text, or a failure when the library cannot be read."""
    listed = run(data, "notes", "--json")
    if listed.returncode != 0 or "Traceback" in listed.stderr:
        tally.fail(f"notes --json failed: {listed.stderr.strip()[:200]}")
        return set()
    return {json.loads(line)["text"] for line in listed.stdout.splitlines() if line.strip()}


def first_review(data: Path) -> str:
    """A new library holding the seeds, and the id of its first review."""
    run(data, "import", str(SEEDS))
    listed = run(data, "list")
    return listed.stdout.split()[0]


def kill_loop(work: Path, rounds: int, rng: random.Random) -> Tally:
    tally = Tally("kill loop")
    data = work / "kill"
    review = first_review(data)
    imports = work / "kill-imports"
    confirmed: set[str] = set()
    for round_ in range(rounds):
        tally.cases += 1
        if round_ % 3 == 2:  # an import killed mid-way: nothing reported may be lost
            folder = imports / str(round_)
            shutil.copytree(SEEDS, folder)
            for n in range(30):
                (folder / f"extra{n}.txt").write_text(f"Review {round_}-{n}\n\n" + "words " * 400)
            proc = subprocess.Popen(
                cli(data, "import", str(folder)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        else:
            text = f"kill-note {round_}"
            proc = subprocess.Popen(
                cli(data, "note", "add", review, text), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        if out.startswith("added note"):
            confirmed.add(f"kill-note {round_}")
        if "Traceback" in err:
            tally.fail(f"round {round_}: traceback before the kill")
    stored = note_texts(data, tally)
    tally.reported = len(confirmed)
    tally.lost = len(confirmed - stored)
    listed = run(data, "list")
    if listed.returncode != 0 or listed.stderr.strip():
        tally.fail(f"library after the kills: exit {listed.returncode}, {listed.stderr.strip()[:200]}")
    return tally


def concurrent_writers(work: Path, writers: int, notes_each: int) -> Tally:
    tally = Tally("concurrent writers")
    data = work / "writers"
    review = first_review(data)
    script = (
        "import subprocess, sys\n"
        "for n in range(int(sys.argv[2])):\n"
        "    r = subprocess.run(sys.argv[3:] + [f'writer {sys.argv[1]} note {n}'], capture_output=True, text=True)\n"
        "    print(r.returncode, r.stdout.strip(), r.stderr.strip().replace('\\n', ' '), sep='\\t', flush=True)\n"
    )
    base = cli(data, "note", "add", review)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(w), str(notes_each), *base], stdout=subprocess.PIPE, text=True
        )
        for w in range(writers)
    ]
    reported: set[str] = set()
    for w, proc in enumerate(procs):
        out, _ = proc.communicate()
        for n, line in enumerate(out.splitlines()):
            tally.cases += 1
            code, stdout, stderr = [*line.split("\t"), "", ""][:3]
            if code == "0" and stdout.startswith("added note"):
                reported.add(f"writer {w} note {n}")
            else:
                tally.fail(f"writer {w} note {n}: exit {code} {stderr[:200]}")
    tally.reported = len(reported)
    tally.lost = len(reported - note_texts(data, tally))
    return tally


def seed_files(folder: Path) -> list[Path]:
    """Small valid files of each format, to mutate."""
    folder.mkdir(parents=True)
    files = [shutil.copy(path, folder / path.name) for path in sorted(SEEDS.iterdir()) if path.is_file()]
    samples = {
        "table.csv": 'title,review,rating\nGood,"A fine, long review.",4\nBad,Awful film.,1\n',
        "table.tsv": 'title\treview\nGood\tA fine review.\nBad\tAwful "film.\n',
        "lines.jsonl": '{"title": "A", "text": "One."}\n{"title": "B", "text": "Two."}\n',
        "wxr.xml": (
            '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>Post</title>'
            "<content:encoded><![CDATA[<p>Body &amp; more.</p>]]></content:encoded><wp:post_id>1</wp:post_id>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:comment><wp:comment_id>5"
            "</wp:comment_id><wp:comment_content>Nice.</wp:comment_content><wp:comment_approved>1"
            "</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item></channel></rss>"
        ),
        "page.html": "<html><head><title>T</title></head><body><p>Para <a href='x'>link</a>.</p></body></html>",
        "hn.json": '{"id": 1, "type": "story", "title": "S", "text": "t", "kids": []}',
    }
    for name, text in samples.items():
        (folder / name).write_text(text)
        files.append(folder / name)
    return [Path(f) for f in files]


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    lambda b, r: b[: r.randrange(len(b) + 1)],  # truncated
    lambda b, r: bytes(x ^ (1 << r.randrange(8)) if r.random() < 0.02 else x for x in b),  # bit flips
    lambda b, r: b + bytes(r.randrange(256) for _ in range(r.randrange(1, 64))),  # trailing junk
    lambda b, r: b.replace(b"\n", b"\r", r.randrange(1, 5)),  # mixed line ends
    lambda b, r: b[: len(b) // 2] + b"\x00\x1b]52;c;x\x07\xc2\x9b" + b[len(b) // 2 :],  # controls and NUL
    lambda b, r: b * r.randrange(2, 5),  # repeated documents
]


def import_fuzz(work: Path, cases: int, rng: random.Random) -> Tally:
    tally = Tally("import fuzz")
    data = work / "fuzz"
    originals = seed_files(work / "fuzz-originals")
    for case in range(cases):
        tally.cases += 1
        original = rng.choice(originals)
        mutated = work / "fuzz-cases" / f"{case}{original.suffix}"
        mutated.parent.mkdir(exist_ok=True)
        mutated.write_bytes(rng.choice(MUTATIONS)(original.read_bytes(), rng))
        result = run(data, "import", str(mutated))
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        if result.returncode not in (0, 1) or "Traceback" in result.stderr or len(lines) > 1:
            tally.fail(f"case {case} ({original.name}): exit {result.returncode}, stderr {result.stderr[:300]!r}")
    listed = run(data, "list")
    if listed.returncode != 0 or "Traceback" in listed.stderr:
        tally.fail(f"library after the fuzz: exit {listed.returncode}")
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--notes-each", type=int, default=20)
    parser.add_argument("--fuzz", type=int, default=150)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="tui-reader-attack-") as tmp:
        work = Path(tmp)
        tallies = [
            kill_loop(work, args.kills, rng),
            concurrent_writers(work, args.writers, args.notes_each),
            import_fuzz(work, args.fuzz, rng),
        ]
    print(f"{'attack':<20} {'cases':>6} {'failures':>9} {'saved':>6} {'lost':>5}")
    for t in tallies:
        print(f"{t.name:<20} {t.cases:>6} {t.failures:>9} {t.reported:>6} {t.lost:>5}")
    bad = sum(t.failures + t.lost for t in tallies)
    print(f"attack stage: {'FAILED' if bad else 'passed'} ({sum(t.cases for t in tallies)} cases)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
