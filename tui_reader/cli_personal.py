"""Personal-layer commands for scripts: bookmark, note add/edit/delete, notes, quotes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import Any

from tui_reader.cli_docs import review_doc_of
from tui_reader.cli_ids import each_id
from tui_reader.cli_input import argument_text, stdin_text
from tui_reader.cli_library import UsageError
from tui_reader.core.content.models import walk_comments
from tui_reader.core.content.text import plural, visible
from tui_reader.core.content.user_records import Anchor, Note, Quote
from tui_reader.core.personal.export import json_text
from tui_reader.core.store import Store
from tui_reader.core.store.drafts import Draft, Drafts


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    bookmark = commands.add_parser("bookmark", parents=[common], help="toggle the bookmark on each review")
    bookmark.add_argument("ids", nargs="+", metavar="ID", help="review ids or unique prefixes of them")
    bookmark.add_argument("--comment", metavar="COMMENT_ID", help="bookmark one comment of the (one) review instead")
    note = commands.add_parser("note", parents=[common], help="add, edit or delete a note: note add ID TEXT")
    note_commands = note.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    add = note_commands.add_parser("add", parents=[common], help="add a note to a review")
    add.add_argument("id", help="review id or a unique prefix of it")
    add.add_argument("text", help="the note ('-' reads it from standard input)")
    on = add.add_mutually_exclusive_group()
    on.add_argument("--comment", metavar="COMMENT_ID", help="attach it to one comment")
    on.add_argument("--paragraph", metavar="N", type=_paragraph_number, help="attach it to paragraph N (¶N, from 1)")
    edit = note_commands.add_parser("edit", parents=[common], help="replace a note's text")
    edit.add_argument("note_id", metavar="NOTE_ID", help="as `notes` shows it (a unique prefix of the id)")
    edit.add_argument("text", help="the new text ('-' reads it from standard input)")
    delete = note_commands.add_parser("delete", parents=[common], help="delete a note")
    delete.add_argument("note_id", metavar="NOTE_ID", help="as `notes` shows it (a unique prefix of the id)")
    notes = commands.add_parser("notes", parents=[common], help="list notes (and drafts not saved) across the library")
    notes.add_argument("--json", action="store_true", help="JSON Lines, one note per line (a draft's: draft true)")
    quotes = commands.add_parser("quotes", parents=[common], help="list kept quotes across the library")
    quotes.add_argument("--json", action="store_true", help="JSON Lines, one quote per line")


def _named(ids: list[str], given: str, noun: str, *, of: str = "", missing: str, hint: str = "") -> str:
    """The id `given` names: itself, or the one id it is the start of (`notes` shows 8 characters);
    a LookupError, said in one line, when it names none (`missing`, the id as given, `hint`) or several."""
    if given in ids:
        return given
    matches = [found for found in ids if given and found.startswith(given)]
    if len(matches) == 1:
        return matches[0]
    shown = repr(visible(given, single_line=True))
    if matches:
        raise LookupError(f"{shown} is the start of {plural(len(matches), noun + ' id')}{of}")
    raise LookupError(f"{missing}{shown}{hint}")


def comment_of(store: Store, review_id: str, given: str | None) -> str | None:
    """The id of the review's comment that `given` names (the id or a unique prefix of it, as `notes`
    shows); a LookupError, said in one line, when it names none."""
    if given is None:
        return None
    review = store.library.get(review_id)
    ids = [comment.id for _, comment in walk_comments(review.comments)] if review is not None else []
    return _named(
        ids, given, "comment", of=f" of review {review_id}", missing=f"review {review_id} has no comment with id "
    )


def cmd_bookmark(store: Store, args: argparse.Namespace) -> int:
    """Toggle each review's bookmark (`search -l | xargs tui-reader bookmark`); an unknown id is
    said, the others toggled, and the exit is 1."""
    if args.comment is not None and len(args.ids) > 1:
        raise UsageError("--comment names a comment of one review: give one ID with it")
    ids, every = each_id(store.library, args.ids)
    for review_id in ids:
        comment_id = comment_of(store, review_id, args.comment)
        now_marked = store.user.toggle_bookmark(review_id, comment_id)
        target = f"comment {comment_id} of {review_id}" if comment_id else review_id
        print(f"{'bookmarked' if now_marked else 'unbookmarked'} {visible(target, single_line=True)}")
    return 0 if every else 1


def _paragraph_number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a paragraph number (1 is the first): {value!r}")
    return int(value)


def _note_text(given: str) -> str:
    text = stdin_text("note") if given == "-" else argument_text(given, "note")
    if not text.strip():
        raise LookupError("a note needs some text")
    return text.strip()


def _anchor(store: Store, review_id: str, args: argparse.Namespace) -> Anchor:
    """The review, one comment of it (`--comment`) or one paragraph (`--paragraph N`), as `a` in the app."""
    if args.paragraph is None:
        return Anchor(review_id, comment_id=comment_of(store, review_id, args.comment))
    review = store.library.get(review_id)
    paragraphs = review.paragraphs if review is not None else ()
    if args.paragraph > len(paragraphs):
        raise LookupError(f"review {review_id} has {plural(len(paragraphs), 'paragraph')}: no ¶{args.paragraph}")
    index = args.paragraph - 1
    return Anchor(review_id, paragraph=index, paragraph_text=paragraphs[index])


def _note_named(store: Store, given: str) -> Note:
    """The note whose id is `given` or starts with it."""
    notes = {note.id: note for note in store.user.snapshot().notes}
    return notes[_named(list(notes), given, "note", missing="no note with id ", hint=" (`notes` lists them)")]


def cmd_note(store: Store, args: argparse.Namespace) -> int:
    if args.note_command == "add":
        review_id = store.library.resolve(args.id)
        text = _note_text(args.text)
        anchor = _anchor(store, review_id, args)
        note = store.user.add_note(anchor, text)
        print(f"added note {note.id} to {review_id} ({anchor.place()})")
        return 0
    note = _note_named(store, args.note_id)
    if args.note_command == "delete":
        if not store.user.delete_note(note.id):
            raise LookupError(f"note {note.id} was deleted meanwhile")
        print(f"deleted note {note.id}")
        return 0
    said = store.user.update_note(note, _note_text(args.text))
    print(f"edited note {note.id}" if said == "saved" else f"note {note.id} {said}: kept as a new note beside it")
    return 0


def _record_line(record: Note | Quote | Draft, title: str, *, removed: bool) -> str:
    anchor = record.anchor
    where = f"comment {anchor.comment_id[:8]}" if anchor.comment_id else anchor.place()
    if isinstance(record, Draft):  # no id to edit it by: `a` at its place in the app, or `A`, resumes it
        return f"draft  {anchor.review_id[:10]}  {title} › {where} (draft, not saved): {record.text}"
    mark = " (detached)" if record.detached and not removed else ""  # "(removed)" says it already
    return f"{record.id[:8]}  {anchor.review_id[:10]}  {title} › {where}{mark}: {record.text}"


def _json_line(record: Note | Quote | Draft, review: dict[str, Any] | None) -> dict[str, Any]:
    """A note's or a quote's keys; a draft has a note's (no `id`: it is not saved; `created` and
    `updated` when it was kept; `detached` when its review was removed) and `draft: true`, which a
    note's line says false: `notes --json | jq 'select(.draft | not)'` is the notes alone."""
    place = {"place": record.anchor.place(), "review": review}
    if isinstance(record, Note):
        return {**record.to_doc(), "draft": False, **place}
    if isinstance(record, Quote):
        return {**record.to_doc(), **place}
    doc = record.to_doc()
    note = {"id": None, "anchor": doc["anchor"], "text": record.text, "created": record.kept, "updated": record.kept}
    return {**note, "detached": review is None, "draft": True, "target": record.target, **place}


