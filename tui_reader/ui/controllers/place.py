"""Where the reader is, for the next start: read from `state.json` when the screen is built, written on quit.

The file itself (and what a corrupt one means) is `state/remembered.py`; each review's own
place (scroll, comment, comments seen) is `state/memory.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.ui.state.remembered import UiState

if TYPE_CHECKING:
    from tui_reader.ui.screens.main import MainScreen


def restore_scroll(screen: MainScreen, state: UiState) -> None:
    """Once laid out: the list and the reading pane scrolled where they were."""
    screen.review_list.scroll_to(y=state.list_scroll, animate=False)
    screen.review_list.move_to(screen.review_list.cursor, announce=False)  # keep the cursor on screen
    screen.reading.scroll_to(y=state.reading_scroll, animate=False)


def current_place(screen: MainScreen) -> UiState:
    """What to remember of the screen as it is now."""
    comment = screen.thread.current
    return UiState(
        review_id=screen.review.id if screen.review else None,
        pane=screen.focused_pane_id(),
        list_scroll=screen.review_list.scroll_y,
        reading_scroll=screen.reading.scroll_y,
        thread_scroll=screen.thread.scroll_y,
        comment_id=comment.id if comment else None,
        theme=screen.app.theme,
        show_thread=screen.panes_layout.thread_shown,
        sort=screen.list.sort,
        reviews=screen.state.reviews,
    )
