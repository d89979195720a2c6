"""HTML fragments (WXR bodies, HN and Disqus text) to readable paragraphs.

Entities decoded, tags dropped, links kept as `text (url)`, block quotes as `> ` lines
(the plain-text convention the reader draws as a quote), scripts and styles dropped.
WordPress stores paragraphs as blank lines (its `wpautop` adds the <p> at display
time), so with `newlines=True` a blank line ends a paragraph and a single newline is
a line break; otherwise whitespace collapses as a browser does.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK_TAGS = """p div blockquote li ul ol dl dt dd h1 h2 h3 h4 h5 h6 pre table tr section article header footer
figure figcaption hr address aside nav details summary"""
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SKIP = frozenset(("script", "style", "template", "noscript", "head", "title"))
_ANY_TAG = re.compile(r"<[^>]*>?")
_SPACES = re.compile(r"[ \t\f\v\r]+")
_BREAK = "\x00"  # placeholder for <br> and single newlines while whitespace is collapsed


class _Collector(HTMLParser):
    def __init__(self, newlines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.newlines = newlines
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.quote_depth = 0  # inside <blockquote>: lines start with "> "
        self.links: list[tuple[str, int]] = []  # (href, index in current where its text began)

    def _end_paragraph(self) -> None:
        text = "".join(self.current)
        self.current = []
        if self.pre_depth:
            lines = text.strip("\n")
        else:
            lines = _SPACES.sub(" ", text.replace("\n", " "))
            lines = "\n".join(part.strip() for part in lines.split(_BREAK)).strip("\n ")
        lines = re.sub(r"\n{2,}", "\n", lines)
        if lines.strip():
            if self.quote_depth:  # kept as the plain-text convention the reader draws as a quote
                lines = "\n".join("> " * self.quote_depth + line for line in lines.split("\n"))
            self.paragraphs.append(lines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self.current.append(_BREAK if not self.pre_depth else "\n")
        elif tag in _BLOCK:
            self._end_paragraph()
            if tag == "pre":
                self.pre_depth += 1
            self.quote_depth += tag == "blockquote"
            if tag == "li":
                self.current.append("• ")
        elif tag == "a":
            href = next((value for name, value in attrs if name == "href" and value), "")
            self.links.append((href.strip(), len(self.current)))
        elif tag == "img":
            alt = next((value for name, value in attrs if name == "alt" and value), "")
            if alt.strip():
                self.current.append(f"[{alt.strip()}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self._end_paragraph()
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            start = min(start, len(self.current))
            label = "".join(self.current[start:]).strip()
            if href and not href.lower().startswith(("javascript:", "data:", "#", "mailto:")):
                shown = label.rstrip(".…").removesuffix("...")
                if not label or href.startswith(shown) or label == href:
                    self.current[start:] = [href]
                else:
                    self.current.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.newlines and not self.pre_depth:
            blocks = re.split(r"\n[ \t]*\n", data)
            for index, block in enumerate(blocks):
                if index:
                    self._end_paragraph()
                self.current.append(block.replace("\n", _BREAK))
        else:
            self.current.append(data)


def html_paragraphs(fragment: str, *, newlines: bool = False) -> list[str]:
    """Paragraphs of readable text from an HTML fragment (never raises on bad HTML)."""
    fragment = fragment.replace("\r\n", "\n").replace("\r", "\n").replace(_BREAK, "")
    if "<" not in fragment and "&" not in fragment:
        if newlines:
            blocks = re.split(r"\n[ \t]*\n", fragment)
            cleaned = ("\n".join(_SPACES.sub(" ", line).strip() for line in b.strip().split("\n")) for b in blocks)
            return [block for block in cleaned if block]
        text = _SPACES.sub(" ", fragment.replace("\n", " ")).strip()
        return [text] if text else []
    collector = _Collector(newlines)
    try:
        collector.feed(fragment)
        collector.close()
    except AssertionError:  # html.parser asserts on some broken markup (`<![doctype`): strip tags instead
        return html_paragraphs(html.unescape(_ANY_TAG.sub(" ", fragment)).replace("<", "‹"), newlines=newlines)
    collector._end_paragraph()
    return collector.paragraphs


def html_text(fragment: str, *, newlines: bool = False) -> str:
    """The fragment as one string, paragraphs one blank line apart (comment bodies)."""
    return "\n\n".join(html_paragraphs(fragment, newlines=newlines))
