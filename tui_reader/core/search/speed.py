"""Shared tricks for the CPU-bound parts (importing, indexing)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made.

    Importing and indexing create reviews, postings lists and tuples by the million,
    none of them in reference cycles; each collection pass re-walks all of them,
    which made an IMDB import a third slower. Reference counting still frees
    everything as usual; the collector resumes (if it was on) afterwards.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
