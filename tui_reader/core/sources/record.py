"""The followed sources, kept in `sources.json` beside the library (atomic writes, one lock).

One `Source` per followed source: what it is (`Target`), when it was last refreshed and
how that went, the validators for a conditional request, a paging cursor, the reviews
it brought, and which of their comments the reader has seen (`seen`: short keys, see
`personal.seen`). The file is a convenience the user may have edited: anything in it
that does not fit is left out, and a corrupt file is moved aside, never fatal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tui_reader.core.sources.names import KINDS, Target
from tui_reader.core.store.atomic import NotAFileError, StoreError, locked, move_aside, read_json, write_json

FILE_NAME = "sources.json"
VERSION = 1
THREAD_KINDS = ("hn-item", "reddit-thread", "wordpress")


@dataclass(slots=True)
class Source:
    """One followed source and what its refreshes left."""

    kind: str
    key: str
    url: str
    site: str = ""
    added: str = ""  # ISO times, UTC
    last_refresh: str | None = None  # the last attempt
    last_ok: str | None = None  # the last attempt that worked
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None  # Steam's paging cursor; WordPress: the newest comment's date
    retry_at: float | None = None  # epoch seconds: the site asked us to wait until then (429)
    error: str | None = None  # the last attempt's one-line failure; None when it worked
    reviews: list[str] = field(default_factory=list)  # ids it brought, in the order met
    comments: int = 0
    new_reviews: int = 0  # brought since the reader last marked the source seen
    new_comments: int = 0
    new_replies: int = 0  # of the new comments, replies to a comment the reader bookmarked
    new_in: dict[str, int] = field(default_factory=dict)  # review id -> its new comments (when any), for the list
    seen: dict[str, list[str]] = field(default_factory=dict)  # review id -> comment keys seen

    @property
    def brings_comments(self) -> bool:
        """A thread (HN, Reddit, WordPress) brings comments; a listing, a feed or a game's reviews bring
        posts only. A post one of them shares with a followed thread is the thread's to count: a
        subreddit credited with the comments its thread source fetched said "2 comments, 2 new"."""
        return self.kind in THREAD_KINDS

    @property
    def new(self) -> int:
        """What is new: its reviews, and the comments of a thread (a listing's count from before it
        counted none is not said)."""
        return self.new_reviews + (self.new_comments if self.brings_comments else 0)

    @property
    def target(self) -> Target:
        return Target(self.kind, self.key, self.url, self.site)

    @classmethod
    def from_target(cls, target: Target, added: str) -> Source:
        return cls(kind=target.kind, key=target.key, url=target.url, site=target.site, added=added)


def _from_doc(doc: Any) -> Source | None:
    """A source from the file, or None when it is not one (unknown kind, no key)."""
    if not isinstance(doc, dict) or doc.get("kind") not in KINDS:
        return None
    defaults = Source(kind="", key="", url="")
    values: dict[str, Any] = {}
    for spec in fields(Source):
        default = getattr(defaults, spec.name)
        value = doc.get(spec.name, default)
        values[spec.name] = value if _fits(spec.name, value, default) else default
    source = Source(**values)
    source.reviews = [rid for rid in source.reviews if isinstance(rid, str)]
    source.seen = {
        rid: [k for k in keys if isinstance(k, str)]
        for rid, keys in source.seen.items()
        if isinstance(rid, str) and isinstance(keys, list)
    }
    source.new_in = {
        rid: count
        for rid, count in source.new_in.items()
        if isinstance(rid, str) and isinstance(count, int) and not isinstance(count, bool) and count > 0
    }
    return source if source.key and source.url else None


def _fits(name: str, value: Any, default: Any) -> bool:
    if name == "retry_at":
        return value is None or (isinstance(value, int | float) and not isinstance(value, bool))
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return type(value) is type(default)


# What a backup keeps of a source: what the user followed and what it brought and they saw; not how
# the last fetch went (validators, cursor, errors, new counts), so the next refresh asks afresh.
BACKED_UP = ("kind", "key", "url", "site", "added", "reviews", "comments", "seen")


def backed_up(source: Source) -> dict[str, Any]:
    """`source` as the JSON backup carries it."""
    return {name: getattr(source, name) for name in BACKED_UP}


class SourceBook:
    """The sources file of one data folder: read it, change it under the lock, write it whole."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._lock = data_dir / f"{FILE_NAME}.lock"
        self.problems: list[str] = []

    def load(self, *, repair: bool = True) -> list[Source]:
        """Every followed source, in the order followed. A corrupt file is moved aside (said in `problems`);
        with `repair=False` (an export, which only reads) it is left where it is, and no source is read."""
        try:
            doc = read_json(self.path)
        except NotAFileError as error:
            raise StoreError(str(error)) from None
        except ValueError as error:
            if not repair:
                return []
            with contextlib.suppress(OSError):
                aside = move_aside(self.path)
                self.problems.append(f"{error}; moved aside to {aside.name}, starting with no sources")
            return []
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({error.strerror or error})") from None
        listed = doc.get("sources") if isinstance(doc, dict) else None
        sources = [source for item in (listed if isinstance(listed, list) else []) if (source := _from_doc(item))]
        unique: dict[str, Source] = {}
        for source in sources:
            unique.setdefault(source.key, source)
        return list(unique.values())

    def save(self, sources: list[Source]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_json(self.path, {"version": VERSION, "sources": [asdict(source) for source in sources]})

    def follow_again(self, docs: list[Any]) -> int:
        """Follow the sources of a backup (`backed_up` docs) not followed yet, fetching nothing: their
        first refresh fetches. Returns how many were added."""
        restored = [source for doc in docs if (source := _from_doc(doc)) is not None]
        if not restored:
            return 0
        added = 0
        with self.editing() as sources:
            known = {source.key for source in sources}
            for source in restored:
                if source.key not in known:
                    known.add(source.key)
                    sources.append(source)
                    added += 1
        return added

    @contextlib.contextmanager
    def editing(self) -> Iterator[list[Source]]:
        """The sources, to change in place; written back when the block ends without an error.
        Held under a lock across processes: two refreshes never lose each other's changes."""
        with locked(self._lock):
            sources = self.load()
            yield sources
            self.save(sources)


def find(sources: list[Source], name: str) -> Source:
    """The source named by its key (`r/movies`), by what parses to that key, or by a unique prefix of it."""
    from tui_reader.core.sources.names import parse_target

    wanted = name.strip()
    for source in sources:
        if source.key == wanted or source.url == wanted:
            return source
    with contextlib.suppress(ValueError):
        key = parse_target(wanted).key
        for source in sources:
            if source.key == key:
                return source
    matches = [source for source in sources if source.key.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LookupError(f"{wanted!r} names {len(matches)} sources: {', '.join(s.key for s in matches[:5])}")
    raise LookupError(f"no followed source {wanted!r} (`tui-reader sources` lists them)")
