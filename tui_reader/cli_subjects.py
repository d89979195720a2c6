"""Subject commands: what the library's reviews are reviews of.

tui-reader subjects [--json]                      one subject a line, most reviewed first
tui-reader subject set ID NAME [--kind K] [--year Y] [--creator C] [--ref R] [--all]
tui-reader subject clear ID [--all]               back to the subject the import gave
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from tui_reader.cli_input import argument_text
from tui_reader.core.content.models import Subject
from tui_reader.core.content.ratings import half_up
from tui_reader.core.content.text import plural, visible
from tui_reader.core.personal.export import json_text
from tui_reader.core.store import Store


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    subjects = commands.add_parser("subjects", parents=[common], help="what the reviews are reviews of, with counts")
    subjects.add_argument("--json", action="store_true", help="JSON Lines, one subject per line")
    subject = commands.add_parser("subject", parents=[common], help="set or clear a review's subject")
    actions = subject.add_subparsers(dest="subject_command", metavar="ACTION", required=True)
    set_ = actions.add_parser("set", parents=[common], help="set what a review is a review of")
    set_.add_argument("id", help="review id or a unique prefix of it")
    set_.add_argument("name", help="the film, book, product, game, place... (e.g. Her)")
    set_.add_argument("--kind", help="film, book, product, game, place, app, ...")
    set_.add_argument("--year", type=int, help="e.g. 2013")
    set_.add_argument("--creator", help="director, author, maker (not the reviewer)")
    set_.add_argument("--ref", help="a stable id for the thing (e.g. imdb:tt1798709): reviews with one ref group")
    clear = actions.add_parser("clear", parents=[common], help="forget the subject you set on a review")
    clear.add_argument("id", help="review id or a unique prefix of it")
    for action in (set_, clear):
        action.add_argument(
            "--all",
            action="store_true",
            help="for every review of the same thing (as subjects groups them), and those imported later",
        )


def _text(value: str | None, what: str) -> str | None:
    """An optional argument, trimmed; refused when it holds control characters or is not UTF-8."""
    if value is None or not argument_text(value, what).strip():
        return None
    if not value.strip().isprintable():
        raise LookupError(f"the {what} has control characters")
    return " ".join(value.split())


def cmd_subject(store: Store, args: argparse.Namespace) -> int:
    review_id = store.library.resolve(args.id)
    ids, others = _reviews(store, review_id, every=args.all)
    if args.subject_command == "clear":
        store.set_subject(ids, None, every=args.all)
        now = store.subject_of(review_id)
        shown = visible(now.label, single_line=True) if now is not None else "none"
        print(f"cleared the subject set on {review_id}{others} (now: {shown})")
        return 0
    name = _text(args.name, "name")
    if name is None:
        raise LookupError("a subject needs a name (`tui-reader subject clear ID` removes the one you set)")
    if args.year is not None and not 0 < args.year < 10000:
        raise LookupError(f"--year {args.year} is not a year")
    kind = _text(args.kind, "kind")
    subject = Subject(
        name=name,
        kind=kind.lower() if kind else None,
        year=args.year,
        creator=_text(args.creator, "creator"),
        ref=_text(args.ref, "ref"),
    )
    if args.all and subject.ref is None and (now := store.subject_of(review_id)) is not None:
        subject = subject._replace(ref=now.ref)  # the thing named keeps its ref, as `t` keeps it
    store.set_subject(ids, subject, every=args.all)
    print(f"subject of {review_id}{others}: {visible(_describe(subject), single_line=True)}")
    return 0


def _reviews(store: Store, review_id: str, *, every: bool) -> tuple[list[str], str]:
    """The review, or with `every` each review of the same thing (`S`'s group), and how to say the others."""
    if not every:
        return [review_id], ""
    from tui_reader.core.search.subjects import reviews_of_the_same

    ids = reviews_of_the_same(store, review_id)
    return ids, f" and {plural(len(ids) - 1, 'other review')} of it" if len(ids) > 1 else ""


def _describe(subject: Subject) -> str:
    extra = ", ".join(part for part in (subject.kind, subject.creator) if part)
    return f"{subject.label} ({extra})" if extra else subject.label


def cmd_subjects(store: Store, args: argparse.Namespace) -> int:
    from tui_reader.core.search.subjects import subject_stats, without_subject

    out = sys.stdout
    for stats in subject_stats(store):
        if args.json:
            out.write(json_text(stats.to_json()))
            continue
        parts = [stats.label, *([stats.kind] if stats.kind else []), plural(stats.count, "review")]
        if stats.average is not None:
            parts.append(f"★ {half_up(stats.average, 1):.1f}")
        if stats.recommended or stats.not_recommended:
            parts.append(f"{stats.recommended} recommended, {stats.not_recommended} not")
        out.write("  ".join(visible(part, single_line=True) for part in parts) + "\n")
    if not args.json:
        none = without_subject(store)
        if none:
            out.write(f"({plural(none, 'review')} without a subject: tui-reader subject set ID NAME)\n")
    return 0


SUBJECT_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "subjects": cmd_subjects,
    "subject": cmd_subject,
}
