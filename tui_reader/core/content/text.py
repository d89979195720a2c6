"""Text repair at import and neutralising at display.

Two different jobs, kept apart on purpose:
- `repair()` runs once at import: it fixes what encodings and exporters broke
  (CRLF, non-breaking spaces, cp1252 bytes mis-decoded as C1 controls).
- `visible()` runs on every string before it is drawn: review text is hostile,
  so no control character, escape sequence or bidi override reaches the terminal.
- `editable()` is for text the user edits (a note in the editor): drawn as typed and
  saved back as shown, so controls are dropped rather than shown as pictures.
"""

from __future__ import annotations

import re
import unicodedata

# Spaces that look like a space but break search and wrapping.
# The CJK ideographic space (U+3000) is intended typography and is kept.
_ODD_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"),
    " ",
)


def _c1_to_cp1252(match: re.Match[str]) -> str:
    """A C1 control in decoded text is almost always a cp1252 byte read as latin-1."""
    byte = bytes([ord(match.group())])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252
        return ""


_C1 = re.compile("[\u0080-\u009f]")
# C0 controls except tab and newline, plus DEL: never meaningful in review text.
_C0 = re.compile("[\u0000-\u0008\u000b-\u001f\u007f]")


# A terminal escape sequence whole: CSI (`ESC [ 31m`, 8-bit `\x9b`), OSC to its BEL or ST (`ESC ] 0;title BEL`;
# one never ended is not taken: the words after it stay), and a two-character escape (`ESC c`). Imported text
# loses the 7-bit ones whole (`_ESC_SEQUENCE`): once its ESC was dropped, `[31m` was shown as the author's
# words. The 8-bit forms are taken out of notes only: in an import `\x9b` is cp1252's `›` read as latin-1.
_ESC_FORMS = "\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)|\x1b[@-Z\\\\^_`-~]"
_ESC_SEQUENCE = re.compile(_ESC_FORMS)
_ESCAPE_SEQUENCE = re.compile(f"{_ESC_FORMS}|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)")

_C0_BYTES = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])  # `_C0` as bytes, for ASCII text
_ODD_SPACE = re.compile(f"[{re.escape(''.join(map(chr, _ODD_SPACES)))}]")


def without_controls(text: str) -> str:
    """Line ends normalised, C0 controls but tab and newline and DEL dropped, C1 read as cp1252:
    what every importer's text goes through (`repair` and the HTML reader, which keeps the rest of
    its text, a no-break space too, as written)."""
    return _controls_out(text)[0]


def _controls_out(text: str) -> tuple[str, bool]:
    """`without_controls(text)`, and whether it held a character not printable but for tabs and line
    ends (only then may it hold an odd space). ASCII text drops its controls in one bytes pass (the
    `_C0` regex tries every position); text whose every character is printable skips the regexes,
    which cost ~60 µs an accented IMDB review (`isprintable` ~1 µs)."""
    if "\r" in text:  # (looked for once: looking for "\r\n" costs ~1 us a review)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ESC_SEQUENCE.sub("", text)
    if text.isascii():  # most review text
        return text.encode("ascii").translate(None, _C0_BYTES).decode("ascii"), False
    if text.replace("\n", " ").replace("\t", " ").isprintable():
        return text, False
    return _C1.sub(_c1_to_cp1252, _C0.sub("", text)), True


def repair(text: str) -> str:
    """Normalise line ends, spaces and mis-decoded cp1252 in imported text (`without_controls`,
    odd spaces as spaces, NFC).

    Runs on every imported text: `translate` (a lookup per character) runs only on text that holds
    an odd space (no printable character, so only text `_controls_out` found unprintable)."""
    text, unprintable = _controls_out(text)
    if text.isascii():  # (a flag of the string: no scan)
        return text
    if unprintable and _ODD_SPACE.search(text) is not None:
        text = text.translate(_ODD_SPACES)
    return unicodedata.normalize("NFC", text)


def note_text(text: str) -> str:
    """A note's text as stored: `repair()`ed, and terminal escape sequences left out whole (colored
    output pasted into `note add` kept `[31m` once its ESC was dropped)."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    return repair(text)


# Bidi embeddings/overrides/isolates can reorder what the user sees (U+202E "Trojan source").
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_VISIBLE_MAP: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE_MAP[ord("\n")] = "\n"
_VISIBLE_MAP[ord("\t")] = "    "
_VISIBLE_MAP[0x7F] = "\u2421"
_VISIBLE_MAP.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_VISIBLE_MAP.update({ord(ch): "" for ch in _BIDI})


def visible(text: str, *, single_line: bool = False) -> str:
    """Make every control character visible (C0 as control pictures, C1 as U+FFFD)
    and drop bidi controls, so the string is safe to hand to the terminal.

    Every character `_VISIBLE_MAP` changes is unprintable (Cc or Cf) and a newline maps to
    itself, so printable lines are returned as they are: `translate` looks up each character."""
    cleaned = text if text.isprintable() or text.replace("\n", " ").isprintable() else text.translate(_VISIBLE_MAP)
    if single_line:
        cleaned = " ".join(cleaned.split())
    return cleaned


_NO_BIDI = dict.fromkeys(map(ord, _BIDI))


def editable(text: str) -> str:
    """Text safe to edit and draw: `repair()` (no C0 control but tab and newline, no DEL,
    C1 read as cp1252, CRLF and odd spaces normalised) with the bidi controls dropped."""
    return repair(text).translate(_NO_BIDI)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching (keeps CJK as is)."""
    # Case-folded again after NFKD: compatibility forms decompose to capitals ("𝐀" -> "A").
    decomposed = unicodedata.normalize("NFKD", text.casefold()).casefold()
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary at or before `limit` characters (no ellipsis added)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit].rstrip()


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 note`, `2 notes`, `0 replies`, `78,667 reviews` (`nouns` for the irregular ones): every
    count said to a reader."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


# A character reference as HTML writes it, its `;` included: `&#305;`, `&#x2019;`, `&amp;`.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")


def _character(match: re.Match[str]) -> str:
    """A named reference only when HTML names it with its `;`: `T&A;` stays as written, and
    `&notice;` is not `¬ice;` (the stdlib also decodes legacy names without their `;`)."""
    import html  # here: `html.entities` is a 2,000-name table most commands never need
    from html.entities import html5

    if match[1] is None:
        return html.unescape(match[0])  # numbers: 128-159 as cp1252 (`&#150;` is –), invalid ones dropped
    return html5.get(match[1] + ";", match[0])


def html_references(text: str) -> str:
    """An HTML fragment's character references as the characters they stand for: IMDb's files
    (`Alt&#305;oklar`, `the surge&#8217;s`) are HTML, with `<br />` for their breaks. Only for text
    known to be HTML: plain text keeps a `&amp;` as typed."""
    return _REFERENCE.sub(_character, text) if "&" in text else text


def id_like(word: str) -> bool:
    """A word that tells one thing from another of the same kind: it holds a digit (`B000068NVI`,
    `tt0065905`, `#3)`), or it is a long run of letters in both cases (Yelp's
    `BMMcP9fBunmTyYY6XdtQtw` without its digit); a plain long word is not one."""
    if any(char.isdigit() for char in word):
        return True
    return len(word) >= 12 and word.isascii() and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
