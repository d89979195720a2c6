"""The search controller: the bar, the list's filter over the search index, and the panes' finds.

`/` opens the bar for the focused pane. In the list it filters the reviews live through
the search index (opened in a thread: the first open after an import may index); in the
reading or comments pane it finds the query in the text (`find.PaneFinds`), `n` / `N`
stepping through the matches. `Esc` clears one thing at a time (`clear`). The controller
owns all of that state and hosts the bar (above the footer); it tells the screen with
messages: `Filtered` (the list's rows changed) and `GoTo` (focus a pane).

Every key typed after `/` lands in the bar, in order (`typed_ahead`).

While the query is typed its last word matches as a prefix (`"great fil` already lists
"great film"); Enter finishes it, and from then on it matches as `tui-reader search` does:
`/"great film` Enter kept listing "what a great filmmaker", which the CLI does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.message import Message
from textual.reactive import var

from tui_reader.core.content.models import Review
from tui_reader.core.content.text import visible
from tui_reader.core.store import Store
from tui_reader.ui.controllers.find import FIND_PANES, PaneFinds
from tui_reader.ui.controllers.search_index import IndexKeeper
from tui_reader.ui.controllers.typed_ahead import TypedAhead
from tui_reader.ui.safe_write import tell
from tui_reader.ui.state.ordering import IMPORTED, ordered
from tui_reader.ui.state.search_state import ListFilter, PaneFind, count_label, finder

if TYPE_CHECKING:
    from tui_reader.ui.widgets.reading import ReadingPane
    from tui_reader.ui.widgets.review_list import ReviewList
    from tui_reader.ui.widgets.search_bar import SearchBar
    from tui_reader.ui.widgets.thread import ThreadView


class MatchTarget(NamedTuple):
    """Where the filter's match is in the review Enter opened: a comment, or a paragraph (None: the top)."""

    text: str
    comment_id: str | None
    paragraph: int | None


