"""A list row's excerpt and a search snippet: the title is left off the excerpt only where it is
the text's own first line or sentence, and a spoiler's words are never shown unasked.

Testers' finds: an Amazon summary "Great" over "Greatest purchase…" listed `est purchase…`
("O" over "Ok for the price." listed `k for the price.`); a Goodreads `[spoiler]the answer is
42[/spoiler]` and a Steam `[spoiler]The king dies[/spoiler]` were listed and found with their
words plain ("Has the answer is 42 in it."), where `show` said `[spoiler: …]`.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tests.core.test_sites_formats import goodreads_csv, goodreads_row
from tui_reader.cli import main
from tui_reader.core.content.excerpts import excerpt_of
from tui_reader.core.content.models import Comment, Review
from tui_reader.core.content.spoilers import masked
from tui_reader.core.search.hits import locate
from tui_reader.core.search.query import parse_query

STEAM_REVIEW = "[h1]Great[/h1] game. [spoiler]The king dies[/spoiler]. [b]10/10[/b]"


def _amazon(tmp_path: Path, summary: str, text: str) -> Review:
    record = {"reviewerID": "A9", "asin": "B000TEST01", "reviewText": text, "overall": 5.0, "summary": summary}
    (review,) = parse_text(tmp_path, "Musical_Instruments_5.json", json.dumps(record) + "\n").reviews
    return review


def _excerpt(review: Review) -> str | None:
    return excerpt_of(review.title, review.paragraphs, review.format, review.spoiler)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        ("Great", "Greatest purchase I made this year. The strings last."),
        ("O", "Ok for the price."),
        ("Broke", "Broke after a week."),
    ],
)
def test_a_summary_the_text_merely_starts_with_keeps_the_text_whole(tmp_path: Path, summary: str, text: str) -> None:
    review = _amazon(tmp_path, summary, text)
    assert review.title == summary
    assert _excerpt(review) == text


def test_a_title_that_is_the_first_sentence_or_line_is_not_said_again() -> None:
    """The plain-text importer titles an untitled review by its first sentence, and untitled posts are
    titled so: the row shows the title, then what comes after it."""
    assert excerpt_of("Loved it.", ("Loved it. The cast is superb.",)) == "The cast is superb."
    assert excerpt_of("Great", ("Great. The strings last.",), "amazon") == "The strings last."
    assert excerpt_of("很好。", ("很好。质量不错",)) == "质量不错"
    assert excerpt_of("A headline", ("A headline\nand the words under it",)) == "and the words under it"
    assert excerpt_of("Great", ("# Great\n\ngame, truly.",), "steam") == "game, truly."


@given(st.text(alphabet="ab .\n", min_size=1, max_size=40), st.integers(min_value=0, max_value=40))
@example("Greatest purchase.", 5)
@example("O k.", 1)
def test_an_excerpt_never_starts_mid_word(text: str, cut: int) -> None:
    """Whatever the title (here any start of the text, the case that cut words), the excerpt is the
    text's words from its start or from a word's start."""
    words = " ".join(text.split())
    excerpt = excerpt_of(text[:cut], (text,), "amazon")
    if excerpt is None:
        return
    at = words.find(excerpt)
    assert at >= 0, (words, excerpt)
    assert at == 0 or not (words[at - 1].isalnum() and words[at].isalnum()), (words, excerpt)


def test_goodreads_and_steam_spoilers_are_hidden_in_the_excerpt(tmp_path: Path) -> None:
    row = goodreads_row("11", "The Hitchhiker's Guide", "Has [spoiler]the answer is 42[/spoiler] in it.")
    csv_text = goodreads_csv([row])
    (book,) = parse_text(tmp_path, "goodreads_library_export.csv", csv_text).reviews
    assert _excerpt(book) == "Has [spoiler] in it."
    steam = Review("s", "Great", "x", (_steam_body(tmp_path),), format="steam")
    assert _excerpt(steam) == "game. [spoiler]. 10/10"


def _steam_body(tmp_path: Path) -> str:
    document = {"success": 1, "reviews": [{"recommendationid": "1", "review": STEAM_REVIEW, "voted_up": True}]}
    (review,) = parse_text(tmp_path, "review_1091500.json", json.dumps(document)).reviews
    assert review.title == "Great"
    return review.body


def _hit(review: Review, query: str) -> tuple[str, list[str]]:
    hit = locate(review, 0, 1, parse_query(query), [], [])
    return hit.snippet, [hit.snippet[start:end] for start, end in hit.spans]


def test_a_snippet_says_a_match_inside_a_spoiler_is_one_and_shows_only_the_words_matched() -> None:
    review = Review("g", "The Hitchhiker's Guide", "x", ("Has >!the answer is 42!< in it.",), format="goodreads")
    assert _hit(review, "answer") == ("Has [spoiler: …answer…] in it.", ["answer"])
    assert _hit(review, '"the answer is 42"') == ("Has [spoiler: the answer is 42] in it.", ["the answer is 42"])


def test_a_snippet_matching_outside_a_spoiler_hides_its_words(tmp_path: Path) -> None:
    steam = Review("s", "Great", "x", (_steam_body(tmp_path),), format="steam")
    assert _hit(steam, "game") == ("Great game. [spoiler]. 10/10", ["game"])
    assert _hit(steam, "king") == ("Great game. [spoiler: …king…]. 10/10", ["king"])
    # No words matched: the opening, as the list row's excerpt (not the title made from its heading, `# Great`)
    assert _hit(steam, "is:spoiler")[0] == "game. [spoiler]. 10/10"


def test_a_reddit_comment_snippet_hides_its_spoiler() -> None:
    comment = Comment("c1", "Snape >!kills Dumbledore!< in book six", "ann")
    review = Review("r", "Books", "x", ("Talk.",), format="reddit", comments=(comment,))
    assert _hit(review, "six") == ("Snape [spoiler] in book six", ["six"])


def test_masking_keeps_spans_on_their_words_and_joins_the_words_shown_by_gaps() -> None:
    text = "a secret one two three end"
    hidden = ((2, 22),)  # "secret one two three"
    shown, spans = masked(text, hidden, [(9, 12), (17, 22), (23, 26)])
    assert shown == "a [spoiler: …one…three] end"
    assert [shown[s:e] for s, e in spans] == ["one", "three", "end"]
    assert masked(text, hidden) == ("a [spoiler] end", ())


def test_list_and_search_say_no_spoiler_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The tester's run: `list --json` and `search answer` printed the hidden words."""
    source = tmp_path / "goodreads_library_export.csv"
    source.write_text(goodreads_csv([goodreads_row("11", "Guide", "Has [spoiler]the answer is 42[/spoiler] in it.")]))
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "import", str(source)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "list", "--json"]) == 0
    assert orjson.loads(capsys.readouterr().out)["excerpt"] == "Has [spoiler] in it."
    assert main(["--data-dir", data, "search", "answer"]) == 0
    assert "Has [spoiler: …answer…] in it." in capsys.readouterr().out
    assert main(["--data-dir", data, "search", "has"]) == 0
    out = capsys.readouterr().out
    assert "Has [spoiler] in it." in out and "42" not in out


