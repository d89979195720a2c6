"""A review's searchable text, read from its stored document without building its models.

Why apart from `models`: a search hit needs only the text fields (for its snippet) and a
phrase check only the text, and building a `Review` with its `Comment` tree for each of
them was half of `tui-reader search`'s time per hit. This is the one other reader of the
stored shape; `ReviewText.of(review)` gives the same from the models, and a test holds the
two equal field by field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    from tui_reader.core.content.models import Comment, Review


class ReviewText(NamedTuple):
    """The text fields of one review, as the models give them (`Review.from_doc`'s rules).

    `comments` are (id, body) in reading order (depth first): a tuple, or `LazyComments` read
    from the stored JSON when first used; `subject` is (name, creator or "") when the review
    has a subject. `author` is the review's, `commenters` each comment's author, in the comments'
    order (read with them): a search for a name finds who wrote (`hits.locate`).
    """

    id: str
    title: str
    format: str
    paragraphs: tuple[str, ...]
    comments: Sequence[tuple[str, str]]
    subtitle: str = ""
    tags: tuple[str, ...] = ()
    subject: tuple[str, str] | None = None
    spoiler: bool = False  # the source flags the review a spoiler (`spoilers.all_hidden`)
    author: str = ""
    commenters: Sequence[str] = ()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> ReviewText:
        """The fields of a stored document; its comments as given when still JSON (`LazyComments`)."""
        comments = doc.get("comments", ())
        if isinstance(comments, LazyComments):
            commenters: Sequence[str] = _Commenters(comments)
        else:
            comments, commenters = _walked(comments)
        tags = doc.get("tags")
        subject = doc.get("subject")
        return cls(
            id=str(doc["id"]),
            title=str(doc.get("title") or ""),
            format=str(doc.get("format") or "text"),
            paragraphs=tuple(str(p) for p in doc.get("paragraphs", ())),
            comments=comments,
            subtitle=doc.get("subtitle") or "",
            tags=tuple(str(tag) for tag in tags) if isinstance(tags, list | tuple) else (),
            subject=(str(subject["name"]), str(subject["creator"]) if subject.get("creator") else "")
            if isinstance(subject, Mapping) and str(subject.get("name") or "").strip()
            else None,
            spoiler=bool(doc.get("spoiler", False)),
            author=str(doc.get("author") or ""),
            commenters=commenters,
        )

    @classmethod
    def of(cls, review: Review) -> ReviewText:
        """The same fields from a review's models (a review held in memory, or to compare)."""
        comments: list[tuple[str, str]] = []
        commenters: list[str] = []
        _walk_models(review.comments, comments, commenters)
        subject = review.subject
        return cls(
            id=review.id,
            title=review.title,
            format=review.format,
            paragraphs=review.paragraphs,
            comments=tuple(comments),
            subtitle=review.subtitle or "",
            tags=review.tags,
            subject=(subject.name, subject.creator or "") if subject is not None else None,
            spoiler=review.spoiler,
            author=review.author or "",
            commenters=tuple(commenters),
        )

    def searchable(self) -> str:
        """Every searchable field, one per line: what a phrase is checked on (before folding)."""
        parts = [self.title, self.subtitle, *self.paragraphs, *self.tags]
        if self.subject is not None:
            parts += self.subject
        parts += [body for _, body in self.comments]
        return "\n".join(parts)


class LazyComments(Sequence[tuple[str, str]]):
    """A stored review's comments, (id, body) depth first, decoded from their JSON when first used.

    Why: the comments are most of a document's JSON (~70% of decoding it), and a search hit
    mostly matches in the title or a paragraph: a common word's 100k hits decoded every thread
    for nothing. `DocumentReader` cuts them out only where the cut is sure (`split_comments`);
    JSON that is no list of comments after all (a hand edit, damage in the middle of a
    document) reads as the whole document's comments, else as none. The bytes are kept: two
    threads decoding at once come to the same."""

    __slots__ = ("_authors", "_data", "_end", "_items", "_loads", "_start")

    def __init__(self, data: bytes, start: int, end: int, loads: Callable[[bytes], Any]) -> None:
        """`loads`: the store's JSON decoder for documents (`shards.decode_document`)."""
        self._data, self._start, self._end, self._loads = data, start, end, loads
        self._items: tuple[tuple[str, str], ...] | None = None
        self._authors: tuple[str, ...] = ()

    def _decoded(self) -> tuple[tuple[str, str], ...]:
        if self._items is None:
            try:
                self._items, self._authors = _walked(self._loads(self._data[self._start : self._end]))
            except (ValueError, KeyError, TypeError, AttributeError):
                self._items, self._authors = self._whole_documents_comments()
        return self._items

    def authors(self) -> tuple[str, ...]:
        """Each comment's author, in the order of the comments."""
        self._decoded()
        return self._authors

    def _whole_documents_comments(self) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
        try:
            return _walked(self._loads(self._data).get("comments", ()))
        except (ValueError, KeyError, TypeError, AttributeError):
            return (), ()

    def __len__(self) -> int:
        return len(self._decoded())

    @overload
    def __getitem__(self, index: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, str] | Sequence[tuple[str, str]]:
        return self._decoded()[index]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyComments | tuple):
            return self._decoded() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())


class _Commenters(Sequence[str]):
    """The authors of `LazyComments`, decoded with them (when first used)."""

    __slots__ = ("_comments",)

    def __init__(self, comments: LazyComments) -> None:
        self._comments = comments

    def __len__(self) -> int:
        return len(self._comments.authors())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._comments.authors()[index]

    def __eq__(self, other: object) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, _Commenters | tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))


def _walked(docs: Any) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The comments (id, body) depth first, and their authors."""
    comments: list[tuple[str, str]] = []
    authors: list[str] = []
    _walk(docs, comments, authors)
    return tuple(comments), tuple(authors)


_DONE = object()


def _walk(docs: Any, into: list[tuple[str, str]], authors: list[str]) -> None:
    """Depth first, as `walk_comments`: a stack of reply lists, no call per comment."""
    stack = [iter(docs)]
    while stack:
        doc: Any = next(stack[-1], _DONE)
        if doc is _DONE:
            stack.pop()
            continue
        into.append((str(doc["id"]), str(doc.get("body", ""))))
        authors.append(str(doc.get("author") or ""))
        replies = doc.get("replies", ())
        if replies:
            stack.append(iter(replies))


def _walk_models(comments: tuple[Comment, ...], into: list[tuple[str, str]], authors: list[str]) -> None:
    for comment in comments:
        into.append((comment.id, comment.body))
        authors.append(comment.author)
        _walk_models(comment.replies, into, authors)
