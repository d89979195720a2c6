"""The command line, as scripts and users call it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_export_json_shows_both_seeds(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", data, "import", str(seeds))
    assert code == 0 and "2 new" in out and "3 comments" in out
    code, out, _ = run(capsys, "--data-dir", data, "export", "--format", "json")
    document = orjson.loads(out)
    assert document["version"] == 1
    by_title = {r["title"]: r for r in document["reviews"]}
    her = by_title["her"]
    assert her["subtitle"].startswith("Are human emotions")
    assert [c["body"][:12] for c in her["comments"]] == ["Good review.", "I agree with", "A faultless "]
    assert all(set(c) >= {"id", "author", "body", "replies"} for c in her["comments"])
    assert her["body"] == "\n\n".join(her["paragraphs"])
    first = by_title["Her was a good film."]
    assert first["comments"] == [] and first["body"].startswith("Her was a good film.")
    assert {"bookmarks", "notes", "quotes"} <= set(document)


def test_reimport_changes_nothing(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    _, before, _ = run(capsys, "--data-dir", data, "export")
    code, out, _ = run(capsys, "import", str(seeds), "--data-dir", data)
    assert code == 0 and "0 new, 0 updated, 2 unchanged" in out
    assert run(capsys, "--data-dir", data, "export")[1] == before


def test_list_and_show_by_prefix(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    rows = [orjson.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["title"] for r in rows] == ["Her was a good film.", "her"]
    her_id = rows[1]["id"]
    code, out, _ = run(capsys, "--data-dir", data, "show", her_id[:6])
    assert code == 0 and out.startswith("her\n") and "• Good review." in out
    code, out, _ = run(capsys, "--data-dir", data, "show", her_id[:6], "--json")
    assert orjson.loads(out)["id"] == her_id
    code, out, _ = run(capsys, "--data-dir", data, "show", her_id, rows[0]["id"][:6])
    first, second = out.split(f"\n{'─' * 40}\n\n")  # in the order asked for, one rule between them
    assert code == 0 and first.startswith("her\n") and second.startswith("Her was a good film.\n")
    code, out, _ = run(capsys, "--data-dir", data, "show", her_id, rows[0]["id"], "--json")
    assert [orjson.loads(line)["id"] for line in out.splitlines()] == [her_id, rows[0]["id"]]  # JSON Lines
    code, out, err = run(capsys, "--data-dir", data, "show", her_id, "nope")
    assert code == 1 and out.startswith("her\n")  # the good one printed all the same (xargs)
    assert err == "tui-reader: no review with id 'nope'\n"


def test_errors_are_one_line_naming_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "--data-dir", data, "import", str(empty))
    assert code == 1 and "0 new" in out
    assert err.strip() == f"skipped {empty}: empty file"
    code, _, err = run(capsys, "--data-dir", data, "show", "nope")
    assert code == 1 and err == "tui-reader: no review with id 'nope': the library is empty\n"


def test_env_var_picks_the_data_folder(
    tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "env"))
    run(capsys, "import", str(seeds))
    assert (tmp_path / "env" / "library" / "catalog.bin").exists()


def test_markdown_export_to_file(tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    target = tmp_path / "out.md"
    code, _, _ = run(capsys, "--data-dir", data, "export", "--format", "markdown", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("---\n") and "\n# her\n" in text and "- Good review." in text
    assert str(seeds) not in text and "- source: " in text  # the file's name, never this machine's folders


def test_the_export_format_follows_the_file_name_and_notes_only(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --notes-only -o notes.md` was refused until `--format markdown` was added."""
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    notes = tmp_path / "notes.md"
    code, _, err = run(capsys, "--data-dir", data, "export", "--notes-only", "-o", str(notes))
    assert code == 0 and err == f"wrote 0 reviews to {notes}\n"  # said, as for a folder (it said nothing)
    assert notes.read_text(encoding="utf-8").startswith("---\n")
    code, _, err = run(capsys, "--data-dir", data, "export", "-o", str(tmp_path / "all.md"))
    assert code == 0 and err == f"wrote 2 reviews to {tmp_path / 'all.md'}\n"
    assert (tmp_path / "all.md").read_text(encoding="utf-8").startswith("---\n")
    code, _, err = run(capsys, "--data-dir", data, "export", "-o", str(tmp_path / "all.json"))
    assert code == 0 and err == f"wrote 2 reviews to {tmp_path / 'all.json'}\n"
    _, out, _ = run(capsys, "--data-dir", data, "export")
    assert orjson.loads(out)["reviews"]  # JSON unless told or named otherwise
    code, _, err = run(capsys, "--data-dir", data, "export", "--format", "json", "--notes-only")
    assert code == 2 and "--notes-only is for Markdown" in err
    code, _, err = run(capsys, "--data-dir", data, "export", "--notes-only", "-o", str(tmp_path / "backup.json"))
    assert code == 2 and not (tmp_path / "backup.json").exists()  # never Markdown in a .json file


