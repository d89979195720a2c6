"""The benchmark runs end to end on a tiny library and reports sane, self-consistent figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import report, store_bench, synth
from bench.__main__ import chosen_sections, rows_from_json
from bench.common import Context, Row, SectionResult
from tui_reader.core.content.models import walk_comments
from tui_reader.core.store import Library

REVIEWS = 200


@pytest.fixture(scope="module")
def store_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Context, SectionResult]:
    ctx = Context(REVIEWS, synth.DEFAULT_SEED, tmp_path_factory.mktemp("bench"), repeat=1)
    return ctx, store_bench.run(ctx)


def test_store_section_reports_every_figure(store_run: tuple[Context, SectionResult]) -> None:
    _, result = store_run
    by_name = {row.figure: row for row in result.rows}
    assert {
        "list ready, beyond interpreter and imports",
        "peak RSS, opening the list",
        "one bookmark/note write",
    } <= set(by_name)
    for row in result.rows:
        assert all(isinstance(v, float) for v in (row.ours, row.naive, row.floor)), row
    assert by_name["list ready, beyond interpreter and imports"].target == 0.25
    assert json.loads(json.dumps([row.to_json() for row in result.rows]))  # the results file can hold them


def test_store_section_values_are_sane(store_run: tuple[Context, SectionResult]) -> None:
    _, result = store_run
    opened, written = result.figures["opened"], result.figures["written"]
    for name in ("ours", "naive", "floor"):
        assert opened[name]["count"] == REVIEWS
        # Both are medians of separate runs: on a busy machine their order can flip at 200 reviews.
        assert 0 < opened[name]["interpreter_and_imports_s"] < 30
        assert 0 < opened[name]["ready_from_start_s"] < 30
        assert 0 < opened[name]["peak_rss_mb"] < 2000
        assert 0 < written[name]["write_s"] < 30
    assert opened["ours"]["ready_beyond_imports_in_process_s"] > 0
    assert written["ours"]["writes"] == store_bench.OURS_WRITES


def test_the_three_contenders_hold_the_same_reviews(store_run: tuple[Context, SectionResult]) -> None:
    ctx, result = store_run
    naive = json.loads((ctx.work / "naive.json").read_text(encoding="utf-8"))  # stdlib json: an independent reader
    assert len(naive["_default"]) == REVIEWS
    assert len(naive["bookmarks"]) == 1  # the one naive write landed
    expected_ids = {synth.review(n).id for n in range(REVIEWS)}
    assert {doc["id"] for doc in naive["_default"].values()} == expected_ids
    library = Library(ctx.work / "ours" / "library")
    assert set(library.column("id")) == expected_ids
    titles = {o["first_title"] for o in result.figures["opened"].values()}
    assert titles == {synth.review(0).title}


def test_synthetic_library_is_deterministic_and_realistic() -> None:
    first = [review.to_doc() for review in synth.reviews(50)]
    assert first == [review.to_doc() for review in synth.reviews(50)]
    assert synth.review(7).to_doc() == first[7]  # any review alone, in any process
    assert synth.review(7, seed=1).to_doc() != first[7]
    reviews = list(synth.reviews(400))
    comments = [review.comment_count for review in reviews]
    assert 8 <= sum(comments) / len(comments) <= 12
    assert all(3 <= len(review.paragraphs) <= 6 for review in reviews)
    assert any(depth >= 2 for review in reviews for depth, _ in walk_comments(review.comments))
    assert [len(batch) for batch in synth.batches(450, 200)] == [200, 200, 50]


def test_table_and_targets_from_other_scripts() -> None:
    rows = rows_from_json(
        {"paint_s": 0.3, "open_1000_cold_ms": 200.0, "open_1000_target_ms": 150, "nested": {"n": 3}, "q_ms": {"a": 1}}
    )
    by_name = {row.figure: row for row in rows}
    assert set(by_name) == {"paint_s", "open_1000_cold_ms", "nested.n", "q_ms.a"}
    assert by_name["open_1000_cold_ms"].target == 150.0
    assert by_name["open_1000_cold_ms"].verdict == "MISS"
    assert by_name["paint_s"].unit == "s"
    assert by_name["q_ms.a"].unit == "ms" and by_name["nested.n"].unit == ""
    text = report.table([Row("write", "ms", 2.0, 100.0, 50.0, 20.0)])
    assert "| write" in text and "pass" in text and "0.02" in text


def test_sections_registry() -> None:
    assert chosen_sections(None)[0] == "store"
    assert "search" not in chosen_sections(None)  # opt-in: it builds its own library
    assert chosen_sections("store,search") == ["store", "search"]
    with pytest.raises(SystemExit):
        chosen_sections("nope")


def test_docs_block_is_replaced_in_place(tmp_path: Path) -> None:
    docs = tmp_path / "B.md"
    docs.write_text(f"# B\n\nprose\n\n{report.BEGIN}\nold\n{report.END}\n\nmore prose\n", encoding="utf-8")
    report.update_docs(docs, "new table")
    text = docs.read_text(encoding="utf-8")
    assert "old" not in text and "new table" in text and text.startswith("# B\n\nprose") and "more prose" in text
