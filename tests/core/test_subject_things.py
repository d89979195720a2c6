"""A thing named for every review of it names its later reviews too; a name set on one review alone
stays on that review. A tester named IMDb's tt1798709 "Her (2013)" for its 3 reviews; a 4th IMDb
file imported later was a subject of its own, `IMDb tt1798709  film  1 review`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.test_cli import run
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.search import SearchIndex
from tui_reader.core.search.subjects import subject_stats
from tui_reader.core.store import Store

IMDB = Subject("IMDb tt1798709", "film", ref="imdb:tt1798709")  # as the IMDb dataset names a film
HER = Subject("Her", "film", 2013, ref="imdb:tt1798709")


def imdb(number: int, subject: Subject = IMDB) -> Review:
    return Review(f"im{number}", f"Review {number}", f"train/pos/{number}_8.txt", (f"Text {number}.",), subject=subject)


def named_subjects(store: Store) -> list[tuple[str, int]]:
    return [(stats.label, stats.count) for stats in subject_stats(store)]


def test_a_later_review_of_a_thing_named_for_all_takes_its_name(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    store.library.add([imdb(n) for n in range(3)])
    store.set_subject(["im0", "im1", "im2"], HER, every=True)
    Store(tmp_path / "d").library.add([imdb(3)])  # another process's import
    again = Store(tmp_path / "d")  # a restart
    assert again.subject_of("im3") == HER
    assert named_subjects(again) == [("Her (2013)", 4)]
    index = SearchIndex.open(again)
    queries = ('subject:"Her (2013)"', "subject:tt1798709", "subject:imdb:tt1798709", "subject:her")
    for query in (*queries, 'subject:"IMDb tt1798709"'):  # the name it had: a list filtered from `S` says it
        assert {hit.review_id for hit in index.search(query, check_budget=None)} == {"im0", "im1", "im2", "im3"}
    again.library.add([imdb(n) for n in range(4)])  # re-imported: nothing changes
    assert named_subjects(Store(tmp_path / "d")) == [("Her (2013)", 4)]


def test_a_name_set_on_one_review_alone_stays_on_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    store.library.add([imdb(n) for n in range(3)])
    store.set_subject(["im0"], HER)
    store.library.add([imdb(3)])
    assert store.subject_of("im3") == IMDB
    assert sorted(named_subjects(store)) == [("Her (2013)", 1), ("IMDb tt1798709", 3)]


def test_a_name_taken_back_for_all_names_no_later_review(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    store.library.add([imdb(n) for n in range(3)])
    store.set_subject(["im0", "im1", "im2"], HER, every=True)
    store.set_subject(["im0", "im1", "im2"], None, every=True)
    store.library.add([imdb(3)])
    assert [store.subject_of(f"im{n}") for n in range(4)] == [IMDB] * 4
    assert store.user.thing_names() == {}


def test_named_again_the_thing_has_its_new_name_and_a_review_named_alone_keeps_its_own(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    store.library.add([imdb(n) for n in range(3)])
    store.set_subject(["im0", "im1", "im2"], HER, every=True)
    store.set_subject(["im0", "im1", "im2"], HER._replace(name="Her!"), every=True)
    mine = Subject("Not Her", "film", 2020)
    store.set_subject(["im4"], mine)  # set before its review is imported (a removed review's, kept)
    store.library.add([imdb(3), imdb(4)])
    assert store.subject_of("im3") == HER._replace(name="Her!")
    assert store.subject_of("im4") == mine
    assert list(store.user.thing_names()) == ["imdb:tt1798709"]


def test_a_film_by_its_name_and_year_takes_the_name_from_any_source(tmp_path: Path) -> None:
    """Without a ref, a film is its kind, name and year (`S` groups Letterboxd's and a CSV's so)."""
    store = Store(tmp_path / "d")
    hamlet = Subject("Hamlet", "film", 1948)
    store.library.add([imdb(0, hamlet), imdb(1, hamlet._replace(ref="letterboxd:https://boxd.it/1ziq"))])
    store.set_subject(["im0", "im1"], Subject("Hamlet (Olivier)", "film", 1948), every=True)
    store.library.add([imdb(2, hamlet)])
    assert named_subjects(store) == [("Hamlet (Olivier) (1948)", 3)]


def test_an_older_user_file_reads_as_it_did_and_a_bad_thing_record_is_set_aside(tmp_path: Path) -> None:
    data = tmp_path / "d"
    Store(data).library.add([imdb(n) for n in range(2)])
    doc = {"review_id": "im0", "subject": HER.to_doc(), "at": "2026-12-01T00:00:00+00:00"}
    older = {"meta": {"1": {"schema": 1}}, "subjects": {"1": doc}}
    (data / "userdata.json").write_text(json.dumps(older))
    store = Store(data)
    assert (store.subject_of("im0"), store.subject_of("im1"), store.problems) == (HER, IMDB, [])
    older["things"] = {"1": {"group": "imdb:tt1798709", "subject": HER.to_doc()}, "2": {"group": 7}}
    (data / "userdata.json").write_text(json.dumps(older))
    store = Store(data)
    assert store.user.thing_names() == {"imdb:tt1798709": HER}
    assert any("left out thing named 2" in problem for problem in store.problems)


def test_the_command_line_names_a_thing_for_all_its_reviews(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    Store(data).library.add([imdb(n) for n in range(3)])
    code, out, _ = run(capsys, "--data-dir", str(data), "subject", "set", "im1", "Her", "--year", "2013", "--all")
    assert code == 0 and out == "subject of im1 and 2 other reviews of it: Her (2013)\n"
    Store(data).library.add([imdb(3)])
    _, out, _ = run(capsys, "--data-dir", str(data), "subjects")
    assert out == "Her (2013)  4 reviews\n"
    assert Store(data).subject_of("im3") == Subject("Her", None, 2013, ref="imdb:tt1798709")  # the ref kept
    code, out, _ = run(capsys, "--data-dir", str(data), "subject", "clear", "im0", "--all")
    assert code == 0 and out == "cleared the subject set on im0 and 3 other reviews of it (now: IMDb tt1798709)\n"
    Store(data).library.add([imdb(4)])
    assert Store(data).subject_of("im4") == IMDB