def test_a_note_on_a_removed_review_is_listed_with_its_title(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    _, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    her = orjson.loads(out.splitlines()[1])
    run(capsys, "--data-dir", data, "note", "add", her["id"], "kept aside")
    run(capsys, "--data-dir", data, "remove", her["id"])
    _, out, _ = run(capsys, "--data-dir", data, "notes")
    assert f"{her['title']} (removed)" in out and "kept aside" in out
    assert "(detached)" not in out  # "removed" says it: the note is not lost within a review still there


@pytest.mark.parametrize("notes_only", [False, True])
def test_the_markdown_export_keeps_what_was_made_on_removed_reviews(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str], notes_only: bool
) -> None:
    """Notes, quotes and bookmarks kept aside when their review was removed are the user's: the
    Markdown export listed only the library's reviews and left them out without a word."""
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    _, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    her, other = (orjson.loads(line) for line in out.splitlines()[:2])
    run(capsys, "--data-dir", data, "note", "add", her["id"], "a thought worth keeping")
    run(capsys, "--data-dir", data, "bookmark", her["id"])
    run(capsys, "--data-dir", data, "note", "add", other["id"], "on a review still here")
    run(capsys, "--data-dir", data, "remove", her["id"])
    only = ("--notes-only",) if notes_only else ()
    _, out, _ = run(capsys, "--data-dir", data, "export", "--format", "markdown", *only)
    assert "a thought worth keeping" in out and "on a review still here" in out
    assert f"# {her['title']} (removed from the library)" in out and "- removed: yes" in out
    assert out.index("on a review still here") < out.index("a thought worth keeping")  # kept aside comes last
    folder = tmp_path / "md"
    run(capsys, "--data-dir", data, "export", "-o", f"{folder}/", *only)
    [removed] = [path for path in folder.iterdir() if "a thought worth keeping" in path.read_text()]
    assert "removed: true" in removed.read_text() and "★ *bookmarked*" in removed.read_text()


def test_hostile_titles_reach_the_terminal_neutralised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    hostile = tmp_path / "evil.txt"
    hostile.write_text("Evil \x1b]52;c;aGk=\x07title\u202e\n\nBody \x1b[2J here.", encoding="utf-8")
    run(capsys, "--data-dir", data, "import", str(hostile))
    _, out, _ = run(capsys, "--data-dir", data, "list")
    assert "\x1b" not in out and "\u202e" not in out and "Evil" in out


def test_installed_entry_point_runs(tmp_path: Path, seeds: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "--data-dir", str(tmp_path), "import", str(seeds)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("imported 2 new")


def test_read_only_commands_on_a_new_folder_import_nothing_and_say_it_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fresh").mkdir()  # a folder not there at all is no library (test_cli_scripting)
    fresh = str(tmp_path / "fresh")
    for command in (["list"], ["search", "her"], ["export"], ["export", "--format", "markdown"]):
        code, out, err = run(capsys, "--data-dir", fresh, *command)
        assert "the library is empty" in err and "her" not in out.lower().replace("tui-reader export", "")
    code, _, err = run(capsys, "--data-dir", fresh, "show", "her")
    assert code == 1 and err == "tui-reader: no review with id 'her': the library is empty\n"
    assert run(capsys, "--data-dir", fresh, "list")[1] == ""  # still nothing: none of them imported the seeds


def test_the_app_opens_a_new_library_on_the_seeds_once_and_never_over_the_users_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui_reader.ui.app as app

    opened: list[int] = []
    monkeypatch.setattr(app, "run_app", lambda store, paths, fmt, refresh=False: opened.append(len(store.library)) or 0)
    fresh = str(tmp_path / "fresh")
    run(capsys, "--data-dir", fresh, "list")  # a read-only look first must not spoil the first run
    assert run(capsys, "--data-dir", fresh)[0] == 0 and opened == [2]
    run(
        capsys,
        "--data-dir",
        fresh,
        "remove",
        *[line.split()[0] for line in run(capsys, "--data-dir", fresh, "list")[1].splitlines()],
    )
    assert run(capsys, "--data-dir", fresh)[0] == 0 and opened == [2, 0]  # not re-imported at the next start
    own = tmp_path / "mine.txt"
    own.write_text("Mine\n\nMy own review.", encoding="utf-8")
    run(capsys, "--data-dir", str(tmp_path / "other"), "import", str(own))
    run(capsys, "--data-dir", str(tmp_path / "other"))
    _, out, _ = run(capsys, "--data-dir", str(tmp_path / "other"), "list")
    assert [line.split(None, 2)[2] for line in out.splitlines()] == ["Mine"] and opened[-1] == 1


def test_make_run_opens_the_library_without_importing_the_seeds_again() -> None:
    makefile = (Path(__file__).parents[2] / "Makefile").read_text(encoding="utf-8")
    run_target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "tui-reader $(ARGS)" in run_target and "seeds" not in run_target


def test_unusable_data_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "--data-dir", str(blocker / "sub"), "list")
    assert code == 1 and err.count("\n") == 1 and err.startswith("tui-reader: ") and str(blocker) in err


