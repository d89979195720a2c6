"""Markdown and HTML bodies as blocks of plain text with styled spans and links.

Pure: no terminal library. The UI turns the spans into styles itself, so text from a
review is never read as markup; every piece of text goes through `visible` here, so
no control character survives into a block. A block's `text` is exactly what is drawn
(and what search highlights and quotes select); markers, quote bars and indentation
are drawn beside it, never inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from tui_reader.core.content.text import visible

MARKDOWN, HTML, PLAIN = "markdown", "html", "plain"
REDDIT_MARKDOWN = "reddit-markdown"  # Reddit's Markdown: superscript (`^(12)`), links relative to the site
# Markdown with Reddit's spoilers (`>!words!<`), as Steam's `[spoiler]` is stored: elsewhere (WordPress,
# Disqus, HN, notes) `>!` is what its writer typed (`1&gt;!1!&lt;` lost its signs: a Hypothesis find).
SPOILER_MARKDOWN = "markdown-spoilers"
REDDIT_SITE = "https://www.reddit.com"
EMPHASIS, STRONG, CODE, LINK, STRIKE, HEADING = "em", "strong", "code", "link", "strike", "heading"
SPOILER = "spoiler"  # words the writer hid (Reddit's `>!…!<`, Steam's `[spoiler]`)
PARAGRAPH, CODE_BLOCK, RULE = "paragraph", "code_block", "rule"
PRINTED_RULE = "─" * 20  # a rule as `show` prints it (the reader draws one as wide as the pane allows)

# Importer formats whose stored bodies are Markdown (the rest are plain text).
# Reddit caps a body at 40,000 characters; a longer "Markdown" paragraph is a broken or hostile
# export, and parsing a megabyte takes seconds: it is shown as plain text.
MARKDOWN_LIMIT = 200_000
# The one list of importer formats whose stored bodies are Markdown (the rest are plain text): those
# that read HTML (WordPress, Blogger, HN, Disqus, HTML pages, Goodreads, Letterboxd and Steam reviews)
# store it converted to a Markdown subset (`core/importers/html.py`, `markdown=True`), formatted by the
# same renderer; notes are the user's Markdown. A test holds every importer that converts to Markdown
# to this list (`tests/core/test_body_kinds.py`): Blogger's was missing, its Markdown shown raw.
_MARKDOWN_FORMATS = frozenset(
    {"reddit", "note", "wxr", "hackernews", "hnpage", "disqus", "html", "goodreads", "letterboxd", "steam", "blogger"}
    | {"staticman"}  # its messages' HTML and Jekyll's `{% highlight %}` code (`jekyll_liquid`)
)
# The patterns below are compiled at first use (`re`'s cache): `search` lays out no body.
_URL = r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]"


class Span(NamedTuple):
    """A style over text[start:end]; `url` is set for a link."""

    start: int
    end: int
    style: str
    url: str = ""


class Block(NamedTuple):
    """One paragraph, heading, list item, code block or rule."""

    text: str
    kind: str = PARAGRAPH
    spans: tuple[Span, ...] = ()
    marker: str = ""  # "• " or "3. " before a list item's first line
    indent: int = 0  # list nesting: continuation lines line up under the text
    quote: int = 0  # block-quote depth


class Link(NamedTuple):
    text: str
    url: str


def body_kind(format_name: str) -> str:
    """How a review or comment body from this importer is stored."""
    if format_name == "reddit":
        return REDDIT_MARKDOWN
    if format_name in ("steam", "goodreads"):  # their spoiler tags are stored as Reddit's `>!…!<`
        return SPOILER_MARKDOWN
    return MARKDOWN if format_name in _MARKDOWN_FORMATS else PLAIN


@lru_cache(maxsize=4096)  # each pane lays a body out again at every width
def blocks(text: str, kind: str) -> tuple[Block, ...]:
    """The body as blocks; `kind` is MARKDOWN, REDDIT_MARKDOWN, SPOILER_MARKDOWN, HTML or PLAIN. Never
    raises on bad input."""
    if kind in (MARKDOWN, REDDIT_MARKDOWN, SPOILER_MARKDOWN) and len(text) <= MARKDOWN_LIMIT:
        reddit = kind == REDDIT_MARKDOWN
        if not _may_be_markdown(text) and not (reddit and "^" in text):
            return _prose_blocks(text)
        from tui_reader.core.content.formatting_markdown import markdown_blocks  # (as html_blocks, below)

        return markdown_blocks(text, reddit=reddit, spoilers=kind != MARKDOWN)
    if kind == HTML and ("<" in text or "&" in text):
        from tui_reader.core.content.formatting_html import html_blocks  # here: it builds on this module

        return html_blocks(text)
    return tuple(block for part in text.split("\n\n") if part.strip() for block in _plain_blocks(visible(part)))


def plain_text(text: str, kind: str, *, printed: bool = False) -> str:
    """What a reader sees of the body: what quotes select and copies carry. Blocks are a blank
    line apart, as drawn, except list items, one a line. `printed`: as `tui-reader show` prints
    it, where no link can be followed and no style drawn (`printed_block`)."""
    if kind == PLAIN and text.isprintable() and text.strip() and not text.startswith((">", *_BULLETS)):
        return text  # one line, no quote or list mark, nothing to make visible: one block, as it is
    return printed_text(blocks(text, kind)) if printed else joined(blocks(text, kind))


def printed_text(found: Sequence[Block]) -> str:
    """The blocks as `show` prints them and `y` copies them (`printed_block`, `_laid_out`)."""
    return joined([_laid_out(printed_block(block)) for block in found])


def joined(found: Sequence[Block]) -> str:
    """The blocks' text as one string, as `plain_text` gives it (offsets in it are quote mode's)."""
    parts = [found[0].text] if found else []
    for previous, block in pairwise(found):
        parts += [separator(previous, block), block.text]
    return "".join(parts)


def separator(previous: Block, block: Block) -> str:
    """What stands between two blocks in a body's plain text: a blank line, a line end in a list."""
    return "\n" if block.indent and previous.indent else "\n\n"


