"""The main screen's subject commands (issue 15): the subjects view (`S`) and setting a
review's subject (`t`), kept out of `screens/main.py`.

`S` opens every subject; choosing one filters the review list to `subject:"…"` through
the list's own filter (the search bar shows it, Esc clears it). `t` opens a small form on
the current review and saves what it says in the user's data, over the imported subject;
the row and the reading pane's head show it at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tui_reader.ui.safe_write import user_write
from tui_reader.ui.screen_parts import MainScreenParts

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review
    from tui_reader.ui.screens.subject_editor import SubjectEdit


def subject_query(label: str) -> str:
    """The list filter for one subject: its label (or key) as a phrase (a `"` in it would end
    the phrase: the tokeniser skips punctuation anyway, so a space does the same)."""
    return f'subject:"{label.replace(chr(34), " ")}"'


class SubjectActions(MainScreenParts):
    """Mixed into `MainScreen` (which provides what `MainScreenParts` declares)."""

    def with_subject(self, review: Review) -> Review:
        """The review with the subject the user set for it, if any (what the head shows)."""
        subject = self.store.subject_overrides().get(review.id)
        return replace(review, subject=subject) if subject is not None else review

    def action_subjects(self) -> None:
        from tui_reader.ui.screens.subjects import SubjectsScreen

        self.app.push_screen(SubjectsScreen(self.store), self._subject_chosen)

    def _subject_chosen(self, label: str | None) -> None:
        if label is not None:
            self.call_later(self.filter_list, subject_query(label))

    def action_set_subject(self) -> None:
        review = self.review
        if review is None:
            self.tell("Open a review first", timeout=2)
            return
        from tui_reader.ui.screens.subject_editor import SubjectEditor

        def saved(edit: SubjectEdit | None) -> None:
            if edit is not None:
                self._save_subject(review, edit)

        self.app.push_screen(SubjectEditor(review.title, review.subject), saved)

    def _save_subject(self, review: Review, edit: SubjectEdit) -> None:
        ok, _ = user_write(self, lambda: self.store.user.set_subject(review.id, edit.subject))
        if not ok:
            return
        current = self.review
        if current is not None and current.id == review.id:
            imported = self.store.library.get(review.id)
            fresh = self.with_subject(imported) if imported is not None else current
            self.review = fresh
            self.reading.show(fresh, self.reading.scroll_y)
        self.review_list.refresh()
        if edit.subject is not None:
            self.tell(f"Subject: {edit.subject.label}", timeout=2)
        else:
            self.tell("Subject set by hand cleared", timeout=2)
