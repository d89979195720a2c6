"""Text that is not ours written into Markdown: every character of it stays a character.

A review's text, a comment, a title or an author's name goes into a copied quote (`Y`) and the
Markdown export, where Obsidian, Readwise or a forum renders it. Written as it is, a passage's `*`
or `[x](url)` would become emphasis or a link of the reader's making, a line of `# x` a heading,
a line of three backticks a code block that swallows the rest of the document. The writers
(`passages.py`, the export) put their own marks around text escaped here.
"""

from __future__ import annotations

import re

# Characters that open inline structure anywhere in a line: emphasis, code, links, HTML,
# entities, strikethrough, table cells. Backslash-escaping any ASCII punctuation is CommonMark.
_INLINE = re.compile(r"[\\`*_\[\]<>|~&]")
# A line that starts a heading, quote, list item, rule, setext underline, table, code fence or HTML block.
_BLOCK_START = re.compile(r"#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|(?:[-*_]\s*){3,}$|=+\s*$|\||`{3,}|~{3,}|<[A-Za-z/!?]")
_NUMBERED = re.compile(r"(\d{1,9})([.)])")  # an ordered list's item: `1.` or `1)`
_BACKTICKS = re.compile(r"`+")
_DESTINATION = re.compile(r"[()\\&<>]")  # what could end a link's address or be read as an entity there
_ESCAPE = r"\\\g<0>"
_NOT_IN_AUTOLINK = frozenset("<> \\\t\n")


def escaped(text: str) -> str:
    """`text` with every character that opens inline Markdown escaped: it renders as it reads."""
    return _INLINE.sub(_ESCAPE, text)


def text_line(line: str) -> str:
    """A line kept a line of text: one that would start a heading, quote, list, rule, table, code
    fence or HTML block is escaped (a line of three backticks in a note turned the rest of the
    export, every review after it, into code; a quoted `# H1` was a heading in the outline);
    indentation, which makes code, is dropped. What is inside the line is left as it is."""
    line = line.strip()
    if _NUMBERED.match(line):
        return _NUMBERED.sub(r"\1\\\2", line, count=1)
    return f"\\{line}" if _BLOCK_START.match(line) else line


def code_span(code: str) -> str:
    """`code` as inline code: fenced by a run of backticks that no run inside it matches (inside a
    code span nothing can be escaped), padded where it starts or ends with a backtick or a space."""
    runs = {len(run) for run in _BACKTICKS.findall(code)}
    fence = "`" * next(size for size in range(1, len(runs) + 2) if size not in runs)
    padded = f" {code} " if code.startswith(("`", " ")) or code.endswith(("`", " ")) else code
    return f"{fence}{padded}{fence}"


def code_fence(code: str) -> str:
    """A fence no line of `code` can close: longer than any run of backticks in it."""
    return "`" * max(3, max(map(len, _BACKTICKS.findall(code)), default=0) + 1)


def link(words: str, url: str) -> str:
    """`[words](url)`: the words escaped, the address's brackets, backslashes and ampersands too
    (an address holds no space: `formatting.safe_url` let none through)."""
    return f"[{words}]({_DESTINATION.sub(_ESCAPE, url)})"


def plain_markdown(text: str) -> str:
    """Plain text as Markdown that renders it: each line escaped, kept a line (a hard break), a
    blank line a paragraph's end. For a quote whose passage is no longer in its review."""
    lines = [text_line(escaped(line)) for line in text.strip().splitlines()]
    return "\n".join(
        f"{line}\\" if line and after else line for line, after in zip(lines, [*lines[1:], ""], strict=True)
    )


def block_quoted(markdown: str) -> list[str]:
    """Markdown as block quote lines: every line, blank ones too, starts with `>`. Lines end at
    `\\n` only: a line separator (U+2028) is no line end to Markdown, and a line cut there would
    start unescaped."""
    return [f"> {line}" if line.strip() else ">" for line in markdown.strip("\n").split("\n")]


def autolink(address: str) -> str | None:
    """`<address>`: a web or mail address said once; None for one an autolink cannot hold."""
    if address.lower().startswith(("http://", "https://", "mailto:")) and address.isprintable():
        return None if _NOT_IN_AUTOLINK.intersection(address) else f"<{address}>"
    return None


def autolinked_or_escaped(text: str) -> str:
    """A web address as an autolink (escaped, `reddit\\_comments` is no address to follow), any
    other text escaped."""
    return autolink(text) or escaped(text)
