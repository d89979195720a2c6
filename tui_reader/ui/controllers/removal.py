"""The removal controller (`D`, `Delete`): take the open review out of the library.

A confirmation says how many of the user's notes, quotes, drafts and bookmarks the review holds:
they are kept aside (the notes screen, `A`, shows them detached) and come back if the
review is imported again. The removal runs in a worker, on a store of its own (the index
may re-index a segment); `Removed` then asks the screen to move to the review that followed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from tui_reader.core.content.models import Review
from tui_reader.core.content.text import plural, visible
from tui_reader.core.store import Store, StoreError
from tui_reader.ui.safe_write import tell
from tui_reader.ui.widgets.lines import cut

if TYPE_CHECKING:
    from tui_reader.core.pipeline.removal import Done, Plan
    from tui_reader.ui.widgets.review_list import ReviewList


TITLE_CELLS = 70  # of the title in the question


class RemovalController(Widget):
    """Removes the open review, after asking."""

    review: var[Review | None] = var(None, always_update=True)  # bound to the screen's (`data_bind`)

    class Removed(Message):
        """Done: `following` is the id of the review to land on."""

        def __init__(self, done: Done, following: str | None) -> None:
            self.done = done
            self.following = following
            super().__init__()

    def __init__(self, store: Store, review_list: ReviewList) -> None:
        super().__init__()
        self.store = store
        self.review_list = review_list

    def remove_review(self) -> None:
        review = self.review
        if review is None or self.store.library.position(review.id) is None:
            tell(self, "Open a review first", timeout=2)
            return
        from tui_reader.core.pipeline import removal  # loads on first use, as the question's screen
        from tui_reader.ui.screens.note_editor import Confirm  # lazy: slow to load, rarely needed

        plan = removal.plan_ids(self.store, [review.id])
        title = cut(visible(review.title, single_line=True), TITLE_CELLS) or "(untitled)"  # an ellipsis where cut
        question = f"Remove “{title}” ({plural(plan.comments, 'comment')}) from the library?"
        if mine := removal.yours(plan):
            question += (
                f"\n\nYour {mine} on it will be kept aside: shown detached in the notes list (A),"
                " back if you import the review again."
            )

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(plan, self._following(review.id))

        self.app.push_screen(Confirm(question), answered)

    def _following(self, review_id: str) -> str | None:
        """The id of the review after this one in the list (before it, at the end), to land on."""
        review_list, ids = self.review_list, self.store.library.column("id")
        order, cursor = review_list.order, review_list.cursor
        if not 0 <= cursor < len(order) or ids[order[cursor]] != review_id:
            return None
        neighbour = cursor + 1 if cursor + 1 < len(order) else cursor - 1
        return str(ids[order[neighbour]]) if 0 <= neighbour < len(order) else None

    @work(thread=True, exclusive=True, group="remove", exit_on_error=False, description="removing")
    def _remove(self, plan: Plan, following: str | None) -> None:
        from tui_reader.core.pipeline import removal  # loaded already, by `remove_review`

        try:
            # A store of its own: the screen's library is read by the UI thread meanwhile, and
            # picks the removal up as it would another process's (the screen reloads it).
            done = removal.remove(Store(self.store.data_dir), plan)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(tell, self, str(error), title="Not removed", severity="error", timeout=8)
            return
        self.app.call_from_thread(self._removed, done, following)

    def _removed(self, done: Done, following: str | None) -> None:
        self.post_message(self.Removed(done, following))
        if not done.removed.ids:
            tell(self, "Already removed (by another process)", timeout=3)
            return
        from tui_reader.core.pipeline.removal import yours  # loaded already, by `remove_review`

        kept = yours(done.plan)
        tail = f"; your {kept} kept aside (A)" if kept else ""
        tell(self, f"Removed 1 review{tail}", timeout=4)
