"""The keys that describe a review in every `--json` line (list, show, search, notes, quotes): made
here once, so a script reads the same `title`, `subject`, `comment_count`... whichever command it ran.
`list --json` had `excerpt` and `voters` that `show --json` had not; `notes --json` said nothing of
the review a note is on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tui_reader.core.content.models import Subject
    from tui_reader.core.store import Store


def review_doc(store: Store, position: int, overrides: Mapping[str, Subject] | None = None) -> dict[str, Any]:
    """The catalog's row at `position` (no shard is opened), the effective subject as an object
    (`name`, `kind`, `year`, `creator`, `ref`) and the tags: a `list --json` line. `overrides`:
    the user's subjects, read once by a caller writing every row (not a stat of their file a row)."""
    library = store.library
    summary = library.summary(position)
    doc = summary._asdict()
    del doc["subject_key"], doc["kind"]  # the subject object says them
    users = store.subject_overrides() if overrides is None else overrides
    subject = users.get(summary.id) or library.subject_at(position)
    doc["subject"] = subject.to_doc() if subject is not None else None
    doc["tags"] = list(library.tags_at(position))
    return doc


def review_doc_of(store: Store, review_id: str) -> dict[str, Any] | None:
    """`review_doc` of the review with this id; None when it is not in the library (removed)."""
    position = store.library.position(review_id)
    return None if position is None else review_doc(store, position)
