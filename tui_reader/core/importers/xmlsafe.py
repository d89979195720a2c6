"""Safe, forgiving XML for exports: no DTDs or entities, and repair of what exporters break.

defusedxml refuses DTDs (so no entity expansion bombs, no external entities, no
network). Real exports are often not well-formed, so when the strict parse fails
we repair the common breakages and try once more:
- characters XML forbids (NUL in CDATA, other C0 controls) are removed, and so are
  references to them (`&#27;`, `&#x1b;`, `&#0;`: one refused a whole WXR export);
- undeclared namespace prefixes (`wp:` without `xmlns:wp`) are declared;
- HTML entities (`&nbsp;`) and bare ampersands are turned into valid references.

Tags come back as `prefix:local` names (`wp:comment`, `content:encoded`, plain
`item`) chosen from the namespace URI, so WXR 1.0/1.1/1.2 read the same. A format's own
namespaces (Blogger's Atom) are named by that format alone: a WordPress channel's
`<atom:link rel="self">` read as its `<link>` changed the site in every post's id.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.entities import name2codepoint
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tui_reader.core.importers.base import InputError, Parsed, Skipped

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A character reference, or a CDATA section (whose text holds none: left as it is).
_CHARREF = re.compile(r"<!\[CDATA\[.*?\]\]>|&#(?:x([0-9A-Fa-f]+)|([0-9]+));", re.DOTALL)
_PREFIXES = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=")
_DECLARED = re.compile(r"xmlns:([A-Za-z_][\w.-]*)\s*=")
_ROOT_START = re.compile(r"<(?![?!])[A-Za-z_][\w.:-]*")
_AMPERSAND = re.compile(r"&(?!#\d{1,7};|#x[0-9A-Fa-f]{1,6};|(?:amp|lt|gt|quot|apos);)(?:([A-Za-z][A-Za-z0-9]{1,31});)?")
_UNDECLARED_URI = "urn:tui-reader:undeclared:"

# Namespace URI fragments -> the prefix every reader of these formats expects.
_KNOWN = (
    ("wordpress.org/export/", "excerpt", "excerpt"),
    ("wordpress.org/export/", "", "wp"),
    ("purl.org/rss/1.0/modules/content", "", "content"),
    ("purl.org/dc/elements", "", "dc"),
    ("wellformedweb.org/CommentAPI", "", "wfw"),
    ("disqus.com/disqus-internals", "", "dsq"),
    ("disqus.com", "", ""),
)
Namespaces = tuple[tuple[str, str, str], ...]  # (URI fragment, another fragment it must hold, prefix)
# Blogger's backup: an Atom feed (its tags bare), its entries' threads and drafts. Only Blogger
# asks for these: elsewhere Atom is a stranger (`Atom:link`), never the document's own `link`.
ATOM: Namespaces = (
    ("www.w3.org/2005/Atom", "", ""),
    ("purl.org/syndication/thread", "", "thr"),
    ("purl.org/atom/app", "", "app"),
    ("www.w3.org/2007/app", "", "app"),
    ("schemas.google.com/blogger", "", "blogger"),  # Takeout's schema (2018): `blogger:type`, `blogger:parent`
)


def _prefix_for(uri: str, own: Namespaces = ()) -> str:
    if uri.startswith(_UNDECLARED_URI):
        return uri[len(_UNDECLARED_URI) :]
    for fragment, extra, prefix in (*own, *_KNOWN):
        if fragment in uri and extra in uri:
            return prefix
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _rename(root: ET.Element, own: Namespaces = ()) -> ET.Element:
    """Rewrite `{uri}local` tags and attribute names as `prefix:local`."""
    cache: dict[str, str] = {}

    def name(tag: str) -> str:
        if not tag.startswith("{"):
            return tag
        found = cache.get(tag)
        if found is None:
            uri, local = tag[1:].split("}", 1)
            prefix = _prefix_for(uri, own)
            found = cache[tag] = f"{prefix}:{local}" if prefix else local
        return found

    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = name(element.tag)
        if element.attrib:
            element.attrib = {name(key): value for key, value in element.attrib.items()}
    return root


def _entity(match: re.Match[str]) -> str:
    name = match[1]
    if name is None:
        return "&amp;"
    codepoint = name2codepoint.get(name)
    return f"&#{codepoint};" if codepoint is not None else f"&amp;{name};"


def _allowed(code: int) -> bool:
    """XML 1.0's Char production."""
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _charref(match: re.Match[str]) -> str:
    """A reference to a character XML forbids is dropped, as the raw character is."""
    digits = match[1] or match[2]
    if digits is None:  # a CDATA section
        return match[0]
    code = int(digits, 16 if match[1] else 10) if len(digits) <= 8 else -1
    return match[0] if _allowed(code) else ""


def _declare_prefixes(text: str) -> str:
    used = {a or b for a, b in _PREFIXES.findall(text)} - {"xml", "xmlns"}
    missing = sorted(used - set(_DECLARED.findall(text)))
    root = _ROOT_START.search(text)
    if not missing or root is None:
        return text
    declarations = "".join(f' xmlns:{prefix}="{_UNDECLARED_URI}{prefix}"' for prefix in missing)
    return text[: root.end()] + declarations + text[root.end() :]


def _repair(text: str) -> str:
    text = _FORBIDDEN.sub("", text)
    text = _CHARREF.sub(_charref, text)
    text = _declare_prefixes(text)
    return _AMPERSAND.sub(_entity, text)


class XMLRefused(ValueError):
    """The XML is unsafe (a DTD or entities) or broken beyond repair."""


def parse_xml(text: str, path: Path | str = "", own: Namespaces = ()) -> tuple[ET.Element, bool]:
    """Root element with `prefix:local` tags (`own`: the format's namespaces, read first), and
    whether repairs were needed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return _rename(fromstring(text, forbid_dtd=True), own), False
    except DefusedXmlException as error:
        raise XMLRefused(f"unsafe XML refused ({type(error).__name__}: DTDs and entities are not allowed)") from None
    except (ET.ParseError, ValueError):
        pass
    try:
        return _rename(fromstring(_repair(text), forbid_dtd=True), own), True
    except DefusedXmlException as error:
        raise XMLRefused(f"unsafe XML refused ({type(error).__name__}: DTDs and entities are not allowed)") from None
    except (ET.ParseError, ValueError) as error:
        raise XMLRefused(f"not well-formed XML, even after repair ({error})") from None


def export_root(text: str, path: Path, root_tag: str, not_it: str, parsed: Parsed, own: Namespaces = ()) -> ET.Element:
    """An XML export's root, for every XML importer alike: unsafe or broken XML, or another root
    than `root_tag`, refused in one line naming the file (`not_it`: what it then is not); a
    repair noted in `parsed`, so the user knows the file was not well-formed."""
    try:
        root, repaired = parse_xml(text, path, own)
    except XMLRefused as error:
        raise InputError(path, str(error)) from None
    if root.tag != root_tag:
        raise InputError(path, not_it)
    if repaired:
        parsed.skipped.append(Skipped(str(path), "repaired (XML was not well-formed)", 0))
    return root


def child_text(element: ET.Element, tag: str) -> str:
    """Text of the first child named `tag` (CDATA included), or ''."""
    child = element.find(tag)
    return (child.text or "") if child is not None else ""
