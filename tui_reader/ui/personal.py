"""The main screen's personal layer: notes (`a`, `e`, `A`), quote mode (`v`) and copying (`y`, `Y`).

A mixin so `screens/main.py` stays readable: it uses the screen's panes, `review`,
`tell` and `refresh_marks`. It also polls the user data and the library (once a
second, two `stat` calls) so a note written by the CLI or a second reader shows up.
Quote mode and the clipboard chain are imported when first used: start-up is paid
for by every session, quoting by few.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from textual import work

from tui_reader.core.content.formatting import plain_text
from tui_reader.core.content.models import Anchor, QuoteAbout
from tui_reader.core.content.text import visible
from tui_reader.core.store.userdata import UserSnapshot
from tui_reader.ui.safe_write import user_write
from tui_reader.ui.screen_parts import MainScreenParts
from tui_reader.ui.widgets.lines import Decoration
from tui_reader.ui.widgets.reading import paragraph_texts

if TYPE_CHECKING:
    from tui_reader.ui.state.quote import QuoteCursor

POLL_SECONDS = 1.0


class PersonalActions(MainScreenParts):
    """Notes, quotes and the clipboard, mixed into `MainScreen` (which provides what is declared below)."""

    quote: QuoteCursor | None = None
    _user_stamp: object = None
    _offsets: dict[int, list[list[int]]]  # unit -> line_offsets, for the layout in `_offsets_token`
    _offsets_token: object = None
    _quote_node: int | None = None

    # ---- set up, marks and polling --------------------------------------------------

    def personal_setup(self) -> None:
        self._offsets = {}
        self.reading.decorators.append(self._decorate_reading)
        self.thread.decorators.append(self._decorate_thread)
        self.set_interval(POLL_SECONDS, self.poll_changes)

    def personal_marks(self, snapshot: UserSnapshot) -> None:
        """Note marks beside paragraphs and comments (called from `refresh_marks`)."""
        live = [n.anchor for n in snapshot.notes if not n.detached]
        self.reading.noted = frozenset(
            (a.review_id, a.paragraph) for a in live if a.paragraph is not None and a.comment_id is None
        )
        self.thread.noted = frozenset(a.comment_id for a in live if a.comment_id is not None)
        self.reading.refresh()
        self.thread.refresh()

    def poll_changes(self) -> None:
        """Pick up what another process wrote: notes and marks, or a library import or removal."""
        library = self.store.library
        importing = any(worker.group == "import" and not worker.is_finished for worker in self.app.workers)
        reloaded = not importing and library.changed_on_disk()  # our own import reloads when it is done
        if reloaded:
            library.load()
            self.refilter()  # a removal moved positions: the filter's are stale
            self._reorder()
        stamp = self.store.user.stamp()
        if stamp != self._user_stamp or reloaded:  # a removed review's notes show as detached
            self._user_stamp = stamp
            self.refresh_marks()
            from tui_reader.ui.screens.notes import NotesScreen

            for screen in self.app.screen_stack:
                if isinstance(screen, NotesScreen):
                    screen.reload()

    # ---- targets --------------------------------------------------------------------

    def _target(self) -> tuple[Anchor, str] | None:
        """What `a` annotates: the quote selection, the paragraph, the comment or the review."""
        review = self.review
        if review is None:
            return None
        pane = self._focused_pane_id()
        if (selected := self._quote_anchor()) is not None:
            anchor, text = selected
            return anchor, f"Note on “{text[:70]}”"
        if pane == "reading" and (paragraph := self.reading.top_paragraph()) is not None:
            first = visible(review.paragraphs[paragraph], single_line=True)[:60]
            return Anchor(review.id, paragraph=paragraph), f"Note on paragraph {paragraph + 1}: “{first}…”"
        if pane == "thread" and (comment := self.thread.current) is not None:
            who = visible(comment.author, single_line=True) or "anonymous"
            return Anchor(review.id, comment_id=comment.id), f"Note on the comment by {who}"
        return Anchor(review.id), f"Note on the review “{visible(review.title, single_line=True)[:70]}”"

    def action_add_note(self) -> None:
        target = self._target()
        if target is None:
            self.tell("Open a review first", timeout=2)
            return
        anchor, label = target
        from tui_reader.ui.screens.note_editor import NoteEditor

        def saved(text: str | None) -> None:
            if text is None:
                return
            ok, _ = user_write(self, lambda: self.store.user.add_note(anchor, text))
            if not ok:  # keep what was typed: reopen the editor with it
                self.app.push_screen(NoteEditor(label, text), saved)
                return
            self.leave_quote()
            self.refresh_marks()
            self.tell("Note saved", timeout=2)

        self.app.push_screen(NoteEditor(label), saved)

    def action_notes_here(self) -> None:
        """The notes of the focused target, to read, edit or delete."""
        target = self._target()
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

    def action_notes(self) -> None:
        self._open_notes(None, "Notes and quotes")

    def _open_notes(self, scope: object, title: str) -> None:
        from tui_reader.ui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen(self.store, scope, title), self.jump_to)  # type: ignore[arg-type]

    def jump_to(self, anchor: Anchor | None) -> None:
        """Open the anchor's review and bring its paragraph or comment into view."""
        if anchor is None:
            return
        position = self.store.library.position(anchor.review_id)
        if position is None:
            self.tell("That review is no longer in the library", severity="warning")
            return
        if self.bookmarked_only and position not in self.review_list.order:
            self.action_bookmarked_only()
        if position in self.review_list.order:
            self.review_list.move_to(self.review_list.order.index(position), announce=False)
        self.leave_quote()
        self.open_position(position, 0, anchor.comment_id)
        if anchor.comment_id is not None and (node := self.thread.model.index_of(anchor.comment_id)) is not None:
            self.action_focus_pane("thread")
            self.thread.reveal(node)
        elif anchor.paragraph is not None:
            self.focus_pane("reading")
            lines = self.reading.paragraph_lines(anchor.paragraph)
            if lines:  # after the refresh: the new review's height is not known to the scroll view before
                self.call_after_refresh(self.reading.scroll_to, y=lines.start, animate=False, immediate=True)
        else:
            self.focus_pane("reading")

    # ---- quote mode -----------------------------------------------------------------

    def action_quote_mode(self) -> None:
        review, pane = self.review, self._focused_pane_id()
        if review is None or pane == "list":
            self.tell("Quote mode works in the reading and comments panes (Tab to get there)", timeout=3)
            return
        from tui_reader.ui.state.quote import QuoteCursor

        if pane == "reading":
            units = paragraph_texts(review)
            quote = QuoteCursor.at_unit("reading", review.id, units, self.reading.top_paragraph() or 0)
        else:
            comment, node = self.thread.current, self.thread.current_node
            if comment is None or node is None:
                return
            units = [plain_text(comment.body, self.thread.body_kind) or "(empty)"]
            quote = QuoteCursor.at_unit("thread", review.id, units, 0, comment.id)
            self._quote_node = node
        if quote.empty:
            self.tell("Nothing to quote here", timeout=2)
            return
        self.quote = quote
        self._offsets, self._offsets_token = {}, None
        self.tell("Quote mode: j/k sentence, J/K extend, y copy, Y cite, a note, Esc leave", timeout=4)
        self._show_quote()

    def leave_quote(self) -> bool:
        if self.quote is None:
            return False
        self.quote = None
        self.reading.refresh()
        self.thread.refresh()
        return True

    def quote_key(self, verb: str) -> bool:
        """j/k/J/K in quote mode move the sentence cursor; True when the key was used."""
        quote = self.quote
        if quote is None:
            return False
        if self.review is None or quote.review_id != self.review.id or self._focused_pane_id() != quote.pane:
            self.leave_quote()
            return False
        steps = {"next": (1, False), "previous": (-1, False), "next_sibling": (1, True), "previous_sibling": (-1, True)}
        if verb not in steps:
            return False
        quote.move(*steps[verb])
        self._show_quote()
        return True

    def _show_quote(self) -> None:
        quote = self.quote
        if quote is None:
            return
        sentence = quote.sentences[quote.cursor]
        if quote.pane == "reading":
            lines = self.reading.paragraph_lines(sentence.unit)
            offsets = self._unit_offsets(sentence.unit, [self.reading.lines[i].text for i in lines], self.reading.lines)
            row = next((n for n, line in enumerate(offsets) if line[-1] > sentence.start), 0)
            if lines:
                self.reading.reveal(lines.start + row)
        else:
            self.thread.refresh()

    def _unit_offsets(self, unit: int, lines: list[str], token: object) -> list[list[int]]:
        """Cached per layout (`token` is replaced when the pane rewraps): a 1 MB paragraph is walked once."""
        if token is not self._offsets_token:
            self._offsets, self._offsets_token = {}, token
        cached = self._offsets.get(unit)
        if cached is None and self.quote is not None:
            from tui_reader.ui.state.quote import line_offsets

            cached = self._offsets[unit] = line_offsets(self.quote.units[unit], lines)
        return cached or []

    def _selection_style(self) -> Style:
        return self.get_component_rich_style("screen--selection", partial=True) or Style(reverse=True)

    def _decorate(self, unit: int, row: int, lines: list[str], token: object) -> list[Decoration]:
        quote = self.quote
        if quote is None or (span := quote.spans().get(unit)) is None:
            return []
        from tui_reader.ui.state.quote import columns

        offsets = self._unit_offsets(unit, lines, token)
        found = columns(offsets[row], *span) if row < len(offsets) else None
        return [(*found, self._selection_style())] if found else []

    def _decorate_reading(self, index: int, _unused: int) -> list[Decoration]:
        quote, review = self.quote, self.reading.review
        if quote is None or quote.pane != "reading" or review is None or review.id != quote.review_id:
            return []
        paragraph = self.reading.lines[index].paragraph
        if paragraph < 0 or paragraph not in quote.spans():
            return []
        lines = self.reading.paragraph_lines(paragraph)
        texts = [self.reading.lines[i].text for i in lines]
        return self._decorate(paragraph, index - lines.start, texts, self.reading.lines)

    def _decorate_thread(self, node: int, row: int) -> list[Decoration]:
        quote = self.quote
        if quote is None or quote.pane != "thread" or node != self._quote_node or self.review is None:
            return []
        if self.review.id != quote.review_id:
            return []
        return self._decorate(0, row, self.thread.body_lines(node), self.thread.wrap_token)

    def _quote_anchor(self) -> tuple[Anchor, str] | None:
        quote, review = self.quote, self.review
        if quote is None or review is None or quote.review_id != review.id or self._focused_pane_id() != quote.pane:
            return None
        first = quote.first()
        if first is None:
            return None
        unit, offset, text = first
        if quote.pane == "reading":
            raw = review.paragraphs[unit]
            found = raw.find(text)
            return Anchor(review.id, paragraph=unit, offset=found if found >= 0 else offset, quoted=text), quote.text()
        comment = self.thread.current
        found = comment.body.find(text) if comment is not None and comment.id == quote.comment_id else -1
        anchor = Anchor(review.id, comment_id=quote.comment_id, offset=found if found >= 0 else offset, quoted=text)
        return anchor, quote.text()

    # ---- copying --------------------------------------------------------------------

    def _copy_source(self) -> tuple[Anchor, str, str | None] | None:
        """(anchor, text, author) for `y`: the selection, the comment, the paragraph or the review."""
        review = self.review
        if review is None:
            return None
        if (selected := self._quote_anchor()) is not None:
            anchor, text = selected
            comment = self.thread.current if anchor.comment_id is not None else None
            return anchor, text, comment.author if comment is not None else review.author
        pane = self._focused_pane_id()
        if pane == "thread" and (comment := self.thread.current) is not None:
            return (
                Anchor(review.id, comment_id=comment.id),
                plain_text(comment.body, self.thread.body_kind),
                comment.author,
            )
        if pane == "reading" and (paragraph := self.reading.top_paragraph()) is not None:
            return Anchor(review.id, paragraph=paragraph), paragraph_texts(review)[paragraph], review.author
        whole = [visible(review.title), *paragraph_texts(review)]  # the review selected: all of it, as read
        return Anchor(review.id), "\n\n".join(p for p in whole if p), review.author

    def action_copy(self, cite: bool = False) -> None:
        review, source = self.review, self._copy_source()
        if review is None or source is None or not source[1].strip():
            self.tell("Nothing to copy here", timeout=2)
            return
        anchor, text, author = source
        who = visible(author, single_line=True) if author else None
        title = visible(review.title, single_line=True)
        credit = ", ".join(p for p in (who, title) if p) if cite else ""
        from tui_reader.core.personal.quoting import attributed, quote_about

        payload = (
            attributed(text, author=who, title=title, source=visible(review.where, single_line=True)) if cite else text
        )
        self.leave_quote()
        self.copy_in_background(payload, anchor, text, credit, quote_about(review, anchor))

    @work(thread=True, group="clipboard", exit_on_error=False, description="copying")
    def copy_in_background(self, payload: str, anchor: Anchor, text: str, credit: str, about: QuoteAbout) -> None:
        """The clipboard tools may take up to ~2 s: never on the UI thread."""
        from tui_reader.core.personal import clipboard

        app = self.app

        def osc52(value: str) -> None:
            app.call_from_thread(app.copy_to_clipboard, value)

        result = clipboard.copy_text(
            payload, self.store.data_dir, osc52=osc52, system=clipboard._pyperclip_copy_confirmed
        )
        problem = ""
        try:
            self.store.user.add_quote(anchor, text, credit, result.destinations, about)
        except Exception as error:  # a full disk or a lock timeout: the copy itself still happened
            problem = f" (not saved to your quotes: {error})"
        app.call_from_thread(self._copied, result.message + problem, result.confirmed)

    def _copied(self, message: str, confirmed: bool) -> None:
        self.tell(message, title="Quote copied" if confirmed else "Quote saved", timeout=6)
        self.refresh_marks()
