"""Bytes to text: encodings decided by evidence, never assumed.

In order, the first that holds wins:

1. a byte-order mark (UTF-8, UTF-16, UTF-32). UTF-32 is read strictly in the mark's byte
   order, else in the other (a mark written in the wrong order); bytes that are UTF-32 in
   neither are no UTF-32 text, whatever the mark says, and are refused (read with their
   bytes replaced, every four became one U+FFFD: a "review" titled `��`);
2. UTF-16 without a BOM, only when NULs sit in every other byte (ASCII-heavy UTF-16);
   otherwise more than 1% NULs is a binary file;
3. UTF-8, strictly: valid UTF-8 is never second-guessed;
4. damaged UTF-8, or a CJK codec (GBK/GB18030, Big5, Shift-JIS, EUC-JP, EUC-KR) whose reading
   is made of the characters that script actually uses. Each candidate decodes with
   undecodable bytes replaced (a character cut at a line end costs that byte, not the file)
   and is scored on its non-ASCII characters: the script's most frequent characters (and
   kana for Japanese) count fully; the rest of its common set (GB2312 level 1, Big5's
   frequent block, JIS level 1, the KS X 1001 syllables) and full-width punctuation half; its
   rarer characters a quarter; anything else nothing; a replaced byte or a control character
   against. GB18030 reads almost any byte pair as some character, but Western or Cyrillic
   text read that way is rare characters and errors, so it scores near nothing. A Japanese
   reading needs kana (cp1252's `’s` is a kanji in Shift-JIS). Before cp1252 is tried a
   reading must rest on at least two frequent characters; a file of one CJK character or two
   is tried after it, as a weak guess;
5. cp1252 for Western text: it decodes cleanly, its accented letters sit in words beside
   ASCII letters and its non-ASCII characters do not come in runs (Cyrillic, Greek or CJK
   read as cp1252 do);
6. another single-byte code page, by charset_normalizer's statistics;
7. cp1252 again if it decodes cleanly and without control characters: a file a standard
   codec reads as text is text. Anything else is binary.

`decode_text` says how sure it is (`guessed`, `weak`, `replaced`); `decode` is the
(text, encoding) pair the importers use. The CJK character sets and the score of step 4
live in `cjk_evidence.py`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from tui_reader.core.importers.cjk_evidence import CJK_CODECS, CONTROLS, SCRIPT, score

_BOMS = (  # UTF-32's first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MARKS = tuple(bom for bom, _ in _BOMS)
_UTF32_ORDERS = {  # the mark's byte order first
    codecs.BOM_UTF32_LE: ("utf-32-le", "utf-32-be"),
    codecs.BOM_UTF32_BE: ("utf-32-be", "utf-32-le"),
}


MAX_NUL_SHARE = 0.01
SAMPLE_BYTES = 32 * 1024  # the evidence is weighed on the start of a big file; the whole is decoded
MIN_SCORE = 0.45  # a CJK reading below this is not believed
MIN_WEIGHT = 2.0  # ...nor, before cp1252 is tried, one resting on less than two frequent characters
STRONG_SCORE = 0.65  # at or above this, with a clear lead over the runner-up, the guess is not weak
CLEAR_LEAD = 0.2
MAX_ERROR_SHARE = 0.05  # replaced bytes allowed per character considered (plus ERROR_SLACK)
ERROR_SLACK = 2
WESTERN_MAX_ODD = 0.2  # accented letters outside a word (see _western), at most, in cp1252 text
WESTERN_MIN_SHARE = 0.8  # of the non-ASCII characters, letters or _WESTERN_MARKS, at least
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_WESTERN_MARKS = "‘’‚“”„–—…•€£¢¥°«»§©®±×÷·¿¡½¼¾\u00a0"  # what cp1252 text holds besides letters


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with undecodable bytes replaced by U+FFFD; also how many were replaced."""
    text = data.decode(codec, errors="replace")
    return text, text.count("\ufffd")