def test_a_reimport_mends_an_excerpt_an_older_version_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The excerpt is kept in the catalog at import: a library made before kept listing the spoiler's
    words. Imported again unchanged, the review's row takes the excerpt this version makes (still
    counted unchanged), and keeps it."""
    from tui_reader.core.content import excerpts
    from tui_reader.core.store.library import Library

    review = Review("g", "Guide", "x", ("Has >!the answer is 42!< in it.",), format="goodreads")
    other = Review("h", "Other", "x", ("Plain words.",), format="goodreads")
    with monkeypatch.context() as older:
        older.setattr(excerpts, "excerpt_of", lambda *_: "Has the answer is 42 in it.")
        Library(tmp_path).add([review, other])
    assert Library(tmp_path).summary(0).excerpt == "Has the answer is 42 in it."
    result = Library(tmp_path).add([review, other])
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    library = Library(tmp_path)
    assert [library.summary(n).excerpt for n in range(2)] == ["Has [spoiler] in it.", "Plain words."]
    late = Review("n", "New", "x", ("New >!words!<.",), format="goodreads")
    with monkeypatch.context() as older:  # the same when the import also brings a new review
        older.setattr(excerpts, "excerpt_of", lambda *_: "stale")
        Library(tmp_path).add([review])
    Library(tmp_path).add([review, late])
    library = Library(tmp_path)
    assert [library.summary(n).excerpt for n in range(3)] == ["Has [spoiler] in it.", "Plain words.", "New [spoiler]."]


def test_a_review_its_source_flags_as_all_spoiler_is_hidden_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Goodreads' "Spoiler" column with no `[spoiler]` in the text: the whole review gives the story
    away. Its row says `[spoiler]`, a search shows only the words it matched; a review whose flag its
    marked spoilers explain hides those only."""
    row = goodreads_row("7", "Hamlet", "Everyone dies in the last act. Ophelia drowns.", Spoiler="true")
    source = tmp_path / "goodreads_library_export.csv"
    source.write_text(goodreads_csv([row]))
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "import", str(source)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "list", "--json"]) == 0
    assert orjson.loads(capsys.readouterr().out)["excerpt"] == "[spoiler]"
    assert main(["--data-dir", data, "search", "ophelia"]) == 0
    out = capsys.readouterr().out
    assert "[spoiler: …Ophelia…]" in out and "dies" not in out
    assert main(["--data-dir", data, "search", "hamlet"]) == 0  # the book's title is no spoiler
    assert "Hamlet" in capsys.readouterr().out
    marked = Review("g", "Guide", "x", ("Has >!the answer!< in it.",), format="goodreads", spoiler=True)
    assert _excerpt(marked) == "Has [spoiler] in it."
