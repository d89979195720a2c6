"""The main screen's search commands (issue 5), kept out of `screens/main.py`.

`/` opens the search bar for the focused pane. In the list it filters the reviews
live through the search index (opened in a thread: the first open after an import
may index); in the reading or comments pane it finds the query in the text, with
`n` / `N` stepping through the matches. `Esc` clears, one thing at a time: the
focused pane's find (or the bar being typed in), then the list's filter, from
whichever pane has focus. The mixin relies on the screen's panes and `_reorder`;
the screen calls `clear_search`, `list_order` and `show_match` from its own handlers.

Every key typed after `/` lands in the bar, in order, however fast it comes. Textual
sends each key to the widget focused when it reads the key, and runs bindings only
once the key has come back up from there: by the time `/` opened the bar, the keys
after it had gone to the pane, and their bindings ran (`/zz` toggled the comments
pane twice). So the screen catches `/` itself (`on_key`), and every key behind it on
the way up from the panes, until a marker sent through each pane after the bar took
focus comes back (`KeysCaughtUp`); the bar holds what reaches it meanwhile, then
takes the caught keys and the held ones in the order they were typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual import events, work
from textual.message import Message
from textual.widgets import Footer

from tui_reader.ui.commands import COMMANDS
from tui_reader.ui.screen_parts import MainScreenParts
from tui_reader.ui.state.ordering import IMPORTED, ordered
from tui_reader.ui.state.search_state import ListFilter, PaneFind, Typed, count_label, finder, fresh
from tui_reader.ui.widgets.review_list import ReviewList

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review
    from tui_reader.core.search import SearchIndex
    from tui_reader.ui.widgets.search_bar import SearchBar, SearchInput

FIND_PANES = ("reading", "thread")
BAR_ID = "search-bar"
SEARCH_KEYS = frozenset(key for command in COMMANDS if command.action == "search" for key in command.keys.split(","))


class KeysCaughtUp(Message):
    """Sent through a pane once the bar has focus: back at the screen, no key sent to that pane is still on its way."""


class SearchActions(MainScreenParts):
    """Mixed into `MainScreen` (first in its bases)."""

    _index: SearchIndex | None = None
    _index_opening = False
    list_filter: ListFilter | None = None
    _found_in = ""  # " · in a note" when the list's match was in a note or quote, not in the text
    _finds: dict[str, PaneFind] | None = None
    _caught: list[Typed] | None = None  # while the bar opens: the keys that went to a pane after `/`
    _holder: SearchInput | None = None  # the bar's line, holding the keys that reach it meanwhile
    _awaited = 0  # markers (`KeysCaughtUp`) not back yet

    # ---- the bar -------------------------------------------------------------------

    @property
    def finds(self) -> dict[str, PaneFind]:
        if self._finds is None:
            self._finds = {}
        return self._finds

    @property
    def search_bar(self) -> SearchBar | None:
        """The bar, when mounted (by `_bar` on the first `/`: start-up does not even import it)."""
        bars = list(self.query(f"#{BAR_ID}"))
        return cast("SearchBar", bars[0]) if bars else None

    async def _bar(self) -> SearchBar:
        """The bar, mounted above the footer on first use (the first paint need not build it)."""
        bar = self.search_bar
        if bar is None:
            from tui_reader.ui.widgets.search_bar import SearchBar

            bar = SearchBar(id=BAR_ID)
            await self.mount(bar, before=self.query_one(Footer))
        return bar

    def bar_pane(self) -> str | None:
        """While typing in the bar: the pane it searches (what counts as focused)."""
        bar = self.search_bar
        return bar.mode if bar is not None and bar.input.has_focus else None

    def _typing(self) -> bool:
        return self.bar_pane() is not None

    async def action_search(self) -> None:
        mode = self._focused_pane_id()
        bar = await self._bar()
        if mode == "list":
            bar.begin(mode, self.list_filter.text if self.list_filter else "")
            self._open_index()
        else:
            find = self.finds.get(mode)
            bar.begin(mode, find.text if find else "")
        bar.status("")
        self._take_keys(bar.input)

    # ---- keys typed right after `/` ------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A key back up from a pane (the bar's line keeps the printable ones): `/` or a key behind it."""
        if self._caught is not None:
            self._catch(event)
        elif event.key in SEARCH_KEYS and self.app.screen is self:
            # Not left to the binding: the App would run it only after the keys behind it had gone to
            # the pane. The search runs in the App's turn all the same, after the keys before `/`
            # (`2/` finds in the reading pane), through the same action as the binding and the palette.
            event.stop()
            event.prevent_default()
            self._caught = []
            self.app.call_later(self._search_from_key)

    def on_paste(self, event: events.Paste) -> None:
        if self._caught is not None:
            self._catch(event)

    def _catch(self, event: Typed) -> None:
        assert self._caught is not None
        self._caught.append(fresh(event))
        event.stop()
        event.prevent_default()

    async def _search_from_key(self) -> None:
        if self.app.screen is self:
            await self.run_action("search")
        if self._holder is None and not self._awaited:  # no bar took the keys (a key before `/` left the screen)
            self._hand_over()

    def _take_keys(self, line: SearchInput) -> None:
        """The bar's line has focus: keys read from now on go to it, and it holds them until the keys
        sent to a pane before are caught, known when a marker sent after them through each pane is back."""
        line.hold()
        self._holder = line
        if self._caught is None:
            self._caught = []
        for pane in (self.review_list, self.reading, self.thread):
            if pane.post_message(KeysCaughtUp()):
                self._awaited += 1
        if not self._awaited:
            self._hand_over()

    def on_keys_caught_up(self, message: KeysCaughtUp) -> None:
        message.stop()
        self._awaited = max(0, self._awaited - 1)
        if not self._awaited:
            self._hand_over()

    def _hand_over(self) -> None:
        """The caught keys to the bar, before the ones it held; with no bar, on as if just typed.

        Sent again from the App's turn: a message bubbles no further than the node that made it,
        and these must reach the App (Enter, Esc and arrows are bindings)."""
        caught, self._caught = self._caught or [], None
        holder, self._holder = self._holder, None
        if holder is not None:
            self.app.call_later(holder.release, caught)
        elif caught:
            self.app.call_later(self._retype, caught)

    def _retype(self, caught: Sequence[Typed]) -> None:
        for event in caught:
            self.app.post_message(fresh(event))

    async def filter_list(self, text: str) -> None:
        """Filter the list by `text` as if typed after `/` in it, the cursor left in the list
        (to read the matches with j / J); Esc clears it as any filter."""
        self.focus_pane("list")
        bar = await self._bar()
        bar.begin("list", text, focus=False)
        self._open_index()
        self._filter(text, bar)

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        if event.bar.mode == "list":
            self._filter(event.text, event.bar)
        else:
            self._find(event.bar.mode, event.text, event.bar)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        if event.bar.mode == "list":
            self.review_list.pane_activate()
        else:
            self.focus_pane(event.bar.mode)

    def _close_bar(self) -> None:
        if (bar := self.search_bar) is not None:
            bar.remove()

    def clear_search(self) -> bool:
        """Esc: clear one thing, the nearest first; False when nothing was on.

        1. the focused pane's find (or its find bar, even empty);
        2. else the list's filter, from any pane (Enter left the list for the review);
        3. else a list bar left open with nothing in it.
        """
        mode, typing, bar = self._focused_pane_id(), self._typing(), self.search_bar
        if mode in FIND_PANES and (mode in self.finds or (bar is not None and bar.mode == mode)):
            self._drop_find(mode)
            closing = mode
        elif self.list_filter is not None or (bar is not None and bar.mode == "list"):
            if self.list_filter is not None:
                self.list_filter = None
                self.review_list.hits = None
                self._reorder()
            closing = "list"
        else:
            return False
        if bar is not None and bar.mode == closing:
            self._close_bar()
        if typing:
            self.focus_pane(mode)
        return True

    # ---- the list's filter ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False, description="indexing")
    def _open_index_worker(self) -> None:
        self.index_after_import()

    def _open_index(self) -> None:
        if self._index is None and not self._index_opening:
            self._index_opening = True
            self._open_index_worker()

    def _index_ready(self, index: SearchIndex) -> None:
        self._index, self._index_opening = index, False
        for problem in index.problems:  # a damaged segment found and re-indexed: said once
            self.tell(problem, title="Repaired", severity="warning", timeout=10)
        bar = self.search_bar
        if bar is not None and bar.mode == "list" and bar.text:
            self._filter(bar.text, bar)
        elif self.list_filter is not None:  # an import finished: the filter sees the new reviews
            self.list_filter = ListFilter(self.list_filter.text, index.search(self.list_filter.text, prefix_last=True))
            self._reorder()

    def index_after_import(self) -> None:
        """In a worker thread: open the index, building or catching it up (also after an import)."""
        from tui_reader.core.search import SearchIndex
        from tui_reader.core.store import StoreError

        try:
            index = SearchIndex.open(self.store)
        except (OSError, StoreError) as error:
            self.app.call_from_thread(self._index_failed, str(error))
            return
        self.app.call_from_thread(self._index_ready, index)

    def _index_failed(self, message: str) -> None:
        self._index_opening = False
        if (bar := self.search_bar) is not None:
            bar.status(f"search index: {message}", error=True)

    def _filter(self, text: str, bar: SearchBar) -> None:
        from tui_reader.core.search import QueryError

        if not text.strip():
            self.list_filter = None
            self.review_list.hits = None
            bar.status("")
            self._reorder()
            return
        if self._index is None:
            bar.status("indexing…")
            return
        try:
            result = self._index.search(text, prefix_last=True)
        except QueryError as error:
            bar.status(str(error), error=True)
            return
        self.list_filter = ListFilter(text, result)
        bar.status(count_label(result))
        self._reorder(keep=-1)  # the best match first
        if (position := self.review_list.position) is not None:
            self.review_list.post_message(ReviewList.Highlighted(position))

    def refilter(self) -> None:
        """The library changed under the list's filter (reviews removed move the others up): search again."""
        if self.list_filter is not None and self._index is not None:
            self.list_filter = ListFilter(
                self.list_filter.text, self._index.search(self.list_filter.text, prefix_last=True)
            )

    def list_order(self, only: frozenset[str] | None) -> Sequence[int]:
        """The list's rows: the sort order, narrowed by the filter (best matches first in import order)."""
        self.review_list.hits = self.list_filter.hit if self.list_filter else None
        if self.list_filter is None:
            return ordered(self.store, self.state.sort, only)
        result = self.list_filter.result
        if self.state.sort == IMPORTED:
            return ordered(self.store, IMPORTED, only, within=result.position_set) if only else result.positions
        return ordered(self.store, self.state.sort, only, within=result.position_set)

    def filter_label(self) -> str:
        return f"{count_label(self.list_filter.result)} for {self.list_filter.text!r} · " if self.list_filter else ""

    # ---- finding in a pane ---------------------------------------------------------

    def _find(self, mode: str, text: str, bar: SearchBar | None = None) -> PaneFind | None:
        self._drop_find(mode)
        if not text.strip():
            if bar:
                bar.status("")
            return None
        find = PaneFind(text, self._rows_reading if mode == "reading" else self._rows_thread)
        self.finds[mode] = find
        pane = self.reading if mode == "reading" else self.thread
        pane.decorators.append(find.decorations)
        start = int(self.reading.scroll_y) if mode == "reading" else self.thread.current_node or 0
        if find.first_from(start) is not None:
            self._reveal(mode)
        pane.refresh()
        if bar:
            bar.status(find.counter)
        return find

    def _drop_find(self, mode: str) -> None:
        find = self.finds.pop(mode, None)
        if find is not None:
            pane = self.reading if mode == "reading" else self.thread
            if find.decorations in pane.decorators:
                pane.decorators.remove(find.decorations)
            pane.refresh()

    def drop_finds(self) -> None:
        """A different review opened: its matches are not the last one's."""
        for mode in list(self.finds):
            self._drop_find(mode)
        if (bar := self.search_bar) is not None and bar.mode in FIND_PANES:
            self._close_bar()

    def _rows_reading(self) -> tuple[object, list[tuple[int, int, str]]]:
        lines = self.reading.lines
        return lines, [(index, 0, line.text) for index, line in enumerate(lines)]

    def _rows_thread(self) -> tuple[object, list[tuple[int, int, str]]]:
        thread = self.thread
        rows = [
            (node, number, text)
            for node in range(len(thread.model))
            for number, text in enumerate(thread.body_lines(node))
        ]
        return thread.wrap_token, rows

    def _reveal(self, mode: str) -> None:
        find = self.finds.get(mode)
        if find is None or find.current < 0:
            return
        match = find.matches[find.current]
        if mode == "reading":
            self.reading.reveal(match.key)
        else:
            self.thread.reveal(match.key, match.line)

    def action_search_next(self, direction: int) -> None:
        mode = self._focused_pane_id()
        if mode == "list":
            self.review_list.move_to(self.review_list.cursor + direction)
            return
        find = self.finds.get(mode)
        if find is None:
            self.tell("No search here: press / to find", timeout=2)
            return
        if find.step(direction) is not None:
            self._reveal(mode)
        (self.reading if mode == "reading" else self.thread).refresh()
        if (bar := self.search_bar) is not None:
            bar.status(find.counter)

    # ---- opening a review at its match --------------------------------------------

    def show_match(self, position: int) -> str | None:
        """After the filter's Enter: light the query in the review and go to its first match; the pane to focus."""
        hit = self.list_filter.hit(position) if self.list_filter else None
        if hit is None or self.list_filter is None:
            return None
        text = self.list_filter.text
        if finder(text) is None:  # facets only (subject:, stars:…): no words to light up, the bar stays the list's
            return None
        comment_id, paragraph = hit.comment_id, hit.paragraph
        self._found_in = f" · in a {hit.kind}" if hit.kind in ("note", "quote") else ""
        if hit.kind in ("note", "quote") and hit.record_id:
            snapshot = self.store.user.snapshot()
            anchors = {n.id: n.anchor for n in snapshot.notes} | {q.id: q.anchor for q in snapshot.quotes}
            if (anchor := anchors.get(hit.record_id)) is not None:
                comment_id, paragraph = anchor.comment_id, anchor.paragraph
        if comment_id is not None:
            self.action_focus_pane("thread")
            find = self._find("thread", text)
            node = self.thread.model.index_of(comment_id)
            if find is not None and node is not None:
                find.current = next((i for i, m in enumerate(find.matches) if m.key == node), find.current)
            if node is not None:
                self.thread.reveal(node, find.matches[find.current].line if find and find.current >= 0 else 0)
            self._show_bar("thread", find)
            return "thread"
        find = self._find("reading", text)
        self.call_after_refresh(self._land_reading, self.review, paragraph)
        self._show_bar("reading", find)
        return "reading"

    def _land_reading(self, review: Review | None, paragraph: int | None, tries: int = 20) -> None:
        """Go to the first match in `paragraph` (or the paragraph itself: a note's text is not in it)."""
        if self.review is not review:
            return  # another review was opened before this one was laid out
        if not self.reading.size.width and tries:  # one pane at a time: not laid out (nor wrapped) yet
            self.set_timer(0.05, lambda: self._land_reading(review, paragraph, tries - 1))
            return
        find, lines = self.finds.get("reading"), self.reading.lines
        if find is not None:
            matches = find.refresh()
            find.current = next(
                (i for i, m in enumerate(matches) if paragraph is None or lines[m.key].paragraph == paragraph), -1
            )
            if (bar := self.search_bar) is not None and bar.mode == "reading":
                bar.status(self._landed(find))
            if find.current >= 0:
                self._reveal("reading")
                return
        if paragraph is not None:
            index = next((i for i, line in enumerate(lines) if line.paragraph == paragraph), None)
            if index is not None:
                self.reading.reveal(index)

    def _landed(self, find: PaneFind) -> str:
        if self._found_in and not find.matches:
            return "found" + self._found_in  # the words are in the note, not in the text
        return find.counter + self._found_in

    def _show_bar(self, mode: str, find: PaneFind | None) -> None:
        """Keep the list's query in the bar, now counting the matches in the opened pane."""
        bar = self.search_bar
        if bar is not None and find is not None:
            bar.mode = mode
            with bar.input.prevent(bar.input.Changed):
                bar.input.value = find.text
            bar.status(self._landed(find))
