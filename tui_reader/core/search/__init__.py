"""Search across the library (issue 5): query language, index, in-text matches, sort orders.

Pure core: never imports Textual. The UI calls `SearchIndex.open(store)` (in a
worker: the first open after an import may index), `index.search(text,
prefix_last=True)` while the user types, `find_in_text()` for in-pane search, and
`sorted_positions()` for the list's sort.
"""

from tui_reader.core.search.hits import Hit, Span, find_in_text
from tui_reader.core.search.index import SearchIndex, SearchResult, refresh_index
from tui_reader.core.search.query import Query, QueryError, parse_query
from tui_reader.core.search.sort import SORT_KEYS, SORTS, next_sort, sorted_positions

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
