"""The main screen's panes: which has focus, and the layout: three side by side, comments under the text,
or one pane at a time.

The layout is the screen's classes (`-wide`, `-stacked`, `-single`, `-on-<pane>`,
`-no-thread`), which `app.tcss` styles. A class change restyles the screen and every
node below it, so classes are set only when they differ, and all at once.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget

PANE_IDS = ("list", "reading", "thread")
WIDE, STACKED = 120, 100  # columns: three side by side; comments under the text; else one at a time
LAYOUTS = ("-wide", "-stacked", "-single")


class PaneLayout:
    """Which layout the width calls for, which pane is shown alone, whether the comments pane is shown."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen
        self.alone = "list"  # the pane shown when there is room for one only

    def _classes_with(self, *, width: int | None = None, pane: str | None = None) -> set[str]:
        classes = set(self.screen.classes)
        if width is not None:
            layout = "-wide" if width >= WIDE else "-stacked" if width >= STACKED else "-single"
            classes = {c for c in classes if c not in LAYOUTS} | {layout}
        if pane is not None:
            classes = {c for c in classes if not c.startswith("-on-")} | {f"-on-{pane}"}
        return classes

    def _set(self, classes: set[str]) -> None:
        if classes != set(self.screen.classes):
            self.screen.set_classes(classes)

    def start(self, width: int, pane: str, show_thread: bool) -> None:
        """Before the panes mount, in one change."""
        self.alone = pane
        classes = self._classes_with(width=width, pane=pane)
        self._set(classes - {"-no-thread"} if show_thread else classes | {"-no-thread"})

    def fit(self, width: int) -> None:
        self._set(self._classes_with(width=width, pane=self.alone))

    def show_single(self, pane: str) -> None:
        """The pane shown when there is room for one only. Its class is set in that layout only: in the
        others it changes nothing on screen, and a class change restyles every node (most of a focus change)."""
        self.alone = pane
        if self.screen.has_class("-single"):
            self._set(self._classes_with(pane=pane))

    @property
    def thread_shown(self) -> bool:
        return not self.screen.has_class("-no-thread")

    def show_thread(self, shown: bool) -> None:
        self.screen.set_class(not shown, "-no-thread")

    def toggle_thread(self, current: str) -> None:
        """Hide or show the comments pane; hidden while it has the focus, the text takes it."""
        hiding = self.thread_shown
        self.show_thread(not hiding)
        if hiding and current == "thread":
            self.focus("reading")

    def cycle(self, step: int, current: str) -> None:
        """Tab / Shift+Tab: the shown pane `step` away from `current`."""
        ids = self.pane_ids()
        index = ids.index(current) if current in ids else 0
        self.focus(ids[(index + step) % len(ids)])

    def focus_shown(self, pane_id: str) -> None:
        """`1` `2` `3`: the comments pane is shown first when hidden."""
        if pane_id == "thread" and not self.thread_shown:
            self.show_thread(True)
        self.focus(pane_id)

    def pane_ids(self) -> tuple[str, ...]:
        return PANE_IDS if self.thread_shown else PANE_IDS[:2]

    def focused(self) -> str:
        """The pane holding the focus ("list" when none does)."""
        node = self.screen.focused
        while node is not None:
            if node.id in PANE_IDS:
                return node.id
            node = node.parent if isinstance(node.parent, Widget) else None
        return "list"

    def focus(self, pane_id: str) -> None:
        """Focus a pane (the list when `pane_id` is hidden), shown alone when there is room for one only."""
        if pane_id not in self.pane_ids():
            pane_id = "list"
        self.show_single(pane_id)
        pane = self.screen.query_one(f"#{pane_id}")
        # Now: `Widget.focus()` waits for a refresh, so `1` `f` typed together bookmarked in the old pane.
        self.screen.set_focus(pane)
        if self.screen.focused is not pane:
            pane.focus()
