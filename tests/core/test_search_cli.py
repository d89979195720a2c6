"""`tui-reader search`: the same answers as the core, as lines or JSON Lines, with grep-like exits."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main
from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.store import Store, default_data_dir


@pytest.fixture
def imported(seeds: Path, capsys: pytest.CaptureFixture[str]) -> Store:
    assert main(["import", str(seeds)]) == 0
    capsys.readouterr()
    return Store(default_data_dir())


def test_a_word_from_a_comment(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "sappy"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    review = next(
        r for r in imported.library.iter_reviews() if any("sappy" in c.body for _, c in walk_comments(r.comments))
    )
    assert line.startswith(review.id[:10]) and "sappy" in line


def test_json_lines(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--json", "has:comments"]) == 0
    docs = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = {r.id for r in imported.library.iter_reviews() if r.comments}
    assert {doc["id"] for doc in docs} == expected
    assert all({"snippet", "spans", "kind", "position"} <= set(doc) for doc in docs)


def test_json_fields_are_named_as_in_list_and_show(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """`search --json` said `"comments": 3` where `show --json` has the thread under `comments` and
    the count under `comment_count`: a field both have is the same field."""
    assert main(["search", "--json", "has:comments"]) == 0
    hits = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["list", "--json"]) == 0
    rows = {row["id"]: row for row in map(orjson.loads, capsys.readouterr().out.splitlines())}
    for hit in hits:
        assert main(["show", hit["id"], "--json"]) == 0
        shown = orjson.loads(capsys.readouterr().out)
        for other in (shown, rows[hit["id"]]):
            shared = set(hit) & set(other)
            assert {"id", "title", "comment_count"} <= shared
            assert {key: hit[key] for key in shared} == {key: other[key] for key in shared}


def test_exclusion_after_double_dash(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--", "relationship", "-sappy"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1 and "sappy" not in out


def test_nothing_found_exits_1_and_bad_query_exits_2(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "xylophonequartet"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "tui-reader: no review matches xylophonequartet\n"  # said, off stdout
    assert main(["search", "rateing:5"]) == 2
    err = capsys.readouterr().err
    assert "unknown filter" in err and len(err.strip().splitlines()) == 1


def test_hostile_titles_are_made_visible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(default_data_dir())
    store.library.add([Review("h1", "evil\x1b[31m title", "x/1", ("a zebra body",))])
    assert main(["search", "zebra"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "zebra" in out


def test_the_first_phrase_search_says_once_that_it_indexes_the_text(
    imported: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.core.search import index

    monkeypatch.setattr(index, "PHRASES_SAID", 1)
    assert main(["search", '"operating system"']) == 0
    first = capsys.readouterr()
    assert first.err.splitlines() == [
        f"tui-reader: indexing the text for phrases, once: {len(imported.library)} reviews"
    ]
    assert main(["search", '"operating system"']) == 0
    again = capsys.readouterr()
    assert again.err == "" and again.out == first.out and len(first.out.splitlines()) == 1


def test_ids_and_count_answer_as_the_lines_do(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """`-l` prints each matching review's whole id in the lines' order, for `xargs tui-reader remove`;
    `-c` how many there are; both exit as grep does."""
    assert main(["search", "film"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert main(["search", "-l", "film"]) == 0
    ids = capsys.readouterr().out.splitlines()
    assert len(ids) == len(lines) > 1
    assert all(line.startswith(review_id[:10]) for line, review_id in zip(lines, ids, strict=True))
    assert all(imported.library.position(review_id) is not None for review_id in ids)
    assert main(["search", "--count", "film"]) == 0
    assert capsys.readouterr().out == f"{len(lines)}\n"

    assert main(["search", "-c", "xylophonequartet"]) == 1
    assert capsys.readouterr() == ("0\n", "")  # the count says it: nothing on stderr
    assert main(["search", "-l", "xylophonequartet"]) == 1
    assert capsys.readouterr().out == ""

    assert main(["remove", *ids]) == 0
    capsys.readouterr()
    assert main(["search", "-c", "film"]) == 1


def test_ids_with_json_is_a_usage_error(imported: Store, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["search", "-l", "--json", "sappy"])
    assert exit_.value.code == 2 and "not allowed" in capsys.readouterr().err


@pytest.mark.parametrize("query", [".", "*", '"', "-"])
def test_punctuation_alone_is_refused_not_every_review(
    imported: Store, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    """`search -l .` printed every id: piped into `remove`, it emptied the library."""
    for flags in ([], ["-l"], ["-c"]):
        assert main(["search", *flags, "--", query]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("tui-reader: no word to search for") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (
            ["genre:zzqx"],
            "(genre: is no filter, its words were searched; the filters are author: title: tag: date: is:",
        ),
        (["year:zzqx", "genre:2020"], "(genre:, year: are no filters, their words were searched;"),
        (["zzqx", "OR", "qqzx"], "(OR, AND and NOT are words here: every word must be found, -word leaves one out)"),
    ],
)
def test_a_query_that_finds_nothing_says_what_it_was_read_as(
    imported: Store, capsys: pytest.CaptureFixture[str], query: list[str], said: str
) -> None:
    """`genre:horror`, `year:2013`, `great OR good` found nothing or something else, silently."""
    assert main(["search", *query]) == 1
    assert said in capsys.readouterr().err
    assert main(["search", "https://zzqx.example/a"]) == 1  # a pasted address is words, as said: no hint
    assert capsys.readouterr().err == "tui-reader: no review matches https://zzqx.example/a\n"
