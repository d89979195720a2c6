"""The embedded default library: the two seed reviews shipped inside the package."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.content.models import Subject

# What both bundled seeds review (their plain text does not say it as a site's export would):
# set on them as a reader would set it (`subject set`, `t`), so a new library's first screen
# shows them as two reviews of one film, side by side in `S`, and the user can change it.
SEEDS_SUBJECT = Subject("Her", kind="film", year=2013, creator="Spike Jonze", ref="imdb:tt1798709")


def seeds_folder() -> Path | None:
    """The wheel carries them as `tui_reader/seeds`; a source checkout has `seeds/` beside the package."""
    from importlib.resources import files  # here: ~7 ms, and only a new library needs the seeds

    packaged = Path(str(files("tui_reader"))) / "seeds"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "seeds"
    return checkout if checkout.is_dir() else None
