"""Instructions to the first frame: `python bench/ui_instructions.py --data-dir D [--vs DIR]`.

Why beside ui_command.py: on the two shared cores the first paint's wall time moves by tens of
milliseconds with the other processes (and the CPU time by ~10 ms), more than a start-up change
of a few milliseconds; a count of instructions does not. Each run is the real reader (and the empty
Textual app) on a pseudo-terminal of 140x40 under valgrind's callgrind, from the interpreter's
start until its first frame is written, where it exits. The reader restarts with a remembered
state, as `ui_command.py` sets it up (build the library with that bench first: `--data-dir`).
Slow: ~40 s a run. Prints JSON: millions of instructions (Ir), medians; ours over the empty app;
with `--vs DIR`, the other checkout's code run alike, and ours over it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.ui_command import EMPTY_APP, Terminal, remember  # noqa: E402

# The child exits once its first whole frame is written: what is counted is the way to it.
FIRST_FRAME = """
import os
import textual.app
display = textual.app.App._display
def first(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None:
        os._exit(0)
textual.app.App._display = first
"""
READER = FIRST_FRAME + "import sys\nfrom tui_reader.cli import main\nsys.argv[0] = 'tui-reader'\nmain()\n"


def instructions(command: list[str], code: Path) -> int:
    """Instructions the command ran under callgrind until it exited."""
    with tempfile.TemporaryDirectory(prefix="ui-instructions-") as tmp:
        out = Path(tmp, "callgrind.out")
        counted = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command]
        with Terminal(counted, code) as terminal:
            while terminal.process.poll() is None:
                terminal.quiet(0.5)
        found = re.search(r"^(?:summary|totals):\s+(\d+)", out.read_text(), re.MULTILINE)
    if found is None:
        raise SystemExit(f"no count from callgrind for {command}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, required=True, help="a library built by ui_command.py")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--vs", type=Path, metavar="DIR", help="also run the reader from DIR's code")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    os.environ["PYTHONHASHSEED"] = "0"  # the same sets and dicts in every run
    codes = {"ours": REPO, **({"vs": args.vs} if args.vs else {})}
    for code in codes.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "tui_reader")], check=False)
    counts: dict[str, list[int]] = {"empty": [], **{name: [] for name in codes}}
    for _ in range(args.runs):  # interleaved, as the other benches (the counts hardly move)
        counts["empty"].append(instructions([sys.executable, "-P", "-c", FIRST_FRAME + EMPTY_APP], REPO))
        for name, code in codes.items():
            remember(args.data_dir, "imported")
            # -P: the working directory is not put first on the path (its tui_reader would be run, not `code`'s)
            reader = [sys.executable, "-P", "-c", READER, "--data-dir", str(args.data_dir)]
            counts[name].append(instructions(reader, code))
    medians = {name: statistics.median(values) for name, values in counts.items()}
    figures: dict[str, float] = {f"{name}_mir": round(value / 1e6, 1) for name, value in medians.items()}
    figures["ours_over_empty"] = round(medians["ours"] / medians["empty"], 3)
    if args.vs:
        figures["vs_over_empty"] = round(medians["vs"] / medians["empty"], 3)
        figures["ours_over_vs"] = round(medians["ours"] / medians["vs"], 4)
    figures["runs"] = args.runs
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
