"""Quote mode and copying through Pilot, with a fake system clipboard and a fake OSC 52."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.test_personal import PROSE, WIDE, open_prose
from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal import clipboard
from tui_reader.ui.app import ReaderApp


class FakeClipboard:
    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.system: list[str] = []
        self.osc52: list[str] = []

    def copy(self, text: str) -> str | None:
        self.system.append(text)
        return "fakeclip" if self.works else None


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    board = FakeClipboard()
    monkeypatch.setattr(clipboard, "system_copy_confirmed", board.copy)
    return board


def attach(app: ReaderApp, board: FakeClipboard) -> None:
    app.copy_to_clipboard = board.osc52.append  # type: ignore[method-assign]


async def copied(pilot, app: ReaderApp) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()


def messages(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_v_j_J_y_copies_the_selected_sentences(make_app: AppFactory, fake: FakeClipboard) -> None:
    app = make_app([PROSE])
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v")
        quote = app.main.personal.quote
        assert quote is not None and quote.cursor == 0
        await pilot.press("j", "J")  # second sentence, extended to the third
        assert quote.text() == "Second one follows! Third asks why?"
        reading = app.main.reading
        line = reading.paragraph_lines(0).start - int(reading.scroll_y)
        selection = app.main.personal.quote_mode.selection_style().bgcolor
        assert selection is not None
        segments = reading.render_line(line)._segments
        highlighted = "".join(s.text for s in segments if s.style and s.style.bgcolor == selection)
        assert highlighted.startswith("Second one follows!") and "First" not in highlighted
        await pilot.press("y")
        await copied(pilot, app)
        assert fake.system == ["Second one follows! Third asks why?"]
        assert fake.osc52 == fake.system
        assert app.main.personal.quote is None  # copying leaves quote mode
        (saved,) = app.store.user.snapshot().quotes
        offset = PROSE.paragraphs[0].index("Second")
        assert saved.anchor == Anchor("prose", paragraph=0, offset=offset, quoted="Second one follows! Third asks why?")
        assert any("fakeclip" in m for m in messages(app))


async def test_selection_across_paragraphs_and_K_shrinks(make_app: AppFactory, fake: FakeClipboard) -> None:
    app = make_app([PROSE])
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v", "j", "j", "j", "J", "J", "K")  # Fourth … to the next paragraph's first sentence
        await pilot.press("y")
        await copied(pilot, app)
        assert fake.system == ["Fourth ends it.\n\nAnother paragraph starts."]


async def test_quote_mode_in_a_comment_and_plain_y_there(make_app: AppFactory, fake: FakeClipboard) -> None:
    app = make_app([PROSE])
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("3", "v", "j", "y")
        await copied(pilot, app)
        await pilot.press("j", "y")  # not in quote mode: the whole focused comment
        await copied(pilot, app)
        await pilot.press("1", "y")  # the list: the review selected there, all of it
        await copied(pilot, app)
        assert fake.system == [
            "And more.",
            "Second comment with zebra words.",
            "\n\n".join(["Prose review", *PROSE.paragraphs]),
        ]
        quotes = app.store.user.snapshot().quotes
        first = PROSE.comments[0]
        assert quotes[0].about.author == first.author and quotes[0].about.location == "comment"  # never its id
        assert quotes[2].about.author == "Ann Author" and quotes[2].about.title == "Prose review"
        anchors = [q.anchor for q in quotes]
        assert anchors[0] == Anchor(
            "prose", comment_id="c1", offset=PROSE.comments[0].body.index("And"), quoted="And more."
        )
        assert anchors[1] == Anchor("prose", comment_id="c2")
        assert anchors[2] == Anchor("prose")


async def test_escape_leaves_quote_mode_and_a_notes_the_selection(make_app: AppFactory, fake: FakeClipboard) -> None:
    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v", "escape")
        assert app.main.personal.quote is None
        await pilot.press("j", "k")  # the paragraph cursor again (there and back)
        assert app.main.personal.quote is None and app.main.reading.cursor == 0
        await pilot.press("v", "j", "a", *"why indeed", "ctrl+s")
        (note,) = app.store.user.snapshot().notes
        assert note.anchor.quoted == "Second one follows!" and note.anchor.paragraph == 0
        await pilot.press("1", "v")  # not in the list
        assert app.main.personal.quote is None and app.is_running


async def test_no_system_clipboard_falls_back_to_a_file(
    make_app: AppFactory, fake: FakeClipboard, tmp_path: Path
) -> None:
    fake.works = False
    app = make_app([PROSE], folder=tmp_path / "nofile")
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v", "y")
        await copied(pilot, app)
        target = tmp_path / "nofile" / clipboard.CLIPBOARD_FILE
        assert target.read_text(encoding="utf-8") == "First sentence here."
        assert any(str(target) in m for m in messages(app))
        (saved,) = app.store.user.snapshot().quotes
        assert f"file {target}" in saved.destinations


async def test_mouse_selection_in_the_reading_pane(make_app: AppFactory) -> None:
    """Textual's own selection: a drag over the reading pane selects the text drawn there."""
    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        reading = app.main.reading
        row = reading.paragraph_lines(1).start - int(reading.scroll_y)
        text = reading.lines[reading.paragraph_lines(1).start].text
        start, end = 1 + text.index("paragraph"), text.index(" starts") + len(" starts")  # end: inclusive
        await pilot.mouse_down(reading, offset=(start + 1, row + 1))  # +1: the pane's border
        await pilot.hover(reading, offset=(end + 1, row + 1))
        await pilot.mouse_up(reading, offset=(end + 1, row + 1))
        await pilot.pause()
        assert app.screen.get_selected_text() == "paragraph starts"


