"""Notes typed and not saved when the reader closed (`q`, Ctrl+Q, SIGTERM, SIGHUP: the terminal
window closed): what was typed was lost. Kept in `drafts.json` beside the user's data, written as
every user write is (atomically, under a lock), one per place (`place`: the review, a paragraph or
a comment; several on one review): the next `a` at that place offers it again in the editor, and
`a` elsewhere on the review is not taken over by it. A draft is never a note until the user saves
it; saved or discarded, it goes. Files written before drafts had places (keyed by review id) are
read as they are: each record carries its anchor, and the anchor is what places it.
"""

from __future__ import annotations

from json import dumps
from pathlib import Path
from typing import Any, NamedTuple

from tui_reader.core.content.anchor_shape import anchor_fault
from tui_reader.core.content.models import Anchor
from tui_reader.core.store.atomic import locked, move_aside, read_json, write_json
from tui_reader.core.store.userdata_records import now

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


def _without(drafts: dict[str, Any], anchor: Anchor) -> bool:
    """The draft at `anchor`'s place taken out of `drafts` (under whatever key an older file
    gave it). True when there was one."""
    keys = [key for key, draft in _records(drafts) if place(draft.anchor) == place(anchor)]
    for key in keys:
        del drafts[key]
    return bool(keys)


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

    def on(self, review_id: str) -> list[Draft]:
        """The drafts kept on `review_id`, at any of its places (none when the file is unreadable)."""
        try:
            value = read_json(self.path)
        except ValueError:
            return []
        drafts = _records(value) if isinstance(value, dict) else []
        return [draft for _, draft in drafts if draft.anchor.review_id == review_id]

    def keep(self, anchor: Anchor, text: str, target: str) -> None:
        """`text` kept as the draft at `anchor`'s place (the one before it there replaced)."""
        with locked(self.lock_path):
            drafts = self._read()
            _without(drafts, anchor)
            drafts[dumps(place(anchor), ensure_ascii=False)] = Draft(anchor, text, target, now()).to_doc()
            write_json(self.path, drafts)

    def drop(self, anchor: Anchor) -> None:
        """The draft at `anchor`'s place saved as a note, or discarded: gone (no write when there is none)."""
        if not self.path.exists():
            return
        with locked(self.lock_path):
            drafts = self._read()
            if _without(drafts, anchor):
                write_json(self.path, drafts)
