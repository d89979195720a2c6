"""Bytes to text: encodings detected, never assumed."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


MAX_NUL_SHARE = 0.01


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise (binary, or empty)."""


def _utf16_without_bom(data: bytes) -> str | None:
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
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for empty or binary input."""
    if not data.strip():
        raise NotText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    nuls = data.count(0)
    if nuls:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if nuls and (text is None or nuls / len(data) > MAX_NUL_SHARE):
        raise NotText("binary file (contains NUL bytes)")
    if text is not None:
        return text, "utf-8"  # a stray NUL in valid UTF-8 is dirt in text, removed by repair()
    best = from_bytes(data).best()
    if best is None:
        raise NotText("binary file (no text encoding fits)")
    return str(best), best.encoding
