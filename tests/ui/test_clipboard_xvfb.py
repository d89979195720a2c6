"""The real clipboard chain against a real X server (Xvfb) and xclip, where both exist.

`copy_text` must put the text on the X CLIPBOARD selection, confirm it, and keep
xclip's stderr off the terminal; with DISPLAY pointing at no server it must not
claim success and must fall back to the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory
from tui_reader.core.personal import clipboard

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xclip")),
    reason="needs Xvfb and xclip (apt-get install -y xvfb xclip)",
)

TEXT = "A quote with accents — “déjà vu” and a second line.\nLine two ✓"


def free_display() -> int:
    for number in range(90, 190):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    pytest.skip("no free X display number")


@pytest.fixture
def xvfb(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    number = free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-nolisten", "tcp", "-screen", "0", "640x480x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip("Xvfb did not start")
            time.sleep(0.05)
        display = f":{number}"
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        # The reader gives xclip 2 s before it says "no system clipboard"; a busy machine (CI with
        # other jobs) took longer and failed the test. What is tested is where the text lands.
        monkeypatch.setattr(clipboard, "TOOL_TIMEOUT_S", 120.0)
        fresh_pyperclip(monkeypatch)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def fresh_pyperclip(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip picks its tool once per process: pick again now that DISPLAY changed."""
    import pyperclip

    copy, paste = pyperclip.determine_clipboard()
    monkeypatch.setattr(pyperclip, "copy", copy)
    monkeypatch.setattr(pyperclip, "paste", paste)


def read_x_clipboard(display: str) -> str:
    env = {**os.environ, "DISPLAY": display}
    done = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        capture_output=True,
        env=env,
        timeout=60,  # a liveness bound: xclip answers at once unless the machine is very busy
        check=True,
    )
    return done.stdout.decode("utf-8")


def test_copy_text_reaches_the_x_clipboard(xvfb: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    sent: list[str] = []
    result = clipboard.copy_text(TEXT, tmp_path, osc52=sent.append)
    assert result.confirmed, result.message
    assert read_x_clipboard(xvfb) == TEXT
    assert sent == [TEXT]
    assert "system clipboard" in result.message
    assert not (tmp_path / clipboard.CLIPBOARD_FILE).exists()
    assert capfd.readouterr().err == ""


def test_display_without_a_server_is_not_success_and_stays_quiet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISPLAY", f":{free_display()}")  # nothing listens there
    fresh_pyperclip(monkeypatch)
    result = clipboard.copy_text(TEXT, tmp_path)
    assert not result.confirmed
    assert (tmp_path / clipboard.CLIPBOARD_FILE).read_text(encoding="utf-8") == TEXT
    assert str(tmp_path / clipboard.CLIPBOARD_FILE) in result.message
    assert capfd.readouterr().err == ""  # xclip's "Can't open display" never reaches the terminal


async def test_y_in_the_reader_lands_on_the_x_clipboard(xvfb: str, make_app: AppFactory) -> None:
    from tests.ui.test_personal import PROSE, open_prose

    app = make_app([PROSE])
    sent: list[str] = []
    app.copy_to_clipboard = sent.append  # type: ignore[method-assign]
    async with app.run_test(size=(140, 40)) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v", "j", "J", "Y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        cited = read_x_clipboard(xvfb)
        assert cited.startswith("> Second one follows! Third asks why?\n")
        assert "> — Ann Author, *Prose review*" in cited
        assert sent == [cited]
        assert any("system clipboard (xclip)" in n.message for n in app._notifications)
        (quote,) = app.store.user.snapshot().quotes
        assert quote.text == "Second one follows! Third asks why?"
        assert any(d.startswith("system clipboard") for d in quote.destinations)
