"""The command-line fixes of issue 18 (item 5), each as a user meets it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.core.test_cli import run
from tui_reader import cli_library
from tui_reader.cli import COMMANDS, main
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.store import Store

THREAD = Review(
    id="thread1",
    title="A thread",
    source="/somewhere/t.json",
    paragraphs=("The post.",),
    comments=(
        Comment(
            "t1_top",
            "Top level.",
            "ann",
            replies=(
                Comment(
                    "t1_reply",
                    "First paragraph of a reply.\n\nSecond paragraph of it, long enough to wrap in a narrow terminal.",
                    "bob",
                    parent="t1_top",
                    replies=(Comment("t1_deep", "Deep.\nA second line.", "cy", parent="t1_reply"),),
                ),
            ),
        ),
    ),
)


@pytest.fixture
def data(tmp_path: Path) -> str:
    folder = tmp_path / "d"
    Store(folder).library.add([THREAD])
    return str(folder)


@pytest.mark.parametrize("command", [["bookmark", "thread1"], ["note", "add", "thread1", "words"]])
def test_a_comment_id_that_does_not_exist_is_a_one_line_error(
    data: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", data, *command, "--comment", "nope")
    assert code == 1 and out == ""
    assert err == "tui-reader: review thread1 has no comment with id 'nope'\n"
    snapshot = Store(Path(data)).user.snapshot()
    assert snapshot.bookmarks == () and snapshot.notes == ()  # nothing was saved


def test_a_comment_named_by_its_id_or_a_unique_prefix(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "bookmark", "thread1", "--comment", "t1_r")
    assert code == 0 and out == "bookmarked comment t1_reply of thread1\n"
    code, _, err = run(capsys, "--data-dir", data, "note", "add", "thread1", "x", "--comment", "t1_")
    assert code == 1 and "is the start of 3 comment ids" in err and len(err.splitlines()) == 1
    assert run(capsys, "--data-dir", data, "note", "add", "thread1", "x", "--comment", "t1_deep")[0] == 0
    (note,) = Store(Path(data)).user.snapshot().notes
    assert note.anchor.comment_id == "t1_deep"


@pytest.mark.parametrize("query", [[""], ["  "], ["", ""]])
def test_an_empty_search_is_a_usage_error(data: str, query: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", data, "search", *query)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "search needs words" in err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    listed = {
        line.split()[0] for line in out.split("COMMAND\n", 1)[1].split("\n\n", 1)[0].splitlines() if line[4:5] != " "
    }
    assert listed == set(COMMANDS) and len(COMMANDS) >= 12
    assert all(name in out.split("Commands: ", 1)[1] for name in COMMANDS)


def test_show_keeps_the_thread_indentation_on_later_paragraphs(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--data-dir", data, "show", "thread1")
    thread = out.split("── 3 comments ──\n\n", 1)[1].splitlines()
    assert thread == [
        "• ann: Top level.",
        "  • bob: First paragraph of a reply.",
        "",
        "    Second paragraph of it, long enough to wrap in a narrow terminal.",
        "    • cy: Deep.",
        "      A second line.",
    ]


def test_show_wraps_to_the_terminal_keeping_the_indentation(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_library, "_terminal_width", lambda: 40)
    _, out, _ = run(capsys, "--data-dir", data, "show", "thread1")
    thread = out.split("── 3 comments ──\n\n", 1)[1].splitlines()
    second = thread[thread.index("") + 1 : thread.index("    • cy: Deep.")]
    assert len(second) > 1 and all(line.startswith("    ") and len(line) <= 40 for line in second)
    assert " ".join(line.strip() for line in second) == (
        "Second paragraph of it, long enough to wrap in a narrow terminal."
    )


def test_counts_are_said_in_the_singular_for_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tui_reader.core.content.text import plural

    assert [plural(n, "note") for n in (0, 1, 2)] == ["0 notes", "1 note", "2 notes"]
    assert plural(1, "reply", "replies") == "1 reply" and plural(3, "reply", "replies") == "3 replies"
    assert plural(78667, "review") == "78,667 reviews"
    own = tmp_path / "one.txt"
    own.write_text("One\n\nA review.\n\n  1. a comment\n", encoding="utf-8")
    _, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", "--dry-run", str(own))
    assert f"{own}: text, 1 review, 1 comment\n" in out
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(own))
    _, out, _ = run(capsys, "--data-dir", data, "subjects")
    assert out == "(1 review without a subject: tui-reader subject set ID NAME)\n"


@pytest.mark.corpora
@pytest.mark.parametrize(
    "name", ["reddit/reddit_comments_past.json", "wxr/DavidSouther+davidsouther.github.com__wordpress.xml"]
)
def test_real_reddit_and_wordpress_exports_cite_their_urls_never_the_folder(
    name: str, corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "import", str(corpora / name))[0] == 0
    first = run(capsys, "--data-dir", data, "list")[1].split()[0]
    _, shown, _ = run(capsys, "--data-dir", data, "show", first)
    meta = shown.split("\n\n", 1)[0].splitlines()[-1]
    assert re.search(r"https?://", meta) and str(corpora) not in shown
    _, markdown, _ = run(capsys, "--data-dir", data, "export", "--format", "markdown")
    assert re.search(r"- url: https?://", markdown) and str(corpora) not in markdown


def test_show_prints_markdown_as_read_with_each_links_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bodies kept as Markdown (HN, WordPress, Letterboxd) print as read: no `\\|` or `***`; a link's address
    after its words, since a terminal's `show` has no link to follow."""
    body = "Make Waves \\| https://makewaves.fm \\| I ***was*** a kid, see [the docs](https://docs.example/x)."
    review = Review(
        "md1", "Markdown", "x", (body,), format="hackernews", comments=(Comment("c1", "a `code` **reply**", "ann"),)
    )
    Store(tmp_path).library.add([review])
    _, out, _ = run(capsys, "--data-dir", str(tmp_path), "show", "md1")
    assert "Make Waves | https://makewaves.fm | I was a kid, see the docs (https://docs.example/x)." in out
    assert "• ann: a code reply" in out
    assert "\\|" not in out and "*" not in out


