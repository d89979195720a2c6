"""Copying text somewhere the user can paste it from, and saying truthfully where it went.

Measured here: pyperclip raises with no clipboard tool; with DISPLAY set but no X
server it silently does nothing while xclip prints into the app's screen; OSC 52
gives no confirmation and some terminals ignore it. So the chain is:

1. pyperclip, with stderr silenced at the file-descriptor level, confirmed by reading
   the clipboard back; bounded by a timeout so a hung tool cannot freeze the reader;
2. OSC 52 through the terminal (the caller passes a sender, e.g. Textual's
   `App.copy_to_clipboard`) — always sent, never trusted as confirmation;
3. when 1 could not be confirmed, the text is also written to a file in the data folder.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from tui_reader.core.store.atomic import StoreError, atomic_write

CLIPBOARD_FILE = "clipboard.txt"
TOOL_TIMEOUT_S = 2.0


class CopyResult(NamedTuple):
    """Where the text went; `message` is the one line to show the user."""

    confirmed: bool
    destinations: tuple[str, ...]
    message: str


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Child processes (xclip, xsel) inherit fd 2: point it at /dev/null while they run."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def system_copy_confirmed(text: str) -> str | None:
    """Copy with pyperclip and read it back. Returns the mechanism's name when confirmed."""
    outcome: list[str | None] = [None]

    def attempt() -> None:
        try:
            import pyperclip

            pyperclip.copy(text)
            if _reads_back(pyperclip.paste, text):
                copier = pyperclip.copy
                outcome[0] = getattr(copier, "__name__", "system clipboard").removeprefix("copy_")
        except Exception:  # pyperclip raises its own and OS errors: any failure means "not confirmed"
            outcome[0] = None

    with _stderr_silenced():
        worker = threading.Thread(target=attempt, daemon=True)
        worker.start()
        worker.join(TOOL_TIMEOUT_S)
    return outcome[0]


def _reads_back(paste: Callable[[], str], text: str) -> bool:
    """Whether the clipboard reads back `text`, asked again for a moment. Why: xclip's copy returns
    once its background process is started, and that process takes the selection when it is next
    scheduled: a paste at once could read the old clipboard on a busy machine ("No system clipboard"
    for a copy that had worked). Bounded by the caller's `TOOL_TIMEOUT_S`."""
    deadline = time.monotonic() + TOOL_TIMEOUT_S
    while paste() != text:
        if time.monotonic() > deadline:
            return False
        time.sleep(READ_BACK_PAUSE_S)
    return True


READ_BACK_PAUSE_S = 0.05


def copy_text(
    text: str,
    data_dir: Path,
    *,
    osc52: Callable[[str], None] | None = None,
    system: Callable[[str], str | None] | None = None,
) -> CopyResult:
    """Copy `text` by every available route; never raises. `system` defaults to
    `system_copy_confirmed`, looked up at each call (tests replace it)."""
    destinations: list[str] = []
    mechanism = (system or system_copy_confirmed)(text)
    if mechanism:
        destinations.append(f"system clipboard ({mechanism})")
    if osc52 is not None:
        with contextlib.suppress(Exception):
            osc52(text)
            destinations.append("terminal clipboard (OSC 52)")
    if mechanism:
        return CopyResult(True, tuple(destinations), f"Copied to the system clipboard ({mechanism})")
    target = data_dir / CLIPBOARD_FILE
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode("utf-8"))
        destinations.append(f"file {target}")
        saved = f"saved to {target}"
    except (StoreError, OSError) as error:
        saved = f"could not save a copy ({error})"
    via = "sent to the terminal (OSC 52, unconfirmed); " if osc52 is not None else ""
    return CopyResult(False, tuple(destinations), f"No system clipboard: {via}{saved}")
