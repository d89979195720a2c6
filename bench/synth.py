"""A deterministic synthetic library with the sizes of real review sites.

Each review is drawn from its own `random.Random(seed, number)`, so any slice of the
library can be regenerated in any process without the others: benchmark children
rebuild exactly the same reviews instead of receiving hundreds of megabytes.
Text is assembled from a fixed pool of pseudo-English sentences, which keeps
generation cheap (a few seconds per 100k reviews) while sizes stay realistic:
about 4.5 KB of JSON per review, 3-6 paragraphs, ~10 comments, some nested.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import lru_cache

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Comment, Review

DEFAULT_SEED = 2024
COMMON_WORDS = """
    the film story acting plot scene director camera music ending character actor script
    was is it and but not very really quite just too much more than one of a an in on with
    for to this that by from at as good bad great slow long short funny dark quiet bright
    review watch again never always every second first last year season cast score
"""
SYLLABLES = "ka ri su mo ne ta lo vi ra de on ul sa pe mi ko lu ga tel dris ve lon is ar"
SOURCES = ("synthetic/films", "synthetic/books", "synthetic/games", "synthetic/music")


@lru_cache(maxsize=4)
def _pool(seed: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sentences, author names): fixed per seed, shared by every review."""
    rng = random.Random(seed)
    syllables = SYLLABLES.split()
    rare = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(3000)]
    words = COMMON_WORDS.split() * 8 + rare
    sentences = []
    for _ in range(4000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(6, 22)))
        sentences.append(text[0].upper() + text[1:] + rng.choice(".....!?"))
    authors = tuple(f"{rng.choice(rare).title()} {rng.choice(rare).title()}" for _ in range(5000))
    return tuple(sentences), authors


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _thread(
    rng: random.Random, number: int, sentences: tuple[str, ...], authors: tuple[str, ...]
) -> tuple[Comment, ...]:
    """About 10 comments; roughly a third are replies, up to four levels deep."""
    count = rng.randint(4, 16)
    parents: list[int | None] = []
    depth: list[int] = []
    for index in range(count):
        parent = rng.randrange(index) if index and rng.random() < 0.35 else None
        if parent is not None and depth[parent] >= 3:
            parent = None
        parents.append(parent)
        depth.append(0 if parent is None else depth[parent] + 1)
    ids = [stable_id("synthetic", str(number), str(index)) for index in range(count)]
    bodies = [" ".join(rng.choices(sentences, k=rng.randint(1, 3))) for _ in range(count)]
    built: dict[int, Comment] = {}
    for index in reversed(range(count)):  # children always come after their parent
        replies = tuple(built.pop(child) for child in range(index + 1, count) if parents[child] == index)
        parent = parents[index]
        built[index] = Comment(
            id=ids[index],
            body=bodies[index],
            author=rng.choice(authors),
            parent=None if parent is None else ids[parent],
            date=_date(rng),
            replies=replies,
        )
    return tuple(built[index] for index in range(count) if parents[index] is None)


def review(number: int, seed: int = DEFAULT_SEED) -> Review:
    """Review `number` of the library for `seed`: the same review in every process."""
    sentences, authors = _pool(seed)
    rng = random.Random(seed * 1_000_003 + number)
    paragraphs = tuple(" ".join(rng.choices(sentences, k=rng.randint(2, 6))) for _ in range(rng.randint(3, 6)))
    title = rng.choice(sentences).rstrip(".!?")
    return Review(
        id=stable_id("synthetic", str(seed), str(number)),
        title=title[:70],
        subtitle=rng.choice(sentences)[:60] if rng.random() < 0.2 else None,
        source=f"{rng.choice(SOURCES)}/{number}.json",
        paragraphs=paragraphs,
        author=rng.choice(authors),
        date=_date(rng),
        rating=float(rng.randint(1, 10)) if rng.random() < 0.8 else None,
        url=f"https://reviews.example/{number}",
        format="json",
        comments=_thread(rng, number, sentences, authors),
    )


def reviews(count: int, seed: int = DEFAULT_SEED, start: int = 0) -> Iterator[Review]:
    for number in range(start, start + count):
        yield review(number, seed)


def batches(count: int, size: int, seed: int = DEFAULT_SEED) -> Iterator[list[Review]]:
    """The library in import-sized lists, never more than one list in memory."""
    for start in range(0, count, size):
        yield list(reviews(min(size, count - start), seed, start))