def _too_many_errors(errors: int, characters: int) -> bool:
    return errors > ERROR_SLACK + MAX_ERROR_SHARE * characters


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decided.

    `guessed`: chosen by weighing evidence, not by a BOM or a strict UTF-8 decode.
    `weak`: a guess worth saying so: little evidence, a close runner-up, or bytes replaced.
    `replaced`: undecodable bytes replaced by U+FFFD.
    """

    text: str
    encoding: str
    guessed: bool = False
    weak: bool = False
    replaced: int = 0

    def describe(self) -> str:
        """A few words for an import summary, '' when there is nothing to say."""
        if not self.guessed and not self.replaced:
            return ""
        parts = [f"{'weak guess' if self.weak else 'guessed'}: {self.encoding}" if self.guessed else self.encoding]
        if self.replaced:
            parts.append(f"{self.replaced} undecodable byte{'s' if self.replaced != 1 else ''} replaced")
        return "encoding " + ", ".join(parts)


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise (binary, or empty)."""


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0) / (len(data) // 2)
    odd_nuls = data[1::2].count(0) / (len(data) // 2)
    encoding = "utf-16-be" if even_nuls > 0.3 and odd_nuls < 0.05 else None
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    if encoding is None:
        return None
    try:
        return Decoded(data.decode(encoding), encoding, guessed=True)
    except UnicodeDecodeError:
        return None


def _utf8_with_errors(sample: bytes) -> tuple[float, float] | None:
    """UTF-8 with a few bytes broken (a cut character): (score, weight), or None if it is not UTF-8.

    Valid multi-byte sequences are strong evidence: legacy bytes seldom form them by chance.
    """
    text, errors = _decode_counting(sample, "utf-8")
    valid = sum(1 for char in text if not char.isascii()) - errors
    if _too_many_errors(errors, valid + errors) or valid < 4 * errors:
        return None
    return valid / (valid + errors), float(valid)


Reading = tuple[float, float, str]  # (score, weight, codec)


def _cjk_readings(sample: bytes) -> list[Reading]:
    """Damaged UTF-8 and each CJK codec, scored on the sample (too many broken bytes: left out)."""
    readings: list[Reading] = []
    utf8 = _utf8_with_errors(sample)
    if utf8 is not None:
        readings.append((*utf8, "utf-8"))
    for codec in CJK_CODECS:
        text, errors = _decode_counting(sample, codec)
        considered = sum(1 for char in text if not char.isascii())
        if not _too_many_errors(errors, considered):
            readings.append((*score(text, codec), codec))
    return readings


def _believed(data: bytes, readings: list[Reading], min_weight: float) -> Decoded | None:
    """The best reading if it is believable; weak if it is not clearly the best or rests on little."""
    believed = [entry for entry in readings if entry[0] >= MIN_SCORE and entry[1] >= min_weight]
    if not believed:
        return None
    best = max(believed, key=lambda entry: entry[0])  # max keeps the first of equals: CJK_CODECS order
    script = SCRIPT.get(best[2])
    runner_up = max((entry[0] for entry in readings if SCRIPT.get(entry[2]) != script), default=0.0)
    text, replaced = _decode_counting(data, best[2])
    weak = best[0] < STRONG_SCORE or best[0] - runner_up < CLEAR_LEAD or best[1] < MIN_WEIGHT or replaced > 0
    return Decoded(text, best[2], guessed=True, weak=weak, replaced=replaced)


def _western(data: bytes) -> Decoded | None:
    """cp1252 when it decodes cleanly and reads like a Western language.

    In Western text an accented letter sits in a word beside an ASCII letter (café, Größe,
    informação) or stands alone (à), and non-ASCII characters seldom come three in a row.
    Cyrillic or Greek read as cp1252 is accented letters beside accented letters; CJK read as
    cp1252 is those and runs of odd symbols (ºÃ, ½»£¬).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if CONTROLS.search(text):
        return None
    sample = text[:SAMPLE_BYTES]  # one byte a character
    non_ascii = [(found.start(), found.group()) for found in _NON_ASCII.finditer(sample)]
    accented = [index for index, char in non_ascii if char.isalpha()]
    odd = sum(1 for index in accented if not _in_a_word(sample, index))
    if odd > WESTERN_MAX_ODD * len(accented):
        return None
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(sample))
    if in_runs > WESTERN_MAX_ODD * len(non_ascii):
        return None
    western = sum(1 for _, char in non_ascii if char.isalpha() or char in _WESTERN_MARKS)
    if western < WESTERN_MIN_SHARE * len(non_ascii):
        return None
    return Decoded(text, "cp1252", guessed=True)


def _in_a_word(text: str, index: int) -> bool:
    """Beside an ASCII letter, or alone between ASCII spaces and punctuation."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    return before.isascii() and after.isascii()


# What charset_normalizer may not answer: the multi-byte codecs are weighed above, and UTF-16/32
# are only believed with a BOM or the NUL pattern.
_NOT_SINGLE_BYTE = [
    "big5",
    "big5hkscs",
    "cp932",
    "cp949",
    "cp950",
    "euc_jis_2004",
    "euc_jisx0213",
    "euc_jp",
    "euc_kr",
    "gb18030",
    "gb2312",
    "gbk",
    "hz",
    "iso2022_jp",
    "iso2022_jp_1",
    "iso2022_jp_2",
    "iso2022_jp_2004",
    "iso2022_jp_3",
    "iso2022_jp_ext",
    "iso2022_kr",
    "johab",
    "shift_jis",
    "shift_jis_2004",
    "shift_jisx0213",
    "utf_16",
    "utf_16_be",
    "utf_16_le",
    "utf_32",
    "utf_32_be",
    "utf_32_le",
    "utf_7",
]


def _single_byte(data: bytes) -> Decoded | None:
    best = from_bytes(data, cp_exclusion=_NOT_SINGLE_BYTE).best()
    if best is None:
        return None
    return Decoded(str(best), best.encoding, guessed=True, weak=True)


def _clean_cp1252(data: bytes) -> Decoded | None:
    """The last resort: cp1252 that decodes with no control character is text, if odd text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if CONTROLS.search(text) else Decoded(text, "cp1252", guessed=True, weak=True)


def _utf32(body: bytes, bom: bytes) -> Decoded:
    """The text after a UTF-32 mark, in the byte order it decodes in (see the module's docstring). A
    last character cut short costs that character, as a cut one does in UTF-8."""
    whole = len(body) - len(body) % 4
    for codec in _UTF32_ORDERS[bom]:
        try:
            text = body[:whole].decode(codec)
        except UnicodeDecodeError:
            continue
        cut = int(whole < len(body))
        return Decoded(text + "\ufffd" * cut, codec, replaced=cut)
    raise NotText(f"not UTF-32, though it starts with UTF-32's byte-order mark ({bom.hex(' ').upper()})")


def decode_text(data: bytes) -> Decoded:
    """Decode `data` and say how sure we are. Raise NotText for empty or binary input."""
    if not data.strip():
        raise NotText("empty file")
    # Each file is looked at: all the marks at once, and NULs counted only when there is one
    # (~2.3 of the ~5 us of an IMDB file's decoding).
    for bom, encoding in _BOMS if data.startswith(_MARKS) else ():
        if data.startswith(bom):
            if bom in _UTF32_ORDERS:
                return _utf32(data[len(bom) :], bom)
            marked, replaced = _decode_counting(data, encoding)
            return Decoded(marked, encoding, replaced=replaced)
    nuls = data.count(0) if 0 in data else 0
    if nuls:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if nuls and (text is None or nuls / len(data) > MAX_NUL_SHARE):
        raise NotText("binary file (contains NUL bytes)")
    if text is not None:
        return Decoded(text, "utf-8")  # a stray NUL in valid UTF-8 is dirt in text, removed by repair()
    readings = _cjk_readings(data[:SAMPLE_BYTES])
    found = (
        _believed(data, readings, MIN_WEIGHT)
        or _western(data)
        or _believed(data, readings, 0.0)  # a file of a CJK character or two: a weak guess
        or _single_byte(data)
        or _clean_cp1252(data)
    )
    if found is None:
        raise NotText("binary file (no text encoding fits)")
    return found


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for empty or binary input."""
    decoded = decode_text(data)
    return decoded.text, decoded.encoding