def same_address(words: str, url: str) -> bool:
    """Whether a link's words are its address (`https://x.org/a` or `x.org/a` for https://x.org/a/):
    then it is said once, in `show` and in the links screen."""

    def bare(address: str) -> str:
        address = address.strip().casefold().removesuffix("/")
        for prefix in ("https://", "http://", "www."):
            address = address.removeprefix(prefix)
        return address

    return bool(words.strip()) and bare(words) == bare(url)


PRINTED_QUOTE_BAR = "> "  # a quote level as `show` prints it (the reader draws "│ ")


def block_prefixes(block: Block, bar: str) -> tuple[str, str]:
    """What goes before a block's first line and before each later one: its quote bars (`bar` a
    level), list indentation and marker. The reader draws by it and `show` prints by it, so both
    show the same structure (a quoted sentence is never read as the commenter's own words)."""
    bars = bar * block.quote
    return bars + " " * (block.indent - len(block.marker)) + block.marker, bars + " " * block.indent


def _laid_out(block: Block) -> Block:
    """The block's text with its prefixes written in, a line each (`show` has no gutter to draw them in)."""
    first, rest = block_prefixes(block, PRINTED_QUOTE_BAR)
    if not first and not rest:
        return block
    lines = block.text.split("\n")
    text = "\n".join((first if row == 0 else rest) + line for row, line in enumerate(lines))
    return block._replace(text=text, spans=())


