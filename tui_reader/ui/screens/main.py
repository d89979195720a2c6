"""The main screen: owns the reading state and hands it down to the three panes.

Keys are bound here (from `commands.COMMANDS`); a pane command goes to the focused
pane's `pane_<verb>` method, so "next" means the next review, line or comment
depending on where you are. Panes report back with small messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer

from tui_reader.core.content.formatting import PLAIN, body_kind
from tui_reader.core.content.models import Review
from tui_reader.core.content.text import visible
from tui_reader.core.store import Store, StoreError
from tui_reader.ui.commands import bindings
from tui_reader.ui.personal import PersonalActions
from tui_reader.ui.remove_actions import RemoveActions
from tui_reader.ui.safe_write import user_write
from tui_reader.ui.search_actions import SearchActions
from tui_reader.ui.state.memory import keep, new_comments, recall
from tui_reader.ui.state.ordering import next_sort, sort_label, valid_sort
from tui_reader.ui.state.remembered import UiState, load_state, save_state
from tui_reader.ui.subject_actions import SubjectActions
from tui_reader.ui.widgets.reading import ReadingPane
from tui_reader.ui.widgets.review_list import Marks, ReviewList
from tui_reader.ui.widgets.thread import ThreadView

if TYPE_CHECKING:
    from textual.events import Resize

    from tui_reader.core.pipeline.importing import ImportReport

PANE_IDS = ("list", "reading", "thread")
WIDE, STACKED = 120, 100  # columns: three side by side; comments under the text; else one at a time
PREVIEW_DELAY = 0.12  # seconds: holding j through the list does not load every review


class MainScreen(SearchActions, PersonalActions, SubjectActions, RemoveActions, Screen[None]):
    BINDINGS = bindings()

    def __init__(self, store: Store, paths: list[Path], format_name: str | None) -> None:
        super().__init__()
        self.store = store
        self.paths = paths
        self.format_name = format_name
        self.review: Review | None = None
        self.state = load_state(store.state_path)
        self.state.sort = valid_sort(self.state.sort)
        self.bookmarked_only = False
        self._preview: Timer | None = None
        self._read_marked: str | None = None  # the review the end-shown rule already marked read

    def compose(self) -> ComposeResult:
        # Classes and titles are set before the panes mount, and the classes at once: every
        # change restyles the screen (1.5 ms each at start) and, later, every node below it.
        state = self.state
        classes = self._classes_with(width=self.app.size.width, pane=state.pane)
        self.set_classes(classes | {"-no-thread"} if not state.show_thread else classes - {"-no-thread"})
        with Horizontal(id="panes"):
            review_list = ReviewList(self.store.summary, len(self.store.library), id="list")
            review_list.border_title = "1 Reviews"
            yield review_list
            with Container(id="right"):
                reading = ReadingPane(id="reading")
                reading.border_title = "2 Reading"
                yield reading
                thread = ThreadView(id="thread")
                thread.border_title = "3 Comments"
                yield thread
        yield Footer()

    # ---- start and stop ------------------------------------------------------------

    def on_mount(self) -> None:
        state = self.state
        self.personal_setup()
        self.refresh_marks()
        keep = self.store.library.position(state.review_id) if state.review_id else None
        self._reorder(keep=keep)
        self.open_position(self.review_list.position, state.reading_scroll, state.comment_id)
        self.focus_pane(state.pane if state.pane != "thread" or state.show_thread else "list")
        self.call_after_refresh(self._restore_scroll, state)
        for problem in self.store.problems:
            self.tell(problem, title="Repaired", severity="warning", timeout=10)
        if self.paths:
            self.import_in_background(self.paths, self.format_name)

    def _restore_scroll(self, state: UiState) -> None:
        self.review_list.scroll_to(y=state.list_scroll, animate=False)
        self.review_list.move_to(self.review_list.cursor, announce=False)  # keep the cursor on screen
        self.reading.scroll_to(y=state.reading_scroll, animate=False)

    def remember(self) -> None:
        """Write where the reader is, for the next start."""
        self.keep_place()
        comment = self.thread.current
        state = UiState(
            review_id=self.review.id if self.review else None,
            pane=self._focused_pane_id(),
            list_scroll=self.review_list.scroll_y,
            reading_scroll=self.reading.scroll_y,
            thread_scroll=self.thread.scroll_y,
            comment_id=comment.id if comment else None,
            theme=self.app.theme,
            show_thread=not self.has_class("-no-thread"),
            sort=self.state.sort,
            reviews=self.state.reviews,
        )
        self.state = state
        if problem := save_state(self.store.state_path, state):
            self.tell(problem, severity="warning")

    def tell(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float = 3
    ) -> None:
        """Notify without markup: messages quote file names and text from the library."""
        self.notify(visible(message, single_line=True), title=title, severity=severity, timeout=timeout, markup=False)

    # ---- panes ---------------------------------------------------------------------

    @property
    def review_list(self) -> ReviewList:
        return self.query_one("#list", ReviewList)

    @property
    def reading(self) -> ReadingPane:
        return self.query_one("#reading", ReadingPane)

    @property
    def thread(self) -> ThreadView:
        return self.query_one("#thread", ThreadView)

    def _pane_ids(self) -> tuple[str, ...]:
        return PANE_IDS if not self.has_class("-no-thread") else PANE_IDS[:2]

    def _focused_pane_id(self) -> str:
        if (mode := self.bar_pane()) is not None:
            return mode  # typing in the search bar: still "in" the pane it searches
        node = self.focused
        while node is not None:
            if node.id in PANE_IDS:
                return node.id
            node = node.parent if isinstance(node.parent, Widget) else None
        return "list"

    def focus_pane(self, pane_id: str) -> None:
        if pane_id not in self._pane_ids():
            pane_id = "list"
        self._show_single(pane_id)
        pane = self.query_one(f"#{pane_id}")
        # Now: `Widget.focus()` waits for a refresh, so `1` `f` typed together bookmarked in the old pane.
        self.set_focus(pane)
        if self.focused is not pane:
            pane.focus()

    def _classes_with(self, *, width: int | None = None, pane: str | None = None) -> set[str]:
        """The screen's classes with the layout for `width` and the pane shown alone (`pane`) put in."""
        classes = set(self.classes)
        if width is not None:
            layout = "-wide" if width >= WIDE else "-stacked" if width >= STACKED else "-single"
            classes = {c for c in classes if c not in ("-wide", "-stacked", "-single")} | {layout}
        if pane is not None:
            classes = {c for c in classes if not c.startswith("-on-")} | {f"-on-{pane}"}
        return classes

    def _show_single(self, pane_id: str) -> None:
        if (classes := self._classes_with(pane=pane_id)) != set(self.classes):
            self.set_classes(classes)

    def on_descendant_focus(self) -> None:
        self._show_single(self._focused_pane_id())

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        if (classes := self._classes_with(width=width)) != set(self.classes):
            self.set_classes(classes)

    # ---- opening reviews -----------------------------------------------------------

    def open_position(self, position: int | None, scroll_y: float | None = None, comment_id: str | None = None) -> None:
        """Show a review; without `scroll_y`, where the reader left it last time (and its comment)."""
        self.keep_place()
        self.drop_finds()
        self._read_marked = None
        review = self.store.library.get_at(position) if position is not None else None
        if review is not None:
            review = self.with_subject(review)
        self.review = review
        if review is not None and scroll_y is None:
            place = recall(self.state, review.id)
            scroll_y, comment_id = place.scroll, comment_id or place.comment_id
        self.thread.new_ids = new_comments(self.state, review) if review else frozenset()
        self.thread.body_kind = body_kind(review.format) if review else PLAIN
        self.reading.show(review, scroll_y or 0)
        self.thread.show(review.comments if review else (), comment_id, op=review.author if review else None)
        if review is not None:
            keep(self.state, review, scroll_y or 0, comment_id)
        if scroll_y:  # again once laid out: a short review shown before clamps the first try
            self.call_after_refresh(self.reading.scroll_to, y=scroll_y, animate=False, force=True)
        count = review.comment_count if review else 0
        self.thread.border_title = f"3 Comments ({count})" if count else "3 Comments"

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
        if review.id not in self._marks.read:
            user_write(self, lambda: self.store.user.set_read(review.id))
            self.refresh_marks()

    @on(ReviewList.Highlighted)
    def _preview_soon(self, event: ReviewList.Highlighted) -> None:
        self._cancel_preview()
        timer: Timer = self.set_timer(PREVIEW_DELAY, lambda: self._open_preview(event.position, timer))
        self._preview = timer

    def _cancel_preview(self) -> Timer | None:
        """Stop the pending preview; the one that was pending, if any."""
        pending, self._preview = self._preview, None
        if pending is not None:
            pending.stop()
        return pending

    def _open_preview(self, position: int | None, timer: Timer) -> None:
        # A timer's callback is queued when it fires, so `stop()` can come too late: a
        # preview cancelled since (Enter opened the review at its match) must not reopen it.
        if timer is self._preview:
            self._preview = None
            self.open_position(position)

    def settle_preview(self) -> None:
        """Open now the review whose preview is pending (see `ReaderApp.run_action`)."""
        if self._cancel_preview() is not None:
            self.open_position(self.review_list.position)

    @on(ReviewList.Opened)
    def _open(self, event: ReviewList.Opened) -> None:
        self._cancel_preview()
        self.open_position(event.position)
        pane = self.show_match(event.position) if self.list_filter else None
        if event.focus:
            self.focus_pane(pane or "reading")

    @on(ReadingPane.Step)
    def _step(self, event: ReadingPane.Step) -> None:
        review_list = self.review_list
        review_list.move_to(review_list.cursor + event.direction, announce=False)
        self.open_position(review_list.position)

    # ---- the user's marks ----------------------------------------------------------

    def refresh_marks(self) -> None:
        snapshot = self.store.user.snapshot()
        self._marks = Marks(
            bookmarked=snapshot.bookmarked_reviews,
            noted=snapshot.reviews_with_notes | snapshot.reviews_with_quotes,
            read=snapshot.read,
        )
        self.review_list.set_marks(self._marks)
        self.thread.set_bookmarked(snapshot.bookmarked_comments)
        self.personal_marks(snapshot)

    def _reorder(self, keep: int | None = None) -> None:
        only = self._marks.bookmarked if self.bookmarked_only else None
        if keep is None:
            keep = self.review_list.position
        self.review_list.set_order(self.list_order(only), keep)
        shown = len(self.review_list.order)
        label = f"{shown} bookmarked" if self.bookmarked_only else f"{shown}"
        self.review_list.border_subtitle = f"{self.filter_label() or label + ' · '}{sort_label(self.state.sort)}"

    # ---- actions (bound in commands.py) --------------------------------------------

    def action_pane(self, verb: str) -> None:
        if self.quote_key(verb):  # quote mode: j/k/J/K move the sentence cursor
            return
        pane = self.query_one(f"#{self._focused_pane_id()}")
        method = getattr(pane, f"pane_{verb}", None)
        if method is None:
            self.tell(f"Nothing to {verb.replace('_', ' ')} here", timeout=2)
            return
        method()

    def action_cycle_pane(self, step: int) -> None:
        ids = self._pane_ids()
        current = self._focused_pane_id()
        index = ids.index(current) if current in ids else 0
        self.focus_pane(ids[(index + step) % len(ids)])

    def action_focus_pane(self, pane_id: str) -> None:
        if pane_id == "thread" and self.has_class("-no-thread"):
            self.action_toggle_thread()
        self.focus_pane(pane_id)

    def action_toggle_thread(self) -> None:
        hiding = not self.has_class("-no-thread")
        self.set_class(hiding, "-no-thread")
        if hiding and self._focused_pane_id() == "thread":
            self.focus_pane("reading")

    def action_coming(self, feature: str) -> None:
        self.tell(f"{feature.capitalize()} are coming in a later version.", title="Coming", timeout=3)

    def action_bookmark(self) -> None:
        if self.review is None:
            return
        comment = self.thread.current if self._focused_pane_id() == "thread" else None
        review_id, comment_id = self.review.id, comment.id if comment else None
        saved, now_marked = user_write(self, lambda: self.store.user.toggle_bookmark(review_id, comment_id))
        if not saved:
            return
        what = "Comment" if comment else "Review"
        self.tell(f"{what} {'bookmarked' if now_marked else 'no longer bookmarked'}", timeout=2)
        self.refresh_marks()
        if self.bookmarked_only:
            self._reorder()

    def action_bookmarked_only(self) -> None:
        self.bookmarked_only = not self.bookmarked_only
        self._reorder()

    def action_clear(self) -> None:
        if self.leave_quote():
            return
        if self.clear_search():
            return
        if self.bookmarked_only:
            self.action_bookmarked_only()

    def action_cycle_sort(self) -> None:
        self.state.sort = next_sort(self.state.sort)
        self._reorder()
        self.tell(f"Sorted by {sort_label(self.state.sort)}", timeout=2)

    def action_toggle_read(self) -> None:
        if self.review is None:
            return
        review_id, now_read = self.review.id, self.review.id not in self._marks.read
        saved, _ = user_write(self, lambda: self.store.user.set_read(review_id, now_read))
        if not saved:
            return
        self.refresh_marks()
        self.tell(f"Marked {'read' if now_read else 'unread'}", timeout=2)

    def action_help(self) -> None:
        from tui_reader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        await self.app.action_quit()

    # ---- importing -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="importing")
    def import_in_background(self, paths: list[Path], format_name: str | None) -> None:
        # Imported here: the importers cost ~70 ms to load, which the first paint need not wait for.
        from tui_reader.core.importers import InputError
        from tui_reader.core.pipeline.importing import import_paths

        self.app.call_from_thread(self._import_started)

        def progress(done: int, total: int, _path: str) -> None:
            self.app.call_from_thread(self._import_progress, done, total)

        try:
            report = import_paths(self.store, paths, format_name=format_name, progress=progress)
        except (InputError, StoreError, OSError) as error:
            self.app.call_from_thread(self._import_failed, str(error))
            return
        self.index_after_import()
        self.app.call_from_thread(self._import_done, report)

    def _import_started(self) -> None:
        from textual.widgets import Label, ProgressBar  # only an import needs them: not loaded at start

        label, progress = Label("Importing", id="import-label"), ProgressBar(id="import-progress", show_eta=False)
        self.mount(Horizontal(label, progress, id="import-bar"), before=self.query_one(Footer))

    def _import_progress(self, done: int, total: int) -> None:
        for bar in self.query("#import-progress"):
            bar.update(total=total, progress=done)  # type: ignore[attr-defined]

    def _import_failed(self, message: str) -> None:
        self.query("#import-bar").remove()
        self.tell(message, title="Import failed", severity="error", timeout=10)

    def _import_done(self, report: ImportReport) -> None:
        self.query("#import-bar").remove()
        had_review = self.review is not None
        self._reorder()
        if not had_review:
            self.open_position(self.review_list.position)
        severity: SeverityLevel = "information" if report.ok else "error"
        self.tell(report.summary_line(), severity=severity, timeout=8)
