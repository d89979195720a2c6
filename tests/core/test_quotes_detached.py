"""Quotes are kept as notes are: a re-import that deletes their comment or passage, or the removal
of their review, marks them detached (shown, listed and exported so), and the text coming back
attaches them again. One pass (`reanchored`) moves both."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tui_reader.cli import main
from tui_reader.core.content.user_records import Anchor, Quote
from tui_reader.core.pipeline.importing import import_paths
from tui_reader.core.store import Store
from tui_reader.core.store.userdata_shape import QUOTES


def write_review(path: Path, comments: list[str]) -> None:
    listing = "".join(f"  {n}. {body}\n\n" for n, body in enumerate(comments, start=1))
    path.write_text("A Title\n\nThe body of it.\n\n\n" + listing, encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def quoted(tmp_path: Path) -> tuple[Path, Store, Quote, Quote]:
    """A review with two comments; one quote on the second comment, one on the review."""
    source = tmp_path / "in" / "review.txt"
    source.parent.mkdir()
    write_review(source, ["One.", "Two is quoted."])
    store = Store(tmp_path / "d")
    import_paths(store, [source])
    review = store.library.get(store.library.column("id")[0])
    assert review is not None
    on_comment = store.user.add_quote(Anchor(review.id, comment_id=review.comments[1].id), "Two is quoted.")
    on_review = store.user.add_quote(Anchor(review.id, paragraph=0), "The body of it.")
    return source, store, on_comment, on_review


def detached(store: Store) -> dict[str, bool]:
    return {quote.text: quote.detached for quote in store.user.snapshot().quotes}


def test_a_deleted_comment_detaches_its_quote_and_its_return_attaches_it(
    quoted: tuple[Path, Store, Quote, Quote],
) -> None:
    source, store, on_comment, _ = quoted
    write_review(source, ["One."])
    import_paths(store, [source])
    assert detached(store) == {"Two is quoted.": True, "The body of it.": False}
    kept = next(q for q in store.user.snapshot().quotes if q.id == on_comment.id)
    assert kept.anchor == on_comment.anchor and kept.text == on_comment.text  # kept as copied
    write_review(source, ["One.", "Two is quoted."])
    import_paths(store, [source])
    assert detached(store) == {"Two is quoted.": False, "The body of it.": False}


def test_a_removed_review_detaches_its_quotes_until_imported_again(
    quoted: tuple[Path, Store, Quote, Quote], capsys: pytest.CaptureFixture[str]
) -> None:
    source, store, _, _ = quoted
    data = str(store.data_dir)
    assert run(capsys, "--data-dir", data, "remove", "--source", str(source))[0] == 0
    assert detached(Store(store.data_dir)) == {"Two is quoted.": True, "The body of it.": True}
    assert run(capsys, "--data-dir", data, "import", str(source))[0] == 0
    assert detached(Store(store.data_dir)) == {"Two is quoted.": False, "The body of it.": False}


def test_the_quotes_listing_and_exports_say_detached(
    quoted: tuple[Path, Store, Quote, Quote], capsys: pytest.CaptureFixture[str]
) -> None:
    source, store, on_comment, _ = quoted
    write_review(source, ["One."])
    import_paths(store, [source])
    data = str(store.data_dir)
    code, out, _ = run(capsys, "--data-dir", data, "quotes")
    lines = {line.split(": ", 1)[1]: line for line in out.splitlines()}
    assert code == 0 and set(lines) == {"Two is quoted.", "The body of it."}
    comment = on_comment.anchor.comment_id or ""
    assert lines["Two is quoted."].endswith(f"A Title › comment {comment[:8]} (detached): Two is quoted.")
    assert "(detached)" not in lines["The body of it."]
    rows = [orjson.loads(line) for line in run(capsys, "--data-dir", data, "quotes", "--json")[1].splitlines()]
    assert {row["text"]: row["detached"] for row in rows} == {"Two is quoted.": True, "The body of it.": False}
    exported = orjson.loads(run(capsys, "--data-dir", data, "export")[1])
    assert {q["text"]: q["detached"] for q in exported["quotes"]} == {"Two is quoted.": True, "The body of it.": False}
    markdown = run(capsys, "--data-dir", data, "export", "--format", "markdown")[1]
    assert markdown.count("**Quote (detached):**") == 1
    assert markdown.index("**Quote (detached):**") < markdown.index("> Two is quoted.")


def test_a_quote_stored_before_the_field_existed_reads_as_attached(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    quote = store.user.add_quote(Anchor("r1", paragraph=0), "old words")
    document = orjson.loads(store.user.path.read_bytes())
    for doc in document[QUOTES].values():
        del doc["detached"]
    store.user.path.write_bytes(orjson.dumps(document))
    kept = Store(tmp_path / "d").user.snapshot().quotes
    assert [(q.id, q.text, q.detached) for q in kept] == [(quote.id, "old words", False)]