def printed_block(block: Block) -> Block:
    """The block as plain text says it where nothing can be followed or styled (`show` prints it,
    `y` copies it): its struck-through words between `~~` (printed plain, "~~great~~ awful" said
    "great awful"), and " (address)" after each link whose words are not its address. At one
    place an inner span's end comes first: spans are listed as they close. A rule (`---`), empty
    text in a copy, is drawn: printed empty it was only more blank lines."""
    if block.kind == RULE:
        return block._replace(text=PRINTED_RULE)
    text = block.text
    marks: list[tuple[int, int, int, str]] = []  # (place, 0 for an end and 1 for a start, order, mark)
    for order, span in enumerate(block.spans):
        if span.style == STRIKE:
            marks += [(span.start, 1, -order, "~~"), (span.end, 0, order, "~~")]
        elif span.style == SPOILER:
            marks += [(span.start, 1, -order, "[spoiler: "), (span.end, 0, order, "]")]
        elif span.style == LINK and span.url and not same_address(text[span.start : span.end], span.url):
            marks.append((span.end, 0, order, f" ({span.url})"))
    parts: list[str] = []
    at = 0
    for position, _, _, mark in sorted(marks):
        parts += [text[at:position], mark]
        at = position
    return block._replace(text="".join([*parts, text[at:]])) if marks else block


def _plain_blocks(text: str) -> list[Block]:
    """A plain paragraph, with the conventions plain text (and HTML flattened at import) uses:
    `> ` lines are a quote, `• `/`- `/`* ` lines list items; bare URLs are links."""
    lines = text.strip("\n").split("\n")
    if all(line.startswith(">") for line in lines):
        body = "\n".join(line[1:].removeprefix(" ") for line in lines)
        return [_linked(Block(body, quote=1))]
    if all(line.startswith(_BULLETS) for line in lines):
        return [_linked(Block(line[2:], marker="• ", indent=2)) for line in lines]
    return [_linked(Block(text))]


_BULLETS = ("• ", "- ", "* ")


def _linked(block: Block) -> Block:
    """The block with its bare URLs as links."""
    if "://" not in block.text:
        return block
    spans = tuple(Span(m.start(), m.end(), LINK, m.group()) for m in re.finditer(_URL, block.text))
    return Block(block.text, block.kind, spans, block.marker, block.indent, block.quote)


def links(found: Iterable[Block]) -> list[Link]:
    """The links in reading order, each URL once."""
    seen: dict[str, Link] = {}
    for block in found:
        for span in block.spans:
            if span.style == LINK and span.url and span.url not in seen:
                seen[span.url] = Link(block.text[span.start : span.end] or span.url, span.url)
    return list(seen.values())


# What can start Markdown: most comments have none of it and skip the parser (~0.3 ms each).
_MARKDOWN_HINT = r">!|[*_`\[~\\<&|\t]|^ *(?:[#>+=-]|\d+[.)]| {4})| {2,}$|://|www\."  # (multiline)


CELL_SEPARATOR = " │ "  # between a table row's cells
_BLANK_LINE = r"\n[ \t]*\n"


def _may_be_markdown(text: str) -> bool:
    return re.search(_MARKDOWN_HINT, text, re.MULTILINE) is not None


def _prose_blocks(text: str) -> tuple[Block, ...]:
    """Markdown with no markup in it: paragraphs, their single line ends read as spaces."""
    lines = (filter(None, (line.strip(" \t") for line in part.split("\n"))) for part in re.split(_BLANK_LINE, text))
    parts = (" ".join(part).strip() for part in lines)  # the parser strips a paragraph as str.strip does
    return tuple(Block(visible(part)) for part in parts if part)


def safe_url(url: str) -> str:
    """A URL worth opening: http(s) or mailto only, no controls or spaces."""
    url = visible(url, single_line=True).strip()
    return url if url.lower().startswith(("http://", "https://", "mailto:")) and " " not in url else ""


