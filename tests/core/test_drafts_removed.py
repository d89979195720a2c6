"""Drafts on a removed review are kept aside as its notes are: the removal counts them, the title the
review had is remembered for them, and importing the review again brings them back, placed by
their words and said in the import's line. `remove` said nothing of them before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli import main
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.pipeline import removal
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Drafts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsys.readouterr()
    return code, out


def write(path: Path, *paragraphs: str) -> None:
    path.write_text("Title of it\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, str]:
    """A library of one plain-text review (two paragraphs); its data folder, its file, its id."""
    source = tmp_path / "src" / "one.txt"
    source.parent.mkdir()
    write(source, "The first paragraph.", "The second paragraph.")
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", str(data), "import", str(source))[0] == 0
    (review_id,) = Store(data).library.column("id")
    return data, source, review_id


def test_remove_counts_the_drafts_and_keeps_them_with_the_title(
    imported: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _, review_id = imported
    Drafts(data).keep(Anchor(review_id), "half a thought", "Note on the review")
    code, out = run(capsys, "--data-dir", str(data), "remove", "--dry-run", review_id)
    assert code == 0 and out.rstrip().endswith("; 1 draft kept aside")
    code, out = run(capsys, "--data-dir", str(data), "remove", review_id)
    assert code == 0 and out.rstrip().endswith("; 1 draft kept aside")
    assert [draft.text for draft in Drafts(data).all()] == ["half a thought"]  # never destroyed
    assert Store(data).user.removed_titles() == {review_id: "Title of it"}  # to name it in `A` and `notes`


def test_the_counts_are_said_in_one_wording() -> None:
    plan = removal.Plan(("r",), 3, notes=2, quotes=0, bookmarks=1, drafts=1)
    assert removal.yours(plan) == "2 notes, 1 draft, 1 bookmark"
    said = removal.describe(plan, "x.txt")
    assert said == "1 review (3 comments) from x.txt; 2 notes, 1 draft, 1 bookmark kept aside"


def test_a_review_imported_again_brings_its_drafts_back_at_their_words(
    imported: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, source, review_id = imported
    on_second = Anchor(review_id, paragraph=1, paragraph_text="The second paragraph.")
    Drafts(data).keep(on_second, "about the second", "Note on paragraph 2")
    Drafts(data).keep(Anchor(review_id), "about it all", "Note on the review")
    assert run(capsys, "--data-dir", str(data), "remove", review_id)[0] == 0
    write(source, "A paragraph added above.", "The first paragraph.", "The second paragraph.")
    code, out = run(capsys, "--data-dir", str(data), "import", str(source))
    assert code == 0 and "2 drafts back (A lists them)" in out
    assert {draft.text: draft.anchor for draft in Drafts(data).on(review_id)} == {
        "about the second": on_second._replace(paragraph=2),  # followed its words, as a note does
        "about it all": Anchor(review_id),
    }


def test_an_import_says_nothing_of_drafts_on_reviews_never_removed(
    imported: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, source, review_id = imported
    Drafts(data).keep(Anchor(review_id), "typed", "Note on the review")
    other = source.with_name("two.txt")
    write(other, "Another review.")
    code, out = run(capsys, "--data-dir", str(data), "import", str(source.parent))
    assert code == 0 and "draft" not in out
