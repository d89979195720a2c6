"""The shape of the user file: what each table's records must hold for the code to rely on them.

A file that parses but holds a note without an anchor, or notes as a list, would fail
deep inside the app; checking the shape here lets `UserData` keep every well-formed
record, set the rest aside (with a copy of the whole file) and say so in one line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui_reader.core.content.anchor_shape import (
    OPTIONAL_TEXT,
    THING_FIELDS,
    anchor_fault,
    field_fault,
    kind_of,
    thing_fault,
)

BOOKMARKS, NOTES, QUOTES, READ, META = "bookmarks", "notes", "quotes", "read", "meta"
SUBJECTS = "subjects"  # review id -> the subject the user set, over the imported one
THINGS = "things"  # an imported subject's group -> the name the user gave that thing, for its later reviews


def schema_of(value: dict[str, Any]) -> int:
    meta = value.get(META)
    doc = meta.get("1") if isinstance(meta, dict) else None
    schema = doc.get("schema", 0) if isinstance(doc, dict) else 0
    return schema if isinstance(schema, int) and not isinstance(schema, bool) else 0


def _anchor_fault(doc: dict[str, Any]) -> str | None:
    return "no anchor" if "anchor" not in doc else anchor_fault(doc["anchor"])


# Per table, the fields the code relies on: (name, accepted types, required). Others are
# coerced by the models' from_doc (a number as `created` does no harm) and kept as they are.
_FIELDS: dict[str, tuple[tuple[str, tuple[type, ...], bool], ...]] = {
    BOOKMARKS: (("id", (str,), True), ("review_id", (str,), True), ("comment_id", OPTIONAL_TEXT, False)),
    NOTES: (("id", (str,), True), ("text", (str,), False)),
    QUOTES: (("id", (str,), True), ("text", (str,), False), ("destinations", (list,), False)),
    READ: (("review_id", (str,), True),),
    SUBJECTS: (("review_id", (str,), True), ("subject", (dict,), True)),
    THINGS: THING_FIELDS,  # and their subject's fields: `thing_fault`, the backup's check too
    META: (("schema", (int,), False),),
}


def _record_fault(table: str, doc: Any) -> str | None:
    if not isinstance(doc, dict):
        return f"{kind_of(doc)}, not a record"
    for name, types, required in _FIELDS[table]:
        if fault := field_fault(doc, name, types, required):
            return fault
    if table in (NOTES, QUOTES) and (fault := _anchor_fault(doc)):
        return fault
    if table == THINGS and (fault := thing_fault(doc)):
        return fault
    if table == QUOTES and not all(isinstance(d, str) for d in doc.get("destinations", ())):
        return "destinations are not all text"
    return None


def misshapen(value: dict[str, Any]) -> bool:
    """Quick test: does any known table hold something the code could trip on?"""
    for table in _FIELDS:
        records = value.get(table)
        if records is None:
            continue
        if not isinstance(records, dict):
            return True
        for key, doc in records.items():
            if not key.isdecimal() or _record_fault(table, doc) is not None:
                return True
    return False


def checked(value: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The document with every malformed record left out, and what was left out, one phrase each.

    A table stored as a list keeps its well-formed items, renumbered; unknown tables stay.
    """
    clean = dict(value)
    faults: list[str] = []
    singular = {
        BOOKMARKS: "bookmark",
        NOTES: "note",
        QUOTES: "quote",
        READ: "read mark",
        SUBJECTS: "subject",
        THINGS: "thing named",
        META: "meta",
    }
    for table in _FIELDS:
        records = value.get(table)
        if records is None:
            continue
        if isinstance(records, list):
            faults.append(f"{table} was a list: renumbered")
            records = {str(number): doc for number, doc in enumerate(records, 1)}
        elif not isinstance(records, dict):
            faults.append(f"left out {table}: {kind_of(records)}, not a table")
            clean.pop(table)
            continue
        kept: dict[str, Any] = {}
        for key, doc in records.items():
            fault = "its number is not a number" if not key.isdecimal() else _record_fault(table, doc)
            if fault is None:
                kept[key] = doc
            else:
                faults.append(f"left out {singular[table]} {key}{_gist(doc)}: {fault}")
        clean[table] = kept
    return clean, faults


def _gist(doc: Any) -> str:
    """A left-out record's text, shortened, so the user can find it in the copy."""
    text = doc.get("text") if isinstance(doc, dict) else None
    if not isinstance(text, str) or not text.strip():
        return ""
    words = " ".join(text.split())
    return f' ("{words[:24]}…")' if len(words) > 24 else f' ("{words}")'


def listed(faults: list[str], shown: int = 3) -> str:
    listed = "; ".join(faults[:shown])
    return listed + (f"; and {len(faults) - shown} more" if len(faults) > shown else "")


def fault_line(path: Path, faults: list[str], kept: Path) -> str:
    return (
        f"{path}: repaired ({listed(faults)}); "
        f"every other record is kept, and the whole file as it was is kept as {kept.name}"
    )


def salvaged(data: bytes) -> dict[str, Any]:
    """The tables and whole records of a user file that does not parse, read from its start up to the
    damage: a file cut short (a disk full, a copy interrupted) keeps every record before the cut, where
    the whole file was set aside and the notes started empty. The records are still `checked` after."""
    text, decode = data.decode("utf-8", errors="replace"), json.JSONDecoder().raw_decode
    found: dict[str, Any] = {}
    at = _skip(text, 0, "{")
    try:
        while at is not None:
            name, at = decode(text, at)
            at = _skip(text, at, ":")
            if at is None or text[at] != "{":  # a table is an object of records: nothing else is kept
                break
            table = found.setdefault(str(name), {})
            at = _skip(text, at, "{")
            while at is not None and text[at] != "}":
                key, at = decode(text, at)
                record, at = decode(text, _skip(text, at, ":") or len(text))
                if isinstance(record, dict):  # a record cut short is no record, nor a number cut short
                    table[str(key)] = record
                at = _skip(text, at, ",", optional=True)
            at = None if at is None else _skip(text, _skip(text, at, "}") or len(text), ",")
    except (ValueError, IndexError, RecursionError):  # the damage: what was whole before it is kept
        pass
    return found


def _skip(text: str, at: int, sign: str, *, optional: bool = False) -> int | None:
    """Past whitespace and `sign` (and whitespace after it); None when the text has no such sign there."""
    while at < len(text) and text[at].isspace():
        at += 1
    if at < len(text) and text[at] == sign:
        at += 1
    elif not optional:
        return None
    while at < len(text) and text[at].isspace():
        at += 1
    return at if at < len(text) else None


def records_in(document: Mapping[str, Any]) -> int:
    """How many notes, quotes, bookmarks and subjects a document holds."""
    return sum(len(table) for name, table in document.items() if name != META and isinstance(table, dict))


def old_read_marks(tables: Mapping[str, Any]) -> frozenset[str]:
    """Read marks as files before the read-marks log kept them: records in the READ table."""
    table = tables.get(READ)
    if not isinstance(table, dict):
        return frozenset()
    return frozenset(d["review_id"] for d in table.values() if isinstance(d, dict) and d.get("read"))
