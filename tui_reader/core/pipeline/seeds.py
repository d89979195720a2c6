"""The embedded default library: the two seed reviews shipped inside the package."""

from __future__ import annotations

from pathlib import Path


def seeds_folder() -> Path | None:
    """The wheel carries them as `tui_reader/seeds`; a source checkout has `seeds/` beside the package."""
    from importlib.resources import files  # here: ~7 ms, and only a new library needs the seeds

    packaged = Path(str(files("tui_reader"))) / "seeds"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "seeds"
    return checkout if checkout.is_dir() else None
