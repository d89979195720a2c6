"""Text the user gives a command (`note add ID TEXT`, `note add ID -`, `subject set ID NAME`),
made sure to be text before it is stored.

An argument holding bytes that are not UTF-8 reaches Python as surrogate escapes, which no
JSON file can hold: storing one crashed with orjson's "str is not valid UTF-8". It is refused
in one line. Standard input is read as bytes and decoded as the importers decode a file: a
cp1252 notes file piped in reads as cp1252 (and a line says the encoding was guessed).
"""

from __future__ import annotations

import sys

from tui_reader.cli_library import PROG

_ESCAPED = range(0xDC80, 0xDD00)  # how Python keeps an undecodable byte of argv: U+DC00 + the byte


def argument_text(value: str, what: str) -> str:
    """`value` as given; a LookupError naming `what` and the first byte that is not UTF-8."""
    for index, char in enumerate(value):
        if ord(char) in _ESCAPED:
            byte = ord(char) - 0xDC00
            raise LookupError(f"the {what} is not UTF-8 text (byte 0x{byte:02X} at character {index + 1})")
        if 0xD800 <= ord(char) < 0xE000:
            raise LookupError(f"the {what} is not UTF-8 text (character {index + 1} is half a UTF-16 pair)")
    return value


def stdin_text(what: str) -> str:
    """Standard input as text ('' when blank); a LookupError naming `what` when it is binary."""
    data = sys.stdin.buffer.read()
    if not data.strip():
        return ""
    from tui_reader.core.importers.decode import NotText, decode_text  # only for text piped in

    try:
        decoded = decode_text(data)
    except NotText as error:
        raise LookupError(f"standard input: {error}: the {what} must be text") from None
    said = decoded.describe()
    if said:
        print(f"{PROG}: standard input: {said}", file=sys.stderr)
    return decoded.text  # line ends are the store's to repair, as for a note typed in the app
