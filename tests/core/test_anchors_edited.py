"""A note on a paragraph follows it through a small edit (a word fixed or added): the tester fixed
"this was good" to "this was SO good" in a Goodreads export and the note silently detached. A quote
does not follow (its words are no longer said); a paragraph the review already had never takes the
note, however alike."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor, Note, Quote
from tui_reader.core.personal.anchors import SIMILAR_ENOUGH, edited_paragraph, reanchored
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store

HEADER = "Book Id,Title,Author,My Rating,My Review\n"
REVIEW = "Wow! One chapter in, I knew I was going to love it.<br/><br/>Holy cow this was good."


def _export(path: Path, review: str) -> None:
    path.write_text(HEADER + f'2991868,A Beautiful Place to Die,Malla Nunn,5,"{review}"\n7,Other,Someone,3,"Fine."\n')


def test_a_goodreads_review_edited_keeps_its_id_and_its_paragraph_note(tmp_path: Path) -> None:
    source = tmp_path / "goodreads_library_export.csv"
    _export(source, REVIEW)
    store = Store(tmp_path / "data")
    import_paths(store, [source])
    review = next(r for r in store.library.iter_reviews() if r.title.startswith("A Beautiful"))
    at = next(i for i, p in enumerate(review.paragraphs) if "this was good" in p)
    store.user.add_note(Anchor(review.id, paragraph=at, paragraph_text=review.paragraphs[at]), "loved the pace")
    _export(source, REVIEW.replace("this was good", "this was SO good"))
    summary = import_paths(store, [source]).summary_line()
    assert "1 updated" in summary and "no longer in" not in summary and "detached" not in summary
    (note,) = store.user.snapshot().notes
    now = store.library.get(review.id)  # the same id: updated in place
    assert now is not None and not note.detached
    assert now.paragraphs[note.anchor.paragraph or 0] == "Holy cow this was SO good."
    assert note.anchor.paragraph_text == "Holy cow this was SO good."  # the next edit starts from here


def _record(kind: type[Note] | type[Quote], words: str, at: int) -> Note | Quote:
    anchor = Anchor("r", paragraph=at, paragraph_text=words)
    if kind is Note:
        return Note("n", anchor, "mine", "t", "t")
    return Quote("n", anchor, words, "t")


def _after(record: Note | Quote, before: list[str], now: list[str]) -> tuple[int | None, bool]:
    update = reanchored([record], [Review("r", "Post", "a.txt", tuple(now))], {"r": tuple(before)})
    anchor, detached = update.get(record.id, (record.anchor, record.detached))
    return anchor.paragraph, detached


def test_a_quote_on_a_paragraph_edited_a_little_is_detached_a_note_is_not() -> None:
    before = ["Intro here.", "The ending is quite perfect in every way.", "Bye."]
    now = ["Intro here.", "The ending is quite perfect in nearly every way.", "Bye."]
    assert _after(_record(Note, before[1], 1), before, now) == (1, False)
    assert _after(_record(Quote, before[1], 1), before, now)[1]


def test_a_paragraph_the_review_had_never_takes_the_note() -> None:
    """Its paragraph removed, the one below nearly the same words: not an edit of it."""
    before = ["The plot was slow and the acting was fine.", "The plot was slow and the acting was great."]
    now = [before[1]]
    assert _after(_record(Note, before[0], 0), before, now)[1]


def test_too_few_words_to_tell_stays_detached() -> None:
    assert edited_paragraph(["Not great."], "Great.", 0) is None


VOCABULARY = ("the", "plot", "was", "slow", "but", "acting", "cast", "ending")
VOCABULARY += ("music", "fine", "great", "bad", "film", "book", "read")
WORDS = st.sampled_from(VOCABULARY)
SENTENCE = st.lists(WORDS, min_size=10, max_size=30).map(" ".join)
LOREM = st.sampled_from(["lorem", "ipsum", "dolor", "sit", "amet", "consectetur"])
OTHER = st.lists(LOREM, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(OTHER, max_size=5), SENTENCE, st.data())
def test_one_word_fixed_or_added_keeps_the_note_on_its_paragraph(
    others: list[str], noted: str, data: st.DataObject
) -> None:
    words = noted.split()
    where = data.draw(st.integers(0, len(words) - 1))
    new_word = data.draw(st.sampled_from(["SO", "really", "not"]))
    if data.draw(st.booleans()):
        words[where] = new_word  # a word fixed
    else:
        words.insert(where, new_word)  # a word added
    at = data.draw(st.integers(0, len(others)))
    before = [*others[:at], noted, *others[at:]]
    now = [*others[:at], " ".join(words), *others[at:]]
    assert _after(_record(Note, noted, at), before, now) == (at, False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(SENTENCE, OTHER), min_size=1, max_size=6), st.lists(st.one_of(SENTENCE, OTHER), max_size=6))
def test_a_note_is_on_its_words_an_edit_of_them_or_detached(before: list[str], now: list[str]) -> None:
    """Whatever the new paragraphs: attached only to its own words, or to a paragraph the review did
    not have that is clearly alike them."""
    now = now or ["Empty."]
    for at, words in enumerate(before):
        paragraph, detached = _after(_record(Note, words, at), before, now)
        if detached:
            assert words not in now
            continue
        assert paragraph is not None
        if now[paragraph] != words:
            assert now[paragraph] not in before
            tokens = SequenceMatcher(None, words.casefold().split(), now[paragraph].casefold().split())
            assert tokens.ratio() >= SIMILAR_ENOUGH
