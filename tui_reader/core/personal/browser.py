"""Handing a link to the system's browser, with nothing printed over the reader and a true answer.

`webbrowser.open` is not used: its launchers inherit the terminal's stdin, stdout and stderr, so
`gio: …: Operation not supported` was drawn straight into the app, and it returns True once a
launcher has *started*, so the app said "Opened" for a link nothing opened. Here each launcher
runs in a session of its own (no controlling terminal, so not even `/dev/tty` reaches the screen)
with its stdin from /dev/null and its output into a file read back for the reason it gives. Its
exit status within `LAUNCH_WAIT_S` is the answer: 0 is opened, anything else is the next
launcher's turn. One still running by then is taken as starting (a browser some launchers run
in the foreground); it is left to run and reaped by a thread of its own. The wait blocks:
callers run this off the UI thread.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Iterator, Mapping
from typing import NamedTuple

LAUNCH_WAIT_S = 4.0
REASON_CHARS = 160


class OpenResult(NamedTuple):
    """`opened`: a launcher said yes (or is still starting the browser); `reason` says why not."""

    opened: bool
    launcher: str
    reason: str


def launchers(url: str, environ: Mapping[str, str] | None = None) -> Iterator[list[str]]:
    """The commands to try, in `webbrowser`'s order: `$BROWSER` (`:`-separated, `%s` for the URL,
    else the URL last), then the desktop's opener. Console browsers (`www-browser`, lynx) are
    not offered: they would need the terminal the reader is drawing on."""
    environ = os.environ if environ is None else environ
    for entry in environ.get("BROWSER", "").split(os.pathsep):
        try:
            words = shlex.split(entry)
        except ValueError:
            continue
        if words:
            yield [word.replace("%s", url) for word in words] if "%s" in entry else [*words, url]
    openers = [["open"]] if sys.platform == "darwin" else [["xdg-open"], ["gio", "open"]]
    if sys.platform != "darwin" and (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        openers.append(["x-www-browser"])
    for command in openers:
        if shutil.which(command[0], path=environ.get("PATH")):
            yield [*command, url]


def open_url(url: str, environ: Mapping[str, str] | None = None) -> OpenResult:
    """Try each launcher until one opens `url`; never raises, never writes to the terminal."""
    if sys.platform == "win32":  # `os.startfile` through webbrowser: no console output to stray
        try:
            return OpenResult(webbrowser.open(url), "the default browser", "no browser found")
        except Exception as error:  # a broken browser setting must not take the reader down
            return OpenResult(False, "the default browser", str(error))
    reasons: list[str] = []
    for command in launchers(url, environ):
        result = _launch(command, url, environ)
        if result.opened:
            return result
        reasons.append(result.reason)
    if not reasons:
        return OpenResult(False, "", "no browser or opener (xdg-open, gio) found")
    return OpenResult(False, "", "; ".join(reasons))


def _launch(command: list[str], url: str, environ: Mapping[str, str] | None) -> OpenResult:
    """One launcher's answer; its reason without the address the notice already shows."""
    name = os.path.basename(command[0])
    with tempfile.TemporaryFile() as said:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=said,
                stderr=said,
                start_new_session=True,
                env=None if environ is None else dict(environ),
            )
        except OSError as error:
            return OpenResult(False, name, f"{name}: {error.strerror or error}")
        try:
            status = process.wait(LAUNCH_WAIT_S)
        except subprocess.TimeoutExpired:
            threading.Thread(target=process.wait, daemon=True).start()  # reaped when it ends
            return OpenResult(True, name, "")
        if status == 0:
            return OpenResult(True, name, "")
        said.seek(0)
        lines = said.read(4096).decode("utf-8", "replace").strip().splitlines()
    words = lines[-1].strip().replace(f"{url}: ", "") if lines else f"exit status {status}"
    reason = words if words.startswith(name) else f"{name}: {words}"
    return OpenResult(False, name, reason[:REASON_CHARS])
