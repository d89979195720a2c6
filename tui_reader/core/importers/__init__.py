"""Turn files and folders into reviews.

Importers are tried in detection order by sniffing the decoded text (see `registry`);
plain text is the fallback and matches anything. `--format` picks one by name.
This module stays light: the parsers (XML, HTML, ftfy, ...) load on the first
`parse_file`, so commands that import nothing start fast (start-up tuning kept: docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_reader.core.importers.base import Importer, InputError, Parsed, Skipped

__all__ = ["FORMATS", "FORMAT_NAMES", "Importer", "InputError", "Parsed", "Skipped", "expand", "parse_file"]

# The formats, in detection order: each name with the module and class that read it. The one list:
# `registry.IMPORTERS` is made from it (loading the parsers only then), `--format` lists its names.
FORMATS: tuple[tuple[str, str], ...] = (
    ("tui-reader", "ownjson.OwnJSONImporter"),
    ("wxr", "wxr.WXRImporter"),
    ("disqus", "disqus.DisqusImporter"),
    ("blogger", "blogger.BloggerImporter"),
    ("reddit", "reddit.RedditImporter"),
    ("hackernews", "hackernews.HackerNewsImporter"),
    ("staticman", "staticman.StaticmanImporter"),
    ("goodreads", "goodreads.GoodreadsImporter"),
    ("letterboxd", "letterboxd.LetterboxdImporter"),
    ("steam", "steam.SteamImporter"),
    ("amazon", "amazon.AmazonImporter"),
    ("yelp", "yelp.YelpImporter"),
    ("amazon-text", "amazon_text.AmazonTextImporter"),  # SNAP's `product/productId:` blocks, before any text
    ("table", "tabular.TabularImporter"),
    ("hnpage", "hnpage.HackerNewsPageImporter"),  # a saved HN page, before any HTML page
    ("html", "htmldoc.HTMLImporter"),
    ("text", "plaintext.PlainTextImporter"),
)
FORMAT_NAMES = tuple(name for name, _ in FORMATS)
_FROM_BASE = frozenset({"Importer", "InputError", "Parsed", "Skipped"})


def __getattr__(name: str) -> Any:
    """The models of `base`, loaded on first use: `--format`'s names (the reader's start parses its
    arguments) must not load the import's dataclasses (~3 ms of every start)."""
    if name not in _FROM_BASE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from tui_reader.core.importers import base

    value = getattr(base, name)
    globals()[name] = value
    return value


def parse_file(
    path: Path,
    format_name: str | None = None,
    text_column: str | None = None,
    field_map: Mapping[str, str] | None = None,
) -> Parsed:
    """Read, decode, detect and parse one file (or each member of a zip). Raise InputError with a one-line reason.

    `field_map` maps review fields to a table's columns (`{"subject": "hotelName", "rating": "Stars"}`);
    the fields are `tabular.FIELDS`."""
    from tui_reader.core.importers import registry

    return registry.parse_file(path, format_name, text_column, field_map)


def expand(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Files in the order given, folders recursively in name order; hidden entries skipped."""
    from tui_reader.core.importers import registry

    return registry.expand(paths)
