"""A whole HTML page (saved review, exported post), whatever its file is called.

One review: the title from <title> or the first <h1>, the text as paragraphs.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from tui_reader.core.content.ids import source_key, stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.importers.common import clean, title_from
from tui_reader.core.importers.html import html_paragraphs, read_text

_START = re.compile(  # XHTML may open with an XML declaration
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


class HTMLImporter:
    """An HTML document (not a fragment: those are plain text with tags)."""

    name = "html"

    def sniff(self, head: str, path: Path) -> bool:
        return _START.match(head) is not None

    def parse(self, text: str, path: Path) -> Parsed:
        body = clean(text)
        match = _TITLE.search(body)
        title = clean(unescape(_TAG.sub("", match[1] or match[2] or ""))) if match else ""
        paragraphs = tuple(html_paragraphs(body, markdown=True))
        if paragraphs and read_text(paragraphs[:1]) == " ".join(title.split()):
            paragraphs = paragraphs[1:]
        if not paragraphs and not title:
            raise InputError(path, "no text in this HTML page")
        review = Review(
            id=stable_id("html", source_key(path)),
            title=" ".join(title.split()) or title_from(read_text(paragraphs), path.stem),
            source=str(path.resolve()),
            paragraphs=paragraphs,
            format=self.name,
        )
        return Parsed(path=str(path), format=self.name, reviews=[review])
