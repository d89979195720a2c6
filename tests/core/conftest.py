"""Fixtures the core's tests share: the local site the live sources are fetched from, and a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.sources_support import Site
from tui_reader.core.store import Store


@pytest.fixture
def site() -> Iterator[Site]:
    """A site on 127.0.0.1 serving what a test puts on it (`test_sources_cli` also points the CLI at it)."""
    with Site() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")
