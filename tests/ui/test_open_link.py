"""`O` and the links screen's Enter: what opens a link never writes to the terminal, and the
notice says whether the link was opened (a launcher that fails is not "Opened")."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.test_formatted_reading import OPEN, launched, markdown_review
from tui_reader.core.personal import browser
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.links import LAUNCH_THREAD

PAGE = "https://www.reddit.com/r/test/comments/abc/a_reddit_post/"


def fake_launcher(folder: Path, name: str, status: int) -> Path:
    """A launcher that talks on stdout and stderr (as gio does) and exits with `status`; it
    records the address it was given, so a test knows it ran."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        'echo "LAUNCHER-STDOUT $*"\n'
        'for word; do url="$word"; done\n'
        f'echo "{name}: $url: Operation not supported" >&2\n'
        f'echo "$*" >> "{folder}/called"\n'
        f"exit {status}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def only_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the test's launchers, and no `$BROWSER` or display to find others."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return folder


def notices(app: ReaderApp) -> list[tuple[str, str]]:
    return [(n.severity, n.message) for n in app._notifications]


async def test_a_failing_launcher_says_so_and_prints_nothing(
    make_app: AppFactory, only_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    fake_launcher(only_path, "gio", 2)
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "O")
        await launched(pilot)
        assert (only_path / "called").read_text() == f"open {PAGE}\n"
        said = notices(app)
        assert not any("Opened" in message for _, message in said)
        failed = [message for severity, message in said if severity == "error"]
        assert len(failed) == 1
        assert failed[0].startswith(f"Could not open {PAGE}: gio: Operation not supported.")
        assert "o, then c" in failed[0]
    output = capfd.readouterr()
    assert "LAUNCHER-STDOUT" not in output.out + output.err
    assert "Operation not supported" not in output.out + output.err


async def test_the_next_launcher_is_tried_and_success_is_said(
    make_app: AppFactory, only_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    fake_launcher(only_path, "xdg-open", 4)
    fake_launcher(only_path, "gio", 0)
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "o", "enter")  # the links screen's first: the review's page
        await launched(pilot)
        assert (only_path / "called").read_text() == f"{PAGE}\nopen {PAGE}\n"
        assert ("information", f"Opened {PAGE}") in notices(app)
        assert not any(severity == "error" for severity, _ in notices(app))
    output = capfd.readouterr()
    assert "LAUNCHER-STDOUT" not in output.out + output.err


def test_nothing_to_open_with_is_said(only_path: Path) -> None:
    result = browser.open_url(PAGE)
    assert not result.opened and "no browser" in result.reason


def test_browser_variable_comes_first_with_its_placeholder(only_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = fake_launcher(only_path, "mybrowser", 0)
    fake_launcher(only_path, "xdg-open", 0)
    monkeypatch.setenv("BROWSER", f"{script} --new-tab %s")
    assert browser.open_url(PAGE) == browser.OpenResult(True, "mybrowser", "")
    assert (only_path / "called").read_text() == f"--new-tab {PAGE}\n"


def test_a_launcher_still_running_is_taken_as_starting(only_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A launcher that runs the browser in the foreground has not failed: it is left running."""
    script = only_path / "xdg-open"
    script.write_text("#!/bin/sh\nexec sleep 2\n")
    script.chmod(0o755)
    monkeypatch.setattr(browser, "LAUNCH_WAIT_S", 0.0)
    monkeypatch.setenv("PATH", f"{only_path}:/usr/bin:/bin")
    assert browser.open_url(PAGE).opened


async def test_quitting_does_not_wait_for_a_slow_launcher(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`q` right after `O` hung until the launcher answered (up to `LAUNCH_WAIT_S`): the launch
    ran in a thread worker, and Python joins the executor's threads at exit. The reader must be
    free to go while a launcher is still starting: its thread is a daemon, and the app's end
    does not wait for it."""
    release = threading.Event()
    started = threading.Event()

    def slow_open(url: str, *args: object, **kwargs: object) -> browser.OpenResult:
        started.set()
        release.wait(30)
        return browser.OpenResult(True, "slow", "")

    monkeypatch.setattr(browser, "open_url", slow_open)
    app = make_app([markdown_review()], state=OPEN)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "O")
        assert started.wait(30)
    try:
        launches = [thread for thread in threading.enumerate() if thread.name == LAUNCH_THREAD]
        assert launches and all(thread.daemon and thread.is_alive() for thread in launches)
    finally:
        release.set()
    for thread in launches:  # its notice, after the app has gone, is dropped: it waited forever for an answer
        thread.join(timeout=60)  # a guard against a hang, not a measure: the thread ends at once
        assert not thread.is_alive(), "the launch's notice waited on an app that had stopped"
