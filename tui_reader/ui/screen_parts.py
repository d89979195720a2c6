"""What the main screen's mixins may rely on: one declaration, shared by every mixin.

To the type checker the mixins are screens; at run time they are plain classes,
because every Textual class (DOMNode subclass) is set up when it is defined (its
reactives, bindings, CSS names: ~0.5 ms each at start-up), and only `MainScreen`,
which lists `Screen` among its bases, needs that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from tui_reader.core.content.models import Review
    from tui_reader.core.store import Store
    from tui_reader.ui.state.remembered import UiState
    from tui_reader.ui.widgets.reading import ReadingPane
    from tui_reader.ui.widgets.review_list import ReviewList
    from tui_reader.ui.widgets.thread import ThreadView

    ScreenBase = Screen[None]
else:
    ScreenBase = object


class MainScreenParts(ScreenBase):
    """Base of the mixins (`PersonalActions`, `SearchActions`, `SubjectActions`, `RemoveActions`); `MainScreen`
    provides all of it."""

    if TYPE_CHECKING:
        store: Store
        state: UiState
        review: Review | None
        bookmarked_only: bool

        @property
        def review_list(self) -> ReviewList: ...
        @property
        def reading(self) -> ReadingPane: ...
        @property
        def thread(self) -> ThreadView: ...
        def _focused_pane_id(self) -> str: ...
        def focus_pane(self, pane_id: str) -> None: ...
        def action_focus_pane(self, pane_id: str) -> None: ...
        def action_bookmarked_only(self) -> None: ...
        def refresh_marks(self) -> None: ...
        async def filter_list(self, text: str) -> None: ...
        def refilter(self) -> None: ...
        def _reorder(self, keep: int | None = None) -> None: ...
        def open_position(
            self, position: int | None, scroll_y: float | None = None, comment_id: str | None = None
        ) -> None: ...
        def tell(
            self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float = 3
        ) -> None: ...
