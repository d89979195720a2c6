"""The facets' answers (`is:`, `has:`, `stars:`, `subject:`, `kind:`, `author:`, `title:`, `tag:`,
`date:`) as bitsets, columns cached."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tui_reader.core.search.date_filter import day_number
from tui_reader.core.search.query import Facet, kind_names
from tui_reader.core.search.segment import bits_of
from tui_reader.core.search.terms import Term
from tui_reader.core.search.tokens import AUTHOR, fast_fold, raw_tokens
from tui_reader.core.store import Store, UserSnapshot


class FacetSets:
    """`answer(facet, snapshot)`; words come from the index's segments (`lookup`: an author's comments)."""

    def __init__(self, store: Store, lookup: Callable[[str], int]) -> None:
        self.store = store
        self._lookup = lookup
        self._columns_key: tuple[int, int, object] | None = None
        self._column_bits: dict[str, int] = {}
        self._groups: tuple[tuple[int, int, object], list[str | None]] | None = None  # `_subject_groups`

    def everything(self) -> int:
        """Every review in the library, as a bitset."""
        return (1 << len(self.store.library)) - 1

    def _review_set(self, review_ids: frozenset[str]) -> int:
        library = self.store.library
        positions = {library.position(review_id) for review_id in review_ids}
        return bits_of({p for p in positions if p is not None}, len(library))

    def _column_set(
        self, key: str, test: Callable[[Any], bool], column: str | Callable[[], Sequence[Any]], *, once: bool = False
    ) -> int:
        """Positions whose `column` value passes `test` (a column name, or a function giving the
        values), cached until the library or the user's subjects change. `once`: `test` each value
        once, not once per review (a subject's label or key is shared by its reviews)."""
        library = self.store.library
        overrides = self.store.subject_overrides()
        stamp = (len(library), library.generation, overrides)
        if stamp != self._columns_key:
            self._columns_key, self._column_bits = stamp, {}
        if key not in self._column_bits:
            values = library.column(column) if isinstance(column, str) else column()
            if once:
                passing = {value for value in set(values) if test(value)}
                positions = [p for p, v in enumerate(values) if v in passing] if passing else []
            else:
                positions = [p for p, v in enumerate(values) if test(v)]
            self._column_bits[key] = bits_of(positions, len(library))
        return self._column_bits[key]

    def _subject_groups(self) -> list[str | None]:
        """`subject_groups`, made once while the library and the user's subjects stay as they are."""
        stamp = (len(self.store.library), self.store.library.generation, self.store.subject_overrides())
        if self._groups is None or self._groups[0] != stamp:
            from tui_reader.core.search.subjects import subject_groups  # a facet's: not paid by words

            self._groups = (stamp, subject_groups(self.store.subject_columns()))
        return self._groups[1]

    def _stars(self) -> list[float | None]:
        from tui_reader.core.content.models import stars_of  # a facet's: the models are not imported by words

        library = self.store.library
        return list(map(stars_of, library.column("rating"), library.column("rating_max")))

    def _day_numbers(self) -> list[float | None]:
        return list(map(day_number, self.store.library.column("date")))

    @staticmethod
    def _tagged(tags: str | None, wanted: str) -> bool:
        """A tag is matched whole, case and accents aside (`tag:rewatch` is not `rewatched`)."""
        if not tags:
            return False
        from tui_reader.core.store.library_read import TAG_SEPARATOR

        return any(" ".join(raw_tokens(fast_fold(tag))) == wanted for tag in tags.split(TAG_SEPARATOR))

    def _subject_set(self, facet: Facet) -> int:
        """subject:NAME — the subjects whose whole name NAME is (with or without its year); else the
        name as a phrase in the subject's label. Or exactly its key, its ref's id (`tt1798709` for
        `imdb:tt1798709`; a number only as the ref, `hotelid:1991`: `subject:1991` is a year) or
        words (`"IMDb tt1798709"`: the name it had until named, that a list filtered from `S` still
        shows), or `subject_group`.

        Whole names first: `subject:"Her"` also listed *How Mirka Got Her Sword*."""
        columns = self.store.subject_columns()
        raw = facet.raw
        names = _NameMatch(facet.value)

        def named_by(key: str | None) -> bool:  # `imdb:tt1798709`, `tt1798709`, or its words: `IMDb tt1798709`
            if key is None:
                return False
            bare = key.partition(":")[2] == raw and not raw.isdigit()  # `1991`: a year, not `hotelid:1991`
            return key == raw or bare or names.spells(key)

        by_key = self._column_set(f"subject-key:{raw}", named_by, lambda: columns.key, once=True)
        if "|" in raw:  # `kind|name|year`, what `S` chooses for a subject whose label another shares
            by_key |= self._column_set(f"subject-group:{raw}", lambda group: group == raw, self._subject_groups)
        if not facet.value:
            return by_key

        def labelled(key: str, test: Callable[[str | None], bool]) -> int:
            return self._column_set(f"{key}:{facet.value}", test, lambda: columns.label, once=True)

        whole = labelled("subject-whole", lambda label: names.of(label) == 2)
        return (whole or labelled("subject", lambda label: names.of(label) > 0)) | by_key

    def answer(self, facet: Facet, snapshot: UserSnapshot) -> int:
        """The reviews `facet` names (not yet negated: the query does that), `snapshot` the user's data."""
        if facet.name == "is":
            if facet.value == "bookmarked":
                return self._review_set(snapshot.reviews_with_bookmarks)
            if facet.value in ("recommended", "not-recommended"):
                wanted = int(facet.value == "recommended")
                return self._column_set(f"is:{facet.value}", lambda verdict: verdict == wanted, "recommended")
            if facet.value == "spoiler":
                return self._column_set("is:spoiler", lambda spoiler: bool(spoiler), "spoiler")
            read = self._review_set(snapshot.read)
            return read if facet.value == "read" else self.everything() & ~read
        if facet.name == "has":
            if facet.value == "note":
                return self._review_set(snapshot.reviews_with_notes)
            if facet.value == "quote":
                return self._review_set(snapshot.reviews_with_quotes)
            return self._column_set("has:comments", lambda count: bool(count), "comments")
        if facet.name in ("rating", "votes"):
            return self._column_set(f"{facet.name}:{facet}", facet.accepts_rating, facet.name)
        if facet.name == "stars":
            return self._column_set(f"stars:{facet}", facet.accepts_rating, self._stars)
        if facet.name == "subject":
            return self._subject_set(facet)
        if facet.name == "kind":
            kinds, names = self.store.subject_columns().kind, kind_names(facet.value)
            return self._column_set(
                f"kind:{facet.value}", lambda kind: bool(kind) and kind.lower() in names, lambda: kinds
            )
        if facet.name == "title":
            words = Term(tuple(facet.value.split(" ")), phrase=True).pattern()
            return self._column_set(
                f"title:{facet.value}", lambda title: bool(title and words.search(fast_fold(title))), "title"
            )
        if facet.name == "tag":
            return self._column_set(f"tag:{facet.value}", lambda tags: self._tagged(tags, facet.value), "tags")
        if facet.name == "date":
            return self._column_set(f"date:{facet}", facet.accepts_rating, self._day_numbers)
        return self.written_by(facet.value) | self._commented_by(facet.value)

    def written_by(self, name: str) -> int:
        """The reviews whose own author `name` (folded words, in order) names: listed first by `author:`."""
        pattern = Term(tuple(name.split(" ")), phrase=True).pattern()
        return self._column_set(f"author:{name}", lambda a: bool(a and pattern.search(fast_fold(a))), "author")

    def _commented_by(self, name: str) -> int:
        """The reviews where an author's name (the review's or a commenter's) holds every word of `name`."""
        found = self.everything()
        for token in name.split(" "):
            found &= self._lookup(AUTHOR + token)
        return found


class _NameMatch:
    """How a subject's label matches `subject:VALUE` (folded words): 2 when VALUE is its whole name,
    with or without its year (`Her (2013)` is `her 2013` and `her`), 1 when its words are in it as
    a phrase, 0 otherwise. Worked out once per label, not once per review, the phrase tried first
    (most labels fail it, and only those that pass are split into words)."""

    def __init__(self, value: str) -> None:
        self.value = value
        self._pattern = Term(tuple(value.split(" ")), phrase=True).pattern() if value else None
        self._known: dict[str | None, int] = {}

    def of(self, label: str | None) -> int:
        found = self._known.get(label)
        if found is None:
            found = self._known[label] = self._match(label or "")
        return found

    def _match(self, label: str) -> int:
        folded = fast_fold(label)
        if self._pattern is None or not self._pattern.search(folded):
            return 0
        words = raw_tokens(folded)
        if " ".join(words) == self.value:
            return 2
        year = label[-7:-5] == " (" and label[-1:] == ")" and label[-5:-1].isdigit()  # `Name (2013)`: its last word
        return 2 if year and " ".join(words[:-1]) == self.value else 1

    def spells(self, key: str) -> bool:
        """Whether VALUE is the words of a ref (`imdb:tt1798709`: `imdb tt1798709`, as IMDb names a
        film until it is named), its last word tried as a substring first."""
        if " " not in self.value or self.value.rpartition(" ")[2] not in key.casefold():
            return False
        return " ".join(raw_tokens(fast_fold(key))) == self.value
