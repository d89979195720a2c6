"""The main screen's key actions (bound in `commands.py`): one-line routes to the controller that owns the work."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from tui_reader.ui.commands import pane_command_name
from tui_reader.ui.safe_write import tell

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review
    from tui_reader.ui.controllers.layout import PaneLayout
    from tui_reader.ui.controllers.listing import ListController
    from tui_reader.ui.controllers.personal import PersonalController
    from tui_reader.ui.controllers.removal import RemovalController
    from tui_reader.ui.controllers.search import SearchController
    from tui_reader.ui.controllers.subjects import SubjectController
    from tui_reader.ui.screens.main import MainScreen
    from tui_reader.ui.widgets.reading import ReadingPane
    from tui_reader.ui.widgets.review_list import ReviewList


class KeyActions(Screen[None]):
    """The `action_<name>` methods; the panes, controllers and routes they use are `MainScreen`'s."""

    if TYPE_CHECKING:
        review: Review | None
        review_list: ReviewList
        reading: ReadingPane
        panes_layout: PaneLayout
        list: ListController
        search: SearchController
        personal: PersonalController
        subjects: SubjectController
        removal: RemovalController

        def focused_pane_id(self) -> str: ...
        def focus_pane(self, pane_id: str) -> None: ...
        def refresh_marks(self) -> None: ...
        def open_position(
            self,
            position: int | None,
            scroll_y: float | None = None,
            comment_id: str | None = None,
            *,
            seen: bool = True,
        ) -> None: ...

    def action_pane(self, verb: str) -> None:
        if self.personal.quote_key(verb, self.focused_pane_id()):  # quote mode: j/k/J/K move the sentence cursor
            return
        pane = self.query_one(f"#{self.focused_pane_id()}")
        if not hasattr(pane, f"pane_{verb}") and pane is self.review_list:
            pane = self.reading  # the list acts for the review it has open: `o` its links, `O` its page
        method = getattr(pane, f"pane_{verb}", None)
        if method is None:
            tell(self, f"{pane_command_name(verb)}: not in this pane", timeout=2)
            return
        method()

    def action_cycle_pane(self, step: int) -> None:
        self.panes_layout.cycle(step, self.focused_pane_id())

    def action_focus_pane(self, pane_id: str) -> None:
        self.panes_layout.focus_shown(pane_id)

    def action_toggle_thread(self) -> None:
        self.panes_layout.toggle_thread(self.focused_pane_id())

    def action_bookmark(self) -> None:
        if self.personal.toggle_bookmark(self.focused_pane_id()):
            self.refresh_marks()
            if self.list.bookmarked_only:
                self.list.reorder()

    def action_bookmarked_only(self) -> None:
        self.list.toggle_bookmarked_only()

    def action_clear(self) -> None:
        if self.personal.leave_quote():
            return
        pane, typing = self.focused_pane_id(), self.search.bar_pane() is not None
        cleared = self.search.clear(pane)
        if cleared is None and self.list.bookmarked_only:
            self.list.toggle_bookmarked_only()
            cleared = "bookmarked"
        elif cleared == "filter":
            self.list.reorder()
        if cleared in ("filter", "bookmarked") and self.review is None and self.review_list.position is not None:
            self.open_position(self.review_list.position)  # every review listed again, none open: the highlighted
        if cleared is not None and typing:
            self.focus_pane(pane)

    def action_cycle_sort(self) -> None:
        tell(self, f"Sorted by {self.list.cycle_sort()}", timeout=2)

    def action_toggle_read(self) -> None:
        if self.personal.toggle_read(self.list.marks.read):
            self.refresh_marks()

    async def action_search(self) -> None:
        await self.search.open(self.focused_pane_id())

    def action_search_next(self, direction: int) -> None:
        pane = self.focused_pane_id()
        if pane == "list":
            self.review_list.move_to(self.review_list.cursor + direction)
        else:
            self.search.step(pane, direction)

    def action_add_note(self) -> None:
        self.personal.add_note(self.focused_pane_id())

    def action_notes_here(self) -> None:
        self.personal.notes_here(self.focused_pane_id())

    def action_notes(self) -> None:
        self.personal.all_notes()

    def action_quote_mode(self) -> None:
        self.personal.start_quote(self.focused_pane_id())

    def action_copy(self, cite: bool = False) -> None:
        self.personal.copy(self.focused_pane_id(), cite)

    def action_subjects(self) -> None:
        self.subjects.browse()

    def action_set_subject(self) -> None:
        self.subjects.set_subject()

    def action_remove_review(self) -> None:
        self.removal.remove_review()

    def action_sources(self) -> None:
        from tui_reader.ui.screens.sources import open_sources  # lazy, as help: not needed to paint

        open_sources(cast("MainScreen", self))  # the one screen these actions are on

    def action_help(self) -> None:
        from tui_reader.ui.screens.help import HelpScreen  # lazy (tuning kept): its imports cost ~15 ms

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if self.personal.leave_quote():  # `q` in quote mode leaves the mode, as Esc does: it quit the app
            return
        await self.app.action_quit()
