"""What the reader remembers across restarts: where you were, and how it looked.

A small JSON file beside the library (`store.state_path`). It is a convenience, so a
missing, corrupt or foreign file simply means starting fresh, never an error. Something
other than a file there (a folder) is said, once: the place could never be saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import orjson

from tui_reader.core.store import StoreError
from tui_reader.core.store.atomic import NotAFileError, atomic_write, read_json

PANES = ("list", "reading", "thread")


@dataclass(slots=True)
class UiState:
    """Where the reader was, saved on quit (slots: a misspelt attribute fails, not saves)."""

    review_id: str | None = None
    pane: str = "list"
    list_scroll: float = 0.0
    list_row: int = 0  # the cursor's row: where the review is looked for first on the next start
    reading_scroll: float = 0.0
    thread_scroll: float = 0.0
    comment_id: str | None = None
    theme: str | None = None
    show_thread: bool = True
    sort: str = "imported"  # a key of core.search.SORTS
    subjects_sort: str = "reviews"  # `S`'s order: a key of core.search.subject_sorts.SUBJECT_SORTS
    reviews: dict[str, Any] = field(default_factory=dict)  # per review: see ui/state/memory.py


def load_state(path: Path, problems: list[str] | None = None) -> UiState:
    """The state in `path`, else the defaults; a line in `problems` when it is no file at all
    (a folder: every save failed, and where you were was forgotten at each start without a word)."""
    try:
        doc: Any = read_json(path)
    except NotAFileError as error:
        if problems is not None:
            problems.append(
                f"{path}: is {error.what}, not a file; where you are cannot be remembered until it is moved away"
            )
        return UiState()
    except (ValueError, OSError):
        return UiState()
    if not isinstance(doc, dict):
        return UiState()
    defaults = UiState()
    values: dict[str, Any] = {}
    for spec in fields(UiState):
        value = doc.get(spec.name, getattr(defaults, spec.name))
        default = getattr(defaults, spec.name)
        if not _fits(value, default):
            value = default  # a hand-edited or older file: ignore what does not fit
        values[spec.name] = value
    state = UiState(**values)
    if state.pane not in PANES:
        state.pane = "list"
    return state


def _fits(value: Any, default: Any) -> bool:
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return type(value) is type(default)


def encoded(state: UiState) -> bytes:
    """The state as its file holds it. orjson reads the dataclass as it is: no copy is made of the
    per-review memory (200 reviews' seen comments), which `asdict` copied deep."""
    return orjson.dumps(state, option=orjson.OPT_NON_STR_KEYS)


def save_state(path: Path, state: UiState) -> str | None:
    """Write the state; returns a one-line problem instead of raising (a read-only folder)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, encoded(state))
    except (StoreError, OSError) as error:
        return str(error)
    return None
