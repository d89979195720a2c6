"""`subjects`, `subject set/clear`, and the review fields in list/show/export, through the CLI."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
import yaml

from tests.core.test_cli import run
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.store import Store

REVIEW_KEYS = {"subject", "rating", "rating_max", "recommended", "votes", "spoiler", "tags"}
SUBJECT_KEYS = {"name", "kind", "year", "creator", "ref"}


def seeded(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    data = str(tmp_path / "d")
    code, _, _ = run(capsys, "--data-dir", data, "import", str(seeds))
    assert code == 0
    _, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    return data, [orjson.loads(line)["id"] for line in out.splitlines()]


def put_under_her(capsys: pytest.CaptureFixture[str], data: str, ids: list[str]) -> None:
    for review_id in ids:
        code, out, err = run(
            capsys, "--data-dir", data, "subject", "set", review_id[:6], "Her", "--kind", "film", "--year", "2013"
        )
        assert (code, err) == (0, "") and out == f"subject of {review_id}: Her (2013) (film)\n"


def test_both_seeds_under_her_are_one_subject(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, ids = seeded(tmp_path, seeds, capsys)
    code, out, _ = run(capsys, "--data-dir", data, "subjects")
    assert code == 0 and out == "(2 reviews without a subject: tui-reader subject set ID NAME)\n"
    put_under_her(capsys, data, ids)
    code, out, _ = run(capsys, "--data-dir", data, "subjects")
    assert code == 0 and out == "Her (2013)  film  2 reviews\n"
    code, out, _ = run(capsys, "--data-dir", data, "subjects", "--json")
    (line,) = [orjson.loads(text) for text in out.splitlines()]
    assert {"name", "kind", "ref", "count", "average"} <= set(line)
    assert (line["name"], line["kind"], line["ref"], line["count"], line["average"]) == ("Her", "film", None, 2, None)
    assert line["year"] == 2013 and line["key"] == "film|her|2013"
    code, out, _ = run(capsys, "--data-dir", data, "search", "subject:her", "kind:film")
    assert code == 0 and len(out.splitlines()) == 2


def test_overrides_survive_reimport_and_clear(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, ids = seeded(tmp_path, seeds, capsys)
    put_under_her(capsys, data, ids)
    code, out, _ = run(capsys, "--data-dir", data, "import", str(seeds))
    assert code == 0 and "2 unchanged" in out
    assert run(capsys, "--data-dir", data, "subjects")[1] == "Her (2013)  film  2 reviews\n"
    copy = tmp_path / "copy"  # the same file, edited: the review is updated in place
    copy.mkdir()
    for seed in seeds.iterdir():
        (copy / seed.name).write_bytes(seed.read_bytes() + b"\n\nOne more paragraph.\n")
    code, out, _ = run(capsys, "--data-dir", data, "import", str(copy))
    assert code == 0
    assert run(capsys, "--data-dir", data, "subjects")[1].startswith("Her (2013)  film  2 reviews\n")
    code, out, _ = run(capsys, "--data-dir", data, "subject", "clear", ids[0][:6])
    assert code == 0 and out == f"cleared the subject set on {ids[0]} (now: none)\n"
    _, out, _ = run(capsys, "--data-dir", data, "subjects")
    assert out.startswith("Her (2013)  film  1 review\n")


def test_subject_errors_are_one_line(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, ids = seeded(tmp_path, seeds, capsys)
    code, _, err = run(capsys, "--data-dir", data, "subject", "set", "nope", "Her")
    assert code == 1 and err == "tui-reader: no review with id 'nope'\n"
    code, _, err = run(capsys, "--data-dir", data, "subject", "set", ids[0], "  ")
    assert code == 1 and err.startswith("tui-reader: a subject needs a name (`tui-reader subject clear ID`")
    code, _, err = run(capsys, "--data-dir", data, "subject", "set", ids[0], "Her", "--year", "99999")
    assert code == 1 and err == "tui-reader: --year 99999 is not a year\n"
    code, _, err = run(capsys, "--data-dir", data, "subject", "set", ids[0], "Her\x1b[2J")
    assert code == 1 and err == "tui-reader: the name has control characters\n"
    code, _, err = run(capsys, "--data-dir", data, "search", "stars:>=6")
    assert code == 2 and err == "tui-reader: stars:>=6: stars go from 0 to 5\n"
    code, _, err = run(capsys, "--data-dir", data, "search", "is:recommendable")
    assert code == 2 and err.count("\n") == 1 and "not-recommended" in err


@pytest.fixture
def rated(tmp_path: Path) -> str:
    """A library with a Letterboxd-like, an IMDb-like and a Steam-like review."""
    store = Store(tmp_path / "r")
    her = Subject("Her", "film", 2013, "Spike Jonze", "letterboxd:her-2013")
    store.library.add(
        [
            Review("lb", "Loved it", "letterboxd", ("p",), rating=4, rating_max=5, subject=her, tags=("sad",)),
            Review("im", "Good", "imdb", ("p",), rating=8, rating_max=10, subject=her, votes=12, spoiler=True),
            Review("st", "Fun", "steam", ("p",), recommended=True, subject=Subject("Disco Elysium", "game", 2019)),
        ]
    )
    return str(tmp_path / "r")


def test_list_and_show_carry_the_review_fields(rated: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", rated, "list")
    assert code == 0 and out.splitlines() == [
        "lb     0  Loved it  · Her (2013)  ★★★★☆ 4/5",
        "im     0  Good  · Her (2013)  ★★★★☆ 8/10  12 helpful",  # the votes, as the app's row says them
        "st     0  Fun  · Disco Elysium (2019)  ✓ recommended",
    ]
    _, out, _ = run(capsys, "--data-dir", rated, "list", "--json")
    rows = {row["id"]: row for row in map(orjson.loads, out.splitlines())}
    assert all(set(row) >= REVIEW_KEYS for row in rows.values())
    assert set(rows["lb"]["subject"]) == SUBJECT_KEYS
    assert rows["lb"]["subject"]["creator"] == "Spike Jonze" and rows["lb"]["tags"] == ["sad"]
    assert (rows["im"]["rating"], rows["im"]["rating_max"], rows["im"]["votes"], rows["im"]["spoiler"]) == (
        8,
        10,
        12,
        1,
    )
    assert rows["st"]["recommended"] is True
    _, out, _ = run(capsys, "--data-dir", rated, "show", "im")
    meta = "Her (2013) · film · by Spike Jonze · ★★★★☆ 8/10 · 12 helpful · spoilers · Letterboxd"
    assert out.splitlines()[1] == meta  # the site its subject's ref names, not the file's name (`imdb`)
    run(capsys, "--data-dir", rated, "subject", "set", "st", "Disco Elysium", "--kind", "game", "--creator", "ZA/UM")
    _, out, _ = run(capsys, "--data-dir", rated, "show", "st", "--json")
    shown = orjson.loads(out)
    assert set(shown) >= REVIEW_KEYS and shown["subject"]["creator"] == "ZA/UM"  # the effective subject
    _, out, _ = run(capsys, "--data-dir", rated, "subjects")
    assert out.splitlines() == [
        "Her (2013)  film  2 reviews  ★ 4.0",
        "Disco Elysium  game  1 review  1 recommended, 0 not",
    ]


def test_export_carries_the_fields_and_the_overrides(rated: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--data-dir", rated, "subject", "set", "st", "Disco Elysium", "--kind", "game", "--creator", "ZA/UM")
    _, out, _ = run(capsys, "--data-dir", rated, "export")
    document = orjson.loads(out)
    by_id = {review["id"]: review for review in document["reviews"]}
    assert all(set(review) >= REVIEW_KEYS for review in by_id.values())
    assert by_id["st"]["subject"]["creator"] == "ZA/UM"
    assert document["subjects"] == [
        {
            "review_id": "st",
            "subject": {"name": "Disco Elysium", "kind": "game", "year": None, "creator": "ZA/UM", "ref": None},
            "imported": {"name": "Disco Elysium", "kind": "game", "year": 2019, "creator": None, "ref": None},
        }
    ]


def test_export_import_export_keeps_overrides_byte_identical(
    rated: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--data-dir", rated, "subject", "set", "st", "Disco Elysium", "--kind", "game", "--creator", "ZA/UM")
    backup = tmp_path / "backup.json"
    run(capsys, "--data-dir", rated, "export", "-o", str(backup))
    fresh = str(tmp_path / "fresh")
    assert run(capsys, "--data-dir", fresh, "import", str(backup))[0] == 0
    again = tmp_path / "again.json"
    run(capsys, "--data-dir", fresh, "export", "-o", str(again))
    assert again.read_bytes() == backup.read_bytes()
    run(capsys, "--data-dir", fresh, "subject", "clear", "st")
    _, out, _ = run(capsys, "--data-dir", fresh, "show", "st", "--json")
    assert orjson.loads(out)["subject"]["year"] == 2019  # the imported subject is back


def test_markdown_export_carries_the_subject_in_full_and_the_bookmarks(
    rated: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--data-dir", rated, "bookmark", "lb")
    folder = tmp_path / "notes"
    run(capsys, "--data-dir", rated, "export", "--format", "markdown", "-o", f"{folder}/")
    front_matter = {}  # review id -> its front matter
    for path in folder.iterdir():
        fields = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        front_matter[fields["id"]] = fields
    assert set(front_matter) == {"lb", "im", "st"}
    lb = front_matter["lb"]
    assert lb["creator"] == "Spike Jonze" and lb["subject_year"] == 2013 and lb["bookmarked"] is True
    assert all("bookmarked" not in front_matter[other] for other in ("im", "st"))
