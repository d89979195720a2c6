"""Notes typed and not saved when the reader closed (`q`, Ctrl+Q, SIGTERM, SIGHUP: the terminal
window closed): what was typed was lost. Kept in `drafts.json` beside the user's data, written as
every user write is (atomically, under a lock), one per place (`place`: the review, a paragraph or
a comment; several on one review): the next `a` at that place offers it again in the editor, and
`a` elsewhere on the review is not taken over by it. A draft is never a note until the user saves
it; saved or discarded, it goes. Files written before drafts had places (keyed by review id) are
read as they are: each record carries its anchor, and the anchor is what places it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from json import dumps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.core.content.anchor_shape import anchor_fault
from tui_reader.core.content.user_records import Anchor
from tui_reader.core.store.atomic import locked, move_aside, read_json, write_json
from tui_reader.core.store.userdata_records import now

if TYPE_CHECKING:
    from tui_reader.core.content.models import Review

DRAFTS_FILE = "drafts.json"


def place(anchor: Anchor) -> tuple[str, str | None, int | None]:
    """Where a note is typed, as drafts are kept: its comment, else its paragraph, else the review.
    A quoted selection belongs to its paragraph or comment (the same words are hard to select again)."""
    if anchor.comment_id is not None:
        return anchor.review_id, anchor.comment_id, None
    return anchor.review_id, None, anchor.paragraph


class Draft(NamedTuple):
    """What was typed, where it was to go (`target`: the editor's line saying so) and when it was kept."""

    anchor: Anchor
    text: str
    target: str
    kept: str

    def to_doc(self) -> dict[str, Any]:
        return {"anchor": self.anchor.to_doc(), "text": self.text, "target": self.target, "kept": self.kept}

    @classmethod
    def from_doc(cls, doc: Any) -> Draft | None:
        """None for a record that is not a draft (a hand-edited or damaged file): skipped, not fatal.
        Its anchor is checked as the user file's notes are (`anchor_shape`)."""
        if not isinstance(doc, dict) or anchor_fault(doc.get("anchor")) or not isinstance(doc.get("text"), str):
            return None
        return cls(Anchor.from_doc(doc["anchor"]), doc["text"], str(doc.get("target", "")), str(doc.get("kept", "")))


def _records(drafts: dict[str, Any]) -> list[tuple[str, Draft]]:
    return [(key, draft) for key, doc in drafts.items() if (draft := Draft.from_doc(doc)) is not None]


def _key(anchor: Anchor) -> str:
    """The file's key for the draft at `anchor`'s place; also their order wherever they are listed."""
    return dumps(place(anchor), ensure_ascii=False)


def _without(drafts: dict[str, Any], anchor: Anchor) -> bool:
    """The draft at `anchor`'s place taken out of `drafts` (under whatever key an older file
    gave it). True when there was one."""
    keys = [key for key, draft in _records(drafts) if place(draft.anchor) == place(anchor)]
    for key in keys:
        del drafts[key]
    return bool(keys)


def _at(drafts: dict[str, Any], anchor: Anchor) -> Draft | None:
    return next((draft for _, draft in _records(drafts) if place(draft.anchor) == place(anchor)), None)


class Drafts:
    """The drafts of one data folder, by place (`place`)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DRAFTS_FILE
        self.lock_path = data_dir / (DRAFTS_FILE + ".lock")

    def _read(self) -> dict[str, Any]:
        """The file's drafts; a corrupt file moved aside (kept for the user), never dropped."""
        try:
            value = read_json(self.path)
        except ValueError:
            move_aside(self.path)
            return {}
        return value if isinstance(value, dict) else {}

    def all(self) -> list[Draft]:
        """Every draft kept, by place (none when the file is unreadable: the next write moves it aside).
        Read without the lock, as every reader of the user's data is."""
        try:
            value = read_json(self.path)
        except ValueError:
            return []
        drafts = _records(value) if isinstance(value, dict) else []
        return [draft for _, draft in sorted(drafts, key=lambda found: _key(found[1].anchor))]

    def stamp(self) -> tuple[int, int, int] | None:
        """Changes when any process writes the drafts (every write replaces the file): what `A` shows of
        them is read again then, as it is when the user file changes."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def on(self, review_id: str) -> list[Draft]:
        """The drafts kept on `review_id`, at any of its places."""
        return [draft for draft in self.all() if draft.anchor.review_id == review_id]

    def on_any(self, reviews: Iterable[Review]) -> list[Draft]:
        """The drafts kept on any of `reviews`, for an import: none without a drafts file (a folder in its
        place fails no import; `a` and `A` say it)."""
        if not self.path.is_file():
            return []
        ids = {review.id for review in reviews}
        return [draft for draft in self.all() if draft.anchor.review_id in ids]

    def keep(self, anchor: Anchor, text: str, target: str, over: Draft | None = None) -> Draft:
        """`text` kept as the draft at `anchor`'s place, over `over` (the draft the editor opened with, or
        last kept). A draft another window kept there since is not overwritten: its text goes first, then
        `text` (two windows typing at one place, then closed: the first one's text was lost)."""
        with locked(self.lock_path):
            drafts = self._read()
            here = _at(drafts, anchor)
            if here is not None and here != over and here.text.strip() not in text:
                text = f"{here.text.rstrip()}\n\n{text}"
            _without(drafts, anchor)
            kept = Draft(anchor, text, target, now())
            drafts[_key(anchor)] = kept.to_doc()
            write_json(self.path, drafts)
        return kept

    def drop(self, anchor: Anchor) -> None:
        """The draft at `anchor`'s place saved as a note, or discarded: gone (no write when there is none)."""
        if not self.path.exists():
            return
        with locked(self.lock_path):
            drafts = self._read()
            if _without(drafts, anchor):
                write_json(self.path, drafts)

    def discard(self, draft: Draft) -> bool:
        """`draft` thrown away, only if it is still the one at its place: a draft another window kept
        there since (typed on) is not discarded unseen. False when it was not there any more."""
        if not self.path.exists():
            return False
        with locked(self.lock_path):
            drafts = self._read()
            if _at(drafts, draft.anchor) != draft:
                return False
            _without(drafts, draft.anchor)
            write_json(self.path, drafts)
            return True

    def restore(self, drafts: Iterable[Draft]) -> int:
        """A backup's drafts put back at their places, where the draft kept there is not newer (one typed
        since the backup was made wins; the same draft is not written again). How many were put back."""
        wanted = list(drafts)
        if not wanted:
            return 0
        put = 0
        with locked(self.lock_path):
            current = self._read()
            for draft in wanted:
                here = _at(current, draft.anchor)
                if here is not None and (here == draft or here.kept >= draft.kept):
                    continue
                _without(current, draft.anchor)
                current[_key(draft.anchor)] = draft.to_doc()
                put += 1
            if put:
                write_json(self.path, current)
        return put

    def follow(self, reviews: list[Review], before: Mapping[str, tuple[str, ...]] | None = None) -> int:
        """The drafts on `reviews`, whose text an import changed (or brought back), moved with their words
        as the reviews' notes are (`anchors.drafts_followed`); `before`: the paragraphs until this import
        (`anchors.paragraphs_before`). How many drafts the reviews hold."""
        mine = self.on_any(reviews)
        if mine:
            from tui_reader.core.personal.anchors import drafts_followed

            self.move(drafts_followed(mine, reviews, before))
        return len(mine)

    def move(self, moves: Iterable[tuple[Draft, Anchor]]) -> None:
        """Each draft placed at its new anchor (its words moved, as a note's do): only a draft still as it
        was, and never over another draft kept at the new place (it stays where it was, then)."""
        moves = [(draft, anchor) for draft, anchor in moves if anchor != draft.anchor]
        if not moves:
            return
        with locked(self.lock_path):
            current = self._read()
            for draft, anchor in moves:
                if _at(current, draft.anchor) != draft or (
                    place(anchor) != place(draft.anchor) and _at(current, anchor)
                ):
                    continue
                _without(current, draft.anchor)
                current[_key(anchor)] = draft._replace(anchor=anchor).to_doc()
            write_json(self.path, current)