def _when(record: Note | Quote | Draft) -> str:
    return record.kept if isinstance(record, Draft) else record.created


def _list_records(store: Store, records: Iterable[Note | Quote | Draft], as_json: bool) -> int:
    """`notes` and `quotes`: oldest first, each on its review's title (or the title a removed one
    had), marked `(detached)` when its passage or comment is gone from the review; a draft (a note
    typed in the app and not saved) among the notes, marked so."""
    library, removed = store.library, store.user.removed_titles()
    for record in sorted(records, key=_when):
        if as_json:
            review = review_doc_of(store, record.anchor.review_id)  # None: removed from the library
            sys.stdout.write(json_text(_json_line(record, review)))
            continue
        position = library.position(record.anchor.review_id)
        if position is not None:
            title = library.summary(position).title
        else:  # as the app's notes list says it: the title it had, kept with the record
            gone = removed.get(record.anchor.review_id)
            title = f"{gone} (removed)" if gone else "(review not in the library)"
        line = _record_line(record, title, removed=position is None)
        sys.stdout.write(visible(line, single_line=True) + "\n")
    return 0


def cmd_notes(store: Store, args: argparse.Namespace) -> int:
    """Every note, and every draft waiting (`drafts.json`): a note typed and not saved is found here too."""
    return _list_records(store, [*store.user.snapshot().notes, *Drafts(store.data_dir).all()], args.json)


def cmd_quotes(store: Store, args: argparse.Namespace) -> int:
    return _list_records(store, store.user.snapshot().quotes, args.json)


PERSONAL_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "bookmark": cmd_bookmark,
    "note": cmd_note,
    "notes": cmd_notes,
    "quotes": cmd_quotes,
}
