"""Telling the user from the UI: notices without markup, and user-data writes where a read-only or
full data folder is one notice, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar
from weakref import WeakKeyDictionary

from textual.notifications import SeverityLevel

from tui_reader.core.content.text import visible
from tui_reader.core.store import Store, StoreError

T = TypeVar("T")


class Notifier(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: SeverityLevel = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...


def tell(
    node: Notifier, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float = 3
) -> None:
    """Notify on one line, without markup: messages quote file names and text from the library."""
    node.notify(visible(message, single_line=True), title=title, severity=severity, timeout=timeout, markup=False)


_TOLD: WeakKeyDictionary[Store, set[str]] = WeakKeyDictionary()


def tell_repairs(node: Notifier, store: Store) -> None:
    """The store's repairs not told yet (a damaged file moved aside, a catalog rebuilt), each once:
    at start, and as reading finds more (a damaged shard, met when one of its reviews is opened,
    was moved aside with no word in the app)."""
    told = _TOLD.setdefault(store, set())
    for problem in store.problems:
        if problem not in told:
            told.add(problem)
            tell(node, problem, title="Repaired", severity="warning", timeout=10)


def user_write(node: Notifier, write: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `write`; on a store or OS error tell the user in one line. Returns (saved, result)."""
    try:
        return True, write()
    except (StoreError, OSError) as error:
        tell(node, str(error), title="Not saved", severity="error", timeout=8)
        return False, None
