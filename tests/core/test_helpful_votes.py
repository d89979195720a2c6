"""Who found a review helpful, whole: `13 of 14 found this helpful`, not `13 helpful`.

Amazon's 2014 schema says `"helpful": [13, 14]` and the 14 was dropped: 0 of 14 (a verdict) read as
0 with nobody voting (none). The count of voters now flows from the importers through the store,
the exports (a backup still re-imports as unchanged) and `show`/`list --json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_cli import run
from tui_reader.core.content.models import Review
from tui_reader.core.content.ratings import votes_text
from tui_reader.core.importers.amazon import AmazonImporter
from tui_reader.core.importers.helpful import helpful_of
from tui_reader.core.importers.steam import SteamImporter
from tui_reader.core.importers.tabular import TabularImporter
from tui_reader.core.importers.yelp import YelpImporter
from tui_reader.core.store.catalog_write import encode
from tui_reader.core.store.library import Library
from tui_reader.core.store.library_read import COLUMNS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([13, 14], (13, 14)),
        ([0, 0], (0, None)),  # 0 of 0: nobody voted, stored as before the voters were kept
        ("One person found this helpful", (1, None)),  # Amazon's words for 1
        ("0 of 0", (0, None)),
        ([0, 14], (0, 14)),
        ([14, 13], (14, None)),  # cannot be: the count alone
        ([], (None, None)),
        ("13 of 14", (13, 14)),
        ("13 out of 14 found this helpful", (13, 14)),
        ("2 of 3 people (67%) found this review helpful", (2, 3)),
        ("13/14", (13, 14)),
        ("[13, 14]", (13, 14)),
        ("1,234 of 1,500", (1234, 1500)),
        ("1,234", (1234, None)),
        ("12 people found this helpful", (12, None)),
        (12, (12, None)),
        ("-3", (-3, None)),  # a table's net score, as it was read before
        ("helpful", (None, None)),
        (None, (None, None)),
        (True, (None, None)),
    ],
)
def test_helpful_as_the_sources_say_it(value: Any, expected: tuple[int | None, int | None]) -> None:
    assert helpful_of(value) == expected


@given(st.integers(0, 10**9), st.integers(0, 10**9), st.sampled_from(["{} of {}", "{} out of {} found this helpful"]))
def test_a_pair_written_out_reads_back_when_it_can_be(votes: int, voters: int, form: str) -> None:
    assert helpful_of(form.format(votes, voters)) == (votes, voters if votes <= voters and voters > 0 else None)


@given(st.one_of(st.text(max_size=30), st.lists(st.integers() | st.text(max_size=5), max_size=3), st.floats()))
def test_anything_reads_as_a_count_and_voters_that_can_be(value: Any) -> None:
    votes, voters = helpful_of(value)
    assert votes is None or abs(votes) < 2**62
    assert voters is None or (votes is not None and 0 <= votes <= voters < 2**62 and voters > 0)


def test_votes_text_says_who_voted_when_it_is_known() -> None:
    assert votes_text(13, "amazon", 14) == "13 of 14 found this helpful"
    assert votes_text(0, "amazon", 14) == "0 of 14 found this helpful"  # a verdict
    assert votes_text(0, "amazon", 0) == "" == votes_text(0, "amazon")  # nobody voted: nothing to say
    assert votes_text(13, "amazon", 14, short=True) == "13/14 helpful"
    assert votes_text(13, "amazon") == "13 helpful"
    assert votes_text(493, "reddit", 500) == "493 points"  # a thread's score has no voters


def _parse(importer: Any, tmp_path: Path, name: str, text: str) -> list[Review]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(importer.parse(path.read_text(encoding="utf-8"), path).reviews)


def test_amazon_2014_keeps_how_many_voted_and_2023_counts_only(tmp_path: Path) -> None:
    base = {"reviewerID": "A1", "asin": "B1", "reviewText": "Good.", "overall": 5.0}
    lines = [
        {**base, "helpful": [13, 14]},
        {**base, "reviewerID": "A2", "helpful": [0, 14]},
        {**base, "reviewerID": "A3", "helpful": [0, 0]},
        {"user_id": "U", "asin": "B2", "text": "Fine.", "rating": 4.0, "helpful_vote": 2},
    ]
    text = "\n".join(orjson.dumps(line).decode() for line in lines)
    got = [(r.votes, r.voters) for r in _parse(AmazonImporter(), tmp_path, "reviews.json", text)]
    assert got == [(13, 14), (0, 14), (0, None), (2, None)]  # 0 of 0: nobody voted, stored as it always was


def test_steam_and_yelp_funny_and_cool_votes_are_not_voters(tmp_path: Path) -> None:
    record = {"recommendationid": "1", "review": "Fun.", "voted_up": True, "votes_up": 3, "votes_funny": 9}
    steam = {"reviews": [{**record, "weighted_vote_score": "0.9"}]}
    reviews = _parse(SteamImporter(), tmp_path, "review_646570.json", orjson.dumps(steam).decode())
    assert [(r.votes, r.voters) for r in reviews] == [(3, None)]
    yelp = {"review_id": "y1", "business_id": "b", "text": "Tacos.", "stars": 4, "useful": 1, "funny": 5, "cool": 7}
    reviews = _parse(YelpImporter(), tmp_path, "yelp_academic_dataset_review.json", orjson.dumps(yelp).decode())
    assert [(r.votes, r.voters) for r in reviews] == [(1, None)]


def test_steam_scraped_pages_say_how_many_voted(tmp_path: Path) -> None:
    text = (
        "app_id,app_name,review_text,review_score,helpful\n"
        "1,Celeste,Fun.,1,13 of 14 people (93%) found this review helpful\n"
    )
    reviews = _parse(SteamImporter(), tmp_path, "steam_reviews.csv", text)
    assert [(r.votes, r.voters) for r in reviews] == [(13, 14)]


def test_a_table_says_it_in_one_cell_or_in_a_column_of_its_own(tmp_path: Path) -> None:
    text = (
        "hotelName,content,helpful,Total Votes\n"
        "Ritz,Clean.,13 out of 14 found this helpful,\n"
        "Savoy,Quiet.,0,14\n"
        "Hilton,Loud.,5,\n"
        "Plaza,Odd.,5,3\n"  # more helpful than voters: the count alone
    )
    got = [(r.votes, r.voters) for r in _parse(TabularImporter(), tmp_path, "All.csv", text)]
    assert got == [(13, 14), (0, 14), (5, None), (5, None)]


def test_voters_are_kept_exported_and_a_backup_reimports_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, backup, notes = str(tmp_path / "data"), tmp_path / "backup.json", tmp_path / "all.md"
    text = orjson.dumps({"reviewerID": "A1", "asin": "B1", "reviewText": "Good.", "helpful": [0, 14]}).decode()
    (tmp_path / "reviews.json").write_text(text, encoding="utf-8")
    assert run(capsys, "--data-dir", data, "import", str(tmp_path / "reviews.json"))[0] == 0
    row = orjson.loads(run(capsys, "--data-dir", data, "list", "--json")[1])
    assert (row["votes"], row["voters"]) == (0, 14)
    assert "0 of 14 found this helpful" in run(capsys, "--data-dir", data, "show", row["id"])[1]
    assert orjson.loads(run(capsys, "--data-dir", data, "show", "--json", row["id"])[1])["voters"] == 14
    assert run(capsys, "--data-dir", data, "export", "-o", str(notes))[0] == 0
    assert "- voters: 14" in notes.read_text(encoding="utf-8")
    assert run(capsys, "--data-dir", data, "export", "-o", str(backup))[0] == 0
    assert orjson.loads(backup.read_bytes())["reviews"][0]["voters"] == 14
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "other"), "import", str(backup))
    assert code == 0 and out.startswith("imported 1 new"), out
    assert orjson.loads(run(capsys, "--data-dir", str(tmp_path / "other"), "list", "--json")[1])["voters"] == 14
    code, out, _ = run(capsys, "--data-dir", data, "import", str(backup))
    assert code == 0 and out.startswith("imported 0 new, 0 updated, 1 unchanged"), out


def test_a_backup_with_voters_of_the_wrong_type_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = {"id": "r1", "title": "T", "paragraphs": ["x"], "comments": [], "tags": [], "voters": "14"}
    backup = tmp_path / "backup.json"
    backup.write_bytes(orjson.dumps({"version": 1, "reviews": [review]}))
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "import", str(backup))
    assert code != 0 and "voters" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_a_review_without_voters_stores_the_document_it_did_before() -> None:
    """Its digest is of this document: were `voters: null` written, every review stored before
    would read as changed at its next import."""
    assert "voters" not in Review("r", "T", "t", ("x",), votes=3).to_doc()
    assert Review("r", "T", "t", ("x",), votes=3, voters=4).to_doc()["voters"] == 4


def test_a_catalog_from_before_voters_opens_and_a_reimport_fills_them(tmp_path: Path) -> None:
    plain = Review("r0", "T", "t", ("Body.",), votes=13, format="amazon")
    library = Library(tmp_path)
    library.add([plain])
    older = {name: library.column(name) for name in COLUMNS if name != "voters"}  # as the last version wrote it
    library.catalog_path.write_bytes(b"".join(encode(3, older, {})))

    old = Library(tmp_path)
    assert old.problems == [] and (old.summary(0).votes, old.summary(0).voters) == (13, None)
    assert old.add([plain]).unchanged == 1  # what it knew is what it has
    assert old.add([Review("r0", "T", "t", ("Body.",), votes=13, format="amazon", voters=14)]).updated == 1
    reopened = Library(tmp_path)
    assert (reopened.summary(0).votes, reopened.summary(0).voters) == (13, 14)
