"""Hostile review text in the reader: markup is shown, never run; escapes never reach the terminal."""

from __future__ import annotations

import time
from pathlib import Path

from tests.hostile import ESCAPES, FORBIDDEN_IN_OUTPUT, HOSTILE, hostile_text, write_hostile_corpus
from tests.ui.conftest import AppFactory, previewed, until
from tui_reader.core.content.models import Comment, Review
from tui_reader.ui.app import ReaderApp

NASTY = "[/] [@click=app.quit]x[/] [link=file:///etc/passwd]x[/link] " + "".join(ESCAPES)


def hostile_review() -> Review:
    reply = Comment("c2", NASTY + " reply", author="[@click=app.quit]me[/]", parent="c1")
    comments = (Comment("c1", NASTY, author=NASTY, date="[/]", replies=(reply,)),)
    return Review(
        "h1",
        NASTY,
        "[link=file:///etc/passwd]src[/link]",
        (NASTY, hostile_text(3)),
        subtitle=NASTY,
        author="[/]",
        date="\x1b[2J",
        comments=comments,
    )


def painted_text(app: ReaderApp) -> str:
    """The text the panes draw: line-drawn rows and the reading pane's content."""
    screen = app.main
    lines = []
    for pane in (screen.review_list, screen.thread, screen.reading):
        lines += [pane.render_line(y).text for y in range(pane.size.height)]
    return "\n".join(lines)


async def test_markup_is_text_and_clicks_run_nothing(make_app: AppFactory) -> None:
    app = make_app([hostile_review()])
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: previewed(app))
        await pilot.pause()
        text = painted_text(app)
        assert "[@click=app.quit]" in text and "[link=file:///etc/passwd]" in text  # shown literally
        assert not any(bad in text for bad in FORBIDDEN_IN_OUTPUT)
        for selector in ("#list", "#reading", "#thread"):
            for offset in ((2, 0), (4, 1), (10, 2), (20, 3)):
                await pilot.click(selector, offset=offset)
        await pilot.press("enter", "3", "j", "enter", "h", "l", "f", "question_mark", "q")
        await pilot.pause()
        assert app.is_running
        assert app.main.thread.model.comments[0].author == NASTY


async def test_hostile_files_imported_from_the_command_line(make_app: AppFactory, tmp_path: Path) -> None:
    paths = write_hostile_corpus(tmp_path / "hostile", huge_line_bytes=20_000)
    app = make_app([], paths=paths)
    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.monotonic() + 60  # the import runs in a worker; the UI keeps answering meanwhile
        while len(app.main.review_list.order) < len(paths) and time.monotonic() < deadline:
            await pilot.pause(0.05)
            assert app.is_running
        await pilot.pause()  # notify() posts a message: let it land
        assert len(app.main.review_list.order) == len(HOSTILE) + 1
        assert any("imported" in n.message for n in app._notifications)
        for _ in range(len(paths)):
            await pilot.press("j")
            await until(pilot, lambda: previewed(app))  # the review under the cursor is the one painted
            assert not any(bad in painted_text(app) for bad in FORBIDDEN_IN_OUTPUT)
        await pilot.press("tab", "G", "tab", "G", "H", "L")
        assert app.is_running
