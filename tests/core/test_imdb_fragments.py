"""IMDb's review files are HTML fragments (`<br />` for breaks): their character references are
the characters they stand for (`Alt&#305;oklar` was shown raw and `search Altıoklar` found
nothing), while plain text that is no fragment keeps a `&amp;` as typed. And a review of the
dataset links to where it is read: its film's user-comments page, from `urls_*.txt`.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import write
from tui_reader.cli import main
from tui_reader.core.content.text import html_references
from tui_reader.core.importers import parse_file

ADDRESSES = [f"http://www.imdb.com/title/tt00{n:05d}/usercomments" for n in range(12)]


def dataset(root: Path, name: str, text: str) -> Path:
    """A file of the dataset's shape: `train/neg/<id>_<rating>.txt` beside `train/urls_neg.txt`."""
    (root / "train" / "neg").mkdir(parents=True, exist_ok=True)
    (root / "train" / "urls_neg.txt").write_text("\n".join(ADDRESSES) + "\n", encoding="utf-8")
    return write(root / "train" / "neg", name, text)


def test_the_tester_case_references_decoded_and_searchable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dataset(tmp_path, "7_3.txt", "In the bath of Alt&#305;oklar, the surge&#8217;s melody &amp; more.")
    review = parse_file(path).reviews[0]
    assert review.body == "In the bath of Altıoklar, the surge’s melody & more."
    library = str(tmp_path / "lib")
    assert main(["--data-dir", library, "import", str(path)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", library, "search", "-c", "Altıoklar"]) == 0
    assert capsys.readouterr().out.split()[-1] == "1"


def test_a_fragment_with_breaks_is_decoded_wherever_it_is(tmp_path: Path) -> None:
    text = "Laurel &amp; Hardy.<br /><br />Caf&eacute; &#x2014; &#150; T&A; L&H; &notice; AT&T"
    review = parse_file(write(tmp_path, "saved.txt", text)).reviews[0]
    assert review.paragraphs == ("Laurel & Hardy.", "Café — – T&A; L&H; &notice; AT&T")


def test_plain_text_keeps_what_was_typed(tmp_path: Path) -> None:
    text = "Fish &amp; chips, R&D &#305; here.\n\nA second paragraph about it."
    review = parse_file(write(tmp_path, "notes.txt", text)).reviews[0]
    assert review.body == text


REFERENCES = st.one_of(
    st.sampled_from(sorted(name for name in html.entities.html5 if name.endswith(";"))).map(lambda n: "&" + n),
    st.integers(0x20, 0x10FFFF)
    .filter(lambda c: not 0xD800 <= c <= 0xDFFF and not 0x7F <= c <= 0x9F)
    .map(lambda c: f"&#{c};"),
    st.integers(0x20, 0x10FFFF)
    .filter(lambda c: not 0xD800 <= c <= 0xDFFF and not 0x7F <= c <= 0x9F)
    .map(lambda c: f"&#x{c:X};"),
)
PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="&"), max_size=12)


@given(st.lists(st.tuples(PLAIN, REFERENCES), max_size=6), PLAIN)
def test_references_decode_as_html_does(pieces: list[tuple[str, str]], tail: str) -> None:
    text = "".join(plain + reference for plain, reference in pieces) + tail
    assert html_references(text) == html.unescape(text)


@given(st.text(st.sampled_from("&#;xXaAmpnotHT0123456789 <br/>"), max_size=40))
def test_nothing_but_a_whole_reference_changes(text: str) -> None:
    decoded = html_references(text)
    if "&" not in text:
        assert decoded == text
    assert decoded.count("&") <= text.count("&")
    assert len(decoded) <= len(text)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20)
@given(st.integers(0, len(ADDRESSES) - 1), st.integers(1, 10))
def test_a_dataset_review_links_to_its_film_page(tmp_path: Path, number: int, rating: int) -> None:
    review = parse_file(dataset(tmp_path, f"{number}_{rating}.txt", "A film review of some words.")).reviews[0]
    assert (review.url, review.rating) == (ADDRESSES[number], float(rating))


def test_a_review_outside_the_dataset_has_no_link(tmp_path: Path) -> None:
    assert parse_file(write(tmp_path, "3_4.txt", "A review with no address list beside it.")).reviews[0].url is None


def test_notes_and_quotes_on_the_old_raw_words_stay_attached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library imported before references were decoded holds `Alt&#305;oklar`: a note on that
    paragraph and a quote of some of its words follow them when a re-import decodes them."""
    from tui_reader.core.content.user_records import Anchor
    from tui_reader.core.importers import plaintext
    from tui_reader.core.pipeline.importing import import_paths
    from tui_reader.core.store import Store

    path = dataset(tmp_path, "7_3.txt", "Opening words.<br /><br />In the bath of Alt&#305;oklar &amp; more.")
    store = Store(tmp_path / "data")
    with monkeypatch.context() as older:  # the importer as it was: references kept raw
        older.setattr(plaintext, "html_references", lambda text: text)
        import_paths(store, [path])
    review = store.library.get(store.library.column("id")[0])
    assert review is not None and review.paragraphs[1] == "In the bath of Alt&#305;oklar &amp; more."
    store.user.add_note(Anchor(review.id, paragraph=1), "on the bath")
    quoted = "Alt&#305;oklar &amp;"
    store.user.add_quote(Anchor(review.id, paragraph=1, offset=15, quoted=quoted), quoted)
    assert import_paths(store, [path]).updated == 1
    snapshot = store.user.snapshot()
    assert [(r.anchor.paragraph, r.detached) for r in (*snapshot.notes, *snapshot.quotes)] == [(1, False), (1, False)]
    assert snapshot.quotes[0].anchor.offset == len("In the bath of ")
