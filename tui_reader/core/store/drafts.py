"""Notes typed and not saved when the reader closed (`q`, Ctrl+Q, SIGTERM, SIGHUP: the terminal
window closed): what was typed was lost. Kept in `drafts.json` beside the user's data, written as
every user write is (atomically, under a lock), one per review: the next `a` on that review offers
it again in the editor. A draft is never a note until the user saves it; saved or discarded, it goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from tui_reader.core.content.models import Anchor
from tui_reader.core.store.atomic import locked, move_aside, read_json, write_json
from tui_reader.core.store.userdata_records import now

DRAFTS_FILE = "drafts.json"


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
        """None for a record that is not a draft (a hand-edited or damaged file): skipped, not fatal."""
        try:
            anchor, text = Anchor.from_doc(doc["anchor"]), doc["text"]
        except (KeyError, TypeError, ValueError):
            return None
        numbers = (anchor.paragraph, anchor.offset)
        words = (anchor.comment_id, anchor.quoted, anchor.paragraph_text)
        if not isinstance(text, str) or not all(isinstance(n, int | None) and not isinstance(n, bool) for n in numbers):
            return None
        if not all(isinstance(w, str | None) for w in words):
            return None
        return cls(anchor, text, str(doc.get("target", "")), str(doc.get("kept", "")))


class Drafts:
    """The drafts of one data folder, by review id."""

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

    def get(self, review_id: str) -> Draft | None:
        try:
            value = read_json(self.path)
        except ValueError:
            return None
        return Draft.from_doc(value.get(review_id)) if isinstance(value, dict) else None

    def keep(self, anchor: Anchor, text: str, target: str) -> None:
        """`text` kept as the draft of `anchor`'s review (the one before it replaced)."""
        with locked(self.lock_path):
            drafts = self._read()
            drafts[anchor.review_id] = Draft(anchor, text, target, now()).to_doc()
            write_json(self.path, drafts)

    def drop(self, review_id: str) -> None:
        """The draft of `review_id` saved as a note, or discarded: gone (no write when there is none)."""
        if not self.path.exists():
            return
        with locked(self.lock_path):
            drafts = self._read()
            if drafts.pop(review_id, None) is not None:
                write_json(self.path, drafts)
