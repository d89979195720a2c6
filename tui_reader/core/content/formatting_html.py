"""HTML fragments as formatted blocks (the HTML half of `formatting`): the same blocks,
spans and links as Markdown gives, from html.parser, which never raises on bad HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tui_reader.core.content.formatting import (
    CODE,
    CODE_BLOCK,
    EMPHASIS,
    HEADING,
    LINK,
    PARAGRAPH,
    RULE,
    STRIKE,
    STRONG,
    Block,
    BlockBuilder,
    safe_url,
)

_HTML_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "table",
        "caption",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "address",
    ]
)
_HTML_STYLES = {"em": EMPHASIS, "i": EMPHASIS, "strong": STRONG, "b": STRONG, "code": CODE, "tt": CODE}
_HTML_STYLES |= {"s": STRIKE, "del": STRIKE, "strike": STRIKE}
_WHITESPACE = re.compile(r"\s+")
_HTML_SKIP = frozenset(("script", "style", "template", "noscript", "head", "title"))


class _ListSizes(HTMLParser):
    """How many items each `<ol reversed>` holds, in the order they open (its count starts there)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sizes: list[int] = []
        self.open: list[int] = []  # per open list: its index in `sizes`, or -1 when it is not counted

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ol", "ul"):
            counted = tag == "ol" and any(name == "reversed" for name, _ in attrs)
            self.open.append(len(self.sizes) if counted else -1)
            self.sizes += [0] if counted else []
        elif tag == "li" and self.open and self.open[-1] >= 0:
            self.sizes[self.open[-1]] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.open:
            self.open.pop()


def reversed_list_sizes(fragment: str) -> list[int]:
    """The item counts of the fragment's `<ol reversed>` lists, for `list_numbering`."""
    if "reversed" not in fragment:
        return []
    counter = _ListSizes()
    try:
        counter.feed(fragment)
        counter.close()
    except AssertionError:  # (as `html_blocks`): what was counted stands
        pass
    return counter.sizes


def list_numbering(attrs: list[tuple[str, str | None]], sizes: list[int]) -> tuple[int, int]:
    """(first number, step) of an `<ol>`: its `start` (a list "start at 8" began at 1), counting
    down when `reversed` (it counted up), from its size when it has no start. `sizes`: what
    `reversed_list_sizes` gave, each reversed list taking its own in turn."""
    values = dict(attrs)
    downwards = "reversed" in values
    size = sizes.pop(0) if downwards and sizes else 1
    start = (values.get("start") or "").strip()
    number = int(start) if start.isdigit() and len(start) < 10 else size if downwards else 1
    return number, -1 if downwards else 1


class _HTMLBlocks(HTMLParser):
    def __init__(self, sizes: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = BlockBuilder()
        self.sizes = sizes
        self.skip = 0
        self.pre = 0
        self.heading = False

    def _end(self) -> None:
        if self.pre:
            self.builder.end(CODE_BLOCK, CODE)
        else:
            self.builder.end(PARAGRAPH, HEADING if self.heading else "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        builder = self.builder
        if tag in _HTML_SKIP:
            self.skip += 1
        elif tag == "br":
            builder.add("\n")
        elif tag == "hr":
            self._end()
            builder.end(RULE)
        elif tag == "blockquote":
            self._end()
            builder.quote += 1
        elif tag == "ol":
            self._end()
            builder.ordered(*list_numbering(attrs, self.sizes))
        elif tag == "ul":
            self._end()
            builder.lists.append([])
        elif tag in _HTML_BLOCKS:
            self._end()
            if tag == "li":
                builder.item()
            self.pre += tag == "pre"
            self.heading = tag[0] == "h" and tag[1:].isdigit()
        elif tag in ("td", "th"):
            builder.cell(header=tag == "th")
        elif tag == "tr":
            builder.row_end()  # (a row left open: HTML may omit </tr>)
        elif tag in _HTML_STYLES:
            builder.open(_HTML_STYLES[tag])
        elif tag == "a":
            builder.open(LINK, safe_url(next((v for k, v in attrs if k == "href" and v), "")))
        elif tag == "img":
            alt = next((v for k, v in attrs if k == "alt" and v), "")
            builder.add(alt.strip(), EMPHASIS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        builder = self.builder
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self._end()
            builder.quote = max(0, builder.quote - 1)
        elif tag in ("ul", "ol"):
            self._end()
            if builder.lists:
                builder.lists.pop()
        elif tag in _HTML_BLOCKS:
            self._end()
            self.pre = max(0, self.pre - (tag == "pre"))
            self.heading = False
        elif tag == "th":
            builder.close(STRONG)
        elif tag == "tr":
            builder.row_end()
        elif tag in _HTML_STYLES:
            builder.close(_HTML_STYLES[tag])
        elif tag == "a":
            builder.close(LINK)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.pre:
            data = _WHITESPACE.sub(" ", data)
            if not self.builder.parts or self.builder.parts[-1].endswith(("\n", " ")):
                data = data.lstrip()
        self.builder.add(data)


def html_blocks(fragment: str) -> tuple[Block, ...]:
    parser = _HTMLBlocks(reversed_list_sizes(fragment))
    try:
        parser.feed(fragment)
        parser.close()
    except AssertionError:  # html.parser asserts on some broken markup: keep what was read
        pass
    parser._end()
    return tuple(parser.builder.done)
