"""What the library's reviews are reviews *of*: one row per subject, from catalog columns only.

`subject_stats(store)` groups reviews by their effective subject (the one the user set,
else the imported one) and says how many, how they were rated on the common 5-star scale
(`stars_of`), and how many of your notes and bookmarks they carry. It reads catalog
columns and the user file, never a shard, so it stays fast at 100k reviews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from tui_reader.core.content.about import expects_subject
from tui_reader.core.content.models import Subject, stars_of
from tui_reader.core.content.ratings import half_up
from tui_reader.core.search.tokens import fast_fold
from tui_reader.core.store import Store, SubjectColumns


class SubjectStats(NamedTuple):
    """One subject and what the library holds about it."""

    key: str
    label: str  # `Name (year)`
    name: str
    kind: str | None
    ref: str | None
    count: int  # type: ignore[assignment]  # the field shadows tuple.count, as asked for
    average: float | None  # mean stars (0-5) over its reviews with a known scale
    histogram: tuple[int, int, int, int, int]  # reviews at 1..5 stars (rounded half up; below 1 counts as 1)
    notes: int  # your notes on its reviews
    bookmarks: int  # your bookmarks on its reviews (the review or one of its comments)
    positions: tuple[int, ...]  # catalog positions, oldest first (undated last)
    recommended: int  # yes/no sources: reviews that recommend it
    not_recommended: int
    year: int | None = None
    creator: str | None = None  # known only for a subject set by hand (the catalog has no column)
    newest: str | None = None  # the date of its newest dated review (`S` sorts by it)

    def to_json(self) -> dict[str, object]:
        """The `tui-reader subjects --json` line."""
        return {
            "name": self.name,
            "kind": self.kind,
            "ref": self.ref,
            "count": self.count,
            "average": None if self.average is None else half_up(self.average, 2),
            "year": self.year,
            "creator": self.creator,
            "key": self.key,
            "histogram": list(self.histogram),
            "recommended": self.recommended,
            "not_recommended": self.not_recommended,
        }


def star_bucket(stars: float) -> int:
    """1..5: stars rounded half up (3.5 -> 4, 0.5 -> 1), anything below 1 counted as 1."""
    return min(5, max(1, int(half_up(stars, 0))))


def subject_group(key: str | None, label: str | None, kind: str | None) -> str | None:
    """What puts reviews of one thing together across sources. A film's Letterboxd ref, its IMDb
    ref and a CSV's name and year were three subjects: with a year in its label, a subject is its
    kind, name and year. Without one (a product, a place), its source's ref keeps apart things
    that share a name."""
    if not key or not label or label[-7:-5] != " (" or label[-1] != ")" or not label[-5:-1].isdigit():
        return key  # no `Name (year)`: `Subject.label` of a subject with a year
    return f"{kind or ''}|{' '.join(fast_fold(label[:-7]).split())}|{label[-5:-1]}"  # `Subject.key` without a ref


def subject_groups(columns: SubjectColumns) -> list[str | None]:
    """`subject_group` of every row: worked out once per subject, not per review."""
    known: dict[tuple[str | None, str | None, str | None], str | None] = {}
    groups: list[str | None] = []
    for row in zip(columns.key, columns.label, columns.kind, strict=True):
        if row not in known:
            known[row] = subject_group(*row)
        groups.append(known[row])
    return groups


def reviews_of_the_same(store: Store, review_id: str) -> list[str]:
    """The ids of every review of the thing `review_id` is a review of, itself first, as `S`
    groups them (one subject's reviews across sources); only itself without a subject."""
    position = store.library.position(review_id)
    columns = store.subject_columns()
    if position is None or columns.key[position] is None:  # no subject: no pass over the library
        return [review_id]
    groups = subject_groups(columns)
    group = groups[position]
    if group is None:
        return [review_id]
    ids = store.library.column("id")
    return [review_id, *(ids[at] for at, other in enumerate(groups) if other == group and at != position)]


def subject_stats(store: Store) -> list[SubjectStats]:
    """Every subject with its reviews, most reviewed first, then by label."""
    library = store.library
    columns = store.subject_columns()
    groups: dict[str, list[int]] = {}
    for position, group in enumerate(subject_groups(columns)):
        if group:
            groups.setdefault(group, []).append(position)
    if not groups:
        return []
    ids = library.column("id")
    user = store.user.snapshot()
    facts = _Facts(
        labels=columns.label,
        kinds=columns.kind,
        ids=ids,
        stars=list(map(stars_of, library.column("rating"), library.column("rating_max"))),
        verdicts=library.column("recommended"),
        dates=[(date is None, date or "") for date in library.column("date")],
        overrides=store.subject_overrides(),
        notes=_per_position(library.position, (note.anchor.review_id for note in user.notes)),
        bookmarks=_per_position(library.position, (bookmark.review_id for bookmark in user.bookmarks)),
        subject_at=library.subject_at,
    )
    stats = [_stats(key, positions, facts) for key, positions in groups.items()]
    stats.sort(key=lambda s: (-s.count, s.label.casefold(), s.key))
    return stats


class _Facts(NamedTuple):
    """Whole columns, read once for every subject."""

    labels: Sequence[str | None]
    kinds: Sequence[str | None]
    ids: Sequence[str]
    stars: list[float | None]
    verdicts: Sequence[int | None]
    dates: list[tuple[bool, str]]
    overrides: Mapping[str, Subject]
    notes: dict[int, int]
    bookmarks: dict[int, int]
    subject_at: Callable[[int], Subject | None]


def _per_position(position_of: Callable[[str], int | None], review_ids: Iterable[str]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for review_id in review_ids:
        position = position_of(review_id)
        if position is not None:
            counts[position] = counts.get(position, 0) + 1
    return counts


def _stats(key: str, positions: list[int], facts: _Facts) -> SubjectStats:
    first = positions[0]
    subject = _override_for(key, positions, facts.ids, facts.overrides)
    if subject is None:
        subject = facts.subject_at(first) or Subject(facts.labels[first] or key, facts.kinds[first], ref=key)
    dated = [facts.dates[p][1] for p in positions if not facts.dates[p][0]]
    histogram = [0] * 5
    stars = [value for value in map(facts.stars.__getitem__, positions) if value is not None]
    for value in stars:
        histogram[min(4, max(0, int(value + 0.5) - 1))] += 1  # star_bucket, inlined: stars are >= 0
    verdicts = [verdict for verdict in map(facts.verdicts.__getitem__, positions) if verdict is not None]
    return SubjectStats(
        key=key,
        label=subject.label,
        name=subject.name,
        kind=subject.kind,
        ref=subject.ref,
        count=len(positions),
        average=sum(stars) / len(stars) if stars else None,
        histogram=(histogram[0], histogram[1], histogram[2], histogram[3], histogram[4]),
        notes=sum(facts.notes.get(p, 0) for p in positions) if facts.notes else 0,
        bookmarks=sum(facts.bookmarks.get(p, 0) for p in positions) if facts.bookmarks else 0,
        positions=tuple(sorted(positions, key=facts.dates.__getitem__)),  # stable: same date, catalog order
        recommended=verdicts.count(1),
        not_recommended=verdicts.count(0),
        year=subject.year,
        creator=subject.creator,
        newest=max(dated) if dated else None,
    )


def _override_for(
    key: str, positions: list[int], ids: Sequence[str], overrides: Mapping[str, Subject]
) -> Subject | None:
    """A subject set by hand on one of these reviews: it knows more (creator) than the catalog."""
    if not overrides:
        return None
    for position in positions:
        subject = overrides.get(ids[position])
        if subject is not None and subject_group(subject.key, subject.label, subject.kind) == key:
            return subject
    return None


class Unfiled(NamedTuple):
    """The reviews no subject lists: reviews of things that lack one, and posts and threads."""

    reviews: int  # reviews of things with no subject: `t` (or `subject set`) can say what they are about
    discussions: int  # posts and threads: about no one thing, and not expected to be


def unfiled(store: Store) -> Unfiled:
    """How many reviews have no subject at all (not listed by `subject_stats`), split by
    whether their format expects one (`expects_subject`)."""
    formats = store.library.column("format")
    reviews = discussions = 0
    for key, format_name in zip(store.subject_columns().key, formats, strict=True):
        if not key:
            if expects_subject(format_name):
                reviews += 1
            else:
                discussions += 1
    return Unfiled(reviews, discussions)


def without_subject(store: Store) -> int:
    """How many reviews of things have no subject: what `t` or `subject set` is for (posts and
    threads left out: they are about no one thing)."""
    return unfiled(store).reviews
