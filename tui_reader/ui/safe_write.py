"""User-data writes from the UI: a read-only or full data folder is one notice, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from textual.notifications import SeverityLevel

from tui_reader.core.content.text import visible
from tui_reader.core.store import StoreError

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


def user_write(node: Notifier, write: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `write`; on a store or OS error tell the user in one line. Returns (saved, result)."""
    try:
        return True, write()
    except (StoreError, OSError) as error:
        message = visible(str(error), single_line=True)
        node.notify(message, title="Not saved", severity="error", timeout=8, markup=False)
        return False, None
