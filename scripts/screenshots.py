"""Regenerate screenshots/*.svg (`make screenshots`): the reader as a user sees it.

Each shot runs the real app headless (`run_test`) on a throwaway data folder: the
seeds for the main views (reviews of *Her*, as a new library's first run sets them), the
deepest Reddit thread from ../shared/corpora when present (else a generated one) for the
thread view, and for the subjects view the seeds beside the Letterboxd, Goodreads and
Steam exports from ../shared/corpora when present.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui_reader.core.content.models import Comment, Review, walk_comments  # noqa: E402
from tui_reader.core.content.sentences import sentence_spans  # noqa: E402
from tui_reader.core.content.user_records import Anchor  # noqa: E402
from tui_reader.core.importers import parse_file  # noqa: E402
from tui_reader.core.pipeline.seeds import SEEDS_SUBJECT  # noqa: E402
from tui_reader.core.store import Store  # noqa: E402
from tui_reader.ui.app import ReaderApp  # noqa: E402
from tui_reader.ui.state.remembered import UiState, save_state  # noqa: E402

OUT = REPO / "screenshots"
REDDIT = REPO.parent / "shared" / "corpora" / "reddit" / "reddit_comments.json"
SITES = REPO.parent / "shared" / "corpora" / "reviews"
WORDPRESS = REPO.parent / "shared" / "corpora" / "wxr" / "ServiceStackV3+mythz_blog__wordpress-export.xml"
SITE_FILES = ("letterboxd-export/reviews.csv", "goodreads_library_export.csv", "steam-review_646570.json")


def seed_reviews() -> list[Review]:
    """The seeds, with a short source name so the shots do not show this machine's paths."""
    reviews = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        reviews += [replace(r, source=f"seeds/{path.name}") for r in parse_file(path).reviews]
    return reviews


def deep_review() -> Review:
    if REDDIT.is_file():
        reviews = parse_file(REDDIT).reviews
        return replace(max(reviews, key=_depth), source="reddit/reddit_comments.json")
    comment: Comment | None = None
    for depth in range(14, -1, -1):  # a generated chain, depth 14
        replies = (comment,) if comment else ()
        comment = Comment(f"c{depth}", f"A reply at depth {depth}.", f"user{depth}", replies=replies)
    assert comment is not None
    return Review("deep", "A deep thread", "generated", ("Fourteen levels of replies.",), comments=(comment,))


def _depth(review: Review) -> int:
    return max((depth for depth, _ in walk_comments(review.comments)), default=-1)


def store_with(folder: Path, reviews: Sequence[Review], state: UiState | None = None) -> Store:
    """A library of `reviews`; the seeds among them reviews of *Her*, as a new library's first run sets them."""
    store = Store(folder)
    store.library.add(reviews)
    seeds = [review.id for review in reviews if review.source.startswith("seeds/")]
    if seeds:
        store.set_subject(seeds, SEEDS_SUBJECT)
    if state is not None:
        save_state(store.state_path, state)
    return Store(folder)


async def shoot(store: Store, size: tuple[int, int], name: str, keys: Sequence[str] = ()) -> None:
    app = ReaderApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        app.save_screenshot(filename=name, path=str(OUT))
    print(f"wrote screenshots/{name}")


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeds = seed_reviews()
        opened = UiState(review_id=seeds[-1].id, pane="list")
        await shoot(store_with(Path(tmp, "a"), seeds, opened), (140, 40), "main-140x40.svg")
        await shoot(store_with(Path(tmp, "b"), seeds, opened), (140, 40), "help.svg", ["question_mark"])
        await shoot(store_with(Path(tmp, "c"), seeds, opened), (80, 24), "narrow-80x24.svg")
        review = deep_review()
        deepest = max(walk_comments(review.comments), key=lambda pair: pair[0])[1]
        state = UiState(review_id=review.id, pane="thread", comment_id=deepest.id)
        await shoot(store_with(Path(tmp, "d"), [*seeds, review], state), (140, 40), "thread-deep.svg")
        await shoot(with_notes(store_with(Path(tmp, "e"), seeds, opened), seeds), (140, 40), "notes.svg", ["A"])
        await real_data_shots(Path(tmp), seeds)
        reviews = [*seeds, *site_reviews()]
        for name, size in (("subjects-140x40.svg", (140, 40)), ("subjects-80x24.svg", (80, 24))):
            store = with_subjects(store_with(Path(tmp, name), reviews, opened), seeds)
            await shoot(store, size, name, ["S"])


async def real_data_shots(tmp: Path, seeds: Sequence[Review]) -> None:
    """Real content as it reads: a Reddit post's Markdown, a WordPress post's HTML and comments, a site library."""
    if REDDIT.is_file():
        post = max(parse_file(REDDIT).reviews, key=_formatting)
        state = UiState(review_id=post.id, pane="reading")
        await shoot(store_with(tmp / "reddit", [*seeds, post], state), (140, 40), "reddit-140x40.svg")
    if WORDPRESS.is_file():
        posts = parse_file(WORDPRESS).reviews
        post = max(posts, key=lambda r: sum(1 for _ in walk_comments(r.comments)))
        state = UiState(review_id=post.id, pane="reading")
        await shoot(store_with(tmp / "wxr", posts, state), (140, 40), "wordpress-140x40.svg")
    library = site_reviews()
    if library:
        state = UiState(review_id=library[0].id, pane="list")
        await shoot(store_with(tmp / "sites", library, state), (140, 40), "sites-140x40.svg")


def _formatting(review: Review) -> int:
    """How much Markdown a post carries: the Reddit shot shows the one with the most."""
    text = "\n".join(review.paragraphs)
    return sum(text.count(mark) for mark in ("**", "](", "\n>", "\n* ", "\n- "))


def with_notes(store: Store, seeds: Sequence[Review]) -> Store:
    """A note on a paragraph, one on the review, and a quoted first sentence: what `A` lists."""
    first = seeds[0]
    start, end = sentence_spans(first.paragraphs[0])[0]
    sentence = first.paragraphs[0][start:end]
    store.user.add_note(Anchor(first.id, paragraph=0), "The opening claim: check it against the rest.")
    store.user.add_note(Anchor(seeds[-1].id), "Read again before the essay.")
    store.user.add_quote(Anchor(first.id, paragraph=0, offset=start, quoted=sentence), sentence)
    return store


def site_reviews() -> list[Review]:
    """Reviews of films, books and a game from the review-site exports, when ../shared/corpora is here."""
    reviews: list[Review] = []
    for name in SITE_FILES:
        path = SITES / name
        if path.is_file():
            reviews += [replace(r, source=f"corpora/{name}") for r in parse_file(path).reviews]
    return reviews


def with_subjects(store: Store, seeds: Sequence[Review]) -> Store:
    """A note on the first seed: the subjects view's "yours" column."""
    store.user.add_note(Anchor(seeds[0].id), "Compare with the second review's reading of the ending.")
    return store


if __name__ == "__main__":
    asyncio.run(main())
