"""Personal-layer commands for scripts: bookmark, note add, notes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from tui_reader.core.content.models import Anchor, Note
from tui_reader.core.content.text import visible
from tui_reader.core.personal.export import json_text
from tui_reader.core.store import Store


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    bookmark = commands.add_parser("bookmark", parents=[common], help="toggle the bookmark on a review")
    bookmark.add_argument("id", help="review id or a unique prefix of it")
    bookmark.add_argument("--comment", metavar="COMMENT_ID", help="bookmark one comment of it instead")
    note = commands.add_parser("note", parents=[common], help="add a note: note add ID TEXT")
    note_commands = note.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    add = note_commands.add_parser("add", parents=[common], help="add a note to a review")
    add.add_argument("id", help="review id or a unique prefix of it")
    add.add_argument("text", help="the note ('-' reads it from standard input)")
    add.add_argument("--comment", metavar="COMMENT_ID", help="attach it to one comment")
    notes = commands.add_parser("notes", parents=[common], help="list notes across the library")
    notes.add_argument("--json", action="store_true", help="JSON Lines, one note per line")


def cmd_bookmark(store: Store, args: argparse.Namespace) -> int:
    review_id = store.library.resolve(args.id)
    now_marked = store.user.toggle_bookmark(review_id, args.comment)
    target = f"comment {args.comment} of {review_id}" if args.comment else review_id
    print(f"{'bookmarked' if now_marked else 'unbookmarked'} {visible(target, single_line=True)}")
    return 0


def cmd_note(store: Store, args: argparse.Namespace) -> int:
    review_id = store.library.resolve(args.id)
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise LookupError("a note needs some text")
    note = store.user.add_note(Anchor(review_id, comment_id=args.comment), text.strip())
    print(f"added note {note.id} to {review_id}")
    return 0


def _note_line(note: Note, title: str) -> str:
    where = f" › comment {note.anchor.comment_id[:8]}" if note.anchor.comment_id else ""
    mark = " (detached)" if note.detached else ""
    return f"{note.id[:8]}  {note.anchor.review_id[:10]}  {title}{where}{mark}: {note.text}"


def cmd_notes(store: Store, args: argparse.Namespace) -> int:
    library = store.library
    for note in sorted(store.user.snapshot().notes, key=lambda n: n.created):
        if args.json:
            sys.stdout.write(json_text(note.to_doc()))
            continue
        position = library.position(note.anchor.review_id)
        title = library.summary(position).title if position is not None else "(review not in the library)"
        sys.stdout.write(visible(_note_line(note, title), single_line=True) + "\n")
    return 0


PERSONAL_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "bookmark": cmd_bookmark,
    "note": cmd_note,
    "notes": cmd_notes,
}
