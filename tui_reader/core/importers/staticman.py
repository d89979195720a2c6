"""Staticman comment threads: one file per comment, `_data/comments/<post-slug>/<id>.yml`.

Jekyll and Hugo blogs that use Staticman keep each comment as YAML (or JSON) with `_id`,
`_parent` (the post's slug or URL; in files a WordPress migration wrote, the comment's own
`_id`), `name`, `date` (epoch seconds or milliseconds, or ISO), `message`, `replying_to` or
`replying_to_uid` (the `_id` replied to, or the place of the comment replied to, counted from 1
oldest first, or empty), `email` (an md5 of it) and `url`; comments migrated from Disqus or
WordPress beside them name their post `post_id` and themselves `id`. Every file of one post is
one thread, merged across the import (`thread_merge`): the post is its folder, else the fields
that name it (`staticman_post`); replies nest by `replying_to`. Emails, their hashes and avatars
are never read; a name that is an email address or a hash is left out.

YAML is read as Jekyll reads a data file (`staticman_yaml`): the first document holding a
comment (front matter's `---` … `---` around it is common), plain data only, capped. A YAML
document that is not a Staticman comment (a `_config.yml`) is refused, not imported as text.
Content decides what a file is; only a file named `.yml`/`.yaml` that is not a comment is
refused for its name (plain text may parse as YAML too: without the name it stays plain text).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tui_reader.core.importers.base import InputError, Parsed
from tui_reader.core.importers.common import clean
from tui_reader.core.importers.jekyll_liquid import message_markdown
from tui_reader.core.importers.jsonutil import as_dict, as_str, load_json
from tui_reader.core.importers.sites import date_of, first_record
from tui_reader.core.importers.staticman_post import post_of, soft_parent
from tui_reader.core.importers.staticman_yaml import NotYAML, first_document
from tui_reader.core.importers.thread_merge import Fragment, Head, with_own_threads
from tui_reader.core.importers.threads import Record

_TEXT_KEYS = ("message", "comment", "body", "text")
_NAME_KEYS = ("name", "author")
# `post_id` (with `id`): the comments a Disqus or WordPress migration wrote beside Staticman's
# (`_data/comments/<post>/comment-<date>.yml`: `id`, `post_id`, `name`, `date`, `message`).
_MARK_KEYS = ("_id", "_parent", "replying_to", "replying_to_uid", "post_id")
_POST_KEYS = ("_parent", "post_id", "slug")
_ID_KEYS = ("_id", "id")
_REPLY_KEYS = ("replying_to_uid", "replying_to")
_YAML_NAMES = (".yml", ".yaml")
_YAML_START = re.compile(r"\A\ufeff?(?:%YAML|---)")
_KEY_LINE = re.compile(r"\A\ufeff?\s*[\"']?[A-Za-z_][\w-]*[\"']?[ \t]*:(?:[ \t]|\r?\n|\Z)")
_SECRET_NAME = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+|[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
_NO_TEXT = "YAML without review or comment text"
_POST_MISSING = "Comments kept by Staticman; the post itself is not in them."


def _text_of(comment: dict[str, Any]) -> tuple[str, ...]:
    for key in _TEXT_KEYS:
        paragraphs = message_markdown(as_str(comment.get(key)))  # (Markdown: `{% highlight %}` is code)
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
            return is_comment(first_document(text, is_comment))
        except NotYAML:
            return False

    def parse(self, text: str, path: Path) -> Parsed:
        if text.lstrip("\ufeff \t\r\n")[:1] == "{":
            comment = load_json(text, path, "Staticman")
        else:
            try:
                comment = first_document(text, is_comment)
            except NotYAML as error:
                raise InputError(path, str(error)) from None
        if not is_comment(comment) or not _text_of(as_dict(comment)):
            raise InputError(path, _NO_TEXT)
        parsed = Parsed(path=str(path), format=self.name)
        parsed.fragments = [self._fragment(as_dict(comment), path)]
        return with_own_threads(parsed)

    def _fragment(self, comment: dict[str, Any], path: Path) -> Fragment:
        native_id = next((_scalar(comment.get(key)) for key in _ID_KEYS if _scalar(comment.get(key))), path.stem)
        post = post_of(tuple(clean(_scalar(comment.get(key))) for key in _POST_KEYS), native_id, path)
        reply_to = next((_scalar(comment.get(key)) for key in _REPLY_KEYS if _scalar(comment.get(key))), None)
        soft = None if reply_to else soft_parent(_scalar(comment.get("_parent")), native_id)
        return Fragment(
            key=post.key,
            format=self.name,
            source=str(path.parent.resolve()),
            placeholder=Head(title=post.title, paragraphs=(_POST_MISSING,), url=post.url),
            parents_by_place=True,
            dropped={soft: None} if soft else {},  # a `_parent` naming no comment here: top level, unreported
            records=[
                Record(
                    native_id=native_id,
                    parent=(reply_to or soft) if (reply_to or soft) != native_id else None,
                    body="\n\n".join(_text_of(comment)),
                    author=_author(comment),
                    date=_date(comment.get("date")),
                )
            ],
        )