async def test_copying_the_same_sentence_twice_keeps_one_quote(make_app: AppFactory, fake: FakeClipboard) -> None:
    app = make_app([PROSE])
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        for _ in range(2):
            await pilot.press("v", "j", "y")
            await copied(pilot, app)
        assert fake.system == ["Second one follows!", "Second one follows!"]  # copied both times
        (saved,) = app.store.user.snapshot().quotes  # kept once
        assert saved.about.location == "paragraph 1" and saved.about.author == "Ann Author"


async def test_quote_mode_in_a_comment_leaves_its_header_alone(make_app: AppFactory) -> None:
    """The comments' headers are line -1 of the panes' decorations (find lights authors there): quote
    mode's selection is the body's, and read -1 as the body's last line, lighting the author."""
    from tui_reader.ui.widgets.thread import HEADER

    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("3", "v")
        thread = app.main.thread
        node = thread.current_node
        assert app.main.personal.quote_mode.cursor is not None and node is not None
        assert [d for decorator in thread.decorators for d in decorator(node, 0)]  # the sentence, selected
        assert [d for decorator in thread.decorators for d in decorator(node, HEADER)] == []


REDDIT_LINKS = Review(
    "prose",
    "Linked review",
    "r.json",
    ("See [the rules](https://x.org/rules) first. Then **more**.",),
    author="ann",
    format="reddit",
    comments=(
        Comment("c1", "Read [normal comment rules](https://x.org/r).\n\n---\n\nUser: u/mvea  \nPermalink: p", "bot"),
    ),
)


async def test_y_keeps_link_addresses_and_Y_keeps_the_markdown(make_app: AppFactory, fake: FakeClipboard) -> None:
    """`Y` on an AutoModerator-like comment lost its links, its bold, its hard break and made each
    rule three empty lines; `y` lost the links' addresses that `show` prints."""
    app = make_app([REDDIT_LINKS])
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v", "y", "v", "j", "Y")  # a sentence with a link; then the next, bold
        await copied(pilot, app)
        await pilot.press("3", "y", "Y")  # the whole comment
        await copied(pilot, app)
        sentence, bold, plain, cited = fake.system
        assert sentence == "See the rules (https://x.org/rules) first."
        assert bold.splitlines()[0] == "> Then **more**."
        assert (
            plain
            == "Read normal comment rules (https://x.org/r).\n\n────────────────────\n\nUser: u/mvea\nPermalink: p"
        )
        assert cited.splitlines()[:7] == [
            "> Read [normal comment rules](https://x.org/r).",
            ">",
            "> ---",
            ">",
            "> User: u/mvea\\",
            "> Permalink: p",
            ">",
        ]
        texts = [quote.text for quote in app.store.user.snapshot().quotes]
        assert texts[0] == "See the rules first."  # a quote keeps the passage as it reads: its anchor finds it


WITCH = Review(
    "prose",
    "The Witch And Other Tales Re-Told",
    "/home/ann/goodreads_library_export.csv",
    ("Engaging writing. Each story felt incomplete.",),
    date="2019-02-08",
    format="goodreads",
    subject=Subject("The Witch And Other Tales Re-Told", "book", 2014, "Jean Thompson", "isbn:9780399170584"),
    comments=(Comment("c1", "Agreed.", "bob", date="2019-03-01"),),
)


WITCH_CITED = (
    "> — Review of *The Witch And Other Tales Re-Told* by Jean Thompson (2014), Goodreads, 2019-02-08, "
    "<https://www.goodreads.com/book/isbn/9780399170584>"  # the book's page, by its ISBN
)


@pytest.mark.parametrize(
    ("review", "cited", "comment_cited"),
    [
        (PROSE, "> — Ann Author, *Prose review*", "> — bob, comment on *Prose review*"),
        (
            WITCH,
            WITCH_CITED,
            "> — bob, comment on *The Witch And Other Tales Re-Told*, Goodreads, 2019-03-01, "
            "<https://www.goodreads.com/book/isbn/9780399170584>",
        ),
    ],
)
async def test_Y_copies_a_markdown_quote_cited_as_in_a_document(
    make_app: AppFactory, fake: FakeClipboard, review: Review, cited: str, comment_cited: str
) -> None:
    """One credit line (a second `>` line joins it where Markdown is rendered). `Y` on a Goodreads
    review cited `— *The Witch And Other Tales Re-Told*, goodreads\\_library\\_export.csv`: the
    book's author missing, and a file's name, which is not something you cite."""
    app = make_app([review])
    attach(app, fake)
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        await pilot.press("v", "Y")
        await copied(pilot, app)
        await pilot.press("3", "Y")
        await copied(pilot, app)
        text, on_comment = fake.system
        assert text.splitlines()[0] == f"> {review.paragraphs[0].split('. ')[0]}."
        assert text.splitlines()[-1] == cited and on_comment.splitlines()[-1] == comment_cited
        assert ".txt" not in text and ".csv" not in text
        first = app.store.user.snapshot().quotes[0]
        plain = cited[4:].replace("*", "").replace("<", "").replace(">", "")  # no italics, no autolink
        assert first.text == text.splitlines()[0][2:] and first.attribution == plain


async def test_quote_mode_says_itself_in_the_panes_title_and_q_leaves_it(make_app: AppFactory) -> None:
    """Its notice faded in seconds, nothing else said the mode was on, and `q` there quit the app."""
    app = make_app([PROSE])
    async with app.run_test(size=WIDE) as pilot:
        await open_prose(pilot, app)
        title = str(app.main.reading.border_title)
        await pilot.press("v")
        assert app.main.personal.quote is not None
        assert str(app.main.reading.border_title).startswith(f"{title} · quote mode")
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and app.main.personal.quote is None
        assert str(app.main.reading.border_title) == title
        await pilot.press("v", "escape")
        assert str(app.main.reading.border_title) == title
