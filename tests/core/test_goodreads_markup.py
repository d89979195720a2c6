"""Goodreads' review markup is read, not shown: `[b:Title|id|…]` is the book's title and
`[a:Name|id|…]` the author's name, each linked to its page; `[bookcover:Title|id]` the title;
`[spoiler]…[/spoiler]` (and `<spoiler>`) marks hidden words and the review as a spoiler.

"Race After Technology" showed `[b:Algorithms of Oppression: How Search Engines Reinforce
Racism|34762552|…|Safiya Umoja Noble|https://i.gr-assets.com/…jpg|55962260]` as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import parse_text
from tests.core.test_sites_formats import goodreads_csv, goodreads_row
from tui_reader.core.content.formatting import body_kind, plain_text
from tui_reader.core.importers.common import clean
from tui_reader.core.importers.goodreads import review_html

NOBLE = (
    "(most recently [b:Algorithms of Oppression: How Search Engines Reinforce Racism|34762552|Algorithms of "
    "Oppression  How Search Engines Reinforce Racism|Safiya Umoja Noble|https://i.gr-assets.com/images/S/"
    "compressed.photo.goodreads.com/books/1496860787l/34762552._SX50_.jpg|55962260]), and "
    "[a:Ruha Benjamin|7223406|Ruha Benjamin|https://images.gr-assets.com/authors/1.jpg] writes well."
)


def _read(tmp_path: Path, review: str) -> tuple[str, str, bool]:
    parsed = parse_text(tmp_path, "goodreads_library_export.csv", goodreads_csv([goodreads_row("9", "Race", review)]))
    (found,) = parsed.reviews
    return found.body, plain_text(found.body, body_kind(found.format)), found.spoiler


def test_the_tester_case_book_and_author_read_as_names(tmp_path: Path) -> None:
    body, shown, spoiler = _read(tmp_path, NOBLE)
    assert shown == (
        "(most recently Algorithms of Oppression: How Search Engines Reinforce Racism), and Ruha Benjamin writes well."
    )
    assert "https://www.goodreads.com/book/show/34762552" in body
    assert "https://www.goodreads.com/author/show/7223406" in body
    assert "gr-assets" not in body and not spoiler


def test_a_cover_reads_as_its_title(tmp_path: Path) -> None:
    assert _read(tmp_path, "Look: [bookcover:Dune|234225] it is.")[1] == "Look: Dune it is."


def test_spoiler_tags_of_both_forms_mark_the_review(tmp_path: Path) -> None:
    for written in ("It ends [spoiler]badly[/spoiler].", "It ends <spoiler>badly</spoiler>."):
        body, _, spoiler = _read(tmp_path, written)
        assert spoiler and "[spoiler]" not in body and "badly" in body


def test_hidden_words_are_hidden_where_they_are_read_not_shown_as_marks(tmp_path: Path) -> None:
    """Stored as `>!badly!<`, they read `>!badly!<` in the pane: Goodreads' bodies are laid out
    with spoilers, as Steam's are."""
    from tui_reader.core.content.formatting import SPOILER, blocks

    body, shown, _ = _read(tmp_path, "It ends [spoiler]badly[/spoiler].")
    assert ">!" not in shown and "!<" not in shown and "badly" in shown
    (block,) = blocks(body, body_kind("goodreads"))
    hidden = [block.text[span.start : span.end] for span in block.spans if span.style == SPOILER]
    assert hidden == ["badly"]


def test_brackets_that_are_not_the_markup_stay(tmp_path: Path) -> None:
    written = "A [b:note without an id] and [a:x|not digits] and [sic] stay."
    assert _read(tmp_path, written)[1] == written


# A field holds no `|` (Goodreads separates fields with it); brackets come in pairs.
_PLAIN = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="|[]&<\\"), max_size=15
)
TITLES = st.lists(st.one_of(_PLAIN, _PLAIN.map(lambda words: f"[{words}]")), min_size=1, max_size=3).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["b", "a", "bookcover"]),
    title=TITLES.filter(lambda title: title.strip()),
    number=st.integers(1, 10**9),
    more=st.lists(TITLES, max_size=4),
    after=_PLAIN,
)
def test_any_title_reads_as_itself(kind: str, title: str, number: int, more: list[str], after: str) -> None:
    tag = f"[{kind}:{title}|{number}{''.join('|' + field for field in more)}]"
    html, spoiler = review_html(f"See {tag} then [a:Second One|7|x]{after}")
    assert tag not in html and "[a:Second One" not in html and not spoiler
    assert f'/show/{number}">{title.strip()}</a>' in html
    assert html.endswith(f'/author/show/7">Second One</a>{after}')


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TITLES.filter(lambda title: title.strip()), number=st.integers(1, 10**9))
def test_any_title_is_shown_as_written(tmp_path: Path, title: str, number: int) -> None:
    shown = _read(tmp_path, f"Before [b:{title}|{number}|{title}|Someone|https://x.invalid/c.jpg|5] after.")[1]
    assert " ".join(shown.split()) == " ".join(clean(f"Before {title} after.").split())  # mojibake repaired


def test_notes_and_quotes_on_the_old_raw_markup_stay_attached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library imported when the markup was kept as text: a note on its paragraph and a quote
    of words around it, as read then, follow them when a re-import reads the markup."""
    from tui_reader.core.content.user_records import Anchor
    from tui_reader.core.importers import goodreads
    from tui_reader.core.pipeline.importing import import_paths
    from tui_reader.core.store import Store

    path = tmp_path / "goodreads_library_export.csv"
    path.write_text(goodreads_csv([goodreads_row("9", "Race", f"First words.<br/><br/>{NOBLE}")]), encoding="utf-8")
    store = Store(tmp_path / "data")
    with monkeypatch.context() as older:  # the importer as it was: the markup kept as text
        older.setattr(goodreads, "review_html", lambda text: (text, False))
        import_paths(store, [path])
    review = store.library.get(store.library.column("id")[0])
    assert review is not None and "\\[b:Algorithms" in review.paragraphs[1]
    shown = plain_text(review.paragraphs[1], body_kind(review.format))
    quoted = shown[: shown.index("]") + 6]  # `(most recently [b:Algorithms…|…|55962260]), and`
    store.user.add_note(Anchor(review.id, paragraph=1), "on the books")
    store.user.add_quote(Anchor(review.id, paragraph=1, offset=0, quoted=quoted), quoted)
    assert import_paths(store, [path]).updated == 1
    snapshot = store.user.snapshot()
    assert [(r.anchor.paragraph, r.detached) for r in (*snapshot.notes, *snapshot.quotes)] == [(1, False), (1, False)]
