"""Quote sentences, attribution, and the clipboard chain's honesty about where text went."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.content.markdown_text import autolinked_or_escaped
from tui_reader.core.content.models import Review
from tui_reader.core.personal.clipboard import CLIPBOARD_FILE, copy_text
from tui_reader.core.personal.quoting import attributed, cited_source


def test_attribution_is_a_markdown_blockquote() -> None:
    out = attributed("Line one\nLine two", author="Ann", title="her", source="https://example.org/r/1")
    assert out == "> Line one\n> Line two\n>\n> — Ann, *her*, <https://example.org/r/1>\n"  # a link to follow
    assert attributed("x", author=None, title="T").endswith("> — *T*\n")


def test_confirmed_system_clipboard_is_reported(tmp_path: Path) -> None:
    sent: list[str] = []
    result = copy_text("quote", tmp_path, osc52=sent.append, system=lambda text: "xclip")
    assert result.confirmed and sent == ["quote"]
    assert result.message == "Copied to the system clipboard (xclip)"
    assert not (tmp_path / CLIPBOARD_FILE).exists()


def test_unconfirmed_clipboard_falls_back_to_a_file(tmp_path: Path) -> None:
    result = copy_text("the quote ✓", tmp_path, osc52=lambda text: None, system=lambda text: None)
    assert not result.confirmed
    assert (tmp_path / CLIPBOARD_FILE).read_text(encoding="utf-8") == "the quote ✓"
    assert str(tmp_path / CLIPBOARD_FILE) in result.message and "OSC 52" in result.message


def test_nothing_works_still_does_not_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")

    def broken_osc52(text: str) -> None:
        raise RuntimeError("terminal gone")

    result = copy_text("q", blocker / "sub", osc52=broken_osc52, system=lambda text: None)
    assert not result.confirmed and result.destinations == () and "could not save" in result.message


def test_real_pyperclip_without_a_clipboard_never_raises(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    mp.delenv("DISPLAY", raising=False)
    mp.delenv("WAYLAND_DISPLAY", raising=False)
    try:
        result = copy_text("q", tmp_path)
    finally:
        mp.undo()
    assert result.confirmed or (tmp_path / CLIPBOARD_FILE).read_text() == "q"


def test_a_copy_the_clipboard_takes_a_moment_to_hold_is_confirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    """xclip's copy returns before its background process holds the selection: a paste at once read
    the old clipboard on a busy machine, and a copy that worked said "No system clipboard"."""
    import pyperclip

    from tui_reader.core.personal import clipboard

    held: list[str] = []
    reads = iter(["old", "old", "old"])
    monkeypatch.setattr(pyperclip, "copy", held.append)
    monkeypatch.setattr(pyperclip, "paste", lambda: next(reads, held[-1]))  # the fourth read holds it
    monkeypatch.setattr(clipboard, "READ_BACK_PAUSE_S", 0.0)
    assert clipboard.system_copy_confirmed("new") is not None

    monkeypatch.setattr(pyperclip, "paste", lambda: "something else")  # never holds it: not confirmed
    monkeypatch.setattr(clipboard, "TOOL_TIMEOUT_S", 0.05)
    assert clipboard.system_copy_confirmed("new") is None


REDDIT_POST = "https://www.reddit.com/r/TrueFilm/comments/9t2x1k/her_2013/"


@pytest.mark.parametrize(
    ("where", "cited"),
    [
        (REDDIT_POST, REDDIT_POST),  # a Reddit thread: its permalink
        ("https://blog.example.org/2012/09/03/on-her/", "https://blog.example.org/2012/09/03/on-her/"),  # WordPress
        ("/home/ann/private/exports/reddit_comments.json", "reddit_comments.json"),
        ("file:///home/ann/My%20Files/wp-export.xml", "wp-export.xml"),
        ("C:\\Users\\ann\\Documents\\reviews.csv", "reviews.csv"),
        ("~/notes/her.txt", "her.txt"),
        ("letterboxd", "letterboxd"),
        ("", ""),
    ],
)
def test_a_citation_names_the_web_address_or_only_the_file(where: str, cited: str) -> None:
    assert cited_source(where) == cited
    quote = attributed("Words.", author="ann", title="Her", source=where)
    assert "/home" not in quote and "Users" not in quote and (autolinked_or_escaped(cited) in quote)


def test_y_citation_of_reddit_and_wordpress_shaped_reviews_carries_the_url() -> None:
    reddit = Review("r", "Her (2013)", "/home/ann/dl/reddit_comments.json", ("p",), url=REDDIT_POST, format="reddit")
    wordpress = Review("w", "On Her", "/srv/backup/site.wordpress.xml", ("p",), url="https://blog.example.org/on-her/")
    local = Review("l", "Her", "/home/ann/private/her.txt", ("p",))
    expectations = ((reddit, f"<{REDDIT_POST}>"), (wordpress, "<https://blog.example.org/on-her/>"), (local, "her.txt"))
    for review, expected in expectations:
        cited = attributed("Words.", author=None, title=review.title, source=review.where)
        assert cited.splitlines()[-1] == f"> — *{review.title}*, {expected}"
        assert "/home" not in cited and "/srv" not in cited
