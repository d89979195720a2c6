"""Which post a Staticman comment belongs to, and its title: what the blog itself goes by.

A Jekyll page lists `site.data.comments[page.slug]`: the folder under `_data/comments` (or a
Hugo site's `data/comments`; nested when the slug has slashes) is the post, whatever its
files say, so a 2013 file a migration wrote (`post_id: /2012/09/01/my-post`) and a 2021
Staticman file (no post field at all) in one folder are one thread. Outside that layout the
post is the first of `_parent`, `post_id`, `slug` that names one, else the file's folder.

A `_parent` equal to the comment's own `_id` (every file of a WordPress-to-Jekyll migration)
names nothing; an id-like value (a hash, a UUID) names no post: it may be the comment replied
to (`soft_parent`), and it never becomes a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tui_reader.core.importers.common import clean

_DATED_SLUG = re.compile(r"\A\d{4}-\d{2}-\d{2}-(?=.)")
_ID_LIKE = re.compile(r"[0-9a-fA-F]{16,}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_DEEPEST = 5  # folders between a file and `comments`: a post nested as `2012/09/01/slug` is 4


@dataclass(frozen=True, slots=True)
class Post:
    """A thread: `key` joins every file of the post; `title` is never an id."""

    key: tuple[str, ...]
    title: str
    url: str | None


def slug_of(parent: str) -> str:
    """The post a `_parent` names: its last path part (`https://x.org/blog/my-post/` -> `my-post`)."""
    path = urlsplit(parent).path if "://" in parent else parent.split("?", 1)[0].split("#", 1)[0]
    last = path.rstrip("/").rsplit("/", 1)[-1]
    for suffix in (".html", ".htm", ".md", ".markdown"):
        last = last.removesuffix(suffix)
    return "" if last in (".", "..") else last


def readable(slug: str) -> str:
    """`2016-01-02-my-first-post` -> `My first post`."""
    words = " ".join(re.split(r"[-_\s]+", _DATED_SLUG.sub("", slug))).strip()
    words = clean(words)
    return words[:1].upper() + words[1:] if words else slug


def id_like(value: str) -> bool:
    """A hash or a UUID: a comment's `_id`, a Hugo page's `UniqueID`; no post's name."""
    return _ID_LIKE.fullmatch(value) is not None


def layout(path: Path) -> tuple[str, str]:
    """(blog, post folder) when the file is under a `comments` folder: the blog is the folder that
    holds `_data/comments` (or `comments`), by name, so two blogs' `about` pages are two threads;
    the post folder is the path below `comments` ('' when the files lie in `comments` itself)."""
    parents = list(path.resolve().parents)
    for index, folder in enumerate(parents[: _DEEPEST + 1]):
        if folder.name == "comments" and index + 1 < len(parents):
            above = parents[index + 1]
            blog = above.name
            if above.name in ("_data", "data") and index + 2 < len(parents):
                blog = parents[index + 2].name
            return blog, "/".join(part.name for part in reversed(parents[:index]))
    return "", ""


def post_of(fields: tuple[str, ...], own_id: str, path: Path) -> Post:
    """The thread of a comment whose post fields (`_parent`, `post_id`, `slug`) are `fields`."""
    blog, folder = layout(path)
    named = [value for value in fields if value and value != own_id]
    slugs = [slug for slug in map(slug_of, named) if slug]
    thread = folder or (slugs[0] if slugs else "") or path.parent.name or "comments"
    titled = [slug for slug in (folder.rsplit("/", 1)[-1], *slugs) if slug and not id_like(slug)]
    title = readable(titled[0]) if titled else "Comments" + (f" on {blog}" if blog else "")
    url = next((value for value in named if value.startswith(("https://", "http://"))), None)
    return Post(key=("staticman", blog, thread) if blog else ("staticman", thread), title=title, url=url)


def soft_parent(parent: str, own_id: str) -> str | None:
    """A `_parent` that may be the comment replied to (some forms post the reply's target there):
    a comment when the thread has one by that id, else nothing (no missing parent to report)."""
    if not parent or parent == own_id or parent.isdigit() or "/" in parent or ":" in parent:
        return None
    return parent
