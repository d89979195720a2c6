"""The reader app: a thin shell; the main screen holds the state, the panes draw it.

The app keeps the one periodic job: watching the library and the user's data for what
another process wrote (`check_library`, once a second: three `stat` calls).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen

from tui_reader.core.content.text import visible
from tui_reader.core.store import Store, StoreError
from tui_reader.core.store.drafts import Drafts
from tui_reader.ui.commands import COMMANDS, MOVE_PREFIX
from tui_reader.ui.safe_write import tell_repairs
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.scrollbars import repaint_on_change

WATCH_SECONDS = 1.0


class ReaderApp(App[None]):
    """Review list, reading pane and comments; every key listed in help (`?`)."""

    TITLE = "tui-reader"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere (bench) find it too
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, store: Store, paths: list[Path] | None = None, format_name: str | None = None) -> None:
        super().__init__()
        repaint_on_change()  # a focus change restyles two panes: their unchanged scrollbars are not drawn again
        self.store = store
        self.main = MainScreen(store, list(paths or ()), format_name)
        self._user_stamp: object = None
        self._drafts = Drafts(store.data_dir)  # user data too: `A` lists them
        self.unsaved = ""  # a draft that could not be kept on quit: printed when the screen is gone

    def on_load(self) -> None:
        """No collections until the first frame is out: building the screen makes many short-lived
        containers (start-up tuning kept: see docs/ARCHITECTURE.md)."""
        gc.disable()

    def on_mount(self) -> None:
        self.call_after_refresh(lambda: gc.enable())
        self.set_interval(WATCH_SECONDS, self.check_library)
        self._quit_on_signals()

    def _quit_on_signals(self) -> None:
        """SIGTERM (`kill`, a shutdown) and SIGHUP (the terminal window closed) quit as `q` does.

        Why: Python's default ended the process where it stood, so where you were was not
        remembered and a terminal still open was left in the app's screen with the mouse on."""
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # Windows; not the main thread
                loop.add_signal_handler(number, lambda: self.call_later(self.action_quit))

    def check_library(self) -> None:
        """Pick up what another process wrote: notes, drafts and marks, or a library import or removal."""
        main = self.main
        if not main.is_attached:
            return
        tell_repairs(main, self.store)  # what reading met since (a damaged shard moved aside)
        reloaded = not main.importer.importing and self.store.library.changed_on_disk()  # ours reloads when done
        stamp = (self.store.user.stamp(), self._drafts.stamp())
        if stamp == self._user_stamp and not reloaded:
            return
        self._user_stamp = stamp  # a removed review's notes show as detached: read them again after a reload
        main.library_changed(reloaded)
        from tui_reader.ui.screens.notes import NotesScreen  # lazy: slow to load, needed only after a change

        for screen in self.screen_stack:
            if isinstance(screen, NotesScreen):
                screen.reload()

    def get_default_screen(self) -> Screen[None]:
        """The main screen is the first on the stack: no blank default screen is built and painted first."""
        theme = self.main.state.theme  # before the screen mounts: a theme change restyles every node
        if theme and theme in self.available_themes:
            self.theme = theme
        return self.main

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers the reader's own commands (from COMMANDS) beside Textual's themes."""
        yield from super().get_system_commands(screen)
        if screen is not self.main:
            return
        for command in COMMANDS:
            if command.action.startswith("app."):
                continue
            title = f"{command.description} ({command.display_keys})"
            yield SystemCommand(title, command.help, self._runner(command.action))

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every command but a move first opens the review under the list cursor.

        Moving through the list opens the highlighted review after a short delay (holding
        `j` must not load every review on the way); a command typed within that delay,
        `f` right after `j`, must act on the review the cursor shows, not the one before.
        """
        if not (isinstance(action, str) and action.startswith(MOVE_PREFIX)) and self.main.is_attached:
            self.main.settle_preview()
        return await super().run_action(action, default_namespace, namespaces)

    def _runner(self, action: str):  # type: ignore[no-untyped-def]
        async def run() -> None:
            await self.main.run_action(action)

        return run

    async def action_quit(self) -> None:
        self._keep_drafts()
        if self.main.is_attached:
            self.main.remember()
            self.main.importer.stop()  # an import ends at its next file; the app waits for it as it exits
        self.exit()

    def _keep_drafts(self) -> None:
        """A note being typed is kept as a draft (`NoteEditor.keep_draft`); one that cannot be is
        printed to the shell once the screen is gone (`unsaved`), not lost."""
        for screen in self.screen_stack:
            if (keep := getattr(screen, "keep_draft", None)) is None:
                continue
            try:
                keep()
            except (StoreError, OSError) as error:
                self.unsaved = f"your unsaved note could not be kept ({error}): {getattr(screen, 'text', '')}"


def run_app(store: Store, paths: list[Path], format_name: str | None, refresh: bool = False) -> int:
    app = ReaderApp(store, paths, format_name)
    if refresh:  # `--refresh`: the followed sources, in a worker once the main screen is drawn
        from tui_reader.ui.screens.sources import refresh_on_start

        refresh_on_start(app.main)
    app.run()
    if notice := app.main.importer.stopped_notice:
        print(notice)  # the screen is gone: said where the reader's shell is
    if app.unsaved:
        print(f"{app.TITLE}: {visible(app.unsaved)}", file=sys.stderr)
    if problem := app.main.place.problem:  # said in the app too, where a notice is gone in seconds
        print(f"{app.TITLE}: {visible(problem, single_line=True)}", file=sys.stderr)
    return app.return_code or 0  # an error that ended the app is not a success to a script