def test_the_json_backup_keeps_the_titles_of_removed_reviews_notes(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restored from the JSON backup, a note kept aside said "(review not in the library)" and its
    Markdown section "review 7616d94c…": the backup did not carry the title its review had."""
    data, again = str(tmp_path / "d"), str(tmp_path / "again")
    run(capsys, "--data-dir", data, "import", str(seeds))
    _, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    her = orjson.loads(out.splitlines()[0])
    run(capsys, "--data-dir", data, "note", "add", her["id"], "kept aside")
    run(capsys, "--data-dir", data, "remove", her["id"])
    backup = tmp_path / "backup.json"
    run(capsys, "--data-dir", data, "export", "-o", str(backup))
    assert run(capsys, "--data-dir", again, "import", str(backup))[0] == 0
    _, out, _ = run(capsys, "--data-dir", again, "notes")
    assert f"{her['title']} (removed)" in out
    _, out, _ = run(capsys, "--data-dir", again, "export", "--notes-only")
    assert f"# {her['title']} (removed from the library)" in out
    second = tmp_path / "second.json"
    run(capsys, "--data-dir", again, "export", "-o", str(second))
    assert second.read_bytes() == backup.read_bytes()  # export, import, export: the same bytes


def test_both_export_formats_count_the_same_reviews(
    tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown export said "wrote 2 reviews" where the JSON one said 1: it counted a removed
    review's kept-aside notes as a review. Both say the library's reviews, then what was kept aside."""
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    _, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    her = orjson.loads(out.splitlines()[0])
    run(capsys, "--data-dir", data, "note", "add", her["id"], "kept aside")
    run(capsys, "--data-dir", data, "remove", her["id"])
    said = []
    for name in ("all.md", "all.json"):
        code, _, err = run(capsys, "--data-dir", data, "export", "-o", str(tmp_path / name))
        assert code == 0
        said.append(err.replace(name, "FILE"))
    assert said[0] == said[1] == f"wrote 1 review to {tmp_path / 'FILE'}, and what you made on 1 removed review\n"


def test_list_says_the_helpful_votes_as_the_apps_row_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The app's row said `13/14 helpful` (sorted by votes, a row says why it is where it is);
    `list` said nothing of them."""
    source = tmp_path / "Musical_Instruments_5.json"
    record = {
        "reviewerID": "A2IBPI20UZIR0U",
        "asin": "1384719342",
        "reviewerName": "cassandra tu",
        "helpful": [13, 14],
        "reviewText": "Not much to write about here, but it does exactly what it's supposed to.",
        "overall": 5.0,
        "summary": "good",
        "unixReviewTime": 1393545600,
    }
    source.write_bytes(orjson.dumps(record) + b"\n")
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "import", str(source))[0] == 0
    _, out, _ = run(capsys, "--data-dir", data, "list")
    assert "13/14 helpful" in out, out
    _, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    row = orjson.loads(out)
    assert (row["votes"], row["voters"]) == (13, 14)


def test_list_says_a_title_that_is_the_subjects_name_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`Roma  · Roma (2018)  ★★★★★`: a Letterboxd or Goodreads title is the thing's name."""
    source = tmp_path / "reviews.csv"
    source.write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
        "2020-02-08,Roma,2018,https://boxd.it/a,5,,Quiet and huge.,,2020-02-07\n"
        "2020-02-09,Her,2013,https://boxd.it/b,4,,A love story.,,2020-02-08\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "import", str(source))[0] == 0
    _, out, _ = run(capsys, "--data-dir", data, "list")
    rows = [line[10:].lstrip().split("  ", 1)[1] for line in out.splitlines()]  # (after the id and comments)
    assert rows == ["Roma (2018)  · ★★★★★ 5/5", "Her (2013)  · ★★★★☆ 4/5"]


def test_show_says_a_comments_points_as_the_thread_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The app's thread said `SirFadakar  15 pts`; `show` said no points."""
    post = {"kind": "t3", "data": {"id": "abc", "title": "Kaufmann", "selftext": "Thoughts?", "author": "op",
                                   "permalink": "/r/x/comments/abc/k/", "created_utc": 1438707480}}  # fmt: skip
    comment = {"kind": "t1", "data": {"id": "c1", "author": "bat020", "body": "Brilliant.", "score": 13,
                                      "created_utc": 1438707480, "replies": ""}}  # fmt: skip
    source = tmp_path / "thread.json"
    listing = [{"kind": "Listing", "data": {"children": [post]}}, {"kind": "Listing", "data": {"children": [comment]}}]
    source.write_bytes(orjson.dumps(listing))
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "import", str(source))[0] == 0
    _, listed, _ = run(capsys, "--data-dir", data, "list")
    _, out, _ = run(capsys, "--data-dir", data, "show", listed[:10])
    assert "• bat020 · 13 pts · 2015-08-04 16:58: Brilliant." in out, out
