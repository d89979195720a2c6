"""The main screen: composes the three panes and the controllers, holds the reading state, routes.

Keys are bound here (from `commands.COMMANDS`), their actions in `main_actions.py`
(`KeyActions`, this screen's base); a pane command goes to the focused pane's `pane_<verb>`
method, so "next" means the next review, line or comment depending on where you are. The
controllers (`ui/controllers/`) own search, the personal layer, subjects, removal and
importing: the screen tells them the focused pane, binds its open `review` into them
(`data_bind`), and handles what they and the panes report with `@on`.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.reactive import Reactive, var
from textual.widget import Widget

from tui_reader.core.content.formatting import PLAIN, body_kind
from tui_reader.core.content.models import Review
from tui_reader.core.sources.marks import SourceMarks
from tui_reader.core.store import Store
from tui_reader.ui.commands import bindings
from tui_reader.ui.controllers.importing import ImportController
from tui_reader.ui.controllers.layout import PaneLayout
from tui_reader.ui.controllers.listing import ListController
from tui_reader.ui.controllers.personal import PersonalController
from tui_reader.ui.controllers.place import PlaceKeeper, go_to_anchor, reopen_as_stored, restore_scroll
from tui_reader.ui.controllers.removal import RemovalController
from tui_reader.ui.controllers.search import SearchController
from tui_reader.ui.controllers.subjects import SubjectController
from tui_reader.ui.controllers.typed_ahead import KeysCaughtUp
from tui_reader.ui.safe_write import tell_repairs, user_write
from tui_reader.ui.screens.main_actions import KeyActions
from tui_reader.ui.state.memory import keep, new_comments, recall
from tui_reader.ui.state.remembered import UiState
from tui_reader.ui.widgets.footer import Footer
from tui_reader.ui.widgets.reading import ReadingPane
from tui_reader.ui.widgets.review_list import ReviewList
from tui_reader.ui.widgets.thread import ThreadView


class MainScreen(KeyActions):
    BINDINGS = bindings()

    review: var[Review | None] = var(None, always_update=True)  # the open review, bound into the controllers
    # Textual's, without its whole-screen repaint on each focus change: the panes that gain and lose it repaint.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    state: UiState  # where the reader is: read and written by `PlaceKeeper`

    def __init__(self, store: Store, paths: list[Path], format_name: str | None) -> None:
        super().__init__()
        self.store = store
        self.paths = paths
        self.format_name = format_name
        self.place = PlaceKeeper(self)  # reads `self.state`: where the reader was
        # Auto focus on the remembered pane, not the list then it (tuning kept: 2 restyles, ~5 ms).
        self._resumed = False  # see `post_message`
        self.AUTO_FOCUS = f"#{self._start_pane()}"  # type: ignore[misc]  # per screen, not per class
        self.panes_layout = PaneLayout(self)
        self._read_marked: str | None = None  # the review the end-shown rule already marked read
        self.source_marks = SourceMarks(store.data_dir)  # comments a refresh of a followed source brought

    def _start_pane(self) -> str:
        return self.state.pane if self.state.pane != "thread" or self.state.show_thread else "list"

    def compose(self) -> ComposeResult:
        state = self.state
        self.panes_layout.start(self.app.size.width, state.pane, state.show_thread)
        self.review_list = ReviewList(self.store.summary, len(self.store.library), id="list")
        self.review_list.border_title = "1 Reviews"
        self.reading = ReadingPane(id="reading")
        self.reading.border_title = "2 Reading"
        self.thread = ThreadView(id="thread")
        self.thread.border_title = "3 Comments"
        # The pane `AUTO_FOCUS` focuses is styled focused at its mount: Textual styled it unfocused
        # there and again when the focus came (the pane and its component classes, ~1.5 ms CPU).
        panes: dict[str, Widget] = {"list": self.review_list, "reading": self.reading, "thread": self.thread}
        panes[self._start_pane()].set_reactive(Widget.has_focus, True)
        with Horizontal(id="panes"):
            yield self.review_list
            with Container(id="right"):
                yield self.reading
                yield self.thread
        store = self.store
        self.search = SearchController(store, self.review_list, self.reading, self.thread)

        def shown() -> int | None:  # the open review's position
            return store.library.position(self.review.id) if self.review is not None else None

        self.list = ListController(store, self.review_list, self.search, self.state.sort, self.open_position, shown)
        self.personal = PersonalController(store, self.reading, self.thread)
        self.subjects = SubjectController(store)
        self.removal = RemovalController(store, self.review_list)
        for controller in (self.search, self.personal, self.subjects, self.removal):
            yield controller.data_bind(MainScreen.review)
        self.importer = ImportController(store)
        yield self.importer
        yield Footer()

    def watch_review(self, review: Review | None) -> None:
        count = review.comment_count if review else 0
        self.thread.border_title = f"3 Comments ({count})" if count else "3 Comments"

    # ---- start -----------------------------------------------------------------------

    def on_mount(self) -> None:
        state = self.state
        self.refresh_marks()
        keep = self.store.library.position(state.review_id) if state.review_id else None
        self.list.reorder(keep=keep, near=state.list_row)
        self.open_position(self.review_list.position, state.reading_scroll, state.comment_id)
        self.focus_pane(self._start_pane())
        self.call_after_refresh(restore_scroll, self, state)
        self.place.start()
        tell_repairs(self, self.store)
        if self.paths:
            self.importer.start(self.paths, self.format_name, then=self.search.index_after_import)
            if self.review is None:  # an empty library says what is on its way
                self.open_position(self.review_list.position)

    def post_message(self, message: Message) -> bool:
        """The first `ScreenResume` restyles nothing: every node was styled as it mounted, a moment
        before, and Textual styling all of them again cost the first frame 6-8 ms (timed inside
        the real command). Later resumes (back from help, notes) restyle as Textual decides."""
        if isinstance(message, events.ScreenResume) and not self._resumed:
            self._resumed = True
            message.refresh_styles = False
        return super().post_message(message)

    def remember(self) -> None:
        """Write where the reader is, for the next start."""
        self.place.save()

    # ---- panes -----------------------------------------------------------------------

    def focused_pane_id(self) -> str:
        """The focused pane; while typing in the search bar, the pane it searches."""
        return self.search.bar_pane() or self.panes_layout.focused()

    def focus_pane(self, pane_id: str) -> None:
        self.panes_layout.focus(pane_id)

    def on_descendant_focus(self) -> None:
        self.panes_layout.show_single(self.focused_pane_id())

    def on_resize(self, event: events.Resize) -> None:
        self.panes_layout.fit(event.size.width)

    # ---- keys on their way up: the search bar takes those typed right after `/` ------------

    def on_key(self, event: events.Key) -> None:
        self.search.typed_ahead.key_up(event, on_screen=self.app.screen is self)

    def on_paste(self, event: events.Paste) -> None:
        self.search.typed_ahead.key_up(event, on_screen=False)

    def on_keys_caught_up(self, message: KeysCaughtUp) -> None:
        message.stop()
        self.search.typed_ahead.caught_up()

    # ---- opening reviews -------------------------------------------------------------

    def open_position(
        self, position: int | None, scroll_y: float | None = None, comment_id: str | None = None, *, seen: bool = True
    ) -> None:
        """Show a review; without `scroll_y`, where the reader left it last time (and its comment).
        `seen`: what a refresh brought it stops being new in the list (not for a reopen behind your back)."""
        self.keep_place()
        self.search.drop_finds()
        self._read_marked = None
        review = self.store.library.get_at(position) if position is not None else None
        if review is not None:
            review = self.subjects.with_subject(review)
        self.review = review
        if review is not None and scroll_y is None:
            place = recall(self.state, review.id)
            scroll_y, comment_id = place.scroll, comment_id or place.comment_id
        fresh = new_comments(self.state, review) | self.source_marks.new_ids(review) if review else frozenset()
        self.thread.new_ids = fresh  # new since the last visit, or brought by a refresh
        self.thread.body_kind = body_kind(review.format) if review else PLAIN
        empty = self.list.nothing_open(position, importing=self.importer.under_way())
        self.reading.show(review, scroll_y or 0, empty=empty)
        self.thread.show(review.comments if review else (), comment_id, op=review.author if review else None)
        if review is not None:
            keep(self.state, review, scroll_y or 0, comment_id)
            if seen:
                self.source_marks.seen(self.store, review)
            self.review_list.set_new_counts(self.source_marks.new_counts())  # this thread's `+N new` goes
        if scroll_y:  # again once laid out: a short review shown before clamps the first try
            self.call_after_refresh(self.reading.scroll_to, y=scroll_y, animate=False, force=True)

    def keep_place(self) -> None:
        """Remember the scroll position and comment of the review on screen, for its next opening."""
        if self.review is not None and self.is_mounted:
            comment = self.thread.current
            keep(self.state, self.review, self.reading.scroll_y, comment.id if comment else None)

    @on(ReadingPane.EndShown)
    def _end_shown(self, event: ReadingPane.EndShown) -> None:
        """A review is read once its end has been on screen (`m` still toggles it)."""
        review = self.review
        if review is None or review.id != event.review_id or self._read_marked == review.id:
            return
        if not self.reading.display or self.reading.region.area == 0:
            return  # the pane is hidden (one pane at a time at 80 columns)
        self._read_marked = review.id
        if review.id not in self.list.marks.read:
            user_write(self, lambda: self.store.user.set_read(review.id))
            self.refresh_marks()

    @on(ReviewList.Highlighted)
    def _preview_soon(self, event: ReviewList.Highlighted) -> None:
        self.list.preview_soon(event.position)

    def settle_preview(self) -> None:
        """Open now the review the list's cursor moved to, if not yet (see `ReaderApp.run_action`)."""
        if self.list.settle():
            self.open_position(self.review_list.position)

    @on(ReviewList.Opened)
    def _open(self, event: ReviewList.Opened) -> None:
        self.list.settle()
        self.open_position(event.position)
        target = self.search.match_target(event.position) if self.search.list_filter else None
        pane = None
        if target is not None:
            pane = "thread" if target.comment_id is not None else "reading"
            if pane == "thread":
                self.action_focus_pane("thread")  # shown (if hidden) before the match is revealed in it
            self.search.show_match(target)
        if event.focus:
            self.focus_pane(pane or "reading")

    @on(ReadingPane.Step)
    def _step(self, event: ReadingPane.Step) -> None:
        review_list = self.review_list
        review_list.move_to(review_list.cursor + event.direction, announce=False)
        self.open_position(review_list.position)

    # ---- the list and the user's marks ---------------------------------------------

    @on(PersonalController.MarksChanged)
    def refresh_marks(self) -> None:
        snapshot = self.list.refresh_marks()
        self.thread.set_bookmarked(snapshot.bookmarked_comments)
        self.review_list.set_new_counts(self.source_marks.new_counts())
        self.personal.show_marks(snapshot)

    def library_changed(self, reloaded: bool) -> None:
        """Another process wrote (see `ReaderApp.check_library`): the library, or only the user's data."""
        if reloaded:
            self.list.reload(keep_id=self.review.id if self.review else None)  # its review, not its old row
            reopen_as_stored(self)
        self.refresh_marks()

    @on(SearchController.Filtered)
    def _filtered(self, event: SearchController.Filtered) -> None:
        self.list.reorder(keep=-1 if event.best_first else None, follow=not event.then_open)  # the best match first
        if event.best_first:
            self.review_list.announce()
        if event.then_open:
            self.search.open_first_listed()

    @on(SearchController.GoTo)
    def _go_to(self, event: SearchController.GoTo) -> None:
        self.focus_pane(event.pane)

    @on(PersonalController.JumpTo)
    def _jump_to(self, event: PersonalController.JumpTo) -> None:
        go_to_anchor(self, event.anchor)

    @on(SubjectController.FilterBy)
    async def _filter_by(self, event: SubjectController.FilterBy) -> None:
        await self.filter_list(event.query)

    async def filter_list(self, text: str) -> None:
        """Filter the list by `text`, the cursor left in the list (to read the matches with j / J)."""
        self.focus_pane("list")
        await self.search.filter_list(text)

    @on(SubjectController.SubjectSet)
    def _subject_set(self, event: SubjectController.SubjectSet) -> None:
        current = self.review
        if current is not None and current.id == event.review_id:
            imported = self.store.library.get(current.id)
            fresh = self.subjects.with_subject(imported) if imported is not None else current
            self.review = fresh
            self.reading.show(fresh, self.reading.scroll_y)
        self.review_list.refresh()

    @on(RemovalController.Removed)
    def _removed(self, event: RemovalController.Removed) -> None:
        self.list.reload(keep_id=event.following)
        self.open_position(self.review_list.position)
        self.refresh_marks()

    @on(ImportController.Imported)
    def _imported(self) -> None:
        had_review = self.review is not None
        self.list.reorder()
        if had_review:
            reopen_as_stored(self)
        else:
            self.open_position(self.review_list.position)

    @on(ImportController.Failed)
    def _import_failed(self) -> None:
        if self.review is None:  # no longer "Importing …"
            self.open_position(self.review_list.position)
