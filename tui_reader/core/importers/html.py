"""HTML fragments (WXR bodies, HN and Disqus text) to readable paragraphs.

One converter, two outputs. `markdown=True` (bodies the reader formats): a small, well-defined
Markdown subset — `**strong**`, `*em*`, `` `code` ``, fenced `<pre>`, `> ` quotes, `- `/`1. `
lists, `#` headings, `---` rules, links as `[text](url)`, images as `[alt]` — and every other
character of the text escaped, so the Markdown renderer shows exactly the HTML's visible text.
Markdown rather than keeping raw HTML: the stored text stays readable in `show`/exports, search
tokens are the words (`\\w+` never sees `**`; intraword `_` is not escaped), and quotes and notes
anchor in `plain_text`, which the Markdown renderer already gives. `markdown=False` (titles,
names, tabular fields): plain text, links as `text (url)`, quotes as `> ` lines, items as `• `.

WordPress stores paragraphs as blank lines (its `wpautop` adds the <p> at display time), so with
`newlines=True` a blank line ends a paragraph and a single newline is a line break; otherwise
whitespace collapses as a browser does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from tui_reader.core.content.formatting import CELL_SEPARATOR, MARKDOWN, SPOILER_MARKDOWN, plain_text
from tui_reader.core.content.formatting_html import list_numbering, reversed_list_sizes
from tui_reader.core.content.text import without_controls
from tui_reader.core.importers.embeds import embeds_as_links

_BLOCK_TAGS = """p div blockquote li ul ol dl dt dd h1 h2 h3 h4 h5 h6 pre table caption section article header footer
figure figcaption hr address aside nav details summary"""
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SKIP = frozenset(("script", "style", "template", "noscript", "head", "title"))
_ANY_TAG = re.compile(r"<[^>]*>?")
_SPACES = re.compile(r"[ \t\f\v\r]+")
_BREAK = "\x00"  # placeholder for <br> and single newlines while whitespace is collapsed
# Emphasis delimiters are placeholders until a paragraph ends: whitespace is moved outside them,
# empty pairs dropped, and a paragraph whose emphasis the renderer would not read as such
# (CommonMark's flanking rules) keeps its words without it.
_OPENERS = {"em": "\x01", "i": "\x01", "strong": "\x03", "b": "\x03", "del": "\x05", "s": "\x05", "strike": "\x05"}
_OPENERS["spoiler"] = "\x07"  # (Steam's `[spoiler]`, read as HTML: stored as Reddit's `>!…!<`)
_CLOSERS = {tag: chr(ord(mark) + 1) for tag, mark in _OPENERS.items()}
_DELIMITERS = {
    "\x01": "*",
    "\x02": "*",
    "\x03": "**",
    "\x04": "**",
    "\x05": "~~",
    "\x06": "~~",
    "\x07": ">!",
    "\x08": "!<",
}
_NO_DELIMITERS = str.maketrans(dict.fromkeys("\x01\x02\x03\x04\x05\x06\x07\x08", ""))
_MARKED = str.maketrans(_DELIMITERS)


def _has_delimiter(text: str) -> bool:
    """Whether an emphasis placeholder is in `text`: eight substring scans (~1 µs for 5 KB) where a
    regex search or `translate` walks every character in Python-level steps (20–500 µs for
    accented text); they ran on every fragment and every line."""
    return any(mark in text for mark in _DELIMITERS)


def _bare(text: str) -> str:
    """`text` without emphasis placeholders."""
    return text.translate(_NO_DELIMITERS) if _has_delimiter(text) else text


# `!` then `[` outside code spans and escapes (read left to right: `\\!` and `` `![` `` stay as they are)
_IMAGE_OPENER = re.compile(r"\\.|(`+).*?(?<!`)\1(?!`)|!\[", re.S)
_SPACE_AFTER_OPENER = re.compile(r"([\x01\x03\x05\x07]+)([ \t\n\x00]+)")
_SPACE_BEFORE_CLOSER = re.compile(r"([ \t\n\x00]+)([\x02\x04\x06\x08]+)")
_EMPTY_PAIR = re.compile(r"\x01\x02|\x03\x04|\x05\x06|\x07\x08")
_SPOILER_AT_LINE_START = re.compile(r"^>!", re.MULTILINE)  # a `>` there would open a block quote
_CODE_TAGS = frozenset(("code", "kbd", "tt", "samp"))
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Markdown punctuation in text; `_` only where it could start or end emphasis (not inside a word).
# `&` only before what reads as an entity, `<` only before what could open an autolink.
_ESCAPE = re.compile(r"[\\`*\[\]~|]|&(?=#?\w+;)|<(?=[A-Za-z])|(?<![^\W_])_|_(?![^\W_])")
# A `> ` line stays a quote: the convention HN and mail-style comments quote with.
_LINE_START = re.compile(r"^([#+=-]|\d+(?=[.)]))")
_NOT_LINKED = ("javascript:", "data:", "#", "mailto:", "vbscript:", "file:")


def _escaped(text: str) -> str:
    return _ESCAPE.sub(lambda match: "\\" + match.group(), text)


def _line_escaped(line: str) -> str:
    """A line's start that Markdown would read as a heading, list item or rule, escaped (emphasis
    placeholders are looked through: `**1**.` starts a list as `1.` does)."""
    match = _LINE_START.match(_bare(line))
    if match is None:
        return line
    kept = [index for index, char in enumerate(line) if char not in _DELIMITERS]
    at = kept[match.end()] if match.group()[0].isdigit() else kept[0]  # before the `.`/`)` or the sign
    return line[:at] + "\\" + line[at:]


def _code_span(raw: str) -> str:
    raw = _bare(raw).replace(_BREAK, " ")
    text = " ".join(raw.split())
    if not text:
        return " " if raw else ""  # `<code> </code>` between words still parts them
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    before, after = (" " if raw[:1].isspace() else ""), (" " if raw[-1:].isspace() else "")  # spaces stay outside
    return f"{before}{fence}{pad}{text}{pad}{fence}{after}"


def _fenced(code: str) -> str:
    """A Markdown code block: a fence longer than any run of backticks inside it."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`{3,}", code)), default=0) + 1)
    return f"{fence}\n{code}\n{fence}"


