"""One object for the whole data folder: the library, the user's data, their repairs."""

from __future__ import annotations

import os
from pathlib import Path

from tui_reader.core.store.atomic import StoreError, clean_stale_temps
from tui_reader.core.store.library import AddResult, Library, catalog_exists
from tui_reader.core.store.userdata import UserData, UserSnapshot

__all__ = ["AddResult", "Library", "Store", "StoreError", "UserData", "UserSnapshot", "default_data_dir"]

APP_NAME = "tui-reader"


def default_data_dir(explicit: str | Path | None = None) -> Path:
    """`--data-dir`, else $TUI_READER_HOME, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("TUI_READER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


class Store:
    """The data folder: `library/` (reviews) and `userdata.json` (bookmarks, notes, quotes)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.first_run = not catalog_exists(data_dir / "library")
        self.cleaned_temps = clean_stale_temps(data_dir)
        self.library = Library(data_dir / "library")
        self.user = UserData(data_dir / "userdata.json")
        self.state_path = data_dir / "state.json"

    @property
    def problems(self) -> list[str]:
        """One line per repair made while opening (a corrupt file moved aside, ...)."""
        return self.library.problems + self.user.problems
