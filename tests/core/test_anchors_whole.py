"""A note on a whole paragraph follows a paragraph of exactly its words: never one that merely
holds them, the nearest of equal ones, and back when its words come back (after an edit or its
review removed and imported again), never by its number alone."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Review
from tui_reader.core.content.user_records import Anchor, Note
from tui_reader.core.personal.anchors import reanchored
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.pipeline.removal import plan_ids, remove
from tui_reader.core.store import Store


def _note(paragraph: int, detached: bool = False, words: str | None = None) -> Note:
    return Note("n", Anchor("r", paragraph=paragraph, paragraph_text=words), "mine", "t", "t", detached)


def _after(note: Note, before: list[str], now: list[str]) -> Note:
    """`note` once `before` is imported again as `now`."""
    update = reanchored([note], [Review("r", "Post", "a.txt", tuple(now))], {"r": tuple(before)})
    if note.id not in update:
        return note
    anchor, detached = update[note.id]
    return note._replace(anchor=anchor, detached=detached)


def _on(note: Note, paragraphs: list[str]) -> str | None:
    """The paragraph the note is attached to, None when detached."""
    return None if note.detached else paragraphs[note.anchor.paragraph or 0]


def test_a_paragraph_that_only_holds_its_words_never_takes_the_note() -> None:
    before, now = ["Intro.", "Great.", "Outro."], ["Intro.", "Not Great. Not at all.", "Great.", "Outro."]
    moved = _after(_note(1), before, now)
    assert (moved.anchor.paragraph, _on(moved, now)) == (2, "Great.")


def test_its_paragraph_removed_detaches_it_though_another_quotes_its_words() -> None:
    before, now = ["Spoilers.", "Loved it.", "The end."], ["Spoilers.", "The end. I have not Loved it. at all"]
    assert _after(_note(1), before, now).detached


def test_among_equal_paragraphs_it_keeps_its_own() -> None:
    before = ["Pros:", "None.", "Cons:", "None."]
    assert _after(_note(3), before, ["Pros:", "None.", "None."]).anchor.paragraph == 2
    assert _after(_note(1), before, ["Pros:", "None.", "None."]).anchor.paragraph == 1
    # one inserted above: the second "None." is still the second, though both are as near
    assert _after(_note(3), before, ["Pros:", "Intro", "None.", "Cons", "None."]).anchor.paragraph == 4


def test_detached_it_comes_back_with_its_words() -> None:
    one, two = ["One.", "Two words here.", "Three."], ["One.", "Three."]
    gone = _after(_note(1), one, two)
    assert gone.detached and gone.anchor.paragraph_text == "Two words here."
    back = _after(gone, two, one)
    assert _on(back, one) == "Two words here."


def test_detached_without_its_words_it_is_never_attached_by_number() -> None:
    assert _after(_note(1, detached=True), ["a", "b"], ["a", "c"]).detached


def test_an_anchor_without_its_words_reads_and_writes_as_before() -> None:
    old = {"review_id": "r", "comment_id": None, "paragraph": 1, "offset": None, "quoted": None}
    assert Anchor.from_doc(old) == Anchor("r", paragraph=1)
    assert Anchor.from_doc(old).to_doc() == old
    assert Anchor.from_doc(Anchor("r", paragraph=1, paragraph_text="x").to_doc()).paragraph_text == "x"


WORDS = ["Great.", "Not Great.", "None.", "Yes.", "Pros:", "Great. Indeed.", "Cons: none."]
PARAGRAPHS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)
EDIT = st.tuples(st.sampled_from(["insert", "delete", "edit", "duplicate"]), st.integers(0, 9), st.sampled_from(WORDS))


def _edited(paragraphs: list[str], edits: list[tuple[str, int, str]]) -> list[str]:
    result = list(paragraphs)
    for kind, at, words in edits:
        where = at % (len(result) + 1)
        if kind == "insert":
            result.insert(where, words)
        elif result and kind == "delete":
            del result[where % len(result)]
        elif result and kind == "edit":
            result[where % len(result)] = words
        elif result:
            result.insert(where, result[where % len(result)])
    return result or ["Empty."]


@settings(max_examples=300, deadline=None)
@given(PARAGRAPHS, st.data(), st.lists(st.lists(EDIT, max_size=4), min_size=1, max_size=3))
def test_a_paragraph_note_is_on_its_own_words_or_detached(
    first: list[str], data: st.DataObject, imports: list[list[tuple[str, int, str]]]
) -> None:
    index = data.draw(st.integers(0, len(first) - 1))
    words, note, before = first[index], _note(index), first
    for edits in imports:
        now = _edited(before, edits)
        old_index, was_attached = note.anchor.paragraph or 0, not note.detached
        note = _after(note, before, now)
        assert note.detached == (words not in now)  # attached iff its exact paragraph is there
        if not note.detached:
            at = note.anchor.paragraph or 0
            assert now[at] == words  # never other words
            equal = [i for i, text in enumerate(now) if text == words]
            was = [i for i, text in enumerate(before) if text == words]
            if was_attached and len(was) == len(equal):
                assert at == equal[was.index(old_index)]  # the same of its equals: order kept
            else:
                assert abs(at - old_index) == min(abs(i - old_index) for i in equal)  # the nearest
        before = now


def _write(path: Path, paragraphs: list[str]) -> None:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _noted(tmp_path: Path, paragraphs: list[str], index: int) -> tuple[Store, Path, str]:
    """A review imported from a text file, a note on paragraph `index` made as an older version
    made it (no words kept on the anchor)."""
    source = tmp_path / "review.txt"
    _write(source, paragraphs)
    store = Store(tmp_path / "data")
    import_paths(store, [source])
    review_id = store.library.column("id")[0]
    assert review_id is not None
    store.user.add_note(Anchor(review_id, paragraph=index), "remember the butler")
    return store, source, review_id


def _where(store: Store, review_id: str) -> tuple[str | None, bool]:
    (note,) = store.user.snapshot().notes
    review = store.library.get(review_id)
    assert review is not None
    return review.paragraphs[note.anchor.paragraph or 0], note.detached


def test_removed_and_imported_again_without_the_paragraph_above_it_follows_its_words(tmp_path: Path) -> None:
    store, source, review_id = _noted(tmp_path, ["Intro here.", "Spoiler: the butler did it.", "Verdict: skip."], 1)
    remove(store, plan_ids(store, [review_id]))
    _write(source, ["Spoiler: the butler did it.", "Verdict: skip."])
    import_paths(store, [source])
    assert _where(store, review_id) == ("Spoiler: the butler did it.", False)


def test_detached_by_an_edit_it_stays_so_when_removed_and_imported_again(tmp_path: Path) -> None:
    store, source, review_id = _noted(tmp_path, ["Intro here.", "Spoiler: the butler did it.", "Verdict: skip."], 1)
    _write(source, ["Intro here.", "Spoiler removed by moderator.", "Verdict: skip."])
    import_paths(store, [source])
    assert _where(store, review_id)[1]
    remove(store, plan_ids(store, [review_id]))
    import_paths(store, [source])
    assert _where(store, review_id)[1]


def test_the_import_says_what_it_detached_and_what_came_back(tmp_path: Path) -> None:
    """A re-import that detached a note said nothing of it: the user found out in `A`, if ever."""
    store, source, _ = _noted(tmp_path, ["Intro here.", "Spoiler: the butler did it.", "Verdict: skip."], 1)
    _write(source, ["Intro here.", "Spoiler removed by moderator.", "Verdict: skip."])
    assert import_paths(store, [source]).summary_line().endswith("; 1 note detached (A lists them)")
    _write(source, ["Intro here.", "Spoiler: the butler did it.", "Verdict: skip."])
    assert import_paths(store, [source]).summary_line().endswith("; 1 note attached again (A lists them)")
    _write(source, ["Spoiler: the butler did it.", "Verdict: skip, again."])  # moved with its words: nothing said
    assert "(A lists them)" not in import_paths(store, [source]).summary_line()


def test_a_quote_moved_up_with_its_paragraph_is_credited_where_it_is_now(tmp_path: Path) -> None:
    """`A` said ¶2 while the Markdown export said "paragraph 3" (the place recorded when copied)."""
    from tui_reader.core.personal.export_markdown import review_documents
    from tui_reader.core.personal.quoting import quote_about

    source = tmp_path / "review.txt"
    _write(source, ["Heading line.", "First alpha.", "Second beta.", "Third gamma."])
    store = Store(tmp_path / "data")
    import_paths(store, [source])
    review = store.library.get(store.library.column("id")[0] or "")
    assert review is not None
    anchor = Anchor(review.id, paragraph=3, paragraph_text="Third gamma.")  # the heading is paragraph 1
    store.user.add_quote(anchor, "Third gamma.", about=quote_about(review, anchor))
    _write(source, ["Heading line.", "Second beta.", "Third gamma."])
    import_paths(store, [source])
    (document,) = review_documents(store, notes_only=True)
    assert "> — paragraph 3\n" in document.body and "paragraph 4" not in document.body


def test_a_detached_paragraph_note_shows_the_words_it_was_made_on(tmp_path: Path) -> None:
    """`**Note (detached):** MYNOTE` alone: what it was about was kept (`paragraph_text`) but never shown."""
    from tui_reader.core.personal.export_markdown import review_documents

    source = tmp_path / "review.txt"
    _write(source, ["Heading line.", "First alpha.", "Second *beta*."])
    store = Store(tmp_path / "data")
    import_paths(store, [source])
    review_id = store.library.column("id")[0] or ""
    store.user.add_note(Anchor(review_id, paragraph=2, paragraph_text="Second *beta*."), "MYNOTE")
    _write(source, ["Heading line.", "First alpha.", "Second gamma."])
    assert import_paths(store, [source]).summary_line().endswith("; 1 note detached (A lists them)")
    (document,) = review_documents(store, notes_only=True)
    said = "*On paragraph 3 as it read when the note was made:* “Second \\*beta\\*.”\n\n**Note (detached):** MYNOTE"
    assert said in document.body


def test_a_removed_review_brought_back_says_its_notes_came_back(tmp_path: Path) -> None:
    """`remove` kept the note aside ("(removed)"); importing the review again attached it without a word."""
    store, source, review_id = _noted(tmp_path, ["Intro here.", "Spoiler: the butler did it.", "Verdict: skip."], 1)
    remove(store, plan_ids(store, [review_id]))
    line = import_paths(store, [source]).summary_line()
    assert line.startswith("imported 1 new") and line.endswith("; 1 note attached again (A lists them)")
    assert "A lists them" not in import_paths(store, [source]).summary_line()  # said once
