"""The subject controller (issue 15): the subjects view (`S`) and setting a review's subject (`t`).

`S` opens every subject, in the order last chosen there (kept in `state.json`); choosing one
asks the screen (`FilterBy`) to filter the list to `subject:"…"` through the list's own filter
(the search bar shows it, Esc clears it). `t`
opens a small form on the open review and saves what it says in the user's data, over
the imported subject; `SubjectSet` asks the screen to show it at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from tui_reader.core.content.models import Review
from tui_reader.core.store import Store
from tui_reader.ui.safe_write import tell, user_write

if TYPE_CHECKING:
    from tui_reader.ui.screens.main import MainScreen
    from tui_reader.ui.screens.subject_editor import SubjectEdit


def subject_query(label: str) -> str:
    """The list filter for one subject: its label (or key) as a phrase (a `"` in it would end
    the phrase: the tokeniser skips punctuation anyway, so a space does the same)."""
    return f'subject:"{label.replace(chr(34), " ")}"'


class SubjectController(Widget):
    """Subjects: browse them, set the open review's."""

    review: var[Review | None] = var(None, always_update=True)  # bound to the screen's (`data_bind`)

    class FilterBy(Message):
        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class SubjectSet(Message):
        def __init__(self, review_id: str) -> None:
            self.review_id = review_id
            super().__init__()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def with_subject(self, review: Review) -> Review:
        """The review with the subject the user set for it, if any (what the head shows)."""
        subject = self.store.subject_overrides().get(review.id)
        return replace(review, subject=subject) if subject is not None else review

    def browse(self) -> None:
        from tui_reader.ui.screens.subjects import SubjectsScreen  # lazy: slow to load, not needed to read

        main = cast("MainScreen", self.screen)

        def chosen(label: str | None) -> None:
            if label is not None:
                self.post_message(self.FilterBy(subject_query(label)))

        def sorted_by(sort: str) -> None:
            main.state.subjects_sort = sort  # `state` is replaced at each save: looked up now

        self.app.push_screen(SubjectsScreen(self.store, main.state.subjects_sort, sorted_by), chosen)

    def set_subject(self) -> None:
        review = self.review
        if review is None:
            tell(self, "Open a review first", timeout=2)
            return

        from tui_reader.core.search.subjects import reviews_of_the_same
        from tui_reader.ui.screens.subject_editor import SubjectEditor  # screens opened by a key load on first use

        same = reviews_of_the_same(self.store, review.id)

        def saved(edit: SubjectEdit | None) -> None:
            if edit is not None:
                self._save(edit, same if edit.every else [review.id], review.id)

        self.app.push_screen(SubjectEditor(review.title, review.subject, len(same)), saved)

    def _save(self, edit: SubjectEdit, review_ids: list[str], open_id: str) -> None:
        ok, _ = user_write(self, lambda: self.store.set_subject(review_ids, edit.subject, every=edit.every))
        if not ok:
            return
        self.post_message(self.SubjectSet(open_id))
        these = f" ({len(review_ids)} reviews)" if len(review_ids) > 1 else ""
        if edit.subject is not None:
            tell(self, f"Subject: {edit.subject.label}{these}", timeout=2)
        else:
            tell(self, f"Subject set by hand cleared{these}", timeout=2)
