"""Subjects from catalog columns: grouping (overrides first), averages on 5 stars, histogram,
your notes and bookmarks, date order; Store.summary and Store.subject_of see overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.ratings import rating_text, recommended_text
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.search.subjects import (
    SubjectStats,
    star_bucket,
    subject_stats,
    without_subject,
)
from tui_reader.core.store import Store

HER = Subject("Her", "film", 2013, "Spike Jonze")
GAME = Subject("Disco Elysium", "game", 2019, None, "steam:632470")


def review(rid: str, subject: Subject | None, **more: object) -> Review:
    return Review(id=rid, title=rid, source="t", paragraphs=("x",), subject=subject, **more)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "d")
    store.library.add(
        [
            review("a", HER, rating=4.0, rating_max=5, date="2024-03-01"),
            review("b", HER, rating=7.0, rating_max=10, date="2021-01-01"),
            review("c", HER, rating=0.5, rating_max=5),  # undated: last
            review("d", GAME, recommended=True),
            review("e", GAME, recommended=False),
            review("f", GAME, recommended=True, rating=9.0),  # a rating without a scale: no stars
            review("g", None, rating=3.0, rating_max=5),
        ]
    )
    return store


def by_name(stats: list[SubjectStats]) -> dict[str, SubjectStats]:
    return {s.name: s for s in stats}


def test_stats_group_count_average_histogram(store: Store) -> None:
    stats = subject_stats(store)
    assert [s.label for s in stats] == ["Disco Elysium (2019)", "Her (2013)"]  # 3 each: by label
    her = by_name(stats)["Her"]
    assert (her.key, her.kind, her.year, her.ref, her.count) == (HER.key, "film", 2013, None, 3)
    assert her.average == pytest.approx((4 + 3.5 + 0.5) / 3)
    assert her.histogram == (1, 0, 0, 2, 0)  # 0.5 -> 1, 3.5 -> 4 (half up), 4 -> 4
    ids = store.library.column("id")
    assert [ids[p] for p in her.positions] == ["b", "a", "c"]
    game = by_name(stats)["Disco Elysium"]
    assert (game.ref, game.average, game.histogram) == ("steam:632470", None, (0, 0, 0, 0, 0))
    assert (game.recommended, game.not_recommended) == (2, 1)
    assert without_subject(store) == 1


def test_notes_bookmarks_and_overrides(store: Store) -> None:
    store.user.add_note(Anchor("a"), "one")
    store.user.add_note(Anchor("b", paragraph=0), "two")
    store.user.toggle_bookmark("c")
    arrival = Subject("Arrival", "film", 2016, "Denis Villeneuve")
    store.user.set_subject(["g"], arrival)
    store.user.set_subject(["f"], HER)  # moves f from the game to Her
    stats = by_name(subject_stats(store))
    assert (stats["Her"].notes, stats["Her"].bookmarks, stats["Her"].count) == (2, 1, 4)
    assert stats["Disco Elysium"].count == 2
    assert stats["Arrival"].creator == "Denis Villeneuve"  # known from the override
    assert stats["Arrival"].average == 3.0
    assert without_subject(store) == 0
    assert next(s.label for s in subject_stats(store)) == "Her (2013)"  # most reviewed first


def test_store_summary_and_subject_of(store: Store) -> None:
    position = store.library.position("g")
    assert position is not None
    assert store.summary(position) == store.library.summary(position)  # no override: the catalog's row
    assert store.subject_of("a") == HER
    assert store.subject_of("g") is None
    store.user.set_subject(["g"], Subject("Her", "film", 2013))
    summary = store.summary(position)
    assert (summary.subject, summary.subject_key, summary.kind) == ("Her (2013)", HER.key, "film")
    assert store.subject_of("g") == Subject("Her", "film", 2013)
    store.user.set_subject(["g"], None)
    assert store.summary(position).subject is None and store.subject_of("g") is None
    assert store.subject_of("nope") is None


def test_overrides_survive_reimport(store: Store) -> None:
    store.user.set_subject(["a"], GAME)
    store.library.add([review("a", HER, rating=5.0, rating_max=5, date="2024-03-01")])  # changed: updated
    reopened = Store(store.data_dir)
    assert reopened.subject_of("a") == GAME
    assert by_name(subject_stats(reopened))["Disco Elysium"].count == 4


def test_star_texts() -> None:
    assert [star_bucket(s) for s in (0.0, 0.5, 1.49, 1.5, 4.5, 5.0)] == [1, 1, 1, 2, 5, 5]
    # One text for the CLI and the app: a half star is a half star everywhere.
    assert rating_text(4, 5) == "★★★★☆ 4/5"
    assert rating_text(8, 10) == "★★★★☆ 8/10"
    assert rating_text(3.5, 5) == "★★★½☆ 3.5/5"
    assert rating_text(7, None) == "rating 7"
    assert rating_text(None, 5) == ""
    assert [recommended_text(v) for v in (True, False, None)] == ["✓ recommended", "✗ not recommended", ""]


def test_one_film_from_three_sources_is_one_subject(tmp_path: Path) -> None:
    """Letterboxd's ref, IMDb's ref and a CSV's name and year were three subjects of "Hamlet (1948)"."""
    from tui_reader.core.search import SearchIndex

    store = Store(tmp_path / "data")
    hamlet = Subject("Hamlet", "film", 1948)
    store.library.add(
        [
            Review(
                "l", "Letterboxd", "t", ("a",), rating=4.5, rating_max=5, subject=hamlet._replace(ref="letterboxd:x")
            ),
            Review("i", "IMDb", "t", ("b",), rating=8, rating_max=10, subject=hamlet._replace(ref="imdb:tt0040416")),
            Review("c", "CSV", "t", ("c",), rating=3, rating_max=5, subject=hamlet),
            Review("o", "Olivier's other", "t", ("d",), subject=Subject("Hamlet", "film", 1996)),
        ]
    )
    by_label = {stats.label: stats for stats in subject_stats(store)}
    assert by_label["Hamlet (1948)"].count == 3 and by_label["Hamlet (1996)"].count == 1
    group = by_label["Hamlet (1948)"].key
    index = SearchIndex.open(store)
    assert {hit.review_id for hit in index.search(f'subject:"{group}"')} == {"l", "i", "c"}
    assert {hit.review_id for hit in index.search("subject:imdb:tt0040416")} == {"i"}  # a ref is still itself
