"""Search across the library (issue 5): query language, index, in-text matches, sort orders.

Pure core: never imports Textual. The UI calls `SearchIndex.open(store)` (in a
worker: the first open after an import may index), `index.search(text,
prefix_last=True)` while the user types, `find_in_text()` for in-pane search, and
`sorted_positions()` for the list's sort.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_reader.core.search.hits import Hit, Span, find_in_text
    from tui_reader.core.search.index import SearchIndex, refresh_index
    from tui_reader.core.search.query import Query, QueryError, parse_query
    from tui_reader.core.search.results import SearchResult
    from tui_reader.core.search.sort import SORT_KEYS, SORTS, next_sort, sorted_positions

# Name -> module, imported on first use: importing `core.search.speed` or `.sort` at start
# must not import the index, the query parser and the tokenizer (~20 ms of every start).
_WHERE = {
    "Hit": "hits",
    "Span": "hits",
    "find_in_text": "hits",
    "SearchIndex": "index",
    "SearchResult": "results",
    "refresh_index": "index",
    "Query": "query",
    "QueryError": "query",
    "parse_query": "query",
    "SORT_KEYS": "sort",
    "SORTS": "sort",
    "next_sort": "sort",
    "sorted_positions": "sort",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "SORTS",
    "SORT_KEYS",
    "Hit",
    "Query",
    "QueryError",
    "SearchIndex",
    "SearchResult",
    "Span",
    "find_in_text",
    "next_sort",
    "parse_query",
    "refresh_index",
    "sorted_positions",
]
