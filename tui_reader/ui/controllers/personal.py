"""The personal-layer controller: bookmarks (`b`), read marks (`m`), notes (`a`, `e`, `A`), quote
mode (`v`) and copying (`y`, `Y`).

It owns quote mode (`quote_mode.QuoteMode`) and the note marks of the panes, and is fed
the open review by the screen (`data_bind`); each command is told the focused pane. It
tells the screen with messages: `MarksChanged` (a note or quote was saved) and `JumpTo`
(a note chosen in the notes screen). The note editor and the notes screen load on first use.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import islice
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from tui_reader.core.content.formatting import blocks, joined
from tui_reader.core.content.models import Review
from tui_reader.core.content.text import visible
from tui_reader.core.content.user_records import Anchor, Note, QuoteAbout
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Draft, Drafts, place
from tui_reader.core.store.userdata_records import UserSnapshot
from tui_reader.ui.controllers.quote_mode import QuoteMode
from tui_reader.ui.safe_write import tell, user_write

ASIDE_CHARS = 60  # of a detached note's text, on its line under the review's head

if TYPE_CHECKING:
    from tui_reader.core.content.passages import Passage
    from tui_reader.ui.state.quote import QuoteCursor
    from tui_reader.ui.widgets.reading import ReadingPane
    from tui_reader.ui.widgets.thread import ThreadView


REMOVED_NOTE_SAVED = (
    "Note saved on “{title}”, which another window removed from the library meanwhile: the note is kept, "
    "A lists it, and it is back on the review if the review is imported again"
)


def notes_aside(notes: Iterable[Note]) -> dict[str, tuple[str, ...]]:
    """A line for each detached note, by its review: shown on the review, not only in `A`, and
    saying why (a paragraph edited, a comment or quoted words gone)."""
    aside: dict[str, list[str]] = {}
    for note in notes:
        if not note.detached:
            continue
        anchor = note.anchor
        if anchor.quoted:
            why = "on words no longer in the review"
        elif anchor.comment_id is not None:
            why = "on a comment no longer in the thread"
        else:
            why = "from an edited paragraph" if anchor.paragraph is not None else "detached"
        text = visible(note.text, single_line=True)
        text = text if len(text) <= ASIDE_CHARS else text[: ASIDE_CHARS - 1] + "…"
        aside.setdefault(anchor.review_id, []).append(f"✎ Note {why} (A lists it): {text}")
    return {review_id: tuple(lines) for review_id, lines in aside.items()}


class PersonalController(Widget):
    """Notes, quotes and the clipboard for the open review."""

    review: var[Review | None] = var(None, always_update=True)  # bound to the screen's (`data_bind`)

    class MarksChanged(Message):
        """A note or quote was saved: the marks in the list and the panes are to be read again."""

    class JumpTo(Message):
        """The reader chose a note or quote: open its review at its paragraph or comment."""

        def __init__(self, anchor: Anchor) -> None:
            self.anchor = anchor
            super().__init__()

    def __init__(self, store: Store, reading: ReadingPane, thread: ThreadView) -> None:
        super().__init__()
        self.store = store
        self.reading = reading
        self.thread = thread
        self.quote_mode = QuoteMode(reading, thread)

    @property
    def quote(self) -> QuoteCursor | None:
        return self.quote_mode.cursor

    def show_marks(self, snapshot: UserSnapshot) -> None:
        """Note marks beside paragraphs and comments."""
        live = [n.anchor for n in snapshot.notes if not n.detached]
        self.reading.noted = frozenset(
            (a.review_id, a.paragraph) for a in live if a.paragraph is not None and a.comment_id is None
        )
        self.thread.noted = frozenset(a.comment_id for a in live if a.comment_id is not None)
        self.reading.set_aside(notes_aside(snapshot.notes))
        self.reading.refresh()
        self.thread.refresh()

    # ---- bookmarks and read marks ------------------------------------------------

    def toggle_bookmark(self, pane: str) -> bool:
        """`b`: the comment under the cursor in the comments pane, else the review. True when saved."""
        review = self.review
        if review is None:
            return False
        comment = self.thread.current if pane == "thread" else None
        review_id, comment_id = review.id, comment.id if comment else None
        saved, now_marked = user_write(self, lambda: self.store.user.toggle_bookmark(review_id, comment_id))
        if saved:
            what = "Comment" if comment else "Review"
            tell(self, f"{what} {'bookmarked' if now_marked else 'no longer bookmarked'}", timeout=2)
        return saved

    def toggle_read(self, read: Collection[str]) -> bool:
        """`m`: the open review read or unread again (`read`: the ids marked read). True when saved."""
        review = self.review
        if review is None:
            return False
        review_id, now_read = review.id, review.id not in read
        saved, _ = user_write(self, lambda: self.store.user.set_read(review_id, now_read))
        if saved:
            tell(self, f"Marked {'read' if now_read else 'unread'}", timeout=2)
        return saved

    # ---- notes ----------------------------------------------------------------------

    def _target(self, pane: str) -> tuple[Anchor, str] | None:
        """What `a` annotates: the quote selection, the paragraph, the comment or the review."""
        review = self.review
        if review is None:
            return None
        if (selected := self.quote_mode.anchor(review, pane)) is not None:
            anchor, text = selected
            return anchor, f"Note on “{text[:70]}”"
        if pane == "reading" and (paragraph := self.reading.top_paragraph()) is not None:
            first = visible(review.paragraphs[paragraph], single_line=True)[:60]
            anchor = Anchor(review.id, paragraph=paragraph, paragraph_text=review.paragraphs[paragraph])
            return anchor, f"Note on paragraph {paragraph + 1}: “{first}…”"
        if pane == "thread" and (comment := self.thread.current) is not None:
            who = visible(comment.author, single_line=True) or "anonymous"
            return Anchor(review.id, comment_id=comment.id), f"Note on the comment by {who}"
        return Anchor(review.id), f"Note on the review “{visible(review.title, single_line=True)[:70]}”"

    def add_note(self, pane: str) -> None:
        """`a`: a new note on the focused target; a draft kept at that place (the review, the
        paragraph, the comment) when the reader last closed is offered instead, until it is saved
        or discarded. Drafts elsewhere on the review are named in one line, never opened here."""
        target = self._target(pane)
        if target is None:
            tell(self, "Open a review first", timeout=2)
            return
        anchor, label = target
        drafts = Drafts(self.store.data_dir)
        _, kept = user_write(self, lambda: drafts.on(anchor.review_id))
        draft = next((d for d in kept or () if place(d.anchor) == place(anchor)), None)
        if elsewhere := [d.target or d.anchor.place() for d in kept or () if d is not draft]:
            more = f" (and {len(elsewhere) - 1} more)" if len(elsewhere) > 1 else ""
            tell(self, f"A draft waits elsewhere on this review ({elsewhere[0]}{more}): a there offers it", timeout=6)
        self._write_note(anchor, label, draft, self.review.title if self.review else "")

    def resume_draft(self, draft: Draft) -> None:
        """A draft chosen in the notes screen (`A`): its review opened at its place, and the editor with
        it, as `a` there offers it. One on a removed review is resumed all the same: saved, the note is
        kept aside with the review's others (`REMOVED_NOTE_SAVED`)."""
        review_id = draft.anchor.review_id
        position = self.store.library.position(review_id)
        if position is not None:
            self.post_message(self.JumpTo(draft.anchor))
            title = self.store.library.summary(position).title
        else:
            title = self.store.user.removed_titles().get(review_id, "")
        self._write_note(draft.anchor, draft.target or f"Note on the {draft.anchor.place()}", draft, title)

    def _write_note(self, anchor: Anchor, label: str, draft: Draft | None, title: str) -> None:
        """The editor for a note at `anchor` (`label` says where), opened with `draft` when one is kept
        there: saved, it is a note and the draft goes; the reader closed meanwhile, it is kept again."""
        from tui_reader.ui.screens.note_editor import NoteEditor  # lazy: slow to load, few sessions write notes

        drafts = Drafts(self.store.data_dir)
        if draft is not None:
            anchor, label = draft.anchor, draft.target or label
        shown = f"Draft kept {draft.kept[:16].replace('T', ' ')}, not saved yet · {label}" if draft else label

        def saved(text: str | None) -> None:
            if text is None:
                if draft is not None:  # discarded (Esc asked first), or emptied: only as opened, not another's since
                    user_write(self, lambda: drafts.discard(draft))
                return
            ok, _ = user_write(self, lambda: self.store.user.add_note(anchor, text))
            if not ok:  # keep what was typed: reopen the editor with it
                self.app.push_screen(NoteEditor(label, draft=text, keep=keep), saved)
                return
            if draft is not None:  # saved: the draft goes, unless another window typed on it meanwhile
                user_write(self, lambda: drafts.discard(draft))
            self.quote_mode.leave()
            self.post_message(self.MarksChanged())
            if self._still_in_library(anchor.review_id):
                tell(self, "Note saved", timeout=2)
                return
            # set aside as the removal would have, had the note been there: its review's title kept for A
            user_write(self, lambda: self.store.user.set_aside({anchor.review_id: title}))
            named = visible(title, single_line=True)[:60]
            tell(self, REMOVED_NOTE_SAVED.format(title=named), severity="warning", timeout=10)

        kept = [draft]  # what this editor's draft is over: another window's kept since is not overwritten

        def keep(text: str) -> None:
            kept[0] = drafts.keep(anchor, text, label, over=kept[0])

        self.app.push_screen(NoteEditor(shown, draft=draft.text if draft else "", keep=keep), saved)

    def _still_in_library(self, review_id: str) -> bool:
        """Whether the note's review is still there. Another window may have removed it while the
        note was typed (the pane under the editor moved on, and Ctrl+S said only "Note saved"):
        the app's poll is run now, as it would be a moment later, so the answer is today's."""
        check_library = getattr(self.app, "check_library", None)
        if check_library is not None:
            check_library()
        return self.store.library.position(review_id) is not None

    def notes_here(self, pane: str) -> None:
        """The notes of the focused target, to read, edit or delete."""
        target = self._target(pane)
        if target is None:
            return
        anchor = target[0]

        def here(other: Anchor) -> bool:
            if other.review_id != anchor.review_id:
                return False
            if anchor.comment_id is not None:
                return other.comment_id == anchor.comment_id
            if anchor.paragraph is not None:
                return other.comment_id is None and other.paragraph == anchor.paragraph
            return True

        self._open_notes(here, target[1].replace("Note on", "Notes on", 1))

    def all_notes(self) -> None:
        self._open_notes(None, "Notes and quotes")

    def _open_notes(self, scope: object, title: str) -> None:
        from tui_reader.ui.screens.notes import NotesScreen  # lazy: slow to load, not needed to read

        def chosen(choice: Anchor | Draft | None) -> None:
            if isinstance(choice, Draft):
                self.quote_mode.leave()
                self.resume_draft(choice)
            elif choice is not None:
                self.quote_mode.leave()
                self.post_message(self.JumpTo(choice))

        self.app.push_screen(NotesScreen(self.store, scope, title), chosen)  # type: ignore[arg-type]

    # ---- quote mode -----------------------------------------------------------------

    def start_quote(self, pane: str) -> None:
        review = self.review
        if review is None or pane == "list":
            tell(self, "Quote mode works in the reading and comments panes (Tab to get there)", timeout=3)
            return
        if not self.quote_mode.start(review, pane):
            if pane == "reading" or self.thread.current is not None:
                tell(self, "Nothing to quote here", timeout=2)
            return
        tell(self, "Quote mode: j/k sentence, J/K extend, y copy, Y cite, a note, Esc leave", timeout=4)

    def quote_key(self, verb: str, pane: str) -> bool:
        """j/k/J/K in quote mode move the sentence cursor; True when the key was used."""
        return self.quote_mode.key(verb, self.review, pane)

    def leave_quote(self) -> bool:
        return self.quote_mode.leave()

    # ---- copying --------------------------------------------------------------------

    def _copy_source(self, review: Review, pane: str) -> tuple[Anchor, Passage]:
        """(anchor, passage) for `y`: the selection, the comment, the paragraph or the review."""
        # Copying's modules load at the first copy, not at every start (~3 ms before the first frame).
        from tui_reader.core.content.passages import whole
        from tui_reader.core.personal.quoting import units

        if (selected := self.quote_mode.selection(review, pane)) is not None:
            return selected
        if pane == "thread" and (comment := self.thread.current) is not None:
            chosen = whole([blocks(comment.body, self.thread.body_kind)])
            return Anchor(review.id, comment_id=comment.id), chosen
        if pane == "reading" and (paragraph := self.reading.top_paragraph()) is not None:
            anchor = Anchor(review.id, paragraph=paragraph, paragraph_text=review.paragraphs[paragraph])
            return anchor, whole([*islice(units(review, anchor), 1)])
        anchor = Anchor(review.id)  # the review selected: all of it, as read, its title first
        return anchor, whole([unit for unit in units(review, anchor) if joined(unit)])

    def copy(self, pane: str, cite: bool = False) -> None:
        """`y`: the passage as plain text, a link's address after its words as `show` prints it;
        `Y`: as a Markdown quote that renders as the passage was drawn, credited with a citation
        (`citing.py`: who, what, the site, the date, the address). The quote kept is the passage
        as it reads (what its anchor finds again)."""
        review = self.review
        source = self._copy_source(review, pane) if review is not None else None
        if review is None or source is None or not source[1].text.strip():
            tell(self, "Nothing to copy here", timeout=2)
            return
        anchor, chosen = source
        from tui_reader.core.personal.citing import citation
        from tui_reader.core.personal.quoting import attributed, quote_about  # loaded by `_copy_source`

        cited = citation(review, anchor) if cite else None
        credit = cited.text() if cited is not None else ""
        payload = attributed(chosen.markdown, cited.markdown()) if cited is not None else chosen.printed
        self.quote_mode.leave()
        self._copy_in_background(payload, anchor, chosen.text, credit, quote_about(review, anchor))

    @work(thread=True, group="clipboard", exit_on_error=False, description="copying")
    def _copy_in_background(self, payload: str, anchor: Anchor, text: str, credit: str, about: QuoteAbout) -> None:
        """The clipboard tools may take up to ~2 s: never on the UI thread."""
        from tui_reader.core.personal import clipboard

        app = self.app

        def osc52(value: str) -> None:
            app.call_from_thread(app.copy_to_clipboard, value)

        result = clipboard.copy_text(payload, self.store.data_dir, osc52=osc52)
        problem = ""
        try:
            self.store.user.add_quote(anchor, text, credit, result.destinations, about)
        except Exception as error:  # a full disk or a lock timeout: the copy itself still happened
            problem = f" (not saved to your quotes: {error})"
        app.call_from_thread(self._copied, result.message + problem, result.confirmed)

    def _copied(self, message: str, confirmed: bool) -> None:
        tell(self, message, title="Quote copied" if confirmed else "Quote saved", timeout=6)
        self.post_message(self.MarksChanged())