class BlockBuilder:
    """Collects inline runs into the current block, and finished blocks. A plain class: `search`
    imports this module for its snippets, and no dataclasses (~17 ms with the `inspect` they import)."""

    def __init__(self, *, reddit: bool = False, spoilers: bool = False) -> None:
        self.done: list[Block] = []
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.open_styles: list[tuple[str, int, str]] = []  # style, start, url
        self.size = 0
        self.quote = 0
        self.lists: list[list[int]] = []  # per open list: [next, step, items] or [] for bullets
        self.marker = ""
        self.cells = 0  # table cells begun in the current block (a row)
        self.reddit = reddit  # Reddit's `^(...)`/`^word` (`core/content/superscript.py`) and `/r/...` links
        self.spoilers = spoilers  # Reddit's `>!words!<` (Reddit's and Steam's bodies)
        self.raising = False  # a `^(` is open past the last run of text

    def add(self, text: str, style: str = "") -> None:
        text = visible(text)
        if not text:
            return
        if style:
            self.spans.append(Span(self.size, self.size + len(text), style))
        self.parts.append(text)
        self.size += len(text)

    def open(self, style: str, url: str = "") -> None:
        self.open_styles.append((style, self.size, url))

    def close(self, style: str) -> None:
        for index in range(len(self.open_styles) - 1, -1, -1):
            name, start, url = self.open_styles[index]
            if name == style:
                del self.open_styles[index]
                if self.size > start and (style != LINK or url):
                    self.spans.append(Span(start, self.size, style, url))
                return

    def ordered(self, start: int = 1, step: int = 1) -> None:
        """A numbered list opens, counting from `start` (down when `step` is -1: HTML's `reversed`)."""
        self.lists.append([start, step, 0])

    def item(self, written: str = "") -> None:
        """A list item starts: its first block carries the marker. `written`: the number Markdown
        gave it; a second item written one below the first counts the list down (HTML's
        `reversed`, stored as Markdown), where CommonMark would count up from the first."""
        numbers = self.lists[-1] if self.lists else []
        if not numbers:
            self.marker = "• "
            return
        if numbers[2] == 1 and numbers[1] == 1 and written.isdigit() and int(written) == numbers[0] - 2:
            numbers[0], numbers[1] = int(written), -1
        self.marker = f"{numbers[0]}. "
        numbers[0] += numbers[1]
        numbers[2] += 1

    def cell(self, header: bool) -> None:
        """A table cell starts. A table is one block, a row a line of it, its cells apart (they
        ran together: "NameScore"); a header cell is strong."""
        if self.cells:  # (one space before it: a cell's text may end with one)
            self.add(CELL_SEPARATOR.lstrip() if self.parts and self.parts[-1].endswith(" ") else CELL_SEPARATOR)
        self.cells += 1
        if header:
            self.open(STRONG)

    def row_end(self) -> None:
        """A table row ends: the next one is the block's next line (a table is one block)."""
        if self.cells:
            self._trim_end()
            self.add("\n")
        self.cells = 0

    def _trim_end(self) -> None:
        """Drop the spaces the text so far ends with (a cell's last, before its row's end)."""
        while self.parts and self.parts[-1].endswith(" "):
            kept = self.parts[-1].rstrip(" ")
            self.size -= len(self.parts[-1]) - len(kept)
            self.parts[-1:] = [kept] if kept else []
        self.spans = [span._replace(end=min(span.end, self.size)) for span in self.spans]
        self.open_styles = [(name, min(start, self.size), url) for name, start, url in self.open_styles]

    def end(self, kind: str = PARAGRAPH, extra: str = "") -> None:
        """Finish the current block (kept only when it has text, unless it is a rule)."""
        for name, _start, _url in list(reversed(self.open_styles)):
            self.close(name)
        text = "".join(self.parts)
        stripped = text.rstrip()
        if stripped.strip() or kind == RULE:
            spans = tuple(Span(s.start, min(s.end, len(stripped)), s.style, s.url) for s in self.spans)
            spans = tuple(s for s in spans if s.end > s.start)
            if extra:
                spans += (Span(0, len(stripped), extra),)
            indent = max(0, len(self.lists) - 1) * 2 + (len(self.marker) if self.lists else 0)
            marker, self.marker = self.marker, ""
            self.done.append(Block(stripped, kind, spans, marker, indent, self.quote))
        self.parts, self.spans, self.size, self.cells, self.raising = [], [], 0, 0, False
