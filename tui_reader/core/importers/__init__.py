"""Turn files and folders into reviews.

Importers are tried in detection order by sniffing the decoded text (see `registry`);
plain text is the fallback and matches anything. `--format` picks one by name.
This module stays light: the parsers (XML, HTML, ftfy, ...) load on the first
`parse_file`, so commands that do not import anything start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from tui_reader.core.importers.base import Importer, InputError, Parsed, Skipped

__all__ = ["FORMAT_NAMES", "Importer", "InputError", "Parsed", "Skipped", "expand", "parse_file"]

# Detection order; `registry.IMPORTERS` holds the same names (a test checks).
FORMAT_NAMES = (
    "tui-reader",
    "wxr",
    "disqus",
    "reddit",
    "hackernews",
    "staticman",
    "goodreads",
    "letterboxd",
    "steam",
    "amazon",
    "yelp",
    "table",
    "hnpage",
    "html",
    "text",
)


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
