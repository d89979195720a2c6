"""Sentences for quote mode, and how a copied quote is attributed."""

from __future__ import annotations

import re

# A sentence ends at . ! ? … with closing quotes/brackets kept, before a space or the end.
# CJK full stops end a sentence even with no space after them.
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’)\]]*(?=\s|$)|[。！？]+[”’」』）]*|$)", re.DOTALL)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`, in order, covering every word."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def attributed(text: str, *, author: str | None, title: str, source: str | None = None) -> str:
    """A Markdown blockquote: the text, then `— author, title`, then the source."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    credit = ", ".join(part for part in (author, f"*{title}*" if title else None) if part)
    lines = [quoted, ">", f"> — {credit}" if credit else "> —"]
    if source:
        lines.append(f"> {source}")
    return "\n".join(lines) + "\n"