class SearchController(IndexKeeper):
    """Owns the bar, the list filter, the index and the finds; fed the open review by the screen."""

    review: var[Review | None] = var(None, always_update=True)  # bound to the screen's (`data_bind`)

    class Filtered(Message):
        """The list filter changed: the list's rows are to be ordered again (the best match first when
        asked); `then_open`: then the review under the cursor opens (the query was submitted)."""

        def __init__(self, best_first: bool, then_open: bool = False) -> None:
            self.best_first = best_first
            self.then_open = then_open
            super().__init__()

    class GoTo(Message):
        """Enter in a pane's find: focus that pane."""

        def __init__(self, pane: str) -> None:
            self.pane = pane
            super().__init__()

    def __init__(self, store: Store, review_list: ReviewList, reading: ReadingPane, thread: ThreadView) -> None:
        super().__init__(store)
        self.review_list = review_list
        self.panes = (review_list, reading, thread)
        self.pane_finds = PaneFinds(reading, thread)
        self.list_filter: ListFilter | None = None
        self.rejected: str | None = None  # why the list's query is not one (`is:foo`): the list shows nothing
        self.finished: str | None = None  # the query submitted (Enter): matched as typed, no last word as a prefix
        self.typed_ahead = TypedAhead(self, self.panes)  # the keys typed right after `/`, into the bar

    @property
    def finds(self) -> dict[str, PaneFind]:
        return self.pane_finds.active

    # ---- the bar -------------------------------------------------------------------

    @property
    def bar(self) -> SearchBar | None:
        """The bar, when open: mounted on the first `/`, hidden when closed (`_close_bar`)."""
        bar = self._mounted_bar
        return bar if bar is not None and bar.display else None

    @property
    def _mounted_bar(self) -> SearchBar | None:
        return cast("SearchBar | None", next(iter(self.query("#search-bar")), None))

    async def _bar(self) -> SearchBar:
        bar = self._mounted_bar
        if bar is None:
            from tui_reader.ui.widgets.search_bar import (
                SearchBar,  # the bar loads on the first `/`, after the first paint
            )

            bar = SearchBar(id="search-bar")
            await self.mount(bar)
        return bar

    def _status(self, message: str, *, error: bool = False) -> None:
        if (bar := self.bar) is not None:
            bar.status(message, error=error)

    def bar_pane(self) -> str | None:
        """While typing in the bar: the pane it searches (what counts as focused)."""
        bar = self.bar
        return bar.mode if bar is not None and bar.input.has_focus else None

    async def open(self, pane: str) -> None:
        """`/` in `pane`: the bar with that pane's last query selected, and the keys typed behind `/`."""
        bar = await self._bar()
        if pane == "list":
            bar.begin(pane, self.list_filter.text if self.list_filter else "")
            self._open_index()
        else:
            find = self.finds.get(pane)
            bar.begin(pane, find.text if find else "")
        bar.status("")
        self.typed_ahead.take(bar.input)

    async def filter_list(self, text: str) -> None:
        """Filter the list by `text` as if typed after `/` in it, the cursor left where it is."""
        bar = await self._bar()
        bar.begin("list", text, focus=False)
        self._open_index()
        self.finished = text  # a whole query (`S`'s subject), not one being typed
        self._filter(text)

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        if event.text != event.bar.input.value:
            return  # typed on since: the line's next `Changed` searches what it holds now, once
        if event.bar.mode == "list":
            self.finished = None
            self._filter(event.text)
        else:
            find = self.pane_finds.find(event.bar.mode, event.text)
            event.bar.status(self.pane_finds.said(event.bar.mode, find) if find else "")

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        if event.bar.mode == "list" and self.rejected is not None:
            tell(self, self.rejected, title="Not a query", severity="error", timeout=4)
        elif event.bar.mode == "list":
            self.finished = event.text
            if self.list_filter is not None and self.list_filter.text == event.text and self.index is not None:
                self.refilter()  # finished: the last word is a whole word now, as `tui-reader search` reads it
                self._phrases_if_behind()  # `"great fil` typed needed no phrase index; `"great film` does
                self.post_message(self.Filtered(best_first=False, then_open=True))
            else:
                self.open_first_listed()
        else:
            self.post_message(self.GoTo(event.bar.mode))

    def open_first_listed(self) -> None:
        """Enter in the list's filter: the review under the cursor opens. When none is listed (no
        match, or none among the bookmarked) the cursor goes to the list all the same, as the
        reader's keys expect (a `j` or `1` next was typed into the query), the query kept in the
        bar for `/` to change, and a message says so."""
        if self.review_list.position is not None:
            self.review_list.pane_activate()
            return
        self.post_message(self.GoTo("list"))
        query = self.bar.text if self.bar is not None else ""
        tell(self, f"No review listed for “{query}”: / changes the filter, Esc clears it", timeout=4)

    def _close_bar(self) -> None:
        """Hidden, not removed: a removal is finished later, and a review opened again at once
        (Enter on the filter's review) wrote its count into a bar whose children were gone."""
        if (bar := self.bar) is not None:
            bar.display = False
            bar.mode = "list"

    def clear(self, pane: str) -> str | None:
        """Esc: clear one thing, the nearest first; what was cleared ("find", "filter"), None when nothing was on.

        1. the focused pane's find (or its find bar, even empty);
        2. else the list's filter, from any pane (Enter left the list for the review), and the
           filter's words it lit in the opened review;
        3. else the find the bar still shows in the other pane (the reader moved on from it).

        The bar closes once what it shows is gone: it kept ` /Hello local … 1/2` after the filter
        that put it there was cleared, and `n` said there was no search.
        """
        bar = self.bar
        if pane in FIND_PANES and (pane in self.finds or (bar is not None and bar.mode == pane)):
            self.pane_finds.drop(pane)
            cleared = "find"
        elif self.list_filter is not None or (bar is not None and bar.mode == "list"):
            text = self.list_filter.text if self.list_filter is not None else None
            for mode in [mode for mode, find in self.finds.items() if find.text == text]:
                self.pane_finds.drop(mode)
            self.list_filter, self.rejected, self.finished = None, None, None
            self.review_list.hits = None
            cleared = "filter"
        elif bar is not None and bar.mode in FIND_PANES:
            self.pane_finds.drop(bar.mode)
            cleared = "find"
        else:
            return None
        if bar is not None and (bar.mode not in self.finds if bar.mode in FIND_PANES else cleared == "filter"):
            self._close_bar()
        return cleared

    # ---- the list's filter ---------------------------------------------------------

    def _search_again(self) -> None:
        """The index can answer more now (opened, caught up after an import, phrases indexed)."""
        bar = self.bar
        if bar is not None and bar.mode == "list" and bar.text:
            self._filter(bar.text)
        elif self.list_filter is not None:
            self.refilter()
            self.post_message(self.Filtered(best_first=False))

    def _filter(self, text: str) -> None:
        """Filter the list by `text`: refused as `tui-reader search` refuses it (`query_problem`), then searched."""
        from tui_reader.core.search.query import QueryError, query_problem, waits_for_a_word  # lazy: as SearchIndex

        self.rejected = None
        if not text.strip() or waits_for_a_word(text):
            self.list_filter = None
            self.review_list.hits = None
            self._status("")
            self.post_message(self.Filtered(best_first=False))
            return
        if (problem := query_problem(text)) is not None:
            self.list_filter, self.rejected = None, problem
            self._status(problem, error=True)
            self.post_message(self.Filtered(best_first=False))
            return
        if self.index is None:
            self._status("indexing…")
            return
        try:
            result = self.index.search(text, prefix_last=text != self.finished)
        except QueryError as error:
            self._status(str(error), error=True)
            return
        self.list_filter = ListFilter(text, result)
        self._say_count()
        self._phrases_if_behind()
        self.post_message(self.Filtered(best_first=True))

    def refilter(self) -> None:
        """The library changed under the list's filter (reviews removed move the others up): search again."""
        if self.list_filter is not None and self.index is not None:
            text = self.list_filter.text
            self.list_filter = ListFilter(text, self.index.search(text, prefix_last=text != self.finished))
            self._say_count()

    def _say_count(self) -> None:
        """The bar counts what the list's filter lists, as the list's border does: searched again
        after another process's import, the border said `4 reviews for …` and the bar `3 reviews`."""
        bar, listed = self.bar, self.list_filter
        if bar is not None and bar.mode == "list" and listed is not None and self.index is not None:
            behind = "; indexing phrases…" if self.index.phrases_behind else ""
            bar.status(count_label(listed.result) + behind)

    def list_order(self, sort: str, only: frozenset[str] | None) -> Sequence[int]:
        """The list's rows: the sort order, narrowed by the filter (best matches first in import order)."""
        self.review_list.hits = self.list_filter.hit if self.list_filter else None
        if self.rejected is not None:
            return ()
        if self.list_filter is None:
            return ordered(self.store, sort, only)
        result = self.list_filter.result
        if sort == IMPORTED:
            return ordered(self.store, IMPORTED, only, within=result.position_set) if only else result.positions
        return ordered(self.store, sort, only, within=result.position_set)

    def filter_label(self) -> str:
        if self.rejected is not None:
            return "not a query · "
        if self.list_filter is None:
            return ""
        return f"{count_label(self.list_filter.result)} for “{visible(self.list_filter.text, single_line=True)}” · "

    # ---- finding in a pane ---------------------------------------------------------

    def drop_finds(self) -> None:
        """A different review opened: its matches are not the last one's."""
        self.pane_finds.drop_all()
        if (bar := self.bar) is not None and bar.mode in FIND_PANES:
            self._close_bar()

    def step(self, pane: str, direction: int) -> None:
        """`n` / `N` in the reading or comments pane."""
        find = self.pane_finds.step(pane, direction)
        if find is None:
            tell(self, "No search here: press / to find", timeout=2)
            return
        self._status(self.pane_finds.said(pane, find))

    # ---- opening a review at its match --------------------------------------------

    def match_target(self, position: int) -> MatchTarget | None:
        """After the filter's Enter: where the query's match is in the review at `position`, if it has words."""
        hit = self.list_filter.hit(position) if self.list_filter else None
        if hit is None or self.list_filter is None:
            return None
        text = self.list_filter.text
        if finder(text) is None:  # filters only (subject:, stars:…): no words to light up, the bar stays the list's
            return self._at_comment_by(hit.comment_id)
        comment_id, paragraph = hit.comment_id, hit.paragraph
        self.pane_finds.found_in = f" · in a {hit.kind}" if hit.kind in ("note", "quote") else ""
        if hit.kind in ("note", "quote") and hit.record_id:
            snapshot = self.store.user.snapshot()
            anchors = {n.id: n.anchor for n in snapshot.notes} | {q.id: q.anchor for q in snapshot.quotes}
            if (anchor := anchors.get(hit.record_id)) is not None:
                comment_id, paragraph = anchor.comment_id, anchor.paragraph
        return MatchTarget(text, comment_id, paragraph)

    def _at_comment_by(self, comment_id: str | None) -> MatchTarget | None:
        """`author:NAME` matched a comment NAME wrote: open the thread there, NAME lit in its header."""
        if comment_id is None or self.list_filter is None:
            return None
        from tui_reader.core.search.named import author_named

        name = author_named(self.list_filter.result.query)
        return MatchTarget(f'"{name}"', comment_id, None) if name else None

    def show_match(self, target: MatchTarget) -> None:
        """Light the query in the opened review and go to its match (the screen has shown the pane)."""
        if target.comment_id is not None:
            self._show_bar("thread", self.pane_finds.land_in_comment(target.text, target.comment_id))
            return
        find = self.pane_finds.find("reading", target.text, query=True)
        self.call_after_refresh(self.land_reading, self.review, target.paragraph)
        self._show_bar("reading", find)

    def land_reading(self, review: Review | None, paragraph: int | None) -> None:
        """Go to the match in `paragraph` of `review`, once the reading pane is laid out."""

        def status(message: str) -> None:
            if (bar := self.bar) is not None and bar.mode == "reading":
                bar.status(message)

        self.pane_finds.land_reading(review, paragraph, lambda: self.review, status)

    def _show_bar(self, mode: str, find: PaneFind | None) -> None:
        """Keep the list's query in the bar, now counting the matches in the opened pane."""
        bar = self._mounted_bar
        if bar is not None and find is not None:
            bar.display = True
            bar.mode = mode
            with bar.input.prevent(bar.input.Changed):
                bar.input.value = find.text
            bar.status(self.pane_finds.landed(find))
