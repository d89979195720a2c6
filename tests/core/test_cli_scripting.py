"""The command line as a scripting tool: several ids in one call (`search -l | xargs ...`), an unknown
one said and the others done, and a usage error said with the command's own usage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.core.test_cli import run
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store import Store

REVIEWS = [
    Review(id="aaaa1111", title="First", source="/x/a.txt", paragraphs=("One.",)),
    Review(id="bbbb2222", title="Second", source="/x/b.txt", paragraphs=("Two.",)),
]


@pytest.fixture
def data(tmp_path: Path) -> str:
    folder = tmp_path / "d"
    Store(folder).library.add(REVIEWS)
    return str(folder)


def test_bookmark_takes_several_ids_and_names_an_unknown_one(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", data, "bookmark", "aaaa", "zzzz", "bbbb")
    assert code == 1
    assert out == "bookmarked aaaa1111\nbookmarked bbbb2222\n"
    assert err == "tui-reader: no review with id 'zzzz'\n"
    marked = {mark.review_id for mark in Store(Path(data)).user.snapshot().bookmarks}
    assert marked == {"aaaa1111", "bbbb2222"}


def test_bookmark_with_a_comment_takes_one_id(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", data, "bookmark", "aaaa", "bbbb", "--comment", "c1")
    assert code == 2 and "one ID" in err
    assert Store(Path(data)).user.snapshot().bookmarks == ()


@pytest.mark.parametrize("json_flag", [["--json"], []])
def test_show_prints_the_good_ids_and_names_an_unknown_one(
    data: str, json_flag: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", data, "show", *json_flag, "aaaa", "zzzz", "bbbb")
    assert code == 1
    assert err == "tui-reader: no review with id 'zzzz'\n"
    if json_flag:
        assert [json.loads(line)["id"] for line in out.splitlines()] == ["aaaa1111", "bbbb2222"]
    else:
        assert "First" in out and "Second" in out


def test_remove_removes_the_good_ids_and_names_an_unknown_one(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", data, "remove", "aaaa", "zzzz")
    assert code == 1
    assert out.startswith("removed 1 review")
    assert err == "tui-reader: no review with id 'zzzz'\n"
    assert [review_id for review_id in Store(Path(data)).library.column("id")] == ["bbbb2222"]


def test_remove_of_only_unknown_ids_removes_nothing(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", data, "remove", "zzzz")
    assert (code, out, err) == (1, "", "tui-reader: no review with id 'zzzz'\n")
    assert len(Store(Path(data)).library) == 2


@pytest.mark.parametrize(
    "command",
    [
        ["bookmark", "aaaa", "--bogus"],
        ["list", "extra"],
        ["show", "aaaa", "--bogus"],
        ["notes", "extra"],
        ["quotes", "extra"],
        ["subjects", "extra"],
        ["subject", "clear", "aaaa", "extra"],
        ["note", "delete", "n1", "extra"],
        ["export", "extra"],
        ["sources", "extra"],
        ["remove", "--bogus"],
        ["import", "--bogus", "x"],
    ],
)
def test_a_usage_error_shows_the_commands_own_usage(
    data: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "--data-dir", data, *command)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    named = " ".join(word for word in command[:2] if not word.startswith("-") and word not in ("aaaa", "extra", "n1"))
    assert err.startswith(f"usage: tui-reader {named} ")
    assert f"tui-reader {named}: error: unrecognized arguments:" in err


READ_ONLY = [
    ["list"],
    ["list", "--json"],
    ["show", "aaaa"],
    ["search", "word"],
    ["search", "-l", "word"],
    ["notes"],
    ["quotes"],
    ["subjects"],
    ["sources"],
    ["export"],
]


@pytest.mark.parametrize("command", READ_ONLY)
def test_a_read_only_command_on_a_folder_not_there_says_so(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped `--data-dir` looked like an empty library (exit 0), and was made."""
    missing = tmp_path / "nonexistent" / "x"
    code, out, err = run(capsys, "--data-dir", str(missing), *command)
    assert (code, out) == (1, "")
    assert err == f"tui-reader: no library at {missing} (the folder does not exist)\n"
    assert not missing.exists() and not missing.parent.exists()


def test_a_command_that_writes_makes_the_folder_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new"
    seed = tmp_path / "one.txt"
    seed.write_text("A review of a film, long enough to read as one.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(new), "import", str(seed))
    assert code == 0 and "1 new" in out and new.is_dir()
    assert run(capsys, "--data-dir", str(new), "list")[0] == 0


def _lines(capsys: pytest.CaptureFixture[str], data: str, *command: str) -> list[dict[str, Any]]:
    code, out, _ = run(capsys, "--data-dir", data, *command)
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_every_json_line_describes_a_review_with_lists_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`show --json` had no `excerpt`/`voters`, `search --json` only id/title/comment_count, and
    `notes --json` nothing of the review: each now has `list --json`'s keys, with the same values."""
    folder = tmp_path / "d"
    store = Store(folder)
    store.library.add(
        [
            Review(
                id="aaaa1111",
                title="Kindred",
                source="/x/a.csv",
                paragraphs=("A strong book.", "Second thought."),
                author="ann",
                subject=Subject("Kindred", kind="book", year=1979, creator="Octavia E. Butler"),
                rating=4.0,
                rating_max=5.0,
                votes=3,
                voters=4,
                tags=("read",),
                format="goodreads",
            )
        ]
    )
    store.user.add_note(Anchor("aaaa1111", paragraph=0, paragraph_text="A strong book."), "mine")
    store.user.add_quote(Anchor("aaaa1111", paragraph=1, offset=0, quoted="Second"), "Second")
    data = str(folder)
    (listed,) = _lines(capsys, data, "list", "--json")
    assert {"excerpt", "voters", "subject", "tags", "comment_count"} <= set(listed)
    assert listed["subject"]["creator"] == "Octavia E. Butler" and listed["voters"] == 4
    (shown,) = _lines(capsys, data, "show", "--json", "aaaa")
    (found,) = _lines(capsys, data, "search", "--json", "strong")
    for doc in (shown, found):
        assert {key: doc[key] for key in listed} == listed
    assert "paragraphs" in shown and "snippet" in found  # their own keys stay
    (note,) = _lines(capsys, data, "notes", "--json")
    (quote,) = _lines(capsys, data, "quotes", "--json")
    assert note["review"] == listed and quote["review"] == listed
    assert note["text"] == "mine" and quote["text"] == "Second"  # the record's own keys are kept


def test_a_record_on_a_removed_review_has_no_review_doc(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    Store(Path(data)).user.add_note(Anchor("aaaa1111"), "kept")
    run(capsys, "--data-dir", data, "remove", "aaaa1111")
    (note,) = _lines(capsys, data, "notes", "--json")
    assert note["review"] is None and note["text"] == "kept"
