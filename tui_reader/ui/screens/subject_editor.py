"""Set or correct what a review is a review of: a small form (name, kind, year, creator).

It dismisses with a `SubjectEdit` (the subject to set, or None to clear the one set by
hand: an empty name; and whether it is for every review of the thing), or with None when
cancelled. The title quotes the review's title, so it is built as Content; the fields are
Inputs, which never parse markup.

When other reviews are of the same thing (`S` lists them together), a box, ticked, says
the name is for all of them: naming IMDb's `tt0100680` "Stanley & Iris" on one of its 20
reviews took it away from the 19 others. Unticked, only this review is corrected. The box
says in words what saving will do (ticked and unticked looked alike but for their colour), and
Enter on it saves like everywhere else in the form: Space ticks it.

A field focused has its text selected, as in other forms: typing replaces a prefilled value
(typing a name over "IMDb tt0100680" gave "IMDb tt0100680Stanley"), an arrow key or End edits it.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from tui_reader.core.content.models import Subject
from tui_reader.core.content.text import visible

FIELDS = (("name", "Name"), ("kind", "Kind"), ("year", "Year"), ("creator", "By"))
PLACEHOLDERS = {
    "name": "what the review is about, e.g. Her (empty: clear)",
    "kind": "film, book, game, product, place, app…",
    "year": "e.g. 2013",
    "creator": "director, author, maker (not the reviewer)",
}


def every_label(every: bool, reviews_of_it: int, label: str) -> Content:
    """What saving does, in words: the box's state is readable without its colour."""
    if every:
        return Content(f"For all {reviews_of_it} reviews of {label}")
    others = reviews_of_it - 1
    return Content(f"Only this review, not the {others} other{'s' if others != 1 else ''} of {label}")


class EveryBox(Checkbox, inherit_bindings=False):
    """The "for all reviews of it" box: Space ticks it; Enter is left to the form, which saves."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_button", "Toggle", show=False)]


class SubjectEdit(NamedTuple):
    """What to save: a subject, or None to clear the one set by hand; for every review of the thing."""

    subject: Subject | None
    every: bool = False


def edited(
    current: Subject | None, name: str, kind: str, year: str, creator: str, *, every: bool = False
) -> SubjectEdit:
    """The form's values as a subject; ValueError for a year that is not a whole number.

    The source's ref stays when the name is for `every` review of the thing (it is that thing,
    named), or when name, kind and year still say the same thing (only the creator was filled
    in): it is what groups the reviews of one thing across imports. A single review's subject
    corrected to another thing loses it."""
    name, kind, creator = (" ".join(visible(value, single_line=True).split()) for value in (name, kind, creator))
    if not name:
        return SubjectEdit(None, every)
    year = year.strip()
    if year and not year.lstrip("-").isdigit():
        raise ValueError(f"The year should be a number, not {year!r}")
    subject = Subject(name, kind.lower() or None, int(year) if year else None, creator or None)
    same = current is not None and Subject(*current[:3]).key == Subject(*subject[:3]).key
    if current is not None and current.ref and (every or same):
        subject = subject._replace(ref=current.ref)
    return SubjectEdit(subject, every)


class SubjectEditor(ModalScreen[SubjectEdit | None]):
    """Enter saves (from any field), Tab moves between fields, Esc cancels."""

    DEFAULT_CSS = """
    SubjectEditor { align: center middle; }
    #subject-body {
        width: 72;
        max-width: 100%;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #subject-target { height: auto; max-height: 2; margin-bottom: 1; }
    .subject-field { height: 1; margin-bottom: 1; }
    .subject-label { width: 8; color: $text-muted; }
    .subject-field > Input { width: 1fr; background: $boost; }
    .subject-field > Input:focus { background: $boost; }
    #subject-every { width: 100%; height: auto; margin-bottom: 1; border: none; padding: 0; background: $surface; }
    #subject-error { height: auto; color: $error; display: none; }
    """

    # Tab is a priority binding: the focus moves before the keys typed after it are handed
    # out (typed fast, or pasted, "Her<Tab>film" otherwise ends up all in the first field).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save", show=False),  # on the box (a field's Enter submits it: saved too)
        Binding("tab", "app.focus_next", "Next field", priority=True, show=False),
        Binding("shift+tab", "app.focus_previous", "Previous field", priority=True, show=False),
    ]

    def __init__(self, title: str, current: Subject | None, reviews_of_it: int = 1) -> None:
        super().__init__()
        self.review_title = title
        self.current = current
        self.reviews_of_it = reviews_of_it  # this review and the others of its subject

    def compose(self) -> ComposeResult:
        current = self.current
        values = {
            "name": current.name if current else "",
            "kind": current.kind or "" if current else "",
            "year": str(current.year) if current and current.year is not None else "",
            "creator": current.creator or "" if current else "",
        }
        with Vertical(id="subject-body") as body:
            body.border_title = "Subject"
            shared = self.current is not None and self.reviews_of_it > 1  # the box is there
            body.border_subtitle = f"Enter save · Tab next field{' · Space tick' if shared else ''} · Esc cancel"
            title = visible(self.review_title, single_line=True) or "(untitled)"
            yield Static(Content.assemble("What is “", (title, "bold"), "” a review of?"), id="subject-target")
            for field, label in FIELDS:
                with Horizontal(classes="subject-field"):
                    yield Label(label, classes="subject-label")
                    yield Input(
                        values[field],
                        placeholder=PLACEHOLDERS[field],
                        id=f"subject-{field}",
                        select_on_focus=True,
                        compact=True,
                    )
            if shared and self.current is not None:
                named = visible(self.current.label, single_line=True)
                yield EveryBox(every_label(True, self.reviews_of_it, named), True, id="subject-every")
            yield Static("", id="subject-error")

    def on_mount(self) -> None:
        self.query_one("#subject-name", Input).focus()

    @on(Checkbox.Changed)
    def _every_changed(self, event: Checkbox.Changed) -> None:
        if self.current is not None:
            label = visible(self.current.label, single_line=True)
            event.checkbox.label = every_label(event.value, self.reviews_of_it, label)

    def value(self, field: str) -> str:
        return self.query_one(f"#subject-{field}", Input).value

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            boxes = self.query(Checkbox)  # there when other reviews are of the same thing
            every = bool(boxes) and boxes.first().value
            result = edited(self.current, *(self.value(field) for field, _ in FIELDS), every=every)
        except ValueError as error:
            problem = self.query_one("#subject-error", Static)
            problem.update(Content(visible(str(error), single_line=True)))
            problem.display = True
            self.query_one("#subject-year", Input).focus()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
