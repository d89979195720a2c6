"""What a review is about and who wrote it, as the lines under its title say it: one function for
the reading pane's head, `show`, the list row and `Y`, which disagreed (the head printed
`isbn:9780742546868` and `hotelid:11761198`, `show` left them out, and both said the title again as
the subject's name; a list row cut a Yelp user's id to `EZj…` where `Y` knew it was no name).
"""

from __future__ import annotations

from tui_reader.core.content.models import Subject
from tui_reader.core.content.text import id_like, visible

ID_NAME_CELLS = 16  # a one-word name this long that reads as an id is a site's user id, not a name


def named(author: str | None) -> str:
    """The author as one visible line, or empty where the source names them only by an id (Steam's
    `76561197981729903`, Yelp's `OyoGAe7OKpv6SyGZT5g77Q`): no name to show or cite."""
    who = _line(author)
    return "" if " " not in who and len(who) >= ID_NAME_CELLS and id_like(who) else who


def subject_beyond_title(label: str, title: str) -> str:
    """What the subject's label adds to the title above it: `Hamlet (1948)` under the title
    `Hamlet` is `1948` (a Letterboxd or Goodreads review's title is the thing's name), the same
    label is nothing, another is the label."""
    title = " ".join(title.split())
    label = " ".join(label.split())
    if not title or label[: len(title)].casefold() != title.casefold():  # (the seed `her` is `Her (2013)`)
        return label
    rest = label[len(title) :].strip()
    if not rest:
        return ""
    if rest.startswith("(") and rest.endswith(")"):
        return rest[1:-1]
    return label


def readable_ref(ref: str | None) -> str:
    """A subject's ref as a reader uses it: an ISBN (`ISBN 9780742546868`, to find the book in a
    shop or a library); any other ref is the source's key (`hotelid:11761198`,
    `letterboxd:boxd.it/1YPY`), said by the page's address where it names one, else nothing."""
    scheme, _, value = (ref or "").partition(":")
    value = _line(value)
    return f"ISBN {value}" if scheme.lower() == "isbn" and value else ""


def subject_parts(subject: Subject, title: str = "") -> list[str]:
    """`Her (2013)`, `film`, `by Spike Jonze`, `ISBN …`: the subject line's parts, the name left
    out when `title` already says it (`2003 · book · by Eduardo Bonilla-Silva` under its title), the
    kind when the name holds it as a word (a name made of an id: `Amazon product B000068NVI`)."""
    label = _line(subject.label)
    kind = _line(subject.kind)
    said = named_by_its_id(subject) and kind.casefold() in label.casefold().split()  # not `· product` again
    parts = [subject_beyond_title(label, _line(title)), "" if said else kind]
    if creator := _line(subject.creator):
        parts.append(f"by {creator}")
    ref = readable_ref(subject.ref)
    if ref and ref.partition(" ")[2].lower() not in label.lower():  # a book named by its ISBN says it once
        parts.append(ref)
    return [part for part in parts if part]


def _line(text: str | None) -> str:
    return " ".join(visible(text or "", single_line=True).split())


# Formats whose items are posts and their discussions (a blog's, a forum's): none is a review of a
# thing, so none is expected to name one. The review sites, tables, pages and plain text are.
DISCUSSION_FORMATS = frozenset({"wxr", "disqus", "blogger", "reddit", "hackernews", "hnpage", "staticman"})


def expects_subject(format_name: str | None) -> bool:
    """Whether a review of this format is a review of a thing (a film, a book, a place), so that
    having no subject is worth saying; a blog post or a thread is not. A catalog written before
    formats were kept (None) cannot tell: counted as a review."""
    return format_name not in DISCUSSION_FORMATS


def named_by_its_id(subject: Subject) -> bool:
    """A name an importer made of the thing's id (`Yelp business EtKSTHV5Qx_Q7Aur9o4kQQ`, `IMDb
    tt0118799`), the source giving no name: it ends with its ref's value."""
    return name_ends_with_ref(subject.name, subject.ref)


def name_ends_with_ref(name: str, ref: str | None) -> bool:
    """`named_by_its_id` for a name and a ref apart (a list row has the label and the key)."""
    value = (ref or "").partition(":")[2]
    return bool(value) and name != value and name.endswith(" " + value)
