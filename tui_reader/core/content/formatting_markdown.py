"""Markdown bodies as formatted blocks (the Markdown half of `formatting`): markdown-it's tokens
walked into the blocks, spans and links `formatting` defines, Reddit's own Markdown (superscript,
links to site paths) included."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tui_reader.core.content.formatting import (
    _URL,
    CODE,
    CODE_BLOCK,
    EMPHASIS,
    HEADING,
    LINK,
    PARAGRAPH,
    PLAIN,
    REDDIT_SITE,
    RULE,
    SPOILER,
    STRIKE,
    STRONG,
    Block,
    BlockBuilder,
    blocks,
    safe_url,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Bare URLs are found by `_URL` in text runs (`_add_linked`): linkify-it is 3/4 of the parse time.
    return MarkdownIt("commonmark", {"html": False}).enable(["strikethrough", "table"])


def markdown_blocks(text: str, *, reddit: bool = False, spoilers: bool = False) -> tuple[Block, ...]:
    try:
        tokens = _parser().parse(text)
    except Exception:  # a parser bug must not cost the reader the text
        return blocks(text, PLAIN)
    builder = BlockBuilder(reddit=reddit, spoilers=spoilers)
    for token in tokens:
        _block_token(builder, token)
    return tuple(builder.done)


def _block_token(builder: BlockBuilder, token: Token) -> None:
    kind = token.type
    if kind == "blockquote_open":
        builder.quote += 1
    elif kind == "blockquote_close":
        builder.quote = max(0, builder.quote - 1)
    elif kind in ("bullet_list_open", "ordered_list_open"):
        start = token.attrGet("start")
        number = int(start) if isinstance(start, (int, str)) and str(start).isdigit() else 1
        if kind == "ordered_list_open":
            builder.ordered(number)
        else:
            builder.lists.append([])
    elif kind in ("bullet_list_close", "ordered_list_close"):
        if builder.lists:
            builder.lists.pop()
    elif kind == "list_item_open":
        builder.item(token.info)
    elif kind == "inline":
        _inline(builder, token.children or [])
    elif kind in ("th_open", "td_open"):
        builder.cell(header=kind == "th_open")
    elif kind == "th_close":
        builder.close(STRONG)
    elif kind == "tr_close":
        builder.row_end()
    elif kind in ("paragraph_close", "table_close"):
        builder.end()
    elif kind == "heading_close":
        builder.end(PARAGRAPH, HEADING)
    elif kind in ("fence", "code_block"):
        builder.add(token.content.rstrip("\n"))
        builder.end(CODE_BLOCK, CODE)
    elif kind == "hr":
        builder.end(RULE)


def _inline(builder: BlockBuilder, children: list[Token]) -> None:
    styles = {"em": EMPHASIS, "strong": STRONG, "s": STRIKE, "link": LINK}
    texts = [child.content if child.type == "text" else "" for child in children]
    for index, child in enumerate(children):
        kind = child.type
        base, _, edge = kind.rpartition("_")
        if kind == "text":
            text = _superscripts_read(builder, child.content) if builder.reddit else child.content
            if builder.spoilers and (">!" in text or "!<" in text):
                _add_spoilered(builder, text, "".join(texts[index + 1 :]))
            else:
                _add_linked(builder, text)
        elif kind == "softbreak":
            builder.add(" ")
        elif kind == "hardbreak":
            builder.add("\n")
        elif kind == "code_inline":
            builder.add(child.content, CODE)
        elif kind == "image":
            builder.add(child.content or "image", EMPHASIS)
        elif base in styles and edge == "open":
            builder.open(styles[base], _link_url(builder, str(child.attrGet("href") or "")) if base == "link" else "")
        elif base in styles and edge == "close":
            builder.close(styles[base])


# Reddit's spoiler, `>!words!<` (no space inside either end), which Steam's `[spoiler]` is stored as.
_SPOILER_EDGE = re.compile(r">!(?=\S)|(?<=\S)!<")
_SPOILER_CLOSE = re.compile(r"(?<=\S)!<")


def _add_spoilered(builder: BlockBuilder, text: str, later: str) -> None:
    """Text with its spoilers marked (a SPOILER span): Steam hides them until clicked, and shown like
    the rest the head's "Spoiler warning" told nothing of where. `later`: the paragraph's text after
    this run; a `>!` never closed in it, or a `!<` with none open, is text."""
    at = 0
    for edge in _SPOILER_EDGE.finditer(text):
        opened = any(style == SPOILER for style, _, _ in builder.open_styles)
        closed_later = _SPOILER_CLOSE.search(text[edge.end() :] + later) is not None
        if (edge[0] == "!<" and not opened) or (edge[0] == ">!" and (opened or not closed_later)):
            continue
        _add_linked(builder, text[at : edge.start()])
        if edge[0] == ">!":
            builder.open(SPOILER)
        else:
            builder.close(SPOILER)
        at = edge.end()
    _add_linked(builder, text[at:])


def _link_url(builder: BlockBuilder, href: str) -> str:
    """A link's address worth opening; in Reddit's Markdown a site path (`/message/compose/?to=/r/science`,
    `/r/science/wiki`) is on reddit.com: it was dropped from the links."""
    if builder.reddit and href.startswith("/") and not href.startswith("//"):
        href = REDDIT_SITE + href
    return safe_url(href)


def _superscripts_read(builder: BlockBuilder, text: str) -> str:
    from tui_reader.core.content.superscript import superscripts

    text, builder.raising = superscripts(text, builder.raising)
    return text


def _add_linked(builder: BlockBuilder, text: str) -> None:
    """Text, its bare URLs as links (unless already inside a link)."""
    if "://" not in text or any(style == LINK for style, _, _ in builder.open_styles):
        builder.add(text)
        return
    end = 0
    for match in re.finditer(_URL, text):
        builder.add(text[end : match.start()])
        builder.open(LINK, safe_url(match.group()))
        builder.add(match.group())
        builder.close(LINK)
        end = match.end()
    builder.add(text[end:])
