"""Staticman comment threads: one file per comment, `_data/comments/<post-slug>/<id>.yml`.

Jekyll and Hugo blogs that use Staticman keep each comment as YAML (or JSON) with `_id`,
`_parent` (the post's slug or URL), `name`, `date` (epoch seconds or milliseconds, or
ISO), `message`, `replying_to` or `replying_to_uid` (the `_id` replied to, or the place of
the comment replied to, counted from 1 oldest first, or empty),
`email` (an md5 of it) and `url`; comments migrated from Disqus or WordPress beside them
name their post `post_id` and themselves `id`. Every file of one post is one thread, merged
across the import (`thread_merge`): the post is `_parent` or `post_id` (its last path part),
else the folder; replies nest by `replying_to`. The review's title is the post's slug made
readable. Emails, their hashes and avatars are never read; a name that is an email
address or a hash is left out.

YAML is read with `yaml.safe_load` only (plain data: no tags, no objects), and only up
to `MAX_YAML` characters. A YAML document that is not a Staticman comment (a
`_config.yml`) is refused, not imported as text. Content decides what a file is; only a
file named `.yml`/`.yaml` that is not a comment is refused for its name (plain text
may parse as YAML too: without the name it stays plain text).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.importers.common import clean
from tui_reader.core.importers.jsonutil import as_dict, as_str, load_json
from tui_reader.core.importers.sites import date_of, first_record, paragraphs_of
from tui_reader.core.importers.thread_merge import Fragment, Head, with_own_threads
from tui_reader.core.importers.threads import Record

MAX_YAML = 1_000_000  # characters: a comment is a few KB; beyond this a file is not one

_TEXT_KEYS = ("message", "comment", "body", "text")
_NAME_KEYS = ("name", "author")
# `post_id` (with `id`): the comments a Disqus or WordPress migration wrote beside Staticman's
# (`_data/comments/<post>/comment-<date>.yml`: `id`, `post_id`, `name`, `date`, `message`).
_MARK_KEYS = ("_id", "_parent", "replying_to", "replying_to_uid", "post_id")
_PARENT_KEYS = ("_parent", "post_id")
_ID_KEYS = ("_id", "id")
_REPLY_KEYS = ("replying_to_uid", "replying_to")
_YAML_NAMES = (".yml", ".yaml")
_YAML_START = re.compile(r"\A\ufeff?(?:%YAML|---)")
_KEY_LINE = re.compile(r"\A\ufeff?\s*[\"']?[A-Za-z_][\w-]*[\"']?[ \t]*:(?:[ \t]|\r?\n|\Z)")
_DATED_SLUG = re.compile(r"\A\d{4}-\d{2}-\d{2}-(?=.)")
_SECRET_NAME = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+|[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
_NO_TEXT = "YAML without review or comment text"
_POST_MISSING = "Comments kept by Staticman; the post itself is not in them."


class NotYAML(Exception):
    """Text that `yaml.safe_load` refuses, or too long to be read as YAML here."""


def load_yaml(text: str) -> Any:
    """Plain data from YAML text: `yaml.safe_load` only, under the size cap."""
    if len(text) > MAX_YAML:
        raise NotYAML(f"over {MAX_YAML // 1000} KB, too long for a comment")
    import yaml  # type: ignore[import-untyped]  # loaded only when a file looks like YAML

    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as error:
        reason = " ".join(str(error).split())[:120]
        raise NotYAML(f"not valid YAML ({reason})") from None


def _text_of(comment: dict[str, Any]) -> tuple[str, ...]:
    for key in _TEXT_KEYS:
        paragraphs = paragraphs_of(as_str(comment.get(key)))
        if paragraphs:
            return paragraphs
    return ()


def _may_name_keys(text: str) -> bool:
    """Whether YAML loaded from the text could be a comment (`is_comment`): without a backslash
    (an escape in a double-quoted key) every key it loads is written out in it."""
    return "\\" in text or (any(key in text for key in _MARK_KEYS) and any(key in text for key in _TEXT_KEYS))


def is_comment(value: Any) -> bool:
    """A Staticman comment: a mapping with a text and one of Staticman's own keys."""
    comment = as_dict(value)
    return any(key in comment for key in _MARK_KEYS) and any(key in comment for key in _TEXT_KEYS)


