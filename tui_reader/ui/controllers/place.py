"""Where the reader is: for the next start (`state.json`, read when the screen is built, written on
quit and every few seconds while the place changes: `PlaceKeeper`), and going to a note's place
(`go_to_anchor`), and the open review kept open as the library changes under it (`reopen_as_stored`).

The file itself (and what a corrupt one means) is `state/remembered.py`; each review's own
place (scroll, comment, comments seen) is `state/memory.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from tui_reader.core.content.user_records import Anchor
from tui_reader.ui.safe_write import tell
from tui_reader.ui.state.memory import recall
from tui_reader.ui.state.remembered import UiState, encoded, load_state, save_state

if TYPE_CHECKING:
    from tui_reader.ui.screens.main import MainScreen


class PlaceKeeper:
    """Writes where the reader is: on quit, and every `EVERY` seconds when it changed.

    Why the timer: a reader killed without a chance to quit (`kill -9`, an out-of-memory kill,
    a machine that loses power) would start again at the place of the last clean quit, maybe
    days of reading back. Now it loses at most `EVERY` seconds. Nothing is written while the
    place stays as last written (the file is fsynced: no write every few seconds for nothing).
    """

    EVERY: ClassVar[float] = 10.0

    def __init__(self, screen: MainScreen) -> None:
        """Reads the remembered place into `screen.state`."""
        self.screen = screen
        unreadable: list[str] = []
        screen.state = load_state(screen.store.state_path, unreadable)
        self._written = encoded(screen.state)  # what the file holds: as it was read
        self._unreadable = unreadable[0] if unreadable else None  # no file there (a folder): never written
        self._problem: str | None = None  # the last write's problem, said once

    @property
    def problem(self) -> str | None:
        """Why the place is not remembered, if it is not: said again at exit, where the notice is gone."""
        return self._unreadable or self._problem

    def start(self) -> None:
        self.screen.set_interval(self.EVERY, self.save, name="keep place")
        if self._unreadable is not None:
            tell(self.screen, self._unreadable, severity="warning", timeout=10)

    def save(self) -> None:
        """Write the place if it moved since the last write; a problem (a read-only folder) is said once."""
        screen = self.screen
        screen.keep_place()
        screen.state = current_place(screen)
        place = encoded(screen.state)  # bytes, not the state: its per-review memory changes in place
        if place == self._written or self._unreadable is not None:  # a FIFO there is not replaced either
            return
        problem = save_state(screen.store.state_path, screen.state)
        if problem is None:
            self._written = place
        elif problem != self._problem:
            tell(screen, problem, severity="warning")
        self._problem = problem


def restore_scroll(screen: MainScreen, state: UiState) -> None:
    """Once laid out: the list and the reading pane scrolled where they were."""
    screen.review_list.scroll_to(y=state.list_scroll, animate=False)
    screen.review_list.move_to(screen.review_list.cursor, announce=False)  # keep the cursor on screen
    screen.reading.scroll_to(y=state.reading_scroll, animate=False)


def current_place(screen: MainScreen) -> UiState:
    """What to remember of the screen as it is now."""
    comment = screen.thread.current
    review_id, reading_scroll, comment_id = None, screen.reading.scroll_y, comment.id if comment else None
    if screen.review is not None:
        review_id = screen.review.id
    elif (review_id := screen.list.hidden_id) is not None:  # closed while a filter lists nothing:
        recalled = recall(screen.state, review_id)  # the next start opens it where it was
        reading_scroll, comment_id = recalled.scroll, recalled.comment_id
    return UiState(
        review_id=review_id,
        pane=screen.focused_pane_id(),
        list_scroll=screen.review_list.scroll_y,
        list_row=screen.review_list.cursor,
        reading_scroll=reading_scroll,
        thread_scroll=screen.thread.scroll_y,
        comment_id=comment_id,
        theme=screen.app.theme,
        show_thread=screen.panes_layout.thread_shown,
        sort=screen.list.sort,
        subjects_sort=screen.state.subjects_sort,
        reviews=screen.state.reviews,
    )


def reopen_as_stored(screen: MainScreen) -> None:
    """The open review as the library now holds it, where the reader was in it: a re-import (here
    or elsewhere) brought comments or changed its text, which the panes and the comment count
    went on showing as before. Removed elsewhere: the review the cursor is on now opens."""
    review = screen.review
    if review is None:
        return
    position = screen.store.library.position(review.id)
    if position is None:
        screen.personal.leave_quote()
        tell(screen, "The review you were reading was removed from the library (your notes on it are kept aside)")
        screen.open_position(screen.review_list.position)
        return
    stored = screen.store.library.get_at(position)
    if stored is not None and screen.subjects.with_subject(stored) != review:
        screen.personal.leave_quote()  # its sentences were counted in the text as it was
        comment = screen.thread.current
        # Not `seen`: the comments a refresh brought stay new in the list until the reader opens the thread.
        screen.open_position(position, screen.reading.scroll_y, comment.id if comment else None, seen=False)


def go_to_anchor(screen: MainScreen, anchor: Anchor) -> None:
    """Open the anchor's review (a note chosen in the notes screen) and bring its paragraph or comment into view."""
    position = screen.store.library.position(anchor.review_id)
    if position is None:
        tell(screen, "That review is no longer in the library", severity="warning")
        return
    screen.list.show(position)
    screen.open_position(position, 0, anchor.comment_id)
    if anchor.comment_id is not None and (node := screen.thread.model.index_of(anchor.comment_id)) is not None:
        screen.action_focus_pane("thread")
        screen.thread.reveal(node)
    elif anchor.paragraph is not None:
        screen.focus_pane("reading")
        lines = screen.reading.paragraph_lines(anchor.paragraph)
        if lines:  # after the refresh: the new review's height is not known to the scroll view before
            screen.call_after_refresh(screen.reading.scroll_to, y=lines.start, animate=False, immediate=True)
    else:
        screen.focus_pane("reading")
