"""Plain-text reviews: the seeds and their real cousins (IMDB files, pasted posts).

Shape we read:

    Title“Optional tagline glued to it”          <- headline: one short line, then a blank line

    Body paragraphs, separated by blank lines (or by literal <br /> tags).

      1. A comment                               <- a trailing run of numbered items after a
         1. a reply (deeper indent, or "1.1.")      blank line, indented or with replies
      2) another comment

A numbered list at the margin (`1. The acting`, `1、房间小`) is the body's own, wherever it is.

When there is no headline the title is the first sentence, and the body keeps it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tui_reader.core.content.ids import source_key, stable_id
from tui_reader.core.content.models import Review, Subject
from tui_reader.core.content.text import html_references, repair
from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.importers.common import first_sentence
from tui_reader.core.importers.content_ids import reply_name
from tui_reader.core.importers.threads import Record, build_threads

HEADLINE_LIMIT = 120

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d+(?:\.\d+)*)(?:[.)])[ \t]+(?P<text>\S.*)$")
_IMDB_NAME = re.compile(r"^(?P<number>\d+)_(?P<rating>\d{1,2})\.txt$", re.IGNORECASE)
_IMDB_TITLE = re.compile(r"imdb\.com/title/(?P<title>tt\d+)", re.IGNORECASE)
_ONLY_ADDRESSES = re.compile(r"(?:[ \t]*(?:https?://\S+)?[ \t]*\n)*[ \t]*https?://\S+[ \t]*\n?", re.IGNORECASE)
_OPEN_QUOTES = '“"«„「『‘'
_CLOSE_QUOTES = '”"»“」』’'
_GLUED_TAGLINE = re.compile(
    rf"^(?P<title>[^{_OPEN_QUOTES}]*?\S)(?P<gap>\s*)[{_OPEN_QUOTES}](?P<tagline>.+?)[{_CLOSE_QUOTES}]\s*$"
)
TAGLINE_MIN_WORDS = 4  # "Title “A tagline of some words”"; a short quoted word stays in the title
_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")


def _one_space(text: str) -> str:
    """Runs of spaces and tabs as one space. A run holds two spaces or a tab: text with neither
    (most lines) skips the regex, which tries every position."""
    return _RUNS_OF_SPACES.sub(" ", text) if "  " in text or "\t" in text else text


@dataclass(slots=True)
class _Item:
    """A numbered comment while the tree is being built."""

    indent: int
    number: tuple[str, ...]  # the digits of "1.2." as written: any length (int() refuses 4300+ digits)
    lines: list[str]
    children: list[_Item] = field(default_factory=list)


def _indent_width(prefix: str) -> int:
    return len(prefix.expandtabs(4))


def _parse_items(lines: list[str]) -> list[_Item] | None:
    """Parse `lines` as a run of numbered comments, or None if anything else is in it."""
    roots: list[_Item] = []
    stack: list[_Item] = []
    current: _Item | None = None
    after_blank = False
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        match = _ITEM.match(line)
        if match is None:
            # Continuation: directly under an item, or an indented paragraph of it.
            indented = _indent_width(line[: len(line) - len(line.lstrip())]) > (current.indent if current else 0)
            if current is None or (after_blank and not indented):
                return None
            current.lines.append(("\n\n" if after_blank else "") + line.strip())
            after_blank = False
            continue
        after_blank = False
        number = tuple(match["number"].split("."))
        item = _Item(_indent_width(match["indent"]), number, [match["text"].strip()])
        if len(number) > 1:
            del stack[len(number) - 1 :]
        else:
            while stack and stack[-1].indent >= item.indent:
                stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
        current = item
    if not roots or roots[0].number[0].lstrip("0") != "1":
        return None
    return roots


_INTRODUCERS = (":", ";", ",", "：", "；", "，")


def _split_comment_section(lines: list[str]) -> tuple[list[str], list[_Item]]:
    """Find where the comments start: a run of numbered items to the end of the file.

    The run follows a blank line and is in the seed layout: its items are indented under the
    body (`  1. text`). A run at the margin is a thread only if it nests replies (deeper
    indentation or `1.1.` numbers), and an indented run after it is preferred: a flat list at
    the margin (`1. The acting`, `1. 房间小`) is the body's own, wherever it is. Not comments
    either: a list right after the line before it, or after a line that introduces it
    ("my reasons:"), or a file that is only a list (comments on nothing).
    """
    last_text = ""
    nested: tuple[int, list[_Item]] | None = None  # the earliest run at the margin with replies
    for index, line in enumerate(lines):
        match = _ITEM.match(line)
        if match is None or match["number"] not in ("1", "1.0"):
            if line.strip():
                last_text = line.strip()
            continue
        after_blank = index > 0 and not lines[index - 1].strip()
        if last_text and after_blank and not last_text.endswith(_INTRODUCERS):
            items = _parse_items(lines[index:])
            if items is not None and all(root.indent > 0 for root in items):
                return lines[:index], items
            if items is not None and nested is None and any(root.children for root in items):
                nested = index, items
        last_text = line.strip()
    if nested is not None:
        return lines[: nested[0]], nested[1]
    return lines, []


def _records(items: list[_Item]) -> list[Record]:
    """The item tree as thread records in file order, each named by its words and the words it
    replies to (`content_ids.reply_name`), never by its number: a comment deleted above another
    gave it its id, and the notes on it. The shared thread builder then caps the depth as it
    does for every format.
    """
    records: list[Record] = []
    seen: dict[str, int] = {}
    stack: list[tuple[_Item, str | None, str | None]] = [(item, None, None) for item in reversed(items)]
    while stack:
        item, parent, parent_body = stack.pop()
        body = _one_space(" ".join(item.lines)).replace(" \n\n", "\n\n")
        name = reply_name(seen, parent_body, body)
        records.append(Record(native_id=name, parent=parent, body=body))
        stack += [(child, name, body) for child in reversed(item.children)]
    return records


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, each joined into one line of running text."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [_one_space(" ".join(block)) for block in blocks if block]


def _first_block_lines(lines: list[str]) -> int:
    """How many lines the first block has (a headline is one)."""
    count = 0
    for line in lines:
        if line.strip():
            count += 1
        elif count:
            break
    return count


def _one_line_paragraphs(line: str) -> list[str]:
    """`_paragraphs` of a text without line ends (each of IMDB's files): each piece between <br />
    tags is a paragraph of one line, split out at once rather than made lines and joined again.
    What `_one_space` looks for is looked for once in the whole line (IMDB's paragraphs have none)."""
    paragraphs = [stripped for piece in _BR.split(line) if (stripped := piece.strip())]
    return list(map(_one_space, paragraphs)) if "  " in line or "\t" in line else paragraphs


def _is_headline(paragraph: str, line_count: int, rest: list[str]) -> bool:
    """One short line, not ending a sentence, with more text after it."""
    if line_count != 1 or not rest or len(paragraph) > HEADLINE_LIMIT:
        return False
    stripped = paragraph.rstrip(_CLOSE_QUOTES + " ")
    return not stripped.endswith((".", ",", ";", ":", "。", "，", "；", "：", "．"))


def _title_and_body(paragraphs: list[str], first_block_lines: int) -> tuple[str, str | None, list[str]]:
    """The title (a headline, else the first sentence, which the body keeps), a tagline glued to
    the headline, and the body's paragraphs; no title ("") when there is no text."""
    if not paragraphs:
        return "", None, []
    first = paragraphs[0]
    if _is_headline(first, first_block_lines, paragraphs[1:]):
        glued = _GLUED_TAGLINE.match(first)
        if glued and (not glued["gap"] or len(glued["tagline"].split()) >= TAGLINE_MIN_WORDS):
            return glued["title"].strip(), glued["tagline"].strip(), paragraphs[1:]
        return first.strip(), None, paragraphs[1:]
    return first_sentence(first), None, paragraphs


IMDB_SCALE = 10.0  # IMDb rates out of ten: `0_9.txt` is 9/10, four and a half stars


@dataclass(frozen=True, slots=True)
class ImdbFacts:
    """What the IMDB dataset says of one of its files besides its text."""

    rating: float | None = None
    subject: Subject | None = None
    url: str | None = None  # the film's user-comments page, where the review is read on the site


_NOT_IMDB = ImdbFacts()


def imdb_facts(path: Path) -> ImdbFacts:
    """IMDB's `<id>_<rating>.txt` names carry the rating (1-10; 0 is none: the unrated `unsup/0_0.txt`),
    and the dataset says what the review is about and where it is read: `train/pos/123_9.txt` is line
    123 of `train/urls_pos.txt`, that film's IMDb address (`…/title/tt0064354/usercomments`), the
    review's link. The film's name is not in the dataset: the title id names it, and its reviews are
    read together (`S`); `t` gives it a name."""
    folder, file_name = os.path.split(str(path))  # not `path.parent.parent`: ~5 µs a file in pathlib
    name = _IMDB_NAME.match(file_name)
    if name is None:
        return _NOT_IMDB
    addresses = _imdb_addresses(folder)
    number = int(name["number"])
    address = addresses[number].strip() if number < len(addresses) else ""
    found = _IMDB_TITLE.search(address)
    rating = float(name["rating"]) or None  # `_0`: the dataset's unrated reviews (`unsup/`, 50,000 of them)
    return ImdbFacts(rating, _film(found["title"]) if found else None, address if found else None)


@lru_cache(maxsize=4096)
def _film(title: str) -> Subject:
    """A film of the dataset, one `Subject` for its reviews (up to 30 each)."""
    # The dataset is IMDb's "Large Movie Review Dataset" (`kind:film` finds them with the others).
    return Subject(f"IMDb {title}", "film", ref=f"imdb:{title}")


@lru_cache(maxsize=4)
def _imdb_addresses(folder: str) -> tuple[str, ...]:
    """The address list of a folder of the dataset (`train/pos`: `train/urls_pos.txt`), read once per
    folder by each parsing process (12,500 lines), as any file beside an imported one is (a regular
    file inside the folder, never a FIFO)."""
    from tui_reader.core.importers.sites import FolderSiblings

    dataset, kind = os.path.split(folder)
    text = FolderSiblings(Path(dataset or ".")).read(f"urls_{kind}.txt")
    return tuple(text.splitlines()) if text else ()


class PlainTextImporter:
    """The fallback: any text that no structured format claimed."""

    name = "text"

    def sniff(self, head: str, path: Path) -> bool:
        return True

    def parse(self, text: str, path: Path) -> Parsed:
        # "\r\r\n" is one line end: a CRLF file written again in text mode on Windows.
        text = text.replace("\r\r\n", "\n") if "\r" in text else text
        imdb = imdb_facts(path)
        if imdb is not _NOT_IMDB or _BR.search(text):  # an HTML fragment; plain text keeps `&amp;` as typed
            text = html_references(text)
        text = repair(text)
        if "\n" in text:
            body_lines, items = _body_and_comments(text, path)
            paragraphs, first_lines = _paragraphs(body_lines), _first_block_lines(body_lines)
        else:  # one line: no comments under it, and a first block of one line
            paragraphs, first_lines, items = _one_line_paragraphs(text), 1, []
        title, subtitle, paragraphs = _title_and_body(paragraphs, first_lines)
        if not paragraphs and not items:
            raise InputError(path, "no text to import")
        review_id = stable_id("text", source_key(path))
        comments = build_threads(review_id, _records(items)).comments if items else ()
        by_content = {review_id} if comments else set()  # stored before, they may be named by place
        review = Review(
            id=review_id,
            title=title or path.stem,
            subtitle=subtitle,
            source=str(path.absolute()),
            paragraphs=tuple(paragraphs),
            rating=imdb.rating,
            rating_max=IMDB_SCALE if imdb.rating is not None else None,
            subject=imdb.subject,
            url=imdb.url,
            format="text",
            comments=comments,
        )
        return Parsed(path=str(path), format=self.name, reviews=[review], threads_by_content=by_content)


def _body_and_comments(text: str, path: Path) -> tuple[list[str], list[_Item]]:
    """The lines of a text of several, and the numbered comments at its end (see `_split_comment_section`)."""
    if _ONLY_ADDRESSES.fullmatch(text.strip() + "\n"):
        raise InputError(path, "a list of web addresses, not a review")
    html_breaks = _BR.search(text) is not None
    lines = [line.rstrip() for line in _BR.sub("\n\n", text).split("\n")]
    # Lines made from <br /> tags (IMDB's files) are the body's own list, never a thread.
    return (lines, []) if html_breaks else _split_comment_section(lines)
