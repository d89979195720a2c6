"""Text folded for matching as the tokeniser folds it (`tokens.fast_fold`), in C where it can be.

Snippets and spans fold each field a hit is looked for in; most of a rare word's snippet time was
folding (`fast_fold` lowers the whole text and finds non-ASCII runs with a regex). Latin-1 text is
folded by a byte table instead, and a run above Latin-1 by the encoder's error handler.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from tui_reader.core.search.tokens import fast_fold


def folded_text(text: str) -> str:
    """`fast_fold(text)`, in C where the text is Latin-1: encoded, each byte folded by a table
    (`bytes.translate`), decoded. `fast_fold` finds the non-ASCII runs with a regex (~15 ns a
    character) and lowers the whole text first: ~80 us of a 5 KB review with an accent in every
    paragraph, which most of a rare word's snippet time was. A run above Latin-1 goes to the
    encoder's error handler (each distinct run folded once); a fold Latin-1 cannot write is
    put back in its place after."""
    if text.isascii():
        return text.lower()
    table, expanding = _latin1_folds()
    if _SPLICE in text:
        return fast_fold(text)
    for char, folded in expanding:
        if char in text:
            text = text.replace(char, folded)
    latin = text.encode("latin-1", _FOLD_HANDLER).translate(table).decode("latin-1")
    if _SPLICE not in latin:
        return latin
    spliced = [folded for run in _WIDE_RUN.findall(text) for folded, fits in (_run_fold(run),) if not fits]
    parts = latin.split(_SPLICE)
    pieces = [parts[0]]
    for folded, part in zip(spliced, parts[1:], strict=True):
        pieces += (folded, part)
    return "".join(pieces)


def one_for_one(text: str) -> str | None:
    """The fold of Latin-1 text holding no character whose fold is longer (None: other text):
    one character for one, so its spans need no character map."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    table, expanding = _latin1_folds()
    if any(char in text for char, _ in expanding):
        return None
    return raw.translate(table).decode("latin-1")


@cache
def _latin1_folds() -> tuple[bytes, list[tuple[str, str]]]:
    """Each Latin-1 character's fold as one byte, and those whose fold is not one Latin-1
    character (`ß` -> `ss`), replaced before encoding."""
    table = bytearray(range(256))
    expanding: list[tuple[str, str]] = []
    for code in range(128, 256):
        char = chr(code)
        folded = fast_fold(char)
        if len(folded) == 1 and ord(folded) < 256:
            table[code] = ord(folded)
        else:
            expanding.append((char, folded))
    table[65:91] = bytes(range(97, 123))
    return bytes(table), expanding


def _fold_run(error: UnicodeError) -> tuple[str, int]:
    """The encoder's handler: a run of characters above Latin-1, folded (or its place kept: the
    caller puts the folds back in the order of the runs, `_WIDE_RUN`, with no state kept here,
    so threads folding at once need none of their own)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    folded, fits = _run_fold(error.object[error.start : error.end])
    return (folded if fits else _SPLICE), error.end


def _run_fold(run: str) -> tuple[str, bool]:
    """A run's fold, and whether Latin-1 can write it (each distinct run folded once)."""
    known = _FOLDED_RUNS.get(run)
    if known is None:
        folded = fast_fold(run)
        known = (folded, not folded or max(folded) <= "\xff")
        if len(_FOLDED_RUNS) < 100_000:
            _FOLDED_RUNS[run] = known
    return known


_SPLICE = "\x00"  # where a fold Latin-1 cannot write goes back (a text holding one is left to fast_fold)
_WIDE_RUN = re.compile(r"[^\x00-\xff]+")  # the runs the encoder hands its handler, in order
_FOLDED_RUNS: dict[str, tuple[str, bool]] = {}
_FOLD_HANDLER = "tui_reader.fold_runs"
codecs.register_error(_FOLD_HANDLER, _fold_run)
