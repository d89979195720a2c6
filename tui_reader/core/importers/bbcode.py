"""Steam's BBCode as the reader's Markdown subset: the HTML it stands for, read by `html.py`.

`[strike]` stays struck through (it says "not this"), emphasis, links, lists, quotes, code and
tables stay what they are, `[spoiler]` is marked as one; a tag Steam does not have is the
writer's text; a heading left open ends with its line.
"""

from __future__ import annotations

import html
import re

from tui_reader.core.importers.sites import paragraphs_of

_TAG = re.compile(
    r"\[(/?)(b|i|u|s|strike|spoiler|url|img|h[1-6]|list|olist|\*|quote|code|table|tr|td|th|hr|noparse)(?:=([^\]]*))?\]",
    re.IGNORECASE,
)
_AS_HTML = {"b": "b", "i": "i", "s": "s", "strike": "s", "list": "ul", "olist": "ol", "*": "li", "quote": "blockquote"}
_AS_HTML |= {"code": "pre", "table": "table", "tr": "tr", "td": "td", "th": "th", "hr": "hr"}


def bbcode_paragraphs(text: str) -> tuple[str, ...]:
    """Steam's BBCode as the reader's Markdown paragraphs (see the module's docstring)."""
    return paragraphs_of(bbcode_html(text), markdown=True)


def bbcode_html(text: str) -> str:
    """The HTML BBCode stands for, its text escaped. A tag Steam does not have (`[/sarcasm]`) is the
    writer's text: it was deleted, and the joke with it."""
    parts: list[str] = []
    at = 0
    text = _headings_closed(text)
    for tag in _TAG.finditer(text):
        parts += [html.escape(text[at : tag.start()], quote=False), _tag_html(tag[1], tag[2].lower(), tag[3])]
        at = tag.end()
    parts.append(html.escape(text[at:], quote=False))
    return "".join(parts)


_OPEN_HEADING = re.compile(r"\[h([1-6])\]", re.IGNORECASE)


def _headings_closed(text: str) -> str:
    """`text` with each heading left open (`[h1]BULLY IS BROKEN` and no `[/h1]`) closed where its
    line ends: a heading is one line, and an unclosed one made the whole review a heading."""
    out: list[str] = []
    at = 0
    for opened in _OPEN_HEADING.finditer(text):
        if opened.start() < at:
            continue
        line_end = text.find("\n", opened.end())
        line_end = len(text) if line_end < 0 else line_end
        closed = re.compile(rf"\[/h{opened[1]}\]", re.IGNORECASE).search(text, opened.end(), line_end)
        if closed is None:
            out += [text[at:line_end], f"[/h{opened[1]}]"]
            at = line_end
    return "".join(out) + text[at:] if out else text


def _tag_html(closing: str, name: str, value: str | None) -> str:
    if name == "url":  # a link keeps its address; `[url]ADDRESS[/url]` is its own text
        return "</a>" if closing else f'<a href="{html.escape(value.strip())}">' if value and value.strip() else ""
    if name[0] == "h" and name[1:].isdigit():
        return f"<{closing}h{name[1]}>"
    if name == "spoiler":  # its words, marked (`html.py` stores them as Reddit's `>!…!<`)
        return f"<{closing}spoiler>"
    if name not in _AS_HTML:  # [u], [img], [noparse]: their words, as they are
        return ""
    return f"<{closing}{_AS_HTML[name]}>"