@pytest.mark.parametrize("width", [None, 200])  # a pipe, a terminal
def test_show_keeps_struck_through_words_struck(
    width: int | None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading pane strikes them through; `show`, printing no style, dropped the strike and
    "~~great~~ awful" read "great awful". Markdown's `~~` and HTML's <del>/<s>/<strike> alike, in a
    terminal or a pipe: a `~~` mark is text, no control sequence."""
    from tui_reader.core.importers.html import html_text

    body = "The film is ~~great~~ awful, see [the ~~old~~ cut](https://e.example/c)."
    comment = Comment(
        "c1", html_text("<p>I <del>agree</del>, <s>concur</s>, <strike>yes</strike>: no</p>", markdown=True), "ann"
    )
    Store(tmp_path).library.add([Review("st1", "Struck", "x", (body,), format="wxr", comments=(comment,))])
    monkeypatch.setattr(cli_library, "_terminal_width", lambda: width)
    _, out, _ = run(capsys, "--data-dir", str(tmp_path), "show", "st1")
    assert "The film is ~~great~~ awful, see the ~~old~~ cut (https://e.example/c)." in out
    assert "• ann: I ~~agree~~, ~~concur~~, ~~yes~~: no" in out
    assert "\x1b" not in out


def test_a_search_of_an_empty_library_says_so_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "new").mkdir()
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "new"), "search", "foo")
    assert (
        code == 1
        and out == ""
        and err.splitlines() == ["tui-reader: the library is empty: `tui-reader import PATH` adds reviews"]
    )


def test_show_draws_a_rule_where_the_text_has_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reddit's AutoModerator separates its parts with `---`; `show` printed three blank lines
    there, the reader a rule. A copy (what quotes carry) keeps it empty."""
    from tui_reader.core.content.formatting import PRINTED_RULE, plain_text

    body = "Before the rule.\n\n---\n\nAfter the rule."
    Store(tmp_path).library.add([Review("rd1", "Ruled", "x", (body,), format="reddit")])
    _, out, _ = run(capsys, "--data-dir", str(tmp_path), "show", "rd1")
    lines = [line.strip() for line in out.splitlines()]
    before = lines.index("Before the rule.")
    assert lines[before : before + 5] == ["Before the rule.", "", PRINTED_RULE, "", "After the rule."]
    assert PRINTED_RULE not in plain_text(body, "reddit")


def test_a_word_left_out_needs_no_double_dash(seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`search film -great` was refused: "unrecognized arguments: -great", with the top-level usage."""
    data = str(tmp_path / "d")
    run(capsys, "--data-dir", data, "import", str(seeds))
    code, every, _ = run(capsys, "--data-dir", data, "search", "-l", "her")
    assert code == 0 and len(every.split()) == 2
    code, without, err = run(capsys, "--data-dir", data, "search", "her", "-leonard", "-l")
    assert code == 0 and not err and 0 < len(without.split()) < 2
    assert run(capsys, "--data-dir", data, "search", "-l", "her", "--", "-leonard")[1:] == (without, err)
    with pytest.raises(SystemExit) as refused:  # other commands still refuse what they do not know
        run(capsys, "--data-dir", data, "list", "-leonard")
    assert refused.value.code == 2 and "unrecognized arguments: -leonard" in capsys.readouterr().err


def test_a_data_folder_that_is_a_file_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--data-dir /etc/passwd` said "/etc/passwd/library/catalog.bin: Not a directory"."""
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    for command in (["list"], ["search", "x"], ["import", str(a_file)]):
        code, out, err = run(capsys, "--data-dir", str(a_file), *command)
        assert (code, out) == (1, "") and err == (
            f"tui-reader: {a_file} is a file: the data folder (--data-dir, $TUI_READER_HOME) must be a folder\n"
        )
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_search_finds_its_words_past_a_data_folder_named_search(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--data-dir search` is a folder: its name is not where the command starts; and a trailing
    `--data-dir` with no folder is refused, where it searched the default library."""
    monkeypatch.chdir(tmp_path)
    run(capsys, "--data-dir", "search", "import", str(seeds))
    code, out, _ = run(capsys, "--data-dir", "search", "search", "-c", "her")
    assert (code, out) == (0, "2\n")
    with pytest.raises(SystemExit) as refused:
        run(capsys, "search", "her", "--data-dir")
    assert refused.value.code == 2 and "expected one argument" in capsys.readouterr().err


def test_show_says_a_bare_address_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`[x.org/a](https://x.org/a/)` printed "x.org/a (https://x.org/a/)": the links screen's rule
    (`same_address`) now decides for `show` too."""
    body = "See [x.org/a](https://x.org/a/) and [the cut](https://e.example/c)."
    Store(tmp_path).library.add([Review("ln1", "Links", "x", (body,), format="reddit")])
    _, out, _ = run(capsys, "--data-dir", str(tmp_path), "show", "ln1")
    assert "See x.org/a and the cut (https://e.example/c)." in out
