"""Quote sentences, attribution, and the clipboard chain's honesty about where text went."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui_reader.core.content.markdown_text import autolinked_or_escaped
from tui_reader.core.content.models import Comment, Review, Subject
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.personal.citing import citation
from tui_reader.core.personal.clipboard import CLIPBOARD_FILE, copy_text
from tui_reader.core.personal.quoting import attributed, cited_source


def test_attribution_is_a_markdown_blockquote() -> None:
    review = Review("r", "her", "/home/ann/her.txt", ("Line one",), author="Ann", url="https://example.org/r/1")
    out = attributed("Line one\nLine two", citation(review, Anchor("r", paragraph=0)).markdown())
    assert out == "> Line one\n> Line two\n>\n> — Ann, *her*, <https://example.org/r/1>\n"  # a link to follow
    assert attributed("x", "").endswith("> —\n")


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
def test_the_export_names_the_web_address_or_only_the_file_and_a_citation_no_file(where: str, cited: str) -> None:
    """The export's `source` field: a file by its name only. `Y`'s citation: no file at all (a file
    name is not something you cite), a web address as a link."""
    assert cited_source(where) == cited
    review = Review("r", "Her", where, ("Words.",), author="ann", url=where or None)
    quote = attributed("Words.", citation(review, Anchor("r", paragraph=0)).markdown())
    assert "/home" not in quote and "Users" not in quote
    web = where.startswith("https://")
    last = quote.splitlines()[-1]
    assert last.startswith("> — ann, *Her*") and last.endswith(f", {autolinked_or_escaped(where)}" if web else "*Her*")


def test_y_citation_of_reddit_and_wordpress_shaped_reviews_carries_the_url() -> None:
    reddit = Review("r", "Her (2013)", "/home/ann/dl/reddit_comments.json", ("p",), url=REDDIT_POST, format="reddit")
    wordpress = Review("w", "On Her", "/srv/backup/site.wordpress.xml", ("p",), url="https://blog.example.org/on-her/")
    local = Review("l", "Her", "/home/ann/private/her.txt", ("p",))
    expectations = (
        (reddit, f", Reddit, <{REDDIT_POST}>"),
        (wordpress, ", <https://blog.example.org/on-her/>"),
        (local, ""),
    )
    for review, expected in expectations:
        cited = attributed("Words.", citation(review, Anchor(review.id, paragraph=0)).markdown())
        assert cited.splitlines()[-1] == f"> — *{review.title}*{expected}"
        assert "/home" not in cited and "/srv" not in cited and ".json" not in cited and ".txt" not in cited


def test_y_cites_the_reviewer_the_subject_the_site_and_the_address_of_every_source_shape() -> None:
    r"""`Y` on a Goodreads review cited `— *The Witch And Other Tales Re-Told*, goodreads\_library\_export.csv`:
    no author of the book, and a file name. A citation says who wrote it (when named by more than
    an id), what it is (a review of a thing: its name, creator, year; a post; a comment on a post),
    the site, the date and the review's address: what a reader would paste into a document."""
    witch = Subject("The Witch And Other Tales Re-Told", "book", 2014, "Jean Thompson", "isbn:9780399170584")
    goodreads = Review(
        "g",
        witch.name,
        "/home/ann/goodreads_library_export.csv",
        ("p",),
        date="2019-02-08",
        format="goodreads",
        subject=witch,
    )
    her = Subject("Her", "film", 2013, ref="letterboxd:https://boxd.it/x")
    letterboxd = Review(
        "l",
        "Her",
        "reviews.csv",
        ("p",),
        author="ann",
        date="2020-06-06",
        url="https://boxd.it/1bCyx7",
        format="letterboxd",
        subject=her,
    )
    spire = Subject("Slay the Spire", "game", 2019, "Mega Crit", "steam:646570")
    profile = "https://steamcommunity.com/profiles/76561198188811849/recommended/646570/"
    steam = Review(
        "s",
        "Great",
        "steam-review_646570.json",
        ("p",),
        author="76561198188811849",
        date="2017-12-27T08:00:32Z",
        format="steam",
        url=profile,
        subject=spire,
    )
    reply = Comment("t1_b", "No.", "cy", parent="t1_a", date="2018-11-03T10:00:00")
    thread = (Comment("t1_a", "Yes.", "bob", date="2018-11-02T10:00:00", replies=(reply,)),)
    reddit = Review(
        "t3",
        "Her (2013): is it weird?",
        "/home/ann/reddit.json",
        ("p",),
        author="op_ann",
        date="2018-11-01T09:30:00+00:00",
        url=REDDIT_POST,
        format="reddit",
        comments=thread,
    )
    item = "https://news.ycombinator.com/item?id=40846428"
    hn = Review("h", "Ask HN: Who is hiring?", "hn.json", ("p",), author="whoishiring", url=item, comments=thread)
    product = Subject("Amazon product 1384719342", "product", ref="asin:1384719342")
    amazon = Review("a", "Jake", "x.json", ("p",), author="Jake", date="2014-02-28", format="amazon", subject=product)
    place = Subject("Yelp business EtKSTHV5Qx_Q7Aur9o4kQQ", "place", ref="yelp:EtKSTHV5Qx_Q7Aur9o4kQQ")
    user = "OyoGAe7OKpv6SyGZT5g77Q"
    yelp = Review("y", "Fine", "review.json", ("p",), author=user, date="2009-10-14", format="yelp", subject=place)
    cafe = replace(yelp, subject=place._replace(name="Café Lumière"))
    at = Anchor("x", paragraph=0)
    cases = [
        (
            goodreads,
            at,
            "Review of *The Witch And Other Tales Re-Told* by Jean Thompson (2014), Goodreads, 2019-02-08, "
            "<https://www.goodreads.com/book/isbn/9780399170584>",  # the book's page, by its ISBN
        ),
        (letterboxd, at, "ann, review of *Her* (2013), Letterboxd, 2020-06-06, <https://boxd.it/1bCyx7>"),
        (steam, at, f"Review of *Slay the Spire* by Mega Crit (2019), Steam, 2017-12-27, <{profile}>"),
        (reddit, at, f"op\\_ann, *Her (2013): is it weird?*, Reddit, 2018-11-01, <{REDDIT_POST}>"),
        (
            reddit,
            Anchor("t3", comment_id="t1_b"),
            f"cy, reply to bob on *Her (2013): is it weird?*, Reddit, 2018-11-03, <{REDDIT_POST}>",
        ),
        (
            hn,
            Anchor("h", comment_id="t1_a"),
            f"bob, comment on *Ask HN: Who is hiring?*, Hacker News, 2018-11-02, <{item}>",
        ),
        (
            amazon,
            at,
            "Jake, review of Amazon product 1384719342, Amazon, 2014-02-28, <https://www.amazon.com/dp/1384719342>",
        ),
        (
            yelp,
            at,
            "Review of Yelp business EtKSTHV5Qx\\_Q7Aur9o4kQQ, Yelp, 2009-10-14, <https://www.yelp.com/biz/EtKSTHV5Qx_Q7Aur9o4kQQ>",
        ),
        (cafe, at, "Review of *Café Lumière*, Yelp, 2009-10-14, <https://www.yelp.com/biz/EtKSTHV5Qx_Q7Aur9o4kQQ>"),
    ]
    for review, anchor, expected in cases:
        assert citation(review, anchor).markdown() == expected, review.format
    plain = (
        "Review of The Witch And Other Tales Re-Told by Jean Thompson (2014), Goodreads, 2019-02-08, "
        "https://www.goodreads.com/book/isbn/9780399170584"
    )
    assert citation(goodreads, at).text() == plain
