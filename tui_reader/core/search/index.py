"""Answering queries: index postings, catalog columns (`facets.py`) and the user's data as bitsets.

Every set of reviews is a Python int with bit p set for catalog position p, so AND, OR and
AND-NOT of 100k-review sets are single C operations. Segments are opened by `SearchIndex.open`
(the UI calls it in a worker), not with the store. Notes and quotes are few and change often,
so they are searched live rather than indexed. Phrases (and CJK runs longer than a bigram) use
the index for candidates, then check the text; a phrase of several words is answered by SQLite
FTS5 (`phrases.py`) once its file has caught up with the library.

A segment found damaged (on opening, or when a lookup reads a block whose checksum
fails) is re-indexed from the library at once (`segment_set`) and the query answered again.
"""

from __future__ import annotations

import bisect
import contextlib
import time
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.search.facets import FacetSets
from tui_reader.core.search.manifest import Manifest
from tui_reader.core.search.query import Query, parse_query
from tui_reader.core.search.results import SearchResult
from tui_reader.core.search.segment import SegmentDamaged, bits_of, is_sparse, positions_of
from tui_reader.core.search.segment_set import SegmentSet
from tui_reader.core.search.terms import Term
from tui_reader.core.search.tokens import AUTHOR, TITLE, fast_fold
from tui_reader.core.store import Store, StoreError, UserSnapshot

if TYPE_CHECKING:  # the build, its merges and the import's fresh segments: imported by a refresh only
    from tui_reader.core.content.user_records import Note, Quote  # a search over no notes imports no models
    from tui_reader.core.search.build import Progress
    from tui_reader.core.search.fresh import FreshPostings
    from tui_reader.core.search.hits import Hit  # and snippets by `hits`: `search -l` makes none
    from tui_reader.core.search.phrases import PhraseIndex

CHECK_BUDGET_S = 0.15
PHRASES_INLINE = 100  # reviews a budgeted search adds to the phrase index itself; more: a worker's job
PHRASES_LOOKED_AT_INLINE = 20_000  # reviews whose digests a budgeted search reads to see what the phrase index lacks
PHRASES_SAID = 5000  # reviews to add before a phrase search says why it waits (about 2 s)
REPAIRS_PER_QUERY = 2  # a re-indexed segment damaged again (failing disk?) is skipped, not looped on


