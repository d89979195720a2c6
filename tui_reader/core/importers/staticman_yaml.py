"""YAML as Jekyll reads a data file: the first document, plain data only, and a parser's
complaint said in a reader's words.

Real `_data/comments` folders hold comments wrapped as front matter (`---` … `---`, every file a
WordPress or Disqus migration wrote), a trailing `---`, or several documents: Jekyll shows the
first, so the one here is the first document that holds a comment. `yaml.safe_load_all` only
(no tags, no objects), up to `MAX_YAML` characters and `MAX_DOCUMENTS` documents; what follows
the comment is never read, so junk after it costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from tui_reader.core.content.text import visible

MAX_YAML = 1_000_000  # characters: a comment is a few KB; beyond this a file is not one
MAX_DOCUMENTS = 64  # a comment file holds one or two; past this a file is not one
_SECRET = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+|[0-9a-fA-F]{32,64}")
_EXCERPT = 60

# PyYAML's problems, as a reader would say what is wrong on the line (first match wins).
_PROBLEMS = (
    ("mapping values are not allowed", "a colon inside a value that is not in quotes"),
    ("found character '\\t'", "a tab where YAML wants spaces"),
    ("could not find expected ':'", "a line that is not `name: value`"),
    ("found unexpected end of stream", "a quote that is never closed"),
    ("could not determine a constructor", "a tag (`!!…`) asking for more than plain text"),
    ("undefined alias", "an `*alias` naming nothing"),
    ("cannot start any token", "a character that cannot start a value there (quote the value)"),
    ("but got '<stream end>'", "a bracket that is never closed"),
    ("expected <block end>", "indentation that does not line up"),
)


class NotYAML(Exception):
    """Text that `yaml.safe_load_all` refuses, or too long to be read as YAML here."""


def documents(text: str) -> Iterator[Any]:
    """The YAML documents of `text`, lazily, the empty ones (a lone `---`) left out."""
    if len(text) > MAX_YAML:
        raise NotYAML(f"over {MAX_YAML // 1000} KB, too long for a comment")
    import yaml  # type: ignore[import-untyped]  # loaded only when a file looks like YAML

    loaded = yaml.safe_load_all(text)
    for _ in range(MAX_DOCUMENTS):
        try:
            document = next(loaded)
        except StopIteration:
            return
        except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as error:
            raise NotYAML(f"not valid YAML ({_where(error, text)})") from None
        if document is not None:
            yield document


def first_document(text: str, wanted: Callable[[Any], bool]) -> Any:
    """The first document `wanted` takes, else the first one (None when there is none): a file's
    junk after its comment (a second document, a stray line) is not read, as Jekyll does not."""
    first: Any = None
    for index, document in enumerate(documents(text)):
        if wanted(document):
            return document
        if index == 0:
            first = document
    return first


def load_yaml(text: str) -> Any:
    """Plain data from YAML text: its first document (`first_document`), under the caps."""
    return first_document(text, lambda _: True)


def _where(error: Exception, text: str) -> str:
    """`line 3: a colon inside a value that is not in quotes: "message: it's: odd"`: the line, what
    is wrong in words, and the line as written (no email or hash; no controls). In brackets after
    `not valid YAML`, so an import's summary counts the files by that (`skipped 3 (not valid YAML: 3)`)."""
    problem = str(getattr(error, "problem", "") or error)
    mark = getattr(error, "problem_mark", None)
    if "end of stream" in problem and getattr(error, "context_mark", None) is not None:
        mark = error.context_mark  # type: ignore[attr-defined]  # the quote opened there
    said = next((words for found, words in _PROBLEMS if found in problem), "text that is not YAML")
    if mark is None:
        return said
    lines = text.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    shown = " ".join(_SECRET.sub("…", visible(line)).split())
    shown = shown if len(shown) <= _EXCERPT else shown[: _EXCERPT - 1] + "…"
    return f"line {mark.line + 1}: {said}" + (f': "{shown}"' if shown else "")