def _scalar(value: Any) -> str:
    """A YAML scalar as text: dates (YAML reads unquoted ones as dates) in ISO form."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return as_str(value).strip()


def _date(value: Any) -> str | None:
    if isinstance(value, float) and value == value and abs(value) < 1e15:
        value = int(value)
    return date_of(value if isinstance(value, int) and not isinstance(value, bool) else _scalar(value))


def _slug(parent: str) -> str:
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


def _blog(path: Path) -> str:
    """The blog the comments belong to: the folder that holds `_data/comments` (or `comments`),
    by name, so two blogs' `about` pages are two threads; '' outside that layout."""
    parents = path.resolve().parents
    for index, folder in enumerate(list(parents)[:3]):
        if folder.name == "comments" and index + 1 < len(parents):
            above = parents[index + 1]
            if above.name in ("_data", "data") and index + 2 < len(parents):
                return parents[index + 2].name
            return above.name
    return ""


def _author(comment: dict[str, Any]) -> str:
    """The commenter's name; never an email address or a hash (some forms put the email there)."""
    for key in _NAME_KEYS:
        name = clean(_scalar(comment.get(key)))
        if name:
            return "" if _SECRET_NAME.fullmatch(name) else name
    return ""


class StaticmanImporter:
    """Staticman's comment files, YAML or JSON; other YAML is refused."""

    name = "staticman"
    reads_whole = True  # the keys that say "Staticman" may follow a long message

    def sniff(self, text: str, path: Path) -> bool:
        start = text[:64].lstrip("\ufeff \t\r\n")
        if start[:1] in ("{", "["):
            return start[:1] == "{" and is_comment(first_record(text))
        if path.suffix.lower() in _YAML_NAMES:
            return True  # imported when it is a comment, else refused: never raw YAML as a review
        if _KEY_LINE.match(text) is None and _YAML_START.match(text) is None:
            return False  # (a Markdown file's front matter is no comment: two documents fail to load)
        if not _may_name_keys(text):
            return False  # a review starting "Spoilers: ..." is not loaded as YAML to find that out
        try:
            return is_comment(load_yaml(text))
        except NotYAML:
            return False

    def parse(self, text: str, path: Path) -> Parsed:
        if text.lstrip("\ufeff \t\r\n")[:1] == "{":
            comment = load_json(text, path, "Staticman")
        else:
            try:
                comment = load_yaml(text)
            except NotYAML as error:
                raise InputError(path, str(error)) from None
        if not is_comment(comment) or not _text_of(as_dict(comment)):
            raise InputError(path, _NO_TEXT)
        parsed = Parsed(path=str(path), format=self.name)
        parsed.fragments = [self._fragment(as_dict(comment), path)]
        return with_own_threads(parsed)

    def _fragment(self, comment: dict[str, Any], path: Path) -> Fragment:
        parent = next((clean(_scalar(comment.get(key))) for key in _PARENT_KEYS if _scalar(comment.get(key))), "")
        slug = _slug(parent) or clean(_scalar(comment.get("slug"))) or path.parent.name or "comments"
        native_id = next((_scalar(comment.get(key)) for key in _ID_KEYS if _scalar(comment.get(key))), path.stem)
        reply_to = next((_scalar(comment.get(key)) for key in _REPLY_KEYS if _scalar(comment.get(key))), None)
        url = parent if parent.startswith(("https://", "http://")) else None
        blog = _blog(path)
        return Fragment(
            key=("staticman", blog, slug) if blog else ("staticman", slug),
            format=self.name,
            source=str(path.parent.resolve()),
            placeholder=Head(title=readable(slug), paragraphs=(_POST_MISSING,), url=url),
            parents_by_place=True,
            records=[
                Record(
                    native_id=native_id,
                    parent=reply_to if reply_to != native_id else None,
                    body="\n\n".join(_text_of(comment)),
                    author=_author(comment),
                    date=_date(comment.get("date")),
                )
            ],
        )
