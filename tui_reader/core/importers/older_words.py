"""Words stored by older versions of the importers, read as the importers read the same markup now:
IMDb's character references (`Alt&#305;oklar`), Goodreads' book and author links (`[b:Title|id|…]`).
A note or quote made on the old words follows them to the new ones (`personal.anchors`' loose pass),
as `pipeline.older_ids` keeps the ids older versions gave.
"""

from __future__ import annotations

from tui_reader.core.content.text import html_references


def read_now(words: str) -> str:
    """`words` with the markup older importers kept as text read as it is now (unchanged without it)."""
    if "&" not in words and "[" not in words:
        return words
    from tui_reader.core.importers.goodreads import markup_names  # the CSV readers: only when there is markup

    return markup_names(html_references(words))
