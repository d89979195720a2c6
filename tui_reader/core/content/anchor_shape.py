"""The shape of a stored anchor (`Anchor.to_doc`) and of a thing the user named for all its reviews:
what their fields must be for the code to rely on them.

One check for every place an anchor is read back from a file: the user file's notes and quotes
(`store.userdata_shape`), the drafts (`store.drafts`) and the JSON backup (`importers.ownjson`).
Two copies of it had drifted: the drafts checked `paragraph_text`, the user file did not, so a
note whose words were a number was kept and failed where they were drawn. A named thing
(`thing_fault`) is checked once for the user file's `things` table and the backup's `things`.
"""

from __future__ import annotations

from typing import Any

OPTIONAL_TEXT = (str, type(None))
WHOLE = (int, type(None))

# (name, accepted types, required): bool is never a whole number here, though Python says it is.
ANCHOR_FIELDS: tuple[tuple[str, tuple[type, ...], bool], ...] = (
    ("review_id", (str,), True),
    ("comment_id", OPTIONAL_TEXT, False),
    ("paragraph", WHOLE, False),
    ("offset", WHOLE, False),
    ("quoted", OPTIONAL_TEXT, False),
    ("paragraph_text", OPTIONAL_TEXT, False),
)


def kind_of(value: Any) -> str:
    """What a JSON value is, in words: `an object`, `a list`, `text`, `true/false`, `a number`, `null`."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def field_fault(doc: dict[str, Any], name: str, types: tuple[type, ...], required: bool) -> str | None:
    """`no NAME` or `NAME is a list`: what is wrong with one field of `doc`; None when nothing is."""
    if name not in doc:
        return f"no {name}" if required else None
    value = doc[name]
    if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
        return f"{name} is {kind_of(value)}"
    return None


def anchor_fault(anchor: Any) -> str | None:
    """What is wrong with an anchor's document (`anchor is a list`, `anchor: paragraph is text`);
    None when `Anchor.from_doc` gives an anchor every part of the code can use."""
    if not isinstance(anchor, dict):
        return f"anchor is {kind_of(anchor)}"
    for name, types, required in ANCHOR_FIELDS:
        if fault := field_fault(anchor, name, types, required):
            return f"anchor: {fault}"
    return None


# A subject as `Subject.to_doc` writes it, and a thing named for every review of it: the user file's
# `things` record and the backup's (`{"group": …, "subject": …}`; the user file adds when, `at`).
SUBJECT_SHAPE: tuple[tuple[str, tuple[type, ...], bool], ...] = (
    ("name", (str,), True),
    ("kind", OPTIONAL_TEXT, False),
    ("year", WHOLE, False),
    ("creator", OPTIONAL_TEXT, False),
    ("ref", OPTIONAL_TEXT, False),
)
THING_FIELDS: tuple[tuple[str, tuple[type, ...], bool], ...] = (("group", (str,), True), ("subject", (dict,), True))


def thing_fault(doc: Any) -> str | None:
    """What is wrong with a named thing's record (`no group`, `subject: name is empty`); None when its
    name reads back as the subject it was (`Subject.from_doc`), for the group of reviews it names."""
    if not isinstance(doc, dict):
        return f"{kind_of(doc)}, not a record"
    for name, types, required in THING_FIELDS:
        if fault := field_fault(doc, name, types, required):
            return fault
    if not doc["group"].strip():
        return "group is empty"
    for name, types, required in SUBJECT_SHAPE:
        if fault := field_fault(doc["subject"], name, types, required):
            return f"subject: {fault}"
    return None if doc["subject"]["name"].strip() else "subject: name is empty"
