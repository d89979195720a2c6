"""Sentences for quote mode, and how a copied quote is attributed and cited."""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import unquote, urlsplit

# A sentence ends at . ! ? … with closing quotes/brackets kept, before a space or the end.
# CJK full stops end a sentence even with no space after them.
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’)\]]*(?=\s|$)|[。！？]+[”’」』）]*|$)", re.DOTALL)
_WEB_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LOCAL_PATH = re.compile(r"^(?:[/~\\]|\.{1,2}[/\\]|[a-z]:[/\\])", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`, in order, covering every word."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def cited_source(where: str | None) -> str:
    """What a citation may say of where a passage comes from: a web address as it is, a local
    file (a path or a `file:` URL) by its name only, so a shared quote never carries this
    machine's folders (`/home/ann/private/reddit.json` -> `reddit.json`)."""
    text = (where or "").strip()
    if text.lower().startswith("file:"):
        text = unquote(urlsplit(text).path)
    elif _WEB_URL.match(text) or not _LOCAL_PATH.match(text):
        return text  # a URL, a site's name, or a bare file name
    name = PureWindowsPath(text).name if "\\" in text else PurePosixPath(text).name
    return name or text.strip("/\\")


def attributed(text: str, *, author: str | None, title: str, source: str | None = None) -> str:
    """A Markdown blockquote: the text, then `— author, title`, then where it is from
    (passed through `cited_source`: never a local folder)."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    credit = ", ".join(part for part in (author, f"*{title}*" if title else None) if part)
    lines = [quoted, ">", f"> — {credit}" if credit else "> —"]
    if cited := cited_source(source):
        lines.append(f"> {cited}")
    return "\n".join(lines) + "\n"