class SearchIndex:
    """`SearchIndex.open(store)` then `search("query")`; `refresh()` after imports."""

    def __init__(self, store: Store, folder: Path, say: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.folder = folder
        self.segments = SegmentSet(store, folder, say)  # `say`: a repair's line (default: logged as a warning)
        self._say = say
        self.phrases_behind = False  # the last search checked phrases on the text: `phrases.ready()` would help
        self._user_stamp: object = object()
        self._user: tuple[UserSnapshot, dict[int, list[Note]], dict[int, list[Quote]]] | None = None  # by position
        self.facets = FacetSets(store, self._lookup)
        self._numbers: list[int] = []  # list(range(len(library))), for `_positions`
        self.problems = self.segments.problems  # one line per repair made (a damaged segment re-indexed)

    @classmethod
    def open(cls, store: Store, *, refresh: bool = True, say: Callable[[str], None] | None = None) -> SearchIndex:
        """The index of `store`'s library, built or brought up to date first unless `refresh=False`."""
        index = cls(store, store.library.folder / "index", say)
        if refresh and index.is_stale():
            index.refresh()
        index.segments.now()  # opened here, in the caller's worker: a damaged one is repaired now
        return index

    # ---- freshness -------------------------------------------------------------------

    def is_stale(self) -> bool:
        """True when the library holds reviews the index has not seen (or it is missing/corrupt)."""
        manifest = Manifest.read(self.folder)
        if manifest is None:
            return True
        library = self.store.library
        if manifest.is_fresh_for(library.token, len(library)):
            return False  # checked against this very catalog save: no digest read or compared
        # Not checked against this save (an import, or an index written before tokens): a refresh
        # brings it up to date, or only records the token when nothing changed.
        return library.token is not None or manifest.digests != library.column("digest")

    def refresh(self, progress: Progress | None = None) -> int:
        """Index what changed in the library; returns how many reviews were (re)indexed."""
        from tui_reader.core.search import build

        count = build.refresh(self.store, self.folder, progress)
        self.segments.forget()
        return count

    def _lookup(self, term: str, prefix: bool = False) -> int:
        return self.segments.lookup(term, prefix)

    def _term_sets(self, term: Term, check_budget: float | None) -> tuple[int, int]:
        """(reviews surely matching, reviews to check on their text)."""
        if term.side_by_side:
            side_by_side = self.phrases.match(term.tokens) if self._phrases_ready(check_budget) else None
            if side_by_side is not None:
                return side_by_side | self._user_matches(term), 0
            self.phrases_behind = check_budget is not None and not self.phrases.unusable
        index_bits = self.everything
        for lookup in term.lookups:
            index_bits &= self._lookup(lookup)
        if term.prefix:
            index_bits &= self._lookup(term.tokens[-1], prefix=True)
        index_bits |= self._named(term)
        notes = self._user_matches(term)
        if term.exact_in_index:
            return index_bits | notes, 0
        return notes, index_bits & ~notes

    def _named(self, term: Term) -> int:
        """The reviews whose author, or one of whose commenters, a one-word term names (`cleveland`,
        `presid*`): a name is a word of the review as its text's words are. Looked up among the
        index's author terms (`tokens.AUTHOR`): no term added to the index for it."""
        if not term.exact_in_index:  # a phrase, `C#`, a long CJK run: checked on the text, where no name is
            return 0
        return self._lookup(AUTHOR + term.tokens[0], prefix=term.prefix)

    @cached_property
    def phrases(self) -> PhraseIndex:
        """The phrase index (SQLite FTS5), made when a phrase is first searched: `sqlite3` costs
        ~6 ms to import, which a search for words does not pay."""
        from tui_reader.core.search.phrases import PhraseIndex

        return PhraseIndex(self.store, self.folder)

    def _phrases_ready(self, check_budget: float | None) -> bool:
        """Whether the phrase index has the whole library. A search with no budget (the CLI) brings it
        there; one with a budget (the app, as you type) adds a few reviews at most, and only looks at
        all of them (reading every digest) in a small library: otherwise that is the worker's job."""
        if check_budget is None:
            return self.phrases.ready(None, self._tell_phrases)
        if len(self.store.library) > PHRASES_LOOKED_AT_INLINE and not self.phrases.caught_up():
            return False
        return self.phrases.ready(PHRASES_INLINE)

    def _tell_phrases(self, done: int, total: int) -> None:
        """One line before a long wait: the first phrase search of a big library indexes its text."""
        if done == 0 and total >= PHRASES_SAID and self._say is not None:
            self._say(f"indexing the text for phrases, once: {total:,} reviews")

    @property
    def everything(self) -> int:
        return self.facets.everything()

    def _positions(self, bits: int) -> list[int]:
        """The positions in `bits`, picked from a list of every position: no int made a match."""
        if is_sparse(bits):
            return positions_of(bits)  # a rare word: no list of 100k numbers made for it
        if len(self._numbers) != len(self.store.library):
            self._numbers = list(range(len(self.store.library)))
        return positions_of(bits, self._numbers)

    # ---- the user's data ------------------------------------------------------------

    def _user_data(self) -> tuple[UserSnapshot, dict[int, list[Note]], dict[int, list[Quote]]]:
        stamp = (self.store.user.stamp(), self.store.library.generation)  # a removal moves positions
        if self._user is None or stamp != self._user_stamp:
            snapshot = self.store.user.snapshot()
            notes: dict[int, list[Note]] = {}
            quotes: dict[int, list[Quote]] = {}
            for note in snapshot.notes:
                position = self.store.library.position(note.anchor.review_id)
                if position is not None:
                    notes.setdefault(position, []).append(note)
            for quote in snapshot.quotes:
                position = self.store.library.position(quote.anchor.review_id)
                if position is not None:
                    quotes.setdefault(position, []).append(quote)
            self._user, self._user_stamp = (snapshot, notes, quotes), stamp
        return self._user

    def _user_matches(self, term: Term) -> int:
        """Reviews whose notes or quotes hold the term, or whose subject set by the user does."""
        _, notes, quotes = self._user_data()
        found: set[int] = set()
        for records in (notes, quotes):
            for position, items in records.items():
                if any(term.found_in(fast_fold(item.text)) for item in items):
                    found.add(position)
        for review_id, subject in self.store.subject_overrides().items():
            if term.found_in(fast_fold(f"{subject.name}\n{subject.creator or ''}")):
                at = self.store.library.position(review_id)
                if at is not None:
                    found.add(at)
        return bits_of(found, len(self.store.library))

    # ---- answering -------------------------------------------------------------------

    def search(
        self, query: str | Query, *, prefix_last: bool = False, check_budget: float | None = CHECK_BUDGET_S
    ) -> SearchResult:
        """Every review matching `query`, title matches first, then in catalog order.

        Phrases are checked on the text of their candidates for at most
        `check_budget` seconds (None: no limit). Every review listed matches: candidates
        left unchecked are never counted as matches, only in `result.unchecked`, so the UI
        can say "about" (the answer is then short of some matches, never wrong).
        Raises `QueryError` (one line) for a query that cannot be parsed.
        A segment found damaged meanwhile is re-indexed and the query answered again.
        """
        if isinstance(query, str):
            query = parse_query(query, prefix_last=prefix_last)
        for attempt in range(REPAIRS_PER_QUERY + 1):
            try:
                return self._search(query, check_budget)
            except SegmentDamaged as error:
                name = error.path.name
                if attempt == REPAIRS_PER_QUERY or not self.segments.repair([(name, str(error))]):
                    self.segments.skip(name)  # answer without it (a line said so)
                self.segments.forget()  # reopen: the manifest lists the new segments
        return self._search(query, check_budget)  # every damaged segment met is skipped by now

    def _search(self, query: Query, check_budget: float | None) -> SearchResult:
        rare = self._rare_word(query)
        if rare is not None:
            return rare
        result = self.everything
        for facet in query.facets:
            bits = self.facets.answer(facet, self._user_data()[0])
            result = result & ~bits if facet.negated else result & bits
        to_check: list[tuple[Term, int]] = []
        self.phrases_behind = False
        for term in query.positive:
            sure, maybe = self._term_sets(term, check_budget)
            result &= sure | maybe
            if maybe:
                to_check.append((term, sure))
        for term in query.negative:
            sure, maybe = self._term_sets(term, check_budget)
            result &= ~sure
            to_check.append((term, ~maybe))
        unchecked = 0
        if to_check and result:
            result, unchecked = self._check_text(result, to_check, check_budget)
        title = 0
        for term in query.positive:
            if term.exact_in_index and not term.prefix:
                title |= self._lookup(TITLE + term.tokens[0])
        for facet in query.facets:  # `author:NAME`: the reviews NAME wrote before those NAME commented on
            if facet.name == "author" and not facet.negated:
                title |= self.facets.written_by(facet.value)
        sure = result & ~unchecked
        in_titles = self._positions(sure & title)
        ranked = in_titles + self._positions(sure & ~title)
        return SearchResult(self, query, ranked, title, unchecked.bit_count(), in_titles=len(in_titles))

    def _rare_word(self, query: Query) -> SearchResult | None:
        """One word found in few reviews, answered from the segments' position lists (None: another
        query, or a word some segment stores as a bitmap). The same answer as `_search`'s sets give,
        without turning a few hundred positions into a bitset and scanning it back (see `positions`)."""
        if query.facets or len(query.terms) != 1:
            return None
        term = query.terms[0]
        lookups = term.lookups
        if term.negated or term.prefix or not term.exact_in_index or len(lookups) != 1:
            return None
        found = self.segments.positions(lookups[0])
        in_title = self.segments.positions(TITLE + term.tokens[0])
        named = self.segments.positions(AUTHOR + term.tokens[0])
        if found is None or in_title is None or named is None:
            return None
        notes = self._user_matches(term)
        if notes or named:
            found = sorted({*found, *named, *positions_of(notes)})
        count = len(self.store.library)
        found = found[: bisect.bisect_left(found, count)]  # as `& everything`: none past the library
        titled = set(in_title).intersection(found)
        ranked = sorted(titled) + [p for p in found if p not in titled] if titled else found
        title_bits = bits_of(titled, count)
        return SearchResult(self, query, ranked, title_bits, in_titles=len(titled))

    def _check_text(self, result: int, checks: list[tuple[Term, int]], budget: float | None) -> tuple[int, int]:
        """Drop candidates whose text fails a phrase (positive) or holds an excluded one (negative).

        Returns the result and the candidates left unchecked when the budget ran out.
        """
        library = self.store.library
        deadline = None if budget is None else time.perf_counter() + budget
        candidates = self._positions(result)
        for done, position in enumerate(candidates):
            if deadline is not None and done % 16 == 0 and time.perf_counter() > deadline:
                return result, bits_of(candidates[done:], len(library)) & result
            pending = [term for term, skip in checks if not skip >> position & 1]
            if not pending:
                continue
            review = library.text_at(position)  # by position: no id -> position table is built
            text = fast_fold(review.searchable()) if review is not None else ""
            if any(term.found_in(text) == term.negated for term in pending):
                result &= ~(1 << position)
        return result, 0

    def hits(self, positions: Sequence[int], query: Query, scores: Sequence[int]) -> list[Hit | None]:
        """The hits of `positions` (None: a review whose text is lost), from their text alone
        (no models built), the shards read once for the lot and the user's notes checked once."""
        from tui_reader.core.search.hits import locate  # with the formatting it needs: `-l` shows no snippet

        texts = self.store.library.texts_at(positions)
        _, notes, quotes = self._user_data()
        return [
            None
            if text is None
            else locate(text, position, score, query, notes.get(position, []), quotes.get(position, []))
            for text, position, score in zip(texts, positions, scores, strict=True)
        ]


def refresh_index(store: Store, fresh: FreshPostings | None = None) -> None:
    """After an import: bring the index up to date (one call in `core.importing`),
    adopting the segments the import wrote from memory (`fresh`).

    Never fails the import: an index that could not be written (read-only folder,
    another process building it) is stale, and the next `SearchIndex.open` catches up.
    """
    from tui_reader.core.search import build

    try:
        with contextlib.suppress(OSError, StoreError):
            segments = fresh.finish() if fresh is not None else []
            build.refresh(store, store.library.folder / "index", fresh=segments)
    finally:
        if fresh is not None:
            fresh.discard()  # what was not adopted (adopted files were renamed away)
