"""Notes and quotes across the whole library: filter, sort, edit, delete, jump.

`A` opens it over everything; `e` on the main screen opens it scoped to the focused
target (a paragraph, a comment, the review), which is how a note's text is shown on
demand. Enter dismisses the screen with the anchor to jump to (a detached one's review: its
passage is gone). Notes and quotes on a review removed from the library, or on a passage or
comment a re-import no longer has, are listed as detached, with the title the review had.

The drafts waiting (notes typed and not saved when the reader closed, `store.drafts`) are listed
among them, marked as drafts: Enter (or `e`) dismisses with the draft, to resume it in the editor
at its place; `d` discards one, asking first as a delete does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui_reader.core.content.models import walk_comments
from tui_reader.core.content.text import fold, plural, visible
from tui_reader.core.content.user_records import Anchor, Note, Quote
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Draft, Drafts, place
from tui_reader.ui.safe_write import user_write
from tui_reader.ui.screens.note_editor import Confirm, NoteEditor
from tui_reader.ui.screens.screen_keys import KeyedScreen, fitting_hint
from tui_reader.ui.widgets.fitted import WIDE, Fitted, hanging
from tui_reader.ui.widgets.footer import Footer
from tui_reader.ui.widgets.lines import cut

SORT_NAMES = ("newest first", "by review")
SNIPPET = 160


# What an edit saved over another window's change or delete says (`UserData.update_note`): nothing is lost.
KEPT_BESIDE = {
    "changed elsewhere": "This note was changed in another window meanwhile: both texts are kept, yours beside it.",
    "deleted elsewhere": "This note was deleted in another window meanwhile: your text is kept as a new note.",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row: a note, a quote or a draft, with the title of its review."""

    record: Note | Quote | Draft
    title: str
    removed: bool = False  # its review was removed from the library: kept aside until re-imported
    author: str = ""  # who wrote the comment it is on, when its review is there to say (a quote records its own)

    @property
    def is_note(self) -> bool:
        return isinstance(self.record, Note)

    @property
    def is_draft(self) -> bool:
        return isinstance(self.record, Draft)

    @property
    def key(self) -> tuple[str, object]:
        """The same record across reloads: a note's or quote's id, a draft's place (`drafts.place`)."""
        record = self.record
        return ("draft", place(record.anchor)) if isinstance(record, Draft) else (self.noun, record.id)

    @property
    def noun(self) -> str:
        return "note" if self.is_note else "draft" if self.is_draft else "quote"

    @property
    def when(self) -> str:
        record = self.record
        return (
            record.updated if isinstance(record, Note) else record.kept if isinstance(record, Draft) else record.created
        )

    @property
    def detached(self) -> bool:
        return self.removed or (not isinstance(self.record, Draft) and self.record.detached)

    def where(self) -> str:
        """`¶2`, `comment · ann`, `review`; a quote adds who wrote the passage, as it recorded it."""
        place = self.record.anchor.place()
        author = (self.record.about.author if isinstance(self.record, Quote) else "") or self.author
        return f"{place} · {visible(author, single_line=True)}" if author else place

    def haystack(self) -> str:
        quoted = self.record.anchor.quoted or ""
        return fold(" ".join((self.title, self.record.text, quoted)))

    def document_order(self) -> tuple[str, str, bool, int, int]:
        a = self.record.anchor
        return (fold(self.title), a.review_id, a.comment_id is not None, a.paragraph or 0, a.offset or 0)

    def prompt(self, width: int = WIDE) -> Content:
        """The entry `width` cells wide: a header of one line (the title cut to keep the kind, the
        place and the date in view: a long title took five lines), the text hanging under it."""
        noun = self.noun
        # the kind is never cut (the title is): at 80x24 a title's "(removed)" was lost off its end
        kind = "✎ note" if self.is_note else "✎ draft, not saved" if self.is_draft else "❝ quote"
        if self.detached:
            kind = f"⚠ {noun} of a removed review" if self.removed else f"⚠ detached {noun}"
        title = visible(self.title, single_line=True) or "(untitled)"
        where, when = self.where(), self.when[:16].replace("T", " ")
        room = width - cell_len(kind) - cell_len(where) - cell_len(when) - 6
        if room < min(cell_len(title), 12):  # a long author's name gives way first, down to a third
            shortest = min(cell_len(where), max(8, (width - cell_len(kind) - cell_len(when) - 6) // 3))
            room += cell_len(where) - shortest
            where = cut(where, shortest)
        head = Content.assemble(
            (kind, "bold $warning" if self.detached or self.is_draft else "bold $accent"),
            "  ",
            (cut(title, room), "bold"),
            ("  " + where + "  " + when, "$text-muted"),
        )
        text = visible(self.record.text, single_line=True)
        text = text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
        lines = [head, *hanging(Content(""), Content(text), 2, width)]
        anchor = self.record.anchor  # a detached paragraph note: the words it was made on, kept on it
        made_on = anchor.quoted or (anchor.paragraph_text if self.detached else None)
        if not isinstance(self.record, Quote) and made_on:
            quoted = visible(made_on, single_line=True)[:SNIPPET]
            lines += hanging(Content(""), Content.styled("on “" + quoted + "”", "italic $text-muted"), 2, width)
        return Content("\n").join(lines)


HINT = "/ filter  s sort  e edit  d delete  Enter go  q close"
DRAFT_GONE = "This draft was saved, discarded or typed on in another window meanwhile: left as it is there"
GONE = {  # what `d` says when another window got there first: nothing it did not show is deleted
    "draft": DRAFT_GONE,
    "note": "This note was changed or deleted in another window meanwhile: nothing deleted (read it again)",
    "quote": "This quote was already deleted in another window",
}


class NotesScreen(KeyedScreen[Anchor | Draft | None]):
    """Every note, quote and draft (or those of one target), newest first or by review."""

    DEFAULT_CSS = """
    #notes-filter { dock: top; }
    #notes-list { height: 1fr; border: round $accent; border-subtitle-color: $text-muted; }
    """

    HELP_TITLE = "Notes and quotes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "close", "Close"),
        Binding("slash", "filter", "Filter", tooltip="filter by words in the note, the quote or the title"),
        Binding("s", "sort", "Sort", tooltip="sort newest first, or by review"),
        Binding("e", "edit", "Edit", tooltip="edit the note, or go on with the draft (a quote is kept as copied)"),
        Binding("d", "delete", "Delete", tooltip="delete the note or quote, or discard the draft (asks first)"),
        Binding(
            "enter", "jump", "Go to", show=True, tooltip="open its review at the note or quote (a draft: in the editor)"
        ),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
        Binding("g,home", "edge('first')", "Top", show=False),  # as in the list, `S` and help
        Binding("G,end", "edge('last')", "Bottom", show=False),
    ]

    def __init__(self, store: Store, scope: Callable[[Anchor], bool] | None = None, title: str = "") -> None:
        super().__init__()
        self.store = store
        self.scope = scope
        self.heading = title or "Notes and quotes"
        self.by_review = False
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter (/): words in the note, the quote or the title", id="notes-filter")
        options = OptionList(id="notes-list")
        options.border_title = Content(visible(self.heading, single_line=True))
        yield options
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def _title(self, review_id: str, removed: Mapping[str, str]) -> tuple[str, bool]:
        """The review's title, and whether it was removed from the library (its notes kept aside)."""
        library = self.store.library
        position = library.position(review_id)
        if position is not None:
            return library.summary(position).title, False
        title = removed.get(review_id)
        return (title if title is not None else f"(review {review_id[:10]})"), True

    def reload(self) -> None:
        """Read notes and quotes again (after an edit here, or another process wrote)."""
        library = self.store.library
        snapshot = self.store.user.snapshot()
        _, waiting = user_write(self, Drafts(self.store.data_dir).all)  # a folder in its place: said, not fatal
        records: list[Note | Quote | Draft] = [*snapshot.notes, *snapshot.quotes, *(waiting or ())]
        if self.scope is not None:
            records = [r for r in records if self.scope(r.anchor)]
        titles: dict[str, tuple[str, bool]] = {}
        removed: Mapping[str, str] | None = None
        for record in records:
            review_id = record.anchor.review_id
            if review_id not in titles:
                if removed is None and library.position(review_id) is None:
                    removed = self.store.user.removed_titles()
                titles[review_id] = self._title(review_id, removed or {})
        authors = self._comment_authors(records)
        self.entries = [Entry(r, *titles[r.anchor.review_id], authors.get(r.anchor[:2], "")) for r in records]
        self._show()

    def _comment_authors(self, records: list[Note | Quote | Draft]) -> dict[tuple[str, str | None], str]:
        """(review id, comment id) -> the comment's author, for the comments notes are on (a quote
        records its own): each of their reviews read once."""
        wanted: dict[str, set[str]] = {}
        for record in records:
            anchor = record.anchor
            if anchor.comment_id is not None and not (isinstance(record, Quote) and record.about.author):
                wanted.setdefault(anchor.review_id, set()).add(anchor.comment_id)
        authors: dict[tuple[str, str | None], str] = {}
        for review_id, comment_ids in wanted.items():
            position = self.store.library.position(review_id)
            review = self.store.library.get_at(position) if position is not None else None
            for _, comment in walk_comments(review.comments) if review is not None else ():
                if comment.id in comment_ids and comment.author:
                    authors[review_id, comment.id] = comment.author
        return authors

    def _show(self) -> None:
        filter_box = next(iter(self.query(Input)), None)
        if filter_box is None:  # closing (its widgets gone) as another window wrote: nothing to show
            return
        words = fold(filter_box.value).split()
        shown = [e for e in self.entries if all(w in e.haystack() for w in words)]
        if self.by_review:
            shown.sort(key=lambda e: e.document_order())
        else:
            order = {id(e): i for i, e in enumerate(self.entries)}  # same second: the later write first
            shown.sort(key=lambda e: (e.when, order[id(e)]), reverse=True)
        was = self.current
        self.shown = shown
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        options.add_options([Option(Fitted(e.prompt)) for e in shown])
        if shown:  # on the same record when it is still listed: another window's write moves the rows
            same = next((at for at, entry in enumerate(shown) if was is not None and entry.key == was.key), None)
            options.highlighted = same if same is not None else min(keep or 0, len(shown) - 1)
        notes, drafts = sum(e.is_note for e in shown), sum(e.is_draft for e in shown)
        quotes = len(shown) - notes - drafts
        detached = sum(e.detached for e in shown)
        waiting = f"{plural(drafts, 'draft')} · " if drafts else ""
        aside = f"{detached} detached · " if detached else ""
        head = f"{plural(notes, 'note')} · {plural(quotes, 'quote')} · {waiting}{aside}{SORT_NAMES[self.by_review]}"
        options.border_subtitle = fitting_hint(head, HINT, self.app.size.width)

    def on_resize(self) -> None:
        self._show()  # the hint fits the new width

    @on(Input.Changed)
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_jump()

    @property
    def current(self) -> Entry | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.has_focus:
            options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_edge(self, where: str) -> None:
        """`g` / `G`: the first or last entry (in the filter, Home and End stay the Input's)."""
        options = self.query_one(OptionList)
        if options.has_focus:
            options.action_first() if where == "first" else options.action_last()

    def action_close(self) -> None:
        filter_input = self.query_one(Input)
        if filter_input.has_focus and filter_input.value:
            filter_input.value = ""
            return
        self.dismiss(None)

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_sort(self) -> None:
        self.by_review = not self.by_review
        self._show()

    def action_jump(self) -> None:
        if (entry := self.current) is None:
            return
        if isinstance(entry.record, Draft):  # resumed in the editor, its review opened at its place if there
            self.dismiss(entry.record)
            return
        if entry.removed:
            self.notify("Its review was removed from the library: import it again to read it there.", timeout=4)
            return
        if entry.record.detached:  # its comment or passage is gone: the review is where it was
            self.notify("Its passage is no longer in the review (kept here, detached): opened the review.", timeout=4)
            self.dismiss(Anchor(entry.record.anchor.review_id))
            return
        self.dismiss(entry.record.anchor)

    def action_edit(self) -> None:
        entry = self.current
        if entry is None:
            return
        record = entry.record
        if isinstance(record, Draft):
            self.action_jump()
            return
        if not isinstance(record, Note):
            self.notify("Quotes are kept as copied; add a note to comment on one.", timeout=3)
            return

        def saved(text: str | None) -> None:
            if text is not None:
                written, outcome = user_write(self, lambda: self.store.user.update_note(record, text))
                if not written:
                    self.app.push_screen(NoteEditor(f"Edit note on {entry.title}", text), saved)
                    return
                if outcome in KEPT_BESIDE:
                    self.notify(KEPT_BESIDE[outcome], title="Saved as a new note", timeout=8)
                self.reload()

        self.app.push_screen(NoteEditor(f"Edit note on {entry.title}", record.text), saved)

    def action_delete(self) -> None:
        """`d`: the note or quote highlighted, once confirmed (a quote is kept by every copy: they pile up);
        a draft is discarded, asked the same way."""
        entry = self.current
        if entry is None:
            return
        record = entry.record
        noun = entry.noun

        def delete() -> bool:
            user = self.store.user
            if isinstance(record, Draft):  # only as listed: one typed on since in another window stays
                return Drafts(self.store.data_dir).discard(record)
            return user.delete_note(record.id, record) if isinstance(record, Note) else user.delete_quote(record.id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            written, deleted = user_write(self, delete)
            if written:
                self.reload()
                done = "Draft discarded" if entry.is_draft else f"{noun.capitalize()} deleted"
                self.notify(done if deleted else GONE[noun], timeout=2 if deleted else 5)

        snippet = visible(record.text, single_line=True)[:60]
        verb = "Discard" if entry.is_draft else "Delete"
        self.app.push_screen(Confirm(f"{verb} this {noun}? “{snippet}”"), answered)