def _destination(href: str) -> str:
    """A link's URL as a Markdown destination: spaces and angle brackets encoded, parentheses escaped."""
    href = re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", href)
    return re.sub(r"[()\\]", lambda m: "\\" + m.group(), href)


class _Collector(HTMLParser):
    def __init__(self, newlines: bool, markdown: bool, sizes: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.sizes = sizes  # item counts of the `<ol reversed>` lists, in order (`list_numbering`)
        self.newlines = newlines
        self.markdown = markdown
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.quote_depth = 0  # inside <blockquote>: lines start with "> "
        self.links: list[tuple[str, int]] = []  # (href, index in current where its text began)
        self.codes: list[int] = []  # where each open <code> began in current
        self.heading = 0
        self.last_code = (-2, "")  # the last code span: its index in current and its text
        self.lists: list[list[int]] = []  # per open list: [next number, step, items], or [] for bullets
        self.widths: list[int] = []  # per open list item: its marker's width (nested items indent by these)
        self.marker = ""  # the open list item's marker, until its first line is written
        self.list_lines: list[str] = []
        self.cells = 0  # table cells begun in the current paragraph (a row)
        self.tables = 0  # open <table>s: the newlines between their tags break no line (as wpautop)

    def _end_paragraph(self) -> None:
        text = "".join(self.current)
        self.current, self.last_code, self.cells = [], (-2, ""), 0
        if self.pre_depth:
            lines = text.strip("\n")
            if self.markdown and lines.strip():
                lines = _fenced(_bare(lines))
        elif self.markdown:
            lines = self._markdown_lines(text)
        else:
            lines = _SPACES.sub(" ", text.replace("\n", " "))
            lines = "\n".join(part.strip() for part in lines.split(_BREAK)).strip("\n ")
        lines = re.sub(r"\n{2,}", "\n", lines) if not self.pre_depth else lines
        if lines.strip():
            self._write(lines.split("\n"))

    def _markdown_lines(self, text: str) -> str:
        text = _SPACES.sub(" ", text.replace("\n", " "))
        if _has_delimiter(text):
            for _ in range(3):  # (a pair emptied by the spaces moved out of it goes on the next round)
                moved = _SPACE_AFTER_OPENER.sub(r"\2\1", _SPACE_BEFORE_CLOSER.sub(r"\2\1", _EMPTY_PAIR.sub("", text)))
                if moved == text:
                    break
                text = moved
            text = _SPACES.sub(" ", text)  # the spaces moved out beside others ("is  >!the king!< .")
        parts = [part.strip() for part in text.split(_BREAK)]
        parts = [_line_escaped(part) for part in parts if _bare(part).strip()]
        joiner = " " if self.heading else "\\\n"
        body = joiner.join(parts)
        marked = body.translate(_MARKED) if _has_delimiter(body) else body
        marked = _SPOILER_AT_LINE_START.sub(r"\\>!", marked) if ">!" in marked else marked
        if marked != body:
            bare = _bare(body)
            # (its `>!…!<` are Steam's spoilers, written here: read as the Steam reader reads them)
            if " ".join(plain_text(marked, SPOILER_MARKDOWN).split()) != " ".join(plain_text(bare, MARKDOWN).split()):
                marked = bare  # delimiters the renderer would show as text: the words without them
        # A `!` before a link is text: `![` would be an image. In a code span it is shown as it is.
        marked = _IMAGE_OPENER.sub(lambda match: "\\![" if match.group() == "![" else match.group(), marked)
        if self.heading and marked:
            marked = "#" * self.heading + " " + marked
        return marked

    def _write(self, lines: list[str]) -> None:
        """A finished paragraph: inside a list its lines join the list, else it is a paragraph."""
        if self.markdown and self.lists:
            indent = " " * sum(self.widths[:-1])
            for line in lines:
                prefix, self.marker = indent + (self.marker or " " * (self.widths[-1] if self.widths else 0)), ""
                self.list_lines.append(self._quoted(prefix + line))
            return
        if not self.markdown and self.marker:
            lines[0], self.marker = self.marker + lines[0], ""
        self.paragraphs.append("\n".join(self._quoted(line) for line in lines))

    def _quoted(self, line: str) -> str:
        return "> " * self.quote_depth + line if self.quote_depth else line

    def _list_starts(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_paragraph()
        self.lists.append([*list_numbering(attrs, self.sizes), 0] if tag == "ol" else [])

    def _list_ends(self) -> None:
        self._end_paragraph()
        if self.lists:
            self.lists.pop()
        if self.widths and len(self.widths) > len(self.lists):
            self.widths.pop()
        if not self.lists and self.list_lines:
            self.paragraphs.append("\n".join(self.list_lines))
            self.list_lines = []

    def _item_starts(self) -> None:
        self._end_paragraph()
        if not self.markdown:
            self.marker = "• "
            return
        if not self.lists:
            self.lists.append([])
        numbers = self.lists[-1]
        self.marker = f"{numbers[0]}. " if numbers else "- "
        if numbers and numbers[0] != 1 and self.list_lines and numbers[2] == 0:
            self.list_lines.append(self._quoted(""))  # only a list from 1 may interrupt its item's text
        if numbers:
            numbers[0] = max(0, numbers[0] + numbers[1])  # (Markdown has no negative numbers)
            numbers[2] += 1
        del self.widths[len(self.lists) - 1 :]
        self.widths.append(len(self.marker))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self.current.append(_BREAK if not self.pre_depth else "\n")
        elif self.markdown and tag in ("ul", "ol"):
            self._list_starts(tag, attrs)
        elif tag == "li":
            self._item_starts()
        elif tag in _BLOCK:
            self._end_paragraph()
            if tag == "pre":
                self.pre_depth += 1
            self.quote_depth += tag == "blockquote"
            self.tables += tag == "table"
            self.heading = _HEADINGS.get(tag, 0)
            if tag == "hr" and self.markdown:
                self.paragraphs.append(self._quoted("---"))
        elif tag in ("td", "th") and not self.pre_depth:
            self._cell_starts(tag)
        elif tag == "tr":
            self._row_ends()  # (a row left open: HTML may omit </tr>)
        elif tag == "a":
            href = next((value for name, value in attrs if name == "href" and value), "")
            nested = self.markdown and self.links  # a link inside a link (invalid HTML) is its text
            self.links.append(("" if nested else href.strip(), len(self.current)))
        elif tag == "img":
            alt = next((value for name, value in attrs if name == "alt" and value), "")
            if alt.strip():
                shown = f"[{alt.strip()}]"
                self.current.append(_escaped(shown) if self.markdown and not self.codes else shown)
        elif self.markdown and not self.pre_depth and tag in _CODE_TAGS:
            self.codes.append(-1 if self.codes else len(self.current))  # -1: nested, the outer one wraps it
        elif self.markdown and not self.pre_depth and not self.codes and tag in _OPENERS:
            self.current.append(_OPENERS[tag])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)
            if tag not in ("br", "img", "hr"):
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.markdown and tag in ("ul", "ol"):
            self._list_ends()
        elif tag in _BLOCK:
            self._end_paragraph()
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            self.tables = max(0, self.tables - (tag == "table"))
            self.heading = 0
        elif tag == "th" and self.markdown and not self.pre_depth and not self.codes:
            self.current.append(_CLOSERS["strong"])
        elif tag == "tr":
            self._row_ends()
        elif tag == "a" and self.links:
            self._link_ends(*self.links.pop())
        elif self.markdown and tag in _CODE_TAGS and self.codes:
            start = self.codes.pop()
            if start >= 0 and _BREAK in "".join(self.current[start:]).strip(_BREAK + " \t\n"):
                self._code_block(start)
            elif start >= 0:
                content = "".join(self.current[start:])
                previous, raw = self.last_code
                if start == previous + 1 and start <= len(
                    self.current
                ):  # adjacent spans: one span (backticks would merge)
                    start, content = previous, raw + content
                self.current[start:] = [_code_span(content)]
                self.last_code = (start, content)
        elif self.markdown and tag in _CLOSERS and not self.codes and not self.pre_depth:
            self.current.append(_CLOSERS[tag])

    def _code_block(self, start: int) -> None:
        """A `<code>` holding line breaks (`<code>{<br>  "key": 1<br>}</code>`: how Disqus, and
        editors with no `<pre>`, keep pasted code) is a code block, its lines and their indentation
        kept: a code span ran them into one line."""
        lines = _bare("".join(self.current[start:])).split(_BREAK)
        del self.current[start:]
        self._end_paragraph()
        body = "\n".join(line.rstrip() for line in lines).strip("\n")
        self._write(_fenced(body).split("\n"))

    def _row_ends(self) -> None:
        if self.cells:
            self.current.append(_BREAK)
        self.cells = 0

    def _cell_starts(self, tag: str) -> None:
        """A table is a paragraph, a row a line of it, its cells apart (` │ `, as the reader draws
        a Markdown table's) and header cells strong: cells ran together ("NameScore")."""
        if self.cells:
            self.current.append(CELL_SEPARATOR)
        self.cells += 1
        if tag == "th" and self.markdown and not self.codes:
            self.current.append(_OPENERS["strong"])

    def _link_ends(self, href: str, start: int) -> None:
        start = min(start, len(self.current))
        label = "".join(self.current[start:]).strip()
        if not href or href.lower().startswith(_NOT_LINKED) or self.codes or self.pre_depth:
            return
        bare = _bare(label).replace("\\", "") if self.markdown else label
        shown = bare.rstrip(".…").removesuffix("...")  # an address shown cut short is the address
        if not label or (shown and href.startswith(shown)) or bare == href:  # (a label of dots is a label)
            self.current[start:] = [_escaped(href) if self.markdown else href]
        elif self.markdown:
            self.current[start:] = ["[", *self.current[start:], "](" + _destination(href) + ")"]
        else:
            self.current.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.markdown and not self.pre_depth and not self.codes:
            data = _escaped(data)
        if self.newlines and not self.pre_depth and not (self.tables and not data.strip()):
            blocks = re.split(r"\n[ \t]*\n", data)
            for index, block in enumerate(blocks):
                if index:
                    self._end_paragraph()
                self.current.append(block.replace("\n", _BREAK))
        else:
            self.current.append(data)

    def finish(self) -> list[str]:
        self._end_paragraph()
        while self.markdown and self.lists:
            self._list_ends()
        return self.paragraphs


def html_paragraphs(fragment: str, *, newlines: bool = False, markdown: bool = False) -> list[str]:
    """Paragraphs of the fragment: Markdown with `markdown=True`, else plain text (never raises on bad HTML).

    The fragment's controls go first (`without_controls`, as every importer's text): an ESC in a
    comment (WordPress's REST API, feeds) was stored, and a control could pass for a placeholder."""
    fragment = without_controls(fragment)
    if "<" not in fragment and "&" not in fragment and not markdown:
        if newlines:
            blocks = re.split(r"\n[ \t]*\n", fragment)
            cleaned = ("\n".join(_SPACES.sub(" ", line).strip() for line in b.strip().split("\n")) for b in blocks)
            return [block for block in cleaned if block]
        text = _SPACES.sub(" ", fragment.replace("\n", " ")).strip()
        return [text] if text else []
    fragment = embeds_as_links(fragment)
    collector = _Collector(newlines, markdown, reversed_list_sizes(fragment))
    try:
        collector.feed(fragment)
        collector.close()
    except AssertionError:  # html.parser asserts on some broken markup (`<![doctype`): strip tags instead
        stripped = html.unescape(_ANY_TAG.sub(" ", fragment)).replace("<", "‹")
        return html_paragraphs(stripped, newlines=newlines, markdown=markdown)
    return collector.finish()


def html_text(fragment: str, *, newlines: bool = False, markdown: bool = False) -> str:
    """The fragment as one string, paragraphs one blank line apart (comment bodies)."""
    return "\n\n".join(html_paragraphs(fragment, newlines=newlines, markdown=markdown))


def read_text(paragraphs: Iterable[str]) -> str:
    """Markdown paragraphs as a reader sees them, one a line (a title made from a body)."""
    return "\n".join(plain_text(paragraph, MARKDOWN) for paragraph in paragraphs)
