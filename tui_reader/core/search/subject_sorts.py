"""The orders `S` lists subjects in: most reviewed, highest average, A–Z, newest review.

Why a weighted average for "highest average": most things in a library have one review (831 of
960 in a tester's), so a plain mean puts every single 5-star review above a film 40 people rated
4.6. Each thing's mean is taken as if it also had `PRIOR_REVIEWS` reviews at the library's mean
(a Bayesian average, as IMDb's top list ranks): one 5-star review counts for a little, many for
nearly their mean. The rows still show each thing's own average.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tui_reader.core.search.subjects import SubjectStats
from tui_reader.core.search.tokens import fast_fold

# (key, label) in the order `s` cycles through them; the first is the default.
SUBJECT_SORTS: tuple[tuple[str, str], ...] = (
    ("reviews", "most reviewed"),
    ("stars", "highest average"),
    ("name", "A–Z"),
    ("newest", "newest review"),
)
SUBJECT_SORT_KEYS = tuple(key for key, _ in SUBJECT_SORTS)
PRIOR_REVIEWS = 3  # the reviews at the library's mean each thing's average is weighed with


def valid_subject_sort(key: str) -> str:
    """The remembered sort if it is still one, else the first (a hand-edited or older state file)."""
    return key if key in SUBJECT_SORT_KEYS else SUBJECT_SORT_KEYS[0]


def next_subject_sort(key: str) -> str:
    """The sort after `key` in the cycle."""
    index = SUBJECT_SORT_KEYS.index(valid_subject_sort(key))
    return SUBJECT_SORT_KEYS[(index + 1) % len(SUBJECT_SORT_KEYS)]


def subject_sort_label(key: str) -> str:
    return dict(SUBJECT_SORTS)[valid_subject_sort(key)]


def rated(stats: SubjectStats) -> int:
    """How many of its reviews have stars (each is in the histogram once)."""
    return sum(stats.histogram)


def weighted_averages(subjects: Sequence[SubjectStats]) -> list[float | None]:
    """Each subject's average weighed towards the library's mean by `PRIOR_REVIEWS` (None: no stars)."""
    total = sum(rated(s) for s in subjects if s.average is not None)
    if not total:
        return [None] * len(subjects)
    mean = sum(s.average * rated(s) for s in subjects if s.average is not None) / total
    return [
        None if s.average is None else (s.average * rated(s) + mean * PRIOR_REVIEWS) / (rated(s) + PRIOR_REVIEWS)
        for s in subjects
    ]


def sorted_subjects(subjects: Sequence[SubjectStats], key: str) -> list[SubjectStats]:
    """`subjects` in the order `key` names; ties (and things the order knows nothing of: no stars,
    no date) go most reviewed first, then by name."""
    ordered = sorted(subjects, key=_by_count)  # the tie-break, kept by the stable sorts below
    key = valid_subject_sort(key)
    if key == "stars":
        weighted = dict(zip(map(id, subjects), weighted_averages(subjects), strict=True))
        return _descending(ordered, lambda s: weighted[id(s)])
    if key == "name":
        return sorted(ordered, key=lambda s: (fast_fold(s.label), s.key))
    if key == "newest":
        return _descending(ordered, lambda s: s.newest)
    return ordered


def _by_count(stats: SubjectStats) -> tuple[int, str, str]:
    return -stats.count, fast_fold(stats.label), stats.key  # ties A–Z, accents folded as `name` sorts


def _descending(ordered: list[SubjectStats], value: Callable[[SubjectStats], Any]) -> list[SubjectStats]:
    """Highest `value` first, those without one last, each part in `ordered`'s order."""
    known = [s for s in ordered if value(s) is not None]
    known.sort(key=value, reverse=True)  # stable: equal values keep `ordered`'s order
    return known + [s for s in ordered if value(s) is None]
