"""Opening the search index in a worker (the newest opening kept), and filling its phrase index in another."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from textual import work
from textual.containers import Container

from tui_reader.core.store import Store, StoreError
from tui_reader.ui.safe_write import tell

if TYPE_CHECKING:
    from tui_reader.core.search import SearchIndex


class IndexKeeper(Container):  # a container: no height while it holds nothing
    """Holds `index` once opened; the search controller is one, and says what to do with an index
    that can answer more (`_search_again`) and where a failure is said (`_status`)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.index: SearchIndex | None = None
        self._index_opening = False
        self._opens = itertools.count()  # each opening of the index, numbered as it starts
        self._index_in_use = -1  # the number of the opening whose index is in use
        self._phrases_indexing = False  # a worker is adding the library's text to the phrase index

    def _search_again(self) -> None:
        """The index can answer more now (opened, caught up after an import, phrases indexed)."""
        raise NotImplementedError

    def _status(self, message: str, *, error: bool = False) -> None:
        """Say `message` where the search is typed."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False, description="indexing")
    def _open_index_worker(self) -> None:
        self.index_after_import()

    def _open_index(self) -> None:
        if self.index is None and not self._index_opening:
            self._index_opening = True
            self._open_index_worker()

    def index_after_import(self) -> None:
        """In a worker thread: open the index, building or catching it up (also after an import)."""
        from tui_reader.core.search import SearchIndex  # lazy: the search package is slow to load, after start

        opened = next(self._opens)  # `next` on a count is atomic: the import's thread and `/`'s may both open
        try:
            index = SearchIndex.open(self.store)
        except (OSError, StoreError) as error:
            self.app.call_from_thread(self._index_failed, str(error))
            return
        self.app.call_from_thread(self._index_ready, index, opened)

    def _index_ready(self, index: SearchIndex, opened: int) -> None:
        """An index opened; one opened before the one in use (`/` typed as an import landed, the
        import's open done first) is older than the library and is dropped: it had replaced the
        newer one, and the imported reviews were never found (seen as a flaky test under load)."""
        if opened < self._index_in_use:
            return
        self._index_in_use = opened
        self.index, self._index_opening = index, False
        for problem in index.problems:  # a damaged segment found and re-indexed: said once
            tell(self, problem, title="Repaired", severity="warning", timeout=10)
        self._search_again()

    @work(thread=True, exclusive=True, group="phrases", exit_on_error=False, description="indexing phrases")
    def _index_phrases(self, index: SearchIndex) -> None:
        """In a worker thread: the library's text into the phrase index once (`phrases.py`); until
        then a phrase is checked on the text for a moment, and the count says "at least"."""
        done = index.phrases.ready()
        self.app.call_from_thread(self._phrases_indexed, done)

    def _phrases_indexed(self, done: bool) -> None:
        self._phrases_indexing = False
        if done:
            self._search_again()

    def _index_failed(self, message: str) -> None:
        self._index_opening = False
        self._status(f"search index: {message}", error=True)

    def _phrases_if_behind(self) -> None:
        """The last search checked a phrase on the text for a moment ("at least"): index the phrases."""
        if self.index is not None and self.index.phrases_behind and not self._phrases_indexing:
            self._phrases_indexing = True
            self._index_phrases(self.index)
