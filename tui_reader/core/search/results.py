"""The answer to one query: its matches' positions, and a `Hit` (with its snippet) built per row shown.

Apart from `index` (which answers queries) because the list and the CLI hold a result
long after the query: they ask it for rows, ranks and membership.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

from tui_reader.core.search.query import Query

if TYPE_CHECKING:
    from tui_reader.core.search.hits import Hit  # imported with the first hit built: `search -l` builds none
    from tui_reader.core.search.index import SearchIndex

HITS_AT_ONCE = 256  # hits built together when iterating: one read of each shard they share


class SearchResult(Sequence["Hit"]):
    """The matches of one query: positions up front, `Hit`s (with snippets) built when asked for.

    Building a hit loads the review, so a list showing 30 rows builds 30 of them,
    not 100k.
    """

    def __init__(
        self,
        index: SearchIndex,
        query: Query,
        positions: list[int],
        title_bits: int,
        unchecked: int = 0,
        *,
        in_titles: int = 0,
    ) -> None:
        self.source = index
        self.query = query
        self.positions = positions  # the first `in_titles` matched a title; each run ascending
        self.unchecked = unchecked
        self._title = title_bits
        self._in_titles = in_titles
        self._hits: dict[int, Hit | None] = {}
        self._set: frozenset[int] | None = None

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, item: int) -> Hit: ...
    @overload
    def __getitem__(self, item: slice) -> Sequence[Hit]: ...
    def __getitem__(self, item: int | slice) -> Hit | Sequence[Hit]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        position = self.positions[item]
        if position not in self._hits:
            self._hits[position] = self.source.hits([position], self.query, [self._score(position)])[0]
        return self._hits[position] or self._lost(position)

    def __iter__(self) -> Iterator[Hit]:
        """Every hit in order, built `HITS_AT_ONCE` at a time and not kept: a script reading a
        common word's 100k hits holds one window of them, and each window reads its shards once."""
        for start in range(0, len(self.positions), HITS_AT_ONCE):
            window = self.positions[start : start + HITS_AT_ONCE]
            built = self.source.hits(window, self.query, [self._score(position) for position in window])
            for position, hit in zip(window, built, strict=True):
                yield hit or self._lost(position)

    def _score(self, position: int) -> int:
        return 2 if self._title >> position & 1 else 1

    def _lost(self, position: int) -> Hit:
        """A row for a review listed in the catalog whose text is lost."""
        from tui_reader.core.search.hits import Hit

        review_id = self.source.store.library.column("id")[position]
        return Hit(review_id=review_id, position=position, score=1, kind="review", snippet="")

    def rank(self, position: int) -> int | None:
        """Where `position` is in `positions` (None: not a match), by bisecting its run.

        The list asks this for the rows it shows; a `{position: rank}` dict over every
        hit cost the filter 76-138 ms a key at 1M reviews (632k-1M hits).
        """
        if self._title >> position & 1:
            low, high = 0, self._in_titles
        else:
            low, high = self._in_titles, len(self.positions)
        rank = bisect.bisect_left(self.positions, position, low, high)
        return rank if rank < high and self.positions[rank] == position else None

    def __contains__(self, value: object) -> bool:
        if isinstance(value, int):
            return value in self.position_set
        return isinstance(value, Hit) and value.position in self.position_set

    @property
    def position_set(self) -> frozenset[int]:
        """For filtering a list sorted some other way: `[p for p in order if p in result.position_set]`."""
        if self._set is None:
            self._set = frozenset(self.positions)
        return self._set
