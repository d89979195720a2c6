"""The review list's rows and marks: the sort order, narrowed by the search filter and the bookmarked view.

Owned by the main screen, which tells it when to order the rows again; it reads the
filter from the search controller; the sort starts as the reader left it. Moving the
cursor opens the review under it after a short delay (`preview_soon`, through `open_at`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.timer import Timer

from tui_reader.core.content.text import visible
from tui_reader.core.store import Store
from tui_reader.core.store.userdata_records import UserSnapshot
from tui_reader.ui.controllers.search import SearchController
from tui_reader.ui.state.ordering import next_sort, sort_label, valid_sort
from tui_reader.ui.widgets.reading_layout import EMPTY_HINT
from tui_reader.ui.widgets.review_list import Marks, ReviewList

PREVIEW_DELAY = 0.12  # seconds: holding j through the list does not load every review


class ListController:
    """What the review list shows, in which order, with which marks."""

    def __init__(
        self,
        store: Store,
        review_list: ReviewList,
        search: SearchController,
        sort: str,
        open_at: Callable[[int | None], None],
        shown: Callable[[], int | None],
    ) -> None:
        """`open_at` opens the review at a position (None: none); `shown` is the open one's position."""
        self.store = store
        self.open_at, self.shown = open_at, shown
        self._preview: Timer | None = None
        self._opened_move = 0  # the list's move whose review was opened (`settle`)
        self.review_list = review_list
        self.search = search
        self.sort = valid_sort(sort)
        self.bookmarked_only = False
        self.marks = Marks()
        self._hidden: int | None = None  # the cursor's review while the rows (a filter, `F`) left none
        self._closed: int | None = None  # the review closed as a filter listed nothing (`F`'s view keeps it open)

    def nothing_open(self, position: int | None = None, importing: str = "") -> str:
        """What the reading pane says with no review open: why, and the key that helps. A review
        at `position` that did not open is listed without its text (its shard was damaged): it
        said "No review open: Enter opens the one highlighted", and Enter did nothing more.
        `importing`: what an import under way says, for a library still empty."""
        if not len(self.store.library):
            return importing or EMPTY_HINT
        if position is not None:
            return "This review's text is missing from the library (see the notice): re-import its source"
        return self.why_empty() or "No review open: Enter opens the one highlighted in the list"

    def why_empty(self) -> str:
        """Why the list shows no row, and what to press: the list pane says it (a blank pane said
        nothing once the no-match notice had gone), and so does the reading pane with no review open.
        Empty while rows are listed."""
        if self.review_list.order:
            return ""
        if not len(self.store.library):
            return EMPTY_HINT
        if self.bookmarked_only and not self.marks.with_bookmarks:
            return "No bookmarks yet: f bookmarks the open review or comment; Esc shows every review"
        if self.search.rejected is not None:  # said in the bar while it is open; here once it is not
            return f"Not a query: {visible(self.search.rejected, single_line=True)}. Esc clears it"
        if self.search.filter_label():
            from tui_reader.core.search.query import no_match_hint  # (as the search controller's: lazy)

            hint = no_match_hint(self.search.list_filter.text) if self.search.list_filter is not None else ""
            which = "bookmarked review" if self.bookmarked_only else "review"
            return f"No {which} matches the filter{f' ({hint})' if hint else ''}: Esc clears it"
        return "No bookmarked review here: Esc shows every review" if self.bookmarked_only else ""

    def refresh_marks(self) -> UserSnapshot:
        """Read the user's data again; the snapshot, for the panes' own marks."""
        snapshot = self.store.user.snapshot()
        self.marks = Marks(
            bookmarked=snapshot.bookmarked_reviews,
            noted=snapshot.reviews_with_notes | snapshot.reviews_with_quotes,
            read=snapshot.read,
            comment_bookmarked=snapshot.reviews_with_bookmarked_comments,
        )
        self.review_list.set_marks(self.marks)
        return snapshot

    def reorder(self, keep: int | None = None, near: int | None = None, *, follow: bool = True) -> None:
        """Order the rows again, the cursor kept on the review at position `keep` (-1: the first row),
        looked for first at row `near` (default: the cursor's).

        Without `keep`, the cursor stays on its review (or, the list emptied since, on the one it
        was on then); when the new rows hide it, the cursor lands on another review, and that one
        opens (`follow`): `F` on an unbookmarked review highlighted a bookmarked one while the
        reading pane, and so `f`, stayed on the unbookmarked one."""
        only = self.marks.with_bookmarks if self.bookmarked_only else None  # as `is:bookmarked`
        current = self.review_list.position
        if current is None:
            current = self._closed if self._closed is not None else self._hidden
        if keep is None:
            keep = current
        sort = self.sort
        self.review_list.set_order(self.search.list_order(sort, only), keep, near)
        landed = self.review_list.position
        self._hidden = current if landed is None else None
        if landed is None and self._closed is None and self.search.filter_label():
            self._close_shown()
        elif landed is None and self._closed is not None:
            self.open_at(None)  # still nothing listed: the pane says why for the filter as typed now
        elif self._closed is not None and landed is not None:
            self._closed = None
            if landed == current:
                self.open_at(landed)  # the rows are back on it (Esc cleared the filter): it opens where it was
        elif follow and current is not None and keep == current and landed not in (None, current):
            self.review_list.announce()  # opened after the preview's delay, or at once by the next command
        self.review_list.empty = self.why_empty()
        shown = len(self.review_list.order)
        label = f"{shown} bookmarked" if self.bookmarked_only else f"{shown}"
        # Content, not a str: a str is read as markup, and a typed `[/x]` crashed the app.
        self.review_list.border_subtitle = Content(f"{self.search.filter_label() or label + ' · '}{sort_label(sort)}")

    def _close_shown(self) -> None:
        """The filter lists nothing: the panes say so, not the review it hides (`/zzzqx`)."""
        self._closed = self.shown()
        if self._closed is not None:
            self.cancel_preview()  # nor the one a row highlighted a moment ago, when its preview's timer fires
            self.open_at(None)

    @property
    def hidden_id(self) -> str | None:
        """The review closed because the filter lists none: where the reader is, for the next start."""
        return self.store.library.summary(self._closed).id if self._closed is not None else None

    def toggle_bookmarked_only(self) -> None:
        self.bookmarked_only = not self.bookmarked_only
        self.reorder()

    def cycle_sort(self) -> str:
        """The next sort order; its name."""
        self.sort = next_sort(self.sort)
        self.reorder()
        return sort_label(self.sort)

    def reload(self, keep_id: str | None = None) -> None:
        """The library changed on disk (a removal, another process's import): read it again, search again."""
        library = self.store.library
        if library.changed_on_disk():
            library.load()
        self.search.refilter()  # removed reviews moved the others up: the filter's positions are stale
        self._hidden = None  # a position in the library as it was
        # Its callers open the review the cursor lands on themselves.
        self.reorder(keep=library.position(keep_id) if keep_id is not None else None, follow=False)

    def show(self, position: int) -> None:
        """Put the cursor on the review at `position`, leaving the bookmarked view if it hides it."""
        if self.bookmarked_only and position not in self.review_list.order:
            self.toggle_bookmarked_only()
        if position in self.review_list.order:
            self.review_list.move_to(self.review_list.order.index(position), announce=False)

    def preview_soon(self, position: int | None) -> None:
        """The cursor moved to `position`: open it unless the cursor moves on within `PREVIEW_DELAY`."""
        self.cancel_preview()
        if position != self.review_list.position:
            return  # a move the list has left since its message was sent (a filter's rows went: `/zz`)
        if self.review_list.moves == self._opened_move:
            return  # a command typed right after the move opened it already (`settle`)
        timer: Timer = self.review_list.screen.set_timer(PREVIEW_DELAY, lambda: self._open_preview(position, timer))
        self._preview = timer

    def settle(self) -> bool:
        """Whether the review under the cursor must open now, before a command acts on the one open:
        its preview pending, or its move's `Highlighted` still queued behind the command's key (`j f`
        typed at once bookmarked the review before). From now on that move counts as opened."""
        pending = self.cancel_preview()
        unsettled = pending or self.review_list.moves != self._opened_move
        self._opened_move = self.review_list.moves
        return unsettled

    def cancel_preview(self) -> bool:
        """Stop the pending preview; whether one was pending."""
        pending, self._preview = self._preview, None
        if pending is not None:
            pending.stop()
        return pending is not None

    def _open_preview(self, position: int | None, timer: Timer) -> None:
        # A timer's callback is queued when it fires, so `stop()` can come too late: a
        # preview cancelled since (Enter opened the review at its match) must not reopen it.
        if timer is self._preview:
            self._preview = None
            self._opened_move = self.review_list.moves
            self.open_at(position)
